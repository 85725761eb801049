"""Every sentence about a sitting apart: where it stands, what just happened, what is agreed,
and what this computer can do for it. What `apart verify` proved is said in `apart_proof.py`.

The domain (core/apart*.py) says what is so in data; this says it to people, in short plain
sentences that name the partner concerned and say what to do next. Nothing here is shown
through colour or symbols alone.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from collabcheck.core.apart import (
    CANCELLED,
    COMPLETE,
    EARLY,
    FOLDER,
    MISMATCH,
    OPEN,
    REVEALING,
    SPOILED,
    Look,
    Problem,
)
from collabcheck.core.apart_agree import Agreement, Settled, accepted
from collabcheck.core.apart_flow import (
    AGREED,
    AGREED_FIRST,
    COMBINED,
    NOT_PROVEN,
    REVEALED,
    SEAL_DIFFERS,
    SEALED,
    Event,
    Shared,
)
from collabcheck.core.dates import MONTHS
from collabcheck.render import git_words
from collabcheck.render.words import display_name

if TYPE_CHECKING:
    from collabcheck.core.apart_here import Offer


def day(when: datetime) -> str:
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def names(items: list[str]) -> str:
    """'Ann', 'Ann and Sam', 'Ann, Bo and Sam'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def who(found: Look, pid: str) -> str:
    try:
        return display_name(found.opened.member(pid).name)
    except StopIteration:
        return display_name(pid)


def shared_words(shared: Shared | None, what: str = "it") -> str:
    """What became of a commit and push, in one or two sentences."""
    if shared is None:
        return ""
    if not shared.committed.ok:
        return (
            f"It could not be committed: {git_words.sentence(shared.committed)} It is saved "
            "in the folder, and collabcheck apart tries again next time."
        )
    if shared.pushed is None:
        return f"Committed {what} here; push it when you are ready."
    if shared.pushed.ok:
        return f"Committed and pushed {what}: your team can see it now."
    return (
        f"Committed {what} here, but could not push it: {git_words.sentence(shared.pushed)} It goes with "
        "the next push, which collabcheck apart tries every time it runs."
    )


def problem_words(found: Look, problem: Problem) -> str:
    name = who(found, problem.partner) if problem.partner else ""
    if problem.kind == MISMATCH:
        return (
            f"{name}'s revealed answers do not match the seal committed for them, so they were "
            "refused; the answers are not combined."
        )
    if problem.kind == EARLY:
        return (
            f"{name}'s answers were revealed before every partner had sealed, so they were "
            "refused; please cancel this sitting apart and open a new one."
        )
    return problem.detail


def status_lines(found: Look, saved_as: str = "", commands: bool = True) -> list[str]:
    """A sitting apart, for `apart status`: who has sealed and revealed, and what it waits for
    (`saved_as`: the combined snapshot's file, once complete; `commands` False for the app,
    where the commands to type would only be in the way)."""
    o = found.opened
    people = [display_name(m.name) for m in o.partners]
    lines = [f"{o.id}: {names(people)}, opened on {day(o.opened_at)}."]
    phase = found.phase
    for m in o.partners:
        name = display_name(m.name)
        if m.id in found.reveals:
            lines.append(f"  {name}: answered, sealed and revealed.")
        elif m.id in found.seals:
            lines.append(
                f"  {name}: answered and sealed on {day(found.seals[m.id].sealed_at)}; "
                + (
                    "waiting for everyone else to seal."
                    if phase == OPEN
                    else "waiting for their collabcheck to reveal."
                    if phase == REVEALING
                    else "not revealed."
                )
            )
        else:
            lines.append(
                f"  {name}: not answered yet"
                + (f" (collabcheck apart answer {o.id} --as {m.id})." if commands else ".")
            )
    if phase == CANCELLED and found.cancelled is not None:
        by = who(found, found.cancelled.by) if found.cancelled.by else "a partner"
        lines.append(f"  Cancelled by {by} on {day(found.cancelled.at)}.")
    elif phase == SPOILED:
        lines += [f"  {problem_words(found, p)}" for p in found.problems]
    elif phase == OPEN:
        waiting = [who(found, p) for p in o.partner_ids if p not in found.seals]
        lines.append(
            f"  Waiting for {names(waiting)} to answer. Nobody's answers can be seen "
            "until everyone has sealed."
        )
    elif phase == REVEALING:
        waiting = [who(found, p) for p in o.partner_ids if p not in found.reveals]
        lines.append(
            f"  Everyone has sealed. Waiting for {names(waiting)} to reveal: their "
            "collabcheck does it the next time they run " + ("collabcheck apart." if commands else "it.")
        )
    elif phase == COMPLETE:
        lines.append("  Complete: every answer is revealed and matches its seal.")
        if saved_as:
            lines.append(f"  Saved as {saved_as}. See the comparison with: collabcheck report {saved_as}")
    return lines


def event_line(found: Look | None, event: Event) -> str:
    """What collabcheck apart just did for a sitting, in one or two sentences."""
    name = who(found, event.partner) if found is not None and event.partner else event.partner
    if event.kind == REVEALED:
        return (
            f"{event.sitting}: every partner has sealed, so {name}'s answers are revealed. "
            + shared_words(event.shared, "the reveal")
        )
    if event.kind == SEALED:
        return f"{event.sitting}: {name}'s seal, made earlier. " + shared_words(event.shared, "it")
    if event.kind == COMBINED:
        return (
            f"{event.sitting}: every answer is revealed and matches its seal. The sitting is "
            f"saved as {event.path}. "
            + shared_words(event.shared, "the sitting")
            + f" See the comparison with: collabcheck apart reveal {event.sitting}"
        )
    if event.kind == AGREED:
        return (
            f"{event.sitting}: what you agreed is added to the sitting saved as {event.path}. "
            + shared_words(event.shared, "it")
        )
    if event.kind == AGREED_FIRST:
        kept, mine = event.practices
        return (
            f"{event.sitting}: another partner recorded practice {kept} as agreed at the same "
            f"moment you recorded practice {mine}. Theirs reached your team's shared repository "
            f"first, so the sitting keeps practice {kept}. Your own record is kept too, in "
            f"{FOLDER}/{event.sitting}/. If that is not what you all agreed, talk it through."
        )
    if event.kind == NOT_PROVEN:
        return (
            f"{event.sitting}: every answer is revealed, but the repository's history does not "
            "show every seal committed before the first reveal, so the answers were not "
            f"combined. See why with: collabcheck apart verify {event.sitting}"
        )
    if event.kind == SEAL_DIFFERS:
        return (
            f"{event.sitting}: the seal in the repository for {name} is not the one made on this "
            f"computer, so {name}'s answers were not revealed; please ask your team who changed it."
        )
    return event.detail


def agreement_lines(
    found: Look,
    made: list[Agreement],
    settled: Settled | None,
    title_of: dict[int, str],
    commands: bool = True,
) -> list[str]:
    """Where agreeing stands after a sitting apart: what is agreed, or who chose what so far."""

    def practice(n: int) -> str:
        return f"{n}. {title_of.get(n, '')}".rstrip(". ")

    if settled is not None:
        how = "agreed together" if settled.by_call else "each of you accepted it"
        lines = [f"  Agreed: practice {practice(settled.practice)} ({how})."]
        lines += [f"    Action: {a}" for a in settled.actions]
        return lines
    if not made:
        return [
            "  Not agreed yet. "
            + (
                f"Agree a practice with: collabcheck apart agree {found.opened.id} --as NAME"
                if commands
                else "See the comparison, then agree a practice."
            )
        ]
    lines = []
    accepts = accepted(made)
    for pid in found.opened.partner_ids:
        a = accepts.get(pid)
        lines.append(
            f"  {who(found, pid)}: "
            + (f"accepts practice {practice(a.practice)}." if a is not None else "has not chosen yet.")
        )
    if len({a.practice for a in accepts.values()}) > 1:
        lines.append(
            "  You chose different practices. Talk it through, then one of you records "
            "what you agreed together" + (" (--together)." if commands else ".")
        )
    return lines


def app_event_line(found: Look | None, event: Event) -> str:
    """What bringing in the team's work did, in a short sentence for the app's screen."""
    title = sitting_words(found) if found is not None else event.sitting
    name = who(found, event.partner) if found is not None and event.partner else event.partner
    if event.kind == REVEALED:
        return f"{title}: everyone has sealed, so {name}'s answers are now shared."
    if event.kind == SEALED:
        return f"{title}: {name}'s seal, made earlier, is shared now."
    if event.kind == COMBINED:
        return f"{title}: every answer is in, and the comparison is ready."
    if event.kind == AGREED:
        return f"{title}: what you agreed is now in the sitting's file."
    if event.kind == AGREED_FIRST:
        kept, mine = event.practices
        return (
            f"{title}: another partner recorded practice {kept} as agreed at the same moment "
            f"as your practice {mine}. Theirs was shared first, so practice {kept} stands; "
            "your record is kept too."
        )
    return event_line(found, event)


def open_lines(looks: list[Look]) -> list[str]:
    """For history: the sittings apart still waiting, one line each, with what they wait for."""
    if not looks:
        return []
    lines = ["", "Sittings apart still open (each shows here once complete):"]
    for found in looks:
        o = found.opened
        people = names([display_name(m.name) for m in o.partners])
        if found.phase == OPEN:
            waiting = (
                "waiting for "
                + names([who(found, p) for p in o.partner_ids if p not in found.seals])
                + " to answer"
            )
        elif found.phase == REVEALING:
            waiting = (
                "waiting for "
                + names([who(found, p) for p in o.partner_ids if p not in found.reveals])
                + " to reveal"
            )
        else:
            waiting = "something is wrong: see collabcheck apart status"
        lines.append(f"- {o.id}: {people}, opened on {day(o.opened_at)}; {waiting}.")
    return lines


def sitting_words(found: Look) -> str:
    """A sitting apart in a few words: whose, and when it was opened (to the minute, so two
    sittings of one partnership are told apart)."""
    people = [display_name(m.name) for m in found.opened.partners]
    when = found.opened.opened_at
    return f"{names(people)}, opened {when.day} {MONTHS[when.month - 1][:3]} {when.year}, {when:%H:%M}"


def offer_words(kind: str, found: Look, pid: str = "") -> str:
    """One thing this computer can do for a sitting apart, as a choice on screen."""
    from collabcheck.core.apart_here import ANSWER, CARRY_ON, COMPARISON, REVEAL

    if kind == REVEAL:
        return f"Reveal {who(found, pid)}'s answers and see the comparison: {sitting_words(found)}"
    if kind == COMPARISON:
        return f"See the comparison: {sitting_words(found)}"
    if kind == CARRY_ON:
        return f"Carry on answering as {who(found, pid)}: {sitting_words(found)}"
    if kind == ANSWER:
        return f"Answer as {who(found, pid)}: {sitting_words(found)}"
    return f"Nothing to do here yet: {sitting_words(found)}"


def offer_line(offers: list[Offer]) -> str:
    """The first screen's one line about sittings apart waiting here ('' when none)."""
    from collabcheck.core.apart_here import ANSWER, CARRY_ON

    if not offers:
        return ""
    answers = sorted({who(o.found, o.partner) for o in offers if o.kind in (ANSWER, CARRY_ON)})
    ready = [o for o in offers if o.kind not in (ANSWER, CARRY_ON)]
    parts = []
    if answers:
        parts.append(f"waiting for {names(answers)} to answer")
    if ready:
        parts.append(
            f"{len(ready)} finished, with a comparison to see"
            if len(ready) > 1
            else "one finished, with a comparison to see"
        )
    return "Sittings apart: " + "; ".join(parts) + ". Press a to see them."


def offer_commands(offers: list[Offer]) -> list[str]:
    """Plain mode's lines about sittings apart waiting here: each with the command to run."""
    from collabcheck.core.apart_here import COMPARISON, REVEAL

    lines = []
    for o in offers:
        sid = o.found.opened.id
        if o.kind == REVEAL:
            lines.append(
                f"Everyone has sealed in a sitting apart ({sitting_words(o.found)}). "
                "Reveal your answers and see the comparison with: collabcheck apart"
            )
        elif o.kind == COMPARISON:
            lines.append(
                f"A sitting apart is finished ({sitting_words(o.found)}). See the "
                f"comparison with: collabcheck apart reveal {sid}"
            )
        else:
            lines.append(
                f"A sitting apart waits for {who(o.found, o.partner)}'s answers "
                f"({sitting_words(o.found)}). To answer on your own: collabcheck apart "
                f"answer {sid} --as {o.partner}"
            )
    return lines
