"""Which practice to work on next (spec §5), kept apart so the rule can be read in one place.

priority = need + weight × divergence + boosts, worked out on exact fractions:
- need = 5 − combined (0 when nobody scored the practice: we cannot see a need we were not told);
- weight = the smallest, over practices, of k ÷ (n × m), where k = items answered by two or more
  partners, n = the most items one partner scored there, m = partners who scored there
  (1 ÷ number of partners when everyone answers everything). This is the largest weight for
  which a lower answer can never lower a priority: the proof is in
  the README ("How the suggestion is made");
- boosts: +½ to practices 1 and 2 when power looks uneven, +½ to practices 2 and 3 when
  attention leans to the task.
The highest priority wins; the lower practice number breaks ties.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

from collabcheck.bank import Bank
from collabcheck.compare import (
    HIERARCHY_BOOST,
    HIERARCHY_PRACTICES,
    TASK_BOOST,
    TASK_PRACTICES,
    TOP,
    AuthorityResult,
    FocusResult,
    PracticeResult,
    Suggestion,
)
from collabcheck.snapshot import Snapshot
from collabcheck.wording import UNSURE_WORDS, fmt1, fmt2, number_word, plural, signed

Raw = tuple[PracticeResult, Fraction | None, Fraction | None, Fraction | None]


def divergence_weight(raw: list[Raw], partners: int) -> Fraction:
    """The weight on divergence: the most it can be while property 4 (monotone need) holds."""
    weights = [w for _, _, _, w in raw if w is not None]
    return min(weights) if weights else Fraction(1, max(partners, 1))


def suggest(snapshot: Snapshot, bank: Bank, raw: list[Raw], authority: AuthorityResult,
            focus: FocusResult, focus_mean: Fraction | None) -> tuple[list[PracticeResult], Suggestion]:
    """Give every practice its priority and pick the highest, with reasons in plain words."""
    weight = divergence_weight(raw, len(snapshot.partners))
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
    reasons = _reasons(best, ranked, weight, authority, focus, focus_mean, hierarchy, task, snapshot)
    return practices, Suggestion(
        number=best.number, id=best.id, title=best.title, reasons=reasons,
        tips=list(section.tips), prompts=list(section.prompts),
        ranking=[{"number": p.number, "priority": p.priority} for p in ranked],
        divergence_weight=float(weight), hierarchy=hierarchy, task_leaning=task)


def _need_reason(best: PracticeResult, practices: list[PracticeResult]) -> str:
    known = [p for p in practices if p.combined is not None]
    if not known:
        return ("Nobody rated any of the statements, so there is nothing to compare yet and no "
                "scores to go on. This practice is only a place to start, chosen from the other "
                "findings below (if any) and the order of the practices.")
    if best.combined is None:
        return ("Nobody rated the statements for this practice, so its need is not known "
                "and counts as 0.")
    low = min(p.combined for p in known if p.combined is not None)
    # Two places when one place would show a higher score as equal to the lowest (3.27 v 3.25).
    shown = fmt2 if best.combined != low and fmt1(best.combined) == fmt1(low) else fmt1
    text = f"Your combined score here is {shown(best.combined)} out of 5"
    if len(known) == 1:
        return text + ", the only practice you rated."
    of = "the five" if len(known) == 5 else f"the {number_word(len(known))} you rated"
    if best.combined == low:
        others = [p.number for p in known if p.combined == low and p is not best]
        if others:
            also = " and ".join(f"practice {n}" for n in others)
            return text + f", the joint lowest of {of} (with {also})."
        return text + f", the lowest of {of}."
    lowest = next(p for p in sorted(known, key=lambda p: (p.combined, p.number)))
    return text + f"; the lowest is {shown(low)}, for practice {lowest.number}."


def _reasons(best: PracticeResult, ranked: list[PracticeResult], weight: Fraction,
             authority: AuthorityResult, focus: FocusResult, focus_mean: Fraction | None,
             hierarchy: bool, task: bool, snapshot: Snapshot) -> list[str]:
    reasons = [_need_reason(best, ranked)]
    if any(p.combined is not None for p in ranked) and all(p.divergence is None for p in ranked):
        reasons.append("No statement was rated by two or more of you, so there is not enough to "
                       "compare yet: these scores are separate views, and say nothing about "
                       "whether you see things the same way.")
    if best.divergence is not None and best.divergence >= 1:
        reasons.append(f"You see this practice differently: your scores for the same statement "
                       f"are {fmt1(best.divergence)} points apart on average.")
    if best.unsure:
        reasons.append(f"{best.unsure} {plural(best.unsure, 'answer')} here "
                       f"{'was' if best.unsure == 1 else 'were'} \"not sure\": {UNSURE_WORDS}.")
    if hierarchy and best.number in HIERARCHY_PRACTICES:
        why = authority.pattern
        if authority.pattern_id == "not-enough-answers":
            why = ("only one of you answered who has the say, and those answers give one "
                   "person most say")
        if authority.divergent and authority.divergence is not None:
            why += (f"; your answers on who has the say are {fmt1(authority.divergence)} apart on "
                    "average (from 1.0 up counts as seeing it differently)")
        reasons.append(f"Power: {why}. Practices 1 and 2 help you share it, so each gets "
                       f"+{fmt1(float(HIERARCHY_BOOST))}.")
    if task and best.number in TASK_PRACTICES and focus_mean is not None:
        one = sum(p is not None for p in focus.positions.values()) == 1
        reasons.append(f"Your attention leans to the task"
                       f"{' (only one of you answered)' if one else ''}: on average "
                       f"{signed(float(focus_mean))}, "
                       "on a scale from −2 (all on the task) to +2 (all on your relationship). "
                       f"Practices 2 and 3 make room for the relationship, so each gets "
                       f"+{fmt1(float(TASK_BOOST))}.")
    reasons.append(facilitator_line(best, ranked, weight))
    return reasons


def facilitator_line(best: PracticeResult, ranked: list[PracticeResult], weight: Fraction) -> str:
    """The working behind the choice, always the last reason: figures a facilitator can redo
    by hand (the README's "How the suggestion is made"), worded for a lay partner to skip."""
    if all(p.combined is None and p.exact_priority == 0 for p in ranked):
        return ("For facilitators: every practice's priority is 0.00, as there is nothing to go "
                "on, so the lowest practice number goes first.")
    line = (f"For facilitators: priority {fmt2(best.priority)} = need {fmt2(best.need)} + gap "
            f"{fmt2(best.divergence or 0)} × {fmt2(float(weight))} + {fmt1(best.boost)} "
            "(power and attention).")
    if len(ranked) > 1:
        nxt = ranked[1]
        tie = " (a tie: the lower number goes first)" \
            if nxt.exact_priority == best.exact_priority else ""
        line += f" Next: practice {nxt.number} at {fmt2(nxt.priority)}{tie}."
    return line


def ranking_table(practices: list[PracticeResult]) -> list[dict[str, Any]]:
    """The ranking with every component, for reports that show the working."""
    ranked = sorted(practices, key=lambda p: (-p.exact_priority, p.number))
    return [{"number": p.number, "need": p.need, "divergence_part": p.divergence_part,
             "boost": p.boost, "priority": p.priority} for p in ranked]
