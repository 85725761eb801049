"""Committing and pushing from the Saved screen with the real git, driven by Pilot.

Each test starts from a finished sitting written to the state folder, so it reaches the
Saved screen in three keys: r (carry on), a (agree), Ctrl+S (save).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import collabcheck.core.sitting as store
from collabcheck.core.bank import Bank
from collabcheck.tui.app import create_app
from collabcheck.tui.screens.commit import CommitPanel, PlaceNote
from collabcheck.tui.screens.identity import IdentityScreen
from collabcheck.tui.screens.save import SaveScreen

from .. import gitrepo
from ..gitrepo import git, log, make_repo, needs_git, shared
from .conftest import FROZEN, SIZE, background_done, screen_text

git_home, password_server, silent_server = gitrepo.git_home, gitrepo.password_server, gitrepo.silent_server
pytestmark = needs_git
MESSAGE = "collabcheck sitting: maya-and-dev, 28 November 2026"


def finished_sitting(
    bank: Bank, state: Path, people=(("Maya", "GP"), ("Dev", "Patient partner")), pair: str = "maya-and-dev"
) -> None:
    """A sitting where everyone has answered, waiting on the Together screen."""
    s = store.Sitting.new(bank, list(people), FROZEN, pair=pair)
    for n, p in enumerate(s.partners):
        for item in bank.items_of_kind("agree"):
            s.set_answer(p.id, item, 2 + n)
    s.current_partner = len(s.partners)
    s.stage = "together"
    store.save(s, state)


def app_in(folder: Path, bank: Bank, state: Path, **kw):
    finished_sitting(bank, state, **kw)
    return create_app(bank, folder, state_dir=state, now=lambda: FROZEN)


async def _until(pilot, check, seconds: float = 20) -> None:
    """Wait for the screen to get there (a single pause is not enough on a busy machine)."""
    for _ in range(int(seconds / 0.05)):
        if check():
            return
        await pilot.pause(0.05)
    assert check()


async def to_saved(pilot) -> CommitPanel:
    from collabcheck.tui.screens.agree import AgreeScreen
    from collabcheck.tui.screens.together import TogetherScreen

    await pilot.press("r")
    await _until(pilot, lambda: isinstance(pilot.app.screen, TogetherScreen))
    await pilot.press("a")
    await _until(pilot, lambda: isinstance(pilot.app.screen, AgreeScreen))
    await pilot.press("ctrl+s")
    await _until(pilot, lambda: isinstance(pilot.app.screen, SaveScreen))
    return await settled(pilot)


def _panel(app) -> CommitPanel | None:
    saved = next((s for s in app.screen_stack if isinstance(s, SaveScreen)), None)
    found = saved.query(CommitPanel) if saved is not None and saved.is_mounted else None
    return found.first() if found else None


async def settled(pilot) -> CommitPanel:
    """Wait for git (in its worker thread) to finish and the screen to show what it said.

    First for the panel to have looked at the folder: its look starts as it mounts, so on a
    busy machine the Saved screen can be showing before there is any worker to wait for (a
    key pressed then finds nothing to commit)."""
    await _until(pilot, lambda: (p := _panel(pilot.app)) is not None and p.place is not None)
    await background_done(pilot.app)
    await pilot.pause()
    panel = _panel(pilot.app)
    assert panel is not None and panel.busy == ""
    return panel


async def test_commit_and_push_from_the_saved_screen(tmp_path, git_home, mini):
    bare, (clone,) = shared(tmp_path, "maya")
    (clone / "notes.txt").write_text("someone's work in progress\n")
    git(clone, "add", "notes.txt")
    app = app_in(clone / "sittings", mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await to_saved(pilot)
        text = screen_text(app)
        assert "inside your git repository" in text and "Press c to commit" in text
        await pilot.press("m")  # the Markdown report goes with it
        await pilot.pause()
        await pilot.press("c")
        await settled(pilot)
        assert f"✓ Committed: {MESSAGE}." in screen_text(app)
        assert "Press p to push" in screen_text(app)
        await pilot.press("p")
        await settled(pilot)
        assert "✓ Pushed" in screen_text(app)
        await pilot.press("q")
    saved = app.saved_path
    assert log(clone, "-1") == MESSAGE + "\n"
    assert sorted(git(clone, "show", "--name-only", "--format=", "HEAD").split()) == [
        f"sittings/{saved.stem}.md",
        f"sittings/{saved.stem}.svg",  # the report's picture, linked from it
        f"sittings/{saved.name}",
    ]
    assert git(clone, "status", "--porcelain") == "A  notes.txt\n"  # untouched
    assert log(bare, "-1") == MESSAGE + "\n"


async def test_an_ignored_folder_is_said_plainly_and_nothing_is_committed(tmp_path, git_home, mini):
    repo = make_repo(tmp_path / "team", ignore="/collabcheck/\n")
    app = app_in(repo / "collabcheck", mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await to_saved(pilot)
        text = screen_text(app)
        assert "! Sittings are saved in" in text and "set to ignore" in text
        assert "--dir and a folder that git does not ignore" in text
        assert not app.screen.check_action("commit", ())  # no commit key offered
        await pilot.press("c")
        await settled(pilot)
    assert app.saved_path.is_file()
    assert log(repo) == "start\n"


async def test_outside_any_repository_says_what_to_do(tmp_path, git_home, mini):
    app = app_in(tmp_path / "loose", mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await to_saved(pilot)
        text = screen_text(app)
        assert "not inside a git repository" in text and "--dir" in text
    assert app.saved_path.is_file()


async def test_no_name_or_email_offers_to_set_them_for_this_repository(tmp_path, git_home, mini):
    repo = make_repo(tmp_path / "team", who=None)
    app = app_in(repo / "sittings", mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await to_saved(pilot)
        await pilot.press("c")
        await settled(pilot)
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert "git does not know your name and email yet" in screen_text(app)
        assert "Press i" in screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press(*"Maya Patel", "enter", *"maya@example.org", "enter")
        await pilot.pause()
        await settled(pilot)
        await settled(pilot)
        assert f"✓ Committed: {MESSAGE}." in screen_text(app)
    assert git(repo, "config", "--local", "user.name") == "Maya Patel\n"
    assert not (git_home / ".gitconfig").exists()
    assert log(repo, "-1") == MESSAGE + "\n"


async def test_a_rejected_push_offers_pull_and_push(tmp_path, git_home, mini):
    _bare, (maya, ann) = shared(tmp_path, "maya", "ann")
    (ann / "other.toml").write_text("x = 1\n")
    git(ann, "add", "other.toml")
    git(ann, "commit", "-q", "-m", "another pair's sitting")
    git(ann, "push", "-q")
    app = app_in(maya / "sittings", mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await to_saved(pilot)
        await pilot.press("c")
        await settled(pilot)
        await pilot.press("p")
        await settled(pilot)
        text = screen_text(app)
        assert "Someone else pushed" in text and "Press r" in text
        await pilot.press("r")
        await settled(pilot)
        assert "✓ Pushed" in screen_text(app)
    git(ann, "pull", "-q")
    assert (ann / "sittings" / app.saved_path.name).is_file()


async def test_a_push_that_asks_for_a_password_fails_plainly(tmp_path, git_home, mini, password_server):
    repo = make_repo(tmp_path / "team")
    git(repo, "remote", "add", "origin", password_server)
    app = app_in(repo / "sittings", mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await to_saved(pilot)
        await pilot.press("c")
        await settled(pilot)
        await pilot.press("p")
        await settled(pilot)
        assert "never asks for those" in screen_text(app)
    assert app.saved_path.is_file()


@pytest.mark.parametrize("name", ["snap[/]", "[b]bold"])
async def test_paths_are_shown_as_typed_not_as_markup(tmp_path, git_home, mini, name):
    repo = make_repo(tmp_path / "team")
    app = app_in(repo / name, mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        await to_saved(pilot)
        assert f"{name}/" in screen_text(app)


async def test_who_is_here_says_where_the_file_will_go(tmp_path, git_home, mini, monkeypatch):
    repo = make_repo(tmp_path / "team", ignore="/collabcheck/\n")
    monkeypatch.chdir(repo)
    app = create_app(mini, Path("collabcheck"), state_dir=tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await background_done(app)
        await pilot.pause()
        note = app.screen.query_one(PlaceNote)
        assert note.place is not None and note.place.kind == "ignored"
        assert "! Sittings are saved in collabcheck/, which git is set to ignore here" in screen_text(app)
        assert "start again with --dir and a folder git does not ignore" in screen_text(app)


async def test_a_slow_push_shows_progress_and_the_screen_keeps_working(
    tmp_path, git_home, mini, silent_server
):
    repo = make_repo(tmp_path / "team")
    git(repo, "remote", "add", "origin", silent_server)
    app = app_in(repo / "sittings", mini, tmp_path / "state")
    async with app.run_test(size=SIZE) as pilot:
        panel = await to_saved(pilot)
        panel.timeout = 3
        await pilot.press("c")
        await settled(pilot)
        await pilot.press("p")
        await pilot.pause(0.6)
        assert panel.busy == "Pushing"
        assert "Pushing…" in screen_text(app) and "(stops after 3 s)" in screen_text(app)
        await pilot.press("m")  # the screen still answers while git works
        await pilot.pause()
        assert app.screen.report_path is not None
        await pilot.press("q")  # finishing now would leave git half done: asked to wait
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        await settled(pilot)
        assert "did not answer within 3 seconds" in screen_text(app)
        assert "Press p to try again" in screen_text(app)
    assert app.saved_path.is_file()


async def test_past_sittings_in_the_app_say_which_are_not_committed(tmp_path, git_home, mini):
    from collabcheck.tui.screens.history import HistoryScreen

    from .test_partnerships import sat

    repo = make_repo(tmp_path / "team")
    done = sat(mini, repo / "sittings", [("Maya", "GP"), ("Dev", "")], "maya-and-dev", 90)
    git(repo, "add", str(done))
    git(repo, "commit", "-q", "-m", "first sitting")
    sat(mini, repo / "sittings", [("Maya", "GP"), ("Dev", "")], "maya-and-dev", 1)
    app = create_app(mini, repo / "sittings", state_dir=tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        await background_done(app)
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = " ".join(screen_text(app).split())
        assert "27 November 2026: not committed to the repository yet" in text
        assert "30 August 2026: not committed" not in text
