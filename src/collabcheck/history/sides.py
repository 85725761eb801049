"""Who is speaking, over time: the patient side and the professional side, and what a partner
could not rate.

The guide's point about power is an imbalance between those who deliver care and those who
receive it, so a partnership whose partners gave their side of care wants to know whether the
two sides' views are coming closer. And a partner who answers "not sure" on at least half of
a practice's statements that others rated (worked out with every other figure, in
`collabcheck.scoring.rule`) is telling the others something they cannot see; history shows
whether that shrinks.

Here are the few figures kept per sitting (history/sides_over_time.py follows them over
time). They are kept and only when there is something to keep, so a
history without sides and without that finding stays exactly what it was. Every rule comes
from `collabcheck.scoring` (the distance between two answers on the say, who cannot see); this
module only picks which partners to set against which. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from collabcheck.core.bank import Bank

if TYPE_CHECKING:
    from collabcheck.core.records import Snapshot

PATIENT, PROFESSIONAL = "patient", "professional"
SIDES = (PATIENT, PROFESSIONAL)  # the two sides whose views history sets against each other
PRACTICES = ("1", "2", "3", "4", "5")


def sides_of(snapshot: Snapshot) -> dict[str, str]:
    """Each partner's side of care, for the partners who gave one (empty when none did)."""
    return {p.id: p.side for p in snapshot.partners if p.side}


def both_sides(sides: Mapping[str, str]) -> bool:
    """Is someone on the patient side and someone on the professional side?"""
    return all(side in sides.values() for side in SIDES)


def side_view(scores: Mapping[str, float | None], sides: Mapping[str, str], side: str) -> float | None:
    """One side's view of a practice: the mean of its partners' own scores (those who have one).

    The same way `combined` treats every partner alike, each partner on a side counts once,
    however many statements they rated."""
    known = [v for pid, v in scores.items() if sides.get(pid) == side and v is not None]
    return sum(known) / len(known) if known else None


def side_gap(views: Mapping[str, float | None]) -> float | None:
    """How far apart the two sides are: the patient side's view minus the professional's,
    taken without its sign (None when either side has no view)."""
    a, b = views.get(PATIENT), views.get(PROFESSIONAL)
    return None if a is None or b is None else round(abs(a - b), 9)


def say_gap(snapshot: Snapshot, bank: Bank, sides: Mapping[str, str]) -> float | None:
    """How far apart the two sides are on who has the say: for each say question, the largest
    distance between a patient-side answer and a professional-side answer, then the mean over
    the questions where both sides placed the say. Distances are the comparison's own
    (`authority_distance`); as there, "someone outside" and "not sure" are never a gap between
    partners, and questions about carrying responsibility are not the say."""
    from collabcheck.scoring.authority import OUTSIDE, authority_distance, authority_vector

    ids = frozenset(snapshot.partner_ids)
    gaps: list[int] = []
    for item in bank.items_of_kind("authority"):
        if item.accountability:
            continue
        placed: dict[str, list[Any]] = {PATIENT: [], PROFESSIONAL: []}
        for pid, side in sides.items():
            if side not in placed:
                continue
            vec = authority_vector(snapshot.answers.get(pid, {}).get(item.id), ids)
            if vec is not None and vec != OUTSIDE:
                placed[side].append(vec)
        pairs = [authority_distance(a, b) for a in placed[PATIENT] for b in placed[PROFESSIONAL]]
        if pairs:
            gaps.append(max(pairs))
    return float(Fraction(sum(gaps), len(gaps))) if gaps else None


def side_figures(
    snapshot: Snapshot, bank: Bank, scores: Mapping[int, Mapping[str, float | None]]
) -> tuple[dict[str, dict[str, float | None]], float | None]:
    """With both sides present, each side's view of every practice and the sides' gap on the
    say; nothing otherwise. `scores` are each partner's own practice scores, from the
    comparison."""
    sides = sides_of(snapshot)
    if not both_sides(sides):
        return {}, None
    views = {side: {k: side_view(scores.get(int(k), {}), sides, side) for k in PRACTICES} for side in SIDES}
    return views, say_gap(snapshot, bank, sides)
