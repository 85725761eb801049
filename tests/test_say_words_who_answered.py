"""The say's pattern speaks of those who answered: a partner "not sure" on every question
about who has the say has no view, so a trio where one did so is never told "both of you" or
"the other does not" as if the two who answered were everyone (report and cohort alike)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.snapshot import write_snapshot
from collabcheck.render import summary
from collabcheck.render.power import item_line, pattern_sentence, say_items
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


@pytest.mark.parametrize(
    ("ann", "bo", "words"),
    [
        ("shared", "mostly:ann", "of the two who answered, one sees it as shared, the other does not"),
        (
            "outside",
            "shared",
            "of the two who answered, one sees it outside the partnership, the other does not",
        ),
        ("mostly:bo", "mostly:ann", "each of the two who answered sees another holding most of it"),
        ("mostly:ann", "mostly:bo", "each of the two who answered sees themselves holding most of it"),
        ("shared", "shared", "the two who answered see it as shared"),
    ],
)
def test_the_cohort_says_the_same_of_a_trio_with_one_not_sure(tmp_path: Path, ann: str, bo: str, words: str):
    folder = tmp_path / "programme"
    write_snapshot(_trio(ann, bo), folder, BANK)
    ran = run_cli("--questions", str(MINI_BANK), "cohort", str(folder), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout)["partnerships"][0]["say"]["pattern"] == words


def test_a_partner_who_skipped_is_not_counted_in_both_of_you():
    """Cy skipped the say and the attention questions (no answer at all, not "not sure"):
    the question lines and the attention finding speak of the two who answered."""
    answers = {
        "ann": {
            **dict.fromkeys(SAY, "shared"),
            "relationship.time": "balanced",
            "relationship.first": "balanced",
        },
        "bo": {
            **dict.fromkeys(SAY, "shared"),
            "relationship.time": "balanced",
            "relationship.first": "balanced",
        },
        "cy": {"find-partners.a": 4},
    }
    c = compare(make_snapshot(BANK, answers, pair="ann-bo-and-cy"), BANK)
    lines = [item_line(i, names_of(c)) for i in say_items(c.authority)]
    assert all("the two of you who answered said shared equally" in line for line in lines), lines
    assert not any("both of you" in line for line in lines)
    attention = next(f for f in summary.findings(c) if f.startswith("Attention"))
    assert attention.startswith("Attention: the two of you who answered see it the same way"), attention


def test_the_picture_compares_only_those_with_a_view():
    """The picture's sentence under "The two of you who answered": a partner not sure on
    every say question gave no view, so the say's sameness is of the two who answered."""
    from collabcheck.history.picture import picture
    from collabcheck.render.picture import sentence

    c = compare(_trio("shared", "shared"), BANK)
    said = sentence(picture(c), names_of(c))
    assert "Cy gave no view of who has the say" in said, said
    assert "The two of you who answered see who has the say the same way" in said, said
    assert "The two who answered see" in sentence(picture(c), names_of(c), you=False)


def test_not_sure_on_carrying_responsibility_is_no_view_either():
    """'Not sure' on every question about carrying responsibility puts it with nobody: that
    partner is not told apart as seeing it elsewhere ("Cy's do not")."""
    from collabcheck.render.power import carrying_sentence

    bank = load_bank()
    carrying = [i.id for i in bank.items_of_kind("authority") if i.accountability]
    assert carrying
    answers = {
        "ann": dict.fromkeys(carrying, "mostly:ann"),
        "bo": dict.fromkeys(carrying, "mostly:ann"),
        "cy": dict.fromkeys(carrying, "unsure"),
    }
    c = compare(make_snapshot(bank, answers, pair="ann-bo-and-cy"), bank)
    said = carrying_sentence(c.authority, names_of(c))
    assert said is not None and said.startswith(
        "Ann and Bo's answers put the carrying of responsibility with Ann."
    )
    assert "Cy" not in said


def test_the_biggest_difference_is_joint_when_others_are_as_wide():
    """Ann 5s, Bo 1s: practices 2 to 5 are all as far apart as shown, so the summary names
    practice 2 as the joint biggest difference, never as the one biggest."""
    statements = [i.id for s in BANK.practices for i in s.rated]
    ann = dict.fromkeys(statements, 5)
    bo = dict.fromkeys(statements, 1)
    ann.update({"find-partners.a": 5, "find-partners.b": 4, "find-partners.c": 2})
    c = compare(make_snapshot(BANK, {"ann": ann, "bo": bo}), BANK)
    widest = next(f for f in summary.findings(c) if f.startswith("Biggest difference"))
    assert widest.startswith("Biggest difference: practice 2 (joint with 3, 4 and 5), where"), widest
