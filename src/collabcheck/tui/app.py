"""The collabcheck app: walks partners through a sitting, one screen per step.

The app owns the flow (welcome → who → each partner in turn → together → save) and the
sitting in progress; each screen shows one step and dismisses with a typed result, so the
order of steps lives in one place and every screen can be tested alone. The sitting is
autosaved after every change, keystroke by keystroke, by a writer thread (`autosave.py`), so
a kill at any moment loses at most the last fraction of a second of typing.

No Textual traceback ever reaches the screen or the terminal: it can hold a private
reflection. Any fault keeps the sitting if it can and ends with one plain line (`crash.py`).

Only the welcome screen is imported at start-up; the others (and the comparison) are
imported when first needed, so the first screen appears about as fast as a bare Textual app.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from collabcheck.core import paths
from collabcheck.core.bank import Bank
from collabcheck.tui.autosave import Autosaver
from collabcheck.tui.keeping import KeepsState, _store
from collabcheck.tui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:
    from collabcheck.core.sitting import Sitting


EXIT_AFTER_FIRST_PAINT = "COLLABCHECK_EXIT_AFTER_FIRST_PAINT"
Clock = Callable[[], datetime]


def local_now() -> datetime:
    """The time now, timezone-aware local time, to the second (as snapshots store it)."""
    return datetime.now().astimezone().replace(microsecond=0)


class CollabcheckApp(KeepsState):
    """A sitting at one laptop; see the module docstring for the flow."""

    CSS_PATH = "collabcheck.tcss"
    TITLE = "collabcheck"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", tooltip="The five practices and the keys"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "toggle_theme", "Light/dark", show=False,
                tooltip="Switch between light and dark colours"),
        Binding("ctrl+q", "stop", "Stop", priority=True,
                tooltip="Stop for now; your answers are kept and you can carry on later"),
    ]

    def __init__(self, bank: Bank, snapshot_dir: Path, state_dir: Path | None = None,
                 now: Clock | None = None) -> None:
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
        self._loop: asyncio.AbstractEventLoop | None = None

    # -- start ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._catch_hangup()
        self._back_to_welcome()
        if os.environ.get(EXIT_AFTER_FIRST_PAINT):  # for bench/startup_bench.py
            self.call_after_refresh(self.exit, 0)

    def on_unmount(self) -> None:
        """Whatever way the app ends, what is waiting to be written is written now."""
        self.saver.close()

    def _catch_hangup(self) -> None:
        """Closing the terminal window sends SIGHUP: keep the words being typed, then stop."""
        import signal

        if not hasattr(signal, "SIGHUP"):
            return
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)

    def save_and_exit(self) -> None:
        """Store whatever is on screen (a reflection half typed), autosave, and exit."""
        self.store_everything()
        self.exit(0)

    def store_everything(self) -> None:
        """Keep the words on screen (a reflection half typed) and autosave the sitting."""
        store = getattr(self.screen, "store_note", None)
        if callable(store):
            store()
        self.autosave()

    def hang_up(self) -> None:
        """The terminal window was closed: save, then end the process at once.

        With no terminal left, an orderly shutdown can block for ever writing to it, leaving
        a process behind; everything worth keeping is already on disk (written atomically).
        """
        try:
            self.store_everything()
            self.saver.flush()
        finally:
            os._exit(0)

    def _handle_exception(self, error: Exception) -> None:
        """Any fault: keep the sitting, exit non-zero, and never show Textual's traceback."""
        from collabcheck.tui.crash import handle_fault

        handle_fault(self, error)

    # -- the flow -------------------------------------------------------------------------

    def _after_welcome(self, choice: str | None) -> None:
        if choice == "resume":
            self.sitting = self.load_state()
            if self.sitting is not None:
                self._continue()
                return
        if choice == "history":
            self.action_history(then_welcome=True)
            return
        unfinished = self.load_state()
        if unfinished is not None:
            from collabcheck.tui.screens.dialogs import ConfirmScreen
            from collabcheck.tui.text import safe

            names = " and ".join(safe(n) for n in unfinished.names) or "the people typed so far"
            self.push_screen(
                ConfirmScreen(f"Start a new sitting?\n\nThe unfinished sitting of {names} will be "
                              "thrown away, with all its answers.", yes="Throw it away", no="Go back"),
                self._throw_away)
            return
        self._show_who()

    def _throw_away(self, yes: bool | None) -> None:
        """The dialog said the unfinished sitting "will be thrown away": on yes, it is, now."""
        if not yes:
            self._back_to_welcome()
            return
        self.clear_state()
        self.sitting = None
        self._show_who()

    def _show_who(self, draft: Sitting | None = None) -> None:
        from collabcheck.tui.screens.who import WhoScreen

        people = draft.draft_people if draft is not None else None
        pair = draft.draft_pair if draft is not None else ""
        self.push_screen(WhoScreen(people, pair=pair, on_change=self._who_typed), self._after_who)

    def _who_typed(self, people: list[tuple[str, str]], pair: str) -> None:
        """Names and roles are kept as they are typed, like every answer."""
        if self.sitting is not None and self.sitting.stage != "who":
            return  # a late keystroke event after the sitting has started
        if not any(name or role for name, role in people) and not pair:
            if self.sitting is not None:
                self.sitting = None
                self.clear_state()
            return
        self.sitting = _store().Sitting.draft(self.bank, people, pair, self.now())
        self.autosave()

    def _after_who(self, result: tuple[list[tuple[str, str]], str] | None) -> None:
        if result is None:
            # Back to the start: the names were thrown away (the screen asked first).
            self.sitting = None
            self.clear_state()
            self._back_to_welcome()
            return
        people, pair = result
        self.sitting = _store().Sitting.new(self.bank, people, self.now(), pair=pair)
        self.autosave()
        self._ask_context()  # once, for a new sitting, before the first hand-over

    def _continue(self) -> None:
        """Show whatever comes next for the sitting in progress."""
        from collabcheck.tui.screens.handover import HandoverScreen

        s = self.sitting
        assert s is not None
        if s.stage == "who":
            self._show_who(s)
            return
        if s.stage == "together":
            self._show_together()
            return
        if s.everyone_finished:
            self.push_screen(HandoverScreen(s, finished=True), lambda _: self._start_together())
            return
        self.push_screen(HandoverScreen(s), lambda _: self._show_questions())

    def _ask_context(self) -> None:
        """Where the partnership stands: asked once, together, before the first hand-over."""
        from collabcheck.tui.screens.context import ContextScreen, Standing

        s = self.sitting
        assert s is not None

        def keep(standing: Standing | None) -> None:
            s.context_asked = True
            if standing is not None:
                s.how_long, s.route = standing.stage, standing.route  # type: ignore[assignment]
            self.autosave()
            self._continue()

        self.push_screen(ContextScreen(s.how_long, s.route), keep)

    def _show_questions(self) -> None:
        from collabcheck.tui.screens.questions import QuestionsScreen

        assert self.sitting is not None
        self.push_screen(QuestionsScreen(self.sitting, self.bank, self.autosave),
                         self._after_questions)

    def _after_questions(self, _result: object) -> None:
        s = self.sitting
        assert s is not None
        s.current_partner += 1
        s.current_item = 0
        self.autosave()
        self._continue()

    def _start_together(self) -> None:
        assert self.sitting is not None
        self.sitting.stage = "together"
        self.autosave()
        self._show_together()

    def _show_together(self) -> None:
        from collabcheck.tui.screens.together import TogetherScreen

        assert self.sitting is not None
        self.push_screen(TogetherScreen(self.sitting, self.bank, self.autosave), self._after_together)

    def _after_together(self, _result: object) -> None:
        self.save_snapshot()

    def save_snapshot(self) -> None:
        """Write the snapshot, remove the sitting in progress, and show where it went."""
        from collabcheck.core.errors import CollabcheckError
        from collabcheck.core.snapshot import write_snapshot
        from collabcheck.tui.screens.save import SaveScreen

        s = self.sitting
        assert s is not None
        snap = s.to_snapshot(self.bank, self.now())
        try:
            path = write_snapshot(snap, self.snapshot_dir, self.bank)
        except (OSError, CollabcheckError) as exc:
            self.notify(f"Could not save in {self.snapshot_dir}: {exc}. Your answers are still kept; "
                        "fix the folder, then press a and Ctrl+S to try again.", title="Not saved",
                        severity="error", timeout=30, markup=False)
            self._show_together()
            return
        self.clear_state()
        self.saved_path = path
        self.push_screen(SaveScreen(path, snap, self.bank), self._after_save)

    def _after_save(self, choice: str | None) -> None:
        if choice == "new":
            self.sitting = None
            self.saved_path = None
            self._back_to_welcome()
        else:
            self.exit(0)

    def _back_to_welcome(self) -> None:
        """Show the welcome screen, offering to carry on a sitting made with these questions."""
        stored = self.load_state()
        resumable = stored if stored is not None and stored.matches(self.bank) else None
        other = stored if stored is not None and resumable is None else None
        self.push_screen(WelcomeScreen(self.bank, resumable, other_bank=other), self._after_welcome)

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
        if self.sitting is not None and self.saved_path is None:
            self.autosave()
            question = ("Stop for now?\n\nEverything answered so far is kept on this computer. "
                        "Next time you start collabcheck, you can carry on where you left off.")
            self.exit_message = ("collabcheck: your sitting is kept. Run collabcheck again to "
                                 "carry on where you left off.")
        else:
            question = "Close collabcheck?"
            self.exit_message = ""
        self.push_screen(ConfirmScreen(question, yes="Stop", no="Keep going"),
                         lambda yes: self.exit(0) if yes else None)

    def action_help_quit(self) -> None:
        """Ctrl+C outside a text box: people expect it to quit, so offer to stop safely."""
        self.action_stop()

    def action_history(self, then_welcome: bool = False) -> None:
        """Show past sittings (the history screen is another module, loaded when asked for)."""
        try:
            from collabcheck.tui.screens.history import HistoryScreen
        except ImportError:
            self.notify("Past sittings cannot be shown in this version.", severity="warning")
            if then_welcome:
                self._back_to_welcome()
            return
        pair = self.sitting.pair if self.sitting is not None else None
        callback = (lambda _: self._back_to_welcome()) if then_welcome else None
        self.push_screen(HistoryScreen(self.snapshot_dir, self.bank, pair=pair), callback)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Only collabcheck's own commands: Textual's (Quit, Keys, Maximize, Screenshot…) are
        in its own words, and its Quit would skip the "Stop for now?" question."""
        yield SystemCommand("Help: the five practices", "What each practice means, and the keys",
                            self.action_help)
        yield SystemCommand("Light or dark colours", "Switch between the light and dark theme",
                            self.action_toggle_theme)
        yield SystemCommand("Past sittings", f"Sittings saved in {escape(str(self.snapshot_dir))}",
                            self.action_history)
        yield SystemCommand("Stop for now", "Quit; your answers are kept to carry on later",
                            self.action_stop)
        # Each screen may offer its main actions as (title, help, action name) in PALETTE.
        for title, help_text, action in getattr(screen, "PALETTE", ()):
            yield SystemCommand(escape(title), escape(help_text), getattr(screen, f"action_{action}"))


def create_app(bank: Bank, snapshot_dir: Path, state_dir: Path | None = None,
               now: Clock | None = None) -> CollabcheckApp:
    """The app, for `run_app` and for tests (which pass tmp folders and a frozen clock)."""
    return CollabcheckApp(bank=bank, snapshot_dir=snapshot_dir, state_dir=state_dir, now=now)


def run_app(bank: Bank, snapshot_dir: Path, state_dir: Path | None = None) -> int:
    """Run a sitting in this terminal; returns the exit status for the command line."""
    from collabcheck.tui.crash import plain_fault_line

    app = create_app(bank, snapshot_dir, state_dir)
    try:
        result = app.run()
    except Exception as exc:  # noqa: BLE001 - one plain line, never a traceback (it can hold private text)
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
