"""What keeps the first screen quick (bench/startup_bench.py measures it): the garbage
collector is paused on the way to it and runs again once it is drawn; the welcome screen
does not make Textual read the style rules of its Button (tui/widgets/light_button.py); and
the other screens' style rules are read only after it, yet before any other screen opens."""

from __future__ import annotations

import gc
import inspect
import time
from pathlib import Path

from textual.widgets import Button, Footer, Input

from collabcheck.cli import main
from collabcheck.tui import app as app_module
from collabcheck.tui.screens.welcome import WelcomeScreen

from .conftest import SIZE


async def test_the_collector_paused_for_start_up_runs_again_once_the_first_screen_is_up(make_app):
    gc.disable()  # as the command line does (cli.cmd_app)
    try:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, WelcomeScreen)
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_an_app_started_with_the_collector_running_leaves_it_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled()


def test_the_command_line_turns_the_collector_back_on_when_the_app_cannot_start(tmp_path, capsys):
    assert main(["--questions", str(tmp_path / "no-such-bank")]) == 2  # the bank cannot be read
    assert "question folder not found" in capsys.readouterr().err
    assert gc.isenabled()


async def test_the_welcome_screen_does_not_read_buttons_style_rules(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#new", Button).has_focus
        # the check can see a widget's rules: the footer's are read
        assert app.stylesheet.has_source(inspect.getfile(Footer), "Footer.DEFAULT_CSS")
        assert not app.stylesheet.has_source(inspect.getfile(Button), "Button.DEFAULT_CSS")


async def test_the_other_screens_rules_are_read_after_the_first_frame_and_before_their_screens(make_app):
    later = str(Path(app_module.__file__).with_name(app_module.CollabcheckApp.LATER_CSS))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.stylesheet.has_source(later)  # not before the first frame
        await pilot.pause()
        assert app.stylesheet.has_source(later)
    quick = make_app()
    async with quick.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # at once: "Who is here" is styled all the same
        await pilot.pause()
        assert type(quick.screen).__name__ == "WhoScreen"
        assert quick.screen.query_one("#who").styles.padding.left == 2


async def test_the_welcome_screen_is_pushed_after_the_app_mounts_so_it_is_drawn_once(make_app, monkeypatch):
    """Textual draws nothing while it mounts the app: a screen pushed then (as the app's
    on_mount once did) was laid out and rendered for nothing, then again, its footer filled
    in before its first frame. Pushed just after, it is drawn once."""
    from collabcheck.tui.app import CollabcheckApp

    stacks_after_mount: list[list[str]] = []
    real = CollabcheckApp.on_mount

    def on_mount(self):
        real(self)
        stacks_after_mount.append([type(s).__name__ for s in self.screen_stack])

    monkeypatch.setattr(CollabcheckApp, "on_mount", on_mount)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    assert stacks_after_mount == [["BetweenScreens"]]


async def test_leaving_the_welcome_screen_while_git_looks_at_the_folder_is_quiet(make_app, monkeypatch):
    """The welcome screen's look at the folder runs git, which can be slow; "n" pressed
    meanwhile opens "Who is here" as usual, and git's answer, come too late for a screen
    that has closed, is dropped (it once ended the app: a key typed ahead as the app
    started could do that, now that the first screen comes up a moment sooner)."""
    import threading

    from collabcheck.tui.screens import welcome
    from collabcheck.tui.screens.who import WhoScreen

    started, done = threading.Event(), threading.Event()
    real = welcome.folder_setup

    def slow_git(folder, make):
        started.set()
        time.sleep(0.3)  # long enough for "n" to close the welcome screen meanwhile
        try:
            return real(folder, make)
        finally:
            done.set()

    monkeypatch.setattr(welcome, "folder_setup", slow_git)
    app = make_app()
    names: list[str] = []

    async def as_a_user(pilot) -> None:  # in the app's run, as `collabcheck` runs it
        for _ in range(250):
            if started.is_set():
                break
            await pilot.pause(0.02)
        assert started.is_set() and not done.is_set()
        await pilot.press("n")
        for _ in range(250):
            if done.is_set():
                break
            await pilot.pause(0.02)
        await pilot.pause(0.1)
        assert isinstance(app.screen, WhoScreen)
        await pilot.press(*"Ann")
        await pilot.pause()
        names.append(app.screen.query_one("#name-1", Input).value)
        app.exit(0)

    assert await app.run_async(headless=True, size=SIZE, auto_pilot=as_a_user) == 0
    assert names == ["Ann"] and app.crash_message == ""
