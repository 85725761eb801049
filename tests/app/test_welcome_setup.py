"""The welcome screen offers to set up the team's folder when it is not ready, as `init` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabcheck.core.team_folder import NOTE, NOTE_NAME
from collabcheck.tui.app import create_app
from collabcheck.tui.screens.welcome import WelcomeScreen

from ..gitrepo import git_home, make_repo, needs_git  # noqa: F401 - git_home is a fixture
from .conftest import FROZEN, SIZE, background_done


def note_of(app) -> str:
    from textual.widgets import Static

    note = app.screen.query_one("#folder-note", Static)
    return str(note.render()) if note.display else ""


@needs_git
@pytest.mark.usefixtures("git_home")
async def test_welcome_offers_to_set_up_the_folder_and_does(tmp_path, mini, monkeypatch):
    repo = make_repo(tmp_path / "team")
    monkeypatch.chdir(repo)
    app = create_app(mini, Path("collabcheck"), state_dir=tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await background_done(app)
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert "collabcheck is not set up yet. Press i to set it up" in note_of(app)
        assert app.screen.check_action("set_up", ())
        await pilot.press("i")
        await background_done(app)
        await pilot.pause()
        assert "Done: made collabcheck and a note for your team in it" in note_of(app)
        assert not app.screen.check_action("set_up", ())
    assert (repo / "collabcheck" / NOTE_NAME).read_text() == NOTE


@needs_git
@pytest.mark.usefixtures("git_home")
async def test_a_ready_folder_says_nothing_and_an_ignored_one_says_why(tmp_path, mini, monkeypatch):
    repo = make_repo(tmp_path / "team", ignore="/ignored/\n")
    monkeypatch.chdir(repo)
    for folder, expected in (("collabcheck", ""), ("ignored", "git ignores ignored here")):
        if folder == "collabcheck":
            (repo / folder).mkdir()
            (repo / folder / NOTE_NAME).write_text(NOTE)
        app = create_app(mini, Path(folder), state_dir=tmp_path / "state", now=lambda: FROZEN)
        async with app.run_test(size=SIZE) as pilot:
            await background_done(app)
            await pilot.pause()
            text = note_of(app)
            assert (expected in text) if expected else text == ""
            await pilot.press("i")  # not offered: nothing happens
            await background_done(app)
            await pilot.pause()
    assert not (repo / "ignored").exists()
