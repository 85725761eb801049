"""The partnerships that sat before, found in the snapshot folder, cheaply.

A returning pair must keep one partnership name, or history shows them as two
partnerships (typing "Dev" before "Maya" would suggest `dev-and-maya`, not last time's
`maya-and-dev`). So "Who is here" offers the partnerships already in the folder, and
recognises a known partnership from its names in any order.

Snapshot file names start with the date and end with the pair, so files are grouped by
the name and only the newest of each group is read (with the same reader as every other
command; a file it refuses is skipped). A folder of thousands of sittings costs one read
per partnership, not one per sitting.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{4}-(?P<pair>[a-z0-9-]+)\.toml$")
MAX_FILES = 20000


@dataclass(frozen=True)
class Partnership:
    """A partnership as it was at its latest sitting."""

    pair: str
    people: tuple[tuple[str, str], ...]  # (name, role), in the order they answered
    last: datetime
    sittings: int

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.people]


def same_people(a: list[str], b: list[str]) -> bool:
    """The same names, in any order, ignoring case and spacing."""

    def key(names: list[str]) -> list[str]:
        return sorted(" ".join(n.split()).casefold() for n in names)

    return len(a) == len(b) and key(a) == key(b)


def _snapshot_files(folder: Path) -> list[Path]:
    found: list[Path] = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(here) / f for f in files if f.endswith(".toml") and not f.startswith(".")]
        if len(found) > MAX_FILES:
            break
    return found


def find_partnerships(folder: str | Path) -> list[Partnership]:
    """Every partnership with a readable sitting under `folder`, the most recent first."""
    from collabcheck.core.snapshot import read_snapshot

    folder = Path(folder)
    if not folder.is_dir():
        return []
    groups: dict[str, list[Path]] = {}
    for path in _snapshot_files(folder):
        m = NAME.match(path.name)
        groups.setdefault(m.group("pair") if m else f"file:{path}", []).append(path)
    latest: dict[str, Partnership] = {}
    for files in groups.values():
        files.sort(key=lambda p: p.name, reverse=True)
        for path in files:  # the newest readable file of the group stands for it
            try:
                snap = read_snapshot(path)
            except Exception:  # any file the reader refuses is simply skipped
                continue
            found = Partnership(
                snap.pair, tuple((p.name, p.role or "") for p in snap.partners), snap.taken_at, len(files)
            )
            known = latest.get(snap.pair)
            if known is None or found.last > known.last:
                latest[snap.pair] = Partnership(
                    found.pair, found.people, found.last, found.sittings + (known.sittings if known else 0)
                )
            elif known is not None:
                latest[snap.pair] = Partnership(
                    known.pair, known.people, known.last, known.sittings + found.sittings
                )
            break
    return sorted(latest.values(), key=lambda p: p.last.timestamp(), reverse=True)


def known_pair(names: list[str], partnerships: list[Partnership]) -> str | None:
    """The name of the partnership these people formed before, if any (most recent first)."""
    for p in partnerships:
        if same_people(names, p.names):
            return p.pair
    return None
