"""Why collabcheck suggests a practice, in plain words built from the figures that drove it.

The rule is in `collabcheck.scoring.suggest`; this module only says what it found, so the
text report, the Markdown report, the JSON and the app give the same reasons, word for word.
The working for facilitators is always the last reason, worded for a lay partner to skip.
"""

from __future__ import annotations

from collabcheck.render.words import (
    UNSURE_WORDS,
    fmt1,
    fmt2,
    names_of,
    number_word,
    pattern_words,
    plural,
    signed,
)
from collabcheck.scoring.results import Comparison, PracticeResult
from collabcheck.scoring.rules import (
    HIERARCHY_BOOST,
    HIERARCHY_PRACTICES,
    SEEN_DIFFERENTLY,
    TASK_BOOST,
    TASK_PRACTICES,
)
from collabcheck.scoring.suggest import by_priority


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


def reasons(c: Comparison) -> list[str]:
    """The plain reasons for the suggestion, the facilitators' working last."""
    ranked = by_priority(c.practices)
    best = c.practice(c.suggestion.number)
    authority, focus = c.authority, c.focus
    out = [_need_reason(best, ranked)]
    if any(p.combined is not None for p in ranked) and all(p.divergence is None for p in ranked):
        out.append("No statement was rated by two or more of you, so there is not enough to "
                   "compare yet: these scores are separate views, and say nothing about "
                   "whether you see things the same way.")
    if best.divergence is not None and best.divergence >= SEEN_DIFFERENTLY:
        out.append(f"You see this practice differently: your scores for the same statement "
                   f"are {fmt1(best.divergence)} points apart on average.")
    if best.unsure:
        out.append(f"{best.unsure} {plural(best.unsure, 'answer')} here "
                   f"{'was' if best.unsure == 1 else 'were'} \"not sure\": {UNSURE_WORDS}.")
    if c.suggestion.hierarchy and best.number in HIERARCHY_PRACTICES:
        why = pattern_words(authority.pattern_id, authority.perceived_holder, names_of(c))
        if authority.pattern_id == "not-enough-answers":
            why = ("only one of you answered who has the say, and those answers give one "
                   "person most say")
        if authority.divergent and authority.divergence is not None:
            why += (f"; your answers on who has the say are {fmt1(authority.divergence)} apart on "
                    "average (from 1.0 up counts as seeing it differently)")
        out.append(f"Power: {why}. Practices 1 and 2 help you share it, so each gets "
                   f"+{fmt1(float(HIERARCHY_BOOST))}.")
    if c.suggestion.task_leaning and best.number in TASK_PRACTICES and focus.mean is not None:
        one = sum(p is not None for p in focus.positions.values()) == 1
        out.append(f"Your attention leans to the task"
                   f"{' (only one of you answered)' if one else ''}: on average "
                   f"{signed(focus.mean)}, "
                   "on a scale from −2 (all on the task) to +2 (all on your relationship). "
                   f"Practices 2 and 3 make room for the relationship, so each gets "
                   f"+{fmt1(float(TASK_BOOST))}.")
    out.append(facilitator_line(best, ranked, c.suggestion.divergence_weight))
    return out


def facilitator_line(best: PracticeResult, ranked: list[PracticeResult], weight: float) -> str:
    """The working behind the choice, always the last reason: figures a facilitator can redo
    by hand (the README's "How the suggestion is made"), worded for a lay partner to skip."""
    if all(p.combined is None and p.exact_priority == 0 for p in ranked):
        return ("For facilitators: every practice's priority is 0.00, as there is nothing to go "
                "on, so the lowest practice number goes first.")
    line = (f"For facilitators: priority {fmt2(best.priority)} = need {fmt2(best.need)} + gap "
            f"{fmt2(best.divergence or 0)} × {fmt2(weight)} + {fmt1(best.boost)} "
            "(power and attention).")
    if len(ranked) > 1:
        nxt = ranked[1]
        tie = " (a tie: the lower number goes first)" \
            if nxt.exact_priority == best.exact_priority else ""
        line += f" Next: practice {nxt.number} at {fmt2(nxt.priority)}{tie}."
    return line
