"""Bank 3's wording per side of care: every variant asks the same thing as its item, in the
item's kind, and every item about what a patient partner often cannot see asks the patient
side "as far as I know" (or "as far as you know" in a question)."""

from __future__ import annotations

import re

import pytest

from collabcheck.core.bank import load_bank

from .conftest import SHIPPED_BANK
from .test_shipped_bank_rules import JARGON, NOT_FOR_EVERYONE, WE_FEEL

BANK = load_bank(SHIPPED_BANK)
VARIED = [i for i in BANK.items_by_id.values() if i.sides]

# What a patient partner often cannot see (formal approval, senior backing, what is fed back
# to those in charge, many levels of the organisation, who is answerable for the work).
CANNOT_SEE = {
    "find-partners.senior-backing",
    "energy.someone-to-vouch",
    "embed.approved",
    "embed.feed-back",
    "embed.many-levels",
    "relationship.when-things-go-wrong",
}
AS_FAR_AS = re.compile(r"\bas far as (i|you) know\b", re.I)

# The words that carry each varied item's meaning: the item's own text and every one of its
# variants must hold them, so a variant cannot drift to another idea.
MEANING = {
    "find-partners.senior-backing": r"\bsenior\b.*\bbacking\b",
    "energy.someone-to-vouch": r"\bsomeone with influence\b.*\bspeak up for our work\b",
    "embed.approved": r"\bformally approved our work\b",
    "embed.feed-back": r"\bpeople in charge\b.*\bobstacles\b",
    "embed.many-levels": r"\bpartnerships like ours\b.*\bmany levels\b.*\bboard\b",
    "invest.knowledge-valued": r"\bknow(ledge)?\b.*\bis valued in this partnership\b",
    "relationship.when-things-go-wrong": r"\banswer for it\b.*\bgoes wrong\b|\bgoes wrong\b.*\banswer for",
}


def _first_person(text: str) -> bool:
    """Whether the statement is about the person answering ("as far as I know" aside)."""
    return bool(re.search(r"\b(I|my|me)\b", AS_FAR_AS.sub("", text)))


def _we(text: str) -> bool:
    return bool(re.search(r"\b(we|our|us)\b", text, re.I))


def test_the_bank_has_variants_for_the_items_that_read_differently_by_side():
    assert {i.id for i in VARIED} == set(MEANING), "every varied item says what carries its meaning"
    assert {i.id for i in VARIED} >= CANNOT_SEE
    sides = {w.side for i in VARIED for w in i.sides}
    assert sides == {"patient", "professional"}


@pytest.mark.parametrize("item_id", sorted(MEANING))
def test_every_variant_keeps_the_items_meaning_and_kind(item_id):
    item = BANK.items_by_id[item_id]
    assert item.kind != "reflect", "a written question needs no wording per side"
    assert re.search(MEANING[item_id], item.text, re.I), item.text
    for w in item.sides:
        assert w.text != item.text, f"{item_id}/{w.side}: a variant says something in other words"
        assert re.search(MEANING[item_id], w.text, re.I), f"{item_id}/{w.side}: {w.text!r}"
        # the same person speaks: an "I" statement stays one, a "we" statement stays one
        if item.kind == "agree" and _first_person(item.text):
            assert re.search(r"\b(I|my|me)\b", w.text), f"{item_id}/{w.side}: still about me"
        elif item.kind == "agree":
            assert not _first_person(w.text), f"{item_id}/{w.side}: not about me alone"
        assert _we(w.text) == _we(item.text) or not _we(item.text), f"{item_id}/{w.side}: {w.text!r}"
        assert len(w.text.split()) <= 18, f"{item_id}/{w.side}"
        lower = w.text.lower()
        for word in JARGON + NOT_FOR_EVERYONE:
            assert word not in lower, f"{item_id}/{w.side}: {word!r}"
        if item.kind == "agree":
            assert " and " not in w.text, f"{item_id}/{w.side}: one idea per statement"
            assert not WE_FEEL.search(w.text)
            assert w.prompt is None
            assert w.text.endswith("."), "a statement to rate, not a question"
        else:
            assert w.text.endswith("?") and (w.prompt or item.prompt)
        if w.prompt is not None:
            assert item.kind in ("authority", "focus")
            assert w.prompt.rstrip().endswith(("?", ".")) and len(w.prompt.split()) <= 18
            if item.accountability:
                assert "not about" in w.prompt, f"{item_id}: still says this is not about the say"
    # the loader gives a variant nothing else to change: kind, reverse and short are the item's
    assert item.text_for("patient") and item.label == (item.short or item.text)


@pytest.mark.parametrize("item_id", sorted(CANNOT_SEE))
def test_what_a_patient_partner_often_cannot_see_is_asked_as_far_as_they_know(item_id):
    item = BANK.items_by_id[item_id]
    assert AS_FAR_AS.search(item.text_for("patient")), item.text_for("patient")
    if item.kind in ("authority", "focus"):
        assert AS_FAR_AS.search(item.prompt_for("patient") or ""), item.prompt_for("patient")
    # the professional side, and a partner who gave no side, read the item's own words
    assert item.text_for("professional") == item.text_for("") == item.text
    assert not AS_FAR_AS.search(item.text)


def test_as_far_as_you_know_is_only_for_the_patient_side_of_those_items():
    for item in BANK.items_by_id.values():
        for w in item.sides:
            worded = f"{w.text} {w.prompt or ''}"
            if AS_FAR_AS.search(worded):
                assert (item.id, w.side) in {(i, "patient") for i in CANNOT_SEE}, (item.id, w.side)


def test_the_knowledge_item_names_each_sides_own_kind_of_knowledge():
    item = BANK.items_by_id["invest.knowledge-valued"]
    assert "experience" in item.text_for("patient")
    assert "training" in item.text_for("professional")
    assert "life" in item.text and "work" in item.text  # no side given: both kinds named
    assert not item.reverse and item.kind == "agree"


def test_questions_json_shows_the_variants():
    data = BANK.to_json()
    items = {i["id"]: i for s in data["sections"] for i in s["items"]}
    for item in VARIED:
        assert set(items[item.id]["sides"]) == {w.side for w in item.sides}
    assert "sides" not in items["invest.trust"]


def test_questions_text_shows_each_sides_wording_within_80_columns():
    from collabcheck.render.questions import bank_as_text

    text = bank_as_text(BANK)
    assert all(len(line) <= 80 for line in text.splitlines())
    flat = " ".join(text.split())
    for item in VARIED:
        for w in item.sides:
            assert f"{w.side} side reads: {w.text}" in flat, (item.id, w.side)
            if w.prompt:
                assert f"and is asked: {w.prompt}" in flat


def test_the_quick_check_in_asks_each_side_in_the_same_words_as_the_full_form():
    from collabcheck.core.forms import form_bank, quick_form

    form = quick_form(BANK)
    assert form is not None and form.bank_version == BANK.version
    quick = form_bank(BANK, form)
    assert "embed.approved" in form.ids
    for item_id in form.ids:
        assert quick.items_by_id[item_id].sides == BANK.items_by_id[item_id].sides
    assert AS_FAR_AS.search(quick.items_by_id["embed.approved"].text_for("patient"))
