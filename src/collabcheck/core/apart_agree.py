"""Agreeing a practice after a sitting apart, without two partners' files ever clashing.

At one computer the partners agree a practice before the snapshot is saved. Apart, the
comparison comes first (the combined snapshot, written once every answer is revealed), and
the partners agree afterwards: each accepting a practice for their part, or one of them
recording what they all agreed on a call. Each partner writes only their own files,
`apart/<id>/<partner>.agreed.toml` (accepting) and `<partner>.together.toml` (a call's
agreement, which a partner who accepted a different practice can still record after
talking), each once; so two partners agreeing at the same moment add different files, and
git never sees a clash.

What was agreed is decided from those files alone, the same on every computer:

- a practice recorded as agreed together (on a call) stands; if two partners recorded one,
  the earlier (then the partner named first when the sitting was opened) stands;
- otherwise, once every partner has accepted a practice and all accepted the same one, that
  is what was agreed, with everyone's actions in the order the partners were named.

The combined snapshot then gains its `[agreed]` table, once: collabcheck rewrites it only
from the form without `[agreed]` to the form with it, never one agreement for another, and
refuses a new agreement once one is settled. Once the shared snapshot holds that table, it
is what stands (`apart_combine.standing`): two partners who recorded different agreements
at the same moment each wrote one, and the one that reached the shared repository first is
kept (`apart_pull.py`), whatever the partners' clocks said. No Textual here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import tomli_w

from collabcheck.core.apart import FORMAT, ApartError, Look, _format_ok, _need, _when
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import atomic_write_new, read_toml

AGREED_SUFFIX, TOGETHER_SUFFIX = ".agreed.toml", ".together.toml"
ACCEPT, CALL = "accept", "call"
MAX_ACTIONS, MAX_ACTION_CHARS = 20, 500
_AGREED_TABLE = re.compile(r"\n\[agreed\]\n(?:(?!\n\[).)*", re.DOTALL)


@dataclass(frozen=True)
class Agreement:
    """One partner's file: accepting a practice for their part, or recording a call's."""

    partner: str
    how: str
    practice: int
    actions: tuple[str, ...]
    at: datetime

    def to_toml(self) -> str:
        return tomli_w.dumps(
            {
                "format": FORMAT,
                "partner": self.partner,
                "how": self.how,
                "practice": self.practice,
                "actions": list(self.actions),
                "agreed_at": self.at,
            }
        )


@dataclass(frozen=True)
class Settled:
    """What the partners agreed: the practice and the actions, as the snapshot holds them."""

    practice: int
    actions: tuple[str, ...]
    by_call: bool


def agreed_path(folder: Path, pid: str, how: str = ACCEPT) -> Path:
    return folder / f"{pid}{AGREED_SUFFIX if how == ACCEPT else TOGETHER_SUFFIX}"


def write_agreement(folder: Path, agreement: Agreement) -> Path:
    """Write this partner's file; each kind is written once (the file is never replaced)."""
    path = agreed_path(folder, agreement.partner, agreement.how)
    if path.exists():
        raise ApartError(path, "already exists; a partner records an agreement once")
    return atomic_write_new(folder, path.name, agreement.to_toml())


def read_agreement(path: Path, pid: str, how: str) -> Agreement:
    """Read one partner's file, checking every value (it came from the shared repository)."""
    data = read_toml(path, ApartError)
    _format_ok(data, path)
    _need(data.get("partner") == pid, path, f"is not the agreement of '{pid}'")
    _need(data.get("how") == how, path, f"'how' must be '{how}' in this file")
    practice = data.get("practice")
    if type(practice) is not int or not 1 <= practice <= 5:
        raise ApartError(path, "'practice' must be a practice number from 1 to 5")
    actions = data.get("actions", [])
    _need(
        isinstance(actions, list)
        and len(actions) <= MAX_ACTIONS
        and all(isinstance(a, str) and len(a) <= MAX_ACTION_CHARS for a in actions),
        path,
        f"'actions' must be a list of at most {MAX_ACTIONS} short texts",
    )
    return Agreement(
        pid,
        how,
        practice,
        tuple(a.strip() for a in actions if a.strip()),
        _when(data, "agreed_at", path),
    )


def agreements(found: Look) -> tuple[list[Agreement], list[CollabcheckError]]:
    """Every agreement file there is, and the problem with each unreadable one (an
    unreadable file counts as no agreement, never as one)."""
    out: list[Agreement] = []
    problems: list[CollabcheckError] = []
    for pid in found.opened.partner_ids:
        for how in (ACCEPT, CALL):
            path = agreed_path(found.folder, pid, how)
            if not path.exists():
                continue
            try:
                out.append(read_agreement(path, pid, how))
            except CollabcheckError as exc:
                problems.append(exc)
    return out, problems


def accepted(made: list[Agreement]) -> dict[str, Agreement]:
    """Each partner's acceptance, by partner."""
    return {a.partner: a for a in made if a.how == ACCEPT}


def settle(found: Look, made: list[Agreement]) -> Settled | None:
    """What was agreed, by the rule in the module's docstring; None while it is not settled."""
    order = found.opened.partner_ids
    calls = sorted((a for a in made if a.how == CALL), key=lambda a: (a.at, order.index(a.partner)))
    if calls:
        return Settled(calls[0].practice, calls[0].actions, True)
    accepts = accepted(made)
    if set(accepts) != set(order) or len({a.practice for a in accepts.values()}) != 1:
        return None
    actions: list[str] = []
    for pid in order:
        actions += [a for a in accepts[pid].actions if a not in actions]
    return Settled(accepts[order[0]].practice, tuple(actions), False)


def without_agreed(text: str) -> str:
    """A snapshot's text with its `[agreed]` table taken out (the form written on combining)."""
    return _AGREED_TABLE.sub("", text, count=1)
