"""The one way collabcheck reads TOML and the one way it writes files.

Every command and the app read snapshots and banks through `read_toml`, so they accept and
refuse exactly the same files, and every problem becomes one error naming the file (and the
line, for syntax errors). Every file collabcheck writes goes through an atomic writer: a crash
or a kill leaves the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
from pathlib import Path
from typing import Any, Literal

from collabcheck.core.errors import CollabcheckError, SnapshotError

MAX_BYTES = 1_000_000
"""Largest file read: a real snapshot is a few kilobytes, so anything bigger is refused unread."""
MAX_DEPTH = 32
"""Deepest nesting of arrays and inline tables read: a snapshot needs 2."""
TOML_VERSION: Literal["1.0.0"] = "1.0.0"
"""Snapshots and banks are TOML 1.0 (the README says so); 1.1 additions are refused."""


def name_is_text(name: str) -> bool:
    """True when a file or folder name, as Python gave it, was valid UTF-8 on disk.

    A name written in another encoding (`café.toml` saved in Latin-1) reaches Python with
    its odd bytes held as lone surrogates, which no output can carry: such a name is listed
    as a problem (shown with `shown_name`) rather than read, so no output is ever broken.
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown_name(name: str) -> str:
    """A name with each byte that was not UTF-8 shown as `\\xe9`, so it can be printed,
    put in JSON or in Markdown in any locale."""
    return "".join(
        f"\\x{ord(c) - 0xDC00:02x}"
        if 0xDC80 <= ord(c) <= 0xDCFF
        else f"\\u{ord(c):04x}"
        if 0xD800 <= ord(c) <= 0xDFFF
        else c
        for c in name
    )


NOT_TEXT = (
    "its name is not UTF-8 text (it was saved in another encoding), so it was left "
    "out; give it a new name to include it"
)


def read_bytes(
    path: str | Path, error: type[CollabcheckError] = CollabcheckError, limit: int = MAX_BYTES
) -> bytes:
    """A file's bytes, refusing anything that is not a regular file or is larger than `limit`.

    The file is opened without blocking (a named pipe with no writer would otherwise wait for
    ever) and the *opened* descriptor is checked, so a link swapped between check and read
    cannot slip a pipe or a device (such as /dev/zero) past the check. At most limit + 1 bytes
    are ever read.
    """
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise error(
            path, "is a link to a file that does not exist" if os.path.islink(path) else "no such file"
        ) from None
    except IsADirectoryError:
        raise error(path, "is a folder, not a file") from None
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(path, "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise error(
                path, "is not a regular file (it is a pipe, a device or a socket), so it was not read"
            )
        if st.st_size > limit:
            raise error(path, _too_big(st.st_size, limit))
        chunks: list[bytes] = []
        size = 0
        # One read for a file that is as fstat saw it (a short read is the end); asking for
        # limit + 1 bytes every time would allocate a megabyte for each small file.
        want = st.st_size + 1
        while size <= limit:
            chunk = os.read(fd, min(want, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if len(chunk) < want:
                break
            want = 65536
        if size > limit:
            raise error(path, _too_big(size, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise error(path, f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def _too_big(size: int, limit: int) -> str:
    shown = f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{size:,} bytes"
    return f"is too large to be a snapshot ({shown}; the limit is {limit // 1000:,} kB), so it was not read"


def read_toml(path: str | Path, error: type[CollabcheckError] = CollabcheckError) -> dict[str, Any]:
    """Read a TOML file, turning every way it can fail into one error that names file and line."""
    return parse_toml(read_bytes(path, error), path, error)


def parse_toml(
    data: bytes, path: str | Path, error: type[CollabcheckError] = CollabcheckError
) -> dict[str, Any]:
    """Parse TOML 1.0 bytes; a syntax error keeps its line number, bad encoding is named as such.

    The parser is toml-rs (the Rust `toml` crate) in its TOML 1.0 mode: as strict as Python's
    tomllib on every case we tried, and about 25 times faster (see the README). Its recursion
    is not bounded, so nesting is measured first and anything deeper than MAX_DEPTH refused.
    """
    if len(data) > MAX_BYTES:
        raise error(path, _too_big(len(data), MAX_BYTES))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise error(path, "is not UTF-8 text") from None
    depth = nesting_depth(text)
    if depth > MAX_DEPTH:
        raise error(
            path,
            f"is nested {depth} deep in brackets; collabcheck reads at most {MAX_DEPTH} (a snapshot needs 2)",
        )
    import tomllib

    import toml_rs

    try:
        if threading.current_thread() is not threading.main_thread():
            # toml-rs 0.4.3 can crash the whole process (a segmentation fault inside the
            # parser) when called from one of the app's worker threads after an earlier app
            # ran in the same process (tests/test_toml_in_threads.py), so the app's threads
            # use Python's own parser, which accepts and refuses the same TOML 1.0 files.
            return tomllib.loads(text)
        return toml_rs.loads(text, toml_version=TOML_VERSION)
    except (toml_rs.TOMLDecodeError, tomllib.TOMLDecodeError) as exc:
        raise error(path, f"not valid TOML: {_short(exc)}{_hint(path)}", line=_line(exc)) from None
    except ValueError as exc:
        # The parser's checks after parsing (a time with second 60, say) name no line.
        raise error(
            path, f"not valid TOML: {_plain_value_error(exc)}{_hint(path)}", line=_leap_second_line(text)
        ) from None
    except (OverflowError, RecursionError, MemoryError) as exc:
        raise error(path, f"not valid TOML: {type(exc).__name__}{_hint(path)}") from None


_LEAP = re.compile(r"\d[Tt ]\d\d:\d\d:60")


def _plain_value_error(exc: ValueError) -> str:
    """The parser's words for a value it built and refused, or plain words of our own."""
    if "second must be in 0..59" in str(exc):
        return "a time has 60 seconds (a leap second); write :59 instead"
    return "a value that is out of range"


def _leap_second_line(text: str) -> int | None:
    m = _LEAP.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _hint(path: str | Path) -> str:
    return "" if str(path).endswith(".toml") else " (collabcheck reads .toml files)"


def _line(exc: Exception) -> int | None:
    """The line the parser points at ("TOML parse error at line N, column M")."""
    msg = str(getattr(exc, "msg", "") or exc)
    if "at line " in msg:
        with contextlib.suppress(ValueError):
            return int(msg.split("at line ", 1)[1].split(",", 1)[0])
    line = getattr(exc, "lineno", None)
    return line if isinstance(line, int) else None


def _short(exc: Exception) -> str:
    """The parser's own words, without its drawing of the line (the line number says where)."""
    msg = str(getattr(exc, "msg", "") or exc).strip()
    last = msg.splitlines()[-1].strip() if msg else ""
    return last or "syntax error"


# Comments, the four kinds of string, and brackets: brackets inside strings do not nest.
_NEST = re.compile(
    r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|'
    r"'''.*?'''|"
    r'"(?:[^"\\\n]|\\.)*"|'
    r"'[^'\n]*'|[\[\]{}]",
    re.DOTALL,
)


def nesting_depth(text: str) -> int:
    """How deep arrays and inline tables nest, outside strings and comments.

    Cheap for real files: unless there are more brackets than the limit, nothing is scanned.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    for m in _NEST.finditer(text):
        tok = m.group()
        if tok in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif tok in ("]", "}"):
            depth = max(depth - 1, 0)
    return deepest


def _written_temp(directory: Path, prefix: str, text: str, shared: bool, durable: bool) -> Path:
    """`text` in a new temporary file in `directory`, flushed (and fsynced when `durable`).

    The file is made with its final permissions in one step: private (0600), or, for a
    `shared` file (a snapshot, meant to be committed), what any other new file gets under the
    user's umask (0666 less the umask, which the system applies itself). Nothing changes the
    process-wide umask, so the app's writer thread and its screens never race on it.
    """
    import secrets  # here, not at the top: the app's first screen reads files but writes none

    directory.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    while True:
        tmp_name = os.path.join(directory, f"{prefix}{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp_name, flags, 0o666 if shared else 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    return Path(tmp_name)


def atomic_write_new(directory: Path, name: str, text: str) -> Path:
    """Write `text` to directory/name atomically, never replacing a file that is already there.

    The text goes to a temporary file in the same folder, is flushed to disk, then linked
    into place; if the name is taken, `-2`, `-3`… is added before `.toml`.
    """
    tmp = _written_temp(directory, ".collabcheck-", text, shared=True, durable=True)
    try:
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


def atomic_replace(target: Path, text: str, private: bool = False, durable: bool = True) -> Path:
    """Write `text` to `target` atomically (temporary file, flush, fsync, rename), replacing it.

    For files collabcheck owns and rewrites (the autosave, the history cache); `private`
    keeps the file readable only by the user (0600); `durable=False` skips the
    fsync for a cache, which only costs speed if lost.
    """
    tmp = _written_temp(target.parent, f".{target.stem}-", text, shared=not private, durable=durable)
    try:
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return target
