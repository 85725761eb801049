"""Finding snapshot files and remembering what was read from them, so history stays fast.

A programme keeps thousands of snapshots in one repository and runs `history` often. Reading
and comparing every file each time is the slow part, so each file's summary is kept in a
cache outside the snapshot folder. An entry is used only when the file's resolved path,
size, modification time, change time and inode all match, and only while the question bank
and collabcheck's own code are the ones that made it; anything else is read afresh. A file
changed within the last couple of seconds is not cached at all, because a second change
inside the same clock tick could otherwise go unnoticed.

The cache is read like any other file (`read_bytes`: a regular file of bounded size, so a
link to a device or a pipe in its place is refused, never read), and each entry must pass
its model (`CacheEntryModel` in core/models.py) before it is used: a damaged entry is read
afresh from its snapshot, never obeyed. Entries are only opened when a file must be looked
up, so a history whose whole output is kept never parses them, nor imports pydantic.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import atomic_replace, read_bytes

CACHE_ENV = "COLLABCHECK_CACHE_DIR"
CACHE_FORMAT = 4  # 3: statement ids come from the bank named, not from each summary; 4: partners' own scores
RACY_NS = 2_000_000_000  # files changed this recently are read but not cached
MAX_CACHE_BYTES = 256_000_000
"""Largest cache file read: about 600 bytes a sitting, so room for a programme of 400,000."""

StatKey = list[int]
BACKGROUND_ENTRIES = 2000  # a cache this big is written beside the output (`SummaryCache.save`)


def scan(root: Path, problems: dict[str, str] | None = None) -> list[tuple[str, StatKey]]:
    """Every `*.toml` under `root` with its stat key, as paths relative to `root`.

    Hidden folders (`.git`, `.cache`…), question-bank folders (holding `bank.toml`) and the
    folders of sittings apart (`apart/<id>/`, holding `sitting.toml`) are not snapshot
    folders, so they are left out. Symbolic links to folders are not followed,
    so a link loop cannot make the scan run for ever. Nothing is left out silently: a
    subfolder that cannot be listed goes into `problems` (relative path → reason), and a
    `.toml` that is not a regular file (a named pipe, a device, a broken link) is listed with
    a key that is never cached, so the reader refuses it in words.
    """
    import stat as stat_mod

    from collabcheck.core.files import NOT_TEXT, name_is_text, shown_name

    found: list[tuple[str, StatKey]] = []
    stack = [("", str(root))]
    while stack:
        rel_dir, abs_dir = stack.pop()
        try:
            with os.scandir(abs_dir) as it:
                entries = list(it)
        except OSError as exc:
            if rel_dir and problems is not None:
                problems[rel_dir] = (
                    f"folder cannot be read ({exc.strerror or exc}), so the snapshots in it were left out"
                )
            continue
        if rel_dir and any(e.name == "bank.toml" for e in entries):
            continue
        if os.path.basename(os.path.dirname(abs_dir)) == "apart" and any(
            e.name == "sitting.toml" for e in entries
        ):
            continue  # a sitting apart's seals and reveals; its snapshot is written beside them
        for e in entries:
            if e.name.startswith("."):
                continue
            rel = f"{rel_dir}/{e.name}" if rel_dir else e.name
            if not name_is_text(e.name):  # no output could carry it: listed, never read
                if problems is not None and (e.name.endswith(".toml") or e.is_dir(follow_symlinks=False)):
                    problems[shown_name(rel)] = NOT_TEXT
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append((rel, e.path))
                elif e.name.endswith(".toml") and e.name != "bank.toml":
                    st = e.stat()  # a broken link raises here: listed below, then skipped
                    if not stat_mod.S_ISREG(st.st_mode):
                        found.append((rel, [-1, -1, -1, -1]))
                        continue
                    found.append((rel, [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]))
            except OSError:
                found.append((rel, [-1, -1, -1, -1]))
    found.sort()
    return found


def default_cache_dir() -> Path:
    """$COLLABCHECK_CACHE_DIR, else the user's cache folder (never the snapshot folder)."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("collabcheck", appauthor=False))


def code_fingerprint(layers: tuple[str, ...] = ("core", "scoring", "history")) -> list[Any]:
    """Version plus name, size and mtime of every module in core, scoring and history.

    Any change to the code that reads, checks or compares snapshots empties the cache, even
    in a development copy whose version number has not moved.
    """
    from collabcheck import __version__

    parts: list[Any] = [__version__]
    package = Path(__file__).resolve().parents[1]
    for layer in layers:
        with os.scandir(package / layer) as it:
            for e in sorted(it, key=lambda e: e.name):
                if e.name.endswith(".py"):
                    st = e.stat()
                    parts += [f"{layer}/{e.name}", st.st_size, st.st_mtime_ns]
    return parts


class SummaryCache:
    """Per-file summaries for one snapshot folder, stored as one JSON file in the cache folder."""

    def __init__(self, root: Path, fingerprint: list[Any], cache_dir: Path | None) -> None:
        self.root = root.resolve()
        self.fingerprint = [CACHE_FORMAT, str(self.root), *fingerprint]
        self.dir = cache_dir.resolve() if cache_dir is not None else None
        if self.dir is not None and (self.dir == self.root or self.root in self.dir.parents):
            self.dir = None  # a cache inside the snapshot folder would be committed with it
        self._entries: dict[str, Any] | None = None if self.dir is not None else {}
        self.fresh: dict[str, list[Any]] = {}
        self.started_ns = time.time_ns()
        self.changed = False
        self.background = False  # write in a forked copy while this run goes on (`save`)
        self.wait: Callable[[], None] = lambda: None  # waits for that copy to have written

    @property
    def path(self) -> Path | None:
        """One cache file per snapshot folder, named by a hash of its resolved path."""
        if self.dir is None:
            return None
        digest = hashlib.sha256(str(self.root).encode()).hexdigest()[:24]
        return self.dir / f"history-{digest}.json"

    @property
    def entries(self) -> dict[str, Any]:
        """The entries kept from the last run (unchecked: `get` checks each one it uses)."""
        if self._entries is None:
            self._entries = self._load()
        return self._entries

    def _load(self) -> dict[str, Any]:
        """The cache file's entries, if it is a cache made by this very code and bank."""
        path = self.path
        if path is None:
            return {}
        try:
            data = json.loads(read_bytes(path, CollabcheckError, limit=MAX_CACHE_BYTES))
        except FileNotFoundError:
            return {}
        except (CollabcheckError, OSError, ValueError, RecursionError, MemoryError):
            return {}  # damaged or not a file: every snapshot is read afresh
        if isinstance(data, dict) and data.get("fingerprint") == self.fingerprint:
            entries = data.get("entries")
            if isinstance(entries, dict):
                return self._checked(entries)
        return {}

    def _checked(self, entries: dict[str, Any]) -> dict[str, Any]:
        """Only the entries that pass their model: all at once when all do (the usual case),
        else one by one, so one damaged entry costs only its own file's reading."""
        from pydantic import ValidationError

        from collabcheck.history.cache_model import CacheEntries, checked_entry

        try:
            CacheEntries.validate_python(entries)
            return entries
        except ValidationError:
            return {rel: raw for rel, raw in entries.items() if checked_entry(raw) is not None}

    def get(self, rel: str, key: StatKey) -> dict[str, Any] | None:
        """The cached summary for this file, or None if the file is not exactly as cached."""
        hit = self.entries.get(rel)
        if hit is not None and hit[0] == key:
            self.fresh[rel] = hit
            return hit[1]  # type: ignore[no-any-return]
        return None

    def put(self, rel: str, key: StatKey, summary: dict[str, Any]) -> None:
        """Remember a summary, unless the file is too new to be sure a change would show."""
        if key[0] < 0 or summary.get("internal") or key[1] > self.started_ns - RACY_NS:
            self.changed = True  # the old entry (if any) is dropped on save
            return
        self.fresh[rel] = [key, summary]
        self.changed = True

    def _output_path(self) -> Path | None:
        path = self.path
        return None if path is None else path.with_name(path.stem + "-output.txt")

    def output(self, state: str | None) -> str | None:
        """The whole output last written for this folder, if it was made in exactly `state`."""
        path = self._output_path()
        if state is None or path is None:
            return None
        try:  # the careful read: a device or a pipe in its place is refused, never read
            raw = read_bytes(path, CollabcheckError, limit=MAX_CACHE_BYTES)
        except (CollabcheckError, OSError):
            return None
        first, _, rest = raw.partition(b"\n")
        if first != _output_head(state, rest):
            return None  # made in another state, or changed since it was written: never printed
        try:
            return rest.decode("utf-8")
        except ValueError:
            return None

    def save_output(self, state: str | None, text: str) -> None:
        """Keep the output (one per folder), so an unchanged folder's history is one read."""
        path = self._output_path()
        if state is None or path is None:
            return
        with contextlib.suppress(OSError, UnicodeError):  # (text that cannot be written is not kept)
            head = _output_head(state, text.encode("utf-8")).decode("utf-8")
            atomic_replace(path, head + "\n" + text, private=True, durable=False)

    def save(self) -> None:
        """Write the entries seen in this run (files since deleted drop out), atomically.

        With `background` (the command line, for a big first run), the writing is done by a
        forked copy of the process while this one lays out its output; `wait` waits for it
        (the commands do before they end, so the next run finds the cache written)."""
        path = self.path
        if path is None or not (self.changed or len(self.fresh) != len(self._entries or {})):
            return

        def write() -> None:
            data = json.dumps(
                {"fingerprint": self.fingerprint, "entries": self.fresh},
                separators=(",", ":"),
                ensure_ascii=False,
            )
            with contextlib.suppress(OSError):  # a cache that cannot be written only costs speed
                atomic_replace(path, data, private=True, durable=False)

        if self.background and len(self.fresh) >= BACKGROUND_ENTRIES:
            from collabcheck.core.parallel import in_background

            self.wait()
            self.wait = in_background(write)
        else:
            write()


def _output_head(state: str, body: bytes) -> bytes:
    """The kept output's first line: the state it was made in and a digest of its text, so a
    kept output that was changed on disk (say, to put terminal codes in it) is never printed."""
    import hashlib

    return f"{state} {hashlib.sha256(body).hexdigest()}".encode("utf-8", "surrogateescape")
