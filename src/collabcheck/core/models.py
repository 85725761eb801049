"""What a valid file is: one pydantic model per kind of file collabcheck reads, declared once.

- `SnapshotModel`: a snapshot (`<date>T<time>-<pair>.toml`), schemas 1, 2 and 3.
- `StateModel` (core/state_model.py): the sitting in progress (`sitting.json`).
- `CacheEntryModel` (history/cache_model.py): one file's summary in history's cache.

This module holds the snapshot's model, the values every model shares (slugs, text that can
be saved, partners, answers that fit their questions) and `explain`. Each model holds the
whole rule for its file: the types and ranges of every field where it
is declared, and the rules that tie fields together (an answer must fit its question; an
answer may only name a partner who is listed) as validators on the model. The careful read
(`core/files.py`: size, type of file, nesting) always runs first, so a model only ever sees
a small, parsed document. A model's errors become one line each (`explain`): the file, the
place in the file's own terms (`answers.sam."embed.approved"`) and what is wrong, in plain
words.

The records the rest of collabcheck works with stay plain dataclasses (`Snapshot`,
`Sitting`), built here from the checked values and trusted from then on: nothing downstream
checks a value again. This module imports pydantic, so it is imported only where a file is
read (never for the first screen, nor for a history whose output is already kept).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from collabcheck.core.model_base import (
    SLUG_WORDS,
    Slug,
    Text,
    _key,
    _savable,
    explain,
    place,
    problem,
)
from collabcheck.core.records import (
    ROUTES,
    SCHEMA,
    STAGES,
    Agreed,
    Context,
    ContextStage,
    Partner,
    Route,
    Snapshot,
    brief,
    check_value,
    words_that_fit,
)
from collabcheck.core.slug import is_slug

if TYPE_CHECKING:
    from collabcheck.core.bank import Bank

SIDES = ("professional", "patient", "other")
ITEM_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*")


# -- values used in more than one file (slugs and savable text: core/model_base.py) -----------


def _named(value: str) -> str:
    if not value.strip():
        raise problem("is empty: every partner needs a name")
    return value


Name = Annotated[str, AfterValidator(_savable), AfterValidator(_named)]
Side = Literal["professional", "patient", "other"]


class Strict(BaseModel):
    """Every model: types exactly as written (no "4" for 4, no true for 1), unknown keys
    ignored (a later collabcheck may add some), records never changed once checked."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)


class PartnerModel(Strict):
    """One `[[partners]]` table: a slug id used in answers, a name, an optional role and side."""

    id: Slug
    name: Name
    role: Text = ""
    side: Side | None = None


class AgreedModel(Strict):
    """`[agreed]`: the practice the partners chose (1–5) and what they will do."""

    practice: int = Field(ge=1, le=5)
    actions: list[Text] = []


class ContextModel(Strict):
    """`[context]` (schema 2 on): how long the partnership has run and the route it takes."""

    stage: ContextStage | None = None
    route: Route | None = None


def unique_ids(partners: list[Any]) -> None:
    seen: set[str] = set()
    for p in partners:
        if p.id in seen:
            raise problem(f"partner id '{p.id}' is used twice")
        seen.add(p.id)


def check_answers(
    answers: dict[str, dict[str, Any]], ids: frozenset[str], schema: int, kinds: dict[str, str] | None
) -> None:
    """Every answer fits its question (by kind, when the bank knows the item) and names only
    listed partners: `check_value`, the one rule the app also uses before it records one.

    A programme's history checks tens of thousands of answers, so the usual ones are looked
    up (`words_that_fit` lists the words `check_value` accepts); anything else asks it."""
    fits = words_that_fit(ids, schema)
    kind_of = (kinds or {}).get
    for pid, table in answers.items():
        if pid not in ids:
            raise problem(f"[answers.{_key(pid)}] is for a partner not listed in [[partners]]")
        for item_id, value in table.items():
            kind = kind_of(item_id)
            if type(value) is int:
                if kind == "agree" and 1 <= value <= 5:
                    continue
            elif type(value) is str and kind is not None and value in fits.get(kind, ()):
                continue
            why = check_value(value, ids, kind, schema)
            if why:
                raise problem(f"{place('answers', pid, item_id)} = {brief(value)} {why}")


def check_keys(tables: dict[str, Any], name: str, ids: frozenset[str]) -> None:
    for pid in tables:
        if pid not in ids:
            raise problem(f"[{name}.{_key(pid)}] is for a partner not listed in [[partners]]")


# -- the snapshot ------------------------------------------------------------------------------

SNAPSHOT_KEYS = {
    "schema",
    "pair",
    "taken_at",
    "bank",
    "bank_version",
    "partners",
    "answers",
    "notes",
    "agreed",
    "context",
    "form",
}


def _offset_time(value: Any) -> Any:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise problem("must be a date and time with an offset, like 2026-11-28T15:30:00+00:00")
    return value


class SnapshotModel(Strict):
    """A snapshot file: one sitting of one partnership (schemas 1, 2 and 3).

    Schema 2 added `[context]` and the answers "less:", "outside" and "unsure" on authority
    and focus items; schema 3 added each partner's `side`. A file keeps the schema it was
    written with: what an older schema did not have is ignored with a warning.
    Validate with `context={"kinds": bank.kinds, "warnings": list}` (the bank the file was
    answered on: `bank_for`): with kinds, each answer is checked against its question's
    kind; warnings collects what was ignored.
    """

    schema_: int = Field(alias="schema")
    pair: Annotated[str, Field(min_length=1)]
    taken_at: Annotated[Any, AfterValidator(_offset_time)]
    bank: Annotated[str, Field(min_length=1)]
    bank_version: int
    partners: list[PartnerModel] = Field(min_length=2, max_length=6)
    answers: dict[str, dict[str, Any]] = {}
    notes: dict[str, dict[str, Text]] = {}
    agreed: AgreedModel | None = None
    context: ContextModel | None = None
    form: Literal["full", "quick"] | None = None  # the quick check-in says so (core/forms.py)

    @model_validator(mode="before")
    @classmethod
    def _schema_first(cls, data: Any, info: ValidationInfo) -> Any:
        """The schema decides how the rest is read, so it is checked before anything else,
        and what the file's schema did not have yet is set aside with a warning."""
        if not isinstance(data, dict):
            raise problem("is not a table of keys and values")
        schema = data.get("schema")
        if type(schema) is not int:
            raise problem("no 'schema' number: is this a collabcheck snapshot?")
        if schema > SCHEMA:
            raise problem(
                f"schema {schema} is newer than this collabcheck knows ({SCHEMA}); please update collabcheck"
            )
        if schema < 1:
            raise problem(f"schema {schema} is not valid")
        warn = _warnings(info)
        unknown = sorted(set(data) - SNAPSHOT_KEYS)
        if unknown and warn is not None:
            warn.append(
                "ignoring unknown key(s) "
                + ", ".join(_key(k) for k in unknown[:10])
                + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else "")
            )
        if schema < 2 and "context" in data:
            data = {k: v for k, v in data.items() if k != "context"}
            if warn is not None:
                warn.append("ignoring [context], which needs schema 2")
        partners = data.get("partners")
        if (
            schema < 3
            and isinstance(partners, list)
            and any(isinstance(p, dict) and "side" in p for p in partners)
        ):
            data = {
                **data,
                "partners": [
                    {k: v for k, v in p.items() if k != "side"} if isinstance(p, dict) else p
                    for p in partners
                ],
            }
            if warn is not None:
                warn.append("ignoring the partners' 'side', which needs schema 3")
        return data

    @field_validator("pair")
    @classmethod
    def _pair_is_a_slug(cls, value: str) -> str:
        if not is_slug(value):
            raise problem(f"{brief(value)} {SLUG_WORDS}")
        return value

    @model_validator(mode="after")
    def _fits_together(self, info: ValidationInfo) -> SnapshotModel:
        """Partners unique; answers and notes only for listed partners; each answer fits."""
        unique_ids(self.partners)
        ids = frozenset(p.id for p in self.partners)
        kinds = (info.context or {}).get("kinds")
        check_answers(self.answers, ids, self.schema_, kinds)
        check_keys(self.notes, "notes", ids)
        return self

    def record(self, answered_on: Bank | None) -> Snapshot:
        """The plain record the comparison uses, marked as checked against `answered_on`."""
        snapshot = Snapshot(
            schema=self.schema_,
            pair=self.pair,
            taken_at=self.taken_at,
            bank=self.bank,
            bank_version=self.bank_version,
            partners=[Partner(id=p.id, name=p.name, role=p.role, side=p.side) for p in self.partners],
            answers=self.answers,  # the model's own copies, made as it checked them
            notes=self.notes,
            agreed=(
                Agreed(practice=self.agreed.practice, actions=list(self.agreed.actions))
                if self.agreed is not None
                else None
            ),
            context=(
                Context(stage=self.context.stage, route=self.context.route)
                if self.context is not None
                else None
            ),
            form=self.form,
        )
        if answered_on is not None:
            snapshot.checked_with = (answered_on.id, answered_on.version)
        return snapshot


def bank_for(bank: Bank | None, bank_id: Any, version: Any) -> Bank | None:
    """The bank a file was answered on, if it is `bank` or a shipped one; else None.

    Asked before the file is checked (the answers are checked against it), so the id and
    version may be anything at all."""
    if bank is None or type(bank_id) is not str or type(version) is not int:
        return None
    from collabcheck.core.bank import load_bank_for

    found = load_bank_for(bank_id, version, bank)
    return found if found.id == bank_id else None


def _warnings(info: ValidationInfo) -> list[str] | None:
    return (info.context or {}).get("warnings")


# -- reading -----------------------------------------------------------------------------------


def snapshot(data: Any, bank: Bank | None = None, warnings: list[str] | None = None) -> Snapshot:
    """A checked snapshot from parsed TOML; ValueError (its text one line: `explain`) if not."""
    answered_on = (
        bank_for(bank, data.get("bank"), data.get("bank_version")) if isinstance(data, dict) else None
    )
    kinds = answered_on.kinds if answered_on is not None else None
    try:
        model = SnapshotModel.model_validate(data, context={"kinds": kinds, "warnings": warnings})
    except ValidationError as exc:
        raise ValueError(explain(exc)) from None
    return model.record(answered_on)


__all__ = [
    "ROUTES",
    "SIDES",
    "STAGES",
    "PartnerModel",
    "SnapshotModel",
    "bank_for",
    "check_answers",
    "explain",
    "snapshot",
]
