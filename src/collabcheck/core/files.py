"""The one way collabcheck reads TOML and the one way it writes files.

Every command and the app read snapshots and banks through `read_toml`, so they accept and
refuse exactly the same files, and every problem becomes one error naming the file (and the
line, for syntax errors). Every file collabcheck writes goes through an atomic writer: a crash
or a kill leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from collabcheck.core.errors import CollabcheckError, SnapshotError


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


def atomic_write_new(directory: Path, name: str, text: str) -> Path:
    """Write `text` to directory/name atomically, never replacing a file that is already there.

    The text goes to a temporary file in the same folder, is flushed to disk, then linked
    into place; if the name is taken, `-2`, `-3`… is added before `.toml`.
    """
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".collabcheck-", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); a snapshot is meant to be shared, so give it
        # the permissions any other new file would get under the user's umask.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        stem, suffix = os.path.splitext(name)
        for n in range(1, 1000):
            target = directory / (name if n == 1 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:
                # Filesystems without hard links: claim the name with an exclusive create,
                # then move the finished file onto the claim.
                try:
                    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                except FileExistsError:
                    continue
                os.replace(tmp, target)
                return target
            return target
        raise SnapshotError(directory, "too many snapshots with the same name")
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def atomic_replace(target: Path, text: str, private: bool = False) -> Path:
    """Write `text` to `target` atomically (temporary file, flush, fsync, rename), replacing it.

    For files collabcheck owns and rewrites (the autosave, the history cache); `private`
    keeps the file readable only by the user (mkstemp's 0600).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".tmp", dir=target.parent)
    try:
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp_name, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    return target
