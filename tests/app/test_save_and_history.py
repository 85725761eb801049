"""After saving: the Markdown report beside the snapshot, the git commands, and past sittings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from collabcheck.tui.screens.commit import CommitPanel
from collabcheck.tui.screens.history import HistoryScreen
from collabcheck.tui.screens.save import SaveScreen
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
        picture = report.with_suffix(".svg")  # its picture beside it, linked from it
        assert f"Markdown report written: {report}" in screen_text(app)
        assert f"picture beside it: {picture.name}" in screen_text(app)
        assert f"]({picture.name})" in (tmp_path / report).read_text()
        assert ET.parse(tmp_path / picture).getroot().tag == "{http://www.w3.org/2000/svg}svg"
        # committed with it
        assert app.screen.query_one(CommitPanel).files() == [app.saved_path, report, picture]
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


async def test_a_snapshot_that_would_not_read_back_is_not_saved_and_the_state_is_kept(make_app, tmp_path):
    """Never "Saved" unless the file reads back valid: an answer the reader refuses (put in
    behind the app's back) keeps the sitting in progress, and the app says why."""
    from collabcheck.core.sitting import questions

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_together(pilot)
        agree = next(i.id for i in questions(app.bank) if i.kind == "agree")
        app.sitting.answers["alice"][agree] = 99
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, SaveScreen)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "would not read back as valid" in messages and "answers are still kept" in messages
        assert (tmp_path / "state" / "sitting.json").exists()
        assert not list((tmp_path / "snaps").glob("*.toml"))
