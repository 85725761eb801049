"""Where collabcheck keeps things, without importing anything heavy.

The app's first screen must appear about as fast as a bare Textual app, so deciding where
the snapshot and state folders are, and whether an unfinished sitting exists, must not read
or load anything more; the sitting itself is only read when there is one.
"""

from __future__ import annotations

import os
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
