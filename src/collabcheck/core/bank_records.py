"""The question bank's records: the frozen dataclasses every part of collabcheck reads.

A bank is read once (core/bank.py, through the models in core/bank_model.py, or as kept by
core/bank_cache.py) and then trusted: these records are never checked again. They live in a
module of their own, without pydantic, so the first screen, the scoring and the cache can
use them while only reading a bank's files needs its models. `collabcheck.core.bank` gives
every name here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from collabcheck.core.bank_ideas import Idea, Tip

Kind = Literal["agree", "authority", "focus", "reflect"]
KINDS: tuple[str, ...] = ("agree", "authority", "focus", "reflect")
PRACTICE_KINDS = {"agree", "reflect"}
RELATIONSHIP_KINDS = {"authority", "focus"}
FOCUS_VALUES: dict[str, int] = {
    "task": -2,
    "mostly-task": -1,
    "balanced": 0,
    "mostly-relationship": 1,
    "relationship": 2,
}
FOCUS_LABELS: dict[str, str] = {
    "task": "All on the task",
    "mostly-task": "Mostly the task",
    "balanced": "Balanced",
    "mostly-relationship": "Mostly our relationship",
    "relationship": "All on our relationship",
}
AGREE_LABELS: dict[int, str] = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Neither agree nor disagree",
    4: "Agree",
    5: "Strongly agree",
}


@dataclass(frozen=True)
class Wording:
    """How one item is put to partners from one side of care (`[items.sides.<side>]`).

    The same question, worded for someone who stands there: a patient may not know whether
    senior people back a partnership, so they are asked as far as they know. Only the words
    change; what is asked and how answers compare (kind, reverse, id) never do.
    """

    side: str
    text: str
    prompt: str | None = None


@dataclass(frozen=True)
class Item:
    """One question; `id` is the full id `<section-id>.<item-id>` used in snapshots."""

    id: str
    kind: Kind
    text: str
    reverse: bool = False
    short: str | None = None
    # The question shown above the options of an authority or focus item, worded for it.
    prompt: str | None = None
    # An authority item about carrying formal responsibility: shown and compared, never say.
    accountability: bool = False
    # An authority item about who has had the chances to develop as a leader (training,
    # coaching): shown and compared, never the say, like carrying responsibility.
    development: bool = False
    # An agree item about something a partnership just starting cannot have done yet (a
    # record of learning, a habit of sharing): left out of a starting pair's scores.
    later: bool = False
    # The item worded for a side of care, one per side that has its own words (core/sides.py).
    sides: tuple[Wording, ...] = ()

    def wording(self, side: str) -> Wording | None:
        """This item's own words for `side`, if its bank gives it some."""
        return next((w for w in self.sides if w.side == side), None)

    def text_for(self, side: str) -> str:
        """The statement or question as a partner from `side` reads it (the item's own text
        when that side has no words of its own, or no side is given)."""
        found = self.wording(side) if side else None
        return found.text if found is not None else self.text

    def prompt_for(self, side: str) -> str | None:
        """The question above an authority or focus item's options, for a partner from `side`."""
        found = self.wording(side) if side else None
        return found.prompt if found is not None and found.prompt is not None else self.prompt

    @property
    def section_id(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def label(self) -> str:
        """A short noun phrase for sentences ('say over the agenda'); falls back to the text."""
        return self.short or self.text


@dataclass(frozen=True)
class Section:
    """A practice (number 1–5) or the relationship section (number None)."""

    id: str
    number: int | None
    title: str
    items: tuple[Item, ...]
    summary: str = ""
    tips: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    # The `when` tags of each tip, in the order of `tips` (empty: the tip fits every reading).
    tips_when: tuple[tuple[str, ...], ...] = ()
    ideas: tuple[Idea, ...] = ()

    def of_kind(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind]

    @cached_property
    def rated(self) -> tuple[Item, ...]:
        """The rated statements (kind "agree"), in order: what the rule counts for every
        sitting, so picked out once per bank rather than once per sitting."""
        return tuple(i for i in self.items if i.kind == "agree")

    @property
    def tagged_tips(self) -> tuple[Tip, ...]:
        when = self.tips_when or ((),) * len(self.tips)
        return tuple(Tip(text, tags) for text, tags in zip(self.tips, when, strict=True))


@dataclass(frozen=True)
class Bank:
    """A whole bank, sections in order: practices 1–5, then the relationship section."""

    id: str
    version: int
    title: str
    source: str
    sections: tuple[Section, ...]

    @cached_property
    def items_by_id(self) -> dict[str, Item]:
        return {item.id: item for s in self.sections for item in s.items}

    @cached_property
    def kinds(self) -> dict[str, str]:
        """Each item id's kind: what a reader needs to check an answer, looked up once."""
        return {item_id: item.kind for item_id, item in self.items_by_id.items()}

    @cached_property
    def order(self) -> dict[str, int]:
        """Position of each item id in the bank, for writing answers in bank order."""
        return {item_id: n for n, item_id in enumerate(self.items_by_id)}

    @property
    def practices(self) -> list[Section]:
        return [s for s in self.sections if s.number is not None]

    def practice(self, number: int) -> Section:
        for s in self.practices:
            if s.number == number:
                return s
        raise KeyError(number)

    @property
    def relationship(self) -> Section:
        return next(s for s in self.sections if s.number is None)

    def items_of_kind(self, kind: str) -> tuple[Item, ...]:
        """Every item of one kind, in bank order: picked out once per bank and kind, since the
        rule asks for them for every sitting of a programme."""
        return self._by_kind.get(kind, ())

    @cached_property
    def _by_kind(self) -> dict[str, tuple[Item, ...]]:
        kinds: dict[str, list[Item]] = {}
        for s in self.sections:
            for i in s.items:
                kinds.setdefault(i.kind, []).append(i)
        return {kind: tuple(items) for kind, items in kinds.items()}

    def to_json(self) -> dict[str, Any]:
        """The bank as `questions --format json` prints it."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "source": self.source,
            "sections": [
                {
                    "id": s.id,
                    "number": s.number,
                    "title": s.title,
                    "summary": s.summary,
                    "tips": list(s.tips),
                    "tips_when": [list(t.when) for t in s.tagged_tips],
                    "prompts": list(s.prompts),
                    "items": [
                        {
                            "id": i.id,
                            "kind": i.kind,
                            "text": i.text,
                            "reverse": i.reverse,
                            **({"short": i.short} if i.short else {}),
                            **({"prompt": i.prompt} if i.prompt else {}),
                            **({"accountability": True} if i.accountability else {}),
                            **({"development": True} if i.development else {}),
                            **({"later": True} if i.later else {}),
                            **({"sides": _sides_json(i)} if i.sides else {}),
                        }
                        for i in s.items
                    ],
                }
                for s in self.sections
            ],
        }


def _sides_json(item: Item) -> dict[str, dict[str, str]]:
    return {
        w.side: {"text": w.text, **({"prompt": w.prompt} if w.prompt is not None else {})} for w in item.sides
    }
