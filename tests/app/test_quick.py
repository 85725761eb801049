"""The quick check-in in the app, end to end: offered after a recent full sitting, asked with
the quick form's questions, read with what a quick form can and cannot tell, saved as quick."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from collabcheck.core.forms import quick_form
from collabcheck.core.snapshot import Partner, Snapshot, read_snapshot, write_snapshot
from collabcheck.history.gather import load_history
from collabcheck.render.quick import QUICK_READING
from collabcheck.tui.quick import QuickOfferScreen, QuickTogetherScreen
from collabcheck.tui.screens.handover import HandoverScreen
from collabcheck.tui.screens.questions import QuestionsScreen
from collabcheck.tui.screens.save import SaveScreen
from collabcheck.tui.screens.together import TogetherScreen

from .conftest import FROZEN, SIZE, enter_people, screen_text
from .test_flow import at


def full_sitting_before(bank, days: int, folder: Path) -> Path:
    answers = {pid: {i.id: 3 for i in bank.items_of_kind("agree")} for pid in ("alice", "sam")}
    snap = Snapshot(
        pair="alice-and-sam",
        taken_at=FROZEN - timedelta(days=days),
        bank=bank.id,
        bank_version=bank.version,
        partners=[Partner("alice", "Alice"), Partner("sam", "Sam")],
        answers=answers,
    )  # type: ignore[arg-type]
    return write_snapshot(snap, folder, bank)


async def test_a_quick_sitting_end_to_end(make_app, shipped, tmp_path):
    form = quick_form(shipped)
    assert form is not None
    full_sitting_before(shipped, 50, tmp_path / "snaps")
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Alice", ""), ("Sam", "")])
        await pilot.pause()
        await at(pilot, QuickOfferScreen)
        text = screen_text(app)
        assert "You last sat in full on" in text and "15 questions each" in text
        assert "rather than 45" in text
        await at(pilot, HandoverScreen, "q")
        assert app.sitting.form == "quick"
        for _ in range(2):
            questions = await at(pilot, QuestionsScreen, "enter")
            assert len(questions.items) == len(form.items) == 15
            await answer_turn_from_questions(pilot)
            await at(pilot, HandoverScreen)
        together = await at(pilot, QuickTogetherScreen, "enter")
        assert isinstance(together, TogetherScreen)
        assert " ".join(QUICK_READING.split()[:8]) in " ".join(screen_text(app).split())
        assert "It cannot give the full picture" in " ".join(screen_text(app).split())
        await pilot.press("a")
        await pilot.pause()
        await at(pilot, SaveScreen, "ctrl+s")
        saved = app.saved_path
    snap = read_snapshot(saved, shipped)
    assert snap.form == "quick" and 'form = "quick"' in saved.read_text()
    for table in snap.answers.values():
        assert set(table) <= form.ids and len(table) == 15
    history = load_history(tmp_path / "snaps", shipped, cache_dir=False)
    (pair,) = history.pairs
    assert [s.quick for s in pair.sittings] == [False, True]
    assert all(v is not None for v in pair.changes.values())


async def answer_turn_from_questions(pilot) -> None:
    """On the questions screen: every question answered 3, then finish."""
    q = pilot.app.screen
    while q.item is not None:
        await pilot.press("3")
    await pilot.press("enter")


async def test_full_is_kept_when_they_choose_it_and_not_offered_after_six_months(make_app, shipped, tmp_path):
    full_sitting_before(shipped, 50, tmp_path / "snaps")
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Alice", ""), ("Sam", "")])
        await at(pilot, QuickOfferScreen)
        await at(pilot, HandoverScreen, "f")
        assert app.sitting.form == "full"
        questions = await at(pilot, QuestionsScreen, "enter")
        assert len(questions.items) == 45
    for old in [*(tmp_path / "snaps").glob("*.toml"), *(tmp_path / "state").glob("*.json")]:
        old.unlink()  # (the unfinished sitting too, so the next one starts afresh)
    full_sitting_before(shipped, 200, tmp_path / "snaps")
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Alice", ""), ("Sam", "")])
        await at(pilot, HandoverScreen)  # no offer: the last full sitting is too long ago
        assert app.sitting.form == "full"


async def test_a_quick_sitting_carried_on_is_still_quick(make_app, shipped, tmp_path):
    from .conftest import carry_on_from

    full_sitting_before(shipped, 50, tmp_path / "snaps")
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Alice", ""), ("Sam", "")])
        await at(pilot, HandoverScreen, "q")
        s = app.sitting
        await carry_on_from(pilot, s)
        questions = await at(pilot, QuestionsScreen, "enter")
        assert len(questions.items) == 15


def test_the_offer_screen_at_80x24(snap_compare, shipped):
    from textual.app import App

    class Offer(App[None]):
        CSS_PATH = str(Path(__file__).resolve().parents[2] / "src/collabcheck/tui/collabcheck.tcss")

        def on_mount(self) -> None:
            self.push_screen(QuickOfferScreen(FROZEN - timedelta(days=50), 15, 45))

    assert snap_compare(Offer(), terminal_size=SIZE)
