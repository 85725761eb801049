"""The quick check-in in plain mode, end to end: offered, asked, read, saved as quick."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

from collabcheck.core.bank import load_bank
from collabcheck.core.forms import quick_form
from collabcheck.core.snapshot import Partner, Snapshot, read_snapshot, write_snapshot
from collabcheck.plain.flow import run_plain
from collabcheck.render.quick import QUICK_READING

from .test_plain_sitting import WHEN, together, who

BANK = load_bank()
FORM = quick_form(BANK)


def earlier_full(folder: Path, days: int) -> None:
    answers = {pid: {i.id: 3 for i in BANK.items_of_kind("agree")} for pid in ("ann", "bo")}
    write_snapshot(
        Snapshot(
            pair="ann-and-bo",
            taken_at=WHEN - timedelta(days=days),
            bank=BANK.id,
            bank_version=BANK.version,
            partners=[Partner("ann", "Ann"), Partner("bo", "Bo")],
            answers=answers,
        ),
        folder,
        BANK,
    )  # type: ignore[arg-type]


def run(typed: list[str], tmp_path: Path) -> str:
    out = io.StringIO()
    status = run_plain(
        BANK,
        tmp_path / "snaps",
        tmp_path / "state",
        io.StringIO("\n".join(typed) + "\n"),
        out,
        now=lambda: WHEN,
    )
    assert status == 0
    return out.getvalue()


def test_a_quick_sitting_in_plain_mode(tmp_path):
    assert FORM is not None
    earlier_full(tmp_path / "snaps", 40)
    typed = who([("Ann", ""), ("Bo", "")]) + ["2 please", "1"]  # not understood, then quick
    for _ in range(2):
        typed += [""] + ["3"] * len(FORM.items) + [""]
    typed += together("2", ["Meet monthly"])
    said = run(typed, tmp_path)
    flat = re.sub(r"\s+", " ", said)
    assert "A quick check-in? You last sat in full on" in flat
    assert "1. Quick check-in: 15 questions each" in said and "2. Full sitting: 45 questions each" in said
    assert "Sorry, that is not one of the choices." in flat
    assert "You chose the quick check-in." in flat
    assert "Question 15 of 15" in flat and "of 45" not in flat
    assert " ".join(QUICK_READING.split()) in flat
    assert flat.index("It cannot give the full picture") < flat.index("The comparison has")
    (path,) = [p for p in (tmp_path / "snaps").glob("*.toml") if p.name.startswith(f"{WHEN:%Y-%m-%d}")]
    snap = read_snapshot(path, BANK)
    assert snap.form == "quick"
    assert all(set(t) == FORM.ids for t in snap.answers.values())


def test_full_chosen_in_plain_mode_asks_everything(tmp_path):
    earlier_full(tmp_path / "snaps", 40)
    typed = who([("Ann", ""), ("Bo", "")]) + ["2", ""] + ["3"] * 3 + ["stop"]
    flat = re.sub(r"\s+", " ", run(typed, tmp_path))
    assert "You chose the full sitting." in flat and "Question 1 of 45" in flat
    assert "quick check-in" not in flat.split("You chose the full sitting.")[1]


def test_no_offer_without_a_recent_full_sitting(tmp_path):
    earlier_full(tmp_path / "snaps", 400)
    typed = who([("Ann", ""), ("Bo", "")]) + ["", "stop"]
    flat = re.sub(r"\s+", " ", run(typed, tmp_path))
    assert "A quick check-in?" not in flat and "Question 1 of 45" in flat
