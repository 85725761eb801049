"""The footer every screen shows: Textual's Footer, rebuilt only when its keys change.

Textual's Footer builds its keys afresh each time the screen says its bindings were updated:
on every change of focus and every `refresh_bindings`, even when the keys it shows are the
same. Each key is a widget whose styles are worked out three times as it mounts, so on the
question screen, where the keys are refreshed as partners move through the answers, the
footer was about half of the app's work (cProfile of tests/app/test_sitting_flow.py). This
footer remembers what it last showed (each key, its words, whether it is enabled) and lets
the rebuild through only when that differs; what it draws is Textual's own.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


def keys_shown(screen: Screen[object]) -> tuple[Hashable, ...]:
    """Everything about the screen's bindings that the footer draws from, in order: each
    binding it shows (a frozen dataclass, equal to another with the same key, words and
    action) and the command palette's, how the app shows its key (the questions screen shows
    "1-5"), whether it works, and its tooltip. Keys the footer does not show (moving in a
    list, which come and go with the focus) are left out, so they rebuild nothing."""
    app = screen.app
    palette = app.COMMAND_PALETTE_BINDING
    return tuple(
        (binding, app.get_key_display(binding), enabled, tooltip)
        for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class KeysFooter(Footer):
    """A Footer that is rebuilt only when the keys it would show have changed."""

    # What the keys were built from when last built (None: not built yet). Footer builds
    # nothing until the screen first says its bindings changed.
    shown: tuple[Hashable, ...] | None = None
    told: bool = False

    def compose(self) -> ComposeResult:
        self.shown = keys_shown(self.screen) if self.told else None
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.shown is not None and screen is self.screen and keys_shown(screen) == self.shown:
            return
        self.told = True
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        """Rebuild, unless the keys are still those drawn: the screen often says its bindings
        changed twice before the first rebuild runs (once as a key is handled, once after the
        focus has moved), and each saying asks for a rebuild."""
        if self.shown is not None and self.is_attached and keys_shown(self.screen) == self.shown:
            return
        await super().recompose()
