"""A small question: your name and email, so git can record who made the commit.

git refuses to commit without them, and a partner who has never used git will not know
the command to set them. They are set for this repository only (`git config --local`),
never for the whole computer, and the partners are told so.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from collabcheck.tui.widgets.keys_footer import KeysFooter


class IdentityScreen(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (name, email), or None when they would rather not."""

    BINDINGS = [
        Binding("escape", "cancel", "Not now"),
        Binding("enter", "enter", "Next / save", show=False, priority=True),
    ]

    def __init__(self, name: str = "", email: str = "") -> None:
        super().__init__()
        self.start = (name, email)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                "git needs a name and an email to record who made the commit. They are "
                "saved in this repository's settings only, not for the whole computer, "
                "and anyone who can see the repository can see them.",
                classes="question",
            )
            with Horizontal(classes="partner-row"):
                yield Label("Name", classes="row-label")
                yield Input(
                    self.start[0], placeholder="e.g. Maya Patel", id="git-name", compact=True, max_length=80
                )
            with Horizontal(classes="partner-row"):
                yield Label("Email", classes="row-label")
                yield Input(
                    self.start[1],
                    placeholder="e.g. maya@example.org",
                    id="git-email",
                    compact=True,
                    max_length=120,
                )
            yield Static("", id="identity-problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save and commit (Enter)", id="save", variant="primary")
                yield Button("Not now (Esc)", id="cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#git-name", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_enter(self) -> None:
        """Enter moves from name to email, then saves. Enter is a priority key, so it can
        arrive before the letters typed just ahead of it reach the box: saving waits in the
        box's own queue, behind them, so a quick typist's last letters are never missed."""
        focused = self.focused
        if isinstance(focused, Input) and focused.id == "git-name":
            self.set_focus(self.query_one("#git-email", Input))  # now, before the next key
        elif isinstance(focused, Button):
            focused.press()
        elif isinstance(focused, Input):
            focused.call_later(self.action_save)
        else:
            self.action_save()

    def action_save(self) -> None:
        name = " ".join(self.query_one("#git-name", Input).value.split())
        email = self.query_one("#git-email", Input).value.strip()
        if not name:
            self.say("Please type your name.", "#git-name")
        elif "@" not in email or " " in email:
            self.say("Please type an email address, such as maya@example.org.", "#git-email")
        else:
            self.dismiss((name, email))

    def say(self, text: str, box: str) -> None:
        self.query_one("#identity-problem", Static).update("! " + text)
        self.query_one(box, Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
