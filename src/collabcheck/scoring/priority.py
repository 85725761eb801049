"""Which practice to work on next: each practice's priority and the ranking, worked once.

    priority = weighting × (need + weight × divergence) + boosts

worked out exactly:
- need = 5 − combined (0 when nobody scored the practice: we cannot see a need we were not
  told), worked out beside the scores in `rule.py`;
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
The highest priority wins; the lower practice number breaks ties. `rank` is the only place
this is done: the report's suggestion, the rankings it is compared with (no route, no stage)
and history's figures all come from it. The reasons, in words, are built from these figures
by `collabcheck.render.reasons`.

Every figure here is a `Ratio` of whole numbers, so adding, multiplying and comparing them is
integer arithmetic: exact, with no rounding error to tip a near tie, and cheap enough for
history to rank tens of thousands of sittings. A report turns them into floats at the edge.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import NamedTuple

from collabcheck.scoring.results import PracticeFigures
from collabcheck.scoring.rounding import Ratio
from collabcheck.scoring.rules import (
    OTHER_ROUTE_WEIGHT,
    POWER_BOOST,
    POWER_PRACTICES,
    ROUTE_PRACTICE,
    STARTING_PRACTICE,
    STARTING_WEIGHT,
    TASK_BOOST,
    TASK_PRACTICES,
)


def _ratio(x: Fraction) -> Ratio:
    return x.numerator, x.denominator


def _add(a: Ratio, b: Ratio) -> Ratio:
    return a[0] * b[1] + b[0] * a[1], a[1] * b[1]


def _mul(a: Ratio, b: Ratio) -> Ratio:
    return a[0] * b[0], a[1] * b[1]


def _less(a: Ratio, b: Ratio) -> bool:
    return a[0] * b[1] < b[0] * a[1]  # denominators are above 0


_ZERO: Ratio = (0, 1)
_ONE: Ratio = (1, 1)
_OTHER_ROUTE, _STARTING = _ratio(OTHER_ROUTE_WEIGHT), _ratio(STARTING_WEIGHT)
_POWER, _TASK = _ratio(POWER_BOOST), _ratio(TASK_BOOST)


class Parts(NamedTuple):
    """One practice's priority in parts, as a report shows them."""

    need: Ratio
    divergence_part: Ratio  # weight × divergence
    weighting: Ratio
    power_boost: Ratio
    task_boost: Ratio


class Ranking(NamedTuple):
    """The rule's verdict on one sitting: the weight on divergence, each practice's parts and
    priority (in the order of the practices given), and the practice numbers from the highest
    priority down."""

    weight: Ratio
    parts: list[Parts]
    priorities: list[Ratio]
    order: list[int]

    @property
    def best(self) -> int:
        """The practice suggested."""
        return self.order[0]


def divergence_weight(practices: list[PracticeFigures], partners: int) -> Ratio:
    """The weight on divergence: the most it can be while property 4 (monotone need) holds."""
    weight: Ratio | None = None
    for p in practices:
        if p.weight is not None and (weight is None or _less(p.weight, weight)):
            weight = p.weight
    return weight if weight is not None else (1, max(partners, 1))


def weighting(number: int, stage: str | None, route: str | None) -> Ratio:
    """How much a practice counts, given where the partnership stands."""
    w = _ONE
    chosen = ROUTE_PRACTICE.get(route or "")
    if chosen is not None and number in ROUTE_PRACTICE.values() and number != chosen:
        w = _mul(w, _OTHER_ROUTE)
    if stage == "starting" and number == STARTING_PRACTICE:
        w = _mul(w, _STARTING)
    return w


def total(parts: Parts) -> Ratio:
    """priority = weighting × (need + weight × divergence) + boosts.

    (A weighting of 1 and boosts of 0 are the usual case: skipping them changes no figure,
    and history works this out tens of thousands of times.)
    """
    need, part, scale, power_boost, task_boost = parts
    priority = _add(need, part)
    if scale != _ONE:
        priority = _mul(scale, priority)
    if power_boost[0] or task_boost[0]:
        priority = _add(priority, _add(power_boost, task_boost))
    return priority


def rank(
    practices: list[PracticeFigures],
    partners: int,
    power: bool,
    task: bool,
    stage: str | None,
    route: str | None,
) -> Ranking:
    """Every practice's priority, and the practices from the highest priority down (at equal
    priority, the lower number first): the rule itself, once. `power` and `task` say whether
    power looks uneven and whether attention leans to the task (the boosts)."""
    weight = divergence_weight(practices, partners)
    parts = [
        Parts(
            p.need,
            _mul(weight, p.divergence) if p.divergence is not None else _ZERO,
            weighting(p.number, stage, route),
            _POWER if power and p.number in POWER_PRACTICES else _ZERO,
            _TASK if task and p.number in TASK_PRACTICES else _ZERO,
        )
        for p in practices
    ]
    priorities = [total(p) for p in parts]
    common = lcm(*(d for _, d in priorities))  # compared as whole numbers over one denominator
    key = [n * (common // d) for n, d in priorities]
    order = sorted(range(len(practices)), key=lambda i: (-key[i], practices[i].number))
    return Ranking(weight, parts, priorities, [practices[i].number for i in order])
