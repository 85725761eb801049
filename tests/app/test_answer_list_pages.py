"""Page Up and Page Down in a question's options are deliberate moves, as ↑ and ↓ are.

Back on an answered question the highlight sits on the answer given and Enter keeps it; a
page key that moves the highlight is a choice of its own, so Enter then takes the new option.
"""

from __future__ import annotations

from collabcheck.tui.screens.answer_list import AnswerList

from .conftest import SIZE
from .test_first_time_user import start_questions


async def back_on_an_answered_question(pilot) -> AnswerList:
    """Alice answers the first question with 2, then goes back to it."""
    q = await start_questions(pilot)
    await pilot.press("down", "down", "enter")
    await pilot.pause()
    assert pilot.app.sitting.answers["alice"] == {"find-partners.a": 2}
    await pilot.press("left")
    await pilot.pause()
    assert q.item is not None and q.item.id == "find-partners.a"
    options = q.query_one("#options", AnswerList)
    assert options.highlighted == 1 and not options.deliberate
    return options


async def test_page_up_moves_the_highlight_and_enter_takes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        options = await back_on_an_answered_question(pilot)
        await pilot.press("pageup")
        await pilot.pause()
        assert options.highlighted == 0 and options.deliberate
        await pilot.press("enter")
        await pilot.pause()
        assert app.sitting.answers["alice"]["find-partners.a"] == 1


async def test_page_down_moves_the_highlight_and_enter_takes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        options = await back_on_an_answered_question(pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        assert options.highlighted is not None and options.highlighted > 1 and options.deliberate
        await pilot.press("enter")
        await pilot.pause()
        assert app.sitting.answers["alice"].get("find-partners.a") != 2
