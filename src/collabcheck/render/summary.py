"""The reading at a glance: what to work on next, why in at most three lines, and at most three
findings (the say, attention, the biggest difference).

A pair should be able to say from one screen what they will work on and why, so every format
(the Together screen, the text and Markdown reports, the JSON) opens with this same summary,
built once here from the same figures and sentences as the details. Names are shortened so
the summary fits one 80×24 screen for up to six partners; views far apart are given with each
partner's own figure, never an average alone.
"""

from __future__ import annotations

import textwrap

from collabcheck.render import power
from collabcheck.render.reasons import ROUTE_SHORT, level
from collabcheck.render.words import all_of, figures_of, fmt1, join_words, names_of, signed
from collabcheck.scoring.results import Comparison, PracticeResult
from collabcheck.scoring.rules import ROUTE_PRACTICE, SEEN_DIFFERENTLY, STRONG

NAME_LIMIT = 16  # a name in the summary is cut to this many characters
WHY_WIDTH = 74  # the Why paragraph is measured at this width (the screen's, less margins)
WHY_LINES = 3  # ...and never takes more lines than this
# Why the suggested practice counts for more (power looks uneven; attention leans to the
# task), whole and in as few words as can carry it, for a Why with little room left. Both in
# one sentence: it fits where two would not, and when both apply the second is often what
# sets this practice above another (practices 1 and 2 share the first, 2 and 3 the second).
BOOSTS: dict[tuple[bool, bool], tuple[str, str]] = {
    (True, False): (
        "Power looks uneven between you, so this practice counts for more.",
        "Uneven power counts here too.",
    ),
    (False, True): (
        "Your attention leans to the task, so this practice counts for more.",
        "A lean to the task counts here too.",
    ),
    (True, True): (
        "Power looks uneven between you and your attention leans to the task, so this practice "
        "counts for more.",
        "Uneven power and a lean to the task count here too.",
    ),
}
# When no one sees one partner holding the say (or one left out) and power counts only
# because the answers on it are far apart, that is what is named: "power looks uneven" would
# contradict "both of you see the say as shared" above it.
DISPUTED: dict[bool, tuple[str, str]] = {
    False: (
        "You see who has the say differently, so this practice counts for more.",
        "Seeing the say differently counts here too.",
    ),
    True: (
        "You see who has the say differently and your attention leans to the task, so this "
        "practice counts for more.",
        "Seeing the say differently and a lean to the task count here too.",
    ),
}
SHORTER = dict([*BOOSTS.values(), *DISPUTED.values()])  # a sentence of the Why → its shorter form


def boost_words(c: Comparison, best: PracticeResult) -> tuple[str, str]:
    """Why the suggested practice counts for more, whole and in brief, naming only what
    triggered it (`AuthorityResult.held`: a holder or a left-out partner seen, or only a gap)."""
    if best.power_boost and not c.authority.held:
        return DISPUTED[bool(best.task_boost)]
    return BOOSTS[bool(best.power_boost), bool(best.task_boost)]


FINDINGS_CAP = 3


def _lowest_words(c: Comparison, best: PracticeResult) -> str:
    """', the lowest' / ', the joint lowest' / '' by the figures as shown."""
    known = [p for p in c.practices if p.combined is not None]
    if len(known) < 2 or best.combined is None:
        return ""
    low = min(fmt1(p.combined) for p in known)
    if fmt1(best.combined) != low:
        return ""
    joint = sum(fmt1(p.combined) == low for p in known) > 1
    return ", the joint lowest" if joint else ", the lowest"


def why_sentences(c: Comparison) -> list[str]:
    """Short reasons, most important first (the full ones are in `reasons`)."""
    best = c.practice(c.suggestion.number)
    s = c.suggestion
    names = names_of(c, NAME_LIMIT)
    how = level(c)
    out = []
    if how == "strong":
        out.append(
            f"Every practice scores {fmt1(STRONG)} or more and none is seen differently: "
            "this is a way to go further, not a gap to fix."
        )
    elif how == "equal":
        out.append(
            f"Every practice scores the same ({fmt1(best.combined)}), so nothing stands "
            "out: choose together which to work on."
        )
    elif best.combined is None:
        out.append("Nobody scored this practice yet, so it is only a place to start.")
    elif best.apart and len(known := {p: v for p, v in best.scores.items() if v is not None}) > 3:
        out.append(f"Your own scores here run {_extremes(known, names, False)}: far apart.")
    elif best.apart:
        out.append(
            f"Your own scores here are {figures_of(best.scores, names)} (combined "
            f"{fmt1(best.combined)}{_lowest_words(c, best)})."
        )
    else:
        out.append(f"Your combined score here is {fmt1(best.combined)} out of 5{_lowest_words(c, best)}.")
    if best.power_boost or best.task_boost:
        out.append(boost_words(c, best)[0])
    route = s.route
    if route in ROUTE_PRACTICE:
        other = next(n for r, n in ROUTE_PRACTICE.items() if r != route)
        if s.without_route is not None and s.without_route != s.number:
            out.append(f"You are working {ROUTE_SHORT[route]}, so practice {other} counts for less.")
        if best.number == other and route == "under-radar":
            out.append(
                "It still comes first at half weight: in time, your work has to become everyone's work."
            )
        elif best.number == other:
            out.append("It still comes first at half weight: both routes can lead to lasting change.")
    elif best.number in ROUTE_PRACTICE.values():
        out.append(
            "You did not choose a route, so practices 4 and 5 both count fully."
            if route == "undecided"
            else "You did not say which route you are taking, so 4 and 5 both count fully."
        )
    if s.stage == "starting" and best.number == 1:
        out.append("You are just starting, so this practice counts for more.")
    return out


def why_text(c: Comparison, width: int = WHY_WIDTH, lines: int = WHY_LINES) -> str:
    """The short reasons that fit `lines` lines at `width`, most important first (a sentence
    that has a shorter form is given in it when the whole one does not fit)."""
    chosen: list[str] = []
    for sentence in why_sentences(c):
        for form in (sentence, SHORTER.get(sentence)):
            if form is None:
                continue
            if not chosen or len(textwrap.wrap("Why: " + " ".join([*chosen, form]), width)) <= lines:
                chosen.append(form)
                break
    return " ".join(chosen)


def _say_finding(c: Comparison) -> str | None:
    a = c.authority
    names = names_of(c, NAME_LIMIT)
    if a.pattern_id == "not-enough-answers":
        return None
    unseen = a.unseen_holders()
    if unseen:
        holder = min(unseen, key=lambda h: (names.get(h, h), h))
        seers = unseen[holder]
        who = power.join_names(seers, names)
        amount = "most" if all(a.strength.get(p) == "most" for p in seers) else "more"
        text = (
            f"{who} {'sees' if len(seers) == 1 else 'see'} {names.get(holder, holder)} "
            f"holding {amount} of the say, but {names.get(holder, holder)} sees the say as "
            "shared."
        )
        if not _two_lines(text):
            text = (
                f"Others see {names.get(holder, holder)} holding {amount} of the say, but "
                f"{names.get(holder, holder)} sees the say as shared."
            )
        if any(h == holder for _, h in power.imbalance(a, c.partners)):
            # patient side and professional side: the guide's imbalance, named in the details
            text = text[:-1] + ": the imbalance of power in care the guide describes."
        return text
    return power.pattern_sentence(a, names)


def _two_lines(text: str) -> bool:
    """A finding fits two lines of a bulleted list on the screen."""
    return len(textwrap.wrap(text, WHY_WIDTH - 2)) <= 2


def _extremes(values: dict[str, float], names: dict[str, str], signed_: bool, every: bool = True) -> str:
    """Each partner's figure for up to three partners (when `every`); else the lowest and the
    highest."""
    if every and len(values) <= 3:
        return figures_of(values, names, signed_)
    low = min(values, key=lambda p: (values[p], names.get(p, p)))
    high = max(values, key=lambda p: (values[p], names.get(p, p)))
    return (
        f"from {figures_of({low: values[low]}, names, signed_)} to "
        f"{figures_of({high: values[high]}, names, signed_)}"
    )


def _attention_finding(c: Comparison) -> str | None:
    f = c.focus
    names = names_of(c, NAME_LIMIT)
    known = {p: v for p, v in f.positions.items() if v is not None}
    if len(known) < 2 or f.mean is None:
        return None
    if f.leaning == "split":
        for every in (True, False):
            text = f"Attention: you see it in opposite ways ({_extremes(known, names, True, every)})."
            if _two_lines(text):
                break
        return text
    leaning = {
        "task": "leans to the task",
        "relationship": "leans to your relationship",
        "balanced": "is balanced",
    }[f.leaning or "balanced"]
    if len(set(known.values())) == 1:
        who = all_of(len(known), len(names))
        return f"Attention: {who} see it the same way ({signed(f.mean)}); it {leaning}."
    differ = ": you see it differently" if f.divergent else ""
    for every in (True, False):
        text = f"Attention: {_extremes(known, names, True, every)}; together it {leaning}{differ}."
        if _two_lines(text):
            break
    return text


def _gap(p: PracticeResult) -> float:
    """How far apart a practice is seen: the wider of its score gap and its statements' gap."""
    return max(p.score_gap or 0, p.divergence or 0)


def _difference_finding(c: Comparison) -> str | None:
    names = names_of(c, NAME_LIMIT)
    apart = [p for p in c.practices if p.apart]
    if not apart:
        if all(p.divergence is None for p in c.practices):
            return None
        return f"No practice is seen differently (apart by {fmt1(SEEN_DIFFERENTLY)} or more)."
    widest = max(apart, key=lambda p: (_gap(p), -p.number))
    # Others as wide as shown make it the joint biggest, never "the" biggest.
    joint = [p.number for p in apart if p is not widest and fmt1(_gap(p)) == fmt1(_gap(widest))]
    which = f"practice {widest.number}"
    if joint:
        which += f" (joint with {join_words([str(n) for n in joint])})"
    if (widest.score_gap or 0) < SEEN_DIFFERENTLY:  # close scores, far-apart statements
        return (
            f"Biggest difference: {which}, where your answers to the same "
            f"statements are {fmt1(widest.divergence)} apart on average."
        )
    known = {p: v for p, v in widest.scores.items() if v is not None}
    for every in (True, False):
        text = f"Biggest difference: {which}, where your scores are {_extremes(known, names, False, every)}."
        if _two_lines(text):
            break
    return text


def cannot_see_sentences(c: Comparison, limit: int | None = None) -> list[str]:
    """One sentence for each partner who could not rate at least half of a practice's
    statements that others rated: what one of you cannot see is worth sharing, not only a
    gap in the figures. Practice by practice, partners by name (so their order changes
    nothing)."""
    names = names_of(c, limit) if limit else names_of(c)
    out = []
    for p in c.practices:
        for pid, (unsure, rated) in sorted(
            p.cannot_see.items(), key=lambda kv: (names.get(kv[0], kv[0]), kv[0])
        ):
            who = names.get(pid, pid)
            out.append(
                f"{who} could not rate {unsure} of the {rated} statements on practice {p.number} "
                "that others rated: share what each of you knows about it."
            )
    return out


def _cannot_see_finding(c: Comparison) -> str | None:
    found = cannot_see_sentences(c, NAME_LIMIT)
    if len(found) > 1:
        return found[0] + f" (And {len(found) - 1} more like this in the details.)"
    return found[0] if found else None


def findings(c: Comparison) -> list[str]:
    """At most three findings: the say, what one of you cannot see, attention, the biggest
    difference (the first three there are)."""
    found = (_say_finding(c), _cannot_see_finding(c), _attention_finding(c), _difference_finding(c))
    out = [f for f in found if f]
    return out[:FINDINGS_CAP]


def headline(c: Comparison) -> str:
    return f"Work on next: practice {c.suggestion.number}, {c.suggestion.title}."
