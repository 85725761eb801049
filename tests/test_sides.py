"""Sides of care: what role words suggest (never both ways), the cycle a key walks, and the
sides kept through the sitting's state and the snapshot file."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.sides import next_side, read_side, suggest_side
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import parse_snapshot

from .conftest import MINI_BANK

WHEN = datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("role", "side"),
    [
        ("Patient partner", "patient"),
        ("carer", "patient"),
        ("Member of the public", "patient"),
        ("GP", "professional"),
        ("Consultant", "professional"),
        ("Nurse", "professional"),
        ("Practice nurses", "professional"),
        ("Patient safety nurse", ""),  # both ways: the partner says
        ("Researcher", ""),
        ("", ""),
        ("Gpx", ""),  # a word, not a part of one
    ],
)
def test_role_words_suggest_a_side_or_none(role, side):
    assert suggest_side(role) == side


def test_one_key_walks_every_side_and_back_to_none():
    seen = [""]
    for _ in range(4):
        seen.append(next_side(seen[-1]))
    assert seen == ["", "professional", "patient", "other", ""]
    assert next_side("nonsense") == "professional"


@pytest.mark.parametrize(
    ("typed", "side"),
    [("1", "professional"), ("Professional", "professional"), ("2", "patient"), ("carer", "patient")]
    + [("3", "other"), ("none", ""), ("0", ""), ("maybe", None)],
)
def test_plain_answers_read_as_sides(typed, side):
    assert read_side(typed) == side


def test_sides_go_into_the_sitting_state_and_snapshot_and_back():
    bank = load_bank(MINI_BANK)
    s = Sitting.new(
        bank,
        [("Alice", "GP"), ("Sam", "Patient partner"), ("Jo", "")],
        WHEN,
        sides=["professional", "patient", ""],
    )
    assert [p.side for p in s.partners] == ["professional", "patient", None]
    again = Sitting.from_json(json.loads(s.to_json()), bank)
    assert [p.side for p in again.partners] == ["professional", "patient", None]
    text = again.to_snapshot(bank, WHEN).to_toml(bank)
    assert "schema = 3" in text
    read = parse_snapshot(text, bank=bank)
    assert [p.side for p in read.partners] == ["professional", "patient", None]


def test_without_sides_the_snapshot_stays_schema_2():
    bank = load_bank(MINI_BANK)
    s = Sitting.new(bank, [("Alice", "GP"), ("Sam", "Patient partner")], WHEN)
    text = s.to_snapshot(bank, WHEN).to_toml(bank)
    assert "side" not in text and "schema = 2" in text


def test_a_draft_keeps_its_sides_through_the_state_file():
    bank = load_bank(MINI_BANK)
    d = Sitting.draft(bank, [("Alice", "GP"), ("Sam", "")], "", WHEN, sides=["professional", ""])
    again = Sitting.from_json(json.loads(d.to_json()), bank)
    assert again.draft_sides == ["professional", ""]


def test_a_draft_side_that_is_not_a_side_is_refused():
    bank = load_bank(MINI_BANK)
    d = json.loads(Sitting.draft(bank, [("Alice", "")], "", WHEN).to_json())
    d["draft_sides"] = ["boss"]
    with pytest.raises(ValueError):
        Sitting.from_json(d, bank)
