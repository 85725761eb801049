"""Many sittings on one computer at once: each in its own folder, held by one process at a time.

`collabcheck serve` runs one app process per browser tab, and two pairs (or two tabs) may be
answering at the same moment. If they shared the one autosave file, each would overwrite the
other's answers. So each served sitting keeps its autosave in a folder of its own,
`<state>/sittings/<id>/sitting.json` (written and read by `collabcheck.core.sitting.save/load`
exactly as the single sitting is), and the process using a folder holds an exclusive lock on
`<folder>/lock` (fcntl.flock, with its process id written in for people). The operating
system lets go of the lock when the process ends, however it ends, so a closed tab or a
killed server never leaves a sitting locked for ever. The welcome screen offers to carry on
only sittings nobody holds. The terminal app's single sitting (`<state>/sitting.json`) is
untouched by all this.

No Textual at import: `unfinished` imports the sitting model only when
there is a folder to read.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from collabcheck.core.paths import STATE_FILE

if TYPE_CHECKING:
    from collabcheck.core.bank import Bank
    from collabcheck.core.sitting import Sitting

SITTINGS = "sittings"
LOCK = "lock"
STALE_EMPTY_SECONDS = 60  # an empty folder younger than this may be one being set up


def sittings_root(state_root: Path) -> Path:
    return Path(state_root) / SITTINGS


@dataclass
class Claim:
    """A sitting folder held by this process until `release` (or until the process ends)."""

    folder: Path
    fd: int

    def release(self, tidy: bool = True) -> None:
        """Let go of the folder; with `tidy`, remove it when no sitting is left in it."""
        if self.fd < 0:
            return
        try:
            if tidy and not (self.folder / STATE_FILE).exists():
                with contextlib.suppress(OSError):
                    (self.folder / LOCK).unlink()
                with contextlib.suppress(OSError):
                    self.folder.rmdir()
        finally:
            with contextlib.suppress(OSError):
                _unlock(self.fd)
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


def _lock(fd: int) -> bool:
    """Take the folder's lock without waiting; False if another process holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no locking, one sitting per folder by id
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover
        return
    fcntl.flock(fd, fcntl.LOCK_UN)


def claim(folder: Path) -> Claim | None:
    """Hold an existing sitting folder; None if another process holds it (or it is gone)."""
    try:
        fd = os.open(Path(folder) / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return None
    if not _lock(fd):
        os.close(fd)
        return None
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    return Claim(Path(folder), fd)


def new_claim(state_root: Path) -> Claim:
    """A new, empty sitting folder of our own, already held."""
    root = sittings_root(state_root)
    root.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(root, 0o700)
    while True:
        folder = root / f"{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        held = claim(folder)
        if held is not None:
            return held


def is_held(folder: Path) -> bool:
    """Whether some process (this one included) holds the folder now."""
    held = claim(folder)
    if held is None:
        return True
    held.release(tidy=False)
    return False


def unfinished(
    state_root: Path, bank_id: str | None = None, bank_version: int | None = None, bank: Bank | None = None
) -> list[tuple[Path, Sitting]]:
    """Unfinished sittings that nobody holds, oldest first; optionally only for one bank.

    With `bank`, each state is also checked against its questions (the place reached, and
    every answer's kind), as the terminal app's own state is.

    Empty folders left by a process that ended before anyone answered are tidied away."""
    root = sittings_root(state_root)
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:
        return []
    found: list[tuple[Path, Sitting]] = []
    for folder in folders:
        if not (folder / STATE_FILE).exists():
            _tidy(folder)
            continue
        if is_held(folder):
            continue
        from collabcheck.core import sitting as store

        s = store.load(folder, bank)
        if s is None:
            continue
        if bank_id is not None and (s.bank, s.bank_version) != (bank_id, bank_version):
            continue
        found.append((folder, s))
    found.sort(key=lambda fs: fs[1].started_at)
    return found


def _tidy(folder: Path) -> None:
    """Remove a folder with no sitting in it, if nobody holds it and it is not brand new."""
    try:
        if time.time() - folder.stat().st_mtime < STALE_EMPTY_SECONDS:
            return
    except OSError:
        return
    held = claim(folder)
    if held is not None:
        held.release(tidy=True)
