"""Plain mode and the app share one sitting in progress: begun in one, carried on in the other."""

from __future__ import annotations

import io

from collabcheck.core import sitting as store
from collabcheck.core.bank import questions
from collabcheck.plain.flow import run_plain
from collabcheck.tui.screens.welcome import WelcomeScreen

from .conftest import FROZEN, SIZE, enter_people, screen_text


async def test_begun_in_plain_mode_carried_on_in_the_app_and_back(make_app, tmp_path, mini):
    typed = "\n".join(["", "Ann", "", "", "Bo", "", "", "", "", "", "", "", "", "4", "2", "stop"]) + "\n"
    run_plain(
        mini, tmp_path / "snaps", tmp_path / "state", io.StringIO(typed), io.StringIO(), now=lambda: FROZEN
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "Ann's turn, question 3 of 24" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter", "5")  # the hand-over, then question 3
        await pilot.pause()
    items = questions(mini)
    s = store.load(tmp_path / "state")
    assert s.answers["ann"] == {items[0].id: 4, items[1].id: 2, items[2].id: 5}

    out = io.StringIO()
    run_plain(
        mini, tmp_path / "snaps", tmp_path / "state", io.StringIO("c\n\nstop\n"), out, now=lambda: FROZEN
    )
    said = " ".join(out.getvalue().split())
    assert "Ann's turn, question 4 of 24" in said
    assert "You carry on from question 4." in said


async def test_begun_in_the_app_carried_on_in_plain_mode(make_app, tmp_path, mini):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Cy", "Carer"), ("Di", "")])
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
    out = io.StringIO()
    run_plain(
        mini, tmp_path / "snaps", tmp_path / "state", io.StringIO("c\n\nb\n\nstop\n"), out, now=lambda: FROZEN
    )
    said = " ".join(out.getvalue().split())
    assert "An unfinished sitting was found: Cy and Di" in said
    assert "Your answer so far: Neither agree nor disagree. Press Enter to keep it." in said
    assert "Kept: Neither agree nor disagree." in said


async def test_names_half_typed_in_the_app_are_offered_in_plain_mode(make_app, tmp_path, mini):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("C", "y", "tab", "C", "a", "r", "e", "r")
        await pilot.pause()
    out = io.StringIO()
    run_plain(
        mini,
        tmp_path / "snaps",
        tmp_path / "state",
        io.StringIO("c\n\n\n\nDi\n\n\n\n\n\nstop\n"),
        out,
        now=lambda: FROZEN,
    )
    said = " ".join(out.getvalue().split())
    assert "the names were still being typed" in said
    assert "Typed before: Cy." in said and "Typed before: Carer." in said
    s = store.load(tmp_path / "state")
    assert [(p.name, p.role) for p in s.partners] == [("Cy", "Carer"), ("Di", "")]
