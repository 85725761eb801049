"""The empty screen under every screen of the flow, which keeps keys typed between two screens.

When one screen of the flow closes, the flow (`CollabcheckApp.run_flow`) opens the next a
moment later; in between only this screen is showing. A key typed then belongs to the next
screen: "Enter, 5" typed in one burst on a hand-over must answer 5 to the first question. So
this screen holds such keys, and hands them back to the app, in order, as soon as another
screen opens over it.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class BetweenScreens(Screen[None]):
    """The app's default screen (see the module docstring); it shows nothing."""

    def __init__(self) -> None:
        super().__init__(id="between")
        self.held: list[events.Key] = []

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.held.append(events.Key(event.key, event.character))

    def on_screen_suspend(self) -> None:
        """A screen has opened over this one: it gets the keys typed meanwhile."""
        held, self.held = self.held, []
        for key in held:
            self.app.post_message(key)
