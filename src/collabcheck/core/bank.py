"""The question bank: loading it from its folder, and finding the bank a sitting was answered on.

A facilitator may point collabcheck at their own adapted bank, so every file goes through its
model (core/bank_model.py: what a valid bank file is, declared once) and each mistake is one
line naming the file, the item and what is wrong. This module checks only what needs more than
one table: ids unique within a file, each practice 1–5 in exactly one file, one relationship
section, and every idea's references. It then builds the frozen records (core/bank_records.py,
whose names it gives too) that the app and reports trust completely, never checking again.

Older banks ship too (`questions/v1/`), because history compares sittings answered on
different bank versions and each sitting should be read with the questions its partners
saw: `load_bank_for` finds them.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

from collabcheck.core.bank_ideas import check_idea_refs, ideas_from, quoted, tips_from
from collabcheck.core.bank_records import (
    AGREE_LABELS,
    FOCUS_LABELS,
    FOCUS_VALUES,
    KINDS,
    PRACTICE_KINDS,
    RELATIONSHIP_KINDS,
    Bank,
    Item,
    Kind,
    Section,
    Wording,
)
from collabcheck.core.errors import BankError
from collabcheck.core.files import read_toml
from collabcheck.core.sides import SIDES

__all__ = [
    "AGREE_LABELS",
    "FOCUS_LABELS",
    "FOCUS_VALUES",
    "KINDS",
    "PRACTICE_KINDS",
    "RELATIONSHIP_KINDS",
    "Bank",
    "BankError",
    "Item",
    "Kind",
    "Section",
    "Wording",
    "default_bank_dir",
    "load_bank",
    "load_bank_for",
    "load_section",
    "questions",
]

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


def check_file(model_name: str, data: Any, path: Path) -> Any:
    """A parsed bank file through its model (core/bank_model.py), or one BankError line
    naming the file, the item and what is wrong. pydantic is imported only here."""
    from collabcheck.core import bank_model

    try:
        return bank_model.checked(getattr(bank_model, model_name), data)
    except ValueError as exc:
        raise BankError(path, str(exc)) from None


def _item(m: Any, section_id: str) -> Item:
    """The frozen item the app uses, from its checked `ItemModel`."""
    return Item(
        id=f"{section_id}.{m.id}",
        kind=m.kind,
        text=m.text,
        reverse=m.reverse,
        short=m.short,
        prompt=m.prompt,
        accountability=m.accountability,
        development=m.development,
        later=m.later,
        sides=tuple(
            Wording(side, m.sides[side].text, m.sides[side].prompt) for side in SIDES if side in m.sides
        ),
    )


def load_section(path: Path) -> Section:
    """Load one section file through its model; ids must also be unique within the file and
    every idea's reference must name an item, tip or prompt that is there."""
    m = check_file("SectionModel", read_toml(path, BankError), path)
    seen: set[str] = set()
    for item in m.items:
        if item.id in seen:
            raise BankError(path, f"item '{item.id}' appears twice (ids must be unique)")
        seen.add(item.id)
    tips = tips_from(m.tips)
    ideas = ideas_from(m.ideas, path, seen, len(tips), len(m.prompts))
    return Section(
        id=m.id,
        number=m.number,
        title=m.title,
        summary=m.summary,
        tips=tuple(t.text for t in tips),
        prompts=tuple(m.prompts),
        items=tuple(_item(i, m.id) for i in m.items),
        tips_when=tuple(t.when for t in tips) if any(t.when for t in tips) else (),
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
    Across runs, a bank whose files (and collabcheck) are byte for byte the ones that passed
    their models last time is taken from core/bank_cache.py, so starting needs no pydantic.
    """
    from collabcheck.core import bank_cache

    directory = Path(directory) if directory is not None else default_bank_dir()
    key = _files_key(directory)
    if key is not None and key in _LOADED:
        return _LOADED[key]
    digest = bank_cache.digest(directory)
    bank = bank_cache.kept(digest) if digest is not None else None
    if bank is None:
        bank = _read_bank(directory)
        if digest is not None and bank_cache.digest(directory) == digest:  # unchanged meanwhile
            bank_cache.keep(digest, bank)
    if key is not None:
        if len(_LOADED) >= 16:
            _LOADED.pop(next(iter(_LOADED)))
        _LOADED[key] = bank
    return bank


def _read_bank(directory: Path) -> Bank:
    if not directory.is_dir():
        raise BankError(directory, "question folder not found")
    meta_path = directory / "bank.toml"
    meta = check_file("BankMetaModel", read_toml(meta_path, BankError), meta_path)
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
                where = idea_files[idea.id]
                raise BankError(files[s.id], f"idea {quoted(idea.id)} is also mapped in {where}")
            idea_files[idea.id] = files[s.id].name
    sections.sort(key=lambda s: (s.number is None, s.number or 0))
    return Bank(meta.id, meta.version, meta.title, meta.source, tuple(sections))


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
