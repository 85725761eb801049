"""Names and reflections keep every character typed: the zero-width joiner of many emoji and
the zero-width non-joiner of Persian names are not "printable" to Python, and Textual's boxes
dropped them when typed, so "👩‍⚕️" was saved as "👩⚕️" (a trial as a new user)."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from collabcheck.core.sitting import save

from .conftest import SIZE, burst, showing
from .test_writing import carry_on, stored_sitting

HEALTH_WORKER = "👩\u200d⚕\ufe0f"  # woman, joiner, staff of Aesculapius, emoji form
PERSIAN = "می\u200cخواهم"  # with a zero-width non-joiner between its two parts


async def test_a_name_and_a_role_keep_their_joiners(make_app):
    from collabcheck.tui.screens.who import WhoScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        who = await showing(pilot, WhoScreen)
        burst(app, list(PERSIAN))
        await pilot.pause(0.2)
        who.query_one("#role-1", Input).focus()
        await pilot.pause()
        burst(app, list(HEALTH_WORKER))
        await pilot.pause(0.2)
        assert who.query_one("#name-1", Input).value == PERSIAN
        assert who.query_one("#role-1", Input).value == HEALTH_WORKER


async def test_a_reflection_keeps_its_joiners(make_app, mini):
    app = make_app()
    save(stored_sitting(mini), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        q = await carry_on(pilot)
        burst(app, list(f"{PERSIAN} {HEALTH_WORKER}".replace(" ", "")))
        await pilot.pause(0.3)
        assert q.query_one("#note", TextArea).text == f"{PERSIAN}{HEALTH_WORKER}"
