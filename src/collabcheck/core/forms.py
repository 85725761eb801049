"""The quick check-in: a short form of the bank for return sittings between full ones.

A pair who sit every month or two should not answer all 45 questions each time. The quick
form (`questions/forms/quick.toml`) lists a few of the bank's own items, by id, each with the
guide's idea it carries and why it was chosen, so a quick sitting is compared with a full one
question by question. This module reads that file through its model (`FormModel` in
core/bank_model.py), checks it fits the bank, builds the bank a quick sitting
is asked from (the same sections, only the chosen items), and says when a partnership sat in
full lately enough to be offered the quick form. Plain module: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from collabcheck.core.bank import Bank, default_bank_dir
from collabcheck.core.bank_ideas import quoted
from collabcheck.core.errors import BankError
from collabcheck.core.files import read_toml

QUICK = "quick"
FULL = "full"
MAX_QUICK = 15  # questions per partner
MIN_PER_PRACTICE = 2  # statements per practice, so each practice still has a score
RECENT = timedelta(days=183)  # "sat in full within the last six months"


@dataclass(frozen=True)
class FormItem:
    """One item of a short form: the bank item's full id, the guide idea it carries, and why."""

    id: str
    idea: str
    why: str


@dataclass(frozen=True)
class Form:
    """A short form of one bank (id and version), as read from its file."""

    id: str
    title: str
    bank: str
    bank_version: int
    items: tuple[FormItem, ...]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(i.id for i in self.items)


def quick_form_path() -> Path:
    """Where the shipped quick form lives: a folder of its own beside the bank's sections."""
    return default_bank_dir() / "forms" / "quick.toml"


def _idea_items(bank: Bank) -> dict[str, set[str]]:
    """For each guide idea the bank maps, the full ids of the items that carry it."""
    out: dict[str, set[str]] = {}
    for section in bank.sections:
        for idea in section.ideas:
            for ref in idea.by:
                kind, _, target = ref.partition(":")
                if kind == "item":
                    out.setdefault(idea.id, set()).add(target if "." in target else f"{section.id}.{target}")
    return out


def read_form(path: Path, bank: Bank) -> Form:
    """Read and check a short form against `bank`; BankError (one line naming the file) when
    it does not fit: an unknown item, a written question, too many questions, too few for a
    practice, no say or attention question, or an idea the bank does not map to the item."""
    from collabcheck.core.bank import check_file

    m = check_file("FormModel", read_toml(path, BankError), path)
    if (m.bank, m.bank_version) != (bank.id, bank.version):
        raise BankError(
            path,
            f"is for bank {quoted(m.bank)} version {m.bank_version}, not '{bank.id}' version {bank.version}",
        )
    carried = _idea_items(bank)
    items: list[FormItem] = []
    for entry in m.items:
        item = bank.items_by_id.get(entry.id)
        if item is None:
            raise BankError(path, f"item {quoted(entry.id)} is not in the bank")
        if item.kind == "reflect":
            raise BankError(path, f"item {quoted(entry.id)} is a written question; a quick form has none")
        if entry.id not in carried.get(entry.idea, set()):
            idea = quoted(entry.idea)
            raise BankError(path, f"item {quoted(entry.id)}: the bank does not map idea {idea} to it")
        if any(i.id == entry.id for i in items):
            raise BankError(path, f"item {quoted(entry.id)} is listed twice")
        items.append(FormItem(entry.id, entry.idea, entry.why))
    form = Form(m.id, m.title, m.bank, m.bank_version, tuple(items))
    _check_shape(form, bank, path)
    return form


def _check_shape(form: Form, bank: Bank, path: Path) -> None:
    if len(form.items) > MAX_QUICK:
        raise BankError(path, f"has {len(form.items)} questions; a quick form has at most {MAX_QUICK}")
    for practice in bank.practices:
        n = sum(1 for i in practice.of_kind("agree") if i.id in form.ids)
        if n < MIN_PER_PRACTICE:
            raise BankError(
                path,
                f"has {n} statement(s) for practice {practice.number}; "
                f"each practice needs at least {MIN_PER_PRACTICE}",
            )
    kinds = {bank.items_by_id[i].kind for i in form.ids}
    say = [
        i
        for i in form.ids
        if bank.items_by_id[i].kind == "authority" and not bank.items_by_id[i].accountability
    ]
    if not say or "focus" not in kinds:
        raise BankError(
            path, "needs at least one question on who has the say and one on where attention goes"
        )


@cache
def _shipped_form(path: Path, bank: Bank) -> Form | None:
    try:
        return read_form(path, bank)
    except BankError:
        return None


def quick_form(bank: Bank) -> Form | None:
    """The shipped quick form for `bank`, or None when there is none that fits it (another
    bank, a facilitator's own adaptation without these items, or a file that is not valid).
    An older shipped bank finds its own form beside it (`questions/v<N>/forms/`), so a quick
    sitting answered on it is still read with the questions it asked."""
    older = default_bank_dir() / f"v{bank.version}" / "forms" / "quick.toml"  # an older bank's
    for path in (quick_form_path(), older):
        form = _shipped_form(path, bank) if path.is_file() else None
        if form is not None:
            return form
    return None


def form_bank(bank: Bank, form: Form) -> Bank:
    """The bank a sitting on `form` is asked from: the same sections, in the same order, with
    only the form's items (tips, prompts and the guide's ideas as they are)."""
    sections = tuple(replace(s, items=tuple(i for i in s.items if i.id in form.ids)) for s in bank.sections)
    return replace(bank, sections=sections)


def bank_for(bank: Bank, sitting: Any) -> Bank:
    """The questions a sitting is asked: the quick form's for a quick sitting, else `bank`."""
    if getattr(sitting, "form", FULL) != QUICK:
        return bank
    form = quick_form(bank)
    return form_bank(bank, form) if form is not None else bank


def last_full_sitting(folder: str | Path, pair: str) -> datetime | None:
    """When `pair` last sat on the full form, from the snapshots in `folder` (None if never).

    Files are chosen by name (`<date>T<time>-<pair>.toml`), newest first, and each is read
    with the same reader as every command; a file it refuses, or a quick sitting, is passed
    over. Only the partnership's own files are read.
    """
    from collabcheck.core.partnerships import NAME, _snapshot_files
    from collabcheck.core.snapshot import read_snapshot

    folder = Path(folder)
    if not pair or not folder.is_dir():
        return None
    mine = [
        p
        for p in _snapshot_files(folder)
        if (m := NAME.match(p.name)) is not None and m.group("pair") == pair
    ]
    for path in sorted(mine, key=lambda p: p.name, reverse=True):
        try:
            snap = read_snapshot(path)
        except Exception:
            continue
        if snap.pair == pair and getattr(snap, "form", None) != QUICK:
            return snap.taken_at
    return None


def offer_quick(folder: str | Path, pair: str, bank: Bank, now: datetime) -> datetime | None:
    """The date of the full sitting that makes a quick check-in sensible now (within six
    months), or None when the quick form should not be offered."""
    if quick_form(bank) is None:
        return None
    last = last_full_sitting(folder, pair)
    if last is None or not timedelta(0) <= now - last <= RECENT:
        return None
    return last
