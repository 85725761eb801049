"""The demo in the app: the example's Together screen, marked as an example, saving nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.examples import examples_dir, load_example
from collabcheck.tui.demo import DemoApp, DemoHistoryScreen, DemoTogetherScreen

from ..test_demo import listing, places  # noqa: F401 - the fixture
from .conftest import SIZE, screen_text


async def _until(pilot, check, tries: int = 200) -> None:
    for _ in range(tries):
        if check():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


@pytest.mark.parametrize("size", [SIZE])
async def test_demo_opens_on_together_marked_as_an_example_and_saves_nothing(places, size):  # noqa: F811
    from collabcheck.core.bank_cache import read_only

    before = listing(*places.values(), examples_dir())
    with read_only():  # as `collabcheck demo` runs it (cli cmd_demo)
        await _demo_saves_nothing(places, size)
    assert listing(*places.values(), examples_dir()) == before


async def _demo_saves_nothing(places, size) -> None:  # noqa: F811
    app = DemoApp(load_example(load_bank()))
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DemoTogetherScreen)
        text = screen_text(app)
        assert "EXAMPLE." in text and "made up" in text and "saved anywhere" in text
        assert "How you each see your partnership" in text
        await pilot.pause()
        assert "EXAMPLE" in app.screen.sub_title
        # agreeing would save in a real sitting: here it only says so
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, DemoTogetherScreen)
        await _until(
            pilot,
            lambda: any("This example saves nothing" in str(t.render()) for t in app.screen.query("Toast")),
        )
        # their history, read without the cache
        await pilot.press("h")
        await _until(
            pilot, lambda: isinstance(app.screen, DemoHistoryScreen) and app.screen.history is not None
        )
        history = screen_text(app)
        assert "Amira and Tom's 4 sittings (made up)" in history and "Amira Haddad" in history
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DemoTogetherScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0
    assert not any(Path(places["state"]).parent.glob("**/sitting.json"))


async def test_welcome_offers_the_demo_and_comes_back(make_app, tmp_path):
    from collabcheck.tui.screens.welcome import WelcomeScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "An example (e)" in str(app.screen.query_one("#example").label)
        await pilot.press("e")
        await _until(pilot, lambda: isinstance(app.screen, DemoTogetherScreen))
        await pilot.press("q")
        await _until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
    assert not (tmp_path / "snaps").exists()
    # The app holds its lock in the state folder (one app per state); the demo adds nothing.
    state = tmp_path / "state"
    assert not state.exists() or [p.name for p in state.iterdir()] == ["app.lock"]


def test_the_demo_at_80x24(snap_compare):
    """(Drawn from the shipped examples by the Together screen: regenerate when either changes.)"""

    async def settle(pilot) -> None:
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(DemoApp(load_example(load_bank())), terminal_size=SIZE, run_before=settle)


def _words(screen, selector: str) -> str:
    shown = screen.query_one(selector).render()
    return " ".join(getattr(shown, "plain", str(shown)).split())


async def test_the_demo_never_says_save_in_its_hints_but_a_real_sitting_still_does(make_app):
    """The example's two "Next" lines say nothing is saved; the real Together screen's still
    say that agreeing saves."""
    from collabcheck.core.sitting import save
    from collabcheck.tui.screens.together import TogetherScreen

    from .test_markup_and_faults import finished

    app = DemoApp(load_example(load_bank()))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for selector in ("#next", "#next-after-details"):
            words = _words(app.screen, selector)
            assert "nothing is saved in this example" in words and "and save" not in words, words
    real = make_app()
    save(finished(real.bank), real.state_dir)
    async with real.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert type(real.screen) is TogetherScreen
        for selector in ("#next", "#next-after-details"):
            words = _words(real.screen, selector)
            assert "and save" in words and "example" not in words, words
