"""Snapshot records and the rule for an answer: what a sitting holds, and what fits a question.

Plain dataclasses, cheap to import (the first screen and the app use them), and `check_value`,
the one rule for what answers a question: the snapshot's model (core/models.py), the state's
model, the app before it records an answer and the comparison all use it, so the app can
never write what the reader refuses. Reading and writing files is `core/snapshot.py`, which
re-exports these names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal, TypeGuard

import tomli_w

from collabcheck import __version__
from collabcheck.core.bank import FOCUS_VALUES, Bank

SCHEMA = 3  # the newest schema this collabcheck reads (and writes, when a side is given)
WRITTEN_SCHEMA = 2  # what a sitting with no sides is written as, so older readers still read it
Answer = int | str
# Where the partnership stands (the snapshot's `[context]`, schema 2): asked once, together.
ContextStage = Literal["starting", "under-a-year", "longer"]
Route = Literal["open", "under-radar", "undecided"]
STAGES: tuple[ContextStage, ...] = ("starting", "under-a-year", "longer")
ROUTES: tuple[Route, ...] = ("open", "under-radar", "undecided")


def is_stage(value: object) -> TypeGuard[ContextStage]:
    """Is this one of the stages (so the type checker knows it is)?"""
    return value in STAGES


def is_route(value: object) -> TypeGuard[Route]:
    """Is this one of the routes (so the type checker knows it is)?"""
    return value in ROUTES


# Answer values new in schema 2: "less:<id>" (3+ partners), "outside", and "unsure" on
# authority and focus items. A schema-1 file never holds them.


@dataclass
class Partner:
    """Someone who answered; `id` is a slug used in answers, `name` is shown on screen."""

    id: str
    name: str
    role: str = ""
    # Which side of care they come from (schema 3): "professional", "patient" or "other".
    side: str | None = None


@dataclass
class Agreed:
    """What the partners decided together at the end of a sitting."""

    practice: int
    actions: list[str] = field(default_factory=list)


@dataclass
class Context:
    """Where the partnership stands: how long together, and which route it is taking now."""

    stage: ContextStage | None = None
    route: Route | None = None


@dataclass
class Snapshot:
    """One sitting of one partnership, exactly as stored in the file.

    A plain record: what a valid file is lives in its model (`SnapshotModel` in
    core/models.py), which checks a file once as it is read (`read_snapshot`); nothing
    downstream checks the same values again.
    """

    pair: str
    taken_at: datetime
    bank: str
    bank_version: int
    partners: list[Partner]
    answers: dict[str, dict[str, Answer]] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)
    agreed: Agreed | None = None
    context: Context | None = None
    schema: int = WRITTEN_SCHEMA
    form: str | None = None  # "quick" for a quick check-in (core/forms.py); None means full
    # The (bank id, version) every answer was checked against when the file was read, so the
    # comparison need not check each answer a second time. Not part of the file, nor of ==;
    # a copy made with `dataclasses.replace` (changed answers, say) is checked afresh.
    checked_with: tuple[str, int] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A partner with no answers has no table in the file; keep the model the same shape.
        self.answers = {pid: table for pid, table in self.answers.items() if table}
        self.notes = {pid: table for pid, table in self.notes.items() if table}

    @property
    def partner_ids(self) -> list[str]:
        return [p.id for p in self.partners]

    def partner(self, partner_id: str) -> Partner:
        return next(p for p in self.partners if p.id == partner_id)

    def to_toml(self, bank: Bank | None = None) -> str:
        """The file text: answers in bank order (unknown items last), a comment naming the writer."""
        order = bank.order if bank is not None else {}

        def ordered(d: dict[str, Any]) -> dict[str, Any]:
            return dict(sorted(d.items(), key=lambda kv: (order.get(kv[0], len(order)),)))

        def line(key: str, value: Any) -> str:
            if isinstance(value, datetime):
                return f"{key} = {value.isoformat()}\n"
            return tomli_w.dumps({key: value})

        # A side is only in schema 3: a file that names one says so.
        schema = max(self.schema, 3) if any(p.side for p in self.partners) else self.schema
        out = [
            f"# collabcheck snapshot, written by collabcheck {__version__}\n",
            line("schema", schema),
            line("pair", self.pair),
            line("taken_at", self.taken_at),
            line("bank", self.bank),
            line("bank_version", self.bank_version),
        ]
        if self.form is not None:
            out.append(line("form", self.form))
        for p in self.partners:
            out += ["\n[[partners]]\n", line("id", p.id), line("name", p.name)]
            if p.role:
                out.append(line("role", p.role))
            if p.side:
                out.append(line("side", p.side))
        for table, content in (("answers", self.answers), ("notes", self.notes)):
            for pid, values in content.items():
                if values:
                    out.append(f"\n[{table}.{pid}]\n")
                    out += [line(k, v) for k, v in ordered(values).items()]
        if self.agreed is not None:
            out += ["\n[agreed]\n", line("practice", self.agreed.practice)]
            if self.agreed.actions:
                out.append(line("actions", list(self.agreed.actions)))
        if self.context is not None and (self.context.stage or self.context.route):
            out.append("\n[context]\n")
            out += [
                line(k, v) for k, v in (("stage", self.context.stage), ("route", self.context.route)) if v
            ]
        return "".join(out)


def check_value(
    value: Any, partner_ids: set[str] | frozenset[str], kind: str | None, schema: int = SCHEMA
) -> str | None:
    """Why an answer value is not allowed (None when it is); `kind` None means item unknown.

    The one rule for what fits a question: the reader, the sitting in progress and the
    comparison all use it, so the app can never write what the reader refuses.
    """
    agree_ok = (type(value) is int and 1 <= value <= 5) or value == "unsure"
    new = schema >= 2
    focus_ok = isinstance(value, str) and (value in FOCUS_VALUES or (new and value == "unsure"))
    authority_ok = False
    if isinstance(value, str):
        if value == "shared" or (new and value in ("outside", "unsure")):
            authority_ok = True
        elif value.startswith(("more:", "mostly:")) or (new and value.startswith("less:")):
            who = value.split(":", 1)[1]
            if who not in partner_ids:
                return f"names unknown partner '{who}'"
            if value.startswith("less:") and len(partner_ids) < 3:
                return '"less:" is only for three or more partners'
            authority_ok = True
    if kind == "agree":
        return None if agree_ok else 'must be a whole number from 1 to 5 or "unsure"'
    if kind == "focus":
        return (
            None if focus_ok else "must be one of " + ", ".join([*FOCUS_VALUES, *(["unsure"] if new else [])])
        )
    if kind == "authority":
        if authority_ok:
            return None
        if new:
            return (
                'must be "shared", "more:<partner>", "mostly:<partner>", '
                '"less:<partner>", "outside" or "unsure"'
            )
        return 'must be "shared", "more:<partner>" or "mostly:<partner>" (schema 1)'
    if kind == "reflect":
        return "is a reflection: it belongs under [notes], not [answers]"
    return None if (agree_ok or focus_ok or authority_ok) else "is not a value collabcheck knows"


@lru_cache(maxsize=1024)
def words_that_fit(partner_ids: frozenset[str], schema: int = SCHEMA) -> dict[str, frozenset[str]]:
    """Every word `check_value` accepts, by kind, for these partners and schema.

    A programme's history reads tens of thousands of answers; looking a word up is quicker
    than working out the verdict each time. The list is made by asking `check_value` itself
    about every word an answer could be, so the rule is written once; anything not listed
    still goes to `check_value`. Remembered per partnership (its sittings share partners).
    """
    words = {"shared", "outside", "unsure", *FOCUS_VALUES}
    for who in partner_ids:
        words |= {f"more:{who}", f"mostly:{who}", f"less:{who}"}
    return {
        kind: frozenset(w for w in words if check_value(w, partner_ids, kind, schema) is None)
        for kind in ("agree", "focus", "authority")
    }


def brief(value: Any, limit: int = 60) -> str:
    """A value as a message shows it: short, and never recursing into a table or a list
    (a hand-edited file can nest them thousands deep or hold a megabyte of text)."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    shown = repr(value[: limit + 1] if isinstance(value, str) else value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
