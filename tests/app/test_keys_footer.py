"""Each screen's footer is rebuilt only when the keys it shows change (KeysFooter): moving
from one statement to the next keeps the very same key widgets, a question of another kind
shows its own keys at once, and a change of focus that moves no shown key rebuilds nothing."""

from __future__ import annotations

from textual.widgets import Footer

from collabcheck.tui.widgets.keys_footer import KeysFooter

from .conftest import SIZE
from .test_screens import at_question
from .test_welcome_footer import footer_keys, on_welcome, shown


async def test_a_statement_like_the_last_keeps_the_footer_as_it_was(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_question(pilot, "agree")
        assert isinstance(screen.query_one(Footer), KeysFooter)
        await pilot.press("3")  # to the second statement: Back now works
        await pilot.pause()
        before = footer_keys(screen)
        assert "Back" in shown(screen) and before
        await pilot.press("3")  # to the third statement: the same keys
        await pilot.pause()
        assert footer_keys(screen) == before  # the same widgets, not rebuilt
        assert all(a is b for a, b in zip(footer_keys(screen), before, strict=True))
        await pilot.press("3")  # to the written reflection: other keys
        await pilot.pause()
        after = footer_keys(screen)
        assert "Start writing" in shown(screen)
        assert not set(map(id, after)) & set(map(id, before))


async def test_bindings_refreshed_with_the_same_keys_rebuild_nothing(make_app):
    """The questions screen refreshes its bindings after each move (the focus may have
    moved); when the keys shown are the same, the footer keeps its widgets."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await at_question(pilot, "agree")
        await pilot.press("3")
        await pilot.pause()
        before = footer_keys(screen)
        screen.refresh_bindings()
        await pilot.pause()
        assert all(a is b for a, b in zip(footer_keys(screen), before, strict=True))


async def test_moving_between_buttons_rebuilds_nothing(make_app):
    """Tab on the welcome screen moves the focus to another button: the keys that come and go
    with the focus are not shown, so the footer stays as it was."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await on_welcome(pilot)
        before = footer_keys(screen)
        focused = screen.focused
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused is not focused and screen.focused is not None
        assert before and all(a is b for a, b in zip(footer_keys(screen), before, strict=True))


async def test_the_palettes_key_gives_way_when_the_screens_keys_need_the_room(make_app):
    """The example's screen has seven keys: with the palette's beside them, "f1 Help" was
    cut to "f1 Hel" at 80 columns. The palette's key is left out there (Ctrl+P still opens
    it), and comes back on a screen with room for it, and on a wider terminal."""
    from collabcheck.tui.demo import DemoTogetherScreen

    from .conftest import showing
    from .test_welcome_footer import assert_every_label_fully_visible

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        welcome = await on_welcome(pilot)
        assert "palette" in shown(welcome)
        await pilot.press("e")
        demo = await showing(pilot, DemoTogetherScreen)
        await pilot.pause()
        assert {"Help", "Leave", "Agree?"} <= shown(demo) and "palette" not in shown(demo)
        assert_every_label_fully_visible(demo)
        await pilot.resize_terminal(120, 24)
        await pilot.pause(0.2)
        assert "palette" in shown(demo)
