"""The welcome screen's first button has the focus from the start, so one Enter does the safe
thing: Start on a fresh computer, Carry on when a sitting waits (never throwing it away).

The focus is given by the screen's AUTO_FOCUS rather than moved once the screen is mounted
(one restyle fewer before the first frame), so these tests catch a selector that misses.
"""

from __future__ import annotations

from textual.widgets import Button

from collabcheck.core.sitting import Sitting, save

from .conftest import FROZEN, SIZE


async def test_start_has_the_focus_and_enter_starts_a_new_sitting(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert isinstance(app.focused, Button) and app.focused.id == "new"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "WhoScreen"


async def test_carry_on_has_the_focus_when_a_sitting_waits(make_app, mini, tmp_path):
    save(Sitting.new(mini, [("Ann", ""), ("Bo", "")], FROZEN), tmp_path / "state")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
        assert app.screen.resumable is not None
        assert isinstance(app.focused, Button) and app.focused.id == "resume"
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ != "WelcomeScreen"
        assert app.sitting is not None and app.sitting.names == ["Ann", "Bo"]
