"""One app at a time on a sitting in progress: a lock on the state folder that a crash frees.

Two collabcheck windows opened on one computer share one state folder, and so one autosave
file: each would overwrite the other's answers, and both could save, leaving two snapshots of
one sitting that disagree. So the app holds an exclusive lock on `<state>/app.lock` while it
runs (fcntl.flock, with its process id written in for people to read), and a second app that
finds it held keeps away from that sitting. The operating system lets go of a flock when the
process ends, however it ends (kill -9 included), so a crash never leaves the sitting locked:
there is no stale lock to clear. Served sittings (`core/state.py`) are locked the same way,
one folder each. No Textual.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

APP_LOCK = "app.lock"


@dataclass
class Held:
    """The state folder's lock, held by this process until `release` or until it ends.

    `fd` is -1 when the folder could not be locked at all (it cannot be made or written, say):
    then there is nothing to share, and the autosave says plainly that it cannot keep answers.
    """

    folder: Path
    fd: int

    def release(self) -> None:
        """Let the next app have the folder (the lock file itself stays, empty of meaning)."""
        if self.fd < 0:
            return
        with contextlib.suppress(OSError):
            import fcntl

            fcntl.flock(self.fd, fcntl.LOCK_UN)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = -1


def hold(state_dir: Path) -> Held | None:
    """This state folder's lock, or None when another app (another process, or another app in
    this one) holds it. Never waits."""
    folder = Path(state_dir)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no locking
        return Held(folder, -1)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / APP_LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return Held(folder, -1)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    with contextlib.suppress(OSError):
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    return Held(folder, fd)
