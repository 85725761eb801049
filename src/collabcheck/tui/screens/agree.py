"""Agree: the partners choose the practice to work on (the suggestion or another) and note actions.

The suggestion is a starting point, not a verdict, so any practice can be chosen with one key;
the choice is marked with "●" and "(suggested)" is written out, never shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from collabcheck.core.bank import Bank
from collabcheck.tui.text import safe
from collabcheck.tui.widgets.keys_footer import KeysFooter

OPTION_WIDTH = 70  # inside the 78-column dialog, less its border, padding and a spare column


class Agreement(NamedTuple):
    """What the partners chose; `save` is False when they went back to the comparison first."""

    practice: int
    actions: list[str]
    save: bool


class AgreeScreen(ModalScreen[Agreement]):
    """Dismisses with the Agreement, to save it or keep it as a draft (Escape)."""

    BINDINGS = [
        # Priority (and off while typing actions, see check_action), so a digit and Tab typed
        # in one burst are taken in order: the choice first, then the move to the box.
        Binding("1", "choose(1)", "Choose", key_display="1-5", priority=True),
        *[Binding(str(n), f"choose({n})", show=False, priority=True) for n in range(2, 6)],
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Back to the comparison"),
        # Priority, so the focus moves before the next key of a burst is delivered: "3, Tab,
        # then type at once" puts every letter in the actions box.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    # The practice chosen: every choice redraws the options and is kept (even the same one
    # again, which brings the highlight back to it).
    chosen: reactive[int] = reactive(1, init=False, always_update=True)

    def __init__(
        self,
        bank: Bank,
        suggested: int,
        chosen: int,
        actions: list[str],
        on_change: Callable[[int, list[str]], None] | None = None,
    ) -> None:
        super().__init__()
        self.bank = bank
        self.suggested = suggested
        self.set_reactive(AgreeScreen.chosen, chosen)
        self.actions = actions
        self.on_change = on_change

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="agree"):
            yield Static(
                "[b]Which practice will you work on next?[/b]  Press 1 to 5, or ↑ ↓ and "
                "Enter. The suggestion is only a starting point.",
                id="agree-ask",
            )
            yield OptionList(*self.options(), id="practices", compact=True)
            yield Static("Actions you agree (optional, one per line). Tab to move here:")
            yield TextArea("\n".join(self.actions), id="actions", soft_wrap=True, tab_behavior="focus")
            yield Static("", id="chosen-line")
            with Horizontal(classes="buttons"):
                yield Button("Save the sitting (Ctrl+S)", id="save", variant="primary", compact=True)
                yield Button("Back (Esc)", id="cancel", compact=True)
        yield KeysFooter()

    def options(self) -> list[Option]:
        out = []
        for p in self.bank.practices:
            mark = "●" if p.number == self.chosen else " "
            note = "  (suggested)" if p.number == self.suggested else ""
            # One line each at 80 columns: a long suggested title gives way to "(suggested)".
            title = safe(p.title, OPTION_WIDTH - 5 - len(note))
            out.append(Option(f"{mark} {p.number}  {title}{note}", id=f"practice-{p.number}"))
        return out

    def on_mount(self) -> None:
        self.refresh_choice()
        self.query_one("#practices", OptionList).focus()

    def refresh_choice(self) -> None:
        ol = self.query_one("#practices", OptionList)
        ol.clear_options()
        ol.add_options(self.options())
        ol.highlighted = self.chosen - 1
        # One line whatever the practice: a second line would push the buttons out of sight.
        title = safe(self.bank.practice(self.chosen).title, OPTION_WIDTH - 12)
        self.query_one("#chosen-line", Static).update(f"Chosen: [b]{self.chosen}. {title}[/b]")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Digits typed in the actions box are part of the words, not a choice.
        return not (action == "choose" and isinstance(self.focused, TextArea))

    def action_choose(self, number: int) -> None:
        self.chosen = number

    def watch_chosen(self) -> None:
        """A choice is shown (● and the Chosen line) and kept at once, so a crash loses none."""
        self.refresh_choice()
        self.changed()

    @on(TextArea.Changed, "#actions")
    def changed(self) -> None:
        """Keep the choice and every line typed as it is typed (the app throttles the writes)."""
        if self.on_change is not None:
            self.on_change(self.chosen, self.query_one("#actions", TextArea).text.split("\n"))

    @on(OptionList.OptionSelected, "#practices")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option_index + 1)
        self.query_one("#actions", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def agreement(self, save: bool) -> Agreement:
        lines = self.query_one("#actions", TextArea).text.splitlines()
        return Agreement(self.chosen, [line.strip() for line in lines if line.strip()], save)

    def action_save(self) -> None:
        self.dismiss(self.agreement(save=True))

    def action_cancel(self) -> None:
        self.dismiss(self.agreement(save=False))
