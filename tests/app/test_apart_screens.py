"""The screens of sitting apart at 80x24 (pytest-textual-snapshot), from fixed data."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from collabcheck.core import apart
from collabcheck.core.apart_here import ANSWER, COMPARISON
from collabcheck.render import apart_words as words
from collabcheck.tui.screens.apart import OPEN_NEW, ApartIntroScreen, ApartScreen, Choice, Listing

from .conftest import SIZE

WHEN = datetime(2026, 12, 7, 9, 30, tzinfo=timezone(timedelta(hours=0)))


def look(sid: str, sealed: tuple[str, ...] = ()) -> apart.Look:
    o = apart.Opened(
        sid,
        "priya-and-tom",
        WHEN,
        "kings-fund-2016",
        2,
        (apart.Member("priya", "Priya Shah", "GP"), apart.Member("tom", "Tom Reed", "Patient partner")),
    )
    found = apart.Look(o, Path("."))
    for pid in sealed:
        found.seals[pid] = apart.Seal(pid, "0" * 64, WHEN)
    return found


def listing() -> Listing:
    waiting, done = look("2026-12-07-priya-and-tom-0a1b", ("priya",)), look("2026-11-02-priya-and-tom-9f9f")
    out = Listing(said=["Priya Shah and Tom Reed: every answer is in, and the comparison is ready."])
    out.choices = [
        (Choice(ANSWER, waiting.opened.id, "tom"), words.offer_words(ANSWER, waiting, "tom")),
        (Choice(COMPARISON, done.opened.id), words.offer_words(COMPARISON, done)),
        (Choice(OPEN_NEW), "Open a new sitting apart"),
    ]
    out.status = {waiting.opened.id: words.status_lines(waiting, commands=False)}
    return out


def test_the_sittings_apart_screen(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(ApartScreen(listing, auto_open=False))
        await pilot.pause(0.3)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_answering_apart_starts_with_the_privacy_notice(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.push_screen(ApartIntroScreen(look("2026-12-07-priya-and-tom-0a1b"), "tom"))
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
