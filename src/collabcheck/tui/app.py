"""The collabcheck app: walks partners through a sitting, one screen per step.

The flow (welcome → who is here → where the partnership stands → each partner in turn →
together → saved) reads top to bottom in one worker coroutine, `run_flow`: each screen is
pushed and awaited for the typed result it dismisses with, so the order of steps lives in
one place and every screen can be tested alone. The app holds the sitting in progress and
autosaves it after every change, keystroke by keystroke, by a writer thread (`autosave.py`),
so a kill at any moment loses at most the last fraction of a second of typing.

No Textual traceback ever reaches the screen or the terminal: it can hold a private
reflection. Any fault keeps the sitting if it can and ends with one plain line (`crash.py`).

Only the welcome screen is imported at start-up; the others (and the comparison) are
imported when first needed, so the first screen appears about as fast as a bare Textual app.
"""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen
from textual.worker import Worker

from collabcheck.core import paths
from collabcheck.core.bank import Bank
from collabcheck.tui.autosave import Autosaver
from collabcheck.tui.crash import after_textual_fault, end_after_fault, quiet_console
from collabcheck.tui.keeping import KeepsItsOwn
from collabcheck.tui.keys_in_flight import KeysInFlight
from collabcheck.tui.screens.between import BetweenScreens
from collabcheck.tui.screens.welcome import WelcomeScreen
from collabcheck.tui.steps import SittingSteps

if TYPE_CHECKING:
    from collabcheck.core.sitting import Sitting


EXIT_AFTER_FIRST_PAINT = "COLLABCHECK_EXIT_AFTER_FIRST_PAINT"
Clock = Callable[[], datetime]
Result = TypeVar("Result")


def local_now() -> datetime:
    """The time now, timezone-aware local time, to the second (as snapshots store it)."""
    return datetime.now().astimezone().replace(microsecond=0)


class CollabcheckApp(SittingSteps):
    """A sitting at one laptop; see the module docstring for the flow."""

    CSS_PATH = "collabcheck.tcss"
    LATER_CSS = "screens.tcss"
    TITLE = "collabcheck"
    ENABLE_COMMAND_PALETTE = True
    # The welcome screen is pushed just after the app mounts (`start`); an app whose first
    # screen comes from the flow itself (served in a browser) starts the flow as it mounts.
    first_screen_after_mount: bool = True
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="The five practices and the keys"),
        Binding("question_mark", "help", "Help", show=False),
        Binding(
            "f2", "toggle_theme", "Light/dark", show=False, tooltip="Switch between light and dark colours"
        ),
        Binding(
            "ctrl+q",
            "stop",
            "Stop",
            priority=True,
            tooltip="Stop for now; your answers are kept and you can carry on later",
        ),
    ]

    def __init__(
        self, bank: Bank, snapshot_dir: Path, state_dir: Path | None = None, now: Clock | None = None
    ) -> None:
        super().__init__()
        self.bank = bank
        self.snapshot_dir = Path(snapshot_dir)
        self.state_dir = paths.state_dir(state_dir)
        self.now: Clock = now or local_now
        self.sitting: Sitting | None = None
        self.saved_path: Path | None = None
        self.exit_message = ""
        self.crash_message = ""
        self.theme = "textual-dark"
        self.saver = Autosaver(self._write_state, self._autosave_failed)
        # Textual prints its report of a fault it handled (a traceback) here: nowhere.
        self.error_console = quiet_console()
        self.ui_loop: asyncio.AbstractEventLoop | None = None
        self.flow: Worker[None] | None = None
        self._first_welcome: asyncio.Future[str | None] | None = None
        self.gc_paused = not gc.isenabled()  # by the command line, for start-up (cli.cmd_app)
        self.keys_in_flight = KeysInFlight(self)

    # -- start ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.ui_loop = asyncio.get_running_loop()
        self._catch_hangup()
        if self.first_screen_after_mount:
            self.call_later(self.start)
        else:
            self.start()
        # Once the first frame is written: Textual runs a callback "after refresh" as soon as
        # nothing is waiting to be drawn, which on start-up is just before the first frame is
        # written; one asked for then runs once it is (WelcomeScreen.on_mount does the same).
        self.call_after_refresh(self.call_after_refresh, self.after_first_frame)
        if os.environ.get(EXIT_AFTER_FIRST_PAINT):  # for bench/startup_bench.py
            self.call_after_refresh(self.exit, 0)

    def start(self) -> None:
        """The first screen, then the flow: called once the app has mounted, rather than as it
        mounts. Textual does not draw while it mounts the app, so a screen pushed then was laid
        out and rendered for nothing, then again with the terminal's size, and its footer's
        keys were filled in before its first frame: about a tenth of the work before that frame
        (bench/startup_bench.py). Pushed just after, it is drawn once, as a bare app's screen
        is, and its footer's keys come a frame later, as Textual fills every footer. A key
        typed before it is up is kept by the screen under it (`BetweenScreens`)."""
        self._first_welcome = self.open_first_screen()
        self.flow = self.run_flow()

    def after_first_frame(self) -> None:
        """What waits until the first screen is drawn, because doing it before made start-up
        slower (bench/startup_bench.py): the garbage collector runs again, and the other
        screens' style rules (LATER_CSS) are read. Also done before any other screen is
        pushed (`push_screen`), should a key be quicker than the first frame."""
        if self.gc_paused:
            self.gc_paused = False
            gc.enable()
        if self.return_code is not None:
            return  # the app is ending (quit at once, or the bench): nothing more to style
        path = Path(__file__).with_name(self.LATER_CSS)
        if not self.stylesheet.has_source(str(path)):
            self.stylesheet.read(path)
            self.stylesheet.parse()  # only the new file: what was read before is kept parsed
            self.stylesheet.update(self)

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        """As Textual's; any screen but the welcome screen comes after the first frame."""
        if not isinstance(screen, WelcomeScreen):
            self.after_first_frame()
        return super().push_screen(screen, *args, **kwargs)

    def on_unmount(self) -> None:
        """Whatever way the app ends, what is waiting to be written is written now (and after
        a fault Textual handled, the plain line is made: `crash.py`)."""
        self.saver.close()
        after_textual_fault(self)
        self.release_state()

    # -- the flow -------------------------------------------------------------------------

    @work(exclusive=True, group="flow")
    async def run_flow(self) -> None:
        """The whole app, top to bottom: each screen pushed and awaited for its typed result.

        It runs as a worker (waiting for a screen needs one) from start-up until the app ends,
        looping back to the welcome screen for another sitting. Help, "Stop for now?" and
        past sittings opened from the palette are pushed over the flow's screen and leave it
        waiting; quitting cancels it with the app; a fault in it is caught here, keeping the
        sitting and ending the app with one plain line (`crash.py`). It starts with the
        sitting in progress, if there is one (there is none at start-up; tests start it
        again at a sitting, which, exclusive, cancels the flow before).
        """
        try:
            while True:
                # 1. Welcome: carry on the unfinished sitting, or start a new one (self.sitting None).
                if self.sitting is None and not await self.welcome():
                    continue  # they looked at past sittings, or kept the unfinished sitting
                # 2. Who is here (a new sitting, or names typed before a stop), then where the
                #    partnership stands: asked once, together, before the first hand-over.
                s = self.sitting
                if s is None or s.stage == "who":
                    if (s := await self.who_is_here(s)) is None:
                        continue  # back to the start: the names were thrown away (the screen asked)
                    await self.where_you_stand(s)
                    await self.quick_or_full(s)
                # 3. Each partner in turn answers, unseen; then they all sit together.
                await self.each_in_turn(s)
                # 4. Together: the comparison, until they agree what to work on and it is saved.
                path, snapshot = await self.together(s)
                # 5. Saved: commit and push from there; then another sitting, or finish.
                if not await self.after_saving(path, snapshot):
                    self.exit(0)
                    return
        except Exception as error:  # one plain line, never a traceback: `crash.py`
            end_after_fault(self, error)

    def get_default_screen(self) -> Screen[None]:
        """Under every screen of the flow: one that keeps keys typed between two screens."""
        return BetweenScreens()

    async def on_event(self, event: events.Event) -> None:
        """A burst typed or pasted into a written answer is taken in as one edit
        (`NoteArea.take_input` in screens/note_area.py), so the screen and the state file
        keep up with the fastest typing; keys typed as one screen closes and the next opens
        reach the next one, in order (`keys_in_flight.py`); every other event goes on as usual."""
        if isinstance(event, events.Key) and not self.keys_in_flight.read(event):
            return
        typed = isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded
        box = self.focused if typed else None
        take = getattr(box, "take_input", None)
        if take is not None and take(event):
            return
        await super().on_event(event)
        if take is not None and not event.is_forwarded:
            box.taken_elsewhere(event)  # type: ignore[union-attr]  # a binding took it

    def open_first_screen(self) -> asyncio.Future[str | None] | None:
        """The welcome screen, pushed before the flow starts (`start`), so it is drawn in the
        app's first frame rather than a moment later, once the flow's worker has started
        (that cost about a tenth of a second of start-up). The flow's first `welcome` awaits
        its choice."""
        alone = self.hold_state()  # one app per sitting: a second one keeps apart (keeping.py)
        choice: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self.push_screen(
            self._welcome_screen(), callback=lambda c: None if choice.done() else choice.set_result(c)
        )
        if not alone:
            self.offer_new_sitting()
        return choice

    def _welcome_screen(self) -> WelcomeScreen:
        stored = self.load_state()
        resumable = stored if stored is not None and stored.matches(self.bank) else None
        other = stored if stored is not None and resumable is None else None
        from collabcheck.tui.apart_offer import offer_finder

        return WelcomeScreen(
            self.bank,
            resumable,
            other_bank=other,
            apart_offer=offer_finder(self.snapshot_dir, self.state_dir, self.bank),
            folder=self.snapshot_dir,
        )

    async def welcome(self) -> bool:
        """The welcome screen, offering to carry on a sitting made with these questions.

        True to go on, with `self.sitting` the sitting to carry on or None for a new one;
        False to show the welcome screen again.
        """
        first, self._first_welcome = self._first_welcome, None
        choice = await (asyncio.shield(first) if first is not None else self.show(self._welcome_screen()))
        if choice == "history":
            if (history := self.history_screen()) is not None:
                await self.show(history)
            return False
        if choice == "apart":  # sittings apart: each partner on their own computer
            from collabcheck.tui.apart import sit_apart

            await sit_apart(self)
            return False
        if choice == "resume":
            self.sitting = self.load_state()
            if self.sitting is not None:
                return True
        return await self.throw_away_unfinished()

    # -- actions available everywhere -------------------------------------------------------

    def action_help(self) -> None:
        """Explain the five practices and the keys, over whatever screen is showing."""
        from collabcheck.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.bank))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def action_stop(self) -> None:
        """Ask before stopping; say plainly that nothing answered is lost."""
        from collabcheck.tui.screens.dialogs import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return
        own = next((s for s in reversed(self.screen_stack) if isinstance(s, KeepsItsOwn)), None)
        if own is not None:
            question, self.exit_message = own.stop_words()
        elif self.sitting is not None and self.saved_path is None:
            self.autosave()
            question = (
                "Stop for now?\n\nEverything answered so far is kept on this computer. "
                "Next time you start collabcheck, you can carry on where you left off."
            )
            self.exit_message = (
                "collabcheck: your sitting is kept. Run collabcheck again to carry on where you left off."
            )
        else:
            question = "Close collabcheck?"
            self.exit_message = ""
        self.push_screen(
            ConfirmScreen(question, yes="Stop", no="Keep going"), lambda yes: self.exit(0) if yes else None
        )

    def action_help_quit(self) -> None:
        """Ctrl+C outside a text box: people expect it to quit, so offer to stop safely."""
        self.action_stop()

    def action_history(self) -> None:
        """Show past sittings over whatever screen is showing (the palette, the Saved screen)."""
        if (history := self.history_screen()) is not None:
            self.push_screen(history)

    def history_screen(self) -> Screen[None] | None:
        """Past sittings (of this partnership, during a sitting), or None, said on screen,
        when this version cannot show them (the screen is another module, loaded when asked)."""
        try:
            from collabcheck.tui.screens.history import HistoryScreen
        except ImportError:
            self.notify("Past sittings cannot be shown in this version.", severity="warning")
            return None
        pair = self.sitting.pair if self.sitting is not None else None
        return HistoryScreen(self.snapshot_dir, self.bank, pair=pair)

    def get_key_display(self, binding: Binding) -> str:
        """How the Footer shows a key: as the screen says, if it says (the questions screen
        shows its number keys as one range, "1-5"), else as Textual does."""
        own = getattr(self.screen, "key_display", None)
        shown = own(binding) if callable(own) else None
        return shown if isinstance(shown, str) else super().get_key_display(binding)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Only collabcheck's own commands: Textual's (Quit, Keys, Maximize, Screenshot…) are
        in its own words, and its Quit would skip the "Stop for now?" question."""
        yield SystemCommand(
            "Help: the five practices", "What each practice means, and the keys", self.action_help
        )
        yield SystemCommand(
            "Light or dark colours", "Switch between the light and dark theme", self.action_toggle_theme
        )
        yield SystemCommand(
            "Past sittings", f"Sittings saved in {escape(str(self.snapshot_dir))}", self.action_history
        )
        yield SystemCommand("Stop for now", "Quit; your answers are kept to carry on later", self.action_stop)
        # Each screen may offer its main actions as (title, help, action name) in PALETTE.
        for title, help_text, action in getattr(screen, "PALETTE", ()):
            yield SystemCommand(escape(title), escape(help_text), getattr(screen, f"action_{action}"))


def create_app(
    bank: Bank, snapshot_dir: Path, state_dir: Path | None = None, now: Clock | None = None
) -> CollabcheckApp:
    """The app, for `run_app` and for tests (which pass tmp folders and a frozen clock)."""
    return CollabcheckApp(bank=bank, snapshot_dir=snapshot_dir, state_dir=state_dir, now=now)


def run_app(bank: Bank, snapshot_dir: Path, state_dir: Path | None = None) -> int:
    """Run a sitting in this terminal; returns the exit status for the command line."""
    from collabcheck.tui.crash import plain_fault_line

    app = create_app(bank, snapshot_dir, state_dir)
    try:
        result = app.run()
    except Exception as exc:  # one plain line, never a traceback (it can hold private text)
        app.saver.flush()
        kept = app.sitting is not None or paths.has_sitting(app.state_dir)
        print(plain_fault_line(exc, app.state_dir, kept=kept), file=sys.stderr)
        return 1
    if app.crash_message:
        print(app.crash_message, file=sys.stderr)
        return 1
    if app.exit_message:
        print(app.exit_message)
    if app.saved_path is not None:
        print(f"collabcheck: sitting saved in {app.saved_path}")
    return result if isinstance(result, int) else 0
