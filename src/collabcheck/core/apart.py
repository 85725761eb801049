"""Sitting apart: partners answer on their own computers, sealed, combined through git.

Partners who cannot sit at one computer still must not see each other's answers before
they have all answered, and nobody may change an answer after seeing another's. Nothing
here trusts a server: each partner's collabcheck commits a *seal* of their answers first
(a salted SHA-256, which shows nothing of them), and only once every seal is in the
shared repository does anyone commit the answers themselves (the *reveal*), which anyone
can check against the seal. `core/apart_log.py` proves the order from `git log`.

The files, all in the snapshot folder under `apart/<sitting id>/`:

- `sitting.toml`: who is in it, where the partnership stands, the question bank;
- `<partner>.seal`: `seal = "<64 hex digits>"` and `sealed_at`, nothing of the answers;
- `<partner>.reveal.toml`: the salt, the answers and the notes that go in the snapshot;
- `cancelled.toml`: who cancelled it, and when.

The canonical encoding of one partner's answers (what the seal is taken of) is JSON with
keys sorted, no spaces (separators "," and ":"), UTF-8 without escaping non-ASCII letters,
of the object `{"answers": {item: value}, "format": "collabcheck-apart-1", "notes":
{item: text}, "partner": <partner id>, "sitting": <sitting id>}`; answers are whole numbers
or words exactly as in a snapshot, notes only those that go in the snapshot (never a
private one). The seal is SHA-256(salt ‖ canonical bytes), with 32 random bytes of salt,
written as lower-case hex. The salt stops anyone guessing answers from the seal by trying
every combination. Words for people are in render/apart_words.py; no Textual here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w

from collabcheck.core.bank import Bank
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import atomic_write_new, read_toml
from collabcheck.core.records import ROUTES, ContextStage, Route, is_route, is_stage
from collabcheck.core.slug import is_slug
from collabcheck.core.snapshot import STAGES, Answer, check_value

FORMAT = "collabcheck-apart-1"
FOLDER = "apart"
SITTING_FILE = "sitting.toml"
CANCELLED_FILE = "cancelled.toml"
SEAL_SUFFIX = ".seal"
REVEAL_SUFFIX = ".reveal.toml"
SALT_BYTES = 32
SIDES = ("professional", "patient", "other")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


class ApartError(CollabcheckError):
    """A file of a sitting apart that cannot be used as it stands."""


# -- the seal --------------------------------------------------------------------------------


def canonical(sitting_id: str, partner_id: str, answers: dict[str, Answer], notes: dict[str, str]) -> bytes:
    """The one encoding a seal is taken of (see the module's docstring)."""
    data = {
        "answers": answers,
        "format": FORMAT,
        "notes": notes,
        "partner": partner_id,
        "sitting": sitting_id,
    }
    return json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def new_salt() -> bytes:
    """32 random bytes from the operating system's secure source."""
    return secrets.token_bytes(SALT_BYTES)


def seal_of(salt: bytes, encoded: bytes) -> str:
    """SHA-256 of the salt then the canonical bytes, as 64 lower-case hex digits."""
    return hashlib.sha256(salt + encoded).hexdigest()


# -- the records -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A partner named when the sitting apart was opened."""

    id: str
    name: str
    role: str = ""
    side: str = ""


@dataclass(frozen=True)
class Opened:
    """`sitting.toml`: everything the partners need before they answer, and nothing more."""

    id: str
    pair: str
    opened_at: datetime
    bank: str
    bank_version: int
    partners: tuple[Member, ...]
    stage: ContextStage | None = None
    route: Route | None = None
    opened_by: str = ""

    @property
    def partner_ids(self) -> list[str]:
        return [p.id for p in self.partners]

    def member(self, pid: str) -> Member:
        return next(p for p in self.partners if p.id == pid)

    def to_toml(self) -> str:
        head: dict[str, Any] = {
            "format": FORMAT,
            "id": self.id,
            "pair": self.pair,
            "opened_at": self.opened_at,
            "bank": self.bank,
            "bank_version": self.bank_version,
        }
        if self.opened_by:
            head["opened_by"] = self.opened_by
        context = {k: v for k, v in (("stage", self.stage), ("route", self.route)) if v}
        if context:
            head["context"] = context
        head["partners"] = [
            {k: v for k, v in (("id", p.id), ("name", p.name), ("role", p.role), ("side", p.side)) if v}
            for p in self.partners
        ]
        return (
            "# collabcheck: a sitting apart (each partner answers on their own computer)\n"
            + tomli_w.dumps(head)
        )


@dataclass(frozen=True)
class Seal:
    partner: str
    digest: str
    sealed_at: datetime


@dataclass(frozen=True)
class Reveal:
    partner: str
    salt: bytes
    answers: dict[str, Answer]
    notes: dict[str, str]

    def matches(self, sitting_id: str, seal: Seal) -> bool:
        """True when these answers and salt make exactly that seal."""
        encoded = canonical(sitting_id, self.partner, self.answers, self.notes)
        return secrets.compare_digest(seal_of(self.salt, encoded), seal.digest)


@dataclass(frozen=True)
class Cancelled:
    by: str
    at: datetime


# -- where the files are ---------------------------------------------------------------------


def folder_of(snapshot_dir: Path, sitting_id: str) -> Path:
    """`<snapshot folder>/apart/<id>`; the id is a slug, so it never leaves the folder."""
    if not is_slug(sitting_id):
        raise ApartError(None, f"'{sitting_id[:60]}' is not the id of a sitting apart")
    return Path(snapshot_dir) / FOLDER / sitting_id


def seal_path(folder: Path, pid: str) -> Path:
    return folder / f"{pid}{SEAL_SUFFIX}"


def reveal_path(folder: Path, pid: str) -> Path:
    return folder / f"{pid}{REVEAL_SUFFIX}"


def sitting_ids(snapshot_dir: Path) -> list[str]:
    """The ids of every sitting apart in the snapshot folder (folders holding sitting.toml)."""
    root = Path(snapshot_dir) / FOLDER
    try:
        with os.scandir(root) as it:
            names = [e.name for e in it if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []
    return sorted(n for n in names if is_slug(n) and (root / n / SITTING_FILE).is_file())


def new_id(pair: str, when: datetime) -> str:
    """`<date>-<pair>-<4 hex>`: two clones opening one the same day never clash."""
    return f"{when:%Y-%m-%d}-{pair}-{secrets.token_hex(2)}"


# -- writing ---------------------------------------------------------------------------------


def write_opened(snapshot_dir: Path, opened: Opened) -> Path:
    folder = folder_of(snapshot_dir, opened.id)
    if (folder / SITTING_FILE).exists():
        raise ApartError(folder / SITTING_FILE, "already exists")
    return atomic_write_new(folder, SITTING_FILE, opened.to_toml())


def write_seal(folder: Path, seal: Seal) -> Path:
    text = tomli_w.dumps(
        {"format": FORMAT, "partner": seal.partner, "seal": seal.digest, "sealed_at": seal.sealed_at}
    )
    if seal_path(folder, seal.partner).exists():
        raise ApartError(seal_path(folder, seal.partner), "already exists; a seal is never replaced")
    return atomic_write_new(folder, seal_path(folder, seal.partner).name, text)


def write_reveal(folder: Path, reveal: Reveal) -> Path:
    text = tomli_w.dumps(
        {
            "format": FORMAT,
            "partner": reveal.partner,
            "salt": reveal.salt.hex(),
            "answers": reveal.answers,
            "notes": reveal.notes,
        }
    )
    if reveal_path(folder, reveal.partner).exists():
        raise ApartError(reveal_path(folder, reveal.partner), "already exists")
    return atomic_write_new(folder, reveal_path(folder, reveal.partner).name, text)


def write_cancelled(folder: Path, cancelled: Cancelled) -> Path:
    text = tomli_w.dumps({"format": FORMAT, "by": cancelled.by, "at": cancelled.at})
    return atomic_write_new(folder, CANCELLED_FILE, text)


# -- reading (every file is hostile: type, size, then values) ------------------------------


def _need(ok: bool, path: Path, message: str) -> None:
    if not ok:
        raise ApartError(path, message)


def _format_ok(data: dict[str, Any], path: Path) -> None:
    _need(
        data.get("format") == FORMAT,
        path,
        f"is not a collabcheck sitting-apart file this version knows (format must be {FORMAT})",
    )


def _text(data: dict[str, Any], key: str, path: Path, optional: bool = False) -> str:
    value = data.get(key, "" if optional else None)
    if not isinstance(value, str):
        raise ApartError(path, f"'{key}' is missing or not text")
    return value


def _when(data: dict[str, Any], key: str, path: Path) -> datetime:
    value = data.get(key)
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise ApartError(path, f"'{key}' must be a date and time with an offset")
    return value


def read_opened(path: Path) -> Opened:
    """Read and check `sitting.toml`; the folder's name must be its id."""
    data = read_toml(path, ApartError)
    _format_ok(data, path)
    sid, pair, bank = _text(data, "id", path), _text(data, "pair", path), _text(data, "bank", path)
    _need(is_slug(sid) and sid == path.parent.name, path, "'id' must be the folder's name")
    _need(is_slug(pair), path, "'pair' must be a slug (a-z, 0-9 and '-')")
    _need(type(data.get("bank_version")) is int, path, "'bank_version' must be a whole number")
    raw = data.get("partners")
    if not isinstance(raw, list) or not 2 <= len(raw) <= 6:
        raise ApartError(path, "there must be 2 to 6 [[partners]]")
    members: list[Member] = []
    for p in raw:
        _need(isinstance(p, dict), path, "a partner is not a table")
        pid = _text(p, "id", path)
        _need(
            is_slug(pid) and pid not in {m.id for m in members},
            path,
            "every partner's 'id' must be a slug used once",
        )
        side = _text(p, "side", path, optional=True)
        _need(side in ("", *SIDES), path, f"partner '{pid}': 'side' must be one of {', '.join(SIDES)}")
        name = _text(p, "name", path)
        _need(bool(name.strip()), path, f"partner '{pid}' has no name")
        members.append(Member(pid, name, _text(p, "role", path, optional=True), side))
    context = data.get("context", {})
    _need(isinstance(context, dict), path, "[context] must be a table")
    stage, route = context.get("stage"), context.get("route")
    if not (stage is None or is_stage(stage)):
        raise ApartError(path, f"context.stage must be one of {', '.join(STAGES)}")
    if not (route is None or is_route(route)):
        raise ApartError(path, f"context.route must be one of {', '.join(ROUTES)}")
    return Opened(
        sid,
        pair,
        _when(data, "opened_at", path),
        bank,
        data["bank_version"],
        tuple(members),
        stage,
        route,
        _text(data, "opened_by", path, optional=True),
    )


def read_seal(path: Path, pid: str) -> Seal:
    return seal_from(read_toml(path, ApartError), path, pid)


def seal_from(data: dict[str, Any], path: Path, pid: str) -> Seal:
    """A seal from parsed TOML (a file on disk, or as committed)."""
    _format_ok(data, path)
    _need(data.get("partner") == pid, path, f"is not the seal of '{pid}'")
    digest = _text(data, "seal", path)
    _need(bool(_HEX64.match(digest)), path, "'seal' must be 64 hex digits")
    return Seal(pid, digest, _when(data, "sealed_at", path))


def read_reveal(path: Path, pid: str, opened: Opened, bank: Bank | None) -> Reveal:
    """Read a reveal; its answers must be answers a snapshot could hold for this sitting."""
    return reveal_from(read_toml(path, ApartError), path, pid, opened, bank)


def reveal_from(data: dict[str, Any], path: Path, pid: str, opened: Opened, bank: Bank | None) -> Reveal:
    """A reveal from parsed TOML (a file on disk, or as committed)."""
    _format_ok(data, path)
    _need(data.get("partner") == pid, path, f"is not the reveal of '{pid}'")
    salt = _text(data, "salt", path)
    _need(bool(_HEX64.match(salt)), path, "'salt' must be 64 hex digits")
    answers, notes = data.get("answers", {}), data.get("notes", {})
    _need(isinstance(answers, dict) and isinstance(notes, dict), path, "[answers] and [notes] must be tables")
    ids = set(opened.partner_ids)
    items = bank.items_by_id if bank is not None and bank.id == opened.bank else {}
    for item_id, value in answers.items():
        item = items.get(item_id)
        problem = check_value(value, ids, item.kind if item else None)
        _need(problem is None, path, f'answers: "{item_id[:60]}" {problem}')
    for item_id, value in notes.items():
        _need(isinstance(value, str), path, f'notes: "{item_id[:60]}" must be text')
    return Reveal(pid, bytes.fromhex(salt), dict(answers), dict(notes))


def read_cancelled(path: Path) -> Cancelled:
    data = read_toml(path, ApartError)
    _format_ok(data, path)
    return Cancelled(_text(data, "by", path), _when(data, "at", path))


# -- where a sitting apart stands --------------------------------------------------------------

OPEN, REVEALING, COMPLETE, CANCELLED, SPOILED = "open", "revealing", "complete", "cancelled", "spoiled"
MISMATCH, EARLY, UNREADABLE = "mismatch", "early", "unreadable"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one partner's file: `kind` is MISMATCH, EARLY or UNREADABLE."""

    kind: str
    partner: str
    detail: str = ""


@dataclass
class Look:
    """One sitting apart as its folder stands now: seals, reveals, and what is wrong."""

    opened: Opened
    folder: Path
    seals: dict[str, Seal] = field(default_factory=dict)
    reveals: dict[str, Reveal] = field(default_factory=dict)
    cancelled: Cancelled | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def all_sealed(self) -> bool:
        return all(p in self.seals for p in self.opened.partner_ids)

    @property
    def all_revealed(self) -> bool:
        return all(p in self.reveals for p in self.opened.partner_ids)

    @property
    def phase(self) -> str:
        if self.cancelled is not None:
            return CANCELLED
        if self.problems:
            return SPOILED
        if not self.all_sealed:
            return OPEN
        return COMPLETE if self.all_revealed else REVEALING


def look(snapshot_dir: Path, sitting_id: str, bank: Bank | None = None) -> Look:
    """Read one sitting apart's folder. A reveal that does not match its seal, or that came
    while any seal was missing, is left out and listed as a problem, never used."""
    folder = folder_of(snapshot_dir, sitting_id)
    opened = read_opened(folder / SITTING_FILE)
    out = Look(opened, folder)
    if (folder / CANCELLED_FILE).exists():
        try:
            out.cancelled = read_cancelled(folder / CANCELLED_FILE)
        except CollabcheckError as exc:
            out.cancelled = Cancelled("", opened.opened_at)
            out.problems.append(Problem(UNREADABLE, "", str(exc)))
    for pid in opened.partner_ids:
        try:
            if seal_path(folder, pid).exists():
                out.seals[pid] = read_seal(seal_path(folder, pid), pid)
        except CollabcheckError as exc:
            out.problems.append(Problem(UNREADABLE, pid, str(exc)))
    for pid in opened.partner_ids:
        if not reveal_path(folder, pid).exists():
            continue
        if not out.all_sealed:
            out.problems.append(Problem(EARLY, pid))
            continue
        try:
            reveal = read_reveal(reveal_path(folder, pid), pid, opened, bank)
        except CollabcheckError as exc:
            out.problems.append(Problem(UNREADABLE, pid, str(exc)))
            continue
        if reveal.matches(opened.id, out.seals[pid]):
            out.reveals[pid] = reveal
        else:
            out.problems.append(Problem(MISMATCH, pid))
    return out


def still_open(snapshot_dir: Path, bank: Bank | None = None) -> list[Look]:
    """Sittings apart neither complete nor cancelled (a folder that cannot be read is left
    to `collabcheck apart status`, which names it), for history to list."""
    out = []
    for sid in sitting_ids(snapshot_dir):
        try:
            found = look(snapshot_dir, sid, bank)
        except CollabcheckError:
            continue
        if found.phase not in (COMPLETE, CANCELLED):
            out.append(found)
    return out
