"""One name per partnership: "Who is here" offers the partnerships found in the snapshot folder."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Input

import collabcheck.core.sitting as store
from collabcheck.core.bank import Bank
from collabcheck.core.partnerships import find_partnerships, known_pair
from collabcheck.core.snapshot import write_snapshot
from collabcheck.tui.screens.partnerships import PartnershipOffer, PartnershipScreen
from collabcheck.tui.screens.who import WhoScreen

from .conftest import FROZEN, SIZE, background_done, screen_text


def sat(bank: Bank, folder: Path, people, pair: str, days_ago: int) -> Path:
    when = FROZEN - timedelta(days=days_ago)
    s = store.Sitting.new(bank, people, when, pair=pair)
    return write_snapshot(s.to_snapshot(bank, when), folder, bank)


def folder_of_sittings(bank: Bank, folder: Path) -> None:
    sat(bank, folder, [("Maya", "GP"), ("Dev", "Patient partner")], "maya-and-dev", 200)
    sat(bank, folder, [("Maya", "GP partner"), ("Dev", "Patient partner")], "maya-and-dev", 100)
    sat(bank, folder / "older", [("Ann", ""), ("Bo", "Carer"), ("Cy", "")], "ann-bo-and-cy", 300)
    (folder / "2026-01-01T1000-broken.toml").write_text("schema = [")  # skipped, never shown


def test_partnerships_are_found_cheaply_and_bad_files_skipped(mini, tmp_path):
    folder_of_sittings(mini, tmp_path / "snaps")
    found = find_partnerships(tmp_path / "snaps")
    assert [p.pair for p in found] == ["maya-and-dev", "ann-bo-and-cy"]
    maya = found[0]
    assert maya.people == (("Maya", "GP partner"), ("Dev", "Patient partner"))  # the latest
    assert maya.sittings == 2 and maya.last == FROZEN - timedelta(days=100)
    assert known_pair(["dev", " Maya "], found) == "maya-and-dev"
    assert known_pair(["Dev", "Maya", "Bo"], found) is None
    assert find_partnerships(tmp_path / "nowhere") == []


async def on_who(pilot) -> WhoScreen:
    await pilot.press("n")
    await pilot.pause()
    await background_done(pilot.app)
    await pilot.pause()
    assert isinstance(pilot.app.screen, WhoScreen)
    return pilot.app.screen


async def test_choosing_a_partnership_fills_names_roles_and_keeps_its_name(make_app, mini, tmp_path):
    folder_of_sittings(mini, tmp_path / "snaps")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        who = await on_who(pilot)
        assert who.check_action("partnerships", ())
        assert "Press F5 to pick your partnership: maya-and-dev, ann-bo-and-cy." in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, PartnershipScreen)
        text = screen_text(app)
        assert (
            "maya-and-dev: Maya (GP partner) and Dev (Patient partner); last sat 20 August 2026, 2 sittings"
        ) in text
        assert "ann-bo-and-cy: Ann, Bo (Carer) and Cy; last sat 1 February 2026" in text
        assert "broken" not in text
        await pilot.press("down", "enter")  # the trio: a third row appears
        await pilot.pause()
        assert who.count == 3
        assert [who.query_one(f"#name-{n}", Input).value for n in (1, 2, 3)] == ["Ann", "Bo", "Cy"]
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert who.count == 2
        assert who.people() == [("Maya", "GP partner"), ("Dev", "Patient partner")]
        assert who.query_one("#pair", Input).value == "maya-and-dev"
        # they retype the names the other way round: the partnership keeps its name
        who.query_one("#name-1", Input).value = "Dev"
        who.query_one("#name-2", Input).value = "Maya"
        await pilot.pause()
        assert who.query_one("#pair", Input).value == "maya-and-dev"
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert app.sitting is not None and app.sitting.pair == "maya-and-dev"


async def test_names_typed_in_another_order_bring_back_the_partnership_name(make_app, mini, tmp_path):
    folder_of_sittings(mini, tmp_path / "snaps")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        who = await on_who(pilot)
        await pilot.press(*"Dev", "tab", "tab", *"Maya")
        await pilot.pause()
        assert who.query_one("#pair", Input).value == "maya-and-dev"
        await pilot.press("ctrl+n")
        await pilot.pause()
    assert app.sitting is not None and app.sitting.pair == "maya-and-dev"
    assert [p.name for p in app.sitting.partners] == ["Dev", "Maya"]


async def test_a_new_folder_offers_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        who = await on_who(pilot)
        offer = who.query_one(PartnershipOffer)
        assert offer.known == [] and not offer.display
        assert not who.check_action("partnerships", ())  # F5 is not offered
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen is who
        await pilot.press(*"Dev", "tab", "tab", *"Maya")
        await pilot.pause()
        assert who.query_one("#pair", Input).value == "dev-and-maya"


def test_pair_names_ending_in_digits_stay_apart(mini, tmp_path):
    folder = tmp_path / "snaps"
    sat(mini, folder, [("Ann", ""), ("Bo", "")], "team-2", 50)
    sat(mini, folder, [("Cy", ""), ("Di", "")], "team-3", 40)
    sat(mini, folder, [("Cy", ""), ("Di", "")], "team-3", 40)  # the same minute: saved as …-team-3-2
    found = {p.pair: p.sittings for p in find_partnerships(folder)}
    assert found == {"team-2": 1, "team-3": 2}
