"""The app's cohort screen: reached from Past sittings, sortable, Enter opens a
partnership's history, and it fits 80x24."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import DataTable, Sparkline, Static

from collabcheck.tui.screens.cohort import CohortScreen
from collabcheck.tui.screens.history import HistoryScreen

from .test_history import mini, save, snap

TODAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def programme(folder: Path) -> Path:
    """Fixed dates, so the screen looks the same every day: one pair drifting apart on the say,
    one not seen since April (overdue by 1 December), one fine."""
    save(snap("ann-and-bo", "2026-08-01T09:00:00+00:00", agreed=2), folder)
    save(snap("ann-and-bo", "2026-11-10T09:00:00+00:00", {1: 3, 2: 4, 3: 3, 4: 3, 5: 3}), folder)
    save(snap("cy-and-dee", "2026-04-04T09:00:00+00:00", partners=("cy", "dee")), folder)
    save(
        snap(
            "eve-and-flo",
            "2026-08-20T09:00:00+00:00",
            partners=("eve", "flo"),
            authority={"eve": "mostly:eve", "flo": "mostly:eve"},
        ),
        folder,
    )
    save(
        snap(
            "eve-and-flo",
            "2026-11-17T09:00:00+00:00",
            partners=("eve", "flo"),
            authority={"eve": "mostly:eve", "flo": "more:flo"},
        ),
        folder,
    )
    return folder


class _Host(App[None]):
    def __init__(self, screen: object) -> None:
        super().__init__()
        self.first = screen

    def on_mount(self) -> None:
        self.push_screen(self.first)  # type: ignore[arg-type]


async def _loaded(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _rows(screen: CohortScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(n)[1]) for n in range(table.row_count)]


async def test_rows_in_order_of_need_sorting_and_enter(tmp_path: Path):
    folder = programme(tmp_path / "p")
    screen = CohortScreen(
        folder, mini(), today=TODAY, history=lambda pair: HistoryScreen(folder, mini(), pair=pair)
    )
    app = _Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        assert _rows(screen) == ["Eve and Flo", "Cy and Dee", "Ann and Bo"]
        detail = str(screen.query_one("#cohort-detail", Static).render())
        assert "Further apart than last time on who has the say (0.0 → 3.0)" in " ".join(detail.split())
        assert screen.query_one(Sparkline).data == [0.0, 3.0]
        await pilot.press("s")  # by partnership
        assert _rows(screen) == ["Ann and Bo", "Cy and Dee", "Eve and Flo"]
        await pilot.press("s")  # by last sitting, most recent first
        assert _rows(screen) == ["Eve and Flo", "Ann and Bo", "Cy and Dee"]
        await pilot.press("down")
        assert screen.query_one(Sparkline).data == [0.0, 0.0]
        await pilot.press("enter")
        await _loaded(pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.pair == "ann-and-bo"
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")
        assert not isinstance(app.screen, CohortScreen)


async def test_reached_from_past_sittings_with_c(tmp_path: Path):
    history = HistoryScreen(programme(tmp_path / "p"), mini())
    app = _Host(history)
    async with app.run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        await pilot.press("c")
        await _loaded(pilot)
        assert isinstance(app.screen, CohortScreen)
        assert len(_rows(app.screen)) == 3
        await pilot.press("enter")
        await _loaded(pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen.pair == "eve-and-flo"


async def test_no_folder_yet_says_so(tmp_path: Path):
    screen = CohortScreen(tmp_path / "nothing", mini(), today=TODAY)
    async with _Host(screen).run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        assert "No sittings saved yet" in str(screen.query_one("#cohort-detail", Static).render())


async def test_files_left_out_are_counted_beside_every_row(tmp_path: Path):
    """The command names unreadable files on stderr; the screen said nothing of them (a
    trial as a new user had 15 files left out and was never told)."""
    folder = programme(tmp_path / "p")
    (folder / "broken.toml").write_text("pair = \n", encoding="utf-8")
    (folder / "also-broken.toml").write_bytes(b"\xff\xfe")
    screen = CohortScreen(folder, mini(), today=TODAY)
    async with _Host(screen).run_test(size=(80, 24)) as pilot:
        await _loaded(pilot)
        detail = str(screen.query_one("#cohort-detail", Static).render())
        assert "2 files in the folder could not be read and were left out" in " ".join(detail.split())
        assert len(_rows(screen)) == 3


def test_cohort_screen_snapshot(snap_compare, tmp_path: Path):
    app = _Host(CohortScreen(programme(tmp_path / "p"), mini(), today=TODAY))
    assert snap_compare(app, terminal_size=(80, 24), run_before=_loaded)
