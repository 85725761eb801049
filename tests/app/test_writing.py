"""Writing is writing: on a written question no key ever changes another answer.

A trial found that after Help, a dialog or carrying on a sitting, Enter skipped the written
question and the words typed next were taken as keys: "b" went back, "n" set "not sure".
Each test reaches the written question a different way, types a sentence full of those
letters and digits, and compares the whole answer set before and after.
"""

from __future__ import annotations

import copy

import pytest
from textual.widgets import Checkbox, TextArea

from collabcheck.core.sitting import Sitting, questions, save
from collabcheck.tui.screens.questions import QuestionsScreen
from collabcheck.tui.screens.welcome import WelcomeScreen

from .conftest import FROZEN, SIZE, screen_text, showing
from .test_sitting_flow import keys_for

SENTENCE = "back pain, not sure 12345 s"
THINK = "find-partners.think"


def stored_sitting(bank, at: str = THINK) -> Sitting:
    """Alice and Sam, Alice part way through with rated answers before and after `at`."""
    s = Sitting.new(bank, [("Alice", "Nurse"), ("Sam", "Patient")], FROZEN)
    items = {i.id: i for i in questions(bank)}
    for item_id, value in [
        ("find-partners.a", 4),
        ("find-partners.b", "unsure"),
        ("find-partners.c", 2),
        ("invest.a", 5),
    ]:
        s.set_answer("alice", items[item_id], value)
    s.current_item = [i.id for i in questions(bank)].index(at)
    return s


async def carry_on(pilot) -> QuestionsScreen:
    """From the welcome screen: carry on, pass the hand-over, arrive at the question."""
    from collabcheck.tui.screens.handover import HandoverScreen

    await showing(pilot, WelcomeScreen)
    await pilot.press("r")
    await showing(pilot, HandoverScreen)
    await pilot.press("enter")
    return await showing(pilot, QuestionsScreen)


async def after_help(pilot):
    await pilot.press("f1")
    await pilot.pause()
    await pilot.press("escape")


async def after_palette(pilot):
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press("escape")


async def after_dialog(pilot):
    await pilot.press("ctrl+q")  # "Stop for now?"
    await pilot.pause()
    await pilot.press("n")  # Keep going


async def after_going_back(pilot):
    await pilot.press("right")  # on to a rated question
    await pilot.pause()
    assert pilot.app.screen.item.kind != "reflect"
    await pilot.press("left")  # and back


async def after_help_while_writing(pilot):
    await pilot.press("enter", "h", "i")
    await pilot.press("f1")
    await pilot.pause()
    await pilot.press("escape")


async def nothing(pilot):
    """Carrying on an interrupted sitting, through the hand-over screen."""


WAYS = {
    "resume": nothing,
    "help": after_help,
    "palette": after_palette,
    "dialog": after_dialog,
    "going back": after_going_back,
    "help while writing": after_help_while_writing,
}


@pytest.mark.parametrize(
    ("way", "start"), [(way, "enter") for way in WAYS] + [("resume", "a letter"), ("dialog", "a letter")]
)
async def test_a_sentence_goes_in_the_box_and_no_answer_changes(way, start, make_app, mini):
    app = make_app()
    s = stored_sitting(mini)
    s.set_note("alice", THINK, "Kept from before. ", False)  # carry on after these words
    save(s, app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        q = await carry_on(pilot)
        await WAYS[way](pilot)
        await pilot.pause()
        assert q.item.id == THINK
        before = copy.deepcopy(app.sitting.answers)
        box = q.query_one("#note", TextArea)
        already = box.text
        keys = keys_for(SENTENCE)
        await pilot.press(*(["enter", *keys] if start == "enter" else keys))
        await pilot.pause()
        assert q.item.id == THINK
        assert box.text.replace("\n", "") == already + SENTENCE
        assert app.sitting.answers == before
        assert app.sitting.note_of("alice", THINK).text == box.text


async def test_after_tab_to_a_button_letters_do_nothing(make_app, mini):
    """Tab to the private box or a button is deliberate: their keys work, letters do nothing."""
    app = make_app()
    save(stored_sitting(mini), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        q = await carry_on(pilot)
        before = copy.deepcopy(app.sitting.answers)
        await pilot.press("enter", "o", "k", "tab")
        await pilot.pause()
        assert q.query_one("#private", Checkbox).has_focus
        await pilot.press(*keys_for("bns3"))
        await pilot.pause()
        assert q.item.id == THINK and app.sitting.answers == before
        assert q.query_one("#note", TextArea).text == "ok"
        await pilot.press("space")  # the private box's own key still works
        await pilot.pause()
        assert q.query_one("#private", Checkbox).value is True


async def test_rated_questions_keep_their_one_key_answers(make_app, mini):
    app = make_app()
    save(stored_sitting(mini, at="find-partners.b"), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        q = await carry_on(pilot)
        await pilot.press("1")  # b: strongly disagree, on to c
        await pilot.pause()
        await pilot.press("b")  # b goes back on a rated question
        await pilot.pause()
        assert q.item.id == "find-partners.b"
        await pilot.press("n")  # not sure, on to c
        await pilot.press("s")  # skip c, on to the written question
        await pilot.pause()
        assert q.item.id == THINK
        assert app.sitting.answers["alice"]["find-partners.b"] == "unsure"
        assert "find-partners.c" not in app.sitting.answers["alice"]
        await pilot.press("b")  # a letter here: it starts writing
        await pilot.pause()
        assert q.item.id == THINK and q.query_one("#note", TextArea).text == "b"
        assert "Writing." in screen_text(app)


async def test_a_burst_of_letters_all_lands_in_the_box_in_order(make_app, mini):
    """In a real terminal a burst arrives before its first key is handled: every key must
    still reach the box, in order (a trial lost all but the first letter)."""
    from textual import events

    app = make_app()
    save(stored_sitting(mini), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        q = await carry_on(pilot)
        before = copy.deepcopy(app.sitting.answers)
        for ch in "being seen by the board, 5 times":  # all queued at once, none handled yet
            app.post_message(events.Key(ch if ch.isalnum() else {" ": "space", ",": "comma"}[ch], ch))
        await pilot.pause(0.3)
        box = q.query_one("#note", TextArea)
        assert box.text == "being seen by the board, 5 times"
        assert q.item.id == THINK and app.sitting.answers == before
