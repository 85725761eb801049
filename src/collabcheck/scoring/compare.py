"""The comparison of one sitting (spec §4–§5), in numbers: where partners see things differently.

Partners act on this, so every figure must be reproducible by hand and must not depend on
the order partners sat in. Answers are whole numbers, so the work per answer is done on
integers (sums and counts) and only the handful of per-practice figures become exact
fractions: sums never depend on order, the suggestion never hinges on a rounding error, and
one comparison takes a fraction of a millisecond (history compares thousands). Floats appear
only at the edge, for JSON and display. Each answer is checked once, by the snapshot reader's
own rule. Thresholds live in `rules.py`, the suggestion in `suggest.py`, and every sentence
about the result in `collabcheck.render`.
"""

from __future__ import annotations

from dataclasses import asdict
from fractions import Fraction
from math import lcm
from typing import Any

from collabcheck.core.bank import FOCUS_VALUES, Bank, Item, Section
from collabcheck.core.snapshot import Snapshot, check_value
from collabcheck.scoring.authority import authority as _authority
from collabcheck.scoring.results import (
    AuthorityResult,
    Comparison,
    Figures,
    FocusResult,
    ItemResult,
    PracticeResult,
)
from collabcheck.scoring.rounding import exact_mean as _mean
from collabcheck.scoring.rounding import to_float as _float
from collabcheck.scoring.rules import (
    CANNOT_SEE_SHARE,
    FOCUS_DIVERGENT,
    KIND_RANK,
    LEANING,
    SPLIT_SIDE,
    TALK_CAP,
    TALK_MIN,
    TOP,
)
from collabcheck.scoring.suggest import Raw, best_practice, suggest


def agree_score(item: Item, value: Any) -> int | None:
    """The 1–5 score of an agree answer after reversal; None for "unsure", a skip or a bad value."""
    if type(value) is not int or not 1 <= value <= 5:
        return None
    return TOP + 1 - value if item.reverse else value


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


def _mean_of_means(sums: list[tuple[int, int]]) -> Fraction | None:
    """The mean of each partner's mean (total ÷ count), exact: over a common denominator,
    one Fraction. None when nobody answered."""
    if not sums:
        return None
    lcd = lcm(*(count for _, count in sums))
    return Fraction(sum(total * (lcd // count) for total, count in sums), lcd * len(sums))


def _category(scores: list[int]) -> str | None:
    if len(scores) < 2:
        return None
    if min(scores) >= 4:
        return "shared-strength"
    if max(scores) <= 2:
        return "shared-concern"
    if max(scores) - min(scores) >= 2:
        return "divergent"
    return "mixed"


def _practice(
    section: Section,
    pids: list[str],
    answers: dict[str, dict[str, Any]],
    detail: bool,
    starting: bool = False,
) -> Raw:
    """Scores of one practice on integer sums: its exact figures, and the record a report shows.

    Without `detail` the records are skipped (history needs only the figures); every figure
    is worked out by the same lines either way. For a partnership just `starting`, the
    statements marked `later` (things it cannot have done yet) are shown but not counted.
    """
    items: list[ItemResult] = []
    books = [answers[pid] for pid in pids]  # positions, not dict keys: the hot loop of history
    totals = [0] * len(pids)
    counts = [0] * len(pids)
    unsures = [0] * len(pids)
    spread_sum = spread_n = 0
    for item in section.items:
        if item.kind != "agree":
            continue
        key, reverse = item.id, item.reverse
        low, high, seen = 6, 0, 0
        skip = starting and item.later
        for k, book in enumerate(() if skip else books):
            v = book.get(key)
            if type(v) is int:
                score = 6 - v if reverse else v
                totals[k] += score
                counts[k] += 1
                seen += 1
                if score < low:
                    low = score
                if score > high:
                    high = score
            elif v == "unsure":
                unsures[k] += 1
        if seen >= 2:
            spread_sum += high - low
            spread_n += 1
        if detail:
            raw = {pid: answers[pid].get(key) for pid in pids}
            scores = {pid: agree_score(item, v) for pid, v in raw.items()}
            nums = [x for x in scores.values() if x is not None]
            items.append(
                ItemResult(
                    id=key,
                    kind="agree",
                    text=item.text,
                    short=item.short,
                    reverse=reverse,
                    answers=raw,
                    scores=scores,
                    unsure=sum(v == "unsure" for v in raw.values()),
                    spread=high - low if seen >= 2 else None,
                    category=None if skip else _category(nums),
                    later=skip,
                )
            )
    counted = [(t, c) for t, c in zip(totals, counts, strict=True) if c]
    combined = _mean_of_means(counted)
    divergence = Fraction(spread_sum, spread_n) if spread_n else None
    weight = Fraction(spread_n, max(counts) * len(counted)) if spread_n else None
    number = section.number or 0
    if not detail:
        return Raw(number, combined, divergence, weight, None)
    count = dict(zip(pids, counts, strict=True))
    unsure_by = dict(zip(pids, unsures, strict=True))
    result = PracticeResult(
        number=number,
        id=section.id,
        title=section.title,
        scores={pid: t / c if c else None for pid, t, c in zip(pids, totals, counts, strict=True)},
        answered=count,
        unsure=sum(unsures),
        unsure_by_partner=unsure_by,
        combined=_float(combined),
        divergence=_float(divergence),
        items=items,
        cannot_see=cannot_see(pids, items),
    )
    return Raw(number, combined, divergence, weight, result)


def cannot_see(pids: list[str], items: list[ItemResult]) -> dict[str, tuple[int, int]]:
    """Each partner who answered "not sure" on at least `CANNOT_SEE_SHARE` of the statements
    (counted ones) that someone else rated: (not sure, rated by someone else). What one
    partner cannot see is a finding, not only a gap in the data."""
    out: dict[str, tuple[int, int]] = {}
    for pid in pids:
        rated = [
            it
            for it in items
            if not it.later and any(type(v) is int for o, v in it.answers.items() if o != pid)
        ]
        unsure = sum(it.answers.get(pid) == "unsure" for it in rated)
        if rated and unsure and unsure >= CANNOT_SEE_SHARE * len(rated):
            out[pid] = (unsure, len(rated))
    return out


def _focus(
    bank: Bank, pids: list[str], answers: dict[str, dict[str, Any]], detail: bool = True
) -> FocusResult:
    items: list[ItemResult] = []
    total = dict.fromkeys(pids, 0)
    count = dict.fromkeys(pids, 0)
    unsure = dict.fromkeys(pids, 0)
    for item in bank.items_of_kind("focus"):
        raw = {pid: answers[pid].get(item.id) for pid in pids}
        pos = {pid: FOCUS_VALUES.get(v) if isinstance(v, str) else None for pid, v in raw.items()}
        nums = [v for v in pos.values() if v is not None]
        for pid, v in pos.items():
            if v is not None:
                total[pid] += v
                count[pid] += 1
            elif raw[pid] == "unsure":
                unsure[pid] += 1
        if detail:
            items.append(
                ItemResult(
                    id=item.id,
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
    positions = {pid: _mean(total[pid], count[pid]) for pid in pids}
    known = [p for p in positions.values() if p is not None]
    low, high = (min(known), max(known)) if known else (None, None)
    divergence = high - low if len(known) >= 2 else None  # type: ignore[operator]
    mean = _mean_of_means([(total[p], count[p]) for p in pids if count[p]])
    divergent = divergence is not None and divergence >= FOCUS_DIVERGENT
    leaning = None
    if mean is not None:
        if divergent and low <= -SPLIT_SIDE and high >= SPLIT_SIDE:  # type: ignore[operator]
            leaning = "split"  # opposite sides: never summed up as balanced (property 10)
        elif mean <= -LEANING:
            leaning = "task"
        elif mean >= LEANING:
            leaning = "relationship"
        else:
            leaning = "balanced"
    return FocusResult(
        positions={pid: _float(p) for pid, p in positions.items()},
        mean=_float(mean),
        divergence=_float(divergence),
        divergent=divergent,
        leaning=leaning,
        items=items,
        unsure=unsure,
    )


def _talk_about_first(
    bank: Bank, practices: list[PracticeResult], authority: AuthorityResult, focus: FocusResult
) -> list[str]:
    """Items answered furthest apart: biggest gap first, then power, attention, practices; bank order."""
    order = bank.order
    found: list[tuple[float, int, int, str]] = []
    for item in [i for p in practices for i in p.items] + focus.items:
        if item.spread is not None and item.spread >= TALK_MIN:
            found.append((-item.spread, KIND_RANK[item.kind], order.get(item.id, 0), item.id))
    for item in authority.items:
        if item.divergence is not None and item.divergence >= TALK_MIN:
            found.append((-item.divergence, KIND_RANK["authority"], order.get(item.id, 0), item.id))
    return [f[3] for f in sorted(found)[:TALK_CAP]]


def compare(snapshot: Snapshot, bank: Bank) -> Comparison:
    """Compare one sitting against a bank: scores, gaps, power, attention and the suggestion."""
    pids = snapshot.partner_ids
    answers, unknown, mismatched = _answers(snapshot, bank)
    stage, route = _standing(snapshot)
    raw = [_practice(s, pids, answers, True, stage == "starting") for s in bank.practices]
    authority = _authority(bank, pids, answers)
    focus = _focus(bank, pids, answers)
    practices, suggestion = suggest(len(pids), bank, raw, authority, focus, stage, route)
    return Comparison(
        pair=snapshot.pair,
        taken_at=snapshot.taken_at,
        bank=snapshot.bank,
        bank_version=snapshot.bank_version,
        compared_with={"bank": bank.id, "bank_version": bank.version},
        partners=list(snapshot.partners),
        practices=practices,
        authority=authority,
        focus=focus,
        suggestion=suggestion,
        talk_about_first=_talk_about_first(bank, practices, authority, focus),
        unknown_answers=unknown,
        mismatched_answers=mismatched,
        agreed=asdict(snapshot.agreed) if snapshot.agreed else None,
        notes=_notes(snapshot, bank),
        context={"stage": stage, "route": route},
        source=bank.source,
    )


def figures(snapshot: Snapshot, bank: Bank, per_partner: bool = False) -> Figures:
    """Only the figures history keeps from a sitting, worked out by the very lines `compare`
    uses, without the per-question records, tips and reasons a report needs; with
    `per_partner`, also each partner's own practice scores and the say and attention results
    (what the cohort and the picture need), by the same lines.

    A programme's first history compares thousands of sittings, so this path must cost a
    fraction of a millisecond; a test checks it against `compare` on random sittings.
    """
    pids = snapshot.partner_ids
    answers, unknown, mismatched = _answers(snapshot, bank)
    stage, route = _standing(snapshot)
    starting = stage == "starting"
    raw = [_practice(s, pids, answers, False, starting) for s in bank.practices]
    authority = _authority(bank, pids, answers, detail=False)
    focus = _focus(bank, pids, answers, detail=False)
    scores = (
        {
            s.number or 0: {
                pid: _float(_practice(s, [pid], answers, False, starting).combined) for pid in pids
            }
            for s in bank.practices
        }
        if per_partner
        else None
    )
    return Figures(
        scores=scores,
        authority=authority if per_partner else None,
        focus=focus if per_partner else None,
        combined={r.number: _float(r.combined) for r in raw},
        divergence={r.number: _float(r.divergence) for r in raw},
        authority_divergence=authority.divergence,
        focus_divergence=focus.divergence,
        suggested=best_practice(len(pids), raw, authority, focus, stage, route),
        unknown_answers=unknown,
        mismatched_answers=mismatched,
    )


def _standing(snapshot: Snapshot) -> tuple[str | None, str | None]:
    """(stage, route) from the sitting's [context], if the partners said."""
    context = snapshot.context
    return (context.stage, context.route) if context is not None else (None, None)


def _notes(snapshot: Snapshot, bank: Bank) -> dict[str, dict[str, str]]:
    """Kept reflections per partner in sitting order, in bank order (unknown ids last, by id)."""
    order = bank.order
    out: dict[str, dict[str, str]] = {}
    for pid in snapshot.partner_ids:
        table = {k: v for k, v in snapshot.notes.get(pid, {}).items() if v.strip()}
        if table:
            out[pid] = dict(
                sorted(table.items(), key=lambda kv: (kv[0] not in order, order.get(kv[0], 0), kv[0]))
            )
    return out
