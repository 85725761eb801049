"""Snapshots: one TOML file per sitting, written once, read by reports and history.

Partnerships commit these files to shared repositories for years, so the reader is strict
about what would make a comparison wrong (unknown partners, values out of range) and lenient
about what is harmless (key order, unknown top-level keys, answers to items a later bank
dropped). The writer is atomic and never overwrites, so a crash or a clash loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import tomli_w

from collabcheck import __version__
from collabcheck.core.bank import FOCUS_VALUES, Bank, load_bank_for
from collabcheck.core.errors import SnapshotError
from collabcheck.core.files import atomic_write_new, parse_toml, read_toml
from collabcheck.core.slug import is_slug

SCHEMA = 2                      # the newest schema this collabcheck reads and writes
KNOWN_KEYS = {"schema", "pair", "taken_at", "bank", "bank_version", "partners", "answers",
              "notes", "agreed", "context", "form"}
FORMS = ("full", "quick")  # optional top-level `form`: "quick" for the quick check-in
Answer = int | str
# Where the partnership stands (spec §2 `[context]`, schema 2): asked once, together.
STAGES = ("starting", "under-a-year", "longer")
ROUTES = ("open", "under-radar", "undecided")
# Answer values new in schema 2: "less:<id>" (3+ partners), "outside", and "unsure" on
# authority and focus items. A schema-1 file never holds them.


@dataclass
class Partner:
    """Someone who answered; `id` is a slug used in answers, `name` is shown on screen."""

    id: str
    name: str
    role: str = ""


@dataclass
class Agreed:
    """What the partners decided together at the end of a sitting."""

    practice: int
    actions: list[str] = field(default_factory=list)


@dataclass
class Context:
    """Where the partnership stands: how long together, and which route it is taking now."""

    stage: str | None = None
    route: str | None = None


@dataclass
class Snapshot:
    """One sitting of one partnership, exactly as stored in the file.

    A plain dataclass, like the bank's records: `snapshot_from_data` is the one check of a
    file (each problem one line naming the file), so nothing checks the same values twice.
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
    schema: int = SCHEMA
    form: str | None = None  # "quick" for a quick check-in (core/forms.py); None means full
    # The (bank id, version) every answer was checked against when the file was read, so the
    # comparison need not check each answer a second time. Not part of the file, nor of ==;
    # a copy made with `dataclasses.replace` (changed answers, say) is checked afresh.
    _checked_with: tuple[str, int] | None = field(default=None, init=False, repr=False,
                                                  compare=False)

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

        out = [f"# collabcheck snapshot, written by collabcheck {__version__}\n",
               line("schema", self.schema), line("pair", self.pair),
               line("taken_at", self.taken_at), line("bank", self.bank),
               line("bank_version", self.bank_version)]
        if self.form is not None:
            out.append(line("form", self.form))
        for p in self.partners:
            out += ["\n[[partners]]\n", line("id", p.id), line("name", p.name)]
            if p.role:
                out.append(line("role", p.role))
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
            out += [line(k, v) for k, v in (("stage", self.context.stage),
                                             ("route", self.context.route)) if v]
        return "".join(out)


def check_value(value: Any, partner_ids: set[str] | frozenset[str], kind: str | None,
                schema: int = SCHEMA) -> str | None:
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
                return "\"less:\" is only for three or more partners"
            authority_ok = True
    if kind == "agree":
        return None if agree_ok else "must be a whole number from 1 to 5 or \"unsure\""
    if kind == "focus":
        return None if focus_ok else "must be one of " + ", ".join(
            [*FOCUS_VALUES, *(["unsure"] if new else [])])
    if kind == "authority":
        if authority_ok:
            return None
        if new:
            return ("must be \"shared\", \"more:<partner>\", \"mostly:<partner>\", "
                    "\"less:<partner>\", \"outside\" or \"unsure\"")
        return "must be \"shared\", \"more:<partner>\" or \"mostly:<partner>\" (schema 1)"
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
    return {kind: frozenset(w for w in words if check_value(w, partner_ids, kind, schema) is None)
            for kind in ("agree", "focus", "authority")}


def brief(value: Any, limit: int = 60) -> str:
    """A value as a message shows it: short, and never recursing into a table or a list
    (a hand-edited file can nest them thousands deep or hold a megabyte of text)."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    shown = repr(value[: limit + 1] if isinstance(value, str) else value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _key(key: str, limit: int = 60) -> str:
    """A key or id as a message shows it: as written, but never more than `limit` characters."""
    return key if len(key) <= limit else key[: limit - 1] + "…"


def _fail(path: str | Path, message: str) -> SnapshotError:
    return SnapshotError(path, message)


def snapshot_from_data(data: dict[str, Any], path: str | Path, bank: Bank | None = None,
                       warnings: list[str] | None = None) -> Snapshot:
    """Check parsed TOML against spec §2 and build a Snapshot; every failure is one clear line."""
    schema = data.get("schema")
    if type(schema) is not int:
        raise _fail(path, "no 'schema' number: is this a collabcheck snapshot?")
    if schema > SCHEMA:
        raise _fail(path, f"schema {schema} is newer than this collabcheck knows ({SCHEMA}); "
                          "please update collabcheck")
    if schema < 1:
        raise _fail(path, f"schema {schema} is not valid")
    for key in ("pair", "bank"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise _fail(path, f"'{key}' is missing or not text")
    if not is_slug(data["pair"]):
        raise _fail(path, f"pair {brief(data['pair'])} must be a slug (a-z, 0-9 and '-')")
    taken = data.get("taken_at")
    if taken is None:
        raise _fail(path, "has no 'taken_at' (when the sitting happened)")
    if not isinstance(taken, datetime) or taken.tzinfo is None:
        raise _fail(path, "'taken_at' must be a date and time with an offset, "
                          "like 2026-11-28T15:30:00+00:00")
    if type(data.get("bank_version")) is not int:
        raise _fail(path, "'bank_version' is missing or not a whole number")
    partners_raw = data.get("partners")
    if not isinstance(partners_raw, list) or not 2 <= len(partners_raw) <= 6:
        raise _fail(path, "there must be 2 to 6 [[partners]]")
    partners: list[Partner] = []
    for n, p in enumerate(partners_raw, 1):
        if not isinstance(p, dict):
            raise _fail(path, f"partner {n} is not a table")
        pid, name, role = p.get("id"), p.get("name"), p.get("role", "")
        if not isinstance(pid, str) or not is_slug(pid):
            raise _fail(path, f"partner {n}: 'id' must be a slug (a-z, 0-9 and '-')")
        if not isinstance(name, str) or not name.strip():
            raise _fail(path, f"partner '{pid}' has no name")
        if not isinstance(role, str):
            raise _fail(path, f"partner '{pid}': 'role' must be text")
        if any(q.id == pid for q in partners):
            raise _fail(path, f"partner id '{pid}' is used twice")
        partners.append(Partner(id=pid, name=name, role=role))
    ids = {p.id for p in partners}
    if bank is not None:  # check answers against the questions the partners saw (bank 1 ships)
        bank = load_bank_for(data["bank"], data["bank_version"], bank)
    items = bank.items_by_id if bank is not None and bank.id == data["bank"] else None
    answers = _check_tables(data.get("answers", {}), "answers", ids, path)
    fits = words_that_fit(frozenset(ids), schema)
    for pid, table in answers.items():
        for item_id, value in table.items():
            item = items.get(item_id) if items is not None else None
            kind = item.kind if item is not None else None
            if kind == "agree" and type(value) is int and 1 <= value <= 5:
                continue  # most answers: the same verdict check_value gives, without the call
            if type(value) is str and kind in fits and value in fits[kind]:
                continue  # a word the question takes: check_value's verdict, looked up
            problem = check_value(value, ids, kind, schema)
            if problem:
                raise _fail(path, f"answers.{pid}: \"{_key(item_id)}\" = {brief(value)} {problem}")
    notes = _check_tables(data.get("notes", {}), "notes", ids, path)
    for pid, table in notes.items():
        for item_id, value in table.items():
            if not isinstance(value, str):
                raise _fail(path, f"notes.{pid}: \"{_key(item_id)}\" must be text")
    agreed = data.get("agreed")
    agreed_model = None
    if agreed is not None:
        if not isinstance(agreed, dict):
            raise _fail(path, "[agreed] must be a table")
        practice = agreed.get("practice")
        if type(practice) is not int or not 1 <= practice <= 5:
            raise _fail(path, "agreed.practice must be a practice number from 1 to 5")
        actions = agreed.get("actions", [])
        if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
            raise _fail(path, "agreed.actions must be a list of texts")
        agreed_model = Agreed(practice=practice, actions=actions)
    context = _context(data.get("context"), schema, path, warnings)
    form = data.get("form")
    if form is not None and form not in FORMS:
        raise _fail(path, f"'form' must be one of {', '.join(FORMS)}")
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown and warnings is not None:
        warnings.append(f"{path}: warning: ignoring unknown key(s) {', '.join(_key(k) for k in unknown[:10])}"
                        + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""))
    snapshot = Snapshot(schema=schema, pair=data["pair"], taken_at=taken, bank=data["bank"],
                        bank_version=data["bank_version"], partners=partners, answers=answers,
                        notes=notes, agreed=agreed_model, context=context, form=form)
    if items is not None and bank is not None:
        snapshot._checked_with = (bank.id, bank.version)
    return snapshot


def _context(raw: Any, schema: int, path: str | Path, warnings: list[str] | None) -> Context | None:
    """`[context]` (schema 2): stage and route, each optional, each one of the known words."""
    if raw is None:
        return None
    if schema < 2:
        if warnings is not None:
            warnings.append(f"{path}: warning: ignoring [context], which needs schema 2")
        return None
    if not isinstance(raw, dict):
        raise _fail(path, "[context] must be a table")
    for key, allowed in (("stage", STAGES), ("route", ROUTES)):
        value = raw.get(key)
        if value is not None and value not in allowed:
            raise _fail(path, f"context.{key} must be one of {', '.join(allowed)}")
    return Context(stage=raw.get("stage"), route=raw.get("route"))


def _check_tables(raw: Any, name: str, ids: set[str], path: str | Path) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise _fail(path, f"[{name}] must be a table")
    for pid, table in raw.items():
        if pid not in ids:
            raise _fail(path, f"[{name}.{_key(pid)}] is for a partner not listed in [[partners]]")
        if not isinstance(table, dict):
            raise _fail(path, f"[{name}.{_key(pid)}] must be a table")
    return raw


def read_snapshot(path: str | Path, bank: Bank | None = None,
                  warnings: list[str] | None = None) -> Snapshot:
    """Read and check one snapshot file; with a bank, values are checked against item kinds."""
    path = Path(path)
    return snapshot_from_data(read_toml(path, SnapshotError), path, bank, warnings)


def parse_snapshot(text: str | bytes, name: str = "<snapshot>", bank: Bank | None = None) -> Snapshot:
    """Like read_snapshot, for text already in memory (tests, autosave)."""
    data = text.encode() if isinstance(text, str) else text
    return snapshot_from_data(parse_toml(data, name, SnapshotError), name, bank)


def file_name(snapshot: Snapshot) -> str:
    """`<YYYY-MM-DD>T<HHMM>-<pair>.toml`; the pair is a slug, so the name is always safe."""
    if not is_slug(snapshot.pair):
        raise ValueError(f"pair {snapshot.pair!r} is not a slug")
    return f"{snapshot.taken_at:%Y-%m-%dT%H%M}-{snapshot.pair}.toml"


def write_snapshot(snapshot: Snapshot, directory: str | Path, bank: Bank | None = None) -> Path:
    """Save a sitting into the snapshot folder and return the path it landed at."""
    return atomic_write_new(Path(directory), file_name(snapshot), snapshot.to_toml(bank))


