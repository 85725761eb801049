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

from rich.cells import cell_len
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


def keys_width(screen: Screen[object]) -> tuple[int, int]:
    """The columns the footer's keys take, as Textual draws them (" key words " each, one
    per action), and those of the command palette's key on the right (with its edge)."""
    app = screen.app
    palette = app.COMMAND_PALETTE_BINDING
    widths: dict[str, int] = {}
    palette_width = 0
    for key, active in screen.active_bindings.items():
        binding = active.binding
        width = cell_len(app.get_key_display(binding)) + cell_len(binding.description) + 3
        if key == palette:
            palette_width = width + 1
        elif binding.show:
            widths.setdefault(binding.action, width)
    return sum(widths.values()), palette_width


class KeysFooter(Footer):
    """A Footer that is rebuilt only when the keys it would show have changed, and that
    leaves out the command palette's key when there is no room for it beside the screen's
    own keys (at 80 columns, "f1 Help" was cut to "f1 Hel" on the example's screen; Ctrl+P
    still opens the palette, and help lists it)."""

    # What the keys were built from when last built (None: not built yet). Footer builds
    # nothing until the screen first says its bindings changed.
    shown: tuple[Hashable, ...] | None = None
    told: bool = False

    def _drawn_from(self) -> tuple[Hashable, ...]:
        """The keys, and whether the palette's key fits beside them at this width."""
        own, palette = keys_width(self.screen)
        width = self.screen.size.width or self.app.size.width
        return (*keys_shown(self.screen), own + palette <= width)

    def compose(self) -> ComposeResult:
        self.shown = self._drawn_from() if self.told else None
        if self.shown is not None:
            self.set_reactive(Footer.show_command_palette, bool(self.shown[-1]))
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.shown is not None and screen is self.screen and self._drawn_from() == self.shown:
            return
        self.told = True
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        """A wider or narrower terminal may make room for the palette's key, or take it."""
        if self.shown is not None and self.is_attached and self._drawn_from() != self.shown:
            self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        """Rebuild, unless the keys are still those drawn: the screen often says its bindings
        changed twice before the first rebuild runs (once as a key is handled, once after the
        focus has moved), and each saying asks for a rebuild."""
        if self.shown is not None and self.is_attached and self._drawn_from() == self.shown:
            return
        await super().recompose()
