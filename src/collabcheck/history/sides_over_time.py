"""Who is speaking, over time: are the patient side and the professional side coming closer,
and does what a partner could not rate shrink?

Built on the figures each sitting keeps (history/sides.py), read in the same way as history's
other trends: oldest first, a change since last read on the statements asked at both sittings
when one was a quick check-in. Empty when there is nothing to follow, so layouts show nothing.
Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from collabcheck.history.build import PairHistory, Sitting, Trend
from collabcheck.history.sides import PRACTICES, SIDES, both_sides, side_gap


def side_trends(p: PairHistory) -> dict[str, Trend]:
    """How far apart the patient side and the professional side are at each sitting, on the
    say ("authority") and on each practice; empty when no sitting had both sides. When a quick
    check-in is one of the sittings a change is read between, it is read from the statements
    asked at both, as every other change in history is."""
    if not any(s.side_scores for s in p.sittings):
        return {}
    out = {"authority": Trend("Who has the say", [s.say_gap if s.side_scores else None for s in p.sittings])}
    for k in PRACTICES:
        values = [
            side_gap({side: s.side_scores.get(side, {}).get(k) for side in SIDES}) if s.side_scores else None
            for s in p.sittings
        ]
        first, last = p.sittings[0], p.sittings[-1]
        since_last = _gaps_between(p, p.sittings[-2], last, k) if len(p.sittings) > 1 else None
        since_first = _gaps_between(p, first, last, k) if len(p.sittings) > 1 else None
        out[k] = Trend(f"Practice {k}", values, since_last, since_first)
    return out


def _gaps_between(
    p: PairHistory, before: Sitting, after: Sitting, practice: str
) -> tuple[float | None, float | None] | None:
    """The sides' gap on a practice at two sittings, over the statements asked at both, when
    either was a quick check-in (None otherwise: the figures as they stand then compare)."""
    if not (before.quick or after.quick):
        return None
    common = set(before.questions.get(practice, ())) & set(after.questions.get(practice, ()))
    gaps: list[float | None] = []
    for s in (before, after):
        scores = p.statement_scores(s)
        if not common or scores is None or not both_sides(s.sides):
            gaps.append(None)
            continue
        gaps.append(side_gap({side: side_view_on(scores, common, s.sides, side) for side in SIDES}))
    return gaps[0], gaps[1]


def side_names(p: PairHistory) -> dict[str, list[str]]:
    """Who is on each side, by name, at the latest sitting where both sides took part."""
    for s in reversed(p.sittings):
        if s.side_scores:
            names = dict(zip(s.partners, s.names, strict=False))
            return {side: [names[pid] for pid in s.partners if s.sides.get(pid) == side] for side in SIDES}
    return {side: [] for side in SIDES}


@dataclass
class CannotSee:
    """One partner and one practice where, at some sitting, they could not rate at least half
    of the statements others rated: at each sitting they took part in, [not sure, rated by
    others] when they could not, None when they could rate more than that."""

    partner: str
    name: str
    practice: int
    title: str
    counts: list[tuple[str, list[int] | None]]  # (taken_at, counts), oldest first

    @property
    def since_previous(self) -> str | None:
        """'fewer', 'more' or 'same' (a smaller, larger or equal share of the statements),
        'gone' (no longer at least half) or 'new', since the partner's previous sitting;
        None after one sitting."""
        if len(self.counts) < 2:
            return None
        before, after = self.counts[-2][1], self.counts[-1][1]
        if after is None:
            return "gone"
        if before is None:
            return "new"
        share = Fraction(after[0], after[1]) - Fraction(before[0], before[1])
        return "fewer" if share < 0 else "more" if share > 0 else "same"


def cannot_see_tracks(p: PairHistory) -> list[CannotSee]:
    """Every partner and practice with the finding at any sitting, by practice, then by the
    partner's name; empty when nobody ever had it."""
    found: dict[tuple[int, str], CannotSee] = {}
    for s in p.sittings:
        for k, by in s.cannot_see.items():
            for pid in by:
                name = dict(zip(s.partners, s.names, strict=False)).get(pid, pid)
                found.setdefault((int(k), pid), CannotSee(pid, name, int(k), p.titles.get(int(k), ""), []))
    for (number, pid), track in found.items():
        track.counts = [
            (s.taken_at, s.cannot_see.get(str(number), {}).get(pid)) for s in p.sittings if pid in s.partners
        ]
    return sorted(found.values(), key=lambda t: (t.practice, t.name, t.partner))


def side_view_on(
    scores: Mapping[str, Mapping[str, int]], statements: Iterable[str], sides: Mapping[str, str], side: str
) -> float | None:
    """One side's view over `statements` only (a quick check-in against another sitting):
    each of its partners' average over those they scored, then the mean over its partners."""
    from collabcheck.history.common import combined_on

    mine = {item: {p: v for p, v in by.items() if sides.get(p) == side} for item, by in scores.items()}
    return combined_on(mine, statements)
