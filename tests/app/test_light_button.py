"""The welcome screen's light button is drawn cell for cell as Textual's compact Button, in
every state it can be in (plain or primary; resting, focused, under the mouse, pressed,
disabled), in the dark and the light theme: it only carries fewer style rules."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from collabcheck.tui.widgets.light_button import LightButton

STATES = ["rest", "focus", "hover", "active", "disabled"]


class Pair(App[None]):
    """One Textual Button and one light button with the same label, side by side."""

    CSS = ".buttons Button, .buttons LightButton { margin: 0 1; }"
    AUTO_FOCUS = ""  # nothing focused at rest

    def __init__(self, primary: bool, theme: str) -> None:
        super().__init__()
        self.primary = primary
        self.theme = theme

    def compose(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            variant = "primary" if self.primary else "default"
            yield Button("Start (n)", id="real", variant=variant, compact=True)
            yield LightButton("Start (n)", id="light", primary=self.primary)


def cells(app: App[None], button: Button) -> list[str]:
    """What the button draws: each line's text and styles."""
    return [
        "".join(f"{seg.text}|{seg.style}" for seg in strip)
        for strip in (button.render_line(y) for y in range(button.size.height))
    ]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("primary", [False, True])
@pytest.mark.parametrize("state", STATES)
async def test_light_button_is_drawn_as_a_compact_button(state, primary, theme):
    app = Pair(primary, theme)
    async with app.run_test(size=(80, 5)) as pilot:
        real, light = app.query_one("#real", Button), app.query_one("#light", Button)
        for button in (real, light):
            if state == "focus":
                button.focus()
                await pilot.pause()
            elif state == "hover":
                await pilot.hover(button)
            elif state == "active":
                button.add_class("-active")
            elif state == "disabled":
                button.disabled = True
            await pilot.pause()
            drawn = cells(app, button)
            assert button.size == real.size and button.region.y == real.region.y
            if button is real:
                expected = drawn
            else:
                assert drawn == expected, (state, primary, theme)
            if state in ("focus", "hover", "active"):  # one at a time, as a user would see it
                app.set_focus(None)
                button.remove_class("-active")
                await pilot.hover(None)
                await pilot.pause()
    assert isinstance(light, Button) and light.compact
    assert light.variant == ("primary" if primary else "default")
