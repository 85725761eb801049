"""The steps of one sitting, each a screen awaited for its typed result.

The app's flow (`CollabcheckApp.run_flow` in app.py) reads as the list of these steps: who
is here, where the partnership stands, each partner in turn, together, saved. Each step
pushes its screen, waits for what the partners chose, and updates the sitting in progress,
which is kept on every change (`keeping.py`). Kept apart from app.py so that the app's
start, its flow and its app-wide keys read in one module, and what each step does in this one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen

from collabcheck.core.bank import Bank
from collabcheck.tui.keeping import KeepsState

if TYPE_CHECKING:
    from collabcheck.core.sitting import Sitting
    from collabcheck.core.snapshot import Snapshot
    from collabcheck.tui.screens.who import WhoScreen

Result = TypeVar("Result")


class SittingSteps(KeepsState):
    """The steps of a sitting, for the app (see the module docstring)."""

    bank: Bank
    snapshot_dir: Path
    now: Callable[[], datetime]
    saved_path: Path | None
    # "Who is here" offers the partnerships that sat before (a served app may keep tabs apart)
    shares_partnerships: bool = True

    async def show(self, screen: Screen[Result]) -> Result:
        """Push `screen` and wait (in the flow's worker) for the result it is dismissed with.

        Textual's `push_screen_wait` without its first step, which runs the app's pending
        callbacks inside the worker: a screen dismissed by a key typed before it had finished
        mounting ("Enter, Enter, Enter" from Where you stand) then crashed Textual's Header.
        The shield keeps the screen's result safe if the worker is cancelled (quitting).
        """
        return await asyncio.shield(self.push_screen(screen, wait_for_dismiss=True))

    async def throw_away_unfinished(self) -> bool:
        """Before a new sitting: the dialog says the unfinished one "will be thrown away", so
        on yes it is, now. False when they would rather keep it."""
        from collabcheck.tui.screens.dialogs import ConfirmScreen
        from collabcheck.tui.text import safe

        unfinished = self.load_state()
        if unfinished is None:
            return True
        names = " and ".join(safe(n) for n in unfinished.names) or "the people typed so far"
        if not await self.show(
            ConfirmScreen(
                f"Start a new sitting?\n\nThe unfinished sitting of {names} will be "
                "thrown away, with all its answers.",
                yes="Throw it away",
                no="Go back",
            )
        ):
            return False
        self.clear_state()
        self.sitting = None
        return True

    async def who_is_here(self, draft: Sitting | None) -> Sitting | None:
        """Names and roles (those of a draft, if one was kept): the new sitting, or None when
        the partners went back to the start (the names typed are thrown away)."""
        from collabcheck.tui.screens.who import WhoScreen

        people = draft.draft_people if draft is not None else None
        pair = draft.draft_pair if draft is not None else ""
        sides = draft.draft_sides if draft is not None else None
        result = await self.show(
            WhoScreen(
                people,
                pair=pair,
                folder=self.snapshot_dir,
                sides=sides,
                offer_known=self.shares_partnerships,
            )
        )
        if result is None:
            self.sitting = None
            self.clear_state()
            return None
        people, pair, chosen = result
        from collabcheck.core.sitting import Sitting

        folder = draft.folder if draft is not None and draft.folder else self.snapshot_dir
        self.sitting = Sitting.new(self.bank, people, self.now(), pair=pair, folder=folder, sides=chosen)
        self.autosave()
        return self.sitting

    def on_who_screen_typed(self, typed: WhoScreen.Typed) -> None:
        """Names and roles are kept as they are typed, like every answer."""
        people, pair = typed.people, typed.pair
        if self.sitting is not None and self.sitting.stage != "who":
            return  # a late keystroke event after the sitting has started
        if not any(name or role for name, role in people) and not pair:
            if self.sitting is not None:
                self.sitting = None
                self.clear_state()
            return
        from collabcheck.core.sitting import Sitting

        kept = self.sitting.folder if self.sitting is not None else None
        self.sitting = Sitting.draft(
            self.bank, people, pair, self.now(), folder=kept or self.snapshot_dir, sides=typed.sides
        )
        self.autosave()

    async def where_you_stand(self, s: Sitting) -> None:
        """How long they have worked together and their route: asked once, together, for a
        new sitting (never on carrying one on); either may be left."""
        from collabcheck.tui.screens.context import ContextScreen

        standing = await self.show(ContextScreen(s.how_long, s.route))
        s.context_asked = True
        if standing is not None:
            s.how_long, s.route = standing.stage, standing.route
        self.autosave()

    async def quick_or_full(self, s: Sitting) -> None:
        """A partnership that sat in full lately is offered the quick check-in (`quick.py`)."""
        from collabcheck.tui.quick import choose_form

        await choose_form(self, s)

    async def each_in_turn(self, s: Sitting) -> None:
        """Each partner in turn: the keyboard handed over, then their questions; the last
        hand-over asks everyone to sit together (carried on from wherever it stopped)."""
        from collabcheck.core.forms import bank_for
        from collabcheck.tui.screens.handover import HandoverScreen
        from collabcheck.tui.screens.questions import QuestionsScreen

        if s.stage == "together":
            return
        while not s.everyone_finished:
            await self.show(HandoverScreen(s))
            await self.show(QuestionsScreen(s, bank_for(self.bank, s)))
            s.current_partner, s.current_item = s.current_partner + 1, 0
            self.autosave()
        await self.show(HandoverScreen(s, finished=True))
        s.stage = "together"
        self.autosave()

    async def together(self, s: Sitting) -> tuple[Path, Snapshot]:
        """The comparison, until the partners agree what to work on and it is saved; if the
        folder cannot be written they are told, and the comparison (and answers) stay."""
        from collabcheck.core.sitting import saving_folder
        from collabcheck.tui.quick import together_screen

        while True:
            folder = saving_folder(s, self.snapshot_dir)[0]
            await self.show(together_screen(s, self.bank, self.autosave, folder))
            if (saved := self.save_snapshot()) is not None:
                return saved

    def save_snapshot(self) -> tuple[Path, Snapshot] | None:
        """Write the snapshot and remove the sitting in progress; None (said on screen) when
        the folder cannot be written, so the answers are kept for another try."""
        from collabcheck.core.errors import CollabcheckError
        from collabcheck.core.sitting import saving_folder
        from collabcheck.core.snapshot import write_snapshot
        from collabcheck.render.words import moved_words

        s = self.sitting
        assert s is not None
        snap = s.to_snapshot(self.bank, self.now())
        folder, gone = saving_folder(s, self.snapshot_dir)
        if gone:
            self.notify(
                moved_words(s.folder, str(folder)), title="Saved here instead", timeout=30, markup=False
            )
        try:
            path = write_snapshot(snap, folder, self.bank)
        except (OSError, CollabcheckError) as exc:
            self.notify(
                f"Could not save in {folder}: {exc}. Your answers are still kept; "
                "fix the folder, then press a and Ctrl+S to try again.",
                title="Not saved",
                severity="error",
                timeout=30,
                markup=False,
            )
            return None
        self.clear_state()
        self.saved_path = path
        return path, snap

    async def after_saving(self, path: Path, snapshot: Snapshot) -> bool:
        """The Saved screen (commit and push from there): True to start another sitting."""
        from collabcheck.tui.screens.save import SaveScreen

        if await self.show(SaveScreen(path, snapshot, self.bank)) != "new":
            return False
        self.sitting = None
        self.saved_path = None
        return True
