"""Hypothesis strategies for sittings, shared by the comparison, report and history tests.

Stable API (other tests import it): `BANKS`, `answer_values(item, pids)`,
`snapshots(bank, min_partners=2, max_partners=6, identical=False)`, `reorder(snapshot, order)`,
`with_answers(snapshot, pid, changes)`, `make_snapshot(bank, answers, names=None)`.
Generated answers include skips, "not sure", partners who skip whole practices and sittings
where nobody answers at all, because those are where comparisons break.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from collabcheck.core.bank import FOCUS_VALUES, Bank, Item, load_bank
from collabcheck.core.errors import BankError
from collabcheck.core.snapshot import ROUTES, STAGES, Context, Partner, Snapshot

ROOT = Path(__file__).resolve().parents[1]
MINI_BANK = load_bank(ROOT / "tests" / "fixtures" / "mini-bank")
try:
    SHIPPED_BANK: Bank | None = load_bank(ROOT / "questions")
except BankError:  # pragma: no cover - only while the real bank is being written
    SHIPPED_BANK = None
BANKS: list[Bank] = [b for b in (MINI_BANK, SHIPPED_BANK) if b is not None]

PARTNER_IDS = ["alice", "sam", "ravi", "jo", "mei", "tom", "ngozi", "pat"]
NAMES = st.text(min_size=1, max_size=20).filter(lambda s: s.strip())


def answer_values(item: Item, pids: list[str]) -> st.SearchStrategy[Any]:
    """Every value a partner could give to `item` (no skip)."""
    return _answer_values(item.kind, tuple(pids))


@cache
def _answer_values(kind: str, pids: tuple[str, ...]) -> st.SearchStrategy[Any]:
    """`answer_values`, made once for each kind and set of partners: a strategy made afresh
    for every statement of every partner was most of what the property tests spent (the
    values drawn are the same either way)."""
    if kind == "agree":
        return st.one_of(st.integers(1, 5), st.just("unsure"))
    if kind == "authority":
        hows = ("more", "mostly", "less") if len(pids) >= 3 else ("more", "mostly")
        return st.one_of(
            st.sampled_from(["shared", "outside", "unsure"]),
            st.sampled_from([f"{how}:{p}" for how in hows for p in pids]),
        )
    if kind == "focus":
        return st.sampled_from([*FOCUS_VALUES, "unsure"])
    raise ValueError(kind)


MODES = st.sampled_from(["full", "some", "some", "none"])
ONE_IN_SIX = st.integers(0, 5)
ONE_IN_FOUR = st.integers(0, 3)


@st.composite
def _partner_answers(draw: st.DrawFn, bank: Bank, pids: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    mode = draw(MODES)
    if mode == "none":
        return out
    for section in bank.sections:
        if mode == "some" and draw(ONE_IN_SIX) == 0:
            continue  # skips the whole section
        for item in section.items:
            if item.kind == "reflect":
                continue
            if mode == "some" and draw(ONE_IN_FOUR) == 0:
                continue
            out[item.id] = draw(answer_values(item, pids))
    return out


@st.composite
def snapshots(
    draw: st.DrawFn, bank: Bank, min_partners: int = 2, max_partners: int = 6, identical: bool = False
) -> Snapshot:
    """A valid sitting over `bank`; `identical=True` gives every partner the same answers."""
    n = draw(st.integers(min_partners, max_partners))
    pids = draw(st.permutations(PARTNER_IDS))[:n]
    if identical:
        same = draw(_partner_answers(bank, pids))
        answers = {pid: dict(same) for pid in pids}
    else:
        answers = {pid: draw(_partner_answers(bank, pids)) for pid in pids}
    names = [draw(NAMES) for _ in pids]
    snap = make_snapshot(bank, answers, names=names)
    return replace(snap, context=draw(CONTEXTS))


CONTEXTS = st.one_of(
    st.none(),
    st.builds(Context, stage=st.sampled_from([None, *STAGES]), route=st.sampled_from([None, *ROUTES])),
)


def with_context(snapshot: Snapshot, stage: str | None, route: str | None) -> Snapshot:
    """The same sitting, standing somewhere else (None for both: no [context] at all)."""
    context = Context(stage=stage, route=route) if stage or route else None
    return replace(snapshot, context=context)


def make_snapshot(
    bank: Bank, answers: dict[str, dict[str, Any]], names: list[str] | None = None, pair: str = "test-pair"
) -> Snapshot:
    """A sitting with the partners in the order of `answers`."""
    pids = list(answers)
    names = names or [pid.capitalize() for pid in pids]
    return Snapshot(
        pair=pair,
        taken_at=datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc) + timedelta(0),
        bank=bank.id,
        bank_version=bank.version,
        partners=[Partner(id=pid, name=name) for pid, name in zip(pids, names, strict=True)],
        answers={pid: dict(a) for pid, a in answers.items() if a},
    )


def reorder(snapshot: Snapshot, order: list[int]) -> Snapshot:
    """The same sitting with the partners (and their answer tables) listed in another order."""
    partners = [snapshot.partners[i] for i in order]
    answers = {p.id: dict(snapshot.answers[p.id]) for p in partners if p.id in snapshot.answers}
    return replace(snapshot, partners=partners, answers=answers)


def with_answers(snapshot: Snapshot, pid: str, changes: dict[str, Any]) -> Snapshot:
    """The same sitting with some of one partner's answers changed (None removes an answer)."""
    answers = {k: dict(v) for k, v in snapshot.answers.items()}
    table = answers.setdefault(pid, {})
    for item_id, value in changes.items():
        if value is None:
            table.pop(item_id, None)
        else:
            table[item_id] = value
    return replace(snapshot, answers=answers)
