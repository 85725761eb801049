"""What history keeps from one snapshot file, as typed records: its figures, or why it was refused.

History reads each file once, keeps a `Summary` (or a `Refused`) in its cache, and builds every
partnership's story from those records (history/build.py). The records are typed so the type
checker follows them from reading to the words; the cache holds them as JSON objects
(`to_json`), each checked against its model (history/cache_model.py) before `from_json` reads
it back. Optional figures (sides, who could not rate a practice) are left out of the JSON when
absent, so a cache and an output without them are exactly what they were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Figures = dict[str, float | None]  # practice number ("1".."5") → a figure, or None


@dataclass(frozen=True, slots=True)
class Summary:
    """The figures history keeps from one sitting (all from the comparison), and where it came from."""

    pair: str
    taken_at: str  # as written, ISO 8601 with its offset
    ts: float  # the same moment as a number, for ordering
    partners: list[str]
    names: list[str]
    practices: Figures
    divergence: Figures
    authority_divergence: float | None
    focus_divergence: float | None
    suggested: int | None
    agreed: int | None
    bank: str
    bank_version: int
    unknown: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    form: str | None = None  # "quick" for a quick check-in (core/forms.py)
    # Only when given (history/sides.py): each partner's side of care; with both sides, each
    # side's view of every practice and their gap on the say; who could not rate a practice.
    sides: dict[str, str] = field(default_factory=dict)
    side_scores: dict[str, Figures] = field(default_factory=dict)
    say_gap: float | None = None
    cannot_see: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    # Each partner's own score for each practice (practice number → partner id → score), so
    # a sentence about a practice seen far apart can give every partner's figure, not only
    # the combined one (render/history.py `follow_text`).
    scores: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """As the cache keeps it: every field, the optional ones only when they hold something."""
        out: dict[str, Any] = {
            "pair": self.pair,
            "taken_at": self.taken_at,
            "ts": self.ts,
            "partners": self.partners,
            "names": self.names,
            "practices": self.practices,
            "divergence": self.divergence,
            "authority_divergence": self.authority_divergence,
            "focus_divergence": self.focus_divergence,
            "suggested": self.suggested,
            "agreed": self.agreed,
            "bank": self.bank,
            "bank_version": self.bank_version,
            "form": self.form,
            "unknown": self.unknown,
            "mismatched": self.mismatched,
            "warnings": self.warnings,
        }
        if self.sides:
            out["sides"] = self.sides
        if self.side_scores:
            out["side_scores"] = self.side_scores
            out["say_gap"] = self.say_gap
        if self.cannot_see:
            out["cannot_see"] = self.cannot_see
        if self.scores:
            out["scores"] = self.scores
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Summary:
        """From a checked cache entry, or a fuller summary with these fields (the cohort's):
        fields this record does not know are left aside."""
        return cls(
            pair=data["pair"],
            taken_at=data["taken_at"],
            ts=data["ts"],
            partners=data["partners"],
            names=data["names"],
            practices=data["practices"],
            divergence=data["divergence"],
            authority_divergence=data["authority_divergence"],
            focus_divergence=data["focus_divergence"],
            suggested=data["suggested"],
            agreed=data["agreed"],
            bank=data["bank"],
            bank_version=data["bank_version"],
            unknown=data.get("unknown", []),
            mismatched=data.get("mismatched", []),
            warnings=data.get("warnings", []),
            form=data.get("form"),
            sides=data.get("sides") or {},
            side_scores=data.get("side_scores") or {},
            say_gap=data.get("say_gap"),
            cannot_see=data.get("cannot_see") or {},
            scores=data.get("scores") or {},
        )


@dataclass(frozen=True, slots=True)
class Refused:
    """A file history could not read or compare: why, in words the person fixing it can act
    on, and the line when known. `internal` marks a fault in collabcheck (never cached)."""

    error: str
    line: int | None = None
    internal: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": self.error, "line": self.line}
        if self.internal:
            out["internal"] = True
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Refused:
        return cls(data["error"], data.get("line"), bool(data.get("internal")))


Record = Summary | Refused


def record_of(data: Summary | Refused | Mapping[str, Any]) -> Record:
    """A typed record from one already typed, or from a summary as JSON (a cache entry, or
    the cohort's fuller summary): a refusal is the one holding an error."""
    if isinstance(data, Summary | Refused):
        return data
    return Refused.from_json(data) if "error" in data else Summary.from_json(data)
