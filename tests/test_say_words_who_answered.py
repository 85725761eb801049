"""The say's pattern speaks of those who answered: a partner "not sure" on every question
about who has the say has no view, so a trio where one did so is never told "both of you" or
"the other does not" as if the two who answered were everyone (report and cohort alike)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.snapshot import write_snapshot
from collabcheck.render.power import pattern_sentence
from collabcheck.render.words import names_of
from collabcheck.scoring.compare import compare

from .conftest import MINI_BANK, run_cli
from .strategies import make_snapshot

BANK = load_bank(MINI_BANK)
SAY = ("relationship.purpose", "relationship.agenda")


def _trio(ann: str, bo: str, cy: str = "unsure"):
    answers = {p: {i: v for i in SAY} for p, v in (("ann", ann), ("bo", bo), ("cy", cy))}
    return make_snapshot(BANK, answers, pair="ann-bo-and-cy")


@pytest.mark.parametrize(
    ("ann", "bo", "cy", "said"),
    [
        ("shared", "shared", "unsure", "The two of you who answered see the say as shared."),
        (
            "shared",
            "mostly:ann",
            "unsure",
            "Of the two of you who answered, one sees the say as shared; the other does not.",
        ),
        (
            "outside",
            "shared",
            "unsure",
            "Of the two of you who answered, one sees the say lying outside your partnership; "
            "the other does not.",
        ),
        (
            "mostly:bo",
            "mostly:ann",
            "unsure",
            "Each of the two of you who answered sees the other holding most of the say.",
        ),
        (
            "mostly:ann",
            "mostly:bo",
            "unsure",
            "Each of the two of you who answered sees themselves holding most of the say.",
        ),
        ("shared", "shared", "shared", "All three of you see the say as shared."),
        ("shared", "mostly:ann", "shared", "Some of you see the say as shared; others do not."),
    ],
)
def test_the_pattern_speaks_of_those_who_answered(ann: str, bo: str, cy: str, said: str):
    c = compare(_trio(ann, bo, cy), BANK)
    assert pattern_sentence(c.authority, names_of(c)) == said


def test_a_pair_is_still_both_of_you():
    answers = {p: dict.fromkeys(SAY, "shared") for p in ("ann", "bo")}
    c = compare(make_snapshot(BANK, answers), BANK)
    assert pattern_sentence(c.authority, names_of(c)) == "Both of you see the say as shared."


def test_the_cohort_says_the_same_of_a_trio_with_one_not_sure(tmp_path: Path):
    folder = tmp_path / "programme"
    write_snapshot(_trio("shared", "mostly:ann"), folder, BANK)
    ran = run_cli("--questions", str(MINI_BANK), "cohort", str(folder), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    words = json.loads(ran.stdout)["partnerships"][0]["say"]["pattern"]
    assert words == "of the two who answered, one sees it as shared, the other does not"
