"""A trio's say questions have 11 options: each has a key of its own (1-9, 0, x), and the
whole question, every option and the hint fit on an 80×24 screen."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from collabcheck.core import sitting as store
from collabcheck.core.bank import questions
from collabcheck.core.sitting import Sitting
from collabcheck.tui.app import create_app
from collabcheck.tui.screens.answer_list import key_for, rated_keys
from collabcheck.tui.screens.questions import QuestionsScreen

from .conftest import FROZEN, SIZE


async def at_say_question(tmp_path, bank, names):
    s = Sitting.new(bank, [(n, "") for n in names], datetime(2026, 11, 28, tzinfo=timezone.utc))
    s.context_asked = True
    s.current_item = next(n for n, i in enumerate(questions(bank)) if i.kind == "authority")
    store.save(s, tmp_path / "state")
    app = create_app(bank, tmp_path / "snaps", state_dir=tmp_path / "state", now=lambda: FROZEN)
    return app, questions(bank)[s.current_item]


@pytest.mark.parametrize(("key", "value"), [("0", "less:cy"), ("x", "outside"), ("9", "less:bo")])
async def test_every_trio_option_has_one_key(tmp_path, shipped, key, value):
    app, item = await at_say_question(tmp_path, shipped, ["Ann", "Bo", "Cy"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionsScreen)
        keys = [key_for(v, n) for n, (v, _) in enumerate(app.screen.options)]
        assert keys == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "x", "n", "s"]
        hint = app.screen.query_one("#hint")
        options = app.screen.query_one("#options")
        # everything above the footer (the last line), nothing cut off
        assert options.region.bottom <= hint.region.y and hint.region.bottom <= SIZE[1] - 1
        assert options.region.height == len(keys)
        assert "Press 1 to 9, 0 and x to answer" in str(hint.render())
        await pilot.press(key)
        await pilot.pause()
        assert app.sitting.answers["ann"][item.id] == value


async def test_a_pairs_say_question_keeps_its_frame_and_has_no_extra_keys(tmp_path, shipped):
    app, item = await at_say_question(tmp_path, shipped, ["Ann", "Bo"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        options = app.screen.query_one("#options")
        assert not options.has_class("-long")
        assert options.region.height == len(app.screen.options) + 2  # the frame
        await pilot.press("0", "x")
        await pilot.pause()
        assert item.id not in app.sitting.answers.get("ann", {})


def test_keys_in_words():
    assert rated_keys(5) == "1 to 5" and rated_keys(10) == "1 to 9, 0" and rated_keys(11) == "1 to 9, 0 and x"
    assert key_for("more:ann", 11) == " "  # a twelfth option is reached with ↑ ↓ and Enter
