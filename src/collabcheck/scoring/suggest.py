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

from collabcheck.core.bank import Bank
from collabcheck.scoring.results import AuthorityResult, FocusResult, PracticeResult, Suggestion
from collabcheck.scoring.rules import (
    OTHER_ROUTE_WEIGHT,
    POWER_BOOST,
    POWER_PRACTICES,
    ROUTE_PRACTICE,
    STARTING_PRACTICE,
    STARTING_WEIGHT,
    TASK_BOOST,
    TASK_PRACTICES,
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


def findings(authority: AuthorityResult, focus: FocusResult, stage: str | None,
             route: str | None) -> tuple[str, ...]:
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


def priority_parts(raw: list[Raw], partners: int, power: bool, task: bool, stage: str | None,
                   route: str | None, number_type: Callable[[Fraction], Any] = _exact
                   ) -> tuple[Fraction, list[Parts]]:
    """The rule itself, once: the divergence weight, and each practice's parts in `raw` order.

    Exact by default; `number_type=float` works the same rule in floating point, which
    `best_practice` uses to rank quickly when the order is clear.
    """
    weight = number_type(divergence_weight(raw, partners))
    zero = number_type(_ZERO)
    out: list[Parts] = []
    for number, combined, divergence, _, _ in raw:
        out.append((TOP - number_type(combined) if combined is not None else zero,
                    weight * number_type(divergence) if divergence is not None else zero,
                    number_type(weighting(number, stage, route)),
                    number_type(POWER_BOOST) if power and number in POWER_PRACTICES else zero,
                    number_type(TASK_BOOST) if task and number in TASK_PRACTICES else zero))
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
    return min(zip(numbers, parts, strict=True),
               key=lambda np: (-total((*np[1][:2], weighting(np[0], stage, route), *np[1][3:])),
                               np[0]))[0]


# Floating-point priorities further apart than this are certainly in the right order (every
# input is at most a few units, so their error is below 1e-14); closer ones are decided on
# the exact figures.
CLEAR_GAP = 1e-9


def best_practice(partners: int, raw: list[Raw], authority: AuthorityResult, focus: FocusResult,
                  stage: str | None = None, route: str | None = None) -> int:
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


def suggest(partners: int, bank: Bank, raw: list[Raw], authority: AuthorityResult,
            focus: FocusResult, stage: str | None = None,
            route: str | None = None) -> tuple[list[PracticeResult], Suggestion]:
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
        practices.append(replace(result, need=float(need), divergence_part=float(part),
                                 weighting=float(scale), power_boost=float(power_boost),
                                 task_boost=float(task_boost), priority=float(exact),
                                 exact_priority=exact))
    numbers = [p.number for p in practices]
    ranked = by_priority(practices)
    best = ranked[0]
    section = bank.practice(best.number)
    found = findings(authority, focus, stage, route)
    # The practice's tips that fit what was found, then the relationship section's tips
    # written for exactly these findings (power, outside, the task, a split view).
    tips = section.tips_for(frozenset(found))
    tips += [t.text for t in bank.relationship.tagged_tips
             if set(t.when) & set(found) & {"power", "outside", "task", "split"}]
    return practices, Suggestion(
        number=best.number, id=best.id, title=best.title, tips=tips,
        prompts=list(section.prompts),
        ranking=[{"number": p.number, "priority": p.priority} for p in ranked],
        divergence_weight=float(weight), hierarchy=power, task_leaning=task, findings=found,
        stage=stage, route=route,
        without_route=_best(numbers, parts, stage, None) if route else best.number,
        without_stage=_best(numbers, parts, None, route) if stage else best.number)


def by_priority(practices: list[PracticeResult]) -> list[PracticeResult]:
    """Practices from the highest priority down; at equal priority, the lower number first."""
    return sorted(practices, key=lambda p: (-p.exact_priority, p.number))
