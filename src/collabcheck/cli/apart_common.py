"""What every `collabcheck apart` command shares: saying things, naming a partner, the time.

Kept apart from cli/apart.py and cli/apart_answer.py so that neither imports the other.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TextIO

from collabcheck.core import apart, git
from collabcheck.core.apart_flow import Carried
from collabcheck.core.apart_pull import EMPTY
from collabcheck.render import apart_words as words
from collabcheck.render import git_words
from collabcheck.render.safe import safe_line, terminal_safe

EXIT_NOT_PROVED, EXIT_PROBLEM = 1, 2


def say(text: str, out: TextIO | None = None) -> None:
    """Write a line with nothing raw from a file reaching the terminal."""
    (out or sys.stdout).write(terminal_safe(text) + "\n")


def problem(text: str) -> int:
    """One line on stderr; returns the exit status for a problem."""
    sys.stderr.write(safe_line(f"collabcheck: {text}") + "\n")
    return EXIT_PROBLEM


def now() -> datetime:
    """Local time, to the second, as every sitting records it."""
    from collabcheck.plain.flow import local_now

    return local_now()


def tell(carried: Carried, out: TextIO | None = None) -> None:
    """Say what carrying on did: a failed pull once, then each step taken."""
    pulled = carried.pulled
    if pulled is not None and pulled.kind == EMPTY:
        say(git_words.sentence(pulled), out)
    elif pulled is not None and not pulled.ok and pulled.kind != git.NO_REMOTE:
        say(f"Could not bring in your team's latest work: {git_words.sentence(pulled)}", out)
    for e in carried.events:
        say(words.event_line(carried.looks.get(e.sitting), e), out)


def none_such(carried: Carried, sid: str | None, folder: object) -> int | None:
    """After carrying on: a problem when the sitting asked for is not there, and a plain
    sentence when there are none at all (None: go on, listing what there is)."""
    if sid and sid not in carried.looks:
        return problem(f"there is no sitting apart '{sid}' in {folder}")
    if not carried.looks:
        say(
            f"There are no sittings apart in {folder}. Open one with: "
            "collabcheck apart open --partner NAME --partner NAME"
        )
    return None


def sitting_and_partner(carried: Carried, sid: str, who: str, folder: object) -> tuple[apart.Look, str] | int:
    """The sitting apart `sid` and the id of partner `who` in it, or the exit status of the
    one line that says which of the two is not there."""
    found = carried.looks.get(sid)
    if found is None:
        return problem(f"there is no sitting apart '{sid}' in {folder}")
    pid = partner_id(found.opened.partners, who)
    if not pid:
        return problem(f"'{who}' is not one of the partners of {sid}")
    return found, pid


def partner_id(members: tuple[apart.Member, ...], given: str) -> str:
    """The id of the partner given by id or by name (any case), or ''."""
    key = " ".join(given.split()).casefold()
    for m in members:
        if key in (m.id, " ".join(m.name.split()).casefold()):
            return m.id
    return ""
