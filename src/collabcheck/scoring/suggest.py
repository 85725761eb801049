"""Which practice to work on next (spec §5): the rule, in numbers, readable in one place.

priority = need + weight × divergence + boosts, worked out on exact fractions:
- need = 5 − combined (0 when nobody scored the practice: we cannot see a need we were not told);
- weight = the smallest, over practices, of k ÷ (n × m), where k = items answered by two or more
  partners, n = the most items one partner scored there, m = partners who scored there
  (1 ÷ number of partners when everyone answers everything). This is the largest weight for
  which a lower answer can never lower a priority: the proof is in the README ("How the
  suggestion is made");
- boosts: +½ to practices 1 and 2 when power looks uneven, +½ to practices 2 and 3 when
  attention leans to the task.
The highest priority wins; the lower practice number breaks ties. The reasons, in words, are
built from these figures by `collabcheck.render.reasons`.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from collabcheck.core.bank import Bank
from collabcheck.scoring.results import AuthorityResult, FocusResult, PracticeResult, Suggestion
from collabcheck.scoring.rules import (
    HIERARCHY_BOOST,
    HIERARCHY_PRACTICES,
    TASK_BOOST,
    TASK_PRACTICES,
    TOP,
)

# One practice before its priority: (result, combined, divergence, weight it allows), exact.
Raw = tuple[PracticeResult, Fraction | None, Fraction | None, Fraction | None]


def divergence_weight(raw: list[Raw], partners: int) -> Fraction:
    """The weight on divergence: the most it can be while property 4 (monotone need) holds."""
    weights = [w for _, _, _, w in raw if w is not None]
    return min(weights) if weights else Fraction(1, max(partners, 1))


def suggest(partners: int, bank: Bank, raw: list[Raw], authority: AuthorityResult,
            focus: FocusResult) -> tuple[list[PracticeResult], Suggestion]:
    """Give every practice its priority and pick the highest."""
    weight = divergence_weight(raw, partners)
    hierarchy = authority.hierarchy
    task = focus.leaning == "task"
    practices: list[PracticeResult] = []
    for result, combined, divergence, _ in raw:
        need = TOP - combined if combined is not None else Fraction(0)
        part = weight * divergence if divergence is not None else Fraction(0)
        boost = Fraction(0)
        if hierarchy and result.number in HIERARCHY_PRACTICES:
            boost += HIERARCHY_BOOST
        if task and result.number in TASK_PRACTICES:
            boost += TASK_BOOST
        total = need + part + boost
        practices.append(replace(result, need=float(need), divergence_part=float(part),
                                 boost=float(boost), priority=float(total), exact_priority=total))
    ranked = sorted(practices, key=lambda p: (-p.exact_priority, p.number))
    best = ranked[0]
    section = bank.practice(best.number)
    return practices, Suggestion(
        number=best.number, id=best.id, title=best.title,
        tips=list(section.tips), prompts=list(section.prompts),
        ranking=[{"number": p.number, "priority": p.priority} for p in ranked],
        divergence_weight=float(weight), hierarchy=hierarchy, task_leaning=task)


def by_priority(practices: list[PracticeResult]) -> list[PracticeResult]:
    """Practices from the highest priority down; at equal priority, the lower number first."""
    return sorted(practices, key=lambda p: (-p.exact_priority, p.number))
