"""Plain mode reads each partner the question worded for their side of care, as the app does:
"as far as I know" for a patient partner where the bank words it so, the item's own words for
a professional or a partner who gave no side; "help" repeats the same wording."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.sitting import Sitting, questions
from collabcheck.plain.answering import Answering
from collabcheck.plain.talk import Conversation, Stop

FROZEN = datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc)
BANK = load_bank()
PEOPLE = [("Dr Amira", "GP"), ("Tom", "Patient partner"), ("Kim", "Chair")]


def said(item_id: str, partner: int, typed: str = "help\nstop\n") -> str:
    """Everything plain mode says to partner number `partner` at `item_id`, until they stop."""
    s = Sitting.new(BANK, PEOPLE, FROZEN, sides=["professional", "patient", ""])
    s.current_partner = partner
    s.current_item = next(n for n, i in enumerate(questions(BANK)) if i.id == item_id)
    out = io.StringIO()
    with pytest.raises(Stop):
        Answering(Conversation(io.StringIO(typed), out), s, BANK, lambda: None).run()
    return " ".join(out.getvalue().split())


@pytest.mark.parametrize("item_id", ["embed.approved", "find-partners.senior-backing", "embed.many-levels"])
def test_the_patient_partner_hears_as_far_as_i_know(item_id):
    item = BANK.items_by_id[item_id]
    tom = said(item_id, 1)
    assert tom.count(item.text_for("patient")) == 2  # read out, then again on "help"
    assert item.text not in tom
    for partner in (0, 2):  # the professional, and a partner with no side
        other = said(item_id, partner)
        assert other.count(item.text) == 2 and "As far as I know" not in other


def test_a_say_question_is_asked_in_each_sides_words():
    item = BANK.items_by_id["relationship.when-things-go-wrong"]
    tom, amira = said(item.id, 1), said(item.id, 0)
    assert item.text_for("patient") in tom and (item.prompt_for("patient") or "") in tom
    assert (item.prompt or "") not in tom
    assert item.text in amira and (item.prompt or "") in amira and "As far as you know" not in amira


def test_each_side_hears_its_own_kind_of_knowledge_and_the_answer_is_the_same_item():
    item = BANK.items_by_id["invest.knowledge-valued"]
    assert item.text_for("professional") in said(item.id, 0)
    assert item.text_for("patient") in said(item.id, 1)
    assert item.text in said(item.id, 2)
    # the answer lands on the same item id, whatever the wording
    s = Sitting.new(BANK, PEOPLE, FROZEN, sides=["professional", "patient", ""])
    s.current_partner = 1
    s.current_item = next(n for n, i in enumerate(questions(BANK)) if i.id == item.id)
    with pytest.raises(Stop):
        Answering(Conversation(io.StringIO("4\nstop\n"), io.StringIO()), s, BANK, lambda: None).run()
    assert s.answer_of("tom", item.id) == 4
