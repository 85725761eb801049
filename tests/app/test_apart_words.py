"""Answering apart, the question screen speaks of sitting apart: finishing seals the answers
(nobody sees them until everyone has answered), and Ctrl+Q keeps this partner's draft, said
so, rather than "look at the results together" and "Close collabcheck?"."""

from __future__ import annotations

from textual.widgets import Button

from collabcheck.core import sitting as store
from collabcheck.core.apart_private import private_dir
from collabcheck.core.bank import questions
from collabcheck.render import apart_answering as apart_words
from collabcheck.tui.screens.dialogs import ConfirmScreen

from ..test_apart_git import BANK, needs_git
from ..test_apart_git import git_home as git_home  # the fixture
from .conftest import SIZE, screen_text
from .test_apart_app import answered_all, app_for, opened, press_a, screen_name, until

pytestmark = needs_git


def flat(text: str) -> str:
    return " ".join(text.split())


async def to_questions(pilot, carrying_on: bool = False) -> None:
    app = pilot.app
    await press_a(pilot)
    offer = "Carry on answering as Bo" if carrying_on else "Answer as Bo"
    await until(pilot, lambda: offer in screen_text(app), "the list")
    await pilot.press("enter")
    await until(pilot, lambda: "no anonymity" in screen_text(app), "the privacy notice")
    await pilot.press("enter")
    await until(pilot, lambda: screen_name(app) == "ApartQuestions", "the questions")


async def test_finishing_apart_says_the_answers_are_sealed(tmp_path, git_home, monkeypatch):
    team, sid = opened(tmp_path, monkeypatch)
    answered_all(team, sid, "bo")
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        await to_questions(pilot, carrying_on=True)
        text = flat(screen_text(pilot.app))
        total = len(questions(BANK))
        answered = sum(1 for item in questions(BANK) if item.kind != "reflect")
        assert "That is every question, Bo." in text
        assert flat(apart_words.finishing_apart(answered, total)) in text
        assert "your answers are sealed: nobody sees them until everyone has answered" in text
        assert "look at the results together" not in text
        finish = pilot.app.screen.query_one("#finish", Button)
        assert str(finish.label) == "Finish and seal my answers (Enter)"


async def test_ctrl_q_while_answering_apart_keeps_the_draft_and_says_so(tmp_path, git_home, monkeypatch):
    team, sid = opened(tmp_path, monkeypatch)
    state = team.tmp / "state-bo"
    app = app_for(team, "bo")
    async with app.run_test(size=SIZE) as pilot:
        await to_questions(pilot)
        await pilot.press("2")
        kept = private_dir(state, sid, "bo")
        await until(pilot, lambda: (kept / store.STATE_FILE).is_file(), "the private autosave")
        for over_help in (False, True):
            if over_help:  # help over the question screen: still answering apart
                await pilot.press("f1")
                await pilot.pause()
            await pilot.press("ctrl+q")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "Stop for now?")
            text = flat(screen_text(app))
            assert flat(apart_words.STOP_APART) in text
            assert "Close collabcheck?" not in text and "together" not in text
            await pilot.press("escape" if not over_help else "y")
            await pilot.pause()
    assert app.exit_message == apart_words.STOPPED_APART
    first = questions(BANK)[0].id
    draft = store.load(kept)
    assert draft is not None and draft.answers["bo"][first] == 2  # kept, to carry on with a
    assert "press a to carry on" in apart_words.STOPPED_APART


async def test_ctrl_q_elsewhere_in_sittings_apart_is_unchanged(tmp_path, git_home, monkeypatch):
    team, _ = opened(tmp_path, monkeypatch)
    app = app_for(team, "bo")
    async with app.run_test(size=SIZE) as pilot:
        await press_a(pilot)
        await until(pilot, lambda: "Answer as Bo" in screen_text(app), "the list")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "Close?")
        assert "Close collabcheck?" in screen_text(app)
