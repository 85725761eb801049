"""Welcome, in the browser: the unfinished sittings on this computer, to carry one on or start anew.

With `collabcheck serve`, every browser tab is its own sitting, and several may be waiting:
a tab closed by mistake, or another pair who stopped for now. Each is listed in words
(who, when, how far) with a number key; only sittings no other tab is using are listed, so
two tabs never carry on the same one.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from collabcheck.core.bank import Bank
from collabcheck.core.sitting import Sitting
from collabcheck.tui.screens.welcome import WELCOME, describe
from collabcheck.tui.widgets.keys_footer import KeysFooter

MAX_LISTED = 9


class SittingsScreen(Screen[Path | str]):
    """Dismisses with the folder of the sitting to carry on, or "new"."""

    BINDINGS = [
        Binding("1", "pick(1)", "Carry on", key_display="1-9"),
        *[Binding(str(n), f"pick({n})", show=False) for n in range(2, MAX_LISTED + 1)],
        Binding("n", "new", "New sitting"),
    ]

    def __init__(self, waiting: list[tuple[Path, Sitting]], bank: Bank) -> None:
        super().__init__()
        self.waiting = waiting[-MAX_LISTED:]  # the most recent, oldest first
        self.bank = bank

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static(WELCOME)
            count = len(self.waiting)
            yield Static(
                f"[b]Unfinished sittings on this computer ({count}):[/b] carry one on "
                "where it was left, or start a new sitting.",
                classes="gap",
            )
            for n, (_, s) in enumerate(self.waiting, 1):
                yield Button(
                    f"{n}. {describe(s, self.bank)}", id=f"sitting-{n}", classes="sitting", compact=True
                )
        with Horizontal(classes="buttons"):
            yield Button("New sitting (n)", id="new", variant="primary", compact=True)
        last = len(self.waiting)
        keys = "Press 1" if last == 1 else "Press 1 or 2" if last == 2 else f"Press 1 to {last}"
        yield Static(f"{keys} to carry on a sitting, or n to start a new one.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Welcome"
        self.query_one("#new", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return isinstance(parameters[0], int) and parameters[0] <= len(self.waiting)
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "new":
            self.action_new()
        elif event.button.id and event.button.id.startswith("sitting-"):
            self.action_pick(int(event.button.id.removeprefix("sitting-")))

    def action_pick(self, n: int) -> None:
        if 1 <= n <= len(self.waiting):
            self.dismiss(self.waiting[n - 1][0])

    def action_new(self) -> None:
        self.dismiss("new")
