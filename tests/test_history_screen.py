"""The app's history screen: the same story as the command line, usable at 80x24 with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from collabcheck.core.bank import load_bank
from collabcheck.tui.screens.history import HistoryScreen

from .conftest import ROOT
from .test_history import mini, save, snap


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


class _Host(App[None]):
    """A bare app that opens the screen, as the real app does from welcome and after saving."""

    def __init__(self, screen: HistoryScreen) -> None:
        super().__init__()
        self.history_screen = screen
        self.closed = False

    def on_mount(self) -> None:
        self.push_screen(self.history_screen, lambda _: setattr(self, "closed", True))


async def _loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _text(screen: HistoryScreen) -> str:
    return "\n".join(str(w.render()) for w in screen.query(Static))


async def test_shows_each_pair_with_trends_follow_through_and_skipped(tmp_path: Path):
    d = tmp_path / "snaps"
    save(snap("ann-and-bo", "2026-03-12T09:00:00+00:00", {1: 3, 2: 3, 3: 2, 4: 3, 5: 3}, agreed=3), d)
    save(snap("ann-and-bo", "2026-06-20T09:00:00+01:00", {1: 3, 2: 3, 3: 4, 4: 3, 5: 3}), d)
    save(snap("cy-and-dee", "2026-05-01T09:00:00+00:00", partners=("cy", "dee")), d)
    (d / "broken.toml").write_text("not toml at all = = =\n")
    app = _Host(HistoryScreen(d, mini()))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        screen = app.history_screen
        text = _text(screen)
        assert "Ann and Bo (ann-and-bo)" in text and "Cy and Dee (cy-and-dee)" in text
        assert "▃▆" in text  # practice 3 drawn going up…
        assert "+2.0 up" in text  # …and said in numbers and words
        assert "You chose practice 3 (Practice 3) on 12 March 2026." in text
        assert "broken.toml" in text and "could not be read" in text
        assert "Escape" in text  # says how to go back
        body = screen.query_one("#history-body")
        assert body.has_focus and body.max_scroll_y > 0  # longer than the screen: it scrolls
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.closed and app.screen is not screen


async def test_only_one_pair_after_saving(tmp_path: Path):
    d = tmp_path / "snaps"
    save(snap("ann-and-bo", "2026-03-12T09:00:00+00:00"), d)
    save(snap("cy-and-dee", "2026-05-01T09:00:00+00:00", partners=("cy", "dee")), d)
    app = _Host(HistoryScreen(d, mini(), pair="cy-and-dee"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        text = _text(app.history_screen)
        assert "Cy and Dee" in text and "Ann and Bo" not in text
        assert "next sitting" in text
        await pilot.press("q")
        await pilot.pause()
        assert app.closed


async def test_no_folder_yet_is_a_friendly_message(tmp_path: Path):
    app = _Host(HistoryScreen(tmp_path / "not-yet", mini()))
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        assert "No sittings saved yet" in _text(app.history_screen)


def test_history_screen_snapshot(snap_compare, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(ROOT)  # a relative folder, so the picture is the same on every machine
    app = _Host(HistoryScreen(Path("examples"), load_bank(ROOT / "questions" / "v1"), pair="amira-and-tom"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)
