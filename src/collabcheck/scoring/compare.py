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

from fractions import Fraction
from itertools import combinations
from math import lcm
from typing import Any

from collabcheck.core.bank import FOCUS_VALUES, Bank, Item, Section
from collabcheck.core.snapshot import Snapshot, check_value
from collabcheck.scoring.results import (
    AuthorityResult,
    Comparison,
    FocusResult,
    ItemResult,
    PracticeResult,
)
from collabcheck.scoring.rules import (
    AUTHORITY_DIVERGENT,
    FOCUS_DIVERGENT,
    HOLDER_SHARE,
    KIND_RANK,
    LEANING,
    MOST_SHARE,
    OUTSIDE_DISTANCE,
    OUTSIDE_SHARE,
    SPLIT_SIDE,
    TALK_CAP,
    TALK_MIN,
    TOP,
)
from collabcheck.scoring.suggest import Raw, suggest

OUTSIDE = "outside"


def _float(x: Fraction | int | None) -> float | None:
    return None if x is None else float(x)


def _mean(total: int, count: int) -> Fraction | None:
    return Fraction(total, count) if count else None


def agree_score(item: Item, value: Any) -> int | None:
    """The 1–5 score of an agree answer after reversal; None for "unsure", a skip or a bad value."""
    if type(value) is not int or not 1 <= value <= 5:
        return None
    return TOP + 1 - value if item.reverse else value


def authority_vector(value: Any, partner_ids: set[str] | frozenset[str]) -> dict[str, int] | str | None:
    """An authority answer as a vector of say: shared = no one; more:X = X by 1; mostly:X = X
    by 2; less:X = every other partner by 1. "outside" stays a position of its own; "unsure",
    a skip or a value that does not fit give None (left out, like a "not sure" rating)."""
    if value == "shared":
        return {}
    if value == OUTSIDE:
        return OUTSIDE
    if isinstance(value, str) and ":" in value:
        how, who = value.split(":", 1)
        if who in partner_ids:
            if how == "more":
                return {who: 1}
            if how == "mostly":
                return {who: 2}
            if how == "less":
                return {p: 1 for p in partner_ids if p != who}
    return None


def authority_distance(a: dict[str, int] | str, b: dict[str, int] | str) -> int:
    """L1 distance between two answers (shared vs mostly:X = 2, mostly:X vs mostly:Y = 4);
    "outside" is OUTSIDE_DISTANCE from every answer inside the partnership, as far as
    shared is from mostly:X."""
    if isinstance(a, str) or isinstance(b, str):
        return 0 if a == b else OUTSIDE_DISTANCE
    return sum(abs(a.get(k, 0) - b.get(k, 0)) for k in a.keys() | b.keys())


def _answers(snapshot: Snapshot, bank: Bank) -> tuple[dict[str, dict[str, Any]], list[str], list[str]]:
    """Per partner, the answers that fit their bank item; plus the ids of answers to unknown
    items and of answers that no longer fit. Each answer is checked once: by the reader's own
    rule here, or not again when the reader already checked it against this very bank."""
    ids = frozenset(snapshot.partner_ids)
    items = bank.items_by_id
    schema = snapshot.schema_
    checked = snapshot._checked_with == (bank.id, bank.version)
    good: dict[str, dict[str, Any]] = {pid: {} for pid in snapshot.partner_ids}
    unknown: set[str] = set()
    mismatched: set[str] = set()
    for pid in snapshot.partner_ids:
        mine = good[pid]
        for item_id, value in snapshot.answers.get(pid, {}).items():
            item = items.get(item_id)
            if item is None:
                unknown.add(item_id)
            elif checked or (item.kind != "reflect"
                             and check_value(value, ids, item.kind, schema) is None):
                mine[item_id] = value
            else:
                mismatched.add(item_id)
    return good, sorted(unknown), sorted(mismatched)


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


def _practice(section: Section, pids: list[str], answers: dict[str, dict[str, Any]],
              detail: bool) -> Raw:
    """Scores of one practice on integer sums; returns (result, combined, divergence, weight).

    Without `detail` the per-statement records are skipped (history needs only the figures);
    every figure is worked out by the same lines either way.
    """
    items: list[ItemResult] = []
    total = dict.fromkeys(pids, 0)
    count = dict.fromkeys(pids, 0)
    unsure_by = dict.fromkeys(pids, 0)
    spread_sum = spread_n = 0
    for item in section.of_kind("agree"):
        key, reverse = item.id, item.reverse
        low, high, seen = 6, 0, 0
        for pid in pids:
            v = answers[pid].get(key)
            if type(v) is int:
                score = 6 - v if reverse else v
                total[pid] += score
                count[pid] += 1
                seen += 1
                low = min(low, score)
                high = max(high, score)
            elif v == "unsure":
                unsure_by[pid] += 1
        if seen >= 2:
            spread_sum += high - low
            spread_n += 1
        if detail:
            raw = {pid: answers[pid].get(key) for pid in pids}
            scores = {pid: agree_score(item, v) for pid, v in raw.items()}
            nums = [x for x in scores.values() if x is not None]
            items.append(ItemResult(id=key, kind="agree", text=item.text, short=item.short,
                                    reverse=reverse, answers=raw, scores=scores,
                                    unsure=sum(v == "unsure" for v in raw.values()),
                                    spread=high - low if seen >= 2 else None,
                                    category=_category(nums)))
    answered = [pid for pid in pids if count[pid]]
    combined = None
    if answered:
        # The mean of the partners' means, exact: over a common denominator, one Fraction.
        lcd = lcm(*(count[pid] for pid in answered))
        combined = Fraction(sum(total[pid] * (lcd // count[pid]) for pid in answered),
                            lcd * len(answered))
    divergence = Fraction(spread_sum, spread_n) if spread_n else None
    n_max = max(count.values(), default=0)
    weight = Fraction(spread_n, n_max * len(answered)) if spread_n else None
    result = PracticeResult(
        number=section.number or 0, id=section.id, title=section.title,
        scores={pid: total[pid] / count[pid] if count[pid] else None for pid in pids},
        answered=dict(count), unsure=sum(unsure_by.values()), unsure_by_partner=unsure_by,
        combined=_float(combined), divergence=_float(divergence), items=items)
    return result, combined, divergence, weight


def _view(counts: dict[str, int], mostly: dict[str, int], less: dict[str, int], outside: int,
          answered: int) -> tuple[str, str | None, str | None]:
    """One respondent's overall view: (holder or "outside" or "shared", strength, left out).

    The holder is the one partner named as having more or most say on at least half of the
    say questions they answered (the guide's "held predominantly by one partner"); "not
    sure" never counts, and "outside" is never anyone's say.
    """
    best = max(counts.values(), default=0)
    tops = [who for who, n in counts.items() if n == best]
    left = None
    low = max(less.values(), default=0)
    lows = [who for who, n in less.items() if n == low]
    if low and len(lows) == 1 and low >= answered * HOLDER_SHARE:
        left = lows[0]
    if best and len(tops) == 1 and best >= answered * HOLDER_SHARE:
        who = tops[0]
        return who, ("most" if mostly[who] >= best * MOST_SHARE else "more"), left
    if outside and outside >= answered * OUTSIDE_SHARE:
        return OUTSIDE, None, left
    return "shared", None, left


def _authority(bank: Bank, pids: list[str], answers: dict[str, dict[str, Any]]) -> AuthorityResult:
    ids = frozenset(pids)
    items: list[ItemResult] = []
    say_divs: list[int] = []
    carry_divs: list[int] = []
    totals = {pid: dict.fromkeys(pids, 0) for pid in pids}
    counts = {pid: dict.fromkeys(pids, 0) for pid in pids}
    mostly = {pid: dict.fromkeys(pids, 0) for pid in pids}
    less = {pid: dict.fromkeys(pids, 0) for pid in pids}
    outside = dict.fromkeys(pids, 0)
    answered = dict.fromkeys(pids, 0)
    unsure = dict.fromkeys(pids, 0)
    for item in bank.items_of_kind("authority"):
        raw = {pid: answers[pid].get(item.id) for pid in pids}
        vectors = {}
        for pid, value in raw.items():
            if value is None:
                continue
            vec = authority_vector(value, ids)
            if vec is None:
                unsure[pid] += value == "unsure"
                continue
            vectors[pid] = vec
            if item.accountability:
                continue  # carrying responsibility is compared, but is never the say
            answered[pid] += 1
            if vec == OUTSIDE:
                outside[pid] += 1
                continue
            assert isinstance(vec, dict)
            for who, w in vec.items():
                totals[pid][who] += w
            how, _, who = value.partition(":")
            if how in ("more", "mostly"):
                counts[pid][who] += 1
                mostly[pid][who] += how == "mostly"
            elif how == "less":
                less[pid][who] += 1
        div = max((authority_distance(a, b) for a, b in combinations(vectors.values(), 2)),
                  default=None)
        if div is not None:
            (carry_divs if item.accountability else say_divs).append(div)
        items.append(ItemResult(id=item.id, kind="authority", text=item.text, short=item.short,
                                reverse=False, answers=raw, divergence=_float(div),
                                unsure=sum(v == "unsure" for v in raw.values()),
                                accountability=item.accountability))
    holders: dict[str, str] = {}
    strength: dict[str, str] = {}
    left_out: dict[str, str] = {}
    named: dict[str, int] = {}
    for pid in pids:
        if not answered[pid]:
            continue
        holder, how, left = _view(counts[pid], mostly[pid], less[pid], outside[pid], answered[pid])
        holders[pid] = holder
        if how is not None:
            strength[pid] = how
            named[pid] = counts[pid][holder]
        elif holder == OUTSIDE:
            named[pid] = outside[pid]
        if left is not None:
            left_out[pid] = left
    divergence = _mean(sum(say_divs), len(say_divs))
    return AuthorityResult(
        divergence=_float(divergence),
        divergent=divergence is not None and divergence >= AUTHORITY_DIVERGENT,
        pattern_id=authority_pattern(holders, left_out), perceived_holder=holders,
        strength=strength, left_out=left_out, named=named,
        totals={p: totals[p] for p in holders}, answered=answered, unsure=unsure, items=items,
        accountability_divergence=_float(_mean(sum(carry_divs), len(carry_divs))))


def authority_pattern(holders: dict[str, str], left_out: dict[str, str] | None = None) -> str:
    """The shape of everyone's overall view of who has the say, independent of partner order."""
    if len(holders) < 2:
        return "not-enough-answers"
    left_out = left_out or {}
    views = set(holders.values())
    if len(left_out) == len(holders) and len(set(left_out.values())) == 1:
        return "same-left-out"
    if views == {"shared"}:
        return "all-shared"
    if views == {OUTSIDE}:
        return "outside"
    if OUTSIDE in views:
        return "some-outside"
    if "shared" in views:
        return "shared-and-held"
    if len(views) == 1:
        return "same-holder"
    if all(h == pid for pid, h in holders.items()):
        return "each-self"
    if all(h != pid for pid, h in holders.items()):
        return "each-other"
    return "mixed"


def _focus(bank: Bank, pids: list[str], answers: dict[str, dict[str, Any]]) -> FocusResult:
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
        items.append(ItemResult(id=item.id, kind="focus", text=item.text, short=item.short,
                                reverse=False, answers=raw, scores=pos,
                                unsure=sum(v == "unsure" for v in raw.values()),
                                spread=max(nums) - min(nums) if len(nums) >= 2 else None))
    positions = {pid: _mean(total[pid], count[pid]) for pid in pids}
    known = [p for p in positions.values() if p is not None]
    divergence = max(known) - min(known) if len(known) >= 2 else None
    mean = sum(known, Fraction(0)) / len(known) if known else None
    divergent = divergence is not None and divergence >= FOCUS_DIVERGENT
    leaning = None
    if mean is not None:
        if divergent and min(known) <= -SPLIT_SIDE and max(known) >= SPLIT_SIDE:
            leaning = "split"  # opposite sides: never summed up as balanced (property 10)
        elif mean <= -LEANING:
            leaning = "task"
        elif mean >= LEANING:
            leaning = "relationship"
        else:
            leaning = "balanced"
    return FocusResult(
        positions={pid: _float(p) for pid, p in positions.items()}, mean=_float(mean),
        divergence=_float(divergence), divergent=divergent, leaning=leaning, items=items,
        unsure=unsure)


def _talk_about_first(bank: Bank, practices: list[PracticeResult], authority: AuthorityResult,
                      focus: FocusResult) -> list[str]:
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


def compare(snapshot: Snapshot, bank: Bank, detail: bool = True) -> Comparison:
    """Compare one sitting against a bank: scores, gaps, power, attention and the suggestion.

    `detail=False` leaves out the per-statement records of the practices (history keeps only
    the figures, which are worked out by exactly the same code either way).
    """
    pids = snapshot.partner_ids
    answers, unknown, mismatched = _answers(snapshot, bank)
    raw = [_practice(s, pids, answers, detail) for s in bank.practices]
    authority = _authority(bank, pids, answers)
    focus = _focus(bank, pids, answers)
    context = snapshot.context
    stage = context.stage if context is not None else None
    route = context.route if context is not None else None
    practices, suggestion = suggest(len(pids), bank, raw, authority, focus, stage, route)
    return Comparison(
        pair=snapshot.pair, taken_at=snapshot.taken_at, bank=snapshot.bank,
        bank_version=snapshot.bank_version,
        compared_with={"bank": bank.id, "bank_version": bank.version},
        partners=list(snapshot.partners), practices=practices, authority=authority, focus=focus,
        suggestion=suggestion, talk_about_first=_talk_about_first(bank, practices, authority, focus),
        unknown_answers=unknown, mismatched_answers=mismatched,
        agreed=snapshot.agreed.model_dump() if snapshot.agreed else None,
        notes=_notes(snapshot, bank), context={"stage": stage, "route": route},
        source=bank.source)


def _notes(snapshot: Snapshot, bank: Bank) -> dict[str, dict[str, str]]:
    """Kept reflections per partner in sitting order, in bank order (unknown ids last, by id)."""
    order = bank.order
    out: dict[str, dict[str, str]] = {}
    for pid in snapshot.partner_ids:
        table = {k: v for k, v in snapshot.notes.get(pid, {}).items() if v.strip()}
        if table:
            out[pid] = dict(sorted(table.items(),
                                   key=lambda kv: (kv[0] not in order, order.get(kv[0], 0), kv[0])))
    return out
