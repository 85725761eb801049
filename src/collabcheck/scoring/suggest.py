"""The practice suggested, with its tips and talking points, and what was found.

The rule that picks the practice is worked once, in `priority.py` (its ranking comes with the
rest of the figures, from `rule.work_out`); this module turns that ranking into the
`Suggestion` a report shows: the tips and talking points that fit what was found and the
pair's weakest statements, in the bank's own words. The reasons, in words, are built from
these figures by `collabcheck.render.reasons`.
"""

from __future__ import annotations

from math import inf
from typing import TYPE_CHECKING

from collabcheck.core.bank import Bank, Section
from collabcheck.core.bank_ideas import TIP_KINDS, Tip
from collabcheck.scoring.results import AuthorityResult, FocusResult, PracticeResult, Suggestion
from collabcheck.scoring.rounding import ratio_float
from collabcheck.scoring.rules import TALK_POINTS_CAP, TIPS_CAP

if TYPE_CHECKING:
    from collabcheck.scoring.rule import Worked


def findings(
    authority: AuthorityResult, focus: FocusResult, stage: str | None, route: str | None
) -> tuple[str, ...]:
    """What was found, as the `when` tags tips are chosen by (`core.bank_ideas.TIP_KINDS`)."""
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


def suggest(bank: Bank, worked: Worked, practices: list[PracticeResult]) -> Suggestion:
    """The suggestion for a report: the practice the ranking puts first, with its tips and
    talking points, the whole ranking, and what would have come first without the route or
    the stage. `practices` are the records of `worked.practices`, in the same order."""
    ranking = worked.ranking
    by_number = {p.number: p for p in practices}
    best = by_number[ranking.best]
    section = bank.practice(best.number)
    stage, route = worked.stage, worked.route
    found = findings(worked.authority, worked.focus, stage, route)
    tips, for_facilitators = choose_tips(bank, section, best, frozenset(found))
    weight = ratio_float(ranking.weight)
    assert weight is not None
    return Suggestion(
        number=best.number,
        id=best.id,
        title=best.title,
        tips=tips,
        prompts=choose_prompts(section, best),
        facilitator_tips=for_facilitators,
        ranking=[{"number": n, "priority": by_number[n].priority} for n in ranking.order],
        divergence_weight=weight,
        hierarchy=worked.authority.hierarchy,
        task_leaning=worked.focus.leaning == "task",
        findings=found,
        stage=stage,
        route=route,
        without_route=worked.without_route.best if worked.without_route else best.number,
        without_stage=worked.without_stage.best if worked.without_stage else best.number,
    )


def by_priority(practices: list[PracticeResult]) -> list[PracticeResult]:
    """A report's practice records from the highest priority down; at equal priority, the
    lower number first: the order `priority.rank` gave (`Suggestion.ranking`), for words
    that walk the records."""
    return sorted(practices, key=lambda p: (-p.exact_priority, p.number))


FINDING_TAGS = TIP_KINDS["finding"]
DESIGNERS = TIP_KINDS["audience"]


def lowest_items(result: PracticeResult) -> list[str]:
    """The practice's statements from the pair's lowest to highest (mean score, bank order at
    equal means); statements nobody scored, or not counted yet, last."""

    def mean(scores: dict[str, int | None]) -> float:
        known = [v for v in scores.values() if v is not None]
        return sum(known) / len(known) if known else inf

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
