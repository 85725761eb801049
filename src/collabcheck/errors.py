"""One error type for every file problem, so the CLI can print one clear line and never a traceback.

Every message names the file (and the line for TOML syntax errors), because facilitators run
collabcheck over folders of files and need to know which one to fix.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any


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


def read_toml(path: Path, error: type[CollabcheckError] = CollabcheckError) -> dict[str, Any]:
    """Read a TOML file, turning every way it can fail into one error that names file and line."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode) and not path.is_dir():
            # A named pipe or device would block the read for ever.
            raise error(path, "is not a regular file")
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except IsADirectoryError:
        raise error(path, "is a folder, not a file") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    return parse_toml(data, path, error)


def parse_toml(
    data: bytes, path: str | Path, error: type[CollabcheckError] = CollabcheckError
) -> dict[str, Any]:
    """Parse TOML bytes; a syntax error keeps its line number, bad encoding is named as such."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(path, "is not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        line = getattr(exc, "lineno", None)
        # Python 3.11/3.12 put "(at line N, column M)" in the message rather than attributes.
        if line is None and "(at line " in msg:
            try:
                line = int(msg.split("(at line ", 1)[1].split(",", 1)[0])
            except ValueError:
                line = None
        short = msg.split(" (at line", 1)[0]
        if hasattr(exc, "msg"):
            short = exc.msg
        hint = "" if str(path).endswith(".toml") else " (collabcheck reads .toml files)"
        raise error(path, f"not valid TOML: {short}{hint}", line=line) from None
