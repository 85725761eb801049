"""Sides of care on "Who is here": role words suggest a side, shown with a "?", F7 (or a
click) chooses one, a choice is never overwritten by the role, and the sides reach the
sitting, its draft and the snapshot."""

from __future__ import annotations

from textual.widgets import Input

from collabcheck.tui.screens.context import ContextScreen
from collabcheck.tui.screens.who import SideButton, WhoScreen

from .conftest import SIZE, screen_text


def side(app, n: int) -> SideButton:
    return app.screen.query_one(f"#side-{n}", SideButton)


def shown(app) -> str:
    """What the screen says, the side buttons' labels included."""
    return screen_text(app) + "\n" + "\n".join(str(b.label) for b in app.screen.query(SideButton))


async def test_role_words_suggest_a_side_visibly_and_f7_changes_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen)
        assert "Side: not given" in shown(app)
        await pilot.press(*"Alice", "tab", *"GP", "tab", *"Sam", "tab", *"Patient partner")
        await pilot.pause()
        assert (side(app, 1).side, side(app, 1).guessed) == ("professional", True)
        assert (side(app, 2).side, side(app, 2).guessed) == ("patient", True)
        text = shown(app)
        assert "Side: professional?" in text and "Side: patient?" in text
        assert "? means guessed from the role" in text
        # Sam is a carer on the professional side of another service, say: F7 in his row
        await pilot.press("f7")
        await pilot.pause()
        assert (side(app, 2).side, side(app, 2).guessed) == ("other", False)
        assert "Side: other" in shown(app) and "Side: other?" not in shown(app)
        # a choice made stays whatever the role says next
        await pilot.press("backspace", *"x")
        await pilot.pause()
        assert side(app, 2).side == "other"
        # the draft keeps the sides as they stand
        assert app.sitting.draft_sides == ["professional", "other"]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ContextScreen)
        assert [p.side for p in app.sitting.partners] == ["professional", "other"]


async def test_no_side_unless_given_and_a_click_cycles(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ann", "tab", *"Chair", "tab", *"Bo")
        await pilot.pause()
        # Tab still goes name, role, next name: the side is not in the way
        assert app.screen.query_one("#name-2", Input).value == "Bo"
        assert side(app, 1).side == "" and side(app, 2).side == ""
        await pilot.click("#side-2")
        await pilot.pause()
        assert side(app, 2).side == "professional"
        await pilot.pause(0.3)  # a second click, not a double click
        await pilot.click("#side-2")
        await pilot.pause()
        assert side(app, 2).side == "patient"
        # the cursor is left in that partner's row
        assert app.screen.focused is app.screen.query_one("#role-2", Input)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert [p.side for p in app.sitting.partners] == [None, "patient"]


async def test_f7_away_from_a_row_says_where_to_go(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#pair", Input).focus()
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert "press F7 for their side" in shown(app)
        assert [b.side for b in app.screen.query(SideButton)] == ["", ""]


async def test_sides_kept_in_a_draft_come_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = WhoScreen([("Alice", "GP"), ("Sam", "")], sides=["patient", "other"])
        await app.push_screen(screen)
        await pilot.pause()
        assert [b.side for b in screen.query(SideButton)] == ["patient", "other"]
        assert not any(b.guessed for b in screen.query(SideButton))  # chosen before, not guessed
