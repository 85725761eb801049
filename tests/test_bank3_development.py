"""Bank 3's development question: in which direction the chances to develop as a leader have
gone. It is an authority question kept apart from the say, like carrying responsibility:
shown and compared, never counted as who has the say, and the reading says which way it went."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.errors import BankError
from collabcheck.core.snapshot import Partner, Snapshot
from collabcheck.render.json import report_json
from collabcheck.render.report import render_markdown, render_text
from collabcheck.scoring.compare import compare

BANK = load_bank()
DEV = "relationship.development"
SAY = [i.id for i in BANK.items_of_kind("authority") if not i.accountability and not i.development]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _answers(dev: str | None, say: str = "shared") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for s in BANK.practices:
        for item in s.of_kind("agree"):
            out[item.id] = 4
    for i in SAY:
        out[i] = say
    for item in BANK.items_of_kind("focus"):
        out[item.id] = "balanced"
    if dev is not None:
        out[DEV] = dev
    return out


def _sitting(
    amira_dev: str | None, tom_dev: str | None, sides: bool = False, say: str = "shared"
) -> Snapshot:
    return Snapshot(
        pair="amira-and-tom",
        taken_at=datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc),
        bank=BANK.id,
        bank_version=BANK.version,
        partners=[
            Partner("amira", "Dr Amira", "GP", "professional" if sides else None),
            Partner("tom", "Tom", "Patient partner", "patient" if sides else None),
        ],
        answers={"amira": _answers(amira_dev, say), "tom": _answers(tom_dev, say)},
    )


def test_the_development_question_is_an_authority_question_apart_from_the_say():
    dev = [i for i in BANK.items_of_kind("authority") if i.development]
    assert [i.id for i in dev] == [DEV]
    item = dev[0]
    assert not item.accountability and item.short and "not about the say" in (item.prompt or "")
    assert "invest.development-gap" not in BANK.items_by_id  # it became this question
    assert len(SAY) >= 5
    assert BANK.to_json()["sections"][-1]["items"][[i.id for i in BANK.relationship.items].index(DEV)][
        "development"
    ]


@pytest.mark.parametrize("say", ["shared", "mostly:amira", "more:tom"])
def test_development_answers_never_change_who_has_the_say_or_any_figure(say):
    """Whatever the development answers, every figure of the say and the suggestion is the
    same as with no development answers at all."""
    base = compare(_sitting(None, None, say=say), BANK)
    for amira, tom in [("mostly:amira", "mostly:amira"), ("shared", "mostly:tom"), ("more:tom", "outside")]:
        c = compare(_sitting(amira, tom, say=say), BANK)
        a, b = c.authority, base.authority
        assert (a.perceived_holder, a.strength, a.named, a.answered, a.totals) == (
            b.perceived_holder,
            b.strength,
            b.named,
            b.answered,
            b.totals,
        )
        assert (a.divergence, a.pattern_id, a.hierarchy) == (b.divergence, b.pattern_id, b.hierarchy)
        assert a.accountability_divergence == b.accountability_divergence
        assert c.suggestion.number == base.suggestion.number
        assert [p.priority for p in c.practices] == [p.priority for p in base.practices]
    # the development question itself is still compared: its own gap is worked out
    c = compare(_sitting("shared", "mostly:amira"), BANK)
    item = c.item(DEV)
    assert item is not None and item.development and item.divergence == 2.0


def test_the_reading_says_in_which_direction_development_has_gone_in_every_format():
    c = compare(_sitting("more:amira", "mostly:amira"), BANK)
    text, md = _flat(render_text(c, BANK)), _flat(render_markdown(c, BANK))
    said = "Both of you see the chances to develop as a leader going more to Dr Amira."
    assert said in text and said in md
    assert "Chances to develop as a leader" in text
    data = report_json(c)
    assert any(said in n for n in data["authority"]["notes"])
    dev_json = next(i for i in data["authority"]["items"] if i["id"] == DEV)
    assert dev_json["development"] is True
    json.dumps(data)
    # the development question is never listed among the say questions
    say_part = text.split("Question by question")[1].split("Chances to develop as a leader:")[0]
    assert "chances to develop" not in say_part.lower()
    assert "Chances to develop as a leader: Dr Amira, more Dr Amira; Tom, mostly Dr Amira." in text


def test_with_sides_development_gone_to_the_professional_is_named_as_the_guide_describes():
    with_sides = _flat(render_text(compare(_sitting("shared", "mostly:amira", sides=True), BANK), BANK))
    without = _flat(render_text(compare(_sitting("shared", "mostly:amira"), BANK), BANK))
    named = "That is development going to the professional side"
    assert named in with_sides and named not in without
    assert "invest in every partner's development" in without
    # gone to the patient partner: nothing about the professional side
    other = _flat(render_text(compare(_sitting("more:tom", "more:tom", sides=True), BANK), BANK))
    assert "going more to Tom." in other and named not in other
    one = _flat(render_text(compare(_sitting("shared", "mostly:amira", sides=True), BANK), BANK))
    assert "Tom sees the chances to develop as a leader going mostly to Dr Amira; Dr Amira does not." in one
    outside = _flat(render_text(compare(_sitting("outside", "shared"), BANK), BANK))
    assert "No answer puts the chances to develop as a leader with one of you." in outside


def test_shared_development_and_views_that_differ_are_said_plainly():
    shared = _flat(render_text(compare(_sitting("shared", "shared"), BANK), BANK))
    assert "No answer puts the chances to develop as a leader with one of you" in shared
    split = _flat(render_text(compare(_sitting("mostly:tom", "mostly:amira"), BANK), BANK))
    assert (
        "You see this differently: your answers name Dr Amira and Tom as having had more of the "
        "chances to develop as a leader."
    ) in split
    none = _flat(render_text(compare(_sitting(None, None), BANK), BANK))
    assert "Chances to develop as a leader" not in none


def _replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            'short = "the agenda"',
            'short = "the agenda"\ndevelopment = "yes"',
            "'development' must be true or false",
        ),
        (
            'short = "our time together"',
            'short = "our time together"\ndevelopment = true',
            "only makes sense on an authority item",
        ),
        (
            'short = "the agenda"',
            'short = "the agenda"\naccountability = true\ndevelopment = true',
            "without 'accountability'",
        ),
    ],
)
def test_a_development_flag_that_does_not_fit_is_one_line_naming_the_file(bank_copy, old, new, problem):
    _replace(bank_copy / "relationship.toml", old, new)
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    assert "relationship.toml" in str(err.value) and problem in str(err.value)
    assert "\n" not in str(err.value)


def test_a_development_flag_loads_and_keeps_the_item_out_of_the_say(bank_copy):
    _replace(
        bank_copy / "relationship.toml", 'short = "the agenda"', 'short = "the agenda"\ndevelopment = true'
    )
    bank = load_bank(bank_copy)
    assert bank.items_by_id["relationship.agenda"].development
    snap = Snapshot(
        pair="ann-and-bo",
        taken_at=datetime(2026, 12, 1, tzinfo=timezone.utc),
        bank=bank.id,
        bank_version=bank.version,
        partners=[Partner("ann", "Ann"), Partner("bo", "Bo")],
        answers={
            "ann": {"relationship.purpose": "shared", "relationship.agenda": "mostly:ann"},
            "bo": {"relationship.purpose": "shared", "relationship.agenda": "mostly:ann"},
        },
    )
    a = compare(snap, bank).authority
    assert a.perceived_holder == {"ann": "shared", "bo": "shared"} and a.answered == {"ann": 1, "bo": 1}
