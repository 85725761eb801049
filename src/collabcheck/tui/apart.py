"""Sitting apart in the app: the steps from the welcome screen's `a`, top to bottom.

The same domain as `collabcheck apart` (core/apart_flow.py): every look first brings in the
team's work, reveals and combines what it can. Answering uses the very screens of a sitting
at one computer (QuestionsScreen, with the same autosave, here into the partner's private
folder), then seals and shares only the seal. A finished sitting opens on the Together
screen, and what the partners agree is recorded as that partner's own agreement file. Git
runs in threads, so the screen never freezes. Kept out of tui/app.py, which only calls
`sit_apart` (and tui/apart_offer.py for the welcome screen's line).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import Button, Static

from collabcheck.core import apart
from collabcheck.core import sitting as store
from collabcheck.core.apart_agree import (
    ACCEPT,
    CALL,
    Agreement,
    accepted,
    agreements,
    write_agreement,
)
from collabcheck.core.apart_combine import combined_sitting, standing
from collabcheck.core.apart_flow import bank_for, carry_on, seal_now, share
from collabcheck.core.apart_here import ANSWER, COMPARISON, REVEAL, my_name, offers_for
from collabcheck.core.apart_private import (
    answering_here,
    mark_shown,
    private_dir,
    start_sitting,
    took_part_here,
)
from collabcheck.core.apart_pull import EMPTY
from collabcheck.core.bank import Bank, questions
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.git import NO_REMOTE
from collabcheck.render import apart_answering as answering
from collabcheck.render import apart_words as words
from collabcheck.render import git_words
from collabcheck.tui.keeping import KeepsItsOwn, SittingChanged
from collabcheck.tui.screens.apart import (
    OPEN_NEW,
    STATUS,
    ApartIntroScreen,
    ApartScreen,
    Choice,
    Listing,
)
from collabcheck.tui.screens.questions import QuestionsScreen
from collabcheck.tui.screens.together import TogetherScreen

if TYPE_CHECKING:
    from collabcheck.core.sitting import Sitting
    from collabcheck.tui.app import CollabcheckApp


def gather(snapshot_dir: Path, state_dir: Path, bank: Bank, push: bool = True) -> Listing:
    """In a thread: carry on (pull, reveal, combine), then list what can be done here first,
    then what anyone may do, then opening a new one."""
    carried = carry_on(snapshot_dir, state_dir, bank, push)
    out = Listing()
    pulled = carried.pulled
    if pulled is not None and pulled.kind == EMPTY:
        out.said.append(git_words.sentence(pulled))
    elif pulled is not None and not pulled.ok and pulled.kind != NO_REMOTE:
        out.said.append(f"Could not bring in your team's latest work: {git_words.sentence(pulled)}")
    out.said += [words.app_event_line(carried.looks.get(e.sitting), e) for e in carried.events]
    me = my_name(snapshot_dir)
    first, rest = [], []
    for sid, found in carried.looks.items():
        out.status[sid] = words.status_lines(found, commands=False)
        if found.phase == apart.COMPLETE:
            made = agreements(found)[0]
            titles = {p.number: p.title for p in bank.practices if p.number is not None}
            settled = standing(found, bank_for(found, bank), made)
            out.status[sid] += words.agreement_lines(found, made, settled, titles, commands=False)
        here = offers_for(found, state_dir, me)
        first += [(Choice(o.kind, sid, o.partner), words.offer_words(o.kind, found, o.partner)) for o in here]
        offered = {o.partner for o in here}
        if found.phase in (apart.OPEN, apart.REVEALING):
            rest += [
                (Choice(ANSWER, sid, m.id), words.offer_words(ANSWER, found, m.id))
                for m in found.opened.partners
                if m.id not in found.seals and m.id not in offered
            ]
        elif found.phase == apart.COMPLETE and not here:
            rest.append((Choice(COMPARISON, sid), words.offer_words(COMPARISON, found)))
        if not any(c.sitting == sid for c, _ in [*first, *rest]) and found.phase != apart.CANCELLED:
            rest.append((Choice(STATUS, sid), words.offer_words(STATUS, found)))
    out.choices = [*first, *rest, (Choice(OPEN_NEW), "Open a new sitting apart")]
    out.new_comparison = next((c for c, _ in first if c.kind == COMPARISON), None)
    return out


async def sit_apart(app: CollabcheckApp) -> None:
    """The sittings apart screen, and whatever is chosen there, until they go back."""
    note, seen = "", False
    while True:
        choice = await app.show(
            ApartScreen(lambda: gather(app.snapshot_dir, app.state_dir, app.bank), note, auto_open=not seen)
        )
        seen = True  # a comparison opens by itself only on the first look
        if choice is None:
            return
        try:
            if choice.kind == OPEN_NEW:
                note = await open_apart(app)
            elif choice.kind in (COMPARISON, REVEAL):
                note = await see_comparison(app, choice.sitting)
            else:
                note = await answer_apart(app, choice.sitting, choice.partner)
        except CollabcheckError as exc:
            note = str(exc)


async def _look(app: CollabcheckApp, sid: str) -> apart.Look | None:
    """The sitting as it stands after bringing in the team's work (in a thread)."""
    carried = await asyncio.to_thread(carry_on, app.snapshot_dir, app.state_dir, app.bank, True, sid)
    return carried.looks.get(sid)


async def open_apart(app: CollabcheckApp) -> str:
    """Names and roles, where the partnership stands, then the sitting apart is shared."""
    from collabcheck.core import git
    from collabcheck.core.slug import unique_slugs
    from collabcheck.tui.screens.context import ContextScreen
    from collabcheck.tui.screens.who import WhoScreen

    place = await asyncio.to_thread(git.where, app.snapshot_dir)
    if not place.ok:
        return (
            f"{git_words.place_sentence(place)} {git_words.place_advice(place)} "
            "A sitting apart is shared through git."
        )
    result = await app.show(WhoScreen())
    if result is None:
        return ""
    people, pair, sides = result
    standing = await app.show(ContextScreen())
    ids = unique_slugs([n for n, _ in people])
    when = app.now()
    pair = pair or "our-partnership"
    opened = apart.Opened(
        apart.new_id(pair, when),
        pair,
        when,
        app.bank.id,
        app.bank.version,
        tuple(apart.Member(i, n, r, s) for i, (n, r), s in zip(ids, people, sides, strict=True)),
        standing.stage if standing else None,
        standing.route if standing else None,
    )
    path = apart.write_opened(app.snapshot_dir, opened)
    shared = await asyncio.to_thread(
        share, [path], f"collabcheck apart: opened {opened.id}", app.snapshot_dir
    )
    return (
        f"Opened a sitting apart for {words.names([m.name for m in opened.partners])}. "
        + words.shared_words(shared, "it")
        + " Each of you answers on your own computer: "
        "start collabcheck there and press a."
    )


async def answer_apart(app: CollabcheckApp, sid: str, pid: str) -> str:
    """One partner answers on the question screens, then seals; returns what to say."""
    from collabcheck.tui.autosave import Autosaver
    from collabcheck.tui.screens.dialogs import ConfirmScreen

    found = await _look(app, sid)
    if found is None:
        return f"There is no sitting apart {sid} any more."
    if found.phase not in (apart.OPEN, apart.REVEALING):
        return " ".join(words.status_lines(found, commands=False))
    if pid in found.seals:
        return f"{words.who(found, pid)} has already answered and sealed; answers cannot change."
    bank = bank_for(found, app.bank)
    if (bank.id, bank.version) != (found.opened.bank, found.opened.bank_version):
        return (
            f"This sitting apart uses question bank '{found.opened.bank}' version "
            f"{found.opened.bank_version}; start collabcheck with those questions (--questions)."
        )
    private = private_dir(app.state_dir, sid, pid)
    carrying_on = answering_here(app.state_dir, sid, pid)
    sitting, _aside = store.load_checked(private)
    if sitting is None or not sitting.matches(bank) or sitting.partner.id != pid:
        sitting, carrying_on = start_sitting(found, pid, bank, app.now()), False
    if not await app.show(ApartIntroScreen(found, pid, carrying_on)):
        return ""
    kept = sitting
    saver = Autosaver(
        lambda text: store.write_state(text, private) if text else store.clear(private), lambda exc: None
    )

    def autosave() -> None:
        saver.submit(kept.to_json())

    autosave()
    try:
        while True:
            await app.show(ApartQuestions(kept, bank, autosave))
            if await app.show(
                ConfirmScreen(
                    "Finish and seal your answers?\n\nOnly the seal is shared now. Once sealed, "
                    "your answers cannot be changed.",
                    yes="Seal",
                    no="Go back",
                )
            ):
                break
            kept.current_item = max(0, len(questions(bank)) - 1)
    finally:
        saver.close()
    return await _seal(app, found, kept, pid)


async def _seal(app: CollabcheckApp, found: apart.Look, sitting: Sitting, pid: str) -> str:
    """Seal and share; when that completes the sitting, show the comparison at once."""
    again = await _look(app, found.opened.id)
    if again is None or again.phase not in (apart.OPEN, apart.REVEALING) or pid in again.seals:
        return "Your answers are kept on this computer, but the sitting apart has changed meanwhile: " + (
            " ".join(words.status_lines(again, commands=False)) if again else "it is gone."
        )
    shared = await asyncio.to_thread(
        seal_now, again, sitting, pid, app.snapshot_dir, app.state_dir, app.now()
    )
    said = f"Sealed. {words.shared_words(shared, 'your seal')}"
    after = await _look(app, found.opened.id)
    if after is not None and after.phase == apart.COMPLETE:
        return said + " " + await see_comparison(app, found.opened.id, after)
    return said


class ApartQuestions(KeepsItsOwn, QuestionsScreen):
    """The same question screen; each change is kept in the partner's private folder rather
    than the app's sitting in progress (the screen posts `SittingChanged`; it stops here).
    Only the words that speak of sitting together differ: finishing seals the answers, and
    stopping keeps this partner's draft (`render/apart_words.py`)."""

    def __init__(self, sitting: Sitting, bank: Bank, keep: Callable[[], None]) -> None:
        super().__init__(sitting, bank)
        self.keep_privately = keep

    def on_sitting_changed(self, changed: SittingChanged) -> None:
        changed.stop()
        self.keep_privately()

    def show_item(self) -> None:
        """As on the one-computer screen; at the end, finishing seals (no hand-over follows)."""
        super().show_item()
        if self.item is None:
            answered = self.sitting.answered_count(self.partner.id)
            self.query_one("#ask", Static).update(answering.finishing_apart(answered, len(self.items)))
            self.query_one("#finish", Button).label = "Finish and seal my answers (Enter)"

    def stop_words(self) -> tuple[str, str]:
        return answering.STOP_APART, answering.STOPPED_APART


class ApartTogetherScreen(TogetherScreen):
    """The Together screen as it is, with a way back for partners who agree later."""

    BINDINGS = [Binding("escape", "leave", "Back")]

    def action_leave(self) -> None:
        self.dismiss(None)


async def see_comparison(app: CollabcheckApp, sid: str, found: apart.Look | None = None) -> str:
    """The Together screen for a finished sitting apart; agreeing records this partner's file."""
    from collabcheck.tui.screens.dialogs import ConfirmScreen

    found = found or await _look(app, sid)
    if found is None or found.phase != apart.COMPLETE:
        return (
            "That sitting apart is not finished yet."
            if found is None
            else " ".join(words.status_lines(found, commands=False))
        )
    bank = bank_for(found, app.bank)
    made = agreements(found)[0]
    settled = standing(found, bank, made)
    sitting = combined_sitting(found, bank, settled)
    practice = await app.show(ApartTogetherScreen(sitting, bank, lambda: None))
    await asyncio.to_thread(mark_shown, app.state_dir, sid)
    if practice is None:
        return ""
    here = took_part_here(app.state_dir, sid)
    if settled is not None:
        return f"This sitting apart is agreed already: practice {settled.practice}."
    if not here:
        return (
            "Only a partner who answered on this computer can record an agreement here; "
            f"on the command line: collabcheck apart agree {sid} --as NAME"
        )
    pid = here[0]
    chose = accepted(made).get(pid)
    question = (
        f"Did you all agree practice {practice} together (on a call, say)?\n\nIf not, it "
        "is recorded as your choice, and it is agreed once everyone has chosen the same."
    )
    if chose is not None:
        question = (
            f"You chose practice {chose.practice} before. Record practice {practice} as "
            "agreed by all of you together (on a call, say)?"
        )
    together = await app.show(
        ConfirmScreen(
            question, yes="We agreed it together", no="Only my choice" if chose is None else "Not now"
        )
    )
    if chose is not None and not together:
        return ""
    agreement = Agreement(
        pid,
        CALL if together else ACCEPT,
        practice,
        tuple(a.strip() for a in sitting.actions if a.strip()),
        app.now(),
    )
    path = write_agreement(found.folder, agreement)
    shared = await asyncio.to_thread(
        share, [path], f"collabcheck apart: {pid} agreed practice {practice}, {sid}", app.snapshot_dir
    )
    after = await _look(app, sid)
    now_settled = standing(after, bank, agreements(after)[0]) if after is not None else None
    state = (
        " Agreed by all of you: the sitting's file now says so."
        if now_settled is not None
        else " It is agreed once everyone has chosen the same practice."
    )
    return f"Recorded practice {practice}. " + words.shared_words(shared, "it") + state
