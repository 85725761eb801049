"""The rule, worked once: every figure of one sitting, from its answers to the practice suggested.

Two readers need the comparison. A report needs every figure and a record of every question
(`compare.compare`); history and the cohort compare thousands of sittings and need only the
figures (`compare.figures`). Both take them from `work_out`, which walks the answers once:
with `records`, each loop also keeps the record of the question it has just scored, built
from the very values the figures were summed from; without, it skips only that. So the two
can never disagree, and a change to the rule is made here once.

Partners act on this, so every figure must be reproducible by hand and must not depend on
the order partners sat in. Answers are whole numbers, so the work per answer is done on
integers (sums and counts), and each practice's figures are exact ratios of whole numbers
(`rounding.Ratio`): sums never depend on order, the suggestion never hinges on a rounding
error, and one sitting costs a fraction of a millisecond. Floats appear only at the edge,
for JSON and display. The say is worked out in `authority.py`, the priority and the ranking
in `priority.py`; every threshold lives in `rules.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import lcm
from typing import Any

from collabcheck.core.bank import FOCUS_VALUES, Bank, Item, Section
from collabcheck.core.snapshot import Snapshot, check_value
from collabcheck.scoring.authority import authority as _authority
from collabcheck.scoring.priority import Ranking, rank
from collabcheck.scoring.results import AuthorityResult, FocusResult, ItemResult, PracticeFigures
from collabcheck.scoring.rounding import Ratio, at_least, at_most, ratio_float
from collabcheck.scoring.rules import (
    CANNOT_SEE_SHARE,
    FOCUS_DIVERGENT,
    LEANING,
    SHARED_CONCERN,
    SHARED_STRENGTH,
    SPLIT_SIDE,
    STATEMENT_APART,
    TOP,
)

# The score of each answer 1..TOP, indexed by the answer, for a statement read as written
# and for one reversed (agreeing with it is a weakness): the only place reversal is defined.
_SCALES: dict[bool, tuple[int, ...]] = {
    reverse: (0, *(TOP + 1 - v if reverse else v for v in range(1, TOP + 1))) for reverse in (False, True)
}


def agree_score(item: Item, value: Any) -> int | None:
    """The 1–5 score of an agree answer after reversal; None for "unsure", a skip or a bad value."""
    if type(value) is not int or not 1 <= value <= TOP:
        return None
    return _SCALES[item.reverse][value]


def _answers(snapshot: Snapshot, bank: Bank) -> tuple[dict[str, dict[str, Any]], list[str], list[str]]:
    """Per partner, the answers that fit their bank item; plus the ids of answers to unknown
    items and of answers that no longer fit. Each answer is checked once: by the reader's own
    rule here, or not again when the reader already checked it against this very bank."""
    ids = frozenset(snapshot.partner_ids)
    items = bank.items_by_id
    schema = snapshot.schema
    checked = snapshot.checked_with == (bank.id, bank.version)
    good: dict[str, dict[str, Any]] = {pid: {} for pid in snapshot.partner_ids}
    unknown: set[str] = set()
    mismatched: set[str] = set()
    for pid in snapshot.partner_ids:
        table = snapshot.answers.get(pid, {})
        if checked and not table.keys() - items.keys():
            good[pid] = table  # every answer known and already checked: nothing to sort out
            continue
        mine = good[pid]
        for item_id, value in table.items():
            item = items.get(item_id)
            if item is None:
                unknown.add(item_id)
            elif checked or (item.kind != "reflect" and check_value(value, ids, item.kind, schema) is None):
                mine[item_id] = value
            else:
                mismatched.add(item_id)
    return good, sorted(unknown), sorted(mismatched)


def _mean_of_means(sums: list[tuple[int, int]]) -> Ratio | None:
    """The mean of each partner's mean (total ÷ count), exact: over a common denominator.
    None when nobody answered."""
    if not sums:
        return None
    common = lcm(*(count for _, count in sums))
    return sum(total * (common // count) for total, count in sums), common * len(sums)


def _category(low: int, high: int, seen: int) -> str | None:
    """How a statement's scores sit together, from the lowest, the highest and how many."""
    if seen < 2:
        return None
    if low >= SHARED_STRENGTH:
        return "shared-strength"
    if high <= SHARED_CONCERN:
        return "shared-concern"
    if high - low >= STATEMENT_APART:
        return "divergent"
    return "mixed"


def _practice(
    section: Section, pids: list[str], answers: dict[str, dict[str, Any]], starting: bool, records: bool
) -> PracticeFigures:
    """One practice's figures on integer sums, and (with `records`) the record of each statement.

    For a partnership just `starting`, the statements marked `later` (things it cannot have
    done yet) are shown but not counted.
    """
    items: list[ItemResult] = []
    books = [answers[pid] for pid in pids]  # positions, not dict keys: the hot loop of history
    totals = [0] * len(pids)
    counts = [0] * len(pids)
    unsures = [0] * len(pids)
    # For who could not rate: per partner, the statements someone else rated, and how many
    # of those this partner was not sure of.
    rated_any = 0  # statements someone rated
    only_rater = [0] * len(pids)  # statements this partner alone rated
    unsure_of_rated = [0] * len(pids)
    spread_sum = spread_n = 0
    for item in section.rated:
        key, scale = item.id, _SCALES[item.reverse]
        low, high, seen, rater = TOP + 1, 0, 0, -1
        unsure_here: list[int] | None = None
        skip = starting and item.later
        for k, book in enumerate(() if skip else books):
            v = book.get(key)
            if type(v) is int:
                score = scale[v]
                totals[k] += score
                counts[k] += 1
                seen += 1
                rater = k
                if score < low:
                    low = score
                if score > high:
                    high = score
            elif v == "unsure":
                unsures[k] += 1
                if unsure_here is None:
                    unsure_here = [k]
                else:
                    unsure_here.append(k)
        if seen:
            rated_any += 1
            if seen == 1:
                only_rater[rater] += 1
            for k in unsure_here or ():  # never a rater, so someone else rated it
                unsure_of_rated[k] += 1
        if seen >= 2:
            spread_sum += high - low
            spread_n += 1
        if records:
            raw = {pid: book.get(key) for pid, book in zip(pids, books, strict=True)}
            items.append(
                ItemResult(
                    id=key,
                    kind="agree",
                    text=item.text,
                    short=item.short,
                    reverse=item.reverse,
                    answers=raw,
                    scores={pid: agree_score(item, v) for pid, v in raw.items()},
                    unsure=sum(v == "unsure" for v in raw.values()),
                    spread=high - low if seen >= 2 else None,
                    category=_category(low, high, seen),
                    later=skip,
                )
            )
    counted = [(t, c) for t, c in zip(totals, counts, strict=True) if c]
    combined = _mean_of_means(counted)
    return PracticeFigures(
        number=section.number or 0,
        combined=combined,
        need=(TOP * combined[1] - combined[0], combined[1]) if combined is not None else (0, 1),
        divergence=(spread_sum, spread_n) if spread_n else None,
        weight=(spread_n, max(counts) * len(counted)) if spread_n else None,
        totals=totals,
        counts=counts,
        unsures=unsures,
        items=items,
        cannot_see=_cannot_see(pids, unsure_of_rated, [rated_any - alone for alone in only_rater]),
    )


def _cannot_see(pids: list[str], unsure: list[int], rated: list[int]) -> dict[str, tuple[int, int]]:
    """Each partner who was not sure of at least `CANNOT_SEE_SHARE` of the statements (those
    counted) that someone else rated: (not sure, rated by someone else). What one partner
    cannot see is a finding, not only a gap in the data."""
    return {
        pid: (u, r)
        for pid, u, r in zip(pids, unsure, rated, strict=True)
        if u and at_least(u, r, CANNOT_SEE_SHARE)
    }


def _focus(bank: Bank, pids: list[str], answers: dict[str, dict[str, Any]], records: bool) -> FocusResult:
    """Where each partner thinks attention goes, the gap, and which way the partnership leans.

    As for the practices, the work is on whole numbers: each position is a ratio (sum, count),
    compared by cross-multiplying, so no figure depends on a rounding error."""
    items: list[ItemResult] = []
    books = [answers[pid] for pid in pids]
    total = [0] * len(pids)
    count = [0] * len(pids)
    unsure = [0] * len(pids)
    for item in bank.items_of_kind("focus"):
        key = item.id
        for k, book in enumerate(books):
            v = book.get(key)
            place = FOCUS_VALUES.get(v) if isinstance(v, str) else None
            if place is not None:
                total[k] += place
                count[k] += 1
            elif v == "unsure":
                unsure[k] += 1
        if records:
            raw = {pid: book.get(key) for pid, book in zip(pids, books, strict=True)}
            pos = {pid: FOCUS_VALUES.get(v) if isinstance(v, str) else None for pid, v in raw.items()}
            nums = [v for v in pos.values() if v is not None]
            items.append(
                ItemResult(
                    id=key,
                    kind="focus",
                    text=item.text,
                    short=item.short,
                    reverse=False,
                    answers=raw,
                    scores=pos,
                    unsure=sum(v == "unsure" for v in raw.values()),
                    spread=max(nums) - min(nums) if len(nums) >= 2 else None,
                )
            )
    known = [(t, c) for t, c in zip(total, count, strict=True) if c]
    divergence: Ratio | None = None
    low = high = (0, 1)
    if known:
        low = high = known[0]
        for r in known[1:]:  # the first lowest and the first highest, compared by cross-multiplying
            if r[0] * low[1] < low[0] * r[1]:
                low = r
            if r[0] * high[1] > high[0] * r[1]:
                high = r
        if len(known) >= 2:
            divergence = (high[0] * low[1] - low[0] * high[1], high[1] * low[1])
    mean = _mean_of_means(known)
    divergent = divergence is not None and at_least(*divergence, FOCUS_DIVERGENT)
    leaning = None
    if mean is not None:
        if divergent and at_most(*low, -SPLIT_SIDE) and at_least(*high, SPLIT_SIDE):
            leaning = "split"  # opposite sides: never summed up as balanced (property 10)
        elif at_most(*mean, -LEANING):
            leaning = "task"
        elif at_least(*mean, LEANING):
            leaning = "relationship"
        else:
            leaning = "balanced"
    return FocusResult(
        positions={pid: t / c if c else None for pid, t, c in zip(pids, total, count, strict=True)},
        mean=ratio_float(mean),
        divergence=ratio_float(divergence),
        divergent=divergent,
        leaning=leaning,
        items=items,
        unsure=dict(zip(pids, unsure, strict=True)),
    )


@dataclass(frozen=True, slots=True)
class Worked:
    """Everything the rule works out for one sitting, before any of it is put into records
    for a report (`compare`) or cut down to history's figures (`figures`)."""

    pids: list[str]
    stage: str | None
    route: str | None
    practices: list[PracticeFigures]  # bank order
    authority: AuthorityResult
    focus: FocusResult
    ranking: Ranking
    unknown_answers: list[str]
    mismatched_answers: list[str]
    # With records only: the ranking had the route, or the stage, not been counted.
    without_route: Ranking | None = None
    without_stage: Ranking | None = None


def work_out(snapshot: Snapshot, bank: Bank, records: bool) -> Worked:
    """The whole rule for one sitting; with `records`, also every question's record and the
    rankings a report compares with (as if the route, or the stage, had not been given)."""
    pids = snapshot.partner_ids
    answers, unknown, mismatched = _answers(snapshot, bank)
    context = snapshot.context
    stage, route = (context.stage, context.route) if context is not None else (None, None)
    starting = stage == "starting"
    practices = [_practice(s, pids, answers, starting, records) for s in bank.practices]
    say = _authority(bank, pids, answers, detail=records)
    focus = _focus(bank, pids, answers, records)
    power, task = say.hierarchy, focus.leaning == "task"
    without_route = without_stage = None
    if records:
        without_route = rank(practices, len(pids), power, task, stage, None) if route else None
        without_stage = rank(practices, len(pids), power, task, None, route) if stage else None
    return Worked(
        pids=pids,
        stage=stage,
        route=route,
        practices=practices,
        authority=say,
        focus=focus,
        ranking=rank(practices, len(pids), power, task, stage, route),
        unknown_answers=unknown,
        mismatched_answers=mismatched,
        without_route=without_route,
        without_stage=without_stage,
    )
