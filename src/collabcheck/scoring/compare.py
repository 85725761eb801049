"""The comparison of one sitting (spec §4–§5), in numbers: where partners see things differently.

Partners act on this, so every figure must be reproducible by hand and must not depend on
the order partners sat in. All arithmetic is done on exact fractions (answers are whole
numbers), so sums never depend on order and the suggestion never hinges on a rounding error;
floats appear only at the edge, for JSON and display. Thresholds live in `rules.py`, the
suggestion in `suggest.py`, and every sentence about the result in `collabcheck.render`.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
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
    TALK_CAP,
    TALK_MIN,
    TOP,
)
from collabcheck.scoring.suggest import Raw, suggest


def _float(x: Fraction | int | None) -> float | None:
    return None if x is None else float(x)


def _mean(values: list[Fraction] | list[int]) -> Fraction | None:
    return Fraction(sum(values), len(values)) if values else None


def agree_score(item: Item, value: Any) -> int | None:
    """The 1–5 score of an agree answer after reversal; None for "unsure", a skip or a bad value."""
    if type(value) is not int or not 1 <= value <= 5:
        return None
    return TOP + 1 - value if item.reverse else value


def authority_vector(value: Any, partner_ids: set[str]) -> dict[str, int] | None:
    """shared = no one; more:X = X by 1; mostly:X = X by 2 (None when the value is not one of these)."""
    if value == "shared":
        return {}
    if isinstance(value, str) and ":" in value:
        how, who = value.split(":", 1)
        if how in ("more", "mostly") and who in partner_ids:
            return {who: 1 if how == "more" else 2}
    return None


def authority_distance(a: dict[str, int], b: dict[str, int]) -> int:
    """L1 distance between two authority vectors (shared vs mostly:X = 2, mostly:X vs mostly:Y = 4)."""
    return sum(abs(a.get(k, 0) - b.get(k, 0)) for k in set(a) | set(b))


def _fits(item: Item, value: Any, ids: set[str]) -> bool:
    """Whether an answer fits its item: the snapshot reader's rule, so the two never disagree."""
    return check_value(value, ids, item.kind) is None


def _answers(snapshot: Snapshot, bank: Bank) -> tuple[dict[str, dict[str, Any]], list[str], list[str]]:
    """Per partner, the answers that fit their bank item; plus unknown and mismatched item ids."""
    ids = set(snapshot.partner_ids)
    items = bank.items_by_id
    good: dict[str, dict[str, Any]] = {pid: {} for pid in snapshot.partner_ids}
    unknown: set[str] = set()
    mismatched: set[str] = set()
    for pid in snapshot.partner_ids:
        for item_id, value in snapshot.answers.get(pid, {}).items():
            item = items.get(item_id)
            if item is None:
                unknown.add(item_id)
            elif _fits(item, value, ids):
                good[pid][item_id] = value
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


def _practice(section: Section, pids: list[str], answers: dict[str, dict[str, Any]]) -> Raw:
    """Scores of one practice, exact; returns (result-without-priority, combined, divergence, weight)."""
    items: list[ItemResult] = []
    per_partner: dict[str, list[int]] = {pid: [] for pid in pids}
    unsure_by: dict[str, int] = {pid: 0 for pid in pids}
    spreads: list[int] = []
    for item in section.of_kind("agree"):
        raw = {pid: answers[pid].get(item.id) for pid in pids}
        scores = {pid: agree_score(item, v) for pid, v in raw.items()}
        nums = [s for s in scores.values() if s is not None]
        for pid, v in raw.items():
            score = scores[pid]
            if score is not None:
                per_partner[pid].append(score)
            elif v == "unsure":
                unsure_by[pid] += 1
        spread = max(nums) - min(nums) if len(nums) >= 2 else None
        if spread is not None:
            spreads.append(spread)
        items.append(ItemResult(id=item.id, kind="agree", text=item.text, short=item.short,
                                reverse=item.reverse, answers=raw, scores=scores,
                                unsure=sum(v == "unsure" for v in raw.values()),
                                spread=spread, category=_category(nums)))
    partner_scores = {pid: _mean(v) for pid, v in per_partner.items()}
    known = [s for s in partner_scores.values() if s is not None]
    combined = _mean(known)
    divergence = _mean(spreads)
    n_max = max(len(v) for v in per_partner.values()) if pids else 0
    weight = Fraction(len(spreads), n_max * len(known)) if spreads else None
    result = PracticeResult(
        number=section.number or 0, id=section.id, title=section.title,
        scores={pid: _float(s) for pid, s in partner_scores.items()},
        answered={pid: len(v) for pid, v in per_partner.items()},
        unsure=sum(unsure_by.values()), unsure_by_partner=unsure_by,
        combined=_float(combined), divergence=_float(divergence), items=items)
    return result, combined, divergence, weight


def _authority(bank: Bank, snapshot: Snapshot, answers: dict[str, dict[str, Any]]) -> AuthorityResult:
    pids = snapshot.partner_ids
    ids = set(pids)
    items: list[ItemResult] = []
    divergences: list[int] = []
    totals: dict[str, dict[str, int]] = {pid: dict.fromkeys(pids, 0) for pid in pids}
    answered = dict.fromkeys(pids, 0)
    for item in bank.items_of_kind("authority"):
        raw = {pid: answers[pid].get(item.id) for pid in pids}
        vectors = {pid: authority_vector(v, ids) for pid, v in raw.items() if v is not None}
        for pid, vec in vectors.items():
            answered[pid] += 1
            for who, weight in (vec or {}).items():
                totals[pid][who] += weight
        vecs = [v for v in vectors.values() if v is not None]
        div = max((authority_distance(a, b) for a, b in combinations(vecs, 2)), default=None)
        if div is not None:
            divergences.append(div)
        items.append(ItemResult(id=item.id, kind="authority", text=item.text, short=item.short,
                                reverse=False, answers=raw, divergence=_float(div)))
    holders: dict[str, str] = {}
    for pid in pids:
        if not answered[pid]:
            continue
        best = max(totals[pid].values())
        tops = [who for who, t in totals[pid].items() if t == best]
        clear = len(tops) == 1 and best > 0 and Fraction(best, answered[pid]) >= HOLDER_SHARE
        holders[pid] = tops[0] if clear else "shared"
    divergence = _mean(divergences)
    return AuthorityResult(
        divergence=_float(divergence),
        divergent=divergence is not None and divergence >= AUTHORITY_DIVERGENT,
        pattern_id=authority_pattern(holders),
        perceived_holder=holders, totals={p: totals[p] for p in holders},
        answered=answered, items=items)


def authority_pattern(holders: dict[str, str]) -> str:
    """The shape of everyone's overall view of who holds the power, independent of partner order."""
    if len(holders) < 2:
        return "not-enough-answers"
    views = set(holders.values())
    if views == {"shared"}:
        return "all-shared"
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
    values: dict[str, list[int]] = {pid: [] for pid in pids}
    for item in bank.items_of_kind("focus"):
        raw = {pid: answers[pid].get(item.id) for pid in pids}
        pos = {pid: FOCUS_VALUES[v] if v is not None else None for pid, v in raw.items()}
        nums = [v for v in pos.values() if v is not None]
        for pid, v in pos.items():
            if v is not None:
                values[pid].append(v)
        items.append(ItemResult(id=item.id, kind="focus", text=item.text, short=item.short,
                                reverse=False, answers=raw, scores=pos,
                                spread=max(nums) - min(nums) if len(nums) >= 2 else None))
    positions = {pid: _mean(v) for pid, v in values.items()}
    known = [p for p in positions.values() if p is not None]
    divergence = max(known) - min(known) if len(known) >= 2 else None
    mean = _mean(known)
    leaning = None
    if mean is not None:
        leaning = "task" if mean <= -LEANING else "relationship" if mean >= LEANING else "balanced"
    return FocusResult(
        positions={pid: _float(p) for pid, p in positions.items()}, mean=_float(mean),
        divergence=_float(divergence),
        divergent=divergence is not None and divergence >= FOCUS_DIVERGENT,
        leaning=leaning, items=items)


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


def compare(snapshot: Snapshot, bank: Bank) -> Comparison:
    """Compare one sitting against a bank: scores, gaps, power, attention and the suggestion."""
    pids = snapshot.partner_ids
    answers, unknown, mismatched = _answers(snapshot, bank)
    raw = [_practice(s, pids, answers) for s in bank.practices]
    authority = _authority(bank, snapshot, answers)
    focus = _focus(bank, pids, answers)
    practices, suggestion = suggest(len(snapshot.partners), bank, raw, authority, focus)
    return Comparison(
        pair=snapshot.pair, taken_at=snapshot.taken_at, bank=snapshot.bank,
        bank_version=snapshot.bank_version,
        compared_with={"bank": bank.id, "bank_version": bank.version},
        partners=list(snapshot.partners), practices=practices, authority=authority, focus=focus,
        suggestion=suggestion, talk_about_first=_talk_about_first(bank, practices, authority, focus),
        unknown_answers=unknown, mismatched_answers=mismatched,
        agreed=snapshot.agreed.model_dump() if snapshot.agreed else None,
        notes=_notes(snapshot, bank))


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
