"""Who has the say, in numbers: each partner's view and the gaps (README, "Who has the say,
in figures"; promises 8 and 9).

The guide's "them and us" is the heart of what partners see differently, so this part of the
comparison has a module of its own: an answer becomes a vector of say, each respondent's
overall view follows from how often they name one partner, and the gap on each question is
the largest distance between two partners' answers *inside* the partnership. "Someone
outside" is a finding of its own, counted apart: it is not a hierarchy between the partners,
so it never widens the gap, never makes the say "seen differently" and never gives the power
boost. Carrying responsibility (the `accountability` questions) and who has had the chances
to develop (the `development` question) are compared but never read as the say. Thresholds
live in `rules.py`; the words in `collabcheck.render.power`.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import Any

from collabcheck.core.bank import Bank
from collabcheck.scoring.results import AuthorityResult, ItemResult
from collabcheck.scoring.rounding import at_least
from collabcheck.scoring.rounding import exact_mean as _mean
from collabcheck.scoring.rounding import to_float as _float
from collabcheck.scoring.rules import (
    AUTHORITY_DIVERGENT,
    HOLDER_SHARE,
    MOST_SHARE,
    OUTSIDE_DISTANCE,
    OUTSIDE_SHARE,
)

OUTSIDE = "outside"


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


def _view(
    counts: dict[str, int], mostly: dict[str, int], less: dict[str, int], outside: int, answered: int
) -> tuple[str, str | None, str | None]:
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
    if low and len(lows) == 1 and at_least(low, answered, HOLDER_SHARE):
        left = lows[0]
    if best and len(tops) == 1 and at_least(best, answered, HOLDER_SHARE):
        who = tops[0]
        return who, ("most" if at_least(mostly[who], best, MOST_SHARE) else "more"), left
    if outside and at_least(outside, answered, OUTSIDE_SHARE):
        return OUTSIDE, None, left
    return "shared", None, left


@lru_cache(maxsize=8192)
def _placing(value: str, ids: frozenset[str]) -> tuple[str, str, tuple[tuple[str, int], ...]] | str | None:
    """An answer as `authority` counts it, remembered (a programme's sittings give the same
    few answers over and over): None when it places no say (not sure, or not fitting), "outside",
    or (how, whom it names, its vector of say as pairs)."""
    vec = authority_vector(value, ids)
    if vec is None or isinstance(vec, str):
        return vec
    how, _, who = value.partition(":")
    return how, who, tuple(vec.items())


@lru_cache(maxsize=8192)
def _distance(a: tuple[tuple[str, int], ...], b: tuple[tuple[str, int], ...]) -> int:
    """The distance between two answers placing the say inside the partnership, from their
    vectors of say (as `_placing` gives them), remembered: a programme's sittings give the
    same few vectors over and over, whoever the partners are."""
    return authority_distance(dict(a), dict(b))


def authority(
    bank: Bank, pids: list[str], answers: dict[str, dict[str, Any]], detail: bool = True
) -> AuthorityResult:
    """Every partner's view of who has the say, and the gaps; `detail=False` keeps no
    per-question records (history needs only the figures, worked out by the same lines)."""
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
        key = item.id
        placed: list[tuple[tuple[str, int], ...]] = []  # vectors of say inside the partnership
        for pid in pids:
            value = answers[pid].get(key)
            if value is None:
                continue
            placing = _placing(value, ids) if type(value) is str else None
            if placing is None:
                unsure[pid] += value == "unsure"
                continue
            if not isinstance(placing, str):  # "outside" is never a gap between the partners
                placed.append(placing[2])
            if item.accountability or item.development:
                continue  # carrying responsibility, or the chances to develop: compared, never the say
            answered[pid] += 1
            if isinstance(placing, str):  # "outside"
                outside[pid] += 1
                continue
            kind, who, weights = placing
            for named_pid, w in weights:
                totals[pid][named_pid] += w
            if kind in ("more", "mostly"):
                counts[pid][who] += 1
                mostly[pid][who] += kind == "mostly"
            elif kind == "less":
                less[pid][who] += 1
        div = None
        for a, b in combinations(placed, 2):
            d = _distance(a, b)
            if div is None or d > div:
                div = d
        if div is not None and not item.development:
            (carry_divs if item.accountability else say_divs).append(div)
        if detail:
            raw = {pid: answers[pid].get(key) for pid in pids}
            items.append(
                ItemResult(
                    id=item.id,
                    kind="authority",
                    text=item.text,
                    short=item.short,
                    reverse=False,
                    answers=raw,
                    divergence=_float(div),
                    unsure=sum(v == "unsure" for v in raw.values()),
                    accountability=item.accountability,
                    development=item.development,
                )
            )
    holders: dict[str, str] = {}
    strength: dict[str, str] = {}
    left_out: dict[str, str] = {}
    named: dict[str, int] = {}
    named_mostly: dict[str, int] = {}
    for pid in pids:
        if not answered[pid]:
            continue
        holder, how, left = _view(counts[pid], mostly[pid], less[pid], outside[pid], answered[pid])
        holders[pid] = holder
        if how is not None:
            strength[pid] = how
            named[pid] = counts[pid][holder]
            named_mostly[pid] = mostly[pid][holder]
        elif holder == OUTSIDE:
            named[pid] = outside[pid]
        if left is not None:
            left_out[pid] = left
    divergence = _mean(sum(say_divs), len(say_divs))
    return AuthorityResult(
        divergence=_float(divergence),
        divergent=divergence is not None and divergence >= AUTHORITY_DIVERGENT,
        pattern_id=authority_pattern(holders, left_out),
        perceived_holder=holders,
        strength=strength,
        left_out=left_out,
        named=named,
        totals={p: totals[p] for p in holders},
        answered=answered,
        unsure=unsure,
        items=items,
        accountability_divergence=_float(_mean(sum(carry_divs), len(carry_divs))),
        named_mostly=named_mostly,
    )


def authority_pattern(holders: dict[str, str], left_out: dict[str, str] | None = None) -> str:
    """The shape of everyone's overall view of who has the say, independent of partner order."""
    if len(holders) < 2:
        return "not-enough-answers"
    left_out = left_out or {}
    views = set(holders.values())
    if len(left_out) == len(holders) and len(set(left_out.values())) == 1:
        return "same-left-out"
    if left_out:  # never "all shared" while someone sees a partner left with less say
        return "one-left-out" if len(set(left_out.values())) == 1 else "left-out-differs"
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
