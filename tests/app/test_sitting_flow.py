"""Whole sittings through the app with Pilot: what partners press is exactly what gets saved."""

from __future__ import annotations

from textual.widgets import Checkbox, TextArea

from collabcheck.core.sitting import questions
from collabcheck.core.snapshot import read_snapshot
from collabcheck.render.json import report_json
from collabcheck.render.options import options
from collabcheck.render.report import render_text
from collabcheck.scoring.compare import compare
from collabcheck.tui.screens.agree import AgreeScreen
from collabcheck.tui.screens.handover import HandoverScreen
from collabcheck.tui.screens.questions import QuestionsScreen
from collabcheck.tui.screens.save import SaveScreen
from collabcheck.tui.screens.together import TogetherScreen

from .conftest import FROZEN, SIZE, background_done, carry_on_from, enter_people, screen_text


def rendered(widget) -> str:
    """The text a widget draws on screen, line by line (what the partners actually see)."""
    from textual.geometry import Region

    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def keys_for(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


async def write_note(pilot, text: str, private: bool = False) -> None:
    screen = pilot.app.screen
    assert screen.item.kind == "reflect"
    await pilot.press("enter", *keys_for(text))
    if private:
        await pilot.press("tab", "space")  # Tab to the private box, Space ticks it
        await pilot.pause()
        assert screen.query_one("#private", Checkbox).value is True
        assert "Private: YES" in screen_text(pilot.app)
    await pilot.press("ctrl+n")
    await pilot.pause()


async def answer_rest(pilot, agree: str, authority: list[str], focus: list[str]) -> None:
    """Answer every remaining question: agree items with one key, reflections left empty."""
    screen = pilot.app.screen
    auth, foc = iter(authority), iter(focus)
    while screen.item is not None:
        kind = screen.item.kind
        if kind == "reflect":
            await pilot.press("ctrl+n")
        else:
            await pilot.press(
                {"agree": agree, "authority": None, "focus": None}[kind]
                or next(auth if kind == "authority" else foc)
            )
    assert "That is every question" in screen_text(pilot.app)
    await pilot.press("enter")
    await pilot.pause()


async def test_a_pair_sitting_end_to_end(make_app, mini, tmp_path):
    app = make_app()
    items = questions(mini)
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Alice", "Consultant"), ("Sam", "Patient partner")])
        assert isinstance(app.screen, HandoverScreen)
        assert "Pass the keyboard to Alice" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        q = app.screen
        assert isinstance(q, QuestionsScreen)
        assert "Question 1 of 24" in screen_text(app) and "Practice 1 of 5" in screen_text(app)
        await pilot.press("4")  # find-partners.a, moves on by itself
        await pilot.press("n")  # find-partners.b: not sure
        await pilot.press("s")  # find-partners.c: skip
        await pilot.pause()
        await write_note(pilot, "We share a purpose")
        await pilot.press("2", "3")  # invest.a, invest.b
        await pilot.pause()
        await pilot.press("left", "left")  # back to invest.a ...
        await pilot.pause()
        assert q.item.id == "invest.a"
        assert "● 2  Disagree   (your answer)" in screen_text(app)
        await pilot.press("5")  # ... and change it
        await pilot.press("right")  # keep invest.b as it was
        await pilot.press("1")  # invest.c
        await pilot.pause()
        await write_note(pilot, "Only for me", private=True)
        await answer_rest(pilot, "3", authority=["1", "4"], focus=["2", "5"])

        screen = app.screen
        assert isinstance(screen, HandoverScreen)
        text = screen_text(app)
        assert "Pass the keyboard to Sam" in text and "Alice: your answers are hidden" in text
        await pilot.press("enter")
        await pilot.pause()
        visible = screen_text(app)
        assert "We share a purpose" not in visible and "Only for me" not in visible
        await answer_rest(pilot, "2", authority=["5", "3"], focus=["3", "1"])

        assert "Everyone has answered" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        together = app.screen
        assert isinstance(together, TogetherScreen)
        await pilot.press("d")  # the details, with the table of practices
        await pilot.pause()
        table_text = rendered(together.query_one(".table"))
        suggested = together.comparison.suggestion.number
        other = 4 if suggested != 4 else 5
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AgreeScreen)
        assert "(suggested)" in screen_text(app)
        await pilot.press(str(other), "tab", *keys_for("Swap chairs"), "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        saved = app.saved_path
        assert saved is not None and str(saved) in screen_text(app)
        await background_done(app)  # git is asked where the folder stands
        await pilot.pause()
        assert "which is not inside a git repository" in screen_text(app)

    snap = read_snapshot(tmp_path / saved, mini)
    assert snap.pair == "alice-and-sam"
    assert snap.taken_at == FROZEN
    assert [(p.id, p.name, p.role) for p in snap.partners] == [
        ("alice", "Alice", "Consultant"),
        ("sam", "Sam", "Patient partner"),
    ]
    agree_ids = [i.id for i in items if i.kind == "agree"]
    alice = {i: 3 for i in agree_ids}
    alice.update(
        {"find-partners.a": 4, "find-partners.b": "unsure", "invest.a": 5, "invest.b": 3, "invest.c": 1}
    )
    del alice["find-partners.c"]
    alice.update(
        {
            "relationship.purpose": "mostly:alice",
            "relationship.agenda": "more:sam",
            "relationship.time": "mostly-task",
            "relationship.first": "relationship",
        }
    )
    sam = {i: 2 for i in agree_ids}
    sam.update(
        {
            "relationship.purpose": "mostly:sam",
            "relationship.agenda": "shared",
            "relationship.time": "balanced",
            "relationship.first": "task",
        }
    )
    assert snap.answers == {"alice": alice, "sam": sam}
    assert snap.notes == {"alice": {"find-partners.think": "We share a purpose"}}
    assert "Only for me" not in saved.read_text()
    assert snap.agreed.practice == other and snap.agreed.actions == ["Swap chairs"]
    assert not (tmp_path / "state" / "sitting.json").exists()
    # the numbers shown are the report's numbers for the saved file
    report = report_json(compare(snap, mini))
    assert report["practices"] == report_json(together.comparison)["practices"]
    rows = [line for line in table_text.splitlines() if line[:1].isdigit()]
    assert len(rows) == 5
    for row, p in zip(rows, report["practices"], strict=True):
        figures = row.split()[-4:]
        expected = [p["scores"]["alice"], p["scores"]["sam"], p["combined"], p["divergence"]]
        assert figures == ["–" if x is None else f"{x:.1f}" for x in expected], row
    text_report = render_text(compare(snap, mini), mini)
    for p in report["practices"]:
        assert f"{p['combined']:.1f}  apart by {p['divergence']:.1f}" in text_report


async def test_a_trio_sitting_with_named_authority_options(make_app, mini, tmp_path):
    """Three partners typed in on Who is here; each then starts at the first say question,
    the statements before it answered in the saved sitting as pressing 2, 3 or 4 on each
    would have (the pair sitting above presses those keys one by one)."""
    from collabcheck.tui.screens.questions import choices

    app = make_app()
    items = questions(mini)
    first_say = next(n for n, item in enumerate(items) if item.kind == "authority")
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, [("Ann", "Carer"), ("Bo", "GP"), ("Cy", "")], pair="Our Trio!")
        s = app.sitting
        for n, name in enumerate(["Ann", "Bo", "Cy"]):
            s.current_partner, s.current_item = n, first_say
            for item in items[:first_say]:
                if item.kind != "reflect":
                    s.set_answer(s.partner.id, item, choices(item, s)[n + 1][0])
            await carry_on_from(pilot, s)
            assert f"Pass the keyboard to {name}" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            q = app.screen
            assert q.item.kind == "authority"
            text = screen_text(app)
            for label in [
                "1  Shared equally",
                "2  More Ann",
                "3  Mostly Ann",
                "4  More Bo",
                "5  Mostly Bo",
                "6  More Cy",
                "7  Mostly Cy",
            ]:
                assert label in text
            await pilot.press(["1", "5", "6"][n])  # shared / mostly Bo / more Cy
            await pilot.press("s")  # skip the second authority item
            await pilot.pause()
            while q.item is not None:
                await pilot.press("3")
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TogetherScreen)
        text = screen_text(app)
        assert "Ann" in text and "Bo" in text and "Cy" in text
        suggested = app.screen.comparison.suggestion.number
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")  # accept the highlighted suggestion
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = app.saved_path
    snap = read_snapshot(tmp_path / saved, mini)
    assert snap.pair == "our-trio" and saved.name == "2026-11-28T1530-our-trio.toml"
    assert [p.id for p in snap.partners] == ["ann", "bo", "cy"]
    assert snap.answers["ann"]["relationship.purpose"] == "shared"
    assert snap.answers["bo"]["relationship.purpose"] == "mostly:bo"
    assert snap.answers["cy"]["relationship.purpose"] == "more:cy"
    assert all("relationship.agenda" not in a for a in snap.answers.values())
    assert snap.answers["bo"]["invest.a"] == 3 and snap.answers["ann"]["find-partners.a"] == 2
    assert snap.agreed.practice == suggested and snap.agreed.actions == []


async def test_no_answers_are_visible_while_the_next_partner_answers(make_app):
    """Alice has finished (every rating 1, words on every written question); nothing of hers
    shows anywhere on Sam's turn, going back included. Starts from the saved sitting: the
    key-by-key sittings above already cover answering."""
    from collabcheck.core.sitting import Sitting

    from .conftest import FROZEN

    app = make_app()
    s = Sitting.new(app.bank, [("Alice", ""), ("Sam", "")], FROZEN)
    s.context_asked = True
    for item in questions(app.bank):
        if item.kind == "reflect":
            s.set_note("alice", item.id, "secret words", False)
        else:
            s.set_answer("alice", item, next(v for v, _ in options(item, s.partners)))
    s.current_partner = 1
    async with app.run_test(size=SIZE) as pilot:
        await carry_on_from(pilot, s)
        assert "Alice: your answers are hidden" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        q = app.screen
        assert q.partner.id == "sam"
        while q.item is not None:
            text = screen_text(app)
            assert "secret words" not in text and "(your answer)" not in text
            if q.item.kind == "reflect":
                assert app.screen.query_one("#note", TextArea).text == ""
            await pilot.press("ctrl+n" if q.item.kind == "reflect" else "right")
        # going back from Sam's first question never reaches Alice's answers
        for _ in range(30):
            await pilot.press("escape", "left")
        await pilot.pause()
        assert q.item.id == "find-partners.a" and q.partner.id == "sam"
        assert "(your answer)" not in screen_text(app)


async def test_the_shipped_bank_sitting_saves_a_valid_snapshot(make_app, shipped, tmp_path):
    """Every one of the shipped bank's questions, answered by keys (Sam's turn; Alice's
    answers are in the saved sitting it starts from), then compared and saved."""
    from collabcheck.core.sitting import Sitting

    from .conftest import FROZEN, carry_on_from

    app = make_app(shipped)
    s = Sitting.new(shipped, [("Alice", ""), ("Sam", "")], FROZEN)
    s.context_asked = True
    for item in questions(shipped):
        if item.kind != "reflect":
            s.set_answer("alice", item, next(v for v, _ in options(item, s.partners)))
    s.current_partner = 1
    async with app.run_test(size=SIZE) as pilot:
        await carry_on_from(pilot, s)
        await pilot.press("enter")
        await pilot.pause()
        q = app.screen
        assert f"Question 1 of {len(questions(shipped))}" in screen_text(app)
        while q.item is not None:
            await pilot.press("ctrl+n" if q.item.kind == "reflect" else "2")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        saved = app.saved_path
    snap = read_snapshot(tmp_path / saved, shipped)
    rated = [i for i in questions(shipped) if i.kind != "reflect"]
    assert len(snap.answers["sam"]) == len(rated)  # every question took its key
    n_agree = len(shipped.items_of_kind("agree"))
    assert sum(1 for v in snap.answers["sam"].values() if v == 2) == n_agree
    assert snap.agreed.practice == compare(snap, shipped).suggestion.number


async def test_names_with_markup_and_newlines_show_as_typed(make_app, mini, tmp_path):
    app = make_app()
    names = [("[b]Bold[/b] Ann", "Role [x]"), ("Bo\nSmith", ""), ("Чен", "")]
    async with app.run_test(size=SIZE) as pilot:
        await enter_people(pilot, names)
        assert "Pass the keyboard to [b]Bold[/b] Ann" in screen_text(app)
        # From the first say question on (the statements before it are the same for any
        # name; the pair sitting answers them key by key).
        s = app.sitting
        s.current_item = next(n for n, i in enumerate(questions(mini)) if i.kind == "authority")
        await carry_on_from(pilot, s)
        assert "Pass the keyboard to [b]Bold[/b] Ann" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        q = app.screen
        assert q.item.kind == "authority"
        while q.item is not None:
            if q.item.kind == "authority":
                text = screen_text(app)
                assert "More [b]Bold[/b] Ann" in text and "Mostly Bo Smith" in text
                assert "More Чен" in text
            await pilot.press("ctrl+n" if q.item.kind == "reflect" else "2")
        await pilot.press("enter")
        await pilot.pause()
        assert "Pass the keyboard to Bo Smith" in screen_text(app)
    state = (tmp_path / "state" / "sitting.json").read_text()
    assert "Bo\\nSmith" in state  # the name itself is kept exactly
