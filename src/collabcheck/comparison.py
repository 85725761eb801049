"""The result of comparing one sitting: plain frozen records with a `to_json()` each.

Kept apart from the arithmetic in `compare.py` so the app, the reports and history can read
the same fields by name (`comparison.practices[i].combined`, `comparison.suggestion.number`)
without caring how they were worked out. Import them from `collabcheck.compare`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from collabcheck.snapshot import Partner


@dataclass(frozen=True)
class ItemResult:
    """One compared item: every partner's answer (None = skipped) and how far apart they are."""

    id: str
    kind: str
    text: str
    short: str | None
    reverse: bool
    answers: dict[str, Any]
    scores: dict[str, int | None] = field(default_factory=dict)   # agree: after reversal; focus: −2…2
    unsure: int = 0
    spread: int | None = None                                      # agree and focus items
    category: str | None = None                                    # agree items
    divergence: float | None = None                                # authority items

    @property
    def label(self) -> str:
        return self.short or self.text

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "text": self.text,
                               "answers": dict(self.answers)}
        if self.short:
            out["short"] = self.short
        if self.kind == "agree":
            out.update(reverse=self.reverse, scores=dict(self.scores), unsure=self.unsure,
                       spread=self.spread, category=self.category)
        elif self.kind == "focus":
            out.update(positions=dict(self.scores), spread=self.spread)
        else:
            out["divergence"] = self.divergence
        return out


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
    need: float = 0.0
    divergence_part: float = 0.0
    boost: float = 0.0
    priority: float = 0.0
    exact_priority: Fraction = field(default=Fraction(0), repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number, "id": self.id, "title": self.title,
            "scores": dict(self.scores), "answered": dict(self.answered),
            "unsure": self.unsure, "unsure_by_partner": dict(self.unsure_by_partner),
            "combined": self.combined, "divergence": self.divergence,
            "priority": {"need": self.need, "divergence_part": self.divergence_part,
                         "boost": self.boost, "total": self.priority},
            "items": [i.to_json() for i in self.items],
        }


@dataclass(frozen=True)
class AuthorityResult:
    """Who each partner thinks holds the power, and how far apart those views are."""

    divergence: float | None
    divergent: bool
    pattern: str
    pattern_id: str
    perceived_holder: dict[str, str]
    totals: dict[str, dict[str, int]]
    answered: dict[str, int]
    items: list[ItemResult]
    summary: list[str]

    @property
    def hierarchy(self) -> bool:
        """Power looks uneven: someone sees one partner holding it, or the views are far apart."""
        return self.divergent or any(h != "shared" for h in self.perceived_holder.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "divergence": self.divergence, "divergent": self.divergent,
            "pattern": self.pattern, "pattern_id": self.pattern_id,
            "perceived_holder": dict(self.perceived_holder),
            "totals": {k: dict(v) for k, v in self.totals.items()},
            "answered": dict(self.answered), "hierarchy": self.hierarchy,
            "summary": list(self.summary),
            "items": [i.to_json() for i in self.items],
        }


@dataclass(frozen=True)
class FocusResult:
    """Where each partner thinks attention goes, from the task (−2) to the relationship (+2)."""

    positions: dict[str, float | None]
    mean: float | None
    divergence: float | None
    divergent: bool
    leaning: str | None
    items: list[ItemResult]

    def to_json(self) -> dict[str, Any]:
        return {"positions": dict(self.positions), "mean": self.mean,
                "divergence": self.divergence, "divergent": self.divergent,
                "leaning": self.leaning, "items": [i.to_json() for i in self.items]}


@dataclass(frozen=True)
class Suggestion:
    """The practice to work on next, with the reasons and the whole ranking behind it."""

    number: int
    id: str
    title: str
    reasons: list[str]
    tips: list[str]
    prompts: list[str]
    ranking: list[dict[str, Any]]
    divergence_weight: float
    hierarchy: bool
    task_leaning: bool

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "id": self.id, "title": self.title,
                "reasons": list(self.reasons), "tips": list(self.tips),
                "prompts": list(self.prompts), "ranking": [dict(r) for r in self.ranking],
                "divergence_weight": self.divergence_weight,
                "findings": {"hierarchy": self.hierarchy, "task_leaning": self.task_leaning}}


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
        return sum(1 for i in self.all_items()
                   if (i.divergence if i.kind == "authority" else i.spread) is not None)

    def name(self, partner_id: str) -> str:
        from collabcheck.wording import display_name

        return display_name(next((p.name for p in self.partners if p.id == partner_id), partner_id))

    def to_json(self) -> dict[str, Any]:
        """The report JSON of spec §4, with extra keys for hand-checking."""
        return {
            "pair": self.pair, "taken_at": self.taken_at.isoformat(),
            "bank": self.bank, "bank_version": self.bank_version,
            "compared_with": dict(self.compared_with),
            "partners": [{"id": p.id, "name": p.name, "role": p.role} for p in self.partners],
            "practices": [p.to_json() for p in self.practices],
            "authority": self.authority.to_json(),
            "focus": self.focus.to_json(),
            "suggestion": self.suggestion.to_json(),
            "talk_about_first": list(self.talk_about_first),
            "unknown_answers": list(self.unknown_answers),
            "mismatched_answers": list(self.mismatched_answers),
            "agreed": self.agreed,
            "notes": {pid: dict(table) for pid, table in self.notes.items()},
        }
