"""Nothing is lost: answers given, the app torn down without saving, a new app brings them all back."""

from __future__ import annotations

import json

from textual.widgets import Checkbox, TextArea

from collabcheck.tui.screens.handover import HandoverScreen
from collabcheck.tui.screens.questions import QuestionsScreen
from collabcheck.tui.screens.together import TogetherScreen
from collabcheck.tui.screens.welcome import WelcomeScreen

from .conftest import SIZE, enter_people, screen_text
from .test_sitting_flow import keys_for


async def test_every_answer_is_back_after_the_app_is_torn_down(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Alice", "Nurse"), ("Sam", "Patient")])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("5", "n", "s")
        await pilot.pause()
        await pilot.press("enter", *keys_for("half a thought"))
        await pilot.press("tab", "space")  # keep it private
        await pilot.pause()
        # no Ctrl+Q, no save: the test harness simply tears the app down here
    state = json.loads((tmp_path / "state" / "sitting.json").read_text())
    assert state["notes"]["alice"]["find-partners.think"] == {"text": "half a thought", "private": True}
    assert not (tmp_path / "snaps").exists()  # nothing, private or not, in the snapshot folder

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, WelcomeScreen)
        text = screen_text(again)
        assert "Unfinished sitting found" in text and "Alice and Sam" in text
        assert "Alice's turn, question 4 of 24" in text
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(again.screen, HandoverScreen)
        assert "Pass the keyboard to Alice" in screen_text(again)
        await pilot.press("enter")
        await pilot.pause()
        q = again.screen
        assert isinstance(q, QuestionsScreen) and q.item.id == "find-partners.think"
        assert q.query_one("#note", TextArea).text == "half a thought"
        assert q.query_one("#private", Checkbox).value is True
        await pilot.press("escape", "left")
        await pilot.pause()
        assert q.item.id == "find-partners.c" and "(your answer)" not in screen_text(again)
        await pilot.press("left")
        await pilot.pause()
        assert "● n  Not sure   (your answer)" in screen_text(again)
        await pilot.press("left")
        await pilot.pause()
        assert "● 5  Strongly agree   (your answer)" in screen_text(again)
        assert again.sitting.partners[0].role == "Nurse"


async def test_resume_after_everyone_finished_goes_to_the_comparison(make_app):
    """Starts from a sitting everyone has finished (answering by keys is covered by the
    key-by-key sittings): carrying on goes to the comparison, and a practice chosen there
    but not yet saved is still chosen next time."""
    from collabcheck.core.sitting import save

    from .test_markup_and_faults import finished

    app = make_app()
    save(finished(app.bank), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "everyone has answered" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TogetherScreen)
        await pilot.press("a", "4", "escape")  # a draft choice, not yet saved
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "everyone has answered" in screen_text(again)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(again.screen, TogetherScreen)
        await pilot.press("a")
        await pilot.pause()
        assert "● 4" in screen_text(again)


def a_sitting_left_after_who_is_here(app) -> None:
    """The sitting an app leaves after Ann and Bo are typed in on Who is here (the first
    test above has an app write it and read it back)."""
    from collabcheck.core.sitting import Sitting, save

    from .conftest import FROZEN

    s = Sitting.new(app.bank, [("Ann", ""), ("Bo", "")], FROZEN, folder=app.snapshot_dir)
    s.context_asked = True
    save(s, app.state_dir)


async def test_starting_afresh_asks_before_throwing_answers_away(make_app, tmp_path):
    a_sitting_left_after_who_is_here(make_app())
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "will be thrown away" in screen_text(again)
        await pilot.press("n")  # no: keep it
        await pilot.pause()
        assert isinstance(again.screen, WelcomeScreen)
        assert (tmp_path / "state" / "sitting.json").exists()


async def test_ctrl_q_offers_a_safe_stop(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Ann", ""), ("Bo", "")])
        await pilot.press("enter", "4")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Everything answered so far is kept" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == 0
    assert "carry on" in app.exit_message
    state = json.loads((tmp_path / "state" / "sitting.json").read_text())
    assert state["answers"]["ann"] == {"find-partners.a": 4}


async def test_a_sitting_from_other_questions_is_named_and_never_silently_replaced(
    make_app, shipped, tmp_path
):
    a_sitting_left_after_who_is_here(make_app())  # the mini bank
    other = make_app(shipped)
    async with other.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(other)
        assert "Unfinished sitting with other questions" in text and "'mini'" in text
        assert "Carry on" not in text
        await pilot.press("n")
        await pilot.pause()
        assert "will be thrown away" in screen_text(other)
        await pilot.press("n")
        await pilot.pause()
    assert json.loads((tmp_path / "state" / "sitting.json").read_text())["bank"] == "mini"
