"""The question bank: loading, validating and looking up the guide's questions.

The loader checks every rule itself, so each error can name the file and the item, and the
models are plain frozen dataclasses, like every record in collabcheck (snapshots and the
sitting in progress too): each file format has one hand-written check whose every failure
is one line naming the file, and no second model library checks the same values again.

A facilitator may point collabcheck at their own adapted bank, so every rule is checked on
load and each failure names the file and the item; the app and reports can then trust the
bank completely.

Older banks ship too (`questions/v1/`), because history compares sittings answered on
different bank versions and each sitting should be read with the questions its partners
saw: `load_bank_for` finds them. Tagged tips and the map from the guide's ideas are read by
bank_ideas.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from collabcheck.core.bank_ideas import Idea, Tip, check_idea_refs, parse_ideas, parse_tips
from collabcheck.core.errors import BankError
from collabcheck.core.files import read_toml
from collabcheck.core.sides import SIDES
from collabcheck.core.slug import is_slug

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

    def items_of_kind(self, kind: str) -> list[Item]:
        return [i for s in self.sections for i in s.items if i.kind == kind]

    def to_json(self) -> dict[str, Any]:
        """The bank as `questions --format json` prints it (spec §1)."""
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
        w.side: {"text": w.text, **({"prompt": w.prompt} if w.prompt is not None else {})}
        for w in item.sides
    }


PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the collabcheck package


def questions(bank: Bank) -> list[Item]:
    """Every item a partner is asked, in bank order (practices 1–5, then the relationship)."""
    return [item for section in bank.sections for item in section.items]


def default_bank_dir() -> Path:
    """The shipped bank: inside the installed package, or the repository's `questions/`.

    A wheel carries the bank as `collabcheck/questions/`; an editable install or a checkout
    finds the top-level `questions/` folder instead.
    """
    packaged = PACKAGE_DIR / "questions"
    if (packaged / "bank.toml").is_file():
        return packaged
    return PACKAGE_DIR.parents[1] / "questions"


def _text(data: dict[str, Any], key: str, where: Path, what: str, required: bool = True) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise BankError(where, f"{what} has no '{key}'")
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise BankError(where, f"{what}: '{key}' must be non-empty text")
    return value.strip()


def _texts(data: dict[str, Any], key: str, where: Path, what: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BankError(where, f"{what}: '{key}' must be a list of non-empty texts")
    return tuple(v.strip() for v in value)


ITEM_KEYS = {
    "id", "kind", "text", "reverse", "short", "prompt", "accountability", "development", "later", "sides"
}


def _load_item(raw: Any, section_id: str, practice: bool, path: Path, n: int) -> Item:
    what = f"item {n}"
    if not isinstance(raw, dict):
        raise BankError(path, f"{what} is not a table ([[items]])")
    item_id = raw.get("id")
    if not isinstance(item_id, str) or not item_id:
        raise BankError(path, f"{what} has no 'id'")
    what = f"item '{item_id}'"
    if not is_slug(item_id):
        raise BankError(path, f"{what}: id must be a lower-case slug (a-z, 0-9, single '-')")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise BankError(path, f"{what}: unknown kind {kind!r} (use one of {', '.join(KINDS)})")
    allowed = PRACTICE_KINDS if practice else RELATIONSHIP_KINDS
    if kind not in allowed:
        place = "a practice" if practice else "the relationship section"
        raise BankError(
            path, f"{what}: kind '{kind}' does not belong in {place} (use {' or '.join(sorted(allowed))})"
        )
    text = _text(raw, "text", path, what)
    reverse = raw.get("reverse", False)
    if not isinstance(reverse, bool):
        raise BankError(path, f"{what}: 'reverse' must be true or false")
    if reverse and kind != "agree":
        raise BankError(path, f"{what}: 'reverse' only makes sense on an agree item")
    short = raw.get("short")
    if short is not None and (not isinstance(short, str) or not short.strip()):
        raise BankError(path, f"{what}: 'short' must be non-empty text")
    prompt = raw.get("prompt")
    if prompt is not None:
        if not isinstance(prompt, str) or not prompt.strip():
            raise BankError(path, f"{what}: 'prompt' must be non-empty text")
        if kind not in RELATIONSHIP_KINDS:
            raise BankError(path, f"{what}: 'prompt' only belongs on authority and focus items")
    accountability = raw.get("accountability", False)
    if not isinstance(accountability, bool):
        raise BankError(path, f"{what}: 'accountability' must be true or false")
    if accountability and kind != "authority":
        raise BankError(path, f"{what}: 'accountability' only makes sense on an authority item")
    development = raw.get("development", False)
    if not isinstance(development, bool):
        raise BankError(path, f"{what}: 'development' must be true or false")
    if development and (kind != "authority" or accountability):
        raise BankError(
            path, f"{what}: 'development' only makes sense on an authority item without 'accountability'"
        )
    later = raw.get("later", False)
    if not isinstance(later, bool):
        raise BankError(path, f"{what}: 'later' must be true or false")
    if later and kind != "agree":
        raise BankError(path, f"{what}: 'later' only makes sense on an agree item")
    unknown = set(raw) - ITEM_KEYS
    if unknown:
        raise BankError(path, f"{what}: unknown key(s) {', '.join(sorted(unknown))}")
    sides = _load_sides(raw.get("sides"), kind, path, what)
    return Item(
        id=f"{section_id}.{item_id}",
        kind=kind,
        text=text,
        reverse=reverse,
        short=short.strip() if short else None,
        prompt=prompt.strip() if prompt else None,
        accountability=accountability,
        development=development,
        later=later,
        sides=sides,
    )


SIDE_KEYS = ("text", "prompt")
"""What a side's wording may change: the words, never what is asked or how it compares."""


def _load_sides(raw: Any, kind: str, path: Path, what: str) -> tuple[Wording, ...]:
    """`[items.sides.<side>]` tables: for each side of care, the item's text (and, for an
    authority or focus item, its prompt) as a partner from that side reads them."""
    if raw is None:
        return ()
    known = [s for s in SIDES if s]
    if not isinstance(raw, dict):
        raise BankError(path, f"{what}: 'sides' must be tables like [items.sides.patient]")
    found: list[Wording] = []
    for side, table in raw.items():
        if side not in known:
            raise BankError(path, f"{what}: unknown side {side!r} (use {', '.join(known)})")
        where = f"{what}: side '{side}'"
        if not isinstance(table, dict):
            raise BankError(path, f"{where} must be a table with 'text'")
        unknown = set(table) - set(SIDE_KEYS)
        if unknown:
            keys = ", ".join(sorted(unknown))
            raise BankError(
                path, f"{where}: unknown key(s) {keys} (a side may change only 'text' and 'prompt')"
            )
        text = _text(table, "text", path, where)
        prompt = table.get("prompt")
        if prompt is not None:
            if not isinstance(prompt, str) or not prompt.strip():
                raise BankError(path, f"{where}: 'prompt' must be non-empty text")
            if kind not in RELATIONSHIP_KINDS:
                raise BankError(path, f"{where}: 'prompt' only belongs on authority and focus items")
        found.append(Wording(side, text, prompt.strip() if prompt is not None else None))
    return tuple(sorted(found, key=lambda w: SIDES.index(w.side)))


def load_section(path: Path) -> Section:
    """Load one section file, checking every rule of spec §1 for it."""
    data = read_toml(path, BankError)
    section_id = data.get("id")
    if not isinstance(section_id, str) or not is_slug(section_id):
        raise BankError(path, "section 'id' must be a lower-case slug (a-z, 0-9, single '-')")
    number = data.get("number")
    if number is not None and (type(number) is not int or not 1 <= number <= 5):
        raise BankError(path, f"practice number must be a whole number from 1 to 5, not {number!r}")
    what = f"section '{section_id}'"
    title = _text(data, "title", path, what)
    summary = _text(data, "summary", path, what, required=False)
    tips = parse_tips(data.get("tips"), path, what)
    prompts = _texts(data, "prompts", path, what)
    raw_items = data.get("items", [])
    if not isinstance(raw_items, list) or not raw_items:
        raise BankError(path, f"{what} has no items (add [[items]] tables)")
    items = [_load_item(r, section_id, number is not None, path, n) for n, r in enumerate(raw_items, 1)]
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise BankError(path, f"item '{item.id.split('.', 1)[1]}' appears twice (ids must be unique)")
        seen.add(item.id)
    kinds = {i.kind for i in items}
    if number is not None and "agree" not in kinds:
        raise BankError(path, f"{what} has no agree items, so it cannot be scored")
    if number is None and not ({"authority", "focus"} & kinds):
        raise BankError(path, f"{what} has no authority or focus items")
    ideas = parse_ideas(
        data.get("ideas"), path, {i.id.split(".", 1)[1] for i in items}, len(tips), len(prompts)
    )
    tips_when = tuple(t.when for t in tips) if any(t.when for t in tips) else ()
    return Section(
        id=section_id,
        number=number,
        title=title,
        summary=summary,
        tips=tuple(t.text for t in tips),
        prompts=prompts,
        items=tuple(items),
        tips_when=tips_when,
        ideas=ideas,
    )


_LOADED: dict[tuple[Any, ...], Bank] = {}  # banks read in this process, by their files' stat keys


def _files_key(directory: Path) -> tuple[Any, ...] | None:
    """The folder and every .toml in it as the disk has them now (None if it cannot be read)."""
    try:
        with os.scandir(directory) as it:
            found = []
            for e in it:
                if e.name.endswith(".toml"):
                    st = e.stat()
                    found.append((e.name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
        return (str(directory.resolve()), tuple(sorted(found)))
    except OSError:
        return None


def load_bank(directory: Path | None = None) -> Bank:
    """Load and check a whole bank directory: bank.toml, five practices, one relationship file.

    A bank is frozen, so one read from files that have not changed since (same sizes, times
    and inodes) is shared: the app, a facilitator's script or the test suite may ask for the
    same bank thousands of times, and reading and checking it takes several milliseconds.
    """
    directory = Path(directory) if directory is not None else default_bank_dir()
    key = _files_key(directory)
    if key is not None and key in _LOADED:
        return _LOADED[key]
    bank = _read_bank(directory)
    if key is not None:
        if len(_LOADED) >= 16:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = bank
    return bank


def _read_bank(directory: Path) -> Bank:
    if not directory.is_dir():
        raise BankError(directory, "question folder not found")
    meta_path = directory / "bank.toml"
    meta = read_toml(meta_path, BankError)
    bank_id = meta.get("id")
    if not isinstance(bank_id, str) or not is_slug(bank_id):
        raise BankError(meta_path, "'id' must be a lower-case slug")
    version = meta.get("version")
    if type(version) is not int or version < 1:
        raise BankError(meta_path, "'version' must be a whole number from 1 up")
    title = _text(meta, "title", meta_path, "the bank")
    source = _text(meta, "source", meta_path, "the bank")
    sections: list[Section] = []
    files: dict[str, Path] = {}
    for path in sorted(directory.glob("*.toml")):
        if path.name == "bank.toml":
            continue
        section = load_section(path)
        if section.id in files:
            raise BankError(path, f"section id '{section.id}' is also used by {files[section.id].name}")
        files[section.id] = path
        sections.append(section)
    numbers = [s.number for s in sections if s.number is not None]
    for number in range(1, 6):
        owners = [files[s.id].name for s in sections if s.number == number]
        if not owners:
            raise BankError(directory, f"no file for practice {number} (each of 1–5 needs one)")
        if len(owners) > 1:
            raise BankError(directory, f"practice {number} is in more than one file: {', '.join(owners)}")
    relationship = [s for s in sections if s.number is None]
    if len(relationship) != 1:
        names = ", ".join(files[s.id].name for s in relationship) or "none"
        raise BankError(directory, f"need exactly one relationship section (without 'number'); found {names}")
    assert len(numbers) == 5
    idea_files: dict[str, str] = {}
    targets = {
        s.id: ({i.id.split(".", 1)[1] for i in s.items}, len(s.tips), len(s.prompts)) for s in sections
    }
    for s in sections:
        check_idea_refs(s.ideas, files[s.id], targets)
        for idea in s.ideas:
            if idea.id in idea_files:
                raise BankError(files[s.id], f"idea '{idea.id}' is also mapped in {idea_files[idea.id]}")
            idea_files[idea.id] = files[s.id].name
    sections.sort(key=lambda s: (s.number is None, s.number or 0))
    return Bank(id=bank_id, version=version, title=title, source=source, sections=tuple(sections))


@cache
def _shipped(directory: Path) -> Bank | None:
    return load_bank(directory) if (directory / "bank.toml").is_file() else None


def load_bank_for(bank_id: str, version: int, default: Bank) -> Bank:
    """The bank a sitting was answered on: `default` if it is that bank, else the shipped copy
    of that id and version (`questions/` or `questions/v<N>/`), else `default`.

    An old sitting's report then uses the questions its partners saw; a bank that is not
    shipped (a facilitator's own, or a newer one) falls back to `default`, which reports the
    answers it does not know as unknown.
    """
    if (default.id, default.version) == (bank_id, version):
        return default
    if type(version) is not int or version < 1:
        return default
    shipped = default_bank_dir()
    for directory in (shipped, shipped / f"v{version}"):
        bank = _shipped(directory)
        if bank is not None and (bank.id, bank.version) == (bank_id, version):
            return bank
    return default
