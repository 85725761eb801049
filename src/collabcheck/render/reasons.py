"""Why collabcheck suggests a practice: plain reasons for the partners, working for facilitators.

The rule is in `collabcheck.scoring.suggest`; this module only says what it found. The plain
reasons name the figures that drove the choice in words a patient partner can follow (no
formulae, no weights); the working, kept apart, gives a facilitator every figure to redo the
sum by hand. Figures equal as shown are called joint, never one "the lowest"; each boost is
labelled with exactly what triggered it.
"""

from __future__ import annotations

from collabcheck.render.power import OUTSIDE_NOTE, power_reason_triggers
from collabcheck.render.words import (
    UNSURE_WORDS,
    figures_of,
    fmt1,
    fmt2,
    names_of,
    number_word,
    plural,
    signed,
)
from collabcheck.scoring.results import Comparison, PracticeResult
from collabcheck.scoring.rules import ROUTE_PRACTICE, STRONG
from collabcheck.scoring.suggest import by_priority

ROUTE_WORDS = {
    "open": "openly, with backing from those in authority",
    "under-radar": "under the radar for now, going where the energy is",
    "undecided": "without having chosen a route yet",
}
ROUTE_SHORT = {"open": "openly with backing", "under-radar": "under the radar"}
STAGE_WORDS = {
    "starting": "You are just starting",
    "under-a-year": "You have worked together for under a year",
    "longer": "You have worked together for a year or more",
}


def _lowest(known: list[PracticeResult]) -> tuple[str, list[PracticeResult]]:
    """The lowest combined score as shown, and every practice showing it (joint by display)."""
    lowest = min(known, key=lambda p: p.combined or 0.0)
    shown = fmt1(lowest.combined)
    return shown, [p for p in sorted(known, key=lambda p: p.number) if fmt1(p.combined) == shown]


def _numbers(practices: list[PracticeResult], route: str | None) -> str:
    """'practice 3', 'practices 3 and 5 (5 is the route you have not chosen)'."""
    nums = [p.number for p in practices]
    text = (
        f"practice {nums[0]}"
        if len(nums) == 1
        else "practices " + ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"
    )
    other = _other_route(route)
    if other in nums:
        text += (
            f" ({other} is the route you have not chosen, so it counts for less)"
            if len(nums) > 1
            else ", the route you have not chosen, so it counts for less"
        )
    return text


def _other_route(route: str | None) -> int | None:
    if route not in ROUTE_PRACTICE:
        return None
    return next(n for r, n in ROUTE_PRACTICE.items() if r != route)


def level(c: Comparison) -> str | None:
    """'strong' when every practice scores 4.0 or more and nothing is seen differently;
    'equal' when every practice rated shows the same score and none is seen differently
    (the same average of views far apart would hide the difference); else None."""
    known = [p for p in c.practices if p.combined is not None]
    if not known:
        return None
    if (
        len(known) == len(c.practices)
        and all((p.combined or 0) >= STRONG for p in known)
        and not any(p.apart for p in known)
        and not c.authority.divergent
        and not c.focus.divergent
    ):
        return "strong"
    if (
        len(known) >= 2 and len({fmt1(p.combined) for p in known}) == 1 and not any(p.apart for p in known)
    ):  # equal averages of far-apart views are not "equal"
        return "equal"
    return None


def _first_only(c: Comparison, best: PracticeResult) -> str:
    """Why a practice comes first among equals: the guide's order, or the other findings."""
    top = [p for p in c.practices if p.exact_priority == best.exact_priority]
    if len(top) == len(c.practices):
        return f"practice {best.number} is first only because it comes first in the guide's order"
    return f"practice {best.number} comes first because of the other findings below"


def _level_reason(c: Comparison, best: PracticeResult) -> str | None:
    """All strong, or all equal: said plainly, inviting the partners to choose."""
    how = level(c)
    known = [p for p in c.practices if p.combined is not None]
    if how == "strong":
        same = len({fmt1(p.combined) for p in known}) == 1
        text = (
            f"Every practice scores {fmt1(STRONG)} or more and you see none of them "
            "differently: your partnership is strong across the board. "
        )
        if same:
            text += (
                f"All five score the same ({fmt1(best.combined)}), so choose together which "
                f"to take further; {_first_only(c, best)}."
            )
        else:
            text += (
                f"Practice {best.number} is a way to go further, not a gap to fix "
                f"(it scores {fmt1(best.combined)})."
            )
        return text
    if how == "equal":
        return (
            f"Every practice you rated scores the same, {fmt1(best.combined)} out of 5, so "
            f"nothing stands out on scores: choose together which to work on; "
            f"{_first_only(c, best)}."
        )
    return None


def _need_reason(c: Comparison, best: PracticeResult, practices: list[PracticeResult]) -> str:
    known = [p for p in practices if p.combined is not None]
    if not known:
        return (
            "Nobody rated any of the statements, so there is nothing to compare yet and no "
            "scores to go on. This practice is only a place to start, chosen from the other "
            "findings below (if any) and the order of the practices."
        )
    if best.combined is None:
        return "Nobody rated the statements for this practice, so there is no score for it."
    shown = fmt1(best.combined)
    if best.apart:
        text = (
            f"Your own scores here: {figures_of(best.scores, names_of(c))}. "
            f"Combined, that is {shown} out of 5"
        )
    else:
        text = f"Your combined score here is {shown} out of 5"
    if len(known) == 1:
        return text + ", the only practice you rated."
    of = "the five" if len(known) == 5 else f"the {number_word(len(known))} you rated"
    lowest, lows = _lowest(known)
    route = c.suggestion.route
    if best in lows:
        others = [p for p in lows if p is not best]
        if others:
            return text + f", the joint lowest of {of} (with {_numbers(others, route)}){_own(c, others)}."
        return text + f", the lowest of {of}."
    if len(lows) > 1:
        return text + f". The joint lowest, {lowest}, are {_numbers(lows, route)}{_own(c, lows)}."
    return text + f". The lowest is {lowest}, for {_numbers(lows, route)}{_own(c, lows)}."


def _own(c: Comparison, practices: list[PracticeResult]) -> str:
    """Each partner's own figures for the practices named whose views are far apart (by the
    rule's test: their statements or their own scores, so the scores themselves may be
    close): a combined score is never the only figure given for views far apart (property 15)."""
    names = names_of(c)
    apart = [p for p in practices if p.apart]
    if not apart:
        return ""
    return "; " + "; ".join(
        f"your views of practice {p.number} are far apart (your own scores: {figures_of(p.scores, names)})"
        for p in apart
    )


def reasons(c: Comparison) -> list[str]:
    """The plain reasons for the suggestion, in the order a pair would ask about them."""
    ranked = by_priority(c.practices)
    best = c.practice(c.suggestion.number)
    focus = c.focus
    names = names_of(c)
    out = [_level_reason(c, best) or _need_reason(c, best, ranked)]
    if any(p.combined is not None for p in ranked) and all(p.divergence is None for p in ranked):
        out.append(
            "No statement was rated by two or more of you, so there is not enough to "
            "compare yet: these scores are separate views, and say nothing about "
            "whether you see things the same way."
        )
    if best.seen_differently:
        out.append(
            f"You see this practice differently: your scores for the same statement "
            f"are {fmt1(best.divergence)} points apart on average."
        )
    if best.unsure:
        out.append(
            f"{best.unsure} {plural(best.unsure, 'answer')} here "
            f'{"was" if best.unsure == 1 else "were"} "not sure": {UNSURE_WORDS}.'
        )
    if best.power_boost:
        triggers = " ".join(power_reason_triggers(c.authority, names))
        # Only a gap between answers: its own sentence (in the triggers) says so.
        head = "Power looks uneven. " if c.authority.held else ""
        out.append(
            f"{head}{triggers} The guide puts a shared purpose and a shared "
            "say at the heart of practices 1 and 2, so they count for more."
        )
    if c.authority.outside:
        out.append(OUTSIDE_NOTE)
    if best.task_boost and focus.mean is not None:
        one = sum(p is not None for p in focus.positions.values()) == 1
        each = ""
        if not one and len({p for p in focus.positions.values() if p is not None}) > 1:
            each = f"{figures_of(focus.positions, names, signed_=True)}; "
        out.append(
            f"Your attention leans to the task{' (only one of you answered)' if one else ''}"
            f" ({each}{signed(focus.mean)} on average, on a scale from −2, all on the task, "
            "to +2, all on your relationship). Practices 2 and 3 make room for the "
            "relationship, so they count for more."
        )
    if focus.leaning == "split":
        out.append(
            f"You see where your attention goes in opposite ways "
            f"({figures_of(focus.positions, names, signed_=True)}), so no average is "
            "used and no attention boost is given: talk about where your time together "
            "really goes."
        )
    out += _context_reasons(c, best)
    return out


def _context_reasons(c: Comparison, best: PracticeResult) -> list[str]:
    """Say how where the partnership stands shaped the choice, whenever it did."""
    s = c.suggestion
    out = []
    route = s.route
    if route in ROUTE_PRACTICE:
        other = _other_route(route)
        changed = s.without_route is not None and s.without_route != s.number
        if best.number == ROUTE_PRACTICE[route] and not changed:
            out.append(f"You are working {ROUTE_WORDS[route]}: this practice is about the route you chose.")
        if changed:
            out.append(
                f"You are working {ROUTE_WORDS[route]}, so practice {other} counts for "
                f"less: the guide offers practices 4 and 5 as two routes that can both "
                f"lead to lasting change, and you have chosen one. Had you not, practice "
                f"{s.without_route} would have come first."
            )
        if best.number == other:
            out.append(OTHER_ROUTE_STILL[route])
    elif best.number in ROUTE_PRACTICE.values():
        out.append(NO_ROUTE[route or ""] if route in NO_ROUTE else NO_ROUTE[""])
    if s.stage == "starting" and best.number == 1:
        out.append(
            "You are just starting, so finding your partners and a shared purpose "
            "(practice 1) counts for more."
        )
    if s.stage == "starting" and any(i.later for i in best.items):
        out.append(LATER_NOTE)
    return out


OTHER_ROUTE_STILL = {
    "under-radar": (
        "Practice 5 still comes first, even counting for half, because its scores "
        "are low. Working under the radar is a real route, but the guide says that "
        "at some point your work has to become everyone's work if it is to last, "
        "and both routes can lead to lasting change: this is about when and how "
        "you bring others in, not a push to change route."
    ),
    "open": (
        "Practice 4 still comes first, even counting for half, because its scores are low. "
        "Working openly is a real route; the guide says both routes can lead to lasting "
        "change, and going where the energy is can help you try things out within it."
    ),
}
NO_ROUTE = {
    "": (
        "You did not say which route you are taking (working openly with backing, or under "
        "the radar for now), so practices 4 and 5 both count fully."
    ),
    "undecided": (
        "You have not chosen a route yet (working openly with backing, or under the "
        "radar for now), so practices 4 and 5 both count fully."
    ),
}
LATER_NOTE = (
    "You are just starting, so statements about things a new partnership cannot "
    "have done yet (such as a record of what you have learnt) are not counted."
)


def working(c: Comparison) -> list[str]:
    """The working behind the choice, for facilitators: every figure, to redo by hand
    (the README's "How the suggestion is made")."""
    ranked = by_priority(c.practices)
    best = c.practice(c.suggestion.number)
    if all(p.combined is None and p.exact_priority == 0 for p in ranked):
        return [
            "Every practice's priority is 0.00, as there is nothing to go on, so the lowest "
            "practice number goes first."
        ]
    out = [f"Practice {best.number}: {_sum(best, c.suggestion.divergence_weight)}."]
    if len(ranked) > 1:
        nxt = ranked[1]
        tie = " (a tie: the lower number goes first)" if nxt.exact_priority == best.exact_priority else ""
        out.append(
            f"Next: practice {nxt.number} at {fmt2(nxt.priority)}{tie}: "
            f"{_sum(nxt, c.suggestion.divergence_weight)}."
        )
    out.append(
        "Every practice's priority: "
        + ", ".join(f"{r['number']}:\u00a0{fmt2(r['priority'])}" for r in c.suggestion.ranking)
        + "."
    )
    return out


def _sum(p: PracticeResult, weight: float) -> str:
    """'priority 3.00 = need 1.83 + 0.33 × gap 2.00 + 0.50 (power)', with only what applied."""
    inner = f"need {fmt2(p.need)} + {fmt2(weight)} × gap {fmt2(p.divergence or 0)}"
    text = f"priority {fmt2(p.priority)} = "
    if p.weighting != 1:
        why = (
            "route not chosen" if p.number in ROUTE_PRACTICE.values() and p.weighting < 1 else "just starting"
        )
        text += f"{fmt2(p.weighting)} ({why}) × ({inner})"
    else:
        text += inner
    if p.power_boost:
        text += f" + {fmt2(p.power_boost)} (power)"
    if p.task_boost:
        text += f" + {fmt2(p.task_boost)} (attention on the task)"
    return text


def context_sentence(c: Comparison) -> str:
    """'You have worked together for under a year, and you are working under the radar for
    now, going where the energy is.' Says so when the stage or the route was not given."""
    stage, route = c.context.get("stage"), c.context.get("route")
    parts = []
    if stage in STAGE_WORDS:
        parts.append(STAGE_WORDS[stage])
    if route in ROUTE_WORDS:
        parts.append(("and you are working " if parts else "You are working ") + ROUTE_WORDS[route])
    text = (", ".join(parts) + ".") if parts else ""
    missing = [
        w
        for w, v in (("how long you have worked together", stage), ("which route you are taking", route))
        if v is None
    ]
    if missing:
        text += (
            " " if text else ""
        ) + f"You did not say {' or '.join(missing)}, so the suggestion does not count it."
    return text
