"""The questions screen's keys and words, read apart from the screen, and the Footer's
number keys shown as one range by the app's `get_key_display` (no binding per range)."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from collabcheck.tui.screens import question_keys as keys
from collabcheck.tui.screens import question_words as words
from collabcheck.tui.screens.questions import QuestionsScreen

from .conftest import SIZE
from .test_screens import at_question


def showing(kind: str | None, index: int = 3, writing: bool = False, in_bar: bool = False):
    return keys.Showing(kind, index, writing, in_bar)


@pytest.mark.parametrize("kind", keys.RATED)
def test_rated_questions_take_one_key_answers(kind: str) -> None:
    for action, params in [("pick", (0,)), ("unsure", ()), ("skip", ()), ("back", ("b",))]:
        assert keys.allowed(action, params, showing(kind)) is True
    assert keys.allowed("back", ("b",), showing(kind, index=0)) is False
    for action in ("write", "not_a_number", "move_focus", "leave_box"):
        assert keys.allowed(action, (), showing(kind)) is False
    assert keys.allowed("next", ("ctrl+n",), showing(kind)) is False


def test_writing_is_writing() -> None:
    """While writing, ← → move the cursor and no one-key answer works; Ctrl+N moves on,
    shown in the Footer; not writing, → is shown and Ctrl+N works unshown."""
    writing = showing("reflect", writing=True)
    for action, params in [
        ("pick", (0,)),
        ("unsure", ()),
        ("skip", ()),
        ("back", ("b",)),
        ("back", ()),
        ("next", ()),
        ("write", ()),
        ("not_a_number", ()),
    ]:
        assert keys.allowed(action, params, writing) is False, action
    assert keys.allowed("next", ("writing",), writing) is True
    assert keys.allowed("leave_box", (), writing) is True
    idle = showing("reflect")
    assert keys.allowed("next", ("writing",), idle) is False
    assert keys.allowed("next", ("ctrl+n",), idle) is True and keys.allowed("next", (), idle)
    assert keys.allowed("write", (), idle) and keys.allowed("not_a_number", (), idle)
    assert keys.allowed("write", (), showing("reflect", in_bar=True)) is False


def test_the_finishing_step() -> None:
    done = showing(None, index=40)
    assert keys.allowed("next", (), done) is False and keys.allowed("pick", (0,), done) is False
    assert keys.allowed("back", (), done) is True and keys.allowed("back", ("b",), done) is True
    assert keys.allowed("back", (), showing("agree", index=0)) is None  # greyed out


def test_every_binding_names_an_action_of_the_screen() -> None:
    """No binding exists only to steer the Footer: each runs one of the screen's actions."""
    for binding in keys.BINDINGS:
        assert isinstance(binding, Binding)
        name = binding.action.split("(")[0]
        assert callable(getattr(QuestionsScreen, f"action_{name}", None)), binding.action
    shown = [b for b in keys.BINDINGS if isinstance(b, Binding) and b.key == "1"]
    assert [b.action for b in shown] == ["pick(0)", "not_a_number"]


def test_option_lines_mark_the_answer_and_the_cursor_in_characters() -> None:
    assert words.option_line(2, 3, "Agree", 3, cursor=True) == "▶● 3  Agree   (your answer)"
    assert words.option_line(0, 1, "No", 3) == "   1  No"
    assert words.option_line(5, None, "Skip this question", None) == "   s  Skip this question"
    assert words.progress(0, 4, 0).startswith("Question 1 of 4  \\[" + "·" * 30)


@pytest.mark.parametrize(("people", "shown"), [(2, "1-5"), (3, "1-9")])
async def test_the_footer_shows_the_number_keys_as_one_range(make_app, people, shown) -> None:
    names = [("Ann", ""), ("Bo", ""), ("Cy", "")][:people]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        kind = "agree" if people == 2 else "authority"
        screen = await at_question(pilot, kind, people=names)
        assert isinstance(screen, QuestionsScreen)
        first = next(b for b in keys.BINDINGS if isinstance(b, Binding) and b.key == "1")
        assert app.get_key_display(first) == shown == f"1-{screen.last_key}"
        assert app.get_key_display(Binding("f1", "help")) == "f1"
