"""A sitting is saved in the snapshot folder it was started in, even when it is carried on
from another folder (another repository); if that folder has gone, it says so and saves here."""

from __future__ import annotations

import io
import json
from pathlib import Path

from collabcheck.core.sitting import Sitting, load, save
from collabcheck.plain.flow import run_plain
from collabcheck.tui.app import create_app
from collabcheck.tui.screens.save import SaveScreen

from .conftest import FROZEN, SIZE
from .test_markup_and_faults import finished


def resume_note(app) -> str:
    """The Welcome screen's "Unfinished sitting found" line, whole (a long path may be off screen)."""
    shown = app.screen.query_one("#resume-note").render()
    return " ".join(getattr(shown, "plain", str(shown)).split())


def started_in(bank, state: Path, folder: Path) -> Sitting:
    s = finished(bank)
    s.folder = str(folder)
    save(s, state)
    return s


def test_the_state_keeps_the_folder_absolute_and_old_state_files_still_load(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = Sitting.new(mini, [("Ann", ""), ("Bo", "")], FROZEN, folder=Path("repo-a/sittings"))
    assert s.folder == str(tmp_path / "repo-a" / "sittings")
    save(s, tmp_path / "state")
    assert load(tmp_path / "state", mini).folder == s.folder
    data = json.loads((tmp_path / "state" / "sitting.json").read_text())
    del data["folder"]  # a state file written before the folder was kept
    (tmp_path / "state" / "sitting.json").write_text(json.dumps(data))
    assert load(tmp_path / "state", mini).folder is None
    data["folder"] = "relative/path"  # a hostile or mangled file is set aside, not obeyed
    (tmp_path / "state" / "sitting.json").write_text(json.dumps(data))
    assert load(tmp_path / "state", mini) is None


async def test_the_app_saves_where_the_sitting_was_started(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (a := tmp_path / "repo-a" / "sittings").mkdir(parents=True)
    started_in(mini, tmp_path / "state", a)
    app = create_app(mini, tmp_path / "repo-b", state_dir=tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = resume_note(app)
        assert "Unfinished sitting found" in text
        assert f"It will be saved where it was started: {a}" in text
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
    assert app.saved_path is not None and app.saved_path.parent == a
    assert not (tmp_path / "repo-b").exists()


async def test_the_app_says_when_the_folder_it_was_started_in_has_gone(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    gone = tmp_path / "repo-a" / "sittings"
    started_in(mini, tmp_path / "state", gone)
    here = tmp_path / "repo-b"
    app = create_app(mini, here, state_dir=tmp_path / "state", now=lambda: FROZEN)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert (
            f"It was started in {gone}, which is no longer there, so it will be saved in {here}."
            in resume_note(app)
        )
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.saved_path is not None and app.saved_path.parent == here
    assert any(f"started in, {gone}, is no longer there, so it is saved in {here}" in n for n in notes)


def plain(tmp_path: Path, mini, here: Path, typed: list[str]) -> str:
    out = io.StringIO()
    run_plain(mini, here, tmp_path / "state", io.StringIO("\n".join(typed) + "\n"), out, now=lambda: FROZEN)
    return " ".join(out.getvalue().split())


def test_plain_mode_says_where_and_saves_where_the_sitting_was_started(tmp_path, mini):
    (a := tmp_path / "repo-a").mkdir()
    started_in(mini, tmp_path / "state", a)
    said = plain(tmp_path, mini, tmp_path / "repo-b", ["c", "agree", "4", "", "", ""])
    assert f"It will be saved where it was started: {a}." in said
    assert len(list(a.glob("*.toml"))) == 1
    assert not (tmp_path / "repo-b").exists()


def test_plain_mode_saves_here_when_the_folder_has_gone_and_says_so(tmp_path, mini):
    gone, here = tmp_path / "repo-a", tmp_path / "repo-b"
    started_in(mini, tmp_path / "state", gone)
    said = plain(tmp_path, mini, here, ["c", "agree", "4", "", "", ""])
    assert f"which is no longer there, so it will be saved in {here}" in said
    assert (
        f"The folder this sitting was started in, {gone}, is no longer there, so it is saved in {here}."
        in said
    )
    assert len(list(here.glob("*.toml"))) == 1 and not gone.exists()


async def test_a_folder_not_made_yet_is_not_called_gone(tmp_path, mini, monkeypatch):
    """A first sitting in a folder that does not exist yet is saved there, and nothing says the
    folder "is no longer there" (a trial in a real terminal saw that notice on a first save)."""
    from collabcheck.core.sitting import saving_folder

    monkeypatch.chdir(tmp_path)
    here = tmp_path / "snaps"  # not made: saving makes it
    s = started_in(mini, tmp_path / "state", here)
    assert saving_folder(s, here) == (here, False)
    assert saving_folder(s, tmp_path / "elsewhere") == (tmp_path / "elsewhere", True)
    app = create_app(mini, here, state_dir=tmp_path / "state", now=lambda: FROZEN)
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no longer there" not in resume_note(app)
        app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.saved_path is not None and app.saved_path.parent == here
    assert not any("no longer there" in n for n in notes)
