"""On "Who is here" the sides of care are a column: every row's "Side:" starts in the same
screen column at 80×24, whatever each side says (a tester saw "Side: patient?" drawn three
columns to the right of "Side: professional?" above it, because a button centres its label)."""

from __future__ import annotations

from textual.widgets import Input

from collabcheck.tui.screens.who import SideButton, WhoScreen

from .conftest import SIZE, drawn


def side_columns(app) -> dict[str, int]:
    """Each side button's text as drawn, with the screen column its first letter is in."""
    found = {}
    for button in app.screen.query(SideButton):
        text = drawn(button)
        found[text.strip()] = button.region.x + len(text) - len(text.lstrip())
    return found


async def test_the_sides_line_up_in_one_column_at_80x24(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen)
        await pilot.press("f3")
        await pilot.pause()
        rows = [("Dr Amira Khan", "GP"), ("Tom Hale", "Patient partner"), ("Sam Okafor", "")]
        for n, (name, role) in enumerate(rows, 1):
            app.screen.query_one(f"#name-{n}", Input).value = name
            app.screen.query_one(f"#role-{n}", Input).value = role
        await pilot.pause()
        columns = side_columns(app)
        assert set(columns) == {"Side: professional?", "Side: patient?", "Side: not given"}
        assert len(set(columns.values())) == 1, columns
        # the column starts at the buttons' left edge (after the one space a button keeps)
        buttons = list(app.screen.query(SideButton))
        assert [c - 1 for c in columns.values()] == [b.region.x for b in buttons]
        # choosing a side (F7 in Tom's row) keeps it in the column
        app.screen.query_one("#role-2", Input).focus()
        await pilot.press("f7")
        await pilot.pause()
        columns = side_columns(app)
        assert "Side: other" in columns and len(set(columns.values())) == 1, columns
