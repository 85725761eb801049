"""The welcome screen's footer shows only the keys that matter there and fits at 80 columns
with nothing cut; every other key of the screen still works and is listed in help."""

from __future__ import annotations

import asyncio

import pytest
from rich.cells import cell_len
from textual.widgets import Footer, Static

from collabcheck.tui.screens.help import HelpScreen
from collabcheck.tui.screens.welcome import WelcomeScreen

from .conftest import SIZE, background_done
from .test_screens import at, to_questions


async def on_welcome(pilot) -> WelcomeScreen:
    await pilot.pause()
    await background_done(pilot.app)
    await pilot.pause()
    assert isinstance(pilot.app.screen, WelcomeScreen)
    return pilot.app.screen


def footer_keys(screen) -> list:
    """The keys the footer draws (its own `FooterKey` widgets, found by type name: the class
    is not part of Textual's public API)."""
    return list(screen.query_one(Footer).query("FooterKey"))


def assert_every_label_fully_visible(screen) -> None:
    """Each key and its label lies wholly inside the footer at 80 columns, and no key (the
    palette's, docked on the right, included) covers another."""
    footer = screen.query_one(Footer)
    assert footer.region.width == SIZE[0]
    keys = footer_keys(screen)
    assert keys
    for key in keys:
        drawn = key.render().plain.strip()
        assert key.description in drawn and key.key_display in drawn
        assert key.region.width >= cell_len(drawn), drawn
        assert footer.region.x <= key.region.x and key.region.right <= footer.region.right, drawn
    spans = sorted((k.region.x, k.region.right) for k in keys)
    for (_, right), (left, _) in zip(spans, spans[1:], strict=False):
        assert right <= left, "two footer keys overlap"


def shown(screen) -> set[str]:
    return {k.description for k in footer_keys(screen)}


async def test_fresh_welcome_footer_fits_at_80_columns(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_welcome(pilot)
        assert shown(screen) == {"New sitting", "Sitting apart", "Help", "Stop", "palette"}
        assert_every_label_fully_visible(screen)


async def test_welcome_with_a_sitting_to_carry_on_footer_fits(make_app):
    async def first():
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await to_questions(pilot)
            await pilot.press("4")
            await pilot.pause()

    await first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_welcome(pilot)
        assert shown(screen) == {"New sitting", "Carry on", "Sitting apart", "Help", "Stop", "palette"}
        assert_every_label_fully_visible(screen)


@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_help_lists_every_key_of_the_welcome_screen(make_app, key):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_welcome(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        listed = str(app.screen.query_one("#keys-here", Static).render())
        for binding in WelcomeScreen.BINDINGS:
            if binding.key not in ("f1", "question_mark"):
                assert f"\n  {binding.key} " in listed, binding.key
        # and it is the first thing in help, seen without scrolling
        assert app.screen.query_one("#keys-here").region.bottom < SIZE[1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_keys_off_the_footer_still_work(make_app, tmp_path):
    from collabcheck.tui.demo import DemoTogetherScreen
    from collabcheck.tui.screens.history import HistoryScreen

    from ..gitrepo import git

    git(tmp_path, "init", "-q")  # a team's repository whose folder is not set up: i is offered
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_welcome(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, DemoTogetherScreen)
        await pilot.press("escape")
        await pilot.pause()
        screen = await on_welcome(pilot)
        assert screen.check_action("set_up", ())
        assert "Set up the folder" not in shown(screen)  # the note says "Press i"
        assert not app.snapshot_dir.exists()
        await pilot.press("i")
        for _ in range(50):
            await pilot.pause()
            await asyncio.sleep(0.02)
            if "Done:" in str(screen.query_one("#folder-note", Static).render()):
                break
        assert (app.snapshot_dir).is_dir()  # set up, as collabcheck init would
        await pilot.press("h")
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, HistoryScreen):
                break
        assert isinstance(app.screen, HistoryScreen)


def test_welcome_snapshot_at_80x24(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=at(lambda pilot: pilot.pause()))
