"""Where the partnership stands: asked once, together, before the first hand-over,
kept at once, written to the snapshot's [context]; and the new answer options on screen."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from collabcheck.core.bank import load_bank
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Partner
from collabcheck.render.options import options
from collabcheck.tui.screens.context import ContextScreen
from collabcheck.tui.screens.handover import HandoverScreen

from .conftest import SIZE, enter_people, names_in, pass_context, screen_text


async def test_context_is_asked_after_who_and_kept(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await names_in(pilot, "Ngozi", "Dev")
        assert isinstance(app.screen, ContextScreen)
        text = screen_text(app)
        assert "How long have you worked together?" in text and "Under the radar for now" in text
        await pass_context(pilot, "2", "2")
        assert isinstance(app.screen, HandoverScreen)
        s = app.sitting
        assert (s.how_long, s.route, s.context_asked) == ("under-a-year", "under-radar", True)
    state = json.loads((tmp_path / "state" / "sitting.json").read_text())
    assert state["how_long"] == "under-a-year" and state["route"] == "under-radar"


async def test_context_can_be_left_and_is_not_asked_again(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Ann", ""), ("Bo", "")])  # leaves both with Enter
        assert isinstance(app.screen, HandoverScreen)
        assert app.sitting.context_asked and app.sitting.how_long is None
        snap = app.sitting.to_snapshot(app.bank, app.now())
        assert snap.context is None


def test_the_snapshot_carries_the_context() -> None:
    bank = load_bank()
    s = Sitting.new(bank, [("Ann", ""), ("Bo", "")], datetime(2026, 11, 28, tzinfo=timezone.utc))
    assert not s.context_asked
    s.how_long, s.route = "starting", "open"
    text = s.to_snapshot(bank, s.started_at).to_toml(bank)
    assert '[context]\nstage = "starting"\nroute = "open"\n' in text
    assert "schema = 2" in text


def test_options_offer_not_sure_outside_and_less_in_a_trio() -> None:
    bank = load_bank()
    item = next(i for i in bank.items_of_kind("authority") if not i.accountability)
    pair = [Partner(id="ann", name="Ann"), Partner(id="bo", name="Bo")]
    trio = [*pair, Partner(id="cy", name="Cy")]
    two = dict(options(item, pair))
    three = dict(options(item, trio))
    assert "outside" in two and "unsure" in two and not any(str(v).startswith("less:") for v in two)
    assert three["less:cy"] == "Less for Cy: the others share it"
    focus = dict(options(bank.items_of_kind("focus")[0], pair))
    assert focus["unsure"] == "Not sure"


async def test_the_hint_and_the_marks_follow_the_question_being_answered(make_app):
    """Tab moves between the two questions; the hint says what Enter does on each, and a
    choice is marked with ● on its own question."""
    from textual.widgets import OptionList, Static

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await names_in(pilot)
        screen = app.screen
        assert isinstance(screen, ContextScreen)

        def hint() -> str:
            return str(screen.query_one("#context-hint", Static).render())

        assert "the next question follows" in hint()
        await pilot.press("tab")
        await pilot.pause()
        assert "answer and start" in hint() and screen.focused.id == "route"
        await pilot.press("tab")
        await pilot.pause()
        assert "the next question follows" in hint() and screen.focused.id == "stage"
        await pilot.press("2")
        await pilot.pause()
        stage = screen.query_one("#stage", OptionList)
        assert [str(stage.get_option_at_index(n).prompt)[:1] for n in range(3)] == ["1", "●", "3"]
        assert "answer and start" in hint() and screen.focused.id == "route"


async def test_doing_what_the_hints_say_answers_both_questions(make_app):
    """A partner who reads the hint and presses a number on each question has answered both
    (the hint once said "then Enter", and Enter after a number left the second one blank)."""
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await names_in(pilot)
        screen = app.screen
        for key in ("2", "1"):
            hint = str(screen.query_one("#context-hint", Static).render())
            assert "then Enter" not in hint and "Press 1, 2 or 3 to answer" in hint
            await pilot.press(key)
            await pilot.pause()
        assert (app.sitting.how_long, app.sitting.route) == ("under-a-year", "open")
        assert not isinstance(app.screen, ContextScreen)


async def test_the_footer_shows_the_keys_1_to_3_once_and_what_they_do(make_app):
    """It read "1 1-3 choose": the key and its words are shown apart, each once."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await names_in(pilot, "Ngozi", "Dev")
        assert isinstance(app.screen, ContextScreen)
        shown = [(k.key_display, k.description) for k in app.screen.query("FooterKey")]
        assert ("1-3", "choose") in shown, shown
        assert not any("1-3" in words for _, words in shown)


def test_two_options_are_1_or_2_not_1_to_2() -> None:
    from collabcheck.tui.screens.question_words import rated_hint

    assert rated_hint(2, 2).startswith("Press 1 or 2, n for not sure")
    assert rated_hint(5, 5).startswith("Press 1 to 5, n for not sure")
