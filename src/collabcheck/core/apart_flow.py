"""Moving sittings apart along through the shared repository: share, pull, reveal, combine.

Every `collabcheck apart` command starts by carrying on whatever can move: it pulls the
team's work, reveals the answers this computer sealed once every partner's seal is in, and
writes the ordinary snapshot once every reveal is in and `git log` proves the order. So a
partner who was offline, or whose push failed, simply runs collabcheck again. What happened
comes back as `Event`s (data); render/apart_words.py says them. No Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import cast

from collabcheck.core import git, git_push
from collabcheck.core import sitting as store
from collabcheck.core.apart import (
    COMPLETE,
    OPEN,
    REVEALING,
    SEAL_SUFFIX,
    Look,
    look,
    reveal_path,
    seal_path,
    sitting_ids,
    write_reveal,
    write_seal,
)
from collabcheck.core.apart_agree import Settled, agreements, settle, without_agreed
from collabcheck.core.apart_combine import combined_name, snapshot_text, write_combined
from collabcheck.core.apart_log import verify
from collabcheck.core.apart_private import (
    forget_sealed,
    keep_sealed,
    load_sealed,
    private_dir,
    seal_sitting,
    sealed_here,
)
from collabcheck.core.apart_pull import GAVE_WAY, pull
from collabcheck.core.bank import Bank, load_bank_for
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import read_bytes
from collabcheck.core.sitting import Sitting

PUSH_TRIES = 4  # others pushing at the same moment: fetch their work and try again

REVEALED, COMBINED, NOT_PROVEN, SEAL_DIFFERS, UNREADABLE, SEALED, AGREED, AGREED_FIRST = (
    "revealed",
    "combined",
    "not-proven",
    "seal-differs",
    "unreadable",
    "sealed",
    "agreed",
    "agreed-first",  # another partner's agreement reached the shared copy first: it stands
)


@dataclass(frozen=True)
class Shared:
    """What happened to files we committed: the commit, then the push (None if not tried)."""

    committed: git.Outcome
    pushed: git.Outcome | None = None


@dataclass(frozen=True)
class Event:
    """One step taken for one sitting apart (REVEALED, COMBINED…), with what it needs to say."""

    kind: str
    sitting: str
    partner: str = ""
    path: Path | None = None
    shared: Shared | None = None
    detail: str = ""
    # AGREED_FIRST: the practice that stands, then the one recorded here
    practices: tuple[int, ...] = ()


@dataclass
class Carried:
    events: list[Event] = field(default_factory=list)
    looks: dict[str, Look] = field(default_factory=dict)
    pulled: git.Outcome | None = None


def push_now(folder: Path, timeout: float = git.PUSH_TIMEOUT) -> git.Outcome:
    """Push; when others pushed first, fetch their work and try again (every file is new,
    so nothing can clash)."""
    pushed = git_push.push(folder, timeout)
    tries = 1
    while pushed.kind == git.REJECTED and tries < PUSH_TRIES:
        pushed = git_push.pull_and_push(folder, timeout)
        tries += 1
    return pushed


def share(paths: list[Path], message: str, folder: Path, push: bool = True) -> Shared:
    """Commit exactly these files; then push, unless asked not to. A failed push leaves the
    commit here, to go with the next push."""
    committed = git.commit_files(paths, message)
    if not committed.ok or not push:
        return Shared(committed)
    return Shared(committed, push_now(folder))


def bank_for(found: Look, default: Bank) -> Bank:
    return load_bank_for(found.opened.bank, found.opened.bank_version, default)


def carry_on(
    snapshot_dir: Path, state_dir: Path, bank: Bank, push: bool = True, only: str | None = None
) -> Carried:
    """Pull, then for every sitting apart (or `only` that one) reveal and combine what can be."""
    out = Carried(pulled=pull(snapshot_dir) if push else None)
    if out.pulled is not None:
        gave_way = cast(list[tuple[str, str, int, int]], out.pulled.facts.get(GAVE_WAY, []))
        for path, sid, kept, mine in gave_way:
            if only is None or sid == only:
                out.events.append(Event(AGREED_FIRST, sid, path=Path(path), practices=(kept, mine)))
    for sid in sitting_ids(snapshot_dir):
        if only is not None and sid != only:
            continue
        try:
            found = look(snapshot_dir, sid, bank)
            found = _finish_sealing(found, snapshot_dir, state_dir, bank, push, out.events)
            found = _reveal_mine(found, snapshot_dir, state_dir, bank, push, out.events)
            if found.phase == COMPLETE:
                _combine(found, snapshot_dir, bank, push, out.events)
                _forget_revealed(found, state_dir)
        except CollabcheckError as exc:
            out.events.append(Event(UNREADABLE, sid, detail=str(exc)))
            continue
        out.looks[sid] = found
    return out


def seal_now(
    found: Look,
    sitting: Sitting,
    pid: str,
    snapshot_dir: Path,
    state_dir: Path,
    when: datetime,
    push: bool = True,
) -> Shared:
    """Seal one partner's finished answers: keep them (and the salt) privately, write the
    seal, forget the answering in progress, and share only the seal."""
    sid = found.opened.id
    sealed = seal_sitting(sitting, sid, pid, when)
    keep_sealed(state_dir, sealed)
    path = write_seal(found.folder, sealed.seal)
    store.clear(private_dir(state_dir, sid, pid))  # what is sealed is in sealed.json
    return share([path], f"collabcheck apart: {pid} sealed {sid}", snapshot_dir, push)


def _finish_sealing(
    found: Look, snapshot_dir: Path, state_dir: Path, bank: Bank, push: bool, events: list[Event]
) -> Look:
    """A seal made here but not yet in a commit (git failed last time): commit it now."""
    if found.phase not in (OPEN, REVEALING):
        return found
    sid = found.opened.id
    waiting = []
    for pid in sealed_here(state_dir, sid):
        kept = load_sealed(state_dir, sid, pid)
        path = seal_path(found.folder, pid)
        if kept is None or pid not in found.opened.partner_ids:
            continue
        if not path.exists():
            write_seal(found.folder, kept.seal)
        waiting.append(path)
    if waiting:
        pending = git.uncommitted(waiting) or set()
        todo = [p for p in waiting if Path(os.path.abspath(p)) in pending]
        if todo:
            shared = share(todo, f"collabcheck apart: sealed {sid}", snapshot_dir, push)
            for p in todo:
                events.append(Event(SEALED, sid, p.name.removesuffix(SEAL_SUFFIX), p, shared))
    return look(snapshot_dir, sid, bank) if waiting else found


def _reveal_mine(
    found: Look, snapshot_dir: Path, state_dir: Path, bank: Bank, push: bool, events: list[Event]
) -> Look:
    """Reveal what this computer sealed, only once every partner's seal is in."""
    if found.phase != REVEALING:
        return found
    sid = found.opened.id
    written = []
    for pid in sealed_here(state_dir, sid):
        if pid in found.reveals or reveal_path(found.folder, pid).exists():
            continue
        kept = load_sealed(state_dir, sid, pid)
        if kept is None or pid not in found.seals:
            continue
        if found.seals[pid].digest != kept.seal.digest:
            events.append(Event(SEAL_DIFFERS, sid, pid))
            continue
        written.append((pid, write_reveal(found.folder, kept.reveal)))
    if not written:
        return found
    who = ", ".join(pid for pid, _ in written)
    shared = share([p for _, p in written], f"collabcheck apart: {who} revealed, {sid}", snapshot_dir, push)
    for pid, path in written:
        events.append(Event(REVEALED, sid, pid, path, shared))
    return look(snapshot_dir, sid, bank)


def _combine(found: Look, snapshot_dir: Path, bank: Bank, push: bool, events: list[Event]) -> None:
    """Write and share the ordinary snapshot, once `git log` shows every seal came first;
    then, once the partners' agreement is settled, add it (core/apart_agree.py).

    Once it is written and committed there is nothing more to do, and nothing is said."""
    sid = found.opened.id
    settled = settle(found, agreements(found)[0])
    bank = bank_for(found, bank)
    target = Path(snapshot_dir) / combined_name(found, bank)
    if target.is_file() and _committed(target) and _is_final(target, found, bank, settled):
        return
    proof = verify(snapshot_dir, sid)
    if proof.problem != "not-repo" and not proof.ok:
        events.append(Event(NOT_PROVEN, sid))
        return
    had = target.is_file()
    path, changed = write_combined(found, bank, snapshot_dir, settled)
    shared = None
    if proof.problem != "not-repo" and (changed or not _committed(path)):
        if had and changed and path == target:
            message = f"collabcheck apart: agreed practice {settled.practice if settled else ''}, {sid}"
        else:
            message = (
                git.commit_message([(found.opened.pair, found.opened.opened_at)]) + f" (sat apart, {sid})"
            )
        shared = share([path], message, snapshot_dir, push)
    kind = AGREED if had and changed and path == target else COMBINED
    events.append(Event(kind, sid, path=path, shared=shared, detail="new" if changed else ""))


def _forget_revealed(found: Look, state_dir: Path) -> None:
    """Once complete, the answers and salt kept here are in the repository (the reveal,
    committed): remove the private copy, keeping only a note that this partner took part."""
    sid = found.opened.id
    for pid in sealed_here(state_dir, sid):
        if pid in found.reveals and _committed(reveal_path(found.folder, pid)):
            forget_sealed(state_dir, sid, pid)


def _committed(path: Path) -> bool:
    """Whether git has this file as it stands (a folder outside git counts as committed)."""
    waiting = git.uncommitted([path])
    return waiting is None or Path(os.path.abspath(path)) not in waiting


def _is_final(target: Path, found: Look, bank: Bank, settled: Settled | None) -> bool:
    """The snapshot there needs no change: it is ours, and holds an agreement or needs none."""
    try:
        there = read_bytes(target).decode("utf-8")
    except Exception:
        return False
    bare = snapshot_text(found, bank)[1]
    return there == bare if settled is None else without_agreed(there) == bare and there != bare
