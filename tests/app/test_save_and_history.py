"""After saving: the Markdown report beside the snapshot, the git commands, and past sittings."""

from __future__ import annotations

from collabcheck.tui.screens.history import HistoryScreen
from collabcheck.tui.screens.save import SaveScreen, git_commands
from collabcheck.tui.screens.welcome import WelcomeScreen

from .conftest import SIZE, screen_text
from .test_screens import to_together


async def test_markdown_report_is_written_beside_the_snapshot(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_together(pilot)
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        await pilot.press("m")
        await pilot.pause()
        report = app.screen.report_path
        assert report is not None and report.parent == app.saved_path.parent
        assert report.name == app.saved_path.stem + ".md"
        text = screen_text(app)
        assert f'git add "{app.saved_path}"' in text and f'git add "{report}"' in text
        assert 'git commit -m "collabcheck sitting 2026-11-28"' in text
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        await pilot.press("q")
        await pilot.pause()
    assert (tmp_path / report).read_text().strip()
    assert app.return_value == 0


async def test_past_sittings_from_the_welcome_screen_and_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_a_folder_that_cannot_be_written_keeps_the_answers(make_app, tmp_path):
    app = make_app()
    (tmp_path / "snaps").write_text("a file where the folder should be")
    async with app.run_test(size=SIZE) as pilot:
        await to_together(pilot)
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        assert (tmp_path / "state" / "sitting.json").exists()


def test_git_commands_quote_paths_with_spaces(tmp_path):
    from datetime import UTC, datetime

    from collabcheck.core.snapshot import Partner, Snapshot

    snap = Snapshot(pair="a-and-b", taken_at=datetime(2026, 1, 2, 3, 4, tzinfo=UTC), bank="x",
                    bank_version=1, partners=[Partner(id="a", name="A"), Partner(id="b", name="B")])
    path = tmp_path / "my folder" / "f.toml"
    assert git_commands([path], snap).splitlines() == [
        f'git add "{path}"', 'git commit -m "collabcheck sitting 2026-01-02"']
