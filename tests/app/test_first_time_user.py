"""Problems a first-time user met, each pinned by a test so the fix cannot quietly go."""

from __future__ import annotations

from collabcheck.tui.screens.questions import QuestionsScreen

from .conftest import SIZE, background_done, enter_people, screen_text
from .test_screens import at_question


async def start_questions(pilot, people=(("Alice", ""), ("Sam", ""))) -> QuestionsScreen:
    """The first partner at the first question of a new sitting, saved just after Who is
    here (the names typed in and Where you stand passed by keys are tested in test_flow)."""
    screen = await at_question(pilot, "agree", people)
    assert isinstance(screen, QuestionsScreen)
    return screen


async def test_enter_on_a_fresh_question_never_invents_an_answer(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        q = await start_questions(pilot)
        assert "▶" not in screen_text(app)  # nothing looks chosen before it is
        await pilot.press("enter")
        await pilot.pause()
        assert q.item.id == "find-partners.b"
        assert app.sitting.answers.get("alice", {}) == {}
        # moving the highlight is a deliberate choice: then Enter takes it
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.sitting.answers["alice"] == {"find-partners.b": 2}
        # back to an answered question: Enter keeps the answer and moves on
        await pilot.press("left")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert q.item.id == "find-partners.c"
        assert app.sitting.answers["alice"] == {"find-partners.b": 2}


async def test_enter_on_fresh_power_and_focus_questions_leaves_them_unanswered(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        q = await at_question(pilot, "authority", (("Ann", ""), ("Bo", ""), ("Cy", "")))
        seen = set()
        while q.item is not None and q.item.kind in ("authority", "focus"):
            seen.add(q.item.kind)
            before = q.item.id
            await pilot.press("enter")
            await pilot.pause()
            assert q.item is None or q.item.id != before
            assert before not in app.sitting.answers.get("ann", {})
        assert seen == {"authority", "focus"}


async def test_help_says_enter_keeps_and_never_picks(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        assert "→ or Enter: next" in screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert "never picks one for you" in screen_text(app)


async def to_reflection(pilot) -> QuestionsScreen:
    q = await start_questions(pilot)
    await pilot.press("4", "4", "4")
    await pilot.pause()
    assert q.item.kind == "reflect"
    return q


async def test_digits_never_spill_into_a_reflection(make_app):
    from textual.widgets import TextArea

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        q = await to_reflection(pilot)
        box = q.query_one("#note", TextArea)
        assert box.has_focus and not box.writing  # every key reaches the box, which edits nothing yet
        assert "Press Enter or just type to start writing, or → to move on" in screen_text(app)
        await pilot.press("2", "2", "4", "3", "3")
        await pilot.pause()
        assert box.text == "" and q.item.kind == "reflect"
        assert "words, not a number" in screen_text(app)
        assert app.sitting.answers["alice"] == {f"find-partners.{x}": 4 for x in "abc"}
        await pilot.press("enter")  # now clearly writing
        await pilot.pause()
        assert box.writing
        await pilot.press("2", "space", "o", "k")
        await pilot.press("escape")  # stop writing: the words stay
        await pilot.pause()
        assert not box.writing and box.text == "2 ok"
        await pilot.press("right")  # → moves on once not writing
        await pilot.pause()
        assert q.item.id == "invest.a"
        assert app.sitting.note_of("alice", "find-partners.think").text == "2 ok"


async def test_a_click_or_ctrl_n_on_a_reflection(make_app):
    from textual.widgets import TextArea

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        q = await to_reflection(pilot)
        await pilot.click("#note")
        await pilot.pause()
        assert q.query_one("#note", TextArea).has_focus
        assert "Ctrl+N: next question" in screen_text(app)
        await pilot.press("escape", "ctrl+n")  # Ctrl+N also moves on when not writing
        await pilot.pause()
        assert q.item.id == "invest.a"


async def test_the_footer_on_a_reflection_shows_what_works(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_reflection(pilot)
        await pilot.pause()
        shown = {
            b.binding.description for b in app.screen.active_bindings.values() if b.binding.show and b.enabled
        }
        assert {"Start writing", "Next", "Back"} <= shown and "Answer" not in shown
        await pilot.press("enter")
        await pilot.pause()
        shown = {
            (b.binding.key, b.binding.description)
            for b in app.screen.active_bindings.values()
            if b.binding.show and b.enabled
        }
        assert ("ctrl+n", "Next") in shown and ("escape", "Stop writing") in shown
        assert ("right", "Next") not in shown


async def test_together_shows_kept_reflections_never_private_ones(make_app, mini):
    from collabcheck.core.sitting import Sitting, questions, save
    from collabcheck.tui.screens.together import TogetherScreen

    from .conftest import FROZEN

    app = make_app()
    s = Sitting.new(mini, [("[b]Ann[/b]", ""), ("Bo", "")], FROZEN)
    for pid in s.partner_ids:
        for item in questions(mini):
            if item.kind == "agree":
                s.set_answer(pid, item, 3)
    s.set_note("b-ann-b", "find-partners.think", "Kept [i]words[/i] of Ann", False)
    s.set_note("bo", "find-partners.think", "Bo's secret", True)
    s.current_partner, s.stage = 2, "together"
    save(s, app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TogetherScreen)
        await pilot.press("d")  # the details, below the summary
        await pilot.pause()
        text = screen_text(app)
        assert "What you wrote" in text
        assert "What do you think about practice 1?" in text
        assert "[b]Ann[/b]:" in text and "Kept [i]words[/i] of Ann" in text  # as typed
        assert "secret" not in text


async def test_who_refuses_the_same_name_twice(make_app):
    from textual.widgets import Input

    from collabcheck.tui.screens.who import WhoScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Sam", ""), (" sam ", "")])
        assert isinstance(app.screen, WhoScreen)
        assert (
            "Two people are both called sam. Please add something to tell them apart, like an initial."
        ) in screen_text(app)
        assert app.screen.query_one("#name-2", Input).has_focus
        app.screen.query_one("#name-2", Input).value = "Sam K"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert [p.name for p in app.sitting.partners] == ["Sam", "Sam K"]


async def test_throwing_an_unfinished_sitting_away_removes_it(make_app, tmp_path):
    from .test_resume import a_sitting_left_after_who_is_here

    state = tmp_path / "state" / "sitting.json"
    a_sitting_left_after_who_is_here(make_app())
    assert state.exists()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert "will be thrown away" in screen_text(again)
        await pilot.press("y")
        await pilot.pause()
        assert not state.exists()  # thrown away, as the dialog said
        await pilot.press("escape")  # back from Who is here: nothing to carry on
        await pilot.pause()
        assert "Unfinished sitting" not in screen_text(again)


async def test_the_command_palette_offers_only_our_commands(make_app):
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    from .conftest import plain

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        shown = palette.query_one(OptionList)
        titles = sorted(
            plain(shown.get_option_at_index(i).prompt).splitlines()[0] for i in range(shown.option_count)
        )
        assert titles == sorted(
            [
                "Help: the five practices",
                "Light or dark colours",
                "Past sittings",
                "Stop for now",
                "Back to the previous question",
                "Skip this question",
            ]
        )
        await pilot.press("escape")
        await pilot.pause()
        # "Stop for now" asks first, unlike Textual's own Quit
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Stop for now")
        command.callback()
        await pilot.pause()
        assert "Stop for now?" in screen_text(app) and app.is_running


async def test_the_last_person_is_told_the_results_come_next(make_app, mini):
    from collabcheck.core.sitting import Sitting, questions, save

    from .conftest import FROZEN

    for partner, said, not_said in [
        (0, "the keyboard goes to the next person", "results"),
        (1, "next you all look at the results together", "next person"),
    ]:
        app = make_app()
        s = Sitting.new(mini, [("Ann", ""), ("Bo", "")], FROZEN)
        s.current_partner = partner
        s.current_item = len(questions(mini)) - 1
        save(s, app.state_dir)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("enter")  # the hand-over
            await pilot.pause()
            await pilot.press("3")  # the last question: now at the end
            await pilot.pause()
            text = screen_text(app)
            assert said in text and not_said not in text


async def test_the_footer_shows_the_real_range_of_number_keys(make_app):
    from textual.widgets import Footer

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_questions(pilot, (("Ann", ""), ("Bo", ""), ("Cy", "")))

        async def keys_shown() -> list[str]:
            await pilot.pause()
            await pilot.pause()
            return [k.key_display for k in app.screen.query_one(Footer).query("FooterKey")]

        assert "1-5" in await keys_shown()
        await at_question(pilot, "authority", (("Ann", ""), ("Bo", ""), ("Cy", "")))
        shown = await keys_shown()
        # shared, more and mostly for each of three, less for each, outside: 1-9 have keys
        assert "1-9" in shown and "1-5" not in shown
        assert "Press 1 to 9" in screen_text(app)
        await pilot.press("7")
        assert app.sitting.answers["ann"]["relationship.purpose"] == "mostly:cy"


async def test_labels_fit_on_one_line_at_80_columns(make_app):
    from textual.widgets import Checkbox

    from collabcheck.core.sitting import save

    from .conftest import drawn

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        q = await start_questions(pilot)
        await pilot.press("4", "4", "4")
        await pilot.pause()
        box = q.query_one("#private", Checkbox)
        assert "…" not in drawn(box) and "(Space)" in drawn(box)
    from collabcheck.core.bank import load_bank

    from .test_markup_and_faults import finished

    shipped = load_bank()  # the shipped bank has the longest practice titles
    app = make_app(shipped)
    save(finished(shipped), app.state_dir)  # not the sitting above: one ready to compare
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        practices = app.screen.query_one("#practices")
        lines = drawn(practices).splitlines()
        assert len(lines) == 5 and sum("(suggested)" in line for line in lines) == 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        await background_done(app)
        await pilot.pause()
        place = drawn(app.screen.query_one("#git-place"))
        assert "…" not in place and place.rstrip().endswith("with --dir.")


async def test_who_says_partnership_name(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "Partnership name" in text and "Pair name" not in text


def test_together_screen_rounds_as_the_report_does():
    """3.25 shows as 3.3 on screen, as in the text report (half up, not half to even)."""
    from rich.console import Console

    from collabcheck.render.view import ScoreRow, Scores
    from collabcheck.tui.view import scores_table

    block = Scores(
        "1. Practice 1",
        (ScoreRow("Ann", 3.25, ""), ScoreRow("Bo", None, ""), ScoreRow("Combined", 3.25, "apart by 0.5")),
    )
    console = Console(width=80, record=True)
    console.print(scores_table([block]))
    drawn = console.export_text()
    assert "3.3" in drawn and "3.2 " not in drawn and "–" in drawn


async def test_a_state_folder_that_cannot_be_written_does_not_crash_the_app(tmp_path):
    """Autosave failing (a full disk, a read-only folder) warns once; answering goes on."""
    from collabcheck.core.bank import load_bank
    from collabcheck.core.sitting import Sitting
    from collabcheck.tui.app import create_app
    from tests.conftest import MINI_BANK

    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be")
    bank = load_bank(MINI_BANK)
    app = create_app(bank, tmp_path / "snaps", state_dir=blocked)
    async with app.run_test(size=(80, 24)) as pilot:
        app.sitting = Sitting.new(bank, [("Ann", ""), ("Bo", "")], app.now())
        app.autosave()
        app.autosave()
        app.saver.flush()  # the writer thread has tried, and failed
        await pilot.pause()
        assert len(app._notifications) == 1
