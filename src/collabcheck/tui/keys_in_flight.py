"""Keys typed as one screen closes and the next opens reach the next screen, in order.

The app hands each key to the screen showing when the key is read; a key no widget takes
comes back up to the app, which then runs whatever binding it names. In a burst, a key can
come back after the screen it was handed to has closed: "n", "A", "l", "i", "c", "e" typed
at once on the welcome screen are all handed to it before "n" closes it, and the letters come
back once "Who is here" is showing. Textual would check them against that screen's bindings
only and drop them: the name box never saw them. And a key read while the next screen is
still being built finds no box to go in either. So the app notes which screen each key was
handed to; a key that comes back from a screen that has closed is typed again; and keys wait,
in the order they were typed, until the screen showing has been built (the empty screen
between two screens keeps them meanwhile: screens/between.py). No key overtakes another.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Sequence
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen

HELD = 256  # keys remembered at most: one a binding took never comes back, and is forgotten
LOOK_AGAIN = 0.02  # seconds between looks at a screen still being built


class KeysInFlight:
    """Where each key on its way was handed, and the keys waiting for the next screen."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.handed: OrderedDict[int, tuple[events.Key, Screen[Any]]] = OrderedDict()
        self.waiting: deque[events.Key] = deque()
        self.turn: events.Key | None = None  # the waiting key let through, on its way

    def read(self, key: events.Key) -> bool:
        """True when the app passes `key` on now, as ever; False when it waits its turn."""
        app = self.app
        if key.is_forwarded:  # come back untaken
            if not self.back_from_a_closed_screen(key, app.screen_stack):
                return True
            self.wait(events.Key(key.key, key.character))  # typed again, into what shows now
            return False
        if key is self.turn:
            self.turn = None
        elif self.waiting or self.turn is not None or not app.screen.is_mounted:
            self.wait(key)
            return False
        self.handed_to(key, app.screen)
        return True

    def handed_to(self, key: events.Key, screen: Screen[Any]) -> None:
        """The app is handing `key`, just read, to `screen`."""
        self.handed[id(key)] = (key, screen)  # the key is kept, so its id stays its own
        while len(self.handed) > HELD:
            self.handed.popitem(last=False)

    def back_from_a_closed_screen(self, key: events.Key, showing: Sequence[Screen[Any]]) -> bool:
        """True when `key`, come back to the app untaken, was handed to a screen that is no
        longer open (not in `showing`, the app's screen stack)."""
        entry = self.handed.pop(id(key), None)
        return entry is not None and entry[0] is key and entry[1] not in showing

    def wait(self, key: events.Key) -> None:
        self.waiting.append(key)
        if len(self.waiting) == 1 and self.turn is None:
            self.app.call_later(self.let_next)

    def let_next(self) -> None:
        """The first waiting key goes on once the screen showing is built; then the next."""
        if not self.waiting or self.turn is not None:
            return
        if not self.app.screen.is_mounted:
            self.app.set_timer(LOOK_AGAIN, self.let_next)
            return
        self.turn = self.waiting.popleft()
        self.app.post_message(self.turn)
        self.app.call_later(self.let_next)  # runs once the app has passed this key on
