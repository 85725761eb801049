"""The ordinary snapshot from a sitting apart, once every partner's answers are revealed.

The comparison, history and reports must not care where the partners sat, so the combined
snapshot is built by the very code a sitting at one computer uses (`Sitting.to_snapshot`,
`Snapshot.to_toml`) and differs from one only by a comment line saying it was sat apart.
It is the same, byte for byte, whichever partner's collabcheck writes it: partners in the
order the sitting was opened with, and taken at the moment the last partner sealed. So two
partners who combine at once write the same file, and git sees one file, not a clash.
"""

from __future__ import annotations

from pathlib import Path

from collabcheck.core.apart import COMPLETE, FOLDER, Look
from collabcheck.core.apart_agree import CALL, Agreement, Settled, settle, without_agreed
from collabcheck.core.bank import Bank
from collabcheck.core.files import atomic_replace, atomic_write_new, read_bytes
from collabcheck.core.sitting import Note, Sitting
from collabcheck.core.snapshot import Partner, Snapshot, file_name, parse_snapshot

SAT_APART = "# sat apart: sitting {id}, sealed and revealed in {folder}/{id}/\n"


def combined_sitting(found: Look, bank: Bank, settled: Settled | None = None) -> Sitting:
    """The sitting a complete sitting apart amounts to: every partner's revealed answers, as
    if they had sat at one computer (what the Together screen shows)."""
    if found.phase != COMPLETE:
        raise ValueError("a sitting apart is combined only once every answer is revealed")
    o = found.opened
    return Sitting(
        bank=o.bank,
        bank_version=o.bank_version,
        partners=[Partner(id=m.id, name=m.name, role=m.role) for m in o.partners],
        pair=o.pair,
        started_at=o.opened_at,
        answers={pid: dict(r.answers) for pid, r in found.reveals.items()},
        notes={pid: {k: Note(text=v) for k, v in r.notes.items()} for pid, r in found.reveals.items()},
        how_long=o.stage,
        route=o.route,
        stage="together",
        current_partner=len(o.partners),
        agreed_practice=settled.practice if settled else None,
        actions=list(settled.actions) if settled else [],
    )


def combined(found: Look, bank: Bank, settled: Settled | None = None) -> Snapshot:
    """The snapshot of a complete sitting apart (every reveal matching its seal), with what
    the partners agreed once it is settled."""
    taken_at = max(s.sealed_at for s in found.seals.values())
    return combined_sitting(found, bank, settled).to_snapshot(bank, taken_at, found.opened.pair)


def combined_name(found: Look, bank: Bank) -> str:
    """The file name the combined snapshot has (or will have) in the snapshot folder."""
    return file_name(combined(found, bank))


def snapshot_text(found: Look, bank: Bank, settled: Settled | None = None) -> tuple[str, str]:
    """(file name, text) of the combined snapshot: the ordinary file plus one comment line."""
    snap = combined(found, bank, settled)
    text = snap.to_toml(bank)
    first, rest = text.split("\n", 1)
    text = f"{first}\n{SAT_APART.format(id=found.opened.id, folder=FOLDER)}{rest}"
    parse_snapshot(text, file_name(snap), bank)  # it must read back as valid, or it is not written
    return file_name(snap), text


def write_combined(
    found: Look, bank: Bank, snapshot_dir: Path, settled: Settled | None = None
) -> tuple[Path, bool]:
    """Write the combined snapshot unless it is already there; (path, changed).

    The one change ever made to it: once the partners' agreement is settled, the form
    without `[agreed]` becomes the form with it (core/apart_agree.py). One that holds an
    agreement already keeps it. A file of that name that holds anything else is left alone,
    and ours goes beside it (`-2`), as with any snapshot."""
    name, text = snapshot_text(found, bank, settled)
    bare = text if settled is None else snapshot_text(found, bank)[1]
    target = Path(snapshot_dir) / name
    if target.is_file():
        try:
            there = read_bytes(target).decode("utf-8")
        except Exception:  # an odd file of that name: ours goes beside it
            there = None
        if there == text:
            return target, False
        if there == bare and settled is not None:
            return atomic_replace(target, text), True
        if there is not None and without_agreed(there) == bare:
            return target, False  # agreed already: an agreement is never replaced
    return atomic_write_new(Path(snapshot_dir), name, text), True


def standing(found: Look, bank: Bank, made: list[Agreement]) -> Settled | None:
    """What was agreed: the `[agreed]` table of the combined snapshot once it holds one (the
    agreement that reached the shared repository first stands, even when two partners
    recorded different ones at the same moment), else the rule in core/apart_agree.py."""
    if found.phase == COMPLETE:
        name, bare = snapshot_text(found, bank)
        try:
            # the sitting apart's folder is <snapshot folder>/apart/<id> (core/apart.py folder_of)
            there = read_bytes(found.folder.parent.parent / name).decode("utf-8")
            agreed = parse_snapshot(there, name, bank).agreed if without_agreed(there) == bare else None
        except Exception:  # not there, or not ours: the agreement files decide
            agreed = None
        if agreed is not None:
            by_call = any(a.how == CALL and a.practice == agreed.practice for a in made)
            return Settled(agreed.practice, tuple(agreed.actions), by_call)
    return settle(found, made)
