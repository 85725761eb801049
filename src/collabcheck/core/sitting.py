"""The sitting in progress: who is here, where they are, and every answer so far.

A sitting at one laptop can be interrupted at any moment (a crash, a closed terminal, Ctrl+C,
a clinic bleep), so the whole state lives in this plain model and is written to the user's
state folder after every answer. It is deliberately free of Textual: the app only moves it
on, and the tests can drive it without a screen.

Private reflections live only here, in the state folder; `to_snapshot` leaves them out, and
the file is removed once the snapshot has been saved.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from collabcheck.core.bank import FOCUS_VALUES, Bank, Item, questions  # noqa: F401 - re-exported
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import atomic_replace, read_bytes
from collabcheck.core.paths import STATE_FILE, state_dir  # noqa: F401 - part of this module's API
from collabcheck.core.records import SCHEMA, WRITTEN_SCHEMA, ContextStage, Route
from collabcheck.core.slug import pair_slug, slugify, unique_slugs
from collabcheck.core.snapshot import Agreed, Answer, Context, Partner, Snapshot, check_value

FORMAT = 1
MIN_PARTNERS, MAX_PARTNERS = 2, 6
MAX_STATE_BYTES = 4_000_000  # a real sitting is a few kilobytes; anything this big is not one
ROLE_SUGGESTIONS = (
    "Health professional",
    "Patient",
    "Carer",
    "Service user",
    "Community member",
    "Manager",
    "Clinician",
    "Patient partner",
    "Commissioner",
    "Researcher",
)


@dataclass
class Note:
    """A written reflection; `private` ones never leave the state folder."""

    text: str = ""
    private: bool = False


Stage = Literal["who", "answering", "together"]


@dataclass
class Sitting:
    """Everything about a sitting in progress, exactly as autosaved.

    A plain record: what a valid state file is lives in its model (`StateModel` in
    core/state_model.py), which `from_json` applies once as the file is read (a state the app
    could not carry on from, or could not save, is refused and set aside).
    """

    bank: str
    bank_version: int
    partners: list[Partner]
    pair: str
    started_at: datetime
    # "who": names are still being typed; only the draft below is filled in.
    stage: Stage = "answering"
    current_partner: int = 0
    current_item: int = 0
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    notes: dict[str, dict[str, Note]] = field(default_factory=dict)
    agreed_practice: int | None = None
    actions: list[str] = field(default_factory=list)
    # Where the partnership stands (snapshot [context]), asked once, together, at the start.
    # True by default: a sitting saved before the question existed is not asked it on resume;
    # `Sitting.new` sets False, so every new sitting is asked once.
    context_asked: bool = True
    how_long: ContextStage | None = None
    route: Route | None = None
    # "Who is here" as typed so far (name, role) and the partnership name, kept while typing.
    draft_people: list[tuple[str, str]] = field(default_factory=list)
    draft_pair: str = ""
    # Each row's side of care as chosen so far ("" = not given), beside `draft_people`.
    draft_sides: list[str] = field(default_factory=list)
    format: int = FORMAT
    form: Literal["full", "quick"] = "full"  # which questions: the full bank or the quick check-in
    # The snapshot folder it was started in (absolute), so carrying it on from another folder
    # (another repository) still saves it where it began; None in state files from before.
    folder: str | None = None

    def to_json(self) -> str:
        """The state file's text (indented a little, so a person can read it if they must)."""
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        return json.dumps(data, indent=1, ensure_ascii=False)

    @classmethod
    def from_json(cls, data: Any, bank: Bank | None = None) -> Sitting:
        """A sitting from the state file's parsed JSON, through its model (`StateModel` in
        core/state_model.py); ValueError, in one line, for anything it could not carry on from
        (a wrong type, a place beyond the bank, an answer that does not fit its question)."""
        from collabcheck.core.state_model import checked

        m = checked(data, bank)
        return cls(
            format=m.format,
            bank=m.bank,
            bank_version=m.bank_version,
            partners=[Partner(id=p.id, name=p.name, role=p.role, side=p.side) for p in m.partners],
            pair=m.pair,
            started_at=m.started_at,
            stage=m.stage,
            current_partner=m.current_partner,
            current_item=m.current_item,
            answers={pid: dict(t) for pid, t in m.answers.items()},
            notes={
                pid: {i: Note(text=n.text, private=n.private) for i, n in t.items()}
                for pid, t in m.notes.items()
            },
            agreed_practice=m.agreed_practice,
            actions=list(m.actions),
            context_asked=m.context_asked,
            how_long=m.how_long,
            route=m.route,
            draft_people=[(n, r) for n, r in m.draft_people],
            draft_pair=m.draft_pair,
            draft_sides=list(m.draft_sides),
            form=m.form,
            folder=m.folder,
        )

    # -- building -------------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        bank: Bank,
        people: list[tuple[str, str]],
        started_at: datetime,
        pair: str | None = None,
        folder: Path | str | None = None,
        sides: list[str] | None = None,
    ) -> Sitting:
        """Start a sitting for (name, role) pairs; ids and the pair name come from the names.
        `folder` is the snapshot folder it will be saved in (kept absolute); `sides`, one a
        person ("" = not given), is each one's side of care, if they said."""
        names = [name.strip() for name, _ in people]
        if not MIN_PARTNERS <= len(names) <= MAX_PARTNERS:
            raise ValueError(f"a sitting needs {MIN_PARTNERS} to {MAX_PARTNERS} partners")
        if any(not n for n in names):
            raise ValueError("every partner needs a name")
        ids = unique_slugs(names)
        given = list(sides or [])[: len(people)]
        given += [""] * (len(people) - len(given))
        partners = [
            Partner(id=pid, name=name, role=role.strip(), side=side or None)
            for pid, name, (_, role), side in zip(ids, names, people, given, strict=True)
        ]
        pair_name = slugify(pair, fallback="") if pair else ""
        return cls(
            bank=bank.id,
            bank_version=bank.version,
            partners=partners,
            pair=pair_name or pair_slug(names),
            started_at=started_at,
            context_asked=False,
            folder=_absolute(folder),
        )

    @classmethod
    def draft(
        cls,
        bank: Bank,
        people: list[tuple[str, str]],
        pair: str,
        started_at: datetime,
        folder: Path | str | None = None,
        sides: list[str] | None = None,
    ) -> Sitting:
        """Who is here, as typed so far: kept so a crash while typing names loses nothing."""
        return cls(
            bank=bank.id,
            bank_version=bank.version,
            partners=[],
            pair="",
            started_at=started_at,
            stage="who",
            draft_people=people or [("", "")],
            draft_pair=pair,
            folder=_absolute(folder),
            draft_sides=list(sides or []),
        )

    @property
    def names(self) -> list[str]:
        """The partners' names, or the names typed so far on "Who is here"."""
        if self.stage == "who":
            return [name for name, _ in self.draft_people if name.strip()]
        return [p.name for p in self.partners]

    # -- where we are ---------------------------------------------------------------------

    @property
    def partner(self) -> Partner:
        """The partner whose turn it is (the last one once everyone has finished)."""
        return self.partners[min(self.current_partner, len(self.partners) - 1)]

    @property
    def everyone_finished(self) -> bool:
        return self.stage != "who" and self.current_partner >= len(self.partners)

    def matches(self, bank: Bank) -> bool:
        """Whether this sitting was started with the same bank (ids and version)."""
        return self.bank == bank.id and self.bank_version == bank.version

    # -- answering ------------------------------------------------------------------------

    def answer_of(self, pid: str, item_id: str) -> Answer | None:
        return self.answers.get(pid, {}).get(item_id)

    def set_answer(self, pid: str, item: Item, value: Answer | None) -> None:
        """Record (or, with None, clear = skip) one partner's answer to one rated item."""
        table = self.answers.setdefault(pid, {})
        if value is None:
            table.pop(item.id, None)
        else:
            check_answer(item, value, self.partner_ids)
            table[item.id] = value

    def note_of(self, pid: str, item_id: str) -> Note:
        return self.notes.get(pid, {}).get(item_id) or Note()

    def set_note(self, pid: str, item_id: str, text: str, private: bool) -> None:
        """Record a reflection; an empty, non-private note is simply dropped."""
        table = self.notes.setdefault(pid, {})
        if not text.strip() and not private:
            table.pop(item_id, None)
        else:
            table[item_id] = Note(text=text, private=private)

    @property
    def partner_ids(self) -> list[str]:
        return [p.id for p in self.partners]

    def answered_count(self, pid: str) -> int:
        return len(self.answers.get(pid, {})) + sum(
            1 for n in self.notes.get(pid, {}).values() if n.text.strip()
        )

    # -- saving as a snapshot -------------------------------------------------------------

    def to_snapshot(self, bank: Bank, taken_at: datetime, pair: str | None = None) -> Snapshot:
        """The snapshot to write: answers in bank order, private or empty notes left out."""
        order = bank.order
        answers = {
            pid: dict(sorted(table.items(), key=lambda kv: order.get(kv[0], len(order))))
            for pid, table in self.answers.items()
            if table
        }
        notes = {
            pid: {
                item_id: n.text
                for item_id, n in sorted(table.items(), key=lambda kv: order.get(kv[0], len(order)))
                if not n.private and n.text.strip()
            }
            for pid, table in self.notes.items()
        }
        notes = {pid: table for pid, table in notes.items() if table}
        agreed = (
            Agreed(practice=self.agreed_practice, actions=[a.strip() for a in self.actions if a.strip()])
            if self.agreed_practice is not None
            else None
        )
        context = Context(stage=self.how_long, route=self.route) if self.how_long or self.route else None
        return Snapshot(
            pair=slugify(pair or self.pair, fallback="our-partnership"),
            taken_at=taken_at,
            bank=self.bank,
            bank_version=self.bank_version,
            partners=list(self.partners),
            answers=answers,
            notes=notes,
            agreed=agreed,
            context=context,
            form="quick" if self.form == "quick" else None,
            # a side is only in schema 3, so a sitting that gives one is written as that
            schema=SCHEMA if any(p.side for p in self.partners) else WRITTEN_SCHEMA,
        )


def _absolute(folder: Path | str | None) -> str | None:
    return None if folder is None else os.path.abspath(folder)


def saving_folder(sitting: Sitting, here: Path) -> tuple[Path, bool]:
    """Where the sitting's snapshot is saved: the folder it was started in, so a sitting carried
    on from another folder (another repository) lands where it began; `here` when it has no
    folder (an older state file). The flag is True when its folder is no longer there, so the
    caller says so plainly before saving in `here` instead."""
    if sitting.folder is None:
        return here, False
    started = Path(sitting.folder)
    if started.is_dir():
        return started, False
    if os.path.abspath(started) == os.path.abspath(here):  # not made yet: saving makes it
        return here, False
    return here, True


def check_answer(item: Item, value: Answer, partner_ids: list[str]) -> None:
    """Refuse a value that does not fit the item's kind, so a bad answer never reaches a file.

    Uses the snapshot reader's own rule, so the app can never write what the reader refuses.
    """
    if check_value(value, set(partner_ids), item.kind) is not None:
        raise ValueError(f"{value!r} is not an answer to {item.kind} item {item.id}")


# -- the autosave file --------------------------------------------------------------------


def save(sitting: Sitting, directory: Path) -> Path:
    """Write the sitting atomically (temporary file, flush, rename), readable only by the user."""
    return write_state(sitting.to_json(), directory)


def write_state(text: str, directory: Path) -> Path:
    """Write an already serialised sitting atomically; the app's writer thread calls this.

    Through the one atomic writer, private to the user (the file can hold private reflections).
    """
    return atomic_replace(directory / STATE_FILE, text, private=True)


def load(directory: Path, bank: Bank | None = None) -> Sitting | None:
    """The sitting in progress, or None; an unreadable file is set aside, never deleted."""
    return load_checked(directory, bank)[0]


def load_checked(directory: Path, bank: Bank | None = None) -> tuple[Sitting | None, Path | None]:
    """The sitting in progress (or None), and where an unreadable one was set aside (or None).

    Anything wrong with the file (bad bytes, not JSON, wrong types, no partners, nesting so
    deep the parser gives up, a huge file, a folder in its place) sets it aside under a new
    name, so the app can start and nothing a partner typed is ever deleted. With the app's
    `bank`, the place reached and each answer are checked against the questions too.
    """
    path = directory / STATE_FILE
    try:
        # The one careful read: a pipe or a device in its place can neither block nor flood.
        data = json.loads(read_bytes(path, CollabcheckError, limit=MAX_STATE_BYTES).decode("utf-8"))
        return Sitting.from_json(data, bank), None
    except FileNotFoundError:
        return None, None
    except Exception:  # whatever is wrong, the file is set aside, never trusted
        return None, set_aside(path)


def set_aside(path: Path) -> Path | None:
    """Rename an unreadable state file beside itself (never overwriting); None if that fails."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        target = path.with_name(f"sitting-unreadable-{stamp}{'' if n == 1 else f'-{n}'}.json")
        if target.exists():
            continue
        try:
            path.rename(target)
        except OSError:
            return None
        return target
    return None


def clear(directory: Path) -> None:
    """Remove the sitting in progress (after its snapshot is saved, or when discarded)."""
    with contextlib.suppress(FileNotFoundError):
        (directory / STATE_FILE).unlink()
