"""The result of comparing one sitting: plain frozen records of numbers, no sentences.

Kept apart from the arithmetic in `compare.py` so the app, the reports and history can read
the same fields by name (`comparison.practices[i].combined`, `comparison.suggestion.number`)
without caring how they were worked out. `collabcheck.render` puts them into words and JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from collabcheck.core.snapshot import Partner
from collabcheck.scoring.rounding import Ratio
from collabcheck.scoring.rules import SEEN_DIFFERENTLY


@dataclass(frozen=True)
class ItemResult:
    """One compared item: every partner's answer (None = skipped) and how far apart they are."""

    id: str
    kind: str
    text: str
    short: str | None
    reverse: bool
    answers: dict[str, Any]
    scores: dict[str, int | None] = field(default_factory=dict)  # agree: after reversal; focus: −2…2
    unsure: int = 0
    spread: int | None = None  # agree and focus items
    category: str | None = None  # agree items
    divergence: float | None = None  # authority items
    accountability: bool = False  # authority: carrying, not say
    development: bool = False  # authority: who has had the chances to develop, not say
    later: bool = False  # agree: not counted yet (starting)

    @property
    def label(self) -> str:
        return self.short or self.text


@dataclass(frozen=True, slots=True)
class PracticeFigures:
    """One practice as the rule works it out, exact, before its priority: the sums and counts
    per partner (in sitting order) and, when a report asked, the record of each statement.
    Both a report's `PracticeResult` and history's figures are read from this."""

    number: int
    combined: Ratio | None  # the mean of the partners' scores; None when nobody scored
    need: Ratio  # TOP - combined; 0 when nobody scored
    divergence: Ratio | None  # mean gap on statements two or more partners scored
    weight: Ratio | None  # the largest weight on divergence this practice allows
    totals: list[int]
    counts: list[int]
    unsures: list[int]
    items: list[ItemResult]  # empty unless records were asked for
    # Partners not sure of at least a set share of what others rated: (not sure, rated by others)
    cannot_see: dict[str, tuple[int, int]]

    def partner_scores(self, pids: list[str]) -> dict[str, float | None]:
        """Each partner's own score (their mean), None for a partner who scored nothing here."""
        return {pid: t / c if c else None for pid, t, c in zip(pids, self.totals, self.counts, strict=True)}


@dataclass(frozen=True)
class PracticeResult:
    """One practice: each partner's score, the combined score, the divergence and its priority."""

    number: int
    id: str
    title: str
    scores: dict[str, float | None]
    answered: dict[str, int]
    unsure: int
    unsure_by_partner: dict[str, int]
    combined: float | None
    divergence: float | None
    items: list[ItemResult]
    # Partners who were not sure on at least CANNOT_SEE_SHARE of the statements others rated:
    # id -> (statements they were not sure on, statements someone else rated).
    cannot_see: dict[str, tuple[int, int]] = field(default_factory=dict)
    need: float = 0.0
    divergence_part: float = 0.0
    weighting: float = 1.0  # from where the partnership stands (route, stage)
    power_boost: float = 0.0
    task_boost: float = 0.0
    priority: float = 0.0
    exact_priority: Fraction = field(default=Fraction(0), repr=False, compare=False)

    @property
    def boost(self) -> float:
        return self.power_boost + self.task_boost

    @property
    def seen_differently(self) -> bool:
        """Answers to the same statements are far apart on average (the rule's threshold)."""
        return self.divergence is not None and self.divergence >= SEEN_DIFFERENTLY

    @property
    def score_gap(self) -> float | None:
        """Highest partner score minus the lowest (None under two scores)."""
        return score_gap(self.scores)

    @property
    def apart(self) -> bool:
        """Partners' views of this practice are far apart: by their statements or their
        scores. Then every sentence gives each partner's figure before any combined one."""
        return far_apart(self.divergence, self.scores)


def score_gap(scores: Mapping[str, float | None]) -> float | None:
    """Highest partner score minus the lowest (None under two scores)."""
    known = [s for s in scores.values() if s is not None]
    return max(known) - min(known) if len(known) >= 2 else None


def far_apart(divergence: float | None, scores: Mapping[str, float | None]) -> bool:
    """A practice's views far apart, by its statements (`divergence`) or its partners'
    scores: for a compared sitting (`PracticeResult.apart`) and for one kept by the cohort."""
    gap = score_gap(scores)
    return any(x is not None and x >= SEEN_DIFFERENTLY for x in (divergence, gap))


@dataclass(frozen=True)
class AuthorityResult:
    """Who each partner thinks has the say, and how far apart those views are.

    `perceived_holder[pid]` is a partner id (they name that partner on at least half of the
    say questions they answered), "outside" (the say lies outside the partnership), or
    "shared"; `strength[pid]` is "most" or "more" for a holder; `left_out[pid]` names a
    partner they see with less say than the others (three or more partners).
    """

    divergence: float | None
    divergent: bool
    pattern_id: str
    perceived_holder: dict[str, str]
    strength: dict[str, str]
    left_out: dict[str, str]
    named: dict[str, int]  # say questions on which the respondent named their holder
    totals: dict[str, dict[str, int]]
    answered: dict[str, int]  # say questions answered (not "not sure")
    unsure: dict[str, int]
    items: list[ItemResult]
    accountability_divergence: float | None = None
    # Of `named`, the questions on which they answered "mostly" (the rest were "more")
    named_mostly: dict[str, int] = field(default_factory=dict)

    @property
    def hierarchy(self) -> bool:
        """Power looks uneven: someone sees one partner holding it or one left out, or the
        views are far apart. The say lying outside the partnership is not a hierarchy in it."""
        return self.divergent or self.held

    @property
    def held(self) -> bool:
        """Someone sees one partner holding the say, or one with less say: the hierarchy
        seen, beyond answers far apart (the words name which it was)."""
        return bool(self.left_out) or any(
            h not in ("shared", "outside") for h in self.perceived_holder.values()
        )

    @property
    def outside(self) -> bool:
        return any(h == "outside" for h in self.perceived_holder.values())

    def unseen_holders(self) -> dict[str, list[str]]:
        """Partners whom others see holding the say but who see it as shared themselves, with
        who sees them holding it (the guide: the one with more power may see things as shared
        when the other does not). In sitting order."""
        out: dict[str, list[str]] = {}
        for holder in dict.fromkeys(self.perceived_holder.values()):
            seers = [p for p, h in self.perceived_holder.items() if h == holder and p != holder]
            if seers and self.perceived_holder.get(holder) == "shared" and holder not in self.left_out:
                out[holder] = seers
        return out


@dataclass(frozen=True)
class FocusResult:
    """Where each partner thinks attention goes, from the task (−2) to the relationship (+2)."""

    positions: dict[str, float | None]
    mean: float | None
    divergence: float | None
    divergent: bool
    leaning: str | None  # "task" | "balanced" | "relationship" | "split" | None
    items: list[ItemResult]
    unsure: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Suggestion:
    """The practice to work on next, and the whole ranking behind it."""

    number: int
    id: str
    title: str
    tips: list[str]
    prompts: list[str]
    ranking: list[dict[str, Any]]
    divergence_weight: float
    hierarchy: bool
    task_leaning: bool
    findings: tuple[str, ...] = ()  # what the tips were chosen to fit
    stage: str | None = None
    route: str | None = None
    without_route: int | None = None  # the suggestion had the route not been counted
    without_stage: int | None = None  # ...and had the stage not been counted
    facilitator_tips: list[str] = field(default_factory=list)  # for programme designers only


@dataclass(frozen=True)
class Comparison:
    """Everything `report` shows for one sitting; the app shows the same numbers."""

    pair: str
    taken_at: datetime
    bank: str
    bank_version: int
    compared_with: dict[str, Any]
    partners: list[Partner]
    practices: list[PracticeResult]
    authority: AuthorityResult
    focus: FocusResult
    suggestion: Suggestion
    talk_about_first: list[str]
    unknown_answers: list[str]
    mismatched_answers: list[str]
    agreed: dict[str, Any] | None = None
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # kept reflections, as written
    context: dict[str, str | None] = field(default_factory=dict)  # stage and route, if given
    source: str = ""  # the bank's citation

    def practice(self, number: int) -> PracticeResult:
        return next(p for p in self.practices if p.number == number)

    def item(self, item_id: str) -> ItemResult | None:
        """Any compared item by id (agree, authority or focus)."""
        for it in self.all_items():
            if it.id == item_id:
                return it
        return None

    def all_items(self) -> list[ItemResult]:
        return [i for p in self.practices for i in p.items] + self.authority.items + self.focus.items

    @property
    def compared_count(self) -> int:
        """Questions answered by two or more partners: the only ones that can show a difference.

        When this is 0 the reports say there is not enough to compare, instead of "no
        differences", which would read as agreement.
        """
        return sum(
            1 for i in self.all_items() if (i.divergence if i.kind == "authority" else i.spread) is not None
        )


@dataclass(frozen=True)
class Figures:
    """What history keeps from one sitting: each practice's combined score and divergence,
    the gaps on the say and on attention, and the practice suggested (no records, no words)."""

    combined: dict[int, float | None]
    divergence: dict[int, float | None]
    authority_divergence: float | None
    focus_divergence: float | None
    suggested: int
    unknown_answers: list[str]
    mismatched_answers: list[str]
    # Per practice with the finding: who could not rate (not sure, rated by others).
    cannot_see: dict[int, dict[str, tuple[int, int]]]
    # With `per_partner` (the cohort and the picture): each partner's own score for each
    # practice, and the say and attention as worked out (their figures, no records).
    scores: dict[int, dict[str, float | None]] | None = None
    authority: AuthorityResult | None = None
    focus: FocusResult | None = None
