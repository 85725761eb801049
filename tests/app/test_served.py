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
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN, shared=True)
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
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN, shared=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.state_dir != ann.folder
        assert "Unfinished sitting found" not in screen_text(app)
    app.release()
    assert store.load(ann.folder) is not None  # not thrown away


# -- each tab its own (no --shared-tabs) ---------------------------------------------------------


def codes(root):
    from collabcheck.tui import tab_code

    return lambda folder: tab_code.code_for(tab_code.state_key(root), folder)


async def test_a_tab_never_shows_another_pairs_sitting_and_carries_on_only_by_its_code(tmp_path, mini):
    from textual.widgets import Input

    from collabcheck.tui.screens.tab_code import TabCodeScreen

    root = tmp_path / "state"
    ann = waiting(root, mini, ["Ann", "Bo"], 4)
    ann.release()
    code = codes(root)(ann.folder)
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TabCodeScreen)
        assert "Ann" not in screen_text(app) and "Bo" not in screen_text(app)
        app.screen.query_one("#code", Input).value = "ABCD-EFGH" if code != "ABCD-EFGH" else "HGFE-DCBA"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TabCodeScreen)
        said = screen_text(app)
        assert "No unfinished sitting has that code" in said and "4 tries left" in said
        app.screen.query_one("#code", Input).value = code.lower().replace("-", " ")  # as typed
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert app.state_dir == ann.folder and app.sitting.answers == {"ann": {questions(mini)[0].id: 4}}
        assert code in str(app.format_title("collabcheck", "x"))
    app.release()


async def test_no_code_starts_anew_and_the_header_shows_the_new_code(tmp_path, mini):
    from collabcheck.tui.screens.tab_code import TabCodeScreen

    root = tmp_path / "state"
    ann = waiting(root, mini, ["Ann", "Bo"], 4)
    ann.release()
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TabCodeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.state_dir != ann.folder
        mine = codes(root)(app.state_dir)
        assert f"code {mine}" in str(app.format_title("collabcheck", "Welcome"))
        assert codes(root)(ann.folder) != mine
        await enter_people(pilot, [("Cy", ""), ("Di", "")])
        await pilot.pause()
        app.action_stop()  # the way back is named in the question
        await pilot.pause()
        assert f"type this code: {mine}" in screen_text(app)
    app.release()
    assert store.load(ann.folder).answers == {"ann": {questions(mini)[0].id: 4}}  # untouched


async def test_five_wrong_codes_and_the_tab_stops_asking(tmp_path, mini):
    from textual.widgets import Input

    from collabcheck.tui.screens.tab_code import TabCodeScreen

    root = tmp_path / "state"
    waiting(root, mini, ["Ann", "Bo"], 4).release()
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.pause()
            assert isinstance(app.screen, TabCodeScreen)
            app.screen.query_one("#code", Input).value = "2222-2222"
            await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    app.release()


async def test_past_sittings_and_partnerships_are_not_shown_in_a_tab(tmp_path, mini):
    from collabcheck.tui.screens.partnerships import PartnershipOffer

    root = tmp_path / "state"
    app = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.history_screen() is None
        assert app.check_action("history", ()) is False
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(PartnershipOffer).folder is None
    app.release()
    shared = ServedApp(mini, tmp_path / "snaps", root, now=lambda: FROZEN, shared=True)
    async with shared.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shared.history_screen() is not None
        await pilot.press("n")
        await pilot.pause()
        assert shared.screen.query_one(PartnershipOffer).folder is not None
    shared.release()


def test_a_damaged_code_key_is_replaced_and_codes_are_short_and_unambiguous(tmp_path):
    from collabcheck.tui import tab_code

    (tmp_path / tab_code.KEY_FILE).write_bytes(b"\x00" * 10)
    key = tab_code.state_key(tmp_path)
    assert len(key) == 43 and tab_code.state_key(tmp_path) == key
    code = tab_code.code_for(key, tmp_path / "20261207-131743-f76217")
    assert len(code) == 9 and code[4] == "-" and not set(code) & set("01OIL")
    assert tab_code.matches(f" {code.lower()} ", code) and not tab_code.matches(code[:-1], code)
