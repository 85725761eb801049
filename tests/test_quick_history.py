"""History over quick and full sittings: a practice's movement only from questions asked in both."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from fractions import Fraction
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from collabcheck.core.bank import load_bank
from collabcheck.core.forms import quick_form
from collabcheck.core.snapshot import Agreed, Partner, Snapshot, write_snapshot
from collabcheck.history.gather import load_history
from collabcheck.render.history import render_text

BANK = load_bank()
FORM = quick_form(BANK)
assert FORM is not None
PARTNERS = [Partner("ann", "Ann"), Partner("bo", "Bo")]
STATEMENTS = [i for i in BANK.items_of_kind("agree")]
T0 = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
ANSWER = st.one_of(st.integers(1, 5), st.just("unsure"), st.none())


def sitting(
    when: datetime, answers: dict[str, dict[str, object]], quick: bool, agreed: int | None = None
) -> Snapshot:
    kept = {
        pid: {k: v for k, v in table.items() if v is not None and (not quick or k in FORM.ids)}
        for pid, table in answers.items()
    }
    return Snapshot(
        pair="ann-and-bo",
        taken_at=when,
        bank=BANK.id,
        bank_version=BANK.version,
        partners=PARTNERS,
        answers=kept,
        form="quick" if quick else None,  # type: ignore[arg-type]
        agreed=Agreed(agreed) if agreed else None,
    )


def by_hand(snap: Snapshot, practice: int, asked: set[str]) -> float | None:
    """The README's rule, written out again: each partner's average over the statements of
    `practice` in `asked` they scored (6 − answer when worded the other way), then the mean."""
    means = []
    for table in snap.answers.values():
        scores = [
            6 - v if item.reverse else v
            for item in STATEMENTS
            if item.section_id == BANK.practice(practice).id
            and item.id in asked
            and type(v := table.get(item.id)) is int
        ]
        if scores:
            means.append(Fraction(sum(scores), len(scores)))
    return float(sum(means, Fraction(0)) / len(means)) if means else None


answers_st = st.fixed_dictionaries(
    {p.id: st.fixed_dictionaries({i.id: ANSWER for i in STATEMENTS}) for p in PARTNERS}
)


@given(
    first=answers_st,
    second=answers_st,
    noise=answers_st,
    kinds=st.sampled_from([(False, True), (True, False), (True, True)]),
)
def test_a_change_is_read_only_from_statements_asked_in_both(first, second, noise, kinds):
    """Whatever either sitting answered outside the questions both asked, the change reported
    for each practice is the change over the questions both asked, worked out by hand."""
    quick_a, quick_b = kinds
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a = sitting(T0, first, quick_a)
        b = sitting(T0 + timedelta(days=40), second, quick_b)
        write_snapshot(a, folder, BANK)
        write_snapshot(b, folder, BANK)
        history = load_history(folder, BANK, cache_dir=False)
        (pair,) = history.pairs
        changes = pair.changes
        # the same sittings with other answers to every question not asked in both
        for snap, quick in ((a, quick_a), (b, quick_b)):
            if not quick:
                for pid in snap.answers:
                    for item_id, value in noise[pid].items():
                        if item_id not in FORM.ids and value is not None:
                            snap.answers[pid][item_id] = value
        other = Path(tmp) / "other"
        write_snapshot(a, other, BANK)
        write_snapshot(b, other, BANK)
        assert load_history(other, BANK, cache_dir=False).pairs[0].changes == changes
    for practice in range(1, 6):
        before, after = by_hand(a, practice, set(FORM.ids)), by_hand(b, practice, set(FORM.ids))
        want = None if before is None or after is None else after - before
        got = changes[str(practice)]
        assert (got is None) == (want is None)
        if want is not None:
            assert abs(got - want) < 1e-9


def test_full_sittings_compare_as_before_and_a_quick_one_says_how_it_is_compared(tmp_path):
    every = {p.id: {i.id: 4 for i in STATEMENTS} for p in PARTNERS}
    lower = {p.id: {i.id: (2 if i.id in FORM.ids else 5) for i in STATEMENTS} for p in PARTNERS}
    write_snapshot(sitting(T0, every, False, agreed=3), tmp_path, BANK)
    write_snapshot(sitting(T0 + timedelta(days=30), lower, False), tmp_path, BANK)
    full = load_history(tmp_path, BANK, cache_dir=False).pairs[0]
    # two full sittings: the whole practice, as before (statements outside the form count)
    assert abs(full.changes["1"] - (full.sittings[1].practices["1"] - full.sittings[0].practices["1"])) < 1e-9
    assert not any(s.quick for s in full.sittings)
    write_snapshot(sitting(T0 + timedelta(days=60), every, True), tmp_path, BANK)
    history = load_history(tmp_path, BANK, cache_dir=False)
    (pair,) = history.pairs
    last = pair.sittings[-1]
    assert last.quick and set(last.questions["1"]) == {i for i in FORM.ids if i.startswith("find-partners.")}
    for k in "12345":  # on the form's questions the scores went from 2 (reversed: 4) to 4 (or 2)
        before, after = pair.compared(pair.sittings[-2], last, k)
        assert pair.changes[k] is not None and abs(pair.changes[k] - (after - before)) < 1e-9
    # not the whole-practice scores of the full sitting, which count statements not asked now
    assert any(
        abs(pair.changes[k] - ((last.practices[k] or 0) - (pair.sittings[-2].practices[k] or 0))) > 0.5
        for k in "12345"
    )
    assert not pair.questions_changed  # a quick form is not a change of the questions
    text = render_text(history)
    assert (
        "a quick check-in, so each practice's change to or from it counts only the questions "
        "asked in both sittings" in " ".join(text.split())
    )


def test_follow_through_to_a_quick_sitting_uses_the_questions_asked_in_both(tmp_path):
    high_outside = {
        p.id: {i.id: (3 if i.id in FORM.ids else 5) for i in STATEMENTS if not i.reverse} for p in PARTNERS
    }
    write_snapshot(sitting(T0, high_outside, False, agreed=3), tmp_path, BANK)
    later = {p.id: {i.id: 4 for i in STATEMENTS if not i.reverse} for p in PARTNERS}
    write_snapshot(sitting(T0 + timedelta(days=30), later, True), tmp_path, BANK)
    (pair,) = load_history(tmp_path, BANK, cache_dir=False).pairs
    (follow,) = pair.follow_through
    assert follow.before == 3.0 and follow.after == 4.0  # not the 3.x the whole practice had


def test_a_quick_sitting_whose_file_went_missing_reports_no_change(tmp_path):
    every = {p.id: {i.id: 4 for i in STATEMENTS} for p in PARTNERS}
    write_snapshot(sitting(T0, every, False), tmp_path, BANK)
    path = write_snapshot(sitting(T0 + timedelta(days=30), every, True), tmp_path, BANK)
    history = load_history(tmp_path, BANK, cache_dir=False)
    path.unlink()
    assert all(v is None for v in history.pairs[0].changes.values())


def test_every_change_stated_after_a_quick_check_in_counts_only_the_questions_asked_in_both(tmp_path):
    """A full sitting, then a quick one; the full sitting's statements outside the quick form
    were answered very differently. The table's change since last, the spread rows, the
    follow-through sentence, JSON `changes` and cohort's chosen practice all read the change
    from the statements asked in both, and agree with each other."""
    from datetime import date

    from collabcheck.history.cohort import build_cohort
    from collabcheck.render.cohort import chosen_words
    from collabcheck.render.history import follow_text, score_rows, spread_rows
    from collabcheck.render.history_json import pair_json

    # both 3 on the form's statements; on the rest Ann 5 and Bo 2 (higher, and far apart)
    full = {
        "ann": {i.id: (3 if i.id in FORM.ids else 5) for i in STATEMENTS if not i.reverse},
        "bo": {i.id: (3 if i.id in FORM.ids else 2) for i in STATEMENTS if not i.reverse},
    }
    quick = {p.id: {i.id: 4 for i in STATEMENTS if not i.reverse} for p in PARTNERS}
    write_snapshot(sitting(T0, full, False, agreed=2), tmp_path, BANK)
    write_snapshot(sitting(T0 + timedelta(days=30), quick, True), tmp_path, BANK)
    history = load_history(tmp_path, BANK, cache_dir=False)
    (pair,) = history.pairs
    first = pair.sittings[0]
    assert first.practices["2"] != 3.0  # the whole practice counted the statements outside the form
    # the table: +1.0 up on every practice (3 → 4 on the questions asked in both)
    for label, values, change in score_rows(pair):
        assert change == "+1.0 up", (label, values, change)
    # JSON changes say the same
    assert pair_json(pair)["changes"] == {k: 1.0 for k in "12345"}
    # the spread: both 3 then both 4 on the common statements, so 0 → 0 "same", not closer
    for label, trend, change in spread_rows(pair):
        if label[0] in "12345":
            assert change == "0.0 same", (label, change)
            assert trend.trend == "about the same"
    # the follow-through sentence: 3.0 to 4.0, and says on which questions
    (follow,) = pair.follow_through
    words = follow_text(follow)
    assert "On the questions asked at both sittings, it went from 3.0 to 4.0." in words
    text = " ".join(render_text(history).split())
    assert "Since last counts only the questions asked at both of your latest sittings" in text
    # cohort: the chosen practice 3.0 → 4.0, rose, on the same footing
    cohort = build_cohort(history, {}, date(2026, 5, 1))
    (row,) = cohort.rows
    line = chosen_words(row)
    assert "3.0 → 4.0 (on the questions asked at both sittings), rose." in line, line


def test_convergence_after_a_quick_check_in_is_on_the_same_footing_as_every_other_change(tmp_path):
    """Two full sittings, then a quick one. On the quick form's statements both partners
    always agree (3, 3, then 4 and 4); on the rest they are far apart (5 against 1). History's
    JSON convergence reads every change (since last, since the first sitting, the overall
    figure, the sentence) on the statements asked at both sittings, as the score changes do:
    never "closer" because the quick form did not ask where they differ."""
    import json

    from collabcheck.render.history_json import pair_json

    full = {
        "ann": {i.id: (3 if i.id in FORM.ids else 5) for i in STATEMENTS if not i.reverse},
        "bo": {i.id: (3 if i.id in FORM.ids else 1) for i in STATEMENTS if not i.reverse},
    }
    quick = {p.id: {i.id: 4 for i in STATEMENTS if not i.reverse} for p in PARTNERS}
    write_snapshot(sitting(T0, full, False), tmp_path, BANK)
    write_snapshot(sitting(T0 + timedelta(days=30), full, False), tmp_path, BANK)
    write_snapshot(sitting(T0 + timedelta(days=60), quick, True), tmp_path, BANK)
    (pair,) = load_history(tmp_path, BANK, cache_dir=False).pairs
    convergence = json.loads(json.dumps(pair_json(pair)["convergence"]))
    for k in "12345":
        t = convergence["practices"][k]
        assert t["values"][0] > 0 and t["values"][-1] == 0  # each sitting as it stands
        assert (t["first"], t["previous"], t["latest"]) == (0.0, 0.0, 0.0), (k, t)
        assert t["since_previous"] == 0.0 and t["since_first"] == 0.0
        assert t["trend"] == "about the same"
    overall = convergence["overall"]
    assert overall["values"][0] > 0 and overall["values"][-1] == 0
    assert overall["first"] == overall["previous"] == overall["latest"] == 0.0
    assert overall["since_first"] == 0.0 and overall["trend"] == "about the same"
    assert "Since your first sitting" not in convergence["summary"]
    # every change given is latest minus the figure it is read against
    for t in [*convergence["practices"].values(), overall]:
        assert t["since_previous"] == round(t["latest"] - t["previous"], 9)
        assert t["since_first"] == round(t.get("latest_since_first", t["latest"]) - t["first"], 9)


def test_convergence_of_full_sittings_is_as_each_sitting_stands(tmp_path):
    """Without a quick check-in nothing is read again: first, previous and latest are the
    sittings' own figures, and no extra key appears."""
    import json

    from collabcheck.render.history_json import pair_json

    full = {
        "ann": {i.id: (3 if i.id in FORM.ids else 5) for i in STATEMENTS if not i.reverse},
        "bo": {i.id: (3 if i.id in FORM.ids else 1) for i in STATEMENTS if not i.reverse},
    }
    same = {p.id: {i.id: 4 for i in STATEMENTS if not i.reverse} for p in PARTNERS}
    write_snapshot(sitting(T0, full, False), tmp_path, BANK)
    write_snapshot(sitting(T0 + timedelta(days=30), full, False), tmp_path, BANK)
    write_snapshot(sitting(T0 + timedelta(days=60), same, False), tmp_path, BANK)
    (pair,) = load_history(tmp_path, BANK, cache_dir=False).pairs
    convergence = json.loads(json.dumps(pair_json(pair)["convergence"]))
    for t in [*convergence["practices"].values(), convergence["overall"]]:
        assert (t["first"], t["previous"], t["latest"]) == (t["values"][0], t["values"][-2], t["values"][-1])
        assert "latest_since_first" not in t
    assert convergence["overall"]["trend"] == "closer"
    assert "Since your first sitting they have moved closer." in convergence["summary"]


def test_the_sides_after_a_quick_check_in_are_compared_on_the_questions_asked_in_both(tmp_path):
    """A GP and a patient partner agree on the quick form's statements and differ on the rest;
    after a quick check-in the sides are no closer, since the form did not ask where they differ."""
    from dataclasses import replace

    from collabcheck.history.sides_over_time import side_trends

    full = {
        "ann": {i.id: (3 if i.id in FORM.ids else 5) for i in STATEMENTS if not i.reverse},
        "bo": {i.id: (3 if i.id in FORM.ids else 1) for i in STATEMENTS if not i.reverse},
    }
    quick = {p.id: {i.id: 4 for i in STATEMENTS if not i.reverse} for p in PARTNERS}
    sides = [Partner("ann", "Ann", side="professional"), Partner("bo", "Bo", side="patient")]
    for when, answers, is_quick in ((T0, full, False), (T0 + timedelta(days=30), quick, True)):
        write_snapshot(replace(sitting(when, answers, is_quick), partners=sides), tmp_path, BANK)
    (pair,) = load_history(tmp_path, BANK, cache_dir=False).pairs
    trends = side_trends(pair)
    for k in "12345":
        assert trends[k].values[0] > 0 and trends[k].values[1] == 0  # as each sitting stands
        assert trends[k].compared == (0.0, 0.0) and trends[k].trend == "about the same"
