"""Text is shown as typed, never parsed as markup; and the smaller faults a trial found.

`--dir 'snap[/]'` crashed the app with a MarkupError: every path, name, role and note is
shown exactly as typed. The Saved screen's "Past sittings" button did nothing (an action
that was never awaited); a failed save named a key that did not retry; Esc on "Who is here"
threw typed names away without asking.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from collabcheck.core.sitting import Sitting, questions, save
from collabcheck.tui.app import create_app
from collabcheck.tui.screens.agree import AgreeScreen
from collabcheck.tui.screens.history import HistoryScreen
from collabcheck.tui.screens.save import SaveScreen
from collabcheck.tui.screens.together import TogetherScreen
from collabcheck.tui.screens.welcome import WelcomeScreen
from collabcheck.tui.screens.who import WhoScreen

from .conftest import FROZEN, SIZE, screen_text

ODD_DIR = "snap[/]"
NAMES = [("[b]Ann", "[red]nurse[/]"), ("Bo[/]", "[link=x]carer")]


def finished(bank, stage: str = "together") -> Sitting:
    s = Sitting.new(bank, NAMES, FROZEN)
    for n, pid in enumerate(s.partner_ids):
        for item in questions(bank):
            if item.kind == "agree":
                s.set_answer(pid, item, 2 + 2 * n)
            elif item.kind == "authority":
                s.set_answer(pid, item, f"more:{s.partner_ids[0]}")
        s.set_note(pid, "find-partners.think", f"[i]note[/] of {pid} [/]", False)
    s.current_partner, s.stage = 2, stage
    return s


def odd_app(tmp_path: Path, bank):
    return create_app(bank, Path(ODD_DIR), state_dir=tmp_path / "state", now=lambda: FROZEN)


async def test_odd_folder_names_and_notes_are_shown_as_typed(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = odd_app(tmp_path, mini)
    save(finished(mini), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "[b]Ann and Bo[/]" in screen_text(app)
        await pilot.press("ctrl+p")  # the palette names the folder
        await pilot.pause()
        await pilot.press(*"past")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.press("h")  # past sittings: none yet in snap[/]
        await pilot.pause(0.3)
        assert isinstance(app.screen, HistoryScreen)
        assert f"No sittings saved yet in {ODD_DIR}" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TogetherScreen)
        await pilot.press("d")  # the details, below the summary
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Ann:" in text and "[i]note[/] of b-ann [/]" in text and "[b]Ann: Disagree" in text
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert ODD_DIR in screen_text(app)
        await pilot.press("m")  # the report line names the odd folder too
        await pilot.pause()
        assert f"Markdown report written: {ODD_DIR}/" in screen_text(app)
        await pilot.click("#history")  # the button really opens past sittings
        await pilot.pause(0.5)
        assert isinstance(app.screen, HistoryScreen)
        assert f"saved in {ODD_DIR}" in screen_text(app)
    assert not app.crash_message and not app.return_code


async def test_names_in_the_power_question_are_shown_as_typed(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = odd_app(tmp_path, mini)
    s = finished(mini, stage="answering")
    s.current_partner = 0
    s.current_item = [i.id for i in questions(mini)].index("relationship.purpose")
    save(s, app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert "Pass the keyboard to [b]Ann" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Mostly [b]Ann" in text and "More Bo[/]" in text
    assert not app.crash_message


async def test_a_failed_save_names_keys_that_really_retry(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("blocked").write_text("a file where the folder should be")
    app = create_app(mini, Path("blocked"), state_dir=tmp_path / "state", now=lambda: FROZEN)
    save(finished(mini), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = [n.message for n in app._notifications][-1]
        assert "Could not save in blocked" in message and "press a and Ctrl+S" in message
        Path("blocked").unlink()  # the folder is fixed…
        await pilot.press("a")  # …and the keys named do retry
        await pilot.pause()
        assert isinstance(app.screen, AgreeScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        assert list(Path("blocked").glob("*.toml"))


async def test_escape_on_who_is_here_asks_before_throwing_names_away(make_app):
    from collabcheck.tui.screens.dialogs import ConfirmScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: straight back
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ann")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "names and roles typed here will be thrown away" in screen_text(app)
        await pilot.press("n")  # keep typing: nothing lost
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen)
        assert app.screen.query_one("#name-1", Input).value == "Ann"
        await pilot.press("escape", "y")  # throw them away, on purpose
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        app.saver.flush()
        assert not (app.state_dir / "sitting.json").exists()


async def test_the_agree_dialog_buttons_show_at_80x24_for_every_practice(tmp_path, shipped, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(shipped, Path("snaps"), state_dir=tmp_path / "state", now=lambda: FROZEN)
    save(finished(shipped), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreeScreen)
        for number in range(1, 6):
            # Two more lines in the actions box each time, so it grows as the buttons are
            # looked for (typing in it key by key: test_digits_in_the_actions_box_...).
            await pilot.press(str(number), "tab")
            await pilot.pause()
            box = dialog.query_one("#actions", TextArea)
            assert box.has_focus
            box.insert("an action\nanother")
            await pilot.pause()
            assert f"Chosen: {number}." in screen_text(app)
            for button in ("#save", "#cancel"):
                widget = dialog.query_one(button)
                shown, _ = dialog.get_widget_at(*widget.region.center)  # what is drawn there
                assert shown is widget, (number, button)
            await pilot.press("shift+tab")


async def test_help_is_readable_at_60x20(make_app):
    from textual.widgets import Static

    from collabcheck.tui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        dialog = help_screen.query_one(".dialog")
        assert dialog.region.right <= 60 and dialog.region.bottom <= 20
        body = help_screen.query_one("#help-body")
        for static in body.query(Static):  # nothing cut off at the right edge
            assert static.region.right <= body.content_region.right
        await pilot.press("end")
        await pilot.pause()
        source = body.query(Static).last()
        shown, _ = help_screen.get_widget_at(*source.region.center)
        assert shown is source  # the last line can be scrolled into view
        assert "never picks one for you" in screen_text(app)


def test_the_welcome_screen_and_the_readme_give_the_same_time(shipped):
    from collabcheck.tui.screens.welcome import minutes_each

    from ..conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text().split())
    assert f"about {minutes_each(shipped)} minutes each, then 15 to 30 minutes together" in readme


@pytest.mark.parametrize(
    "name",
    [
        "Dev [GP]",
        "[b]bold[/b]",
        "x [/] y",
        "[@click=app.quit]q[/]",
        "[link=https://x]y[/link]",
        "Ann [Carer] [1]",
    ],
)
def test_any_bracketed_name_shows_exactly_as_typed(name: str) -> None:
    """Textual's own escape leaves "[GP]" alone and then drops it as a tag; `safe` never does."""
    from textual.content import Content

    from collabcheck.tui.text import safe, safe_block

    assert Content.from_markup(f"[b]Mostly {safe(name)}[/b]").plain == f"Mostly {name}"
    assert Content.from_markup(safe_block(name)).plain == name


def test_a_bracketed_name_is_whole_in_the_power_options() -> None:
    from collabcheck.core.bank import load_bank
    from collabcheck.tui.screens.questions import choices

    bank = load_bank()
    from datetime import datetime, timezone

    from collabcheck.core.sitting import Sitting

    s = Sitting.new(bank, [("Ngozi", ""), ("Dev [GP]", "")], datetime(2026, 1, 1, tzinfo=timezone.utc))
    item = bank.items_of_kind("authority")[0]
    from textual.content import Content

    labels = [Content.from_markup(label).plain for _, label in choices(item, s)]
    assert "Mostly Dev [GP]" in labels and "More Dev [GP]" in labels


async def test_digits_in_the_actions_box_are_words_and_every_line_is_kept(tmp_path, mini, monkeypatch):
    from textual import events
    from textual.widgets import TextArea

    monkeypatch.chdir(tmp_path)
    app = create_app(mini, Path("snaps"), state_dir=tmp_path / "state", now=lambda: FROZEN)
    save(finished(mini), app.state_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        for key in ["4", "tab", "m", "e", "e", "t", "space", "2"]:  # one burst, none handled yet
            app.post_message(events.Key(key, {"tab": None, "space": " "}.get(key, key)))
        await pilot.pause(0.3)
        dialog = app.screen
        assert dialog.chosen == 4 and dialog.query_one("#actions", TextArea).text == "meet 2"
        assert app.sitting.agreed_practice == 4 and app.sitting.actions == ["meet 2"]
