"""What a valid sitting in progress is: the model of the state file (`sitting.json`).

The app autosaves the sitting after every change and offers to carry it on at the next
start, so the file must describe a sitting the app can carry on from *and* save: the same
value rules as a snapshot (core/models.py), and a place within it. A file that fails is
set aside by `core/sitting.py`, never obeyed: a place far beyond the bank once froze the
app, and an answer the reader refuses was "Saved" as a snapshot no command would read.
Imports pydantic, so it is imported only when there is a state file to read.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from collabcheck.core.model_base import SLUG_WORDS, Text, explain, problem
from collabcheck.core.models import (
    ITEM_ID,
    PartnerModel,
    Strict,
    bank_for,
    check_answers,
    check_keys,
    unique_ids,
)
from collabcheck.core.records import SCHEMA, ContextStage, Route, brief
from collabcheck.core.slug import is_slug

if TYPE_CHECKING:
    from collabcheck.core.bank import Bank


def _item_id(value: str) -> str:
    if ITEM_ID.fullmatch(value) is None:
        raise problem('is not a question id like "section.item"')
    return value


def _absolute(value: str) -> str:
    """The snapshot folder a sitting was started in, as an absolute path (older files have none)."""
    if not value or "\x00" in value or not os.path.isabs(value):
        raise problem("is not an absolute folder path")
    return value


def _iso_time(value: Any) -> Any:
    """The state file keeps times as ISO text ("Z" for UTC is read too)."""
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise problem("is not a date and time") from None
    return value


class NoteModel(Strict):
    """A written reflection in the state; a `private` one never reaches a snapshot."""

    text: Text = ""
    private: bool = False


class StateModel(Strict):
    """The sitting in progress, as autosaved after every change (`sitting.json`).

    It must describe a sitting the app can carry on from and save: the same value rules as a
    snapshot (slugs, answers that fit their questions and name listed partners, text that can
    be written), and a place in the sitting within it (a partner who is listed, a question
    within the bank). Validate with `context={"bank": bank}` to bound the place by the bank.
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    format: int = Field(default=1, ge=1, le=1)
    bank: Annotated[str, Field(min_length=1)]
    bank_version: int
    partners: list[PartnerModel] = Field(default=[], max_length=6)
    pair: str
    started_at: Annotated[datetime, BeforeValidator(_iso_time)]
    stage: Literal["who", "answering", "together"] = "answering"
    current_partner: int = Field(default=0, ge=0)
    current_item: int = Field(default=0, ge=0)
    answers: dict[str, dict[Annotated[str, AfterValidator(_item_id)], Any]] = {}
    notes: dict[str, dict[Annotated[str, AfterValidator(_item_id)], NoteModel]] = {}
    agreed_practice: int | None = Field(default=None, ge=1, le=5)
    actions: list[Text] = []
    context_asked: bool = True
    how_long: ContextStage | None = None
    route: Route | None = None
    draft_people: list[Annotated[tuple[Text, Text], Field(strict=False)]] = Field(default=[], max_length=6)
    draft_pair: Text = ""
    draft_sides: list[Literal["", "professional", "patient", "other"]] = Field(default=[], max_length=6)
    form: Literal["full", "quick"] = "full"
    folder: Annotated[Text, AfterValidator(_absolute)] | None = None  # where it is to be saved

    @model_validator(mode="after")
    def _a_sitting_to_carry_on(self, info: ValidationInfo) -> StateModel:
        """Checks that tie the fields together: who is here, where they are, what they said."""
        if self.stage == "who":
            if not self.draft_people:
                raise problem("a draft of who is here needs one to six rows")
            if self.partners or self.answers or self.notes:
                raise problem("names are still being typed, so there can be no answers yet")
            return self
        if not 2 <= len(self.partners) <= 6:
            raise problem("a sitting needs 2 to 6 partners")
        if not is_slug(self.pair):
            raise problem(f"pair {brief(self.pair)} {SLUG_WORDS}")
        unique_ids(self.partners)
        if self.current_partner > len(self.partners):
            raise problem(
                f"current_partner {self.current_partner} is beyond the {len(self.partners)} partners"
            )
        bank = bank_for((info.context or {}).get("bank"), self.bank, self.bank_version)
        limit = len(bank.items_by_id) if bank is not None else MAX_ITEMS
        if self.current_item > limit:
            raise problem(f"current_item {self.current_item} is beyond the {limit} questions")
        ids = frozenset(p.id for p in self.partners)
        check_answers(self.answers, ids, SCHEMA, bank.kinds if bank is not None else None)
        check_keys(self.notes, "notes", ids)
        return self


MAX_ITEMS = 500
"""Most questions a bank can have when the state's own bank is not at hand (a real one has 45)."""


def checked(data: Any, bank: Bank | None = None) -> StateModel:
    """The state file's parsed JSON through its model; ValueError (one line: `explain`) if it
    does not describe a sitting the app can carry on from and save."""
    try:
        return StateModel.model_validate(data, context={"bank": bank})
    except ValidationError as exc:
        raise ValueError(explain(exc)) from None
