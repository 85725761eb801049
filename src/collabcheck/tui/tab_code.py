"""The short code that lets a pair carry on their own sitting in a new browser tab.

Under `collabcheck serve` a tab sees only the sitting started in it. If the tab is closed
(or the page reloaded), the pair open a new tab and type the code its header showed. The
code is worked out from the sitting's folder name and a key kept in the state folder, so
nothing extra is stored per sitting and a code cannot be made up from the folder name alone.
Eight letters and digits from 31 that are hard to mix up (no 0, O, 1, I or L): about 40
bits, and each tab gets only a few tries.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import atomic_replace, read_bytes

KEY_FILE = "tab-codes.key"
LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
LENGTH = 8
TRIES = 5


def _valid(key: bytes) -> bool:
    return len(key) == 43 and all(
        c in b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_" for c in key
    )


def state_key(state_root: Path) -> bytes:
    """The key for this state folder: read (a damaged one is replaced), or made once."""
    path = state_root / KEY_FILE
    state_root.mkdir(parents=True, exist_ok=True)
    made = secrets.token_urlsafe(32).encode()
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        with contextlib.suppress(CollabcheckError):
            key = read_bytes(path, limit=256).strip()
            if _valid(key):
                return key
        atomic_replace(path, made.decode(), private=True)  # damaged: codes start afresh
        return made
    with os.fdopen(fd, "wb") as out:
        out.write(made)
    return made


def code_for(key: bytes, folder: Path) -> str:
    """The code for one sitting's folder, e.g. "K7QM-2PXA"."""
    digest = hmac.new(key, folder.name.encode("utf-8", "surrogateescape"), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = ""
    for _ in range(LENGTH):
        number, n = divmod(number, len(LETTERS))
        letters += LETTERS[n]
    return f"{letters[:4]}-{letters[4:]}"


def tidy(typed: str) -> str:
    """What was typed, as a code: capitals, without the spaces or dashes."""
    return "".join(c for c in typed.upper() if c.isascii() and c.isalnum())


def matches(typed: str, code: str) -> bool:
    """Whether the typed code is this code (compared in constant time)."""
    wanted = code.replace("-", "")
    return hmac.compare_digest(tidy(typed).encode(), wanted.encode())
