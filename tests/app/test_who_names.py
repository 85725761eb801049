"""Names on "Who is here": the app refuses the names plain mode refuses (one check, in
core/names.py), with a plain one-line hint, and the screen is told whether to offer the
partnerships that sat before rather than reaching up to the app for it."""

from __future__ import annotations

import io

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static

from collabcheck.core.names import only_digits, same_name
from collabcheck.plain.talk import Conversation, EndOfInput
from collabcheck.plain.who import ask_who
from collabcheck.tui.screens.context import ContextScreen
from collabcheck.tui.screens.partnerships import PartnershipOffer
from collabcheck.tui.screens.who import WhoScreen

from .conftest import SIZE, background_done, drawn
from .test_partnerships import folder_of_sittings

NAMES = ["12", " 3 4 ", "0", "٣", "R2", "Ann 2", "2nd Ann", "Bo"]


@pytest.mark.parametrize(
    ("name", "number"),
    [("12", True), (" 3 4 ", True), ("0", True), ("٣", True), ("1\t2", True)]
    + [("R2", False), ("Ann 2", False), ("2nd Ann", False), ("", False), ("  ", False), ("½", False)],
)
def test_only_digits(name, number):
    assert only_digits(name) is number


def test_same_name_ignores_case_and_spacing():
    assert same_name(" Sam  Lee", "sam lee") and not same_name("Sam", "Sami")


def plain_refuses(name: str) -> bool:
    """Whether plain mode asks again when `name` is typed as the first partner's name."""
    out = io.StringIO()
    with pytest.raises(EndOfInput):  # refused or not, the next prompt finds no more input
        ask_who(Conversation(io.StringIO(f"{name}\n"), out), lambda *_: None)
    return "is a number, not a name" in out.getvalue()


async def app_refuses(make_app, name: str) -> tuple[bool, str]:
    """Whether the app stays on "Who is here" with `name` as the second partner, and the hint."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        who = app.screen
        assert isinstance(who, WhoScreen)
        who.query_one("#name-1", Input).value = "Ann"
        who.query_one("#name-2", Input).value = name
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        if app.screen is not who:
            assert isinstance(app.screen, ContextScreen)
            return False, ""
        problem = who.query_one("#problem", Static)
        assert who.focused is who.query_one("#name-2", Input)  # the box to put right
        return True, drawn(problem)


@pytest.mark.parametrize("name", NAMES)
async def test_the_app_refuses_exactly_the_names_plain_mode_refuses(make_app, name):
    refused, hint = await app_refuses(make_app, name)
    assert refused is plain_refuses(name) is only_digits(name)
    if refused:
        # one plain line at 80 columns, naming what to do
        assert hint == f"! {name.strip()} is a number, not a name. Please type partner 2's name."


async def test_a_number_is_refused_then_a_name_goes_through(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ann", "tab", "tab", *"42", "ctrl+n")
        await pilot.pause()
        who = app.screen
        assert isinstance(who, WhoScreen)
        assert "42 is a number, not a name" in drawn(who.query_one("#problem", Static))
        await pilot.press("backspace", "backspace", *"Bo")
        await pilot.pause()
        assert drawn(who.query_one("#problem", Static)) == ""  # typing again clears the hint
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ContextScreen)
    assert app.sitting is not None and [p.name for p in app.sitting.partners] == ["Ann", "Bo"]


class Bare(App[None]):
    """Any app at all: the screen must not depend on what its app happens to have."""

    def __init__(self, screen: WhoScreen) -> None:
        super().__init__()
        self.who = screen

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.push_screen(self.who)


@pytest.mark.parametrize("offer", [True, False])
async def test_whether_to_offer_partnerships_is_passed_down_to_the_screen(mini, tmp_path, offer):
    folder_of_sittings(mini, tmp_path / "snaps")
    app = Bare(WhoScreen(folder=tmp_path / "snaps", offer_known=offer))
    app.shares_partnerships = not offer  # type: ignore[attr-defined]  # never read by the screen
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await background_done(app)
        await pilot.pause()
        found = app.screen.query_one(PartnershipOffer)
        assert (found.folder is not None) is offer
        assert bool(found.known) is offer


async def test_the_app_passes_its_own_setting_down(make_app, mini, tmp_path):
    folder_of_sittings(mini, tmp_path / "snaps")
    app = make_app()
    app.shares_partnerships = False
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen) and not app.screen.offer_known
        assert app.screen.query_one(PartnershipOffer).folder is None


@pytest.mark.parametrize("sat_before", [False, True], ids=["new-folder", "partnerships-known"])
async def test_the_who_footer_fits_at_80_columns(make_app, mini, tmp_path, sat_before):
    """Every key the footer shows is wholly visible (F3 and F4 are on their buttons)."""
    from .test_welcome_footer import assert_every_label_fully_visible, shown

    if sat_before:
        folder_of_sittings(mini, tmp_path / "snaps")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await background_done(app)
        await pilot.pause()
        who = app.screen
        assert isinstance(who, WhoScreen)
        assert ("Sat before" in shown(who)) is sat_before
        assert {"Continue", "Back", "Side", "Help", "Stop"} <= shown(who)
        assert_every_label_fully_visible(who)
        buttons = " ".join(str(b.label) for b in who.query("Button"))
        assert "Add partner (F3)" in buttons and "Remove last (F4)" in buttons
        await pilot.press("f3")
        await pilot.pause()
        assert who.count == 3
