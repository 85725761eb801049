"""The Together screen's footer fits at 80 columns with every label whole: a trial in a real
terminal saw "f1 H▏" once the picture's key joined it (pair and trio, summary and picture)."""

from __future__ import annotations

import pytest

from collabcheck.tui.screens.together import TogetherScreen

from .conftest import SIZE
from .test_together_summary import _at
from .test_welcome_footer import assert_every_label_fully_visible, shown


@pytest.mark.parametrize("case", ["pair", "trio"])
async def test_the_together_footer_fits_at_80_columns(case, make_app, shipped):
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await _at(case)(pilot)
        assert isinstance(app.screen, TogetherScreen)
        assert {"Agree & save", "Picture", "Details", "Stop", "Help"} <= shown(app.screen)
        assert_every_label_fully_visible(app.screen)
        await pilot.press("p")
        await pilot.pause()
        assert_every_label_fully_visible(app.screen)


async def test_page_down_is_offered_only_when_there_is_more_to_read(make_app, shipped):
    """On the summary alone (it fits 80×24) PgDn would do nothing, so it is not offered;
    with the details open it is, and it scrolls (a tester pressed it eight times for nothing)."""
    from textual.containers import VerticalScroll

    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await _at("pair")(pilot)
        for _ in range(3):
            await pilot.pause()
        assert "More" not in shown(app.screen)
        await pilot.press("d")
        for _ in range(4):
            await pilot.pause()
        assert "More" in shown(app.screen)
        scroll = app.screen.query_one("#together", VerticalScroll)
        before = scroll.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > before
        assert_every_label_fully_visible(app.screen)
