"""The first screen: what collabcheck is, how long it takes, and what is kept where.

Partners must know before they start that a pair has no anonymity and what the saved file will
hold (README, "Where your answers go"), so the privacy notice is on the first screen, not
behind a link. If a sitting was interrupted, carrying on is the default, so one Enter never
throws answers away.

It also helps a newcomer in: it offers the demo (a made-up partnership's reading), and, when
the snapshot folder is not ready for the team's repository, says so and offers to set it up
(`collabcheck init`). That check runs git, so it runs in a thread after the first frame.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from collabcheck.core.bank import Bank, questions
from collabcheck.render.words import folder_words, where_a_sitting_stopped
from collabcheck.tui.text import safe, safe_block
from collabcheck.tui.widgets.keys_footer import KeysFooter
from collabcheck.tui.widgets.light_button import LightButton

if TYPE_CHECKING:  # the sitting model is only loaded when one exists
    from collabcheck.core.sitting import Sitting
    from collabcheck.core.team_folder import Setup

PRIVACY = (
    "[b]Before you start — privacy.[/b] In a pair or a small group there is no anonymity: "
    "when you look at the results together, each of you will see the others' answers. "
    "The saved file holds your names and roles, every rated answer, the written reflections "
    "you choose to keep, and what you agree. You may commit it to a shared repository. "
    'A reflection you mark "keep private" is never written to it.'
)


def minutes_each(bank: Bank) -> int:
    """A rough time per partner: about 10 seconds a rated question, 45 a written one."""
    items = questions(bank)
    written = sum(1 for i in items if i.kind == "reflect")
    return max(5, round(((len(items) - written) * 10 + written * 45) / 60 / 5) * 5)


def folder_setup(folder: Path, make: bool) -> Setup:
    """The snapshot folder as the team's repository sees it (with `make`, set up first).
    Run in a thread: it imports git's modules and runs git."""
    from collabcheck.core.team_folder import check, set_up

    return set_up(folder) if make else check(folder)


def describe(s: Sitting, bank: Bank) -> str:
    """One line about an unfinished sitting, so partners recognise it."""
    shown = [safe(n) for n in s.names] or ["(no names yet)"]
    names = " and ".join([", ".join(shown[:-1]), shown[-1]]) if len(shown) > 1 else shown[0]
    when = f"{s.started_at:%a %d %b, %H:%M}"
    from collabcheck.core.forms import bank_for

    where = safe_block(
        where_a_sitting_stopped(
            s.stage,
            s.everyone_finished,
            s.partner.name if s.partners else "",
            s.current_item,
            len(questions(bank_for(bank, s))),
        )
    )
    return f"{names} (started {when}): {where}."


WELCOME = (
    "[b]Welcome.[/b] Each of you answers questions about your partnership, in turn and "
    "unseen. Then you see your answers side by side and agree one practice to work on next."
)


KEYS_HERE = """[b]Keys on the welcome screen[/b]
  n           start a new sitting
  r           carry on the unfinished sitting
  a           sittings apart (each on their own computer)
  h           past sittings
  e           an example: a made-up partnership's reading
  i           set up your team's folder (when it is not)
  Enter       press the highlighted button
"""


class WelcomeScreen(Screen[str]):
    """Dismisses with "new", "resume", "history" or "apart" (sittings apart, tui/apart.py);
    shows the demo over itself."""

    # The footer shows only the keys that matter here, so it fits at 80 columns: h and e are
    # on their buttons, i is named in the folder's note when it is offered, and help (F1 or ?)
    # lists every key of this screen first (KEYS_HERE).
    BINDINGS = [
        Binding("n", "choose('new')", "New sitting"),
        Binding("r", "choose('resume')", "Carry on"),
        Binding("a", "choose('apart')", "Sitting apart"),
        Binding("h", "choose('history')", "Past sittings", show=False),
        Binding("e", "example", "An example", show=False),
        Binding("i", "set_up", "Set up the folder", show=False),
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
    ]
    # The first button has the focus from the start (Carry on when a sitting waits, else
    # Start), rather than being focused once mounted: one restyle fewer before the first frame.
    AUTO_FOCUS = "#resume, #new"
    PALETTE = [
        ("Start a new sitting", "Enter who is here and begin", "new"),
        ("Carry on the unfinished sitting", "Pick up where you left off", "resume"),
        ("See an example", "A made-up partnership's reading; nothing is saved", "example"),
    ]

    def __init__(
        self,
        bank: Bank,
        resumable: Sitting | None,
        other_bank: Sitting | None = None,
        apart_offer: Callable[[], str] | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__()
        self.folder = folder  # the snapshot folder, handed down by the app (None: none to check)
        self.apart_offer = apart_offer  # finds sittings apart waiting here (tui/apart_offer.py)
        self.bank = bank
        self.resumable = resumable
        self.other_bank = other_bank
        self.folder_setup: Setup | None = None  # the snapshot folder, once checked

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static(WELCOME)
            note = Static("", id="folder-note")
            note.display = False  # until the folder has been checked (show_folder)
            yield note
            if self.resumable is not None:
                here = self.folder
                where = folder_words(self.resumable.folder, str(here.absolute())) if here else ""
                yield Static(
                    "[b]Unfinished sitting found:[/b] "
                    + describe(self.resumable, self.bank)
                    + (" " + safe_block(where) if where else ""),
                    id="resume-note",
                    classes="gap resume",
                )
            if self.other_bank is not None:
                o = self.other_bank
                yield Static(
                    f"[b]Unfinished sitting with other questions:[/b] "
                    f"{' and '.join(safe(n) for n in o.names)} used question bank "
                    f"'{safe(o.bank)}' version {o.bank_version}. To carry on, start collabcheck "
                    "with those questions (--questions). A new sitting here would replace it.",
                    id="other-bank-note",
                    classes="gap",
                )
            if self.apart_offer is not None:
                from collabcheck.tui.apart_offer import OfferLine

                yield OfferLine(self.apart_offer, id="apart-offer", classes="gap")
            # The list is one widget, not one a line: every widget costs start-up time, and
            # this is the first screen (bench/startup_bench.py).
            practices = "".join(f"\n {p.number}  {safe(p.title)}" for p in self.bank.practices)
            yield Static("[b]The five practices:[/b]" + practices, classes="gap oneline")
            yield Static(
                f"[b]Time:[/b] about {minutes_each(self.bank)} minutes each, then 15 to 30 minutes together."
            )
            yield Static(PRIVACY, classes="gap")
        with Horizontal(classes="buttons"):
            # Light buttons: Textual's Button looks the same but costs start-up time to style.
            if self.resumable is not None:
                yield LightButton("Carry on (r)", id="resume", primary=True)
                yield LightButton("New sitting (n)", id="new")
            else:
                yield LightButton("Start (n)", id="new", primary=True)
            yield LightButton("Past sittings (h)", id="history")
            yield LightButton("An example (e)", id="example")
        yield Static(self.hint, classes="hint")
        yield KeysFooter()

    @property
    def hint(self) -> str:
        if self.resumable is not None:
            return "Press Enter or r to carry on, n to start again, e for an example, F1 for help."
        return "Press Enter or n to start, e to see an example reading, F1 for help."

    def on_mount(self) -> None:
        self.sub_title = "Welcome"
        if self.folder is not None:
            # After the first frame is drawn: the check's thread imports git's modules and runs
            # git, so started any earlier it holds the first frame up. Textual runs a callback
            # "after refresh" as soon as nothing is waiting to be drawn, which on start-up is
            # just before the first frame is written; one asked for then runs once it is.
            self.call_after_refresh(self.call_after_refresh, self.check_folder, self.folder)

    @work(exclusive=True, group="welcome-folder")
    async def check_folder(self, folder: Path, make: bool = False) -> None:
        """Is the snapshot folder ready for the team's repository? With `make`, set it up.

        git runs in a thread; its answer is shown here, on the app's loop, and only if the
        screen is still open and the app not ending: a key pressed as the app starts can close
        it while git runs, and a quit at once ends the app before this even starts."""
        if self.app.return_code is not None:
            return  # the app is ending: no folder to look at
        result = await asyncio.to_thread(folder_setup, folder, make)
        if self.app.return_code is None and self in self.app.screen_stack:
            self.show_folder(result, make)

    def show_folder(self, setup: Setup, made: bool) -> None:
        """One line on the folder: what is missing and the key that sets it up (or, after
        setting up, what was done). The whole story is on "Who is here" and from init."""
        from collabcheck.core import git
        from collabcheck.core.team_folder import NOTE_NAME, shown

        self.folder_setup = setup
        note = self.query_one("#folder-note", Static)
        name = shown(setup.folder)
        if made and setup.ready:
            said = f"made {name} and a note for your team in it ({NOTE_NAME})."
            if setup.missing:
                said += " git does not know who you are yet: the app asks when you commit."
        elif setup.ready:
            note.display = False
            return
        elif setup.kind == git.MISSING:
            said = f"{name} is not set up yet. Press i to set it up (as collabcheck init does)."
        elif setup.kind == git.IGNORED:
            said = (
                f"git ignores {name} here, so sittings cannot be shared from it. "
                "Choose another folder with collabcheck init FOLDER."
            )
        elif setup.kind == git.NO_GIT:
            said = "git is not installed, so sittings stay on this computer."
        else:
            said = f"{name} is not in a git repository (see collabcheck init)."
        text = Text("Your team's folder: " if not made else "Done: ", style="bold")
        text.append(said)
        note.update(text)
        note.display = True
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "set_up":
            s = self.folder_setup
            return s is not None and not s.ready and not s.problem
        return not (action == "choose" and parameters == ("resume",) and self.resumable is None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "example":
            self.action_example()
            return
        self.dismiss(event.button.id)

    def action_help(self) -> None:
        """Help over this screen, starting with every key of this screen."""
        from collabcheck.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.bank, here=KEYS_HERE))

    def action_set_up(self) -> None:
        """Make the folder and its note for the team, as `collabcheck init` does."""
        if self.folder is not None:
            self.check_folder(self.folder, make=True)

    def action_example(self) -> None:
        """The demo over this screen: a made-up partnership's reading; leaving comes back here."""
        from collabcheck.core.bank import load_bank
        from collabcheck.core.errors import CollabcheckError
        from collabcheck.core.examples import load_example
        from collabcheck.tui.demo import DemoTogetherScreen

        try:
            example = load_example(load_bank())
        except CollabcheckError as exc:
            self.notify(str(exc), title="No example", severity="warning", markup=False)
            return
        self.app.push_screen(DemoTogetherScreen(example))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)

    def action_new(self) -> None:
        self.dismiss("new")

    def action_resume(self) -> None:
        if self.resumable is not None:
            self.dismiss("resume")
