"""The app's flow (`CollabcheckApp.run_flow`, one worker) stage by stage: every turn it can take.

The flow awaits each screen's result in turn, so a stage that breaks shows up here as the
wrong screen, a second screen piled on the first, or a flow worker that stopped.
"""

from __future__ import annotations

import json

from textual.widgets import Input
from textual.worker import WorkerState

from collabcheck.core import sitting as store
from collabcheck.core.sitting import Sitting
from collabcheck.tui.screens.agree import AgreeScreen
from collabcheck.tui.screens.context import ContextScreen
from collabcheck.tui.screens.dialogs import ConfirmScreen
from collabcheck.tui.screens.handover import HandoverScreen
from collabcheck.tui.screens.history import HistoryScreen
from collabcheck.tui.screens.questions import QuestionsScreen
from collabcheck.tui.screens.save import SaveScreen
from collabcheck.tui.screens.together import TogetherScreen
from collabcheck.tui.screens.welcome import WelcomeScreen
from collabcheck.tui.screens.who import WhoScreen

from .conftest import FROZEN, SIZE, burst, carry_on_from, enter_people, names_in, screen_text, slow_flow


async def at(pilot, kind: type, *keys: str):
    """Press `keys`, then the flow's screen is `kind`: alone over the default screen, and
    the same flow worker still waiting on it."""
    app = pilot.app
    flow = app.flow
    if keys:
        await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(app.screen, kind), f"expected {kind.__name__}, the screen is {app.screen!r}"
    assert len(app.screen_stack) == 2, app.screen_stack  # no screen left behind underneath
    assert app.flow is flow and flow.state == WorkerState.RUNNING
    return app.screen


async def a_new_sitting(pilot) -> None:
    """Ann and Bo's new sitting at its first hand-over, carried on from the saved sitting
    (the round above types the names in and passes Where you stand by keys)."""
    await carry_on_from(pilot, Sitting.new(pilot.app.bank, [("Ann", ""), ("Bo", "")], FROZEN))


async def answer_turn(pilot) -> None:
    """From a hand-over: this partner answers every question (3, written ones left) and finishes."""
    q = await at(pilot, QuestionsScreen, "enter")
    while q.item is not None:
        await pilot.press("ctrl+n" if q.item.kind == "reflect" else "3")
    await pilot.press("enter")


async def test_every_stage_in_order_then_round_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await at(pilot, WelcomeScreen)
        await at(pilot, HistoryScreen, "h")  # past sittings, and back
        await at(pilot, WelcomeScreen, "escape")
        await at(pilot, WhoScreen, "n")
        await at(pilot, WelcomeScreen, "escape")  # nothing typed: straight back
        await enter_people(pilot, [("Ann", ""), ("Bo", "")])  # Who is here, where you stand
        assert app.sitting.context_asked
        await at(pilot, HandoverScreen)
        assert "Pass the keyboard to Ann" in screen_text(app)
        await answer_turn(pilot)
        await at(pilot, HandoverScreen)
        assert "Pass the keyboard to Bo" in screen_text(app)
        await answer_turn(pilot)
        await at(pilot, HandoverScreen)
        assert "Everyone has answered" in screen_text(app)
        await at(pilot, TogetherScreen, "enter")
        assert app.sitting.stage == "together"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AgreeScreen)  # the Together screen's own dialog
        saved = await at(pilot, SaveScreen, "ctrl+s")
        assert app.saved_path is not None and app.saved_path.exists()
        assert not (app.state_dir / store.STATE_FILE).exists()
        assert saved.path == app.saved_path
        await at(pilot, WelcomeScreen, "n")  # another sitting
        assert app.sitting is None and app.saved_path is None
        assert "Unfinished sitting" not in screen_text(app)
        await at(pilot, WhoScreen, "n")
        assert app.screen.query_one("#name-1", Input).value == ""
        await at(pilot, WelcomeScreen, "escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "Close collabcheck?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_value == 0
    assert app.flow.state == WorkerState.CANCELLED  # quitting ends the flow with the app


async def test_finish_on_the_saved_screen_ends_the_app_and_the_flow(make_app):
    app = make_app()
    s = Sitting.new(app.bank, [("Ann", ""), ("Bo", "")], FROZEN)
    s.stage, s.current_partner = "together", 2
    store.save(s, app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await at(pilot, WelcomeScreen)
        await at(pilot, TogetherScreen, "r")
        await pilot.press("a", "ctrl+s")
        await at(pilot, SaveScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == 0 and app.saved_path is not None
    assert app.flow.state == WorkerState.SUCCESS


async def test_names_typed_before_a_stop_come_back_and_the_sitting_goes_on(make_app):
    app = make_app()
    draft = Sitting.draft(app.bank, [("Ann", "Nurse"), ("", "")], "", FROZEN)
    store.save(draft, app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await at(pilot, WelcomeScreen)
        assert "Unfinished sitting found" in screen_text(app)
        who = await at(pilot, WhoScreen, "r")
        assert who.query_one("#name-1", Input).value == "Ann"
        assert who.query_one("#role-1", Input).value == "Nurse"
        who.query_one("#name-2", Input).value = "Bo"
        await at(pilot, ContextScreen, "ctrl+n")  # asked after Who, as for a new one
        await at(pilot, HandoverScreen, "enter", "enter")
    kept = store.load(app.state_dir)
    assert [p.name for p in kept.partners] == ["Ann", "Bo"] and kept.context_asked


async def test_stopping_then_keeping_going_leaves_the_flow_where_it_was(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await a_new_sitting(pilot)
        await at(pilot, QuestionsScreen, "enter")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        q = await at(pilot, QuestionsScreen, "n")  # keep going
        await pilot.press("4")
        await pilot.pause()
        assert q.index == 1 and app.sitting.answers == {"ann": {"find-partners.a": 4}}
        await pilot.press("f1")  # help over the flow's screen…
        await pilot.pause()
        await at(pilot, QuestionsScreen, "escape")  # …and back to the same question
        assert q.index == 1
    state = json.loads((tmp_path / "state" / "sitting.json").read_text())
    assert state["answers"]["ann"] == {"find-partners.a": 4}


async def test_keys_typed_in_one_burst_reach_the_next_screens(make_app):
    """Enter, Enter on Where you stand, Enter on the hand-over and the first answers, all
    queued before the first is handled: each reaches the screen it was meant for."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await names_in(pilot, press=None)
        await at(pilot, ContextScreen, "ctrl+n")
        burst(app, ["enter", "enter", "enter", "5", "n"])
        await pilot.pause(0.5)
        q = await at(pilot, QuestionsScreen)
        assert app.sitting.answers == {"ann": {"find-partners.a": 5, "find-partners.b": "unsure"}}
        assert q.index == 2
    assert not app.crash_message and not app.return_code


async def test_keys_wait_for_a_slow_step_of_the_flow(make_app):
    """However long the flow takes to open the next screen, a key typed meanwhile waits for
    it (only Textual's empty default screen is showing, and a key there would be lost)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await a_new_sitting(pilot)
        await at(pilot, HandoverScreen)
        slow_flow(app)
        burst(app, ["enter", "5"])
        await pilot.pause(0.5)
        await at(pilot, QuestionsScreen)
        assert app.sitting.answers == {"ann": {"find-partners.a": 5}}


async def test_a_fault_in_the_flow_keeps_the_sitting_and_says_one_plain_line(make_app, monkeypatch, capsys):
    """A fault in the flow's own steps (here, writing the snapshot) is handled like any
    other: the sitting kept, exit status 1, the real fault named and no private words."""
    import collabcheck.core.snapshot as snapshot

    def broken(*args, **kwargs):
        raise RuntimeError("a private reflection that must not be printed")

    monkeypatch.setattr(snapshot, "write_snapshot", broken)
    app = make_app()
    s = Sitting.new(app.bank, [("Ann", ""), ("Bo", "")], FROZEN)
    s.stage, s.current_partner = "together", 2
    store.save(s, app.state_dir)
    async with app.run_test(size=SIZE) as pilot:  # caught in the flow: nothing re-raised
        await pilot.press("r")
        await at(pilot, TogetherScreen)
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
    assert app.return_code == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "private" not in out + err
    assert "(RuntimeError)" in app.crash_message and "carry on" in app.crash_message
    assert "private" not in app.crash_message
    assert store.load(app.state_dir).stage == "together"


async def test_the_welcome_screen_is_up_before_the_flow_starts(make_app, monkeypatch):
    """The first screen is pushed before the flow starts, so it is drawn with the app's first
    frame; once it waited for the flow's worker to start, and start-up took about a tenth of
    a second longer (bench/startup_bench.py). The flow then takes the choice made on it."""
    from collabcheck.tui.app import CollabcheckApp
    from collabcheck.tui.screens.welcome import WelcomeScreen

    seen: list[str] = []
    real = CollabcheckApp.welcome

    async def welcome(self):
        seen.append(type(self.screen).__name__)
        return await real(self)

    monkeypatch.setattr(CollabcheckApp, "welcome", welcome)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert seen == ["WelcomeScreen"] and isinstance(app.screen, WelcomeScreen)
        await pilot.press("n")
        await pilot.pause()
        assert type(app.screen).__name__ == "WhoScreen"
