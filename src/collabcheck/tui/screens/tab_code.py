"""Welcome, in a browser tab when sittings are waiting: carry on yours with its code, or start.

A tab shows only the sitting started in it, so another pair's names never appear here. A pair
whose tab was closed type the code that tab showed at the top; anyone else starts anew.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from collabcheck.tui.screens.welcome import WELCOME
from collabcheck.tui.widgets.keys_footer import KeysFooter


class TabCodeScreen(Screen[str | None]):
    """Dismisses with the code typed, or None for a new sitting."""

    BINDINGS = [
        Binding("enter", "carry_on", "Carry on", priority=True),
        Binding("escape", "new", "New sitting"),
    ]

    def __init__(self, problem: str = "") -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static(WELCOME)
            yield Static(
                "[b]Carrying on a sitting from another tab?[/b] Type the code that "
                "was shown at the top of that tab, for example ABCD-EFGH, then press "
                "Enter.",
                classes="gap",
            )
            with Horizontal(classes="partner-row gap"):
                yield Static("Code", classes="row-label")
                yield Input(id="code", compact=True, max_length=12, placeholder="ABCD-EFGH")
            yield Static(self.problem, id="problem", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("New sitting (Esc)", id="new", variant="primary", compact=True)
        yield Static("Enter: carry on with the code.  Esc: start a new sitting.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Welcome"
        self.query_one("#code", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "new":
            self.action_new()

    def action_carry_on(self) -> None:
        typed = self.query_one("#code", Input).value.strip()
        self.dismiss(typed or None)

    def action_new(self) -> None:
        self.dismiss(None)
