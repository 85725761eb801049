"""What a valid question bank is: one pydantic model for each kind of file in a bank folder.

- `BankMetaModel`: `bank.toml` (the bank's id, version, title and source).
- `SectionModel`: one section file (a practice, or the relationship section), with its
  `ItemModel`s, their `WordingModel`s for each side of care, its `TipModel`s and `IdeaModel`s.
- `FormModel`: a short form of the bank (`forms/quick.toml`).

A facilitator may adapt the bank, so every value is checked where it is declared (types,
slugs, kinds, tags) and the rules that tie one item's keys together (a prompt only on a say or
attention question, `reverse` only on a statement) are validators on its model. What needs
more than one table (unique ids, an idea's references, the five practices) is checked by
core/bank.py, core/bank_ideas.py and core/forms.py, which build the frozen dataclasses the
rest of collabcheck uses from the checked models. The careful read (core/files.py: size,
type of file, UTF-8, nesting) always runs first.

Each problem becomes one line through `explain` (core/model_base.py), with the place named as a
facilitator reads their file: `item 'purpose': side 'patient': 'text' is empty`.
This module imports pydantic, so it is imported only when a bank must be read from its TOML
(a bank read before is kept by core/bank_cache.py, so the first screen never needs it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from collabcheck.core.bank_ideas import LINES, TIP_TAGS, quoted
from collabcheck.core.bank_records import PRACTICE_KINDS, RELATIONSHIP_KINDS
from collabcheck.core.model_base import Slug, Text, explain, problem

LONGEST = 1000
"""Most characters in one text of a bank (a question, a tip, the source): a screen shows it."""


def _filled(value: str) -> str:
    if not value.strip():
        raise problem("is empty")
    if len(value) > LONGEST:
        raise problem(f"is {len(value)} characters long; a bank's texts have at most {LONGEST}")
    return value.strip()


Words = Annotated[Text, AfterValidator(_filled)]
"""Text a person reads: not blank, kept without the spaces around it."""


def _number(value: int) -> int:
    if not 1 <= value <= 5:
        raise problem("must be a practice number from 1 to 5")
    return value


def _version(value: int) -> int:
    if value < 1:
        raise problem("must be a whole number from 1 up")
    return value


def _tags(value: list[str]) -> list[str]:
    if not value:
        raise problem("must be a non-empty list of tags")
    for tag in value:
        if tag not in TIP_TAGS:
            raise problem(f"names an unknown tag {quoted(tag)} (use {', '.join(TIP_TAGS)})")
    return list(dict.fromkeys(value))


def _lines(value: str) -> str:
    if LINES.fullmatch(value.strip()) is None:
        raise problem('must look like "L333–337" or "L282, L286–302"')
    return value.strip()


class Closed(BaseModel):
    """Every bank model: types exactly as written (no "1" for 1), no key the bank does not
    know (a misspelt `revers = true` would otherwise be silently ignored), frozen."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class WordingModel(Closed):
    """`[items.sides.<side>]`: the item's words for one side of care, and nothing else."""

    text: Words
    prompt: Words | None = None

    @model_validator(mode="before")
    @classmethod
    def _only_words(cls, data: Any) -> Any:
        """What is asked and how it compares are the item's own, whatever the side."""
        if isinstance(data, dict):
            other = sorted(str(k) for k in data if k not in ("text", "prompt"))
            if other:
                raise problem(f"may change only 'text' and 'prompt', not {quoted(other[0])}")
        return data


class ItemModel(Closed):
    """One `[[items]]` table: a question, its kind and how it is shown and compared."""

    id: Slug
    kind: Literal["agree", "authority", "focus", "reflect"]
    text: Words
    reverse: bool = False
    short: Words | None = None
    prompt: Words | None = None
    accountability: bool = False
    development: bool = False
    later: bool = False
    sides: dict[Literal["professional", "patient", "other"], WordingModel] = {}

    @model_validator(mode="after")
    def _keys_fit_the_kind(self) -> ItemModel:
        say = self.kind in RELATIONSHIP_KINDS
        if self.reverse and self.kind != "agree":
            raise problem("'reverse' only makes sense on an agree item")
        if self.prompt is not None and not say:
            raise problem("'prompt' only belongs on authority and focus items")
        if self.accountability and self.kind != "authority":
            raise problem("'accountability' only makes sense on an authority item")
        if self.development and (self.kind != "authority" or self.accountability):
            raise problem("'development' only makes sense on an authority item without 'accountability'")
        if self.later and self.kind != "agree":
            raise problem("'later' only makes sense on an agree item")
        for side, wording in self.sides.items():
            if wording.prompt is not None and not say:
                raise problem(f"side '{side}': 'prompt' only belongs on authority and focus items")
        return self


class TipModel(Closed):
    """A tip: plain text (fits every reading) or `{ text, when }` naming the findings it fits."""

    text: Words
    when: Annotated[list[str], AfterValidator(_tags)] = []

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"text": data}
        if isinstance(data, dict) and "when" not in data and "text" in data:
            return {**data, "when": []}  # a table must name the findings it fits: refused below
        return data


class IdeaModel(Closed):
    """One `[[ideas]]` table: an idea of the guide, its lines, and what in the bank carries it."""

    id: Words
    lines: Annotated[Text, AfterValidator(_lines)]
    idea: Words
    status: Literal["covered", "partly", "missed"]
    by: list[str] = []
    why: Annotated[Text, AfterValidator(str.strip)] = ""

    @model_validator(mode="after")
    def _says_why(self) -> IdeaModel:
        if self.status != "covered" and not self.why.strip():
            raise problem(f"is {self.status}: say 'why'")
        if self.status != "missed" and not self.by:
            raise problem(f"is {self.status} but 'by' names nothing")
        return self


class SectionModel(Closed):
    """A section file: a practice (`number` 1–5) or the relationship section (no number)."""

    id: Slug
    number: Annotated[int, AfterValidator(_number)] | None = None
    title: Words
    summary: Annotated[Text, AfterValidator(str.strip)] = ""
    tips: list[TipModel] = []
    prompts: list[Words] = []
    items: list[ItemModel] = []
    ideas: list[IdeaModel] = []

    @model_validator(mode="after")
    def _items_fit_the_section(self) -> SectionModel:
        what = f"section '{self.id}'"
        if not self.items:
            raise problem(f"{what} has no items (add [[items]] tables)")
        allowed = PRACTICE_KINDS if self.number is not None else RELATIONSHIP_KINDS
        place = "a practice" if self.number is not None else "the relationship section"
        for item in self.items:
            if item.kind not in allowed:
                raise problem(
                    f"item '{item.id}': kind '{item.kind}' does not belong in {place} "
                    f"(use {' or '.join(sorted(allowed))})"
                )
        kinds = {i.kind for i in self.items}
        if self.number is not None and "agree" not in kinds:
            raise problem(f"{what} has no agree items, so it cannot be scored")
        if self.number is None and not (RELATIONSHIP_KINDS & kinds):
            raise problem(f"{what} has no authority or focus items")
        return self


class BankMetaModel(Closed):
    """`bank.toml`: which bank this is, its version, and the source it is built on."""

    id: Slug
    version: Annotated[int, AfterValidator(_version)]
    title: Words
    source: Words


class FormItemModel(Closed):
    """One item of a short form: the bank item's full id, the guide's idea, and why."""

    id: Words
    idea: Words
    why: Words


class FormModel(Closed):
    """A short form of one bank (`forms/quick.toml`); core/forms.py checks it fits the bank."""

    id: Words
    title: Words
    bank: Words
    bank_version: int
    items: Annotated[list[FormItemModel], Field(min_length=1)]


# -- one line per problem ----------------------------------------------------------------------

TABLES = {"items": "item", "ideas": "idea", "tips": "tip"}
BANK_WORDS = {"extra_forbidden": "is not a key collabcheck knows here (check its spelling)"}


def _shown(data: Any) -> Callable[[list[Any]], str]:
    """How a place in a bank file is named: a table by its id where it has one (`item 'a':`),
    else by its number (`tip 2:`), then the key within it, quoted as the file writes it."""

    def shown(loc: list[Any]) -> str:
        head = ""
        rest = loc
        if len(loc) >= 2 and loc[0] in TABLES and isinstance(loc[1], int):
            table = TABLES[str(loc[0])]
            raw = data.get(loc[0]) if isinstance(data, dict) else None
            entry = raw[loc[1]] if isinstance(raw, list) and loc[1] < len(raw) else None
            raw_id = entry.get("id") if isinstance(entry, dict) and table != "tip" else None
            head = f"{table} {quoted(raw_id)}" if isinstance(raw_id, str) else f"{table} {loc[1] + 1}"
            rest = loc[2:]
        if len(rest) >= 2 and rest[0] == "sides":  # a side's words: `side 'patient': 'text'`
            head = f"{head}: side {quoted(rest[1])}" if head else f"side {quoted(rest[1])}"
            rest = [p for p in rest[2:] if p != "[key]"]
        path = ".".join(str(p) if isinstance(p, str) else f"[{p + 1}]" for p in rest)
        key = f"'{path}'" if path else ""
        if head:
            return f"{head}: {key}" if key else f"{head}:"
        return key

    return shown


def checked(model: type[Closed], data: Any) -> Any:
    """`data` (a parsed TOML file) through `model`; ValueError, its text one line, if not."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ValueError(explain(exc, _shown(data), BANK_WORDS)) from None
