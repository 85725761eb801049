"""What a valid entry of the cohort's cache is: history's summary of a sitting, and more.

The cohort keeps, for each sitting, history's own figures (`history.cache_model.SummaryModel`)
plus what a cohort row and the picture need: every partner's score per practice, who each
sees holding the say, attention's positions and each partner's place on the picture. Its
cache is a file on disk like any other, so each entry must pass this model (built on
history's, read the same way) before it is used; one that fails is read afresh from its
snapshot. Imports pydantic, so it is imported only when entries must be looked up.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from collabcheck.core.model_base import Text, problem
from collabcheck.core.models import Strict
from collabcheck.history.cache_model import (
    PRACTICE_KEYS,
    CacheEntryModel,
    Figure,
    PracticeFigures,
    PracticeScores,
    RefusedModel,
    SummaryModel,
)


class PlaceModel(Strict):
    """One partner's place on the picture (see `history.picture.Place`)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    say: Figure
    attention: Figure
    outside: int = Field(ge=0)
    placed: int = Field(ge=0)
    holder: Text | None


class CohortSummaryModel(SummaryModel):
    """History's summary of one sitting, with the figures a cohort row and the picture need."""

    suggested: int = Field(ge=1, le=5)  # a compared sitting always has a suggestion
    scores: PracticeScores  # practice → partner → their score (all five practices)
    pattern_id: Text
    holders: dict[str, Text]
    strength: dict[str, Text]
    left_out: dict[str, Text]
    positions: dict[str, Figure]
    leaning: Text | None
    places: dict[str, PlaceModel]

    @model_validator(mode="after")
    def _every_practice(self) -> CohortSummaryModel:
        """Rows read each practice's figures by number: all five must be there."""
        tables: tuple[PracticeFigures | PracticeScores, ...] = (self.practices, self.divergence, self.scores)
        if any(set(t) != set(PRACTICE_KEYS) for t in tables):
            raise problem("does not hold every practice's figures")
        return self


class CohortEntryModel(CacheEntryModel):
    """One entry of the cohort's cache: the file's stat key and what was found in it."""

    summary: CohortSummaryModel | RefusedModel


CohortEntries = TypeAdapter(dict[str, CohortEntryModel])
"""A whole cohort cache's entries, checked in one call (the usual case: none is damaged)."""


def checked_entries(entries: dict[str, Any]) -> dict[str, Any]:
    """Only the entries that pass their model: all at once when all do, else one by one, so
    one damaged entry costs only its own file's reading."""
    try:
        CohortEntries.validate_python(entries)
        return entries
    except ValidationError:
        pass
    kept = {}
    for rel, raw in entries.items():
        try:
            CohortEntryModel.model_validate(raw)
        except ValidationError:
            continue
        kept[rel] = raw
    return kept
