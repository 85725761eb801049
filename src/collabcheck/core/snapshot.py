"""Snapshots: one TOML file per sitting, written once, read by reports and history.

Partnerships commit these files to shared repositories for years, so the reader is strict
about what would make a comparison wrong (unknown partners, values out of range) and lenient
about what is harmless (key order, unknown top-level keys, answers to items a later bank
dropped). The writer is atomic and never overwrites, so a crash or a clash loses nothing.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from collabcheck.core.bank import Bank
from collabcheck.core.errors import SnapshotError
from collabcheck.core.files import atomic_write_new, parse_toml, read_toml
from collabcheck.core.records import (
    ROUTES,
    SCHEMA,
    STAGES,
    WRITTEN_SCHEMA,
    Agreed,
    Answer,
    Context,
    Partner,
    Snapshot,
    brief,
    check_value,
    words_that_fit,
)
from collabcheck.core.slug import is_slug

# The records are part of this module's API (they moved to core/records.py to break an
# import cycle), so the readers and the writer are found in one place.
__all__ = [
    "ROUTES",
    "SCHEMA",
    "STAGES",
    "WRITTEN_SCHEMA",
    "Agreed",
    "Answer",
    "Context",
    "Partner",
    "Snapshot",
    "brief",
    "check_value",
    "words_that_fit",
    "check_snapshot",
    "parse_snapshot",
    "read_snapshot",
    "write_snapshot",
]


def check_snapshot(
    data: Any, path: str | Path, bank: Bank | None = None, warnings: list[str] | None = None
) -> Snapshot:
    """Parsed TOML through the snapshot's model (`core/models.py`): the checked record, or
    one SnapshotError line naming the file, the place in it and what is wrong.

    With a bank, each answer is checked against its question's kind, and the record says
    so (`checked_with`), so the comparison never checks it again.
    """
    from collabcheck.core import models

    found: list[str] = []
    try:
        snapshot = models.snapshot(data, bank, found)
    except ValueError as exc:
        raise SnapshotError(path, str(exc)) from None
    if warnings is not None:
        warnings += [f"{path}: warning: {w}" for w in found]
    return snapshot


def read_snapshot(path: str | Path, bank: Bank | None = None, warnings: list[str] | None = None) -> Snapshot:
    """Read and check one snapshot file; with a bank, values are checked against item kinds.

    A file whose name is not UTF-8 is refused here, by every command that reads one file, as
    `validate` and history refuse it: what validate refuses, no command shows."""
    from collabcheck.core.files import NOT_TEXT, name_is_text, shown_name

    path = Path(path)
    if not name_is_text(path.name):
        raise SnapshotError(shown_name(str(path)), NOT_TEXT)
    return check_snapshot(read_toml(path, SnapshotError), path, bank, warnings)


def parse_snapshot(text: str | bytes, name: str = "<snapshot>", bank: Bank | None = None) -> Snapshot:
    """Like read_snapshot, for text already in memory (tests, autosave)."""
    data = text.encode() if isinstance(text, str) else text
    return check_snapshot(parse_toml(data, name, SnapshotError), name, bank)


def file_name(snapshot: Snapshot) -> str:
    """`<YYYY-MM-DD>T<HHMM>-<pair>.toml`; the pair is a slug, so the name is always safe."""
    if not is_slug(snapshot.pair):
        raise ValueError(f"pair {snapshot.pair!r} is not a slug")
    return f"{snapshot.taken_at:%Y-%m-%dT%H%M}-{snapshot.pair}.toml"


def write_snapshot(snapshot: Snapshot, directory: str | Path, bank: Bank | None = None) -> Path:
    """Save a sitting into the snapshot folder and return the path it landed at.

    The text is read back through the snapshot's model before it is written, and the file
    once it is on disk: a sitting is only ever "Saved" as a file every command will read.
    Either failing raises SnapshotError (a written file that does not read back is removed,
    so it is never committed), and the caller keeps the sitting in progress.
    """
    try:
        text = snapshot.to_toml(bank)
        data = text.encode("utf-8")
    except (UnicodeEncodeError, ValueError) as exc:
        raise SnapshotError(directory, f"the sitting could not be written as a snapshot ({exc})") from None
    name = file_name(snapshot)
    try:
        parse_snapshot(data, name, bank)
    except SnapshotError as exc:
        raise SnapshotError(
            directory, f"the snapshot would not read back as valid ({exc.message}), so it was not written"
        ) from None
    path = atomic_write_new(Path(directory), name, text)
    try:
        read_snapshot(path, bank)
    except SnapshotError as exc:
        with contextlib.suppress(OSError):
            path.unlink()
        raise SnapshotError(path, f"did not read back as valid ({exc.message}), so it was removed") from None
    return path
