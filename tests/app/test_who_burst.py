"""Names typed in one burst on "Who is here", Ctrl+N included, are all in before it continues.

Ctrl+N was a priority binding, run as the key arrived, before the letters typed just before
it had reached their box: "Ann Tab Tab Bo Ctrl+N" typed quickly found partner 2 nameless and
stayed on the screen. Now it waits its turn behind the letters.
"""

from __future__ import annotations

from collabcheck.tui.screens.context import ContextScreen
from collabcheck.tui.screens.who import WhoScreen

from .conftest import SIZE, burst


async def test_ctrl_n_typed_in_a_burst_after_the_names_continues_with_them(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen)
        burst(app, [*"Ann", "tab", "tab", *"Bo", "ctrl+n"])
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, ContextScreen):
                break
        assert isinstance(app.screen, ContextScreen), "still on Who is here"
        assert [p.name for p in app.sitting.partners] == ["Ann", "Bo"]
        await pilot.pause(0.2)
