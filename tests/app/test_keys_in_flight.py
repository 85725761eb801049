"""Keys typed in one burst as a screen closes reach the screen that follows it
(tui/keys_in_flight.py): "n" and a name typed at once on the welcome screen start a sitting
with that name in the first box, Tab and all."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input

from collabcheck.tui.keys_in_flight import HELD, KeysInFlight
from collabcheck.tui.screens.who import WhoScreen

from .conftest import SIZE, burst, showing, slow_flow
from .test_welcome_footer import on_welcome


async def typed_in(pilot, boxes: tuple[str, ...], expected: list[str], seconds: float = 20) -> list[str]:
    """The words in `boxes` of "Who is here" once they are `expected`, or as they are after
    `seconds`: on a busy machine the screen, and the keys kept for it, come later than
    Pilot's pause."""
    import time

    screen = await showing(pilot, WhoScreen)
    give_up = time.monotonic() + seconds
    while True:
        values = [screen.query_one(f"#{box}", Input).value for box in boxes]
        if values == expected or time.monotonic() > give_up:
            return values
        await pilot.pause(0.05)


async def test_n_and_a_name_in_one_burst_start_a_sitting_with_that_name(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_welcome(pilot)
        burst(app, ["n", *"Alice", "tab", *"Pat", "tab", *"Sam"])
        expected = ["Alice", "Pat", "Sam"]
        assert await typed_in(pilot, ("name-1", "role-1", "name-2"), expected) == expected


def test_only_a_key_back_from_a_closed_screen_is_typed_again():
    keys = KeysInFlight(App())
    open_screen, closed = Screen[object](), Screen[object]()
    a, b, c = events.Key("a", "a"), events.Key("b", "b"), events.Key("c", "c")
    keys.handed_to(a, open_screen)
    keys.handed_to(b, closed)
    assert not keys.back_from_a_closed_screen(a, [open_screen])  # still open: as Textual does
    assert keys.back_from_a_closed_screen(b, [open_screen])
    assert not keys.back_from_a_closed_screen(b, [open_screen])  # each key once
    assert not keys.back_from_a_closed_screen(c, [open_screen])  # never handed out by the app


def test_keys_a_binding_took_are_forgotten():
    keys = KeysInFlight(App())
    closed = Screen[object]()
    first = events.Key("a", "a")
    keys.handed_to(first, closed)
    for _ in range(HELD):
        keys.handed_to(events.Key("b", "b"), closed)
    assert len(keys.handed) == HELD
    assert not keys.back_from_a_closed_screen(first, [])


async def test_a_name_typed_while_the_next_screen_is_slow_to_come_waits_for_it(make_app):
    """However long the flow takes to open "Who is here", the name typed meanwhile goes in
    its first box once it is there."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await on_welcome(pilot)
        slow_flow(app)
        burst(app, ["n", *"Alice", "tab", *"Pat"])
        expected = ["Alice", "Pat"]
        assert await typed_in(pilot, ("name-1", "role-1"), expected) == expected
