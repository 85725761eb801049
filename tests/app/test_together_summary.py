"""The Together screen opens with the reading at a glance, whole, on one 80×24 screen: the
practice to work on, why, at most three findings and what to press next, with no scrolling;
the details are a key away (d) and back again. Checked for a trio with one partner left out
and for a professional who rates everything high beside a patient partner who rates low."""

from __future__ import annotations

from typing import Any

import pytest

from collabcheck.core.bank import Bank
from collabcheck.core.sitting import Sitting
from collabcheck.render import summary
from collabcheck.scoring.compare import compare

from .conftest import FROZEN, SIZE, carry_on_from, drawn, screen_text


def _sitting(bank: Bank, case: str) -> Sitting:
    """Answers given as the screens would store them, for the two cases the issue names."""
    people = (
        [("Ann", "Ward manager"), ("Bo", "Carer"), ("Cy", "Patient partner")]
        if case == "trio"
        else [("Dr Amira", "Consultant"), ("Tom", "Patient partner")]
    )
    s = Sitting.new(bank, people, FROZEN)
    pids = [p.id for p in s.partners]
    say = [i for i in bank.items_of_kind("authority") if not i.accountability]
    for k, pid in enumerate(pids):
        for item in bank.items_of_kind("agree"):
            score = 4 if case == "trio" else (5 if k == 0 else 2)
            s.set_answer(pid, item, 6 - score if item.reverse else score)
        for n, item in enumerate(bank.items_of_kind("authority")):
            value: Any
            if case == "trio":
                value = f"less:{pids[2]}" if pid == pids[2] and n and item in say else "shared"
            else:
                value = "shared" if k == 0 else f"mostly:{pids[0]}"
            s.set_answer(pid, item, value)
        for item in bank.items_of_kind("focus"):
            s.set_answer(pid, item, "balanced" if case == "trio" or k == 0 else "task")
    s.how_long, s.route = "longer", "under-radar"
    s.context_asked = True
    s.current_partner, s.current_item, s.stage = len(pids), 0, "together"
    return s


def _at(case: str):
    async def run_before(pilot) -> None:
        await carry_on_from(pilot, _sitting(pilot.app.bank, case))
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("case", ["trio", "pair"])
def test_the_summary_at_80x24(case, snap_compare, make_app, shipped):
    assert snap_compare(make_app(shipped), terminal_size=SIZE, run_before=_at(case))


@pytest.mark.parametrize("case", ["trio", "pair"])
async def test_the_summary_fits_one_screen_and_the_details_are_a_key_away(case, make_app, shipped):
    from collabcheck.tui.screens.together import TogetherScreen

    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await _at(case)(pilot)
        screen = app.screen
        assert isinstance(screen, TogetherScreen)
        c = compare(screen.snapshot, shipped)
        box = screen.query_one("#summary")
        nxt = screen.query_one("#next")
        scroll = screen.query_one("#together")
        # Whole, and above the footer, without scrolling.
        assert scroll.scroll_y == 0 and scroll.max_scroll_y == 0
        assert nxt.region.bottom <= SIZE[1] - 1 and box.region.y >= 1
        shown = " ".join(drawn(box).split())
        for sentence in [summary.headline(c), *summary.findings(c)]:
            assert " ".join(sentence.split()) in shown, sentence
        assert " ".join(("Why: " + summary.why_text(c)).split()) in shown
        assert len(summary.findings(c)) <= 3
        assert "press a to agree" in " ".join(drawn(nxt).split())
        assert not screen.query_one("#details").display
        await pilot.press("d")
        await pilot.pause()
        assert screen.query_one("#details").display and "The five practices" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert not screen.query_one("#details").display and scroll.scroll_y == 0
        if case == "trio":
            assert c.authority.pattern_id == "one-left-out"
            assert (
                "Not all of you see the say as shared: Cy sees themselves having less say "
                "than the others." in shown
            )
        else:
            assert "Your own scores here are Dr Amira 5.0, Tom 2.0" in shown
            assert "Tom sees Dr Amira holding most of the say, but Dr Amira sees the say as shared." in shown
