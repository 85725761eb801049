"""Problems a new-user trial found, each pinned by a test so the fix cannot quietly go."""

from __future__ import annotations

from collabcheck.tui.screens.questions import QuestionsScreen

from .conftest import SIZE, enter_people, screen_text


async def start_questions(pilot, people=(("Alice", ""), ("Sam", ""))) -> QuestionsScreen:
    await enter_people(pilot, list(people))
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, QuestionsScreen)
    return screen


async def test_enter_on_a_fresh_question_never_invents_an_answer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        q = await start_questions(pilot)
        assert "▶" not in screen_text(app)  # nothing looks chosen before it is
        await pilot.press("enter")
        await pilot.pause()
        assert q.item.id == "find-partners.b"
        assert app.sitting.answers.get("alice", {}) == {}
        # moving the highlight is a deliberate choice: then Enter takes it
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.sitting.answers["alice"] == {"find-partners.b": 2}
        # back to an answered question: Enter keeps the answer and moves on
        await pilot.press("left")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert q.item.id == "find-partners.c"
        assert app.sitting.answers["alice"] == {"find-partners.b": 2}


async def test_enter_on_fresh_power_and_focus_questions_leaves_them_unanswered(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        q = await start_questions(pilot, (("Ann", ""), ("Bo", ""), ("Cy", "")))
        while q.item.kind not in ("authority", "focus"):
            await pilot.press("ctrl+n" if q.item.kind == "reflect" else "3")
        seen = set()
        while q.item is not None and q.item.kind in ("authority", "focus"):
            seen.add(q.item.kind)
            before = q.item.id
            await pilot.press("enter")
            await pilot.pause()
            assert q.item is None or q.item.id != before
            assert before not in app.sitting.answers.get("ann", {})
        assert seen == {"authority", "focus"}


async def test_help_says_enter_keeps_and_never_picks(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        assert "→ or Enter: next" in screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert "never picks one for you" in screen_text(app)
