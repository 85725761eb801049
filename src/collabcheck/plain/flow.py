"""The whole sitting in plain mode, step by step, on the same model and autosave as the app.

The order of steps is the app's: welcome (carry on an unfinished sitting, or start anew),
who is here, each partner in turn with a hand-over in between, the comparison together,
agreeing, saving. The sitting is `collabcheck.core.sitting.Sitting`, autosaved with `save` into
the same state folder after every change, so a sitting begun in the app can be finished
here and the other way round; typing "stop", Ctrl+C or the end of input keeps it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from collabcheck.core import paths
from collabcheck.core import sitting as store
from collabcheck.core.bank import Bank
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.forms import bank_for
from collabcheck.core.partnerships import Partnership, find_partnerships
from collabcheck.core.records import is_route, is_stage
from collabcheck.core.sitting import Sitting
from collabcheck.plain.answering import Answering
from collabcheck.plain.quick import choose_form, say_quick_reading
from collabcheck.plain.talk import Conversation, EndOfInput, Stop
from collabcheck.plain.together import (
    agree,
    commit_after_save,
    offer_markdown,
    read_comparison,
    save,
)
from collabcheck.plain.who import ask_who
from collabcheck.plain.words import HOW, PRIVACY, describe, minutes_each, names_list, shown_names
from collabcheck.render.options import (
    ROUTE_OPTIONS,
    ROUTE_QUESTION,
    STAGE_OPTIONS,
    STAGE_QUESTION,
)
from collabcheck.render.words import display_name, folder_words

Clock = Callable[[], datetime]
KEPT = "Your answers are kept on this computer. Run collabcheck --plain again to carry on."


def local_now() -> datetime:
    """The time now, timezone-aware local time, to the second (as the app and snapshots use)."""
    return datetime.now().astimezone().replace(microsecond=0)


class PlainSitting:
    """One run of plain mode; `run` returns the exit status."""

    def __init__(
        self,
        bank: Bank,
        snapshot_dir: Path,
        state_dir: Path | None = None,
        inp: TextIO | None = None,
        out: TextIO | None = None,
        now: Clock | None = None,
    ) -> None:
        self.bank = bank
        self.snapshot_dir = Path(snapshot_dir)
        self.state_dir = paths.state_dir(state_dir)
        self.talk = Conversation(inp or sys.stdin, out or sys.stdout)
        self.now: Clock = now or local_now
        self.sitting: Sitting | None = None
        self.saved_path: Path | None = None
        self._autosave_warned = False

    def autosave(self) -> None:
        """Keep the sitting in the state folder; a failure is said once, and the sitting goes on."""
        if self.sitting is None:
            return
        try:
            store.save(self.sitting, self.state_dir)
        except OSError as exc:
            if not self._autosave_warned:
                self._autosave_warned = True
                self.talk.say(
                    f"Warning: answers cannot be kept in {self.state_dir} "
                    f"({exc.strerror or exc}), so stopping now would lose them. "
                    "You can still finish and save."
                )

    def run(self) -> int:
        """The sitting; a stop or the end of input keeps it, unless it is already saved (then
        nothing is written again: a second working copy would be offered as unfinished)."""
        try:
            self.steps()
        except (Stop, KeyboardInterrupt) as stop:
            self.autosave()
            if isinstance(stop, KeyboardInterrupt):
                self.talk.say("")  # the terminal shows ^C without a line break
            self.talk.say(self.ending("Stopped for now. ", "Stopped."))
        except EndOfInput:
            self.autosave()
            self.talk.say(self.ending("The input has ended. ", "The input has ended."))
        return 0

    def ending(self, kept: str, nothing: str) -> str:
        if self.saved_path is not None:
            return nothing + " The sitting is saved; nothing more was needed."
        return kept + KEPT if self.sitting is not None else nothing

    def steps(self) -> None:
        if not self.welcome():
            self.sitting = self.new_sitting()
            self.autosave()
            self.ask_context(self.sitting)
            choose_form(self.talk, self.sitting, self.bank, self.snapshot_dir, self.now(), self.autosave)
        elif self.sitting is not None and self.sitting.stage == "who":
            self.sitting = self.new_sitting(self.sitting)
            self.autosave()
            self.ask_context(self.sitting)
            choose_form(self.talk, self.sitting, self.bank, self.snapshot_dir, self.now(), self.autosave)
        s = self.sitting
        assert s is not None
        while s.stage == "answering" and not s.everyone_finished:
            self.handover()
            Answering(self.talk, s, bank_for(self.bank, s), self.autosave).run()
            s.current_partner += 1
            s.current_item = 0
            self.autosave()
        if s.stage != "together":
            self.talk.say("")
            self.talk.say(
                "Everyone has answered. Now sit together where you can all hear. Next "
                "you hear your answers side by side, and agree what to work on."
            )
            if self.talk.enter("Press Enter when everyone is ready.") in ("stop", "quit"):
                _stop()
            s.stage = "together"
            self.autosave()
        say_quick_reading(self.talk, s)
        while True:
            read_comparison(self.talk, s, bank_for(self.bank, s))
            if agree(self.talk, s, self.bank, self.autosave):
                saved = save(self.talk, s, self.bank, self.snapshot_dir, self.now())
                if saved is not None:
                    break
        store.clear(self.state_dir)
        self.sitting = None  # saved: from here on nothing is kept in the state folder again
        self.saved_path, snap = saved
        offer_markdown(self.talk, self.saved_path, snap, self.bank)  # first, so it can go too
        commit_after_save(self.talk, self.saved_path, snap)
        self.talk.say("Thank you. collabcheck has finished.")

    def ask_context(self, s: Sitting) -> None:
        """Where the partnership stands: two quick questions, answered together (the app's)."""
        t = self.talk
        t.say("")
        t.say(
            "Where your partnership stands. Answer these two together; they help collabcheck "
            "suggest what fits where you are. Press Enter on its own to leave one."
        )
        for question, choices_ in ((STAGE_QUESTION, STAGE_OPTIONS), (ROUTE_QUESTION, ROUTE_OPTIONS)):
            t.say(question)
            t.numbered([label for _, label in choices_])
            while True:
                said = t.ask(f"Type a number from 1 to {len(choices_)}, then press Enter.").strip()
                if said in ("stop", "quit"):
                    _stop()
                if said == "":
                    break
                if said.isdigit() and 1 <= int(said) <= len(choices_):
                    value, label = choices_[int(said) - 1]
                    if question == STAGE_QUESTION and is_stage(value):
                        s.how_long = value
                    elif is_route(value):
                        s.route = value
                    t.say(f"You chose: {label}.")
                    break
                t.say("Sorry, that is not one of the choices.")
        s.context_asked = True
        self.autosave()

    # -- welcome ----------------------------------------------------------------------------------

    def offer_apart(self) -> None:
        """Sittings apart waiting for someone here, each with its command (core/apart_here.py)."""
        if (self.snapshot_dir / "apart").is_dir():
            from collabcheck.core.apart_here import offers_here
            from collabcheck.render.apart_words import offer_commands

            for line in offer_commands(offers_here(self.snapshot_dir, self.state_dir, self.bank)):
                self.talk.say(line)

    def welcome(self) -> bool:
        """Say what this is; True when an unfinished sitting is carried on (self.sitting set)."""
        t = self.talk
        t.say("collabcheck, plain mode.")
        t.say(
            "Each of you answers questions about your partnership, in turn and unseen. Then you "
            "hear your answers side by side and agree one practice to work on next. It takes "
            f"about {minutes_each(self.bank)} minutes each, then 15 to 30 minutes together."
        )
        t.say(PRIVACY)
        self.offer_apart()
        stored, aside = (
            store.load_checked(self.state_dir, self.bank)
            if paths.has_sitting(self.state_dir)
            else (None, None)
        )
        if aside is not None:
            t.say(
                f"An unfinished sitting could not be read, so it was put aside as {aside}. "
                "You can start a new sitting."
            )
        if stored is None:
            t.say(HOW)
            if t.enter("Press Enter to start, or type stop to leave.") in ("stop", "quit"):
                _stop()
            return False
        if not stored.matches(self.bank):
            t.say(
                f"An unfinished sitting of {names_list(shown_names(stored))} "
                f"used other questions: bank '{display_name(stored.bank)}' version "
                f"{stored.bank_version}. To carry it on, start collabcheck with those questions "
                "(--questions). A new sitting here would replace it."
            )
        else:
            t.say("An unfinished sitting was found: " + describe(stored, self.bank))
            if where := folder_words(stored.folder, str(self.snapshot_dir.absolute())):
                t.say(where)
        while True:
            can_carry_on = stored.matches(self.bank)
            said = t.enter(
                "Type c to carry it on, or n to start a new sitting."
                if can_carry_on
                else "Type n to start a new sitting, or stop to leave."
            )
            if said in ("stop", "quit"):
                _stop()
            if can_carry_on and said in ("c", "carry on", ""):
                self.sitting = stored
                t.say(HOW)
                return True
            if said in ("n", "new"):
                names = names_list(shown_names(stored))
                sure = t.enter(
                    f"Start a new sitting? The unfinished sitting of {names} will be "
                    "thrown away, with all its answers. Type yes to throw it away, or "
                    "press Enter to go back."
                )
                if sure in ("yes", "y"):
                    store.clear(self.state_dir)
                    t.say("Thrown away.")
                    t.say(HOW)
                    return False
                continue
            t.say("Sorry, that is not one of the choices.")

    # -- who is here ------------------------------------------------------------------------------

    def new_sitting(self, draft: Sitting | None = None) -> Sitting:
        """Who is here (carrying on the names of a draft), then the sitting itself."""
        earlier = draft.draft_people if draft is not None else None
        earlier_pair = draft.draft_pair if draft is not None else ""
        earlier_sides = draft.draft_sides if draft is not None else None
        people, pair, sides = ask_who(
            self.talk, self.keep_draft, earlier, earlier_pair, self.partnerships(), earlier_sides
        )
        folder = draft.folder if draft is not None and draft.folder else self.snapshot_dir
        return Sitting.new(self.bank, people, self.now(), pair=pair, folder=folder, sides=sides)

    def partnerships(self) -> list[Partnership]:
        """The partnerships that sat before in the snapshot folder (as the app offers them), so
        the same people keep one partnership name whatever order they are typed in."""
        try:
            return find_partnerships(self.snapshot_dir)
        except (OSError, CollabcheckError):
            return []

    def keep_draft(self, people: list[tuple[str, str]], pair: str, sides: list[str]) -> None:
        """The names and sides given so far, kept like every answer (the app's own draft)."""
        kept = self.sitting.folder if self.sitting is not None else None
        self.sitting = Sitting.draft(
            self.bank, people, pair, self.now(), folder=kept or self.snapshot_dir, sides=sides
        )
        self.autosave()

    # -- hand-over --------------------------------------------------------------------------------

    def handover(self) -> None:
        """Pass the keyboard on with everyone else's answers out of hearing."""
        s = self.sitting
        assert s is not None
        t = self.talk
        name = display_name(s.partner.name)
        done = [display_name(p.name) for p in s.partners[: s.current_partner]]
        t.say("")
        if done and t.clear():
            t.say(
                f"{names_list(done)}: your answers are hidden now, and the window has been "
                "cleared. Nobody hears anyone's answers until everyone has finished."
            )
        elif done:
            t.say(
                f"{names_list(done)}: your answers are hidden now. Nobody hears anyone's answers "
                "until everyone has finished. Earlier lines in this window show them, so "
                "please do not scroll back up."
            )
        else:
            t.say(
                "Nobody hears anyone's answers until everyone has finished, so the others may "
                "like to look away, or take the headphones off."
            )
        carry_on = f" You carry on from question {s.current_item + 1}." if s.current_item else ""
        t.say(
            f"{name} answers next (partner {s.current_partner + 1} of {len(s.partners)}). "
            "Answer as you see things; there are no right answers. You can skip any question." + carry_on
        )
        said = t.enter(f"Pass the keyboard to {name}. Press Enter when {name} is ready.")
        if said in ("stop", "quit"):
            _stop()


def _stop() -> None:
    raise Stop


def run_plain(
    bank: Bank,
    snapshot_dir: Path,
    state_dir: Path | None = None,
    inp: TextIO | None = None,
    out: TextIO | None = None,
    now: Clock | None = None,
) -> int:
    """Run a sitting as a conversation on standard input and output (or the given streams)."""
    return PlainSitting(bank, snapshot_dir, state_dir, inp, out, now).run()
