"""Which sittings apart concern this computer, so the app and plain mode can offer them.

A partner opening collabcheck should not have to remember an id: the sittings apart in the
snapshot folder that wait for someone here are offered on the first screen. One concerns
this computer when a partner in it has answers in progress here, or sealed here and has not
yet seen the finished comparison here, or when it names, unanswered, the person git knows on
this computer (`user.name`, compared without regard to case or spacing). Only files are read
(no pull), so this is quick enough for the first screen. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from collabcheck.core import git
from collabcheck.core.apart import (
    CANCELLED,
    COMPLETE,
    FOLDER,
    REVEALING,
    SPOILED,
    Look,
    look,
    sitting_ids,
)
from collabcheck.core.apart_private import (
    answering_here,
    comparison_shown,
    sealed_here,
    took_part_here,
)
from collabcheck.core.bank import Bank
from collabcheck.core.errors import CollabcheckError

ANSWER, CARRY_ON, REVEAL, COMPARISON = "answer", "carry-on", "reveal", "comparison"


@dataclass(frozen=True)
class Offer:
    """One thing to do here: ANSWER, CARRY_ON or REVEAL (everyone has sealed: this partner's
    answers wait to be revealed from here) as `partner`, or see the COMPARISON."""

    kind: str
    found: Look
    partner: str = ""


def my_name(snapshot_dir: Path) -> str:
    """The name git records on this computer for the snapshot folder's repository ('' if none)."""
    root = git.repo_root(Path(snapshot_dir))
    return git.identity(root)[0] if root is not None else ""


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def offers_for(found: Look, state_dir: Path, me: str) -> list[Offer]:
    """What this computer can do for one sitting apart (see the module's docstring)."""
    sid, phase = found.opened.id, found.phase
    if phase in (CANCELLED, SPOILED):
        return []
    if phase == COMPLETE:
        mine = took_part_here(state_dir, sid) and not comparison_shown(state_dir, sid)
        return [Offer(COMPARISON, found)] if mine else []
    out = []
    sealed = sealed_here(state_dir, sid)
    for m in found.opened.partners:
        if m.id in found.seals:
            if phase == REVEALING and m.id not in found.reveals and m.id in sealed:
                out.append(Offer(REVEAL, found, m.id))
            continue
        if answering_here(state_dir, sid, m.id):
            out.append(Offer(CARRY_ON, found, m.id))
        elif _same(m.name, me):
            out.append(Offer(ANSWER, found, m.id))
    return out


def offers(snapshot_dir: Path, state_dir: Path, bank: Bank, me: str | None = None) -> list[Offer]:
    """Every offer for this computer, sitting by sitting (a folder that cannot be read is
    left out here; `collabcheck apart status` names it)."""
    who = my_name(snapshot_dir) if me is None else me
    out: list[Offer] = []
    for sid in sitting_ids(snapshot_dir):
        try:
            out += offers_for(look(snapshot_dir, sid, bank), state_dir, who)
        except CollabcheckError:
            continue
    return out


def offers_here(snapshot_dir: Path, state_dir: Path, bank: Bank) -> list[Offer]:
    """`offers`, after one quick look for an `apart/` folder (most folders have none)."""
    if not (Path(snapshot_dir) / FOLDER).is_dir():
        return []
    return offers(snapshot_dir, state_dir, bank)
