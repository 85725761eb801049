"""Each main screen at 80x24 (pytest-textual-snapshot), plus help, themes and the command palette."""

from __future__ import annotations

import pytest

from collabcheck.tui.screens.help import HelpScreen

from .conftest import SIZE, background_done, carry_on_from


async def to_questions(pilot) -> None:
    """Alice's first question, from a new sitting saved just after Who is here (typing the
    names in and passing Where you stand are tested key by key in test_flow and
    test_sitting_flow): about a second less CPU than the keys, for each test that uses it."""
    await at_question(pilot, "agree")


async def to_together(pilot) -> None:
    """The comparison for Alice and Sam, who answered with the keys 4421 and 2354 in turn.

    Built as the keys would build it (each digit through the screen's own choices) instead of
    pressing some fifty keys per partner, which kept the suite slow."""
    from collabcheck.core.sitting import Sitting, questions
    from collabcheck.tui.screens.questions import choices

    from .conftest import FROZEN

    app = pilot.app
    s = Sitting.new(app.bank, [("Alice", "Consultant"), ("Sam", "Patient partner")], FROZEN)
    for n_partner, digits in enumerate(("4421", "2354")):
        s.current_partner = n_partner
        for n, item in enumerate(questions(app.bank)):
            if item.kind != "reflect":
                s.set_answer(s.partner.id, item, choices(item, s)[int(digits[n % 4]) - 1][0])
    s.current_partner, s.current_item, s.stage = 2, 0, "together"
    await carry_on_from(pilot, s)


def says_what_to_do_and_shows_keys(app) -> None:
    """The footer shows keys (Ctrl+Q at least, unless a dialog is up), and the screen names
    what to press next in words (not by colour alone)."""
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    keys = [k.key_display or k.key for k in footer.query("FooterKey")]
    assert "^q" in keys or "ctrl+q" in " ".join(keys) or app.screen.is_modal, keys
    hints = [str(s.render()) for s in app.screen.query(".hint, #agree-ask, .title")]
    assert any("press" in h.lower() or "tab" in h.lower() for h in hints), hints


def at(steps, check=None):
    """Pilot steps to a screen for a snapshot; `check` then looks at the app before the
    picture is taken (a failed check fails the test)."""

    async def run_before(pilot) -> None:
        await steps(pilot)
        await background_done(pilot.app)  # git and the folder are read in threads
        await pilot.pause()
        if check is not None:
            check(pilot.app)

    return run_before


async def _who(pilot):
    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*"Alice", "tab", *"Pat")


async def _handover(pilot):
    """The first hand-over of a new sitting, saved just after Who is here."""
    from collabcheck.core.sitting import Sitting

    from .conftest import FROZEN

    await carry_on_from(pilot, Sitting.new(pilot.app.bank, [("Alice", ""), ("Sam", "")], FROZEN))


async def at_question(pilot, kind: str, people=(("Alice", "Consultant"), ("Sam", "Patient partner"))):
    """The first partner at the first question of this kind, every statement before it
    answered 3 (as pressing 3 on each would leave it), past the hand-over."""
    from collabcheck.core.sitting import Sitting, questions

    from .conftest import FROZEN

    app = pilot.app
    s = Sitting.new(app.bank, list(people), FROZEN)
    items = questions(app.bank)
    s.current_item = next(n for n, item in enumerate(items) if item.kind == kind)
    for item in items[: s.current_item]:
        if item.kind == "agree":
            s.set_answer(s.partner.id, item, 3)
    await carry_on_from(pilot, s)
    await pilot.press("enter")
    await pilot.pause()
    return app.screen


async def _authority(pilot):
    await at_question(pilot, "authority")


async def _reflect(pilot):
    await to_questions(pilot)
    await pilot.press("4", "n", "s", "enter", *"Because", "tab", "space")


async def _back(pilot):
    await to_questions(pilot)
    await pilot.press("4", "left")


async def _agree(pilot):
    await to_together(pilot)
    await pilot.press("a", "3")


async def _saved(pilot):
    await to_together(pilot)
    await pilot.press("a", "ctrl+s")


async def _help(pilot):
    await to_questions(pilot)
    await pilot.press("f1")


async def _welcome(pilot):
    await pilot.pause()  # (`at` then waits for the folder check, run in a thread)


SCREENS = {
    "welcome": _welcome,
    "who": _who,
    "handover": _handover,
    "question": to_questions,
    "question_back": _back,
    "authority": _authority,
    "reflect": _reflect,
    "together": to_together,
    "agree": _agree,
    "saved": _saved,
    "help": _help,
}


@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_at_80x24(name, snap_compare, make_app):
    """Each main screen as drawn at 80x24; on the same run (one app start, not two), the
    footer shows keys and the screen says what to press next."""
    steps = SCREENS[name]
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=at(steps, says_what_to_do_and_shows_keys))


def test_welcome_offering_to_resume(snap_compare, make_app):
    """The sitting Alice left after answering 4 and 4 (as `to_questions` then those keys
    leave it; the autosave is tested in test_resume), offered on the welcome screen."""
    from collabcheck.core.sitting import Sitting, questions, save

    from .conftest import FROZEN

    app = make_app()
    s = Sitting.new(app.bank, [("Alice", "Consultant"), ("Sam", "Patient partner")], FROZEN)
    s.context_asked = True
    for item in questions(app.bank)[:2]:
        s.set_answer("alice", item, 4)
    s.current_item = 2
    save(s, app.state_dir)
    assert snap_compare(app, terminal_size=SIZE, run_before=at(_welcome, says_what_to_do_and_shows_keys))


async def test_help_opens_with_f1_and_question_mark_and_closes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_questions(pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = "\n".join(str(s.render()) for s in app.screen.query("Static"))
            for p in app.bank.practices:
                assert p.title in text and p.summary in text
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)
        assert app.screen.item.id == "find-partners.a"  # help changed nothing


async def test_light_and_dark_themes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "textual-dark"
        await pilot.press("f2")
        assert app.theme == "textual-light"
        await pilot.press("f2")
        assert app.theme == "textual-dark"


async def test_command_palette_offers_the_main_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_questions(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "Help: the five practices",
            "Light or dark colours",
            "Past sittings",
            "Stop for now",
            "Back to the previous question",
            "Skip this question",
        ):
            assert wanted in titles
        await pilot.press("1")
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Back to the previous question"
        )
        command.callback()
        await pilot.pause()
        assert app.screen.item.id == "find-partners.a"


async def test_the_mouse_answers_questions_and_presses_buttons(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#new")
        await pilot.pause()
        from textual.widgets import Input

        app.screen.query_one("#name-1", Input).value = "Ann"
        app.screen.query_one("#name-2", Input).value = "Bo"
        await pilot.click("#done")
        await pilot.pause()
        await pilot.click("#stage", offset=(10, 2))  # "Less than a year", by the mouse
        await pilot.pause()
        await pilot.click("#route", offset=(10, 1))  # "Openly, with backing"
        await pilot.pause()
        await pilot.click("#ready")
        await pilot.pause()
        q = app.screen
        await pilot.click("#options", offset=(10, 4))  # border, then options 1, 2, 3, 4
        await pilot.pause()
        assert app.sitting.answers["ann"] == {"find-partners.a": 4}
        assert q.item.id == "find-partners.b"
