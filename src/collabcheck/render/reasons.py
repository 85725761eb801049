"""Why collabcheck suggests a practice: plain reasons for the partners, working for facilitators.

The rule is in `collabcheck.scoring.suggest`; this module only says what it found. The plain
reasons name the figures that drove the choice in words a patient partner can follow (no
formulae, no weights); the working, kept apart, gives a facilitator every figure to redo the
sum by hand. Figures equal as shown are called joint, never one "the lowest"; each boost is
labelled with exactly what triggered it.
"""

from __future__ import annotations

from collabcheck.render.power import power_reason_triggers
from collabcheck.render.words import (
    UNSURE_WORDS,
    fmt1,
    fmt2,
    names_of,
    number_word,
    plural,
    signed,
)
from collabcheck.scoring.results import Comparison, PracticeResult
from collabcheck.scoring.rules import ROUTE_PRACTICE
from collabcheck.scoring.suggest import by_priority

ROUTE_WORDS = {"open": "openly, with backing from those in authority",
               "under-radar": "under the radar for now, going where the energy is",
               "undecided": "without having chosen a route yet"}
STAGE_WORDS = {"starting": "You are just starting",
               "under-a-year": "You have worked together for under a year",
               "longer": "You have worked together for a year or more"}


def _need_reason(best: PracticeResult, practices: list[PracticeResult]) -> str:
    known = [p for p in practices if p.combined is not None]
    if not known:
        return ("Nobody rated any of the statements, so there is nothing to compare yet and no "
                "scores to go on. This practice is only a place to start, chosen from the other "
                "findings below (if any) and the order of the practices.")
    if best.combined is None:
        return "Nobody rated the statements for this practice, so there is no score for it."
    shown = fmt1(best.combined)
    text = f"Your combined score here is {shown} out of 5"
    if len(known) == 1:
        return text + ", the only practice you rated."
    of = "the five" if len(known) == 5 else f"the {number_word(len(known))} you rated"
    lowest = min(fmt1(p.combined) for p in known if p.combined is not None)
    if shown == lowest:
        others = [p.number for p in sorted(known, key=lambda p: p.number)
                  if p is not best and fmt1(p.combined) == shown]
        if others:
            also = " and ".join(f"practice {n}" for n in others)
            return text + f", the joint lowest of {of} (with {also})."
        return text + f", the lowest of {of}."
    low = next(p for p in sorted(known, key=lambda p: (fmt1(p.combined), p.number)))
    return text + f". The lowest is {lowest}, for practice {low.number}."


def reasons(c: Comparison) -> list[str]:
    """The plain reasons for the suggestion, in the order a pair would ask about them."""
    ranked = by_priority(c.practices)
    best = c.practice(c.suggestion.number)
    focus = c.focus
    out = [_need_reason(best, ranked)]
    if any(p.combined is not None for p in ranked) and all(p.divergence is None for p in ranked):
        out.append("No statement was rated by two or more of you, so there is not enough to "
                   "compare yet: these scores are separate views, and say nothing about "
                   "whether you see things the same way.")
    if best.divergence is not None and best.divergence >= 1:
        out.append(f"You see this practice differently: your scores for the same statement "
                   f"are {fmt1(best.divergence)} points apart on average.")
    if best.unsure:
        out.append(f"{best.unsure} {plural(best.unsure, 'answer')} here "
                   f"{'was' if best.unsure == 1 else 'were'} \"not sure\": {UNSURE_WORDS}.")
    if best.power_boost:
        triggers = " ".join(power_reason_triggers(c.authority, names_of(c)))
        out.append(f"Power looks uneven. {triggers} The guide puts a shared purpose and a shared "
                   "say at the heart of practices 1 and 2, so they count for more.")
    if best.task_boost and focus.mean is not None:
        one = sum(p is not None for p in focus.positions.values()) == 1
        out.append(f"Your attention leans to the task{' (only one of you answered)' if one else ''}: "
                   f"{signed(focus.mean)} on average, on a scale from −2 (all on the task) to +2 "
                   "(all on your relationship). Practices 2 and 3 make room for the relationship, "
                   "so they count for more.")
    out += _context_reasons(c, best)
    return out


def _context_reasons(c: Comparison, best: PracticeResult) -> list[str]:
    """Say how where the partnership stands shaped the choice, whenever it did."""
    s = c.suggestion
    out = []
    route = s.route
    if route in ROUTE_PRACTICE:
        other = next(n for r, n in ROUTE_PRACTICE.items() if r != route)
        changed = s.without_route is not None and s.without_route != s.number
        if best.number == ROUTE_PRACTICE[route] and not changed:
            out.append(f"You are working {ROUTE_WORDS[route]}: this practice is about the route "
                       "you chose.")
        if changed:
            out.append(f"You are working {ROUTE_WORDS[route]}, so practice {other} counts for "
                       f"less: the guide offers practices 4 and 5 as two routes that can both "
                       f"lead to lasting change, and you have chosen one. Had you not, practice "
                       f"{s.without_route} would have come first.")
    if s.stage == "starting" and best.number == 1:
        out.append("You are just starting, so finding your partners and a shared purpose "
                   "(practice 1) counts for more.")
    return out


def working(c: Comparison) -> list[str]:
    """The working behind the choice, for facilitators: every figure, to redo by hand
    (the README's "How the suggestion is made")."""
    ranked = by_priority(c.practices)
    best = c.practice(c.suggestion.number)
    if all(p.combined is None and p.exact_priority == 0 for p in ranked):
        return ["Every practice's priority is 0.00, as there is nothing to go on, so the lowest "
                "practice number goes first."]
    out = [f"Practice {best.number}: {_sum(best, c.suggestion.divergence_weight)}."]
    if len(ranked) > 1:
        nxt = ranked[1]
        tie = " (a tie: the lower number goes first)" if nxt.exact_priority == best.exact_priority else ""
        out.append(f"Next: practice {nxt.number} at {fmt2(nxt.priority)}{tie}: "
                   f"{_sum(nxt, c.suggestion.divergence_weight)}.")
    out.append("Every practice's priority: " + ", ".join(
        f"{r['number']}:\u00a0{fmt2(r['priority'])}" for r in c.suggestion.ranking) + ".")
    return out


def _sum(p: PracticeResult, weight: float) -> str:
    """'priority 3.00 = need 1.83 + 0.33 × gap 2.00 + 0.50 (power)', with only what applied."""
    inner = f"need {fmt2(p.need)} + {fmt2(weight)} × gap {fmt2(p.divergence or 0)}"
    text = f"priority {fmt2(p.priority)} = "
    if p.weighting != 1:
        why = "route not chosen" if p.number in ROUTE_PRACTICE.values() and p.weighting < 1 \
            else "just starting"
        text += f"{fmt2(p.weighting)} ({why}) × ({inner})"
    else:
        text += inner
    if p.power_boost:
        text += f" + {fmt2(p.power_boost)} (power)"
    if p.task_boost:
        text += f" + {fmt2(p.task_boost)} (attention on the task)"
    return text


def context_sentence(c: Comparison) -> str | None:
    """'You have worked together for under a year, and you are working under the radar for
    now, going where the energy is.' (None when the partners were not asked.)"""
    stage, route = c.context.get("stage"), c.context.get("route")
    parts = []
    if stage in STAGE_WORDS:
        parts.append(STAGE_WORDS[stage])
    if route in ROUTE_WORDS:
        parts.append(("and you are working " if parts else "You are working ") + ROUTE_WORDS[route])
    return (", ".join(parts) + ".") if parts else None
