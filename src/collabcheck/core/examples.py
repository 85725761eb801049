"""The made-up partnerships that ship with collabcheck, for the demo.

A newcomer should see what collabcheck gives before two people spend ten minutes each
answering. The demo opens a finished sitting of a fictional pair from the `examples` folder
(shipped inside the package, or beside it in a checkout) exactly as the partners would see it
after answering. Nothing here writes anything: the example is read into memory and the
sitting built from it lives only there.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from collabcheck.core.bank import PACKAGE_DIR, Bank, load_bank_for
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.sitting import Note, Sitting
from collabcheck.core.snapshot import Snapshot, read_snapshot

DEMO_PAIR = "amira-and-tom"  # a consultant and a patient partner, four sittings over a year
EXAMPLE_NOTICE = "This is an example: Amira and Tom are made up. Nothing you do here is saved anywhere."


def examples_dir() -> Path:
    """The examples folder: inside the installed package, or at the top of a checkout."""
    packaged = PACKAGE_DIR / "examples"
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parents[1] / "examples"


@dataclass(frozen=True)
class Example:
    """One finished example sitting, ready to show: the sitting, its bank and its folder."""

    sitting: Sitting
    snapshot: Snapshot
    bank: Bank
    folder: Path  # every sitting of the same partnership, for its history


def sitting_from_snapshot(snap: Snapshot) -> Sitting:
    """A finished sitting holding a snapshot's answers, as if its partners had just answered.

    The Together screen and the plain reading take a sitting in progress; this builds one
    in memory, at the point where everyone has finished, with what the partners agreed.
    """
    notes = {
        pid: {item: Note(text=text) for item, text in table.items()} for pid, table in snap.notes.items()
    }
    context = snap.context
    return Sitting(
        bank=snap.bank,
        bank_version=snap.bank_version,
        partners=list(snap.partners),
        pair=snap.pair,
        started_at=snap.taken_at,
        stage="together",
        current_partner=len(snap.partners),
        answers={pid: dict(table) for pid, table in snap.answers.items()},
        notes=notes,
        agreed_practice=snap.agreed.practice if snap.agreed else None,
        actions=list(snap.agreed.actions) if snap.agreed else [],
        how_long=context.stage if context else None,
        route=context.route if context else None,
    )


def load_example(default: Bank, pair: str = DEMO_PAIR, root: Path | None = None) -> Example:
    """The latest sitting of the example partnership `pair`, read (never written).

    Raises CollabcheckError, naming the folder, when the examples are missing or unreadable
    (an install without them), so the command says so in one line.
    """
    folder = (root or examples_dir()) / pair
    try:
        files = sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError as exc:
        raise CollabcheckError(folder, f"the example sittings cannot be read ({exc})") from exc
    if not files:
        raise CollabcheckError(folder, "the example sittings are missing from this install")
    snapshots = [read_snapshot(p, default) for p in files]
    latest = max(snapshots, key=lambda s: s.taken_at)
    bank = load_bank_for(latest.bank, latest.bank_version, default)
    return Example(sitting_from_snapshot(latest), latest, bank, folder)
