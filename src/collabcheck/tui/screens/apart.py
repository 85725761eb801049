"""Sittings apart on screen: what waits for this computer, and getting ready to answer alone.

`ApartScreen` brings in the team's latest work (in a thread: a pull can take seconds) and
lists what can be done: answer as a partner, carry on answering, see a finished comparison,
or open a new sitting apart. `ApartIntroScreen` is the partner's own hand-over: the same
privacy notice as a sitting at one computer, and what stays on this computer. Every word
from a file is shown as plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from collabcheck.core.apart import Look
from collabcheck.render import apart_words as words
from collabcheck.tui.screens.welcome import PRIVACY
from collabcheck.tui.text import safe
from collabcheck.tui.widgets.keys_footer import KeysFooter

OPEN_NEW, STATUS = "open", "status"  # STATUS: a sitting with nothing to do here, to read


class Choice(NamedTuple):
    """What the partner chose: a kind (answer, carry-on, comparison, open) for a sitting."""

    kind: str
    sitting: str = ""
    partner: str = ""


@dataclass
class Listing:
    """What the screen lists, gathered in a thread: the choices, each sitting's status lines,
    and what bringing in the team's work did (sentences)."""

    choices: list[tuple[Choice, str]] = field(default_factory=list)
    status: dict[str, list[str]] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)
    new_comparison: Choice | None = None  # finished, answered here, not yet seen here


class ApartScreen(Screen[Choice | None]):
    """Dismisses with the partner's Choice, or None to go back to the welcome screen."""

    DEFAULT_CSS = """
    #apart { height: 1fr; padding: 0 1; }
    #apart-choices { height: auto; max-height: 10; margin-top: 1; }
    #apart-status { margin-top: 1; }
    """
    BINDINGS = [
        Binding("o", "open_new", "Open a sitting apart"),
        Binding("f5", "reload", "Look again"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, load: Callable[[], Listing], note: str = "", auto_open: bool = True) -> None:
        super().__init__()
        self.load = load
        self.auto_open = auto_open
        self.note = note
        self.listing = Listing()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="apart"):
            yield Static(
                "[b]Sittings apart.[/b] Each of you answers on your own computer, when it "
                "suits you. Only a seal is shared until everyone has answered; then "
                "collabcheck shows the comparison."
            )
            yield Static(Text(self.note), id="apart-note", classes="gap")
            yield Static("Bringing in your team's latest work…", id="apart-loading", classes="gap")
            yield OptionList(id="apart-choices")
            yield Static("", id="apart-status")
        yield Static("Choose with ↑ ↓ and Enter. o: open a sitting apart. Esc: back.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Sittings apart"
        self.query_one("#apart-note").display = bool(self.note)
        self.action_reload()

    def action_reload(self) -> None:
        self.query_one("#apart-loading", Static).update("Bringing in your team's latest work…")
        self.run_worker(self.load, thread=True, group="apart-load", exclusive=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "apart-load":
            return
        if event.state == WorkerState.SUCCESS and isinstance(event.worker.result, Listing):
            self.show_listing(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.query_one("#apart-loading", Static).update(
                Text(f"The sittings apart could not be read: {event.worker.error}. Press F5 to try again.")
            )

    def show_listing(self, listing: Listing) -> None:
        self.listing = listing
        said = " ".join(listing.said)
        todo = [c for c, _ in listing.choices if c.kind not in (OPEN_NEW, STATUS)]
        lead = (
            "Choose one, or open a new sitting apart."
            if todo
            else "Nothing waits for you here now; see below where each sitting apart stands."
            if len(listing.choices) > 1
            else "There are no sittings apart here yet. Open one for your partnership."
        )
        self.query_one("#apart-loading", Static).update(Text(f"{said} {lead}".strip()))
        options = self.query_one("#apart-choices", OptionList)
        options.clear_options()
        options.add_options([Option(Text(label), id=str(n)) for n, (_, label) in enumerate(listing.choices)])
        options.highlighted = 0
        options.focus()
        if self.auto_open and listing.new_comparison is not None:
            self.auto_open = False  # once: the comparison opens by itself for whoever runs it
            self.dismiss(listing.new_comparison)

    @on(OptionList.OptionHighlighted, "#apart-choices")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        choice = self.listing.choices[event.option_index][0]
        lines = self.listing.status.get(choice.sitting, [])
        self.query_one("#apart-status", Static).update(Text("\n".join(lines)))

    @on(OptionList.OptionSelected, "#apart-choices")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self.listing.choices[event.option_index][0]
        if choice.kind != STATUS:
            self.dismiss(choice)

    def action_open_new(self) -> None:
        self.dismiss(Choice(OPEN_NEW))

    def action_back(self) -> None:
        self.dismiss(None)


class ApartIntroScreen(Screen[bool]):
    """Before one partner answers alone: the privacy notice, and what stays here. Dismisses
    with True to start, False to go back."""

    DEFAULT_CSS = """
    #apart-intro { height: 1fr; padding: 0 2; }
    #apart-intro Button { margin-top: 1; }
    """
    BINDINGS = [Binding("enter", "ready", "Start", priority=True), Binding("escape", "back", "Back")]

    def __init__(self, found: Look, pid: str, carrying_on: bool = False) -> None:
        super().__init__()
        self.found = found
        self.pid = pid
        self.carrying_on = carrying_on

    def compose(self) -> ComposeResult:
        name = words.who(self.found, self.pid)
        others = [words.who(self.found, p) for p in self.found.opened.partner_ids if p != self.pid]
        yield Header()
        with VerticalScroll(id="apart-intro"):
            yield Static(f"[b]A sitting apart: {safe(name)}, answering on your own.[/b]", classes="title")
            yield Static(PRIVACY)
            yield Static(
                f"Your answers stay on this computer until {safe(words.names(others))} "
                f"{'has' if len(others) == 1 else 'have'} answered too. Only a seal is "
                "shared now: it shows nothing of your answers, and proves later that "
                "they were not changed.",
                classes="gap",
            )
            if self.carrying_on:
                yield Static("You carry on where you stopped.", classes="gap")
            yield Button(f"I'm {safe(name)}, start (Enter)", id="ready", variant="primary")
        yield Static("Press Enter to start, Esc to go back.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Answering apart"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    def action_ready(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)
