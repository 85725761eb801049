"""Helpers for driving whole sittings through the app with Pilot, in tmp folders and frozen time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from collabcheck.core.bank import Bank, load_bank
from collabcheck.tui.app import CollabcheckApp, create_app

from ..conftest import MINI_BANK

TZ = timezone(timedelta(hours=1))
FROZEN = datetime(2026, 11, 28, 15, 30, 0, tzinfo=TZ)
SIZE = (80, 24)


@pytest.fixture(scope="session")
def mini() -> Bank:
    return load_bank(MINI_BANK)


@pytest.fixture(scope="session")
def shipped() -> Bank:
    return load_bank()


@pytest.fixture
def make_app(tmp_path: Path, mini: Bank, monkeypatch: pytest.MonkeyPatch):
    """An app on the mini bank (or another), saving into tmp_path, with the clock stopped."""
    monkeypatch.chdir(tmp_path)

    def make(bank: Bank | None = None) -> CollabcheckApp:
        return create_app(bank or mini, Path("snaps"), state_dir=tmp_path / "state", now=lambda: FROZEN)

    return make


def plain(prompt) -> str:
    """An option's prompt as shown: markup in a str prompt is interpreted, as Textual does."""
    from textual.content import Content

    return Content.from_markup(prompt).plain if isinstance(prompt, str) else str(prompt)


def drawn(widget) -> str:
    """The text a widget draws, line by line, trailing spaces removed."""
    from textual.geometry import Region

    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


def screen_text(app: CollabcheckApp) -> str:
    """Everything the current screen shows, as plain text (what a partner can read)."""
    from textual.widgets import Input, OptionList, Static, TextArea

    screen = app.screen
    parts: list[str] = []
    for widget in screen.query("*"):
        if isinstance(widget, Static):
            # wrapped lines joined, so a phrase can be found wherever the line broke
            parts.append(" ".join(drawn(widget).split()) if widget.size.area else str(widget.render()))
        elif isinstance(widget, OptionList):
            parts += [plain(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
        elif isinstance(widget, TextArea | Input):
            parts.append(widget.text if isinstance(widget, TextArea) else widget.value)
    return "\n".join(parts)


async def enter_people(pilot, people: list[tuple[str, str]], pair: str | None = None) -> None:
    """On the welcome screen: start, type each name and role, maybe edit the pair, continue."""
    app = pilot.app
    await pilot.press("n")
    await pilot.pause()
    for _ in range(len(people) - 2):
        await pilot.press("f3")
        await pilot.pause()
    from textual.widgets import Input

    for n, (name, role) in enumerate(people, 1):
        app.screen.query_one(f"#name-{n}", Input).value = name
        app.screen.query_one(f"#role-{n}", Input).value = role
    if pair is not None:
        box = app.screen.query_one("#pair", Input)
        box.focus()
        await pilot.pause()
        box.value = pair
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pass_context(pilot)


async def pass_context(pilot, stage: str = "", route: str = "") -> None:
    """On "Where your partnership stands": choose by number (1-3), or leave both with Enter."""
    from collabcheck.tui.screens.context import ContextScreen

    if not isinstance(pilot.app.screen, ContextScreen):
        return
    for key in (stage, route):
        await pilot.press(key or "enter")
        await pilot.pause()


async def carry_on_from(pilot, sitting) -> None:
    """Start the app's flow over at `sitting`, from whatever screen is showing, as carrying
    it on would: the flow's screens are closed and a new flow (exclusive: the old one is
    cancelled) starts with the sitting in progress. Returns once its first screen is up."""
    app = pilot.app
    await pilot.pause()  # the screen showing is fully up before it is closed
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    app.sitting = sitting
    app.flow = app.run_flow()  # as on mount
    for _ in range(100):  # the flow is a worker: its first screen is pushed a moment later
        await pilot.pause()
        if len(app.screen_stack) > 1 and app.screen.is_mounted:
            return
    raise AssertionError("the flow showed no screen")


async def background_done(app) -> None:
    """Wait for the app's work in threads (git, reading the folder) to finish.

    Not for every worker: the flow is one too, and it waits on the screen shown until the
    app ends."""
    others = [w for w in app.workers if w.group != "flow"]
    if others:  # an empty list would mean every worker
        await app.workers.wait_for_complete(others)


async def names_in(pilot, first: str = "Ann", second: str = "Bo", press: str | None = "ctrl+n") -> None:
    """From the welcome screen: a new sitting, two names put straight into their boxes (typing
    them key by key is tested elsewhere), then `press` (Ctrl+N: on to Where you stand)."""
    from textual.widgets import Input

    await pilot.press("n")
    await pilot.pause()
    pilot.app.screen.query_one("#name-1", Input).value = first
    pilot.app.screen.query_one("#name-2", Input).value = second
    if press:
        await pilot.press(press)
        await pilot.pause()


async def showing(pilot, kind: type, seconds: float = 10):
    """Once the flow has put up a screen of `kind` (it is a worker: on a busy machine the next
    screen can come after Pilot's pause has returned), that screen, fully mounted."""
    import time

    give_up = time.monotonic() + seconds
    while not (isinstance(pilot.app.screen, kind) and pilot.app.screen.is_mounted):
        if time.monotonic() > give_up:
            raise AssertionError(f"expected {kind.__name__}, the screen is {pilot.app.screen!r}")
        await pilot.pause(0.02)
    await pilot.pause()
    return pilot.app.screen


def burst(app, keys: list[str]) -> None:
    """Every key at once, as a terminal delivers a quick typist's burst: none is handled
    before the last is sent. A single character is typed as itself; others are named keys."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def slow_flow(app, seconds: float = 0.1) -> None:
    """The flow takes `seconds` longer to open each next screen, as on a busy machine."""
    import asyncio

    show = app.show

    async def slowly(screen):
        await asyncio.sleep(seconds)
        return await show(screen)

    app.show = slowly
