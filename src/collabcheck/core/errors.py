"""One error type for every file problem, so the CLI can print one clear line and never a traceback.

Every message names the file (and the line for TOML syntax errors), because facilitators run
collabcheck over folders of files and need to know which one to fix.
"""

from __future__ import annotations

from pathlib import Path


class CollabcheckError(Exception):
    """A problem with a file or an argument, worded for the person who has to fix it."""

    def __init__(self, file: str | Path | None, message: str, line: int | None = None) -> None:
        self.file = str(file) if file is not None else None
        self.message = message
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "collabcheck"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class BankError(CollabcheckError):
    """The question bank cannot be used as it stands."""


class SnapshotError(CollabcheckError):
    """A snapshot file cannot be read or does not follow the format."""
