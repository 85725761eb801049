"""The quick check-in is offered from the sittings where this sitting will be saved (the
snapshot folder it was started with, --dir or COLLABCHECK_DIR), not from wherever
collabcheck happens to run when a draft is carried on."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import collabcheck.core.sitting as store
from collabcheck.plain.quick import choose_form
from collabcheck.plain.talk import Conversation
from collabcheck.tui.quick import QuickOfferScreen
from collabcheck.tui.screens.context import ContextScreen
from collabcheck.tui.screens.handover import HandoverScreen
from collabcheck.tui.screens.who import WhoScreen

from .conftest import FROZEN, SIZE
from .test_flow import at
from .test_quick import full_sitting_before

PEOPLE = [("Alice", ""), ("Sam", "")]


def folders(tmp_path: Path) -> tuple[Path, Path]:
    """The folder the sitting was started with (given) and the one collabcheck runs in now
    (here: `snaps` under the working folder, as make_app's app has); one holds a recent full
    sitting of Alice and Sam."""
    given, here = tmp_path / "team" / "collabcheck", tmp_path / "snaps"
    given.mkdir(parents=True)
    here.mkdir()
    return given, here


@pytest.mark.parametrize("sat_in_given", [True, False], ids=["sat-in-given", "sat-only-here"])
async def test_a_carried_on_draft_is_offered_quick_from_its_own_folder(
    make_app, shipped, tmp_path, sat_in_given
):
    given, here = folders(tmp_path)
    full_sitting_before(shipped, 50, given if sat_in_given else here)
    # names typed in a sitting started with --dir team/collabcheck, then stopped
    store.save(store.Sitting.draft(shipped, PEOPLE, "", FROZEN, folder=given), tmp_path / "state")
    app = make_app(shipped)  # run again from elsewhere, without --dir
    assert app.snapshot_dir.resolve() == here.resolve()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await at(pilot, WhoScreen, "r")
        await at(pilot, ContextScreen, "ctrl+n")
        await pilot.press("enter")
        await pilot.pause()
        if sat_in_given:
            await at(pilot, QuickOfferScreen, "enter")
            await at(pilot, HandoverScreen, "q")
            assert app.sitting.form == "quick"
        else:  # this partnership never sat in the folder its sitting will be saved in
            await at(pilot, HandoverScreen, "enter")
            assert app.sitting.form != "quick"
    assert app.sitting is not None and Path(app.sitting.folder) == given.resolve()


@pytest.mark.parametrize("sat_in_given", [True, False], ids=["sat-in-given", "sat-only-here"])
def test_plain_mode_offers_quick_from_the_sittings_own_folder(shipped, tmp_path, sat_in_given):
    given, here = folders(tmp_path)
    full_sitting_before(shipped, 50, given if sat_in_given else here)
    s = store.Sitting.new(shipped, PEOPLE, FROZEN, folder=given)
    out, kept = io.StringIO(), []
    choose_form(Conversation(io.StringIO("1\n"), out), s, shipped, here, FROZEN, lambda: kept.append(1))
    assert ("A quick check-in?" in out.getvalue()) is sat_in_given
    assert (s.form == "quick") is sat_in_given and bool(kept) is sat_in_given
