"""The README's properties 8–11 (rule version 2) over random pairs, trios and groups up to six.

8. Route: under the radar, all else equal, practice 4's priority is at least, and practice 5's
   at most, what they are with route "open"; the reasons name the route when it changed the
   suggestion.
9. "Not sure" and "outside" are never anyone's say; "mostly X" on fewer than half of the say
   questions answered, "shared" on the rest, never makes X the holder.
10. Opposite attention views are never summed up as balanced, in any format.
11. Schema-1 snapshots still report and appear in history, compared by item id.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from collabcheck.cli import main
from collabcheck.core.bank import Bank, load_bank
from collabcheck.render.json import report_json
from collabcheck.render.reasons import reasons
from collabcheck.render.report import render_markdown, render_text
from collabcheck.render.view import comparison_view
from collabcheck.scoring.compare import compare
from tests.strategies import BANKS, snapshots, with_answers, with_context

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # the profile sets how many
banks = pytest.mark.parametrize("bank", BANKS, ids=[f"{b.id}-v{b.version}" for b in BANKS])
ROOT = Path(__file__).resolve().parents[1]


@banks
@SETTINGS
@given(data=st.data(), stage=st.sampled_from([None, "starting", "under-a-year", "longer"]))
def test_8_under_the_radar_never_lifts_5_or_lowers_4(
    bank: Bank, data: st.DataObject, stage: str | None
) -> None:
    snap = data.draw(snapshots(bank))
    radar = compare(with_context(snap, stage, "under-radar"), bank)
    open_ = compare(with_context(snap, stage, "open"), bank)
    assert radar.practice(4).exact_priority >= open_.practice(4).exact_priority
    assert radar.practice(5).exact_priority <= open_.practice(5).exact_priority
    for c, words in ((radar, "under the radar"), (open_, "openly, with backing")):
        if c.suggestion.without_route != c.suggestion.number:
            assert any(words in r and "counts for less" in r for r in reasons(c)), reasons(c)


@banks
@SETTINGS
@given(data=st.data())
def test_8_no_context_and_undecided_weigh_every_practice_the_same(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank))
    plain = compare(with_context(snap, None, None), bank)
    undecided = compare(with_context(snap, "under-a-year", "undecided"), bank)
    assert [p.exact_priority for p in plain.practices] == [p.exact_priority for p in undecided.practices]
    assert all(p.weighting == 1 for p in plain.practices)


SAY = {
    b.id + str(b.version): [
        i.id for i in b.items_of_kind("authority") if not i.accountability and not i.development
    ]
    for b in BANKS
}


@banks
@SETTINGS
@given(data=st.data())
def test_9_not_sure_and_outside_are_never_say(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank))
    say = SAY[bank.id + str(bank.version)]
    pid = data.draw(st.sampled_from(snap.partner_ids))
    value = data.draw(st.sampled_from(["unsure", "outside"]))
    changed = with_answers(snap, pid, dict.fromkeys(say, value))
    a = compare(changed, bank).authority
    assert all(v == 0 for v in a.totals.get(pid, {}).values())
    assert a.perceived_holder.get(pid) in (None, "outside")
    assert pid not in a.strength and pid not in a.left_out


@banks
@SETTINGS
@given(data=st.data())
def test_9_mostly_on_under_half_is_not_the_holder(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank))
    say = SAY[bank.id + str(bank.version)]
    assume(len(say) >= 2)
    pid = data.draw(st.sampled_from(snap.partner_ids))
    holder = data.draw(st.sampled_from(snap.partner_ids))
    k = data.draw(st.integers(0, (len(say) - 1) // 2))  # fewer than half
    named = data.draw(st.permutations(say))[:k]
    answers = {i: (f"mostly:{holder}" if i in named else "shared") for i in say}
    a = compare(with_answers(snap, pid, answers), bank).authority
    assert 2 * k < len(say)
    assert a.perceived_holder[pid] == "shared"


OPPOSITE = [
    ("task", "relationship"),
    ("mostly-task", "relationship"),
    ("task", "mostly-relationship"),
    ("mostly-task", "mostly-relationship"),
]


@banks
@SETTINGS
@given(data=st.data(), pair=st.sampled_from(OPPOSITE))
def test_10_opposite_attention_is_never_balanced(
    bank: Bank, data: st.DataObject, pair: tuple[str, str]
) -> None:
    snap = data.draw(snapshots(bank, min_partners=2))
    focus = [i.id for i in bank.items_of_kind("focus")]
    a, b = data.draw(st.permutations(snap.partner_ids))[:2]
    changed = with_answers(
        with_answers(snap, a, dict.fromkeys(focus, pair[0])), b, dict.fromkeys(focus, pair[1])
    )
    c = compare(changed, bank)
    assert c.focus.leaning == "split"
    view = comparison_view(c, bank)
    screen = " ".join(str(block) for s in view.values() for block in s.blocks)
    for out in (render_text(c, bank), render_markdown(c, bank), str(report_json(c)), screen):
        assert "is balanced" not in " ".join(out.split())


def test_11_schema_1_snapshots_report_and_appear_in_history(tmp_path: Path) -> None:
    old = sorted((ROOT / "examples").rglob("*.toml"))
    v1 = [p for p in old if "schema = 1" in p.read_text(encoding="utf-8")]
    assert v1, "the examples keep at least one schema-1 sitting"
    for path in v1:
        for fmt in ("text", "markdown", "json"):
            out = io.StringIO()
            with redirect_stdout(out):
                assert main(["report", str(path), "--format", fmt]) == 0
            assert out.getvalue()
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["history", str(ROOT / "examples"), "--format", "json"]) == 0
    import json

    history = json.loads(out.getvalue())
    files = {Path(s["file"]).name for p in history["pairs"] for s in p["sittings"]}
    assert {p.name for p in v1} <= files
    assert not history["skipped"]


def test_11_an_old_sitting_reports_with_the_questions_its_partners_saw() -> None:
    v1 = load_bank(ROOT / "questions" / "v1")
    old = next(
        p
        for p in sorted((ROOT / "examples").rglob("*.toml"))
        if "bank_version = 1" in p.read_text(encoding="utf-8")
    )
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["report", str(old), "--format", "json"]) == 0
    import json

    report = json.loads(out.getvalue())
    assert report["compared_with"] == {"bank": v1.id, "bank_version": 1}
    assert report["unknown_answers"] == []


def test_11_validate_judges_an_old_sitting_by_its_own_questions() -> None:
    """A bank-1 sitting is valid and has no 'questions not in the bank' warning: it is checked
    against bank 1, which ships beside bank 2."""
    old = next(
        p
        for p in sorted((ROOT / "examples").rglob("*.toml"))
        if "bank_version = 1" in p.read_text(encoding="utf-8")
    )
    out, err = io.StringIO(), io.StringIO()
    from contextlib import redirect_stderr

    with redirect_stdout(out), redirect_stderr(err):
        assert main(["validate", str(old)]) == 0
    assert "not in the bank" not in err.getvalue()
