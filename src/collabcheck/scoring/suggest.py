"""Which practice to work on next (spec §5): the rule, in numbers, readable in one place.

    priority = weighting × (need + weight × divergence) + boosts

worked out on exact fractions:
- need = 5 − combined (0 when nobody scored the practice: we cannot see a need we were not told);
- weight = the smallest, over practices, of k ÷ (n × m), where k = items answered by two or more
  partners, n = the most items one partner scored there, m = partners who scored there
  (1 ÷ number of partners when everyone answers everything). This is the largest weight for
  which a lower answer can never lower a priority (the README proves it);
- weighting comes from where the partnership stands: practices 4 (under the radar) and 5
  (embed, with backing) are two routes the guide offers, so the route a pair did not choose
  counts half; a partnership that is just starting weighs practice 1 half as much again;
  no context (or an undecided route and a later stage) weighs every practice the same;
- boosts: +½ to practices 1 and 2 when power looks uneven, +½ to practices 2 and 3 when
  attention leans to the task.
The highest priority wins; the lower practice number breaks ties. The reasons, in words, are
built from these figures by `collabcheck.render.reasons`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from typing import Any, NamedTuple

from collabcheck.core.bank import Bank, Section
from collabcheck.core.bank_ideas import TIP_KINDS, Tip
from collabcheck.scoring.results import AuthorityResult, FocusResult, PracticeResult, Suggestion
from collabcheck.scoring.rules import (
    OTHER_ROUTE_WEIGHT,
    POWER_BOOST,
    POWER_PRACTICES,
    ROUTE_PRACTICE,
    STARTING_PRACTICE,
    STARTING_WEIGHT,
    TALK_POINTS_CAP,
    TASK_BOOST,
    TASK_PRACTICES,
    TIPS_CAP,
    TOP,
)


class Raw(NamedTuple):
    """One practice before its priority, exact: combined score, divergence, the weight on
    divergence it allows, and the record a report shows (None when only figures are asked)."""

    number: int
    combined: Fraction | None
    divergence: Fraction | None
    weight: Fraction | None
    result: PracticeResult | None


def divergence_weight(raw: list[Raw], partners: int) -> Fraction:
    """The weight on divergence: the most it can be while property 4 (monotone need) holds."""
    weights = [r.weight for r in raw if r.weight is not None]
    return min(weights) if weights else Fraction(1, max(partners, 1))


def weighting(number: int, stage: str | None, route: str | None) -> Fraction:
    """How much a practice counts, given where the partnership stands."""
    w = _ONE
    chosen = ROUTE_PRACTICE.get(route or "")
    if chosen is not None and number in ROUTE_PRACTICE.values() and number != chosen:
        w *= OTHER_ROUTE_WEIGHT
    if stage == "starting" and number == STARTING_PRACTICE:
        w *= STARTING_WEIGHT
    return w


def findings(
    authority: AuthorityResult, focus: FocusResult, stage: str | None, route: str | None
) -> tuple[str, ...]:
    """What was found, as the `when` tags tips are chosen by (spec §1)."""
    found = set()
    if authority.hierarchy:
        found.add("power")
    if authority.outside:
        found.add("outside")
    if focus.leaning in ("task", "split"):
        found.add(focus.leaning)
    if stage == "starting":
        found.add("early")
    elif stage == "longer":
        found.add("established")
    found.add(route if route in ("open", "under-radar") else "undecided")
    return tuple(sorted(found))


_ONE, _ZERO = Fraction(1), Fraction(0)

# One practice's priority in parts: (need, divergence part, weighting, power boost, task boost).
Parts = tuple[Fraction, Fraction, Fraction, Fraction, Fraction]


def _exact(x: Fraction) -> Fraction:
    return x


def priority_parts(
    raw: list[Raw],
    partners: int,
    power: bool,
    task: bool,
    stage: str | None,
    route: str | None,
    number_type: Callable[[Fraction], Any] = _exact,
) -> tuple[Fraction, list[Parts]]:
    """The rule itself, once: the divergence weight, and each practice's parts in `raw` order.

    Exact by default; `number_type=float` works the same rule in floating point, which
    `best_practice` uses to rank quickly when the order is clear.
    """
    weight = number_type(divergence_weight(raw, partners))
    zero = number_type(_ZERO)
    out: list[Parts] = []
    for number, combined, divergence, _, _ in raw:
        out.append(
            (
                TOP - number_type(combined) if combined is not None else zero,
                weight * number_type(divergence) if divergence is not None else zero,
                number_type(weighting(number, stage, route)),
                number_type(POWER_BOOST) if power and number in POWER_PRACTICES else zero,
                number_type(TASK_BOOST) if task and number in TASK_PRACTICES else zero,
            )
        )
    return weight, out


def total(parts: Parts) -> Fraction:
    """priority = weighting × (need + weight × divergence) + boosts.

    (A weighting of 1 and boosts of 0 are the usual case: skipping them changes no figure,
    and history works this out tens of thousands of times.)
    """
    need, part, scale, power_boost, task_boost = parts
    priority = need + part
    if scale != 1:
        priority *= scale
    if power_boost or task_boost:
        priority += power_boost + task_boost
    return priority


def _best(numbers: list[int], parts: list[Parts], stage: str | None, route: str | None) -> int:
    """The winning practice number with the weighting worked out for `stage` and `route`."""
    return min(
        zip(numbers, parts, strict=True),
        key=lambda np: (-total((*np[1][:2], weighting(np[0], stage, route), *np[1][3:])), np[0]),
    )[0]


# Floating-point priorities further apart than this are certainly in the right order (every
# input is at most a few units, so their error is below 1e-14); closer ones are decided on
# the exact figures.
CLEAR_GAP = 1e-9


def best_practice(
    partners: int,
    raw: list[Raw],
    authority: AuthorityResult,
    focus: FocusResult,
    stage: str | None = None,
    route: str | None = None,
) -> int:
    """The practice `suggest` picks, without its records, tips or words (history keeps only this).

    History asks this tens of thousands of times, so the priorities are first worked out in
    floating point; only when the top two are too close to call (a tie, or nearly) is the
    exact rule run. Either way the answer is the one `suggest` gives (a test checks).
    """
    power, task = authority.hierarchy, focus.leaning == "task"
    numbers = [r.number for r in raw]
    _, floats = priority_parts(raw, partners, power, task, stage, route, float)
    rough = [total(p) for p in floats]
    order = sorted(range(len(numbers)), key=lambda i: (-rough[i], numbers[i]))
    if len(order) < 2 or rough[order[0]] - rough[order[1]] > CLEAR_GAP:
        return numbers[order[0]]
    _, parts = priority_parts(raw, partners, power, task, stage, route)
    return _best(numbers, parts, stage, route)


def suggest(
    partners: int,
    bank: Bank,
    raw: list[Raw],
    authority: AuthorityResult,
    focus: FocusResult,
    stage: str | None = None,
    route: str | None = None,
) -> tuple[list[PracticeResult], Suggestion]:
    """Give every practice its priority and pick the highest."""
    power = authority.hierarchy
    task = focus.leaning == "task"
    weight, parts = priority_parts(raw, partners, power, task, stage, route)
    practices: list[PracticeResult] = []
    for r, p in zip(raw, parts, strict=True):
        result = r.result
        assert result is not None, "suggest needs the practices' records"
        need, part, scale, power_boost, task_boost = p
        exact = total(p)
        practices.append(
            replace(
                result,
                need=float(need),
                divergence_part=float(part),
                weighting=float(scale),
                power_boost=float(power_boost),
                task_boost=float(task_boost),
                priority=float(exact),
                exact_priority=exact,
            )
        )
    numbers = [p.number for p in practices]
    ranked = by_priority(practices)
    best = ranked[0]
    section = bank.practice(best.number)
    found = findings(authority, focus, stage, route)
    tips, for_facilitators = choose_tips(bank, section, best, frozenset(found))
    return practices, Suggestion(
        number=best.number,
        id=best.id,
        title=best.title,
        tips=tips,
        prompts=choose_prompts(section, best),
        facilitator_tips=for_facilitators,
        ranking=[{"number": p.number, "priority": p.priority} for p in ranked],
        divergence_weight=float(weight),
        hierarchy=power,
        task_leaning=task,
        findings=found,
        stage=stage,
        route=route,
        without_route=_best(numbers, parts, stage, None) if route else best.number,
        without_stage=_best(numbers, parts, None, route) if stage else best.number,
    )


def by_priority(practices: list[PracticeResult]) -> list[PracticeResult]:
    """Practices from the highest priority down; at equal priority, the lower number first."""
    return sorted(practices, key=lambda p: (-p.exact_priority, p.number))


FINDING_TAGS = TIP_KINDS["finding"]
DESIGNERS = TIP_KINDS["audience"]


def lowest_items(result: PracticeResult) -> list[str]:
    """The practice's statements from the pair's lowest to highest (mean score, bank order at
    equal means); statements nobody scored, or not counted yet, last."""

    def mean(scores: dict[str, int | None]) -> float:
        known = [v for v in scores.values() if v is not None]
        return sum(known) / len(known) if known else float(TOP + 1)

    ranked = sorted(
        enumerate(i for i in result.items if i.kind == "agree"),
        key=lambda ni: (ni[1].later, mean(ni[1].scores), ni[0]),
    )
    return [item.id.split(".", 1)[1] for _, item in ranked]


def _linked(section: Section, kind: str, n: int) -> set[str]:
    """The statements (item ids within the section) that carry the same idea as tip or prompt
    `n` (counted from 1), by the section's map from the guide's ideas."""
    ref = f"{kind}:{n}"
    out: set[str] = set()
    for idea in section.ideas:
        if ref in idea.by:
            out |= {r.split(":", 1)[1] for r in idea.by if r.startswith("item:")}
    return out


def _rank_by_low(section: Section, kind: str, count: int, low: list[str]) -> list[int]:
    """Tip or prompt numbers (from 1) ordered by the lowest statement each is linked to."""
    where = {item: k for k, item in enumerate(low)}

    def key(n: int) -> tuple[int, int]:
        linked = [where[i] for i in _linked(section, kind, n) if i in where]
        return (min(linked) if linked else len(low), n)

    return sorted(range(1, count + 1), key=key)


def near_duplicate(a: str, b: str) -> bool:
    """Two tips saying nearly the same thing: most of the shorter one's words are in the other
    (words of four or more letters, so 'the', 'and', 'your' do not count; a tip of fewer than
    three such words is too short to judge)."""

    def words(t: str) -> set[str]:
        return {w for w in "".join(c.lower() if c.isalpha() else " " for c in t).split() if len(w) >= 4}

    wa, wb = words(a), words(b)
    small = min(len(wa), len(wb))
    return small >= 3 and len(wa & wb) / small >= NEAR_DUPLICATE


NEAR_DUPLICATE = 0.6  # share of the shorter tip's longer words found in the other


def choose_tips(
    bank: Bank, section: Section, best: PracticeResult, found: frozenset[str]
) -> tuple[list[str], list[str]]:
    """At most TIPS_CAP tips for the pair, and the tips meant for facilitators.

    A tip is shown only when every kind of tag it carries matches what was found (route AND
    stage AND finding). Order: tips written for a finding, then tips carrying the idea of the
    pair's lowest statements here, then the rest in bank order; the relationship section's
    tips for a finding join the first group; a near-duplicate of one already chosen is
    dropped. Tips for people who run programmes go to the facilitators' list only.
    """
    tagged = section.tagged_tips
    low = lowest_items(best)
    order = _rank_by_low(section, "tip", len(tagged), low)
    for_designers = [t.text for t in tagged if set(t.when) & DESIGNERS]
    fits = [
        tagged[n - 1] for n in order if tagged[n - 1].fits(found) and not set(tagged[n - 1].when) & DESIGNERS
    ]
    extra = (
        [t for t in bank.relationship.tagged_tips if set(t.when) & FINDING_TAGS and t.fits(found)]
        if bank.relationship is not section
        else []
    )

    def for_finding(t: Tip) -> bool:
        return bool(set(t.when) & FINDING_TAGS)

    ranked = (
        [t for t in fits if for_finding(t)] + [t for t in extra] + [t for t in fits if not for_finding(t)]
    )
    chosen: list[str] = []
    for tip in ranked:
        if len(chosen) == TIPS_CAP:
            break
        if not any(near_duplicate(tip.text, c) for c in chosen):
            chosen.append(tip.text)
    return chosen, for_designers


def choose_prompts(section: Section, best: PracticeResult) -> list[str]:
    """At most TALK_POINTS_CAP talking points: those carrying the idea of the pair's lowest
    statements here first, then bank order."""
    order = _rank_by_low(section, "prompt", len(section.prompts), lowest_items(best))
    return [section.prompts[n - 1] for n in order[:TALK_POINTS_CAP]]
