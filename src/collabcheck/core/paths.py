"""Where collabcheck keeps things, without importing anything heavy.

The app's first screen must appear about as fast as a bare Textual app, so deciding where
the snapshot and state folders are, and whether an unfinished sitting exists, must not read
or load anything more; the sitting itself is only read when there is one.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

STATE_FILE = "sitting.json"


def snapshot_dir(arg: str | Path | None = None) -> Path:
    """Where snapshots go: --dir, else $COLLABCHECK_DIR, else ./collabcheck/."""
    return Path(arg or os.environ.get("COLLABCHECK_DIR") or "collabcheck")


def state_dir(override: str | Path | None = None) -> Path:
    """Where the sitting in progress is kept: an argument, $COLLABCHECK_STATE_DIR, or platformdirs.

    The state folder is private to the user and separate from the snapshot folder, which
    partners may commit to a shared repository.
    """
    if override is not None:
        return Path(override)
    env = os.environ.get("COLLABCHECK_STATE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_state_dir

    return Path(user_state_dir("collabcheck"))


def has_sitting(directory: Path) -> bool:
    """True when an unfinished sitting may be waiting (checked without reading it)."""
    return (directory / STATE_FILE).exists()


def program_name(which: Callable[[str], str | None] = shutil.which) -> str:
    """How to type collabcheck again from this shell, for the words that say what to run
    next: `collabcheck` when that is the program on PATH, else the full path of the one
    running (the README's install puts it in ~/.collabcheck/bin, which is not on PATH)."""
    import shlex  # (not loaded for the app's first screen)

    running = Path(sys.executable).parent / "collabcheck"  # the environment's own, not resolved
    found = which("collabcheck")
    if not running.is_file() or (found and os.path.realpath(found) == os.path.realpath(running)):
        return "collabcheck"
    try:
        return "~/" + shlex.quote(str(running.relative_to(Path.home())))
    except ValueError:
        return shlex.quote(str(running))
