"""Each partner reads the questions worded for their side of care: on the question screen, a
patient partner reads "as far as I know" where the bank words it so, and a professional (or a
partner who gave no side) reads the item's own words."""

from __future__ import annotations

from collabcheck.core.sitting import Sitting, questions
from collabcheck.tui.screens.questions import QuestionsScreen

from .conftest import FROZEN, SIZE, carry_on_from, screen_text

PEOPLE = [("Dr Amira", "GP"), ("Tom", "Patient partner"), ("Kim", "Chair")]


async def _at(pilot, bank, item_id: str, partner: int) -> str:
    """What partner number `partner` reads at `item_id`, sides given on Who is here."""
    s = Sitting.new(bank, PEOPLE, FROZEN, sides=["professional", "patient", ""])
    s.current_partner = partner
    s.current_item = next(n for n, i in enumerate(questions(bank)) if i.id == item_id)
    await carry_on_from(pilot, s)
    await pilot.press("enter")  # past the hand-over
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuestionsScreen)
    assert pilot.app.screen.partner.id == s.partners[partner].id
    return " ".join(screen_text(pilot.app).split())


async def test_the_patient_partner_reads_as_far_as_i_know_the_professional_the_items_words(make_app, shipped):
    approved = shipped.items_by_id["embed.approved"]
    patient = approved.text_for("patient")
    assert patient != approved.text and patient.startswith("As far as I know")
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        gp = await _at(pilot, shipped, "embed.approved", 0)
        assert approved.text in gp and "As far as I know" not in gp
        tom = await _at(pilot, shipped, "embed.approved", 1)
        assert patient in tom and approved.text not in tom
        kim = await _at(pilot, shipped, "embed.approved", 2)  # no side given: the item's words
        assert approved.text in kim and "As far as I know" not in kim


async def test_each_side_reads_its_own_question_and_prompt_on_a_say_question(make_app, shipped):
    item = shipped.items_by_id["relationship.when-things-go-wrong"]
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        gp = await _at(pilot, shipped, item.id, 0)
        assert item.text in gp and (item.prompt or "") in gp
        tom = await _at(pilot, shipped, item.id, 1)
        assert item.text_for("patient") in tom and (item.prompt_for("patient") or "") in tom
        assert item.text not in tom and (item.prompt or "") not in tom
        assert "Shared equally" in tom  # the same options on every side


async def test_each_side_reads_its_own_kind_of_knowledge(make_app, shipped):
    item = shipped.items_by_id["invest.knowledge-valued"]
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        assert item.text_for("professional") in await _at(pilot, shipped, item.id, 0)
        assert item.text_for("patient") in await _at(pilot, shipped, item.id, 1)
        assert item.text in await _at(pilot, shipped, item.id, 2)


def test_the_longest_patient_wording_fits_the_question_screen_at_80x24(snap_compare, make_app, shipped):
    """A patient partner at the longest "as far as I know" statement: it wraps onto two lines
    and every option, the hint and the keys still fit."""

    async def run_before(pilot) -> None:
        await _at(pilot, shipped, "embed.many-levels", 1)
        await pilot.pause()

    assert snap_compare(make_app(shipped), terminal_size=SIZE, run_before=run_before)
