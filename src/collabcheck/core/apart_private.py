"""What one partner keeps on their own computer while a sitting apart waits: never shared.

Until every partner has sealed, a partner's answers, private reflections and the salt of
their seal live only in their state folder (`<state>/apart/<sitting id>/<partner>/`): the
answering itself (`sitting.json`, the same autosave as a sitting at one computer) and, once
sealed, `sealed.json` with the salt and exactly the answers and notes that were sealed, so
the reveal is those bytes and nothing typed since. Both are written privately (0600) and
atomically; a file that cannot be read is treated as missing, never obeyed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from collabcheck.core.apart import (
    _HEX64,
    FOLDER,
    Look,
    Reveal,
    Seal,
    canonical,
    new_salt,
    seal_of,
)
from collabcheck.core.bank import Bank
from collabcheck.core.files import atomic_replace, read_bytes
from collabcheck.core.paths import STATE_FILE
from collabcheck.core.sitting import Sitting
from collabcheck.core.slug import is_slug
from collabcheck.core.snapshot import Partner

SEALED_FILE = "sealed.json"
SHOWN_FILE = "comparison-shown"
TOOK_PART_FILE = "took-part"  # left once sealed.json is removed: nothing of the answers
MAX_BYTES = 4_000_000


@dataclass(frozen=True)
class Sealed:
    """A partner's sealed answers, as kept on their computer until the reveal."""

    sitting: str
    reveal: Reveal
    seal: Seal

    def to_json(self) -> str:
        return json.dumps(
            {
                "sitting": self.sitting,
                "partner": self.reveal.partner,
                "salt": self.reveal.salt.hex(),
                "answers": self.reveal.answers,
                "notes": self.reveal.notes,
                "seal": self.seal.digest,
                "sealed_at": self.seal.sealed_at.isoformat(),
            },
            ensure_ascii=False,
            indent=1,
        )


def private_dir(state_dir: Path, sitting_id: str, pid: str) -> Path:
    """Where one partner's answers for one sitting apart are kept (ids are slugs)."""
    if not (is_slug(sitting_id) and is_slug(pid)):
        raise ValueError("ids must be slugs")
    return Path(state_dir) / FOLDER / sitting_id / pid


def seal_sitting(sitting: Sitting, sitting_id: str, pid: str, when: datetime) -> Sealed:
    """Seal what this partner's snapshot would hold: answers, and notes not kept private."""
    answers = dict(sitting.answers.get(pid, {}))
    notes = {k: n.text for k, n in sitting.notes.get(pid, {}).items() if not n.private and n.text.strip()}
    salt = new_salt()
    digest = seal_of(salt, canonical(sitting_id, pid, answers, notes))
    return Sealed(sitting_id, Reveal(pid, salt, answers, notes), Seal(pid, digest, when))


def start_sitting(found: Look, pid: str, bank: Bank, when: datetime) -> Sitting:
    """A new answering for one partner of a sitting apart: everyone named, only they answer."""
    o = found.opened
    return Sitting(
        bank=bank.id,
        bank_version=bank.version,
        partners=[Partner(id=m.id, name=m.name, role=m.role) for m in o.partners],
        pair=o.pair,
        started_at=when,
        current_partner=o.partner_ids.index(pid),
        how_long=o.stage,
        route=o.route,
    )


def answering_here(state_dir: Path, sitting_id: str, pid: str) -> bool:
    """Whether this partner has answers in progress on this computer (not yet sealed)."""
    try:
        return (private_dir(state_dir, sitting_id, pid) / STATE_FILE).is_file()
    except ValueError:
        return False


def keep_sealed(state_dir: Path, sealed: Sealed) -> Path:
    folder = private_dir(state_dir, sealed.sitting, sealed.reveal.partner)
    return atomic_replace(folder / SEALED_FILE, sealed.to_json(), private=True)


def load_sealed(state_dir: Path, sitting_id: str, pid: str) -> Sealed | None:
    """This partner's sealed answers for that sitting, or None (missing or unreadable)."""
    path = private_dir(state_dir, sitting_id, pid) / SEALED_FILE
    try:
        data: Any = json.loads(read_bytes(path, limit=MAX_BYTES).decode("utf-8"))
        salt, digest = data["salt"], data["seal"]
        if (
            not (
                isinstance(salt, str)
                and _HEX64.match(salt)
                and isinstance(digest, str)
                and _HEX64.match(digest)
            )
            or data["sitting"] != sitting_id
            or data["partner"] != pid
        ):
            return None
        answers, notes = data["answers"], data["notes"]
        if not (
            isinstance(answers, dict)
            and isinstance(notes, dict)
            and all(type(v) in (int, str) for v in answers.values())
            and all(type(v) is str for v in notes.values())
        ):
            return None
        when = datetime.fromisoformat(data["sealed_at"])
        return Sealed(sitting_id, Reveal(pid, bytes.fromhex(salt), answers, notes), Seal(pid, digest, when))
    except Exception:
        return None


def sealed_here(state_dir: Path, sitting_id: str) -> list[str]:
    """The partners who sealed this sitting on this computer."""
    try:
        root = Path(state_dir) / FOLDER / sitting_id
        names = sorted(p.name for p in root.iterdir() if p.is_dir() and is_slug(p.name))
    except (OSError, ValueError):
        return []
    return [n for n in names if load_sealed(state_dir, sitting_id, n) is not None]


def took_part_here(state_dir: Path, sitting_id: str) -> list[str]:
    """The partners who answered this sitting on this computer: sealed, or sealed and since
    revealed and forgotten (see `forget_sealed`)."""
    try:
        root = Path(state_dir) / FOLDER / sitting_id
        names = sorted(p.name for p in root.iterdir() if p.is_dir() and is_slug(p.name))
    except (OSError, ValueError):
        return []
    return [
        n
        for n in names
        if (root / n / TOOK_PART_FILE).is_file() or load_sealed(state_dir, sitting_id, n) is not None
    ]


def forget_sealed(state_dir: Path, sitting_id: str, pid: str) -> None:
    """Once the answers are revealed in the repository, the private copy and its salt are
    not needed: remove them, leaving only a note that this partner took part here."""
    folder = private_dir(state_dir, sitting_id, pid)
    atomic_replace(folder / TOOK_PART_FILE, "", private=True)
    (folder / SEALED_FILE).unlink(missing_ok=True)


def comparison_shown(state_dir: Path, sitting_id: str) -> bool:
    """Whether this computer has shown the comparison of that sitting apart already."""
    return (Path(state_dir) / FOLDER / sitting_id / SHOWN_FILE).is_file()


def mark_shown(state_dir: Path, sitting_id: str) -> None:
    """Remember that the comparison was shown here, so `collabcheck apart` shows it once."""
    atomic_replace(Path(state_dir) / FOLDER / sitting_id / SHOWN_FILE, "", private=True)
