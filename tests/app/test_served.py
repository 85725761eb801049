"""The app as each browser tab runs it (`collabcheck serve`): a sitting folder of its own,
the unfinished sittings nobody is using listed first, and a held one never offered twice."""

from __future__ import annotations

from datetime import datetime, timezone

from textual.widgets import Button

from collabcheck.core import sitting as store
from collabcheck.core import state
from collabcheck.core.bank import questions
from collabcheck.core.sitting import Sitting
from collabcheck.tui.screens.handover import HandoverScreen
from collabcheck.tui.screens.sittings import SittingsScreen
from collabcheck.tui.screens.welcome import WelcomeScreen
from collabcheck.tui.served import ServedApp

from .conftest import FROZEN, SIZE, enter_people, screen_text


def waiting(root, mini, names, answer):
    claim = state.new_claim(root)
    s = Sitting.new(mini, [(n, "") for n in names], datetime(2026, 11, 28, 10, 0, tzinfo=timezone.utc))
    s.set_answer(s.partner.id, questions(mini)[0], answer)
    s.current_item = 1
    store.save(s, claim.folder)
    return claim


async def test_a_new_tab_with_nothing_waiting_gets_its_own_folder(tmp_path, mini):
    app = ServedApp(mini, tmp_path / "snaps", tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.state_dir.parent == tmp_path / "state" / "sittings"
        assert state.is_held(app.state_dir)
        await enter_people(pilot, [("Ann", ""), ("Bo", "")])
        await pilot.pause()
        assert store.load(app.state_dir).partners[0].name == "Ann"
        assert not (tmp_path / "state" / "sitting.json").exists()  # not the terminal's sitting
        folder = app.state_dir
    app.release()
    assert not state.is_held(folder) and (folder / "sitting.json").exists()


async def test_unfinished_sittings_are_listed_and_one_is_carried_on(tmp_path, mini):
    root = tmp_path / "state"
    ann = waiting(root, mini, ["Ann", "Bo"], 4)
    ann.release()
    cy = waiting(root, mini, ["Cy", "Di"], 2)  # still held by its own tab: not offered
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SittingsScreen)
        text = screen_text(app) + "\n".join(str(b.label) for b in app.screen.query(Button))
        assert "Unfinished sittings on this computer (1)" in text
        assert "Ann and Bo" in text and "Ann's turn, question 2 of 24" in text
        assert "Cy" not in text
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert app.state_dir == ann.folder and state.is_held(ann.folder)
        assert app.sitting.answers == {"ann": {questions(mini)[0].id: 4}}
        await pilot.press("enter", "5")  # question 2, autosaved in Ann and Bo's own folder
        await pilot.pause()
    app.release()
    assert store.load(ann.folder).answers["ann"][questions(mini)[1].id] == 5
    assert store.load(cy.folder).answers == {"cy": {questions(mini)[0].id: 2}}
    cy.release()


async def test_a_new_sitting_from_the_list_leaves_the_waiting_one_alone(tmp_path, mini):
    root = tmp_path / "state"
    ann = waiting(root, mini, ["Ann", "Bo"], 4)
    ann.release()
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.state_dir != ann.folder
        assert "Unfinished sitting found" not in screen_text(app)
    app.release()
    assert store.load(ann.folder) is not None  # not thrown away
