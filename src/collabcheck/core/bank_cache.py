"""A question bank read before, kept so the app's first screen never waits for pydantic.

Every bank file goes through its model (core/bank_model.py), and importing pydantic alone
takes longer than drawing the first screen. So once a bank folder has passed its models, the
bank it made is kept in the user's cache folder, named by a digest of the exact bytes of every
file in the folder and of the code that reads them. The next start reads those bytes again
(a few milliseconds), and when the digest finds a kept bank it is used as it was made; any
change to a file, or to collabcheck, misses and the folder is read through its models afresh.

The kept file is read like any other (a regular file of bounded size) and carries a digest of
its own text, so a damaged or truncated one is never used: the bank is read afresh instead.
Only banks that passed their models are ever kept, and a cache that cannot be read or written
only costs speed. Plain module: no pydantic.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from collabcheck.core.bank_ideas import Idea
from collabcheck.core.bank_records import Bank, Item, Section, Wording
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import MAX_BYTES, atomic_replace, read_bytes

CACHE_ENV = "COLLABCHECK_CACHE_DIR"  # the same folder as history's cache
FORMAT = 1
KEEP = 16  # banks kept at most (a facilitator's own, older versions, the shipped one)
CODE = (  # the modules that read a bank: a change to any of them reads every bank afresh
    "bank.py",
    "bank_records.py",
    "bank_model.py",
    "bank_ideas.py",
    "bank_cache.py",
    "model_base.py",
    "files.py",
    "sides.py",
    "slug.py",
)


def cache_dir() -> Path:
    """$COLLABCHECK_CACHE_DIR, else the user's cache folder (never a bank or snapshot folder)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("collabcheck", appauthor=False))


def digest(directory: Path) -> str | None:
    """A digest of every `.toml` file in the folder (name and bytes) and of the code that
    reads a bank, or None when one of them cannot be read (the full read will say why)."""
    from collabcheck import __version__

    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    here = Path(__file__).parent
    try:
        for name in CODE:
            st = (here / name).stat()
            h.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        for path in sorted(directory.glob("*.toml")):
            data = read_bytes(path, CollabcheckError, limit=MAX_BYTES)
            h.update(f"{path.name}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)
    except (OSError, CollabcheckError):
        return None
    return h.hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / f"bank-{key[:40]}.json"


def kept(key: str) -> Bank | None:
    """The bank kept under `key`, if there is one and its file is whole; else None."""
    try:
        raw = read_bytes(_path(key), CollabcheckError, limit=4 * MAX_BYTES)
    except (OSError, CollabcheckError):
        return None
    first, _, text = raw.partition(b"\n")
    if first.decode("ascii", "replace") != f"{key} {hashlib.sha256(text).hexdigest()}":
        return None
    try:
        return from_data(json.loads(text))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


_WRITING = [True]  # False while a command that promises to write nothing runs (the demo)


@contextlib.contextmanager
def read_only() -> Iterator[None]:
    """Kept banks are still read but none is written: the demo promises to leave no file."""
    _WRITING.append(False)
    try:
        yield
    finally:
        _WRITING.pop()


def keep(key: str, bank: Bank) -> None:
    """Keep a bank that passed its models, so the next start need not check it again."""
    if not _WRITING[-1]:
        return
    text = json.dumps(to_data(bank), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path = _path(key)
    with contextlib.suppress(OSError, UnicodeError):
        path.parent.mkdir(parents=True, exist_ok=True)
        body = f"{key} {hashlib.sha256(text).hexdigest()}\n" + text.decode("utf-8")
        atomic_replace(path, body, private=True, durable=False)
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Only the KEEP banks kept most recently stay (each test of a bank makes one)."""
    found = []
    for entry in os.scandir(folder):
        if entry.name.startswith("bank-") and entry.name.endswith(".json"):
            with contextlib.suppress(OSError):
                found.append((entry.stat().st_mtime_ns, entry.path))
    for _, old in sorted(found, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old)


def to_data(bank: Bank) -> dict[str, Any]:
    """Everything in a bank as plain JSON values (the frozen records, field by field)."""
    from dataclasses import asdict

    return asdict(bank)


def from_data(data: dict[str, Any]) -> Bank:
    """The frozen bank `to_data` wrote, rebuilt record by record."""
    sections = []
    for s in data["sections"]:
        fields = {
            **s,
            "items": tuple(
                Item(**{**i, "sides": tuple(Wording(**w) for w in i["sides"])}) for i in s["items"]
            ),
            "ideas": tuple(Idea(**{**i, "by": tuple(i["by"])}) for i in s["ideas"]),
            "tips": tuple(s["tips"]),
            "prompts": tuple(s["prompts"]),
            "tips_when": tuple(tuple(w) for w in s["tips_when"]),
        }
        sections.append(Section(**fields))
    return Bank(**{**data, "sections": tuple(sections)})
