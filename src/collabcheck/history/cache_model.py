"""What a valid entry of history's cache is: one snapshot's figures, or why it was refused.

History keeps each file's summary in a cache outside the snapshot folder (history/cache.py),
so a later run need not read and compare the file again. The cache is a file like any other:
it may be damaged, replaced or hand-edited, so each entry must pass this model before it is
used; one that fails is dropped and its snapshot read afresh. What is stored is what history
made from a snapshot its model had already checked, so nothing is checked twice.
Imports pydantic, so it is imported only when entries must be looked up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from collabcheck.core.model_base import Slug, Text, problem
from collabcheck.core.models import Side, Strict

Figure = float | None
PRACTICE_KEYS = ("1", "2", "3", "4", "5")
PracticeFigures = dict[Literal["1", "2", "3", "4", "5"], Figure]
Score = Annotated[float, Field(ge=1, le=5)] | None  # a partner's own score for a practice
# Keyed by partner id: each must be one of `partners` (checked in `_fits_together`), which
# makes it a slug without matching the pattern again for every score.
PracticeScores = dict[Literal["1", "2", "3", "4", "5"], dict[str, Score]]
Counts = Annotated[list[int], Field(min_length=2, max_length=2)]  # [not sure, rated by others]


class SummaryModel(Strict):
    """What history keeps from one snapshot that was read and compared: its figures."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    pair: Slug
    taken_at: Text
    ts: float
    partners: list[Slug]
    names: list[Text]
    practices: PracticeFigures
    divergence: PracticeFigures
    authority_divergence: Figure
    focus_divergence: Figure
    suggested: int | None = Field(ge=1, le=5)
    agreed: int | None = Field(ge=1, le=5)
    bank: Text
    bank_version: int
    unknown: list[Text]
    mismatched: list[Text]
    warnings: list[Text]
    form: Literal["full", "quick"] | None = None  # a quick check-in says so (core/forms.py)
    # Only when given (history/sides.py): each partner's side of care; with both sides, each
    # side's view of every practice and their gap on the say; who could not rate a practice.
    sides: dict[Slug, Side] | None = None
    side_scores: dict[Literal["patient", "professional"], PracticeFigures] | None = None
    say_gap: Figure = None
    cannot_see: dict[Literal["1", "2", "3", "4", "5"], dict[Slug, Counts]] | None = None
    # Each partner's own score for each practice (practice number → partner id → score).
    scores: PracticeScores

    @model_validator(mode="after")
    def _fits_together(self) -> SummaryModel:
        """What a reader takes as given: a name for each partner, each partner's own score
        (or null) for every practice, and the moment of the sitting (`ts`) the one its date
        and time says, so it can be shown as a day."""
        if len(self.names) != len(self.partners):
            raise problem("does not give one name for each partner")
        partners = set(self.partners)
        if set(self.scores) != set(PRACTICE_KEYS) or any(set(by) != partners for by in self.scores.values()):
            raise problem("does not give each partner's own score for every practice")
        try:
            when = datetime.fromisoformat(self.taken_at)
            same = when.tzinfo is not None and when.timestamp() == self.ts
        except (ValueError, OverflowError, OSError):
            same = False
        if not same:
            raise problem("does not hold the sitting's time as its date and time say")
        return self


class RefusedModel(Strict):
    """What history keeps from a snapshot it could not read: the reason, and the line."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    error: Text
    line: int | None = Field(ge=1)


class CacheEntryModel(Strict):
    """One entry of history's cache: the file's stat key (size, mtime, ctime, inode) and
    what was found in it. Anything else in its place is not used (the file is read again)."""

    key: Annotated[tuple[int, int, int, int], Field(strict=False)]
    summary: SummaryModel | RefusedModel

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, data: Any) -> Any:
        if isinstance(data, list) and len(data) == 2:
            return {"key": data[0], "summary": data[1]}
        raise problem("is not a [key, summary] pair")


CacheEntries = TypeAdapter(dict[str, CacheEntryModel])
"""A whole cache's entries, checked in one call (the usual case: none is damaged)."""


def checked_entry(raw: Any) -> tuple[list[int], dict[str, Any]] | None:
    """A cache entry as the cache keeps it, if it passes its model; None otherwise."""
    try:
        entry = CacheEntryModel.model_validate(raw)
    except ValidationError:
        return None
    return list(entry.key), entry.summary.model_dump(exclude_unset=True)
