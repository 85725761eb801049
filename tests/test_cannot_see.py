"""What a partner cannot see is a finding: "not sure" on at least half of a practice's
statements that others rated is said, with the numbers, in every format (the text and
Markdown reports, the JSON and the one comparison view the Together screen lays out), and in
the summary; below half it is not, and it never changes a figure."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.snapshot import Partner, Snapshot
from collabcheck.render import summary
from collabcheck.render.json import report_json
from collabcheck.render.report import render_markdown, render_text
from collabcheck.render.view import comparison_view
from collabcheck.scoring.compare import compare

BANK = load_bank()
WHEN = datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc)
P5 = [i.id for i in BANK.items_of_kind("agree") if i.section_id == BANK.practices[4].id]


def sitting(sam_unsure: int, sam_rates_rest: bool = True) -> Snapshot:
    """Alice rates every statement 3; Sam is not sure on the first `sam_unsure` of
    practice 5's and rates the rest of them 4 (or skips them)."""
    alice = {i.id: 3 for i in BANK.items_of_kind("agree")}
    sam: dict[str, object] = {i.id: 4 for i in BANK.items_of_kind("agree") if i.id not in P5}
    for n, item in enumerate(P5):
        if n < sam_unsure:
            sam[item] = "unsure"
        elif sam_rates_rest:
            sam[item] = 4
    return Snapshot(
        pair="alice-and-sam",
        taken_at=WHEN,
        bank=BANK.id,
        bank_version=BANK.version,
        partners=[Partner("alice", "Alice"), Partner("sam", "Sam")],
        answers={"alice": alice, "sam": sam},
    )


def outputs(snap: Snapshot) -> dict[str, str]:
    c = compare(snap, BANK)
    view = comparison_view(c, BANK)
    return {
        "text": " ".join(render_text(c, BANK).split()),
        "markdown": " ".join(render_markdown(c, BANK).replace("\\", "").split()),
        "json": str(report_json(c)),
        "screen": " ".join(" ".join(str(b) for b in s.blocks) for s in view.values()),
    }


def sentence(unsure: int) -> str:
    return f"Sam could not rate {unsure} of the {len(P5)} statements on practice 5 that others rated"


def test_practice_5_has_an_even_number_of_statements_so_half_is_exact():
    assert len(P5) >= 4 and len(P5) % 2 == 0


def test_at_exactly_half_it_is_said_in_every_format_and_the_summary():
    half = len(P5) // 2
    c = compare(sitting(half), BANK)
    assert c.practice(5).cannot_see == {"sam": (half, len(P5))}
    for name, out in outputs(sitting(half)).items():
        assert sentence(half) in out, name
        assert "share what each of you knows" in out, name
    assert any(sentence(half) in f for f in summary.findings(c))
    assert report_json(c)["practices"][4]["cannot_see"] == {
        "sam": {"not_sure": half, "rated_by_others": len(P5)}
    }


def test_below_half_it_is_not_said():
    below = len(P5) // 2 - 1
    c = compare(sitting(below), BANK)
    assert c.practice(5).cannot_see == {}
    for name, out in outputs(sitting(below)).items():
        assert "could not rate" not in out, name


def test_a_skip_is_not_a_not_sure_but_still_leaves_the_statements_others_rated():
    # Sam is not sure on half and skips the rest: still half of those Alice rated
    half = len(P5) // 2
    assert compare(sitting(half, sam_rates_rest=False), BANK).practice(5).cannot_see == {
        "sam": (half, len(P5))
    }


def test_statements_nobody_else_rated_do_not_count():
    snap = sitting(len(P5))
    for item in P5[1:]:
        del snap.answers["alice"][item]  # Alice rated only the first
    c = compare(snap, BANK)
    assert c.practice(5).cannot_see == {"sam": (1, 1)}
    assert "Alice" not in str(c.practice(5).cannot_see)


@pytest.mark.parametrize("unsure", [0, 1, 2, 3])
def test_the_finding_never_changes_a_figure(unsure):
    """The numbers and the suggestion are those of the same answers with the finding
    switched off (its share made unreachable)."""
    from fractions import Fraction

    import collabcheck.scoring.rule as rule_module

    c = compare(sitting(unsure), BANK)
    original = rule_module.CANNOT_SEE_SHARE
    try:
        rule_module.CANNOT_SEE_SHARE = Fraction(2)  # never reached
        d = compare(sitting(unsure), BANK)
    finally:
        rule_module.CANNOT_SEE_SHARE = original
    assert d.practice(5).cannot_see == {}
    assert [(p.scores, p.combined, p.divergence, p.priority) for p in c.practices] == [
        (p.scores, p.combined, p.divergence, p.priority) for p in d.practices
    ]
    assert c.suggestion.number == d.suggestion.number
