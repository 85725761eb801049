"""The promises 1–7 over random pairs, trios and groups up to six, on both banks
(properties 8–11 are in test_route_say_and_attention_properties.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from collabcheck.core.bank import Bank
from collabcheck.core.snapshot import Snapshot
from collabcheck.render.json import report_json
from collabcheck.render.reasons import reasons
from collabcheck.scoring.compare import agree_score, compare
from tests.strategies import BANKS, make_snapshot, reorder, snapshots, with_answers

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # the profile sets how many
BANK_IDS = [b.id for b in BANKS]
banks = pytest.mark.parametrize("bank", BANKS, ids=BANK_IDS)


def _no_partners(j: dict[str, Any]) -> dict[str, Any]:
    """The JSON minus what legitimately follows partner order: the partner list and sentence lists."""
    j = json.loads(json.dumps(j))
    j.pop("partners")
    j["authority"]["summary"] = sorted(j["authority"]["summary"])
    for item in j["authority"]["items"]:
        item.pop("line")  # "Alice, more Sam; Sam, shared" lists partners in sitting order
    j["focus"].pop("summary")
    return j


@banks
@SETTINGS
@given(data=st.data())
def test_1_identical_answers_mean_no_divergence(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank, identical=True))
    c = compare(snap, bank)
    for p in c.practices:
        assert p.divergence in (0, None)
        for item in p.items:
            assert item.spread in (0, None)
            assert item.category != "divergent"
    assert c.authority.divergence in (0, None) and not c.authority.divergent
    assert all(i.divergence in (0, None) for i in c.authority.items)
    assert c.focus.divergence in (0, None) and not c.focus.divergent
    assert c.talk_about_first == []
    # Everyone sees power the same way, so the pattern can never be a disagreement.
    # Identical answers give everyone the same overall view: never a disagreement.
    assert c.authority.pattern_id in (
        "all-shared",
        "same-holder",
        "not-enough-answers",
        "outside",
        "same-left-out",
    )
    assert len(set(c.authority.perceived_holder.values())) <= 1


@banks
@SETTINGS
@given(data=st.data())
def test_2_partner_order_changes_nothing(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank))
    order = data.draw(st.permutations(range(len(snap.partners))))
    a, b = compare(snap, bank), compare(reorder(snap, list(order)), bank)
    assert _no_partners(report_json(a)) == _no_partners(report_json(b))
    assert reasons(a) == reasons(b)


@st.composite
def _lowest_practice_case(draw: st.DrawFn, bank: Bank) -> tuple[Snapshot, int]:
    """Identical answers, balanced focus, shared authority, one practice strictly lowest.

    Each practice gets at least one scored answer; if several tie for lowest, one of them is
    nudged down by a point (or, when all its scores are 1, the others are nudged up).
    """
    n = draw(st.integers(2, 6))
    pids = list(draw(st.permutations(["alice", "sam", "ravi", "jo", "mei", "tom"])))[:n]
    extra: dict[str, Any] = {}
    scores: dict[int, dict[Any, int]] = {}
    for section in bank.practices:
        items = section.of_kind("agree")
        forced = draw(st.sampled_from(items))
        scores[section.number] = {}
        for item in items:
            v = draw(
                st.integers(1, 5)
                if item is forced
                else st.one_of(st.none(), st.just("unsure"), st.integers(1, 5))
            )
            if v == "unsure":
                extra[item.id] = v
            elif v is not None:
                scores[section.number][item] = v
    for item in bank.items_of_kind("authority"):
        if draw(st.booleans()):
            extra[item.id] = "shared"
    for item in bank.items_of_kind("focus"):
        if draw(st.booleans()):
            extra[item.id] = "balanced"

    def mean(number: int) -> float:
        return sum(scores[number].values()) / len(scores[number])

    low = min(mean(k) for k in scores)
    tied = [k for k in scores if mean(k) == low]
    target = draw(st.sampled_from(tied))
    if len(tied) > 1:
        above_one = [i for i, v in scores[target].items() if v > 1]
        if above_one:
            scores[target][draw(st.sampled_from(above_one))] -= 1
        else:
            for k in tied:
                if k != target:
                    scores[k][next(iter(scores[k]))] += 1
    answers = dict(extra)
    for table in scores.values():
        for item, v in table.items():
            answers[item.id] = 6 - v if item.reverse else v
    return make_snapshot(bank, {pid: dict(answers) for pid in pids}), target


@banks
@SETTINGS
@given(data=st.data())
def test_3_lowest_practice_is_suggested(bank: Bank, data: st.DataObject) -> None:
    snap, lowest = data.draw(_lowest_practice_case(bank))
    assert compare(snap, bank).suggestion.number == lowest


@banks
@SETTINGS
@given(data=st.data())
def test_4_a_lower_answer_never_lowers_priority(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank))
    items = bank.items_by_id
    choices = [
        (pid, item_id)
        for pid, table in snap.answers.items()
        for item_id, v in table.items()
        if items[item_id].kind == "agree" and v != "unsure" and agree_score(items[item_id], v) > 1
    ]
    assume(choices)
    pid, item_id = data.draw(st.sampled_from(choices))
    item = items[item_id]
    score = agree_score(item, snap.answers[pid][item_id])
    lower = data.draw(st.integers(1, score - 1))
    new_value = 6 - lower if item.reverse else lower  # a less favourable answer
    before = compare(snap, bank)
    after = compare(with_answers(snap, pid, {item_id: new_value}), bank)
    number = next(s.number for s in bank.practices if s.id == item.section_id)
    assert after.practice(number).exact_priority >= before.practice(number).exact_priority
    assert after.practice(number).priority >= before.practice(number).priority
    for other in range(1, 6):
        if other != number:
            assert after.practice(other).exact_priority == before.practice(other).exact_priority


@st.composite
def _equal_combined_case(draw: st.DrawFn, bank: Bank) -> tuple[Snapshot, int, int]:
    """Two practices with the same items count: B is A with partners' scores pulled apart.

    Moving one partner's scores up by 1 and another's down by 1 on every item keeps each
    partner's answered count, so `combined` stays the same while the gaps change.
    """
    sizes: dict[int, list[int]] = {}
    for s in bank.practices:
        sizes.setdefault(len(s.of_kind("agree")), []).append(s.number)
    groups = [g for g in sizes.values() if len(g) >= 2]
    assume(groups)
    a, b = sorted(draw(st.permutations(draw(st.sampled_from(groups))))[:2])
    if draw(st.booleans()):
        a, b = b, a
    n = draw(st.integers(2, 6))
    pids = ["alice", "sam", "ravi", "jo", "mei", "tom"][:n]
    up, down = draw(st.permutations(pids))[:2]
    items_a, items_b = bank.practice(a).of_kind("agree"), bank.practice(b).of_kind("agree")
    answers: dict[str, dict[str, Any]] = {pid: {} for pid in pids}
    for pid in pids:
        for ia, ib in zip(items_a, items_b, strict=True):
            if pid in (up, down):
                score = draw(st.integers(2, 4))
            else:
                score = draw(st.one_of(st.none(), st.integers(1, 5)))
                if score is None:
                    continue
            moved = score + (1 if pid == up else -1 if pid == down else 0)
            answers[pid][ia.id] = 6 - score if ia.reverse else score
            answers[pid][ib.id] = 6 - moved if ib.reverse else moved
    return make_snapshot(bank, answers), a, b


@banks
@SETTINGS
@given(data=st.data())
def test_5_same_combined_more_divergence_ranks_higher(bank: Bank, data: st.DataObject) -> None:
    snap, a, b = data.draw(_equal_combined_case(bank))
    c = compare(snap, bank)
    pa, pb = c.practice(a), c.practice(b)
    assert pa.combined == pb.combined
    assume(pa.divergence != pb.divergence)
    rank = [r["number"] for r in c.suggestion.ranking]
    higher, lower = (a, b) if pa.divergence > pb.divergence else (b, a)
    assert rank.index(higher) < rank.index(lower)


@banks
@SETTINGS
@given(data=st.data())
def test_5_holds_for_any_two_practices_the_findings_touch_alike(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank))
    c = compare(snap, bank)
    rank = [r["number"] for r in c.suggestion.ranking]
    for p in c.practices:
        for q in c.practices:
            if (
                p.combined == q.combined
                and p.boost == q.boost
                and p.weighting == q.weighting
                and (p.divergence or 0) > (q.divergence or 0)
            ):
                assert rank.index(p.number) < rank.index(q.number)


@banks
@SETTINGS
@given(data=st.data(), towards=st.sampled_from(["task", "mostly-task"]))
def test_6_task_leaning_never_lowers_practices_2_and_3(bank: Bank, data: st.DataObject, towards: str) -> None:
    snap = data.draw(snapshots(bank))
    focus = [i.id for i in bank.items_of_kind("focus")]
    leaning = snap
    for pid in snap.partner_ids:
        leaning = with_answers(leaning, pid, dict.fromkeys(focus, towards))
    before, after = compare(snap, bank), compare(leaning, bank)
    assert after.focus.leaning == "task"
    for number in (2, 3):
        assert after.practice(number).exact_priority >= before.practice(number).exact_priority
        assert after.practice(number).priority >= before.practice(number).priority
    rank_before = [r["number"] for r in before.suggestion.ranking]
    rank_after = [r["number"] for r in after.suggestion.ranking]
    for number in (2, 3):
        assert rank_after.index(number) <= rank_before.index(number)


@banks
@SETTINGS
@given(data=st.data())
def test_7_a_partner_who_skipped_a_practice_gets_null(bank: Bank, data: st.DataObject) -> None:
    snap = data.draw(snapshots(bank))
    number = data.draw(st.integers(1, 5))
    pid = data.draw(st.sampled_from(snap.partner_ids))
    everyone = data.draw(st.booleans())
    section = bank.practice(number)
    dropped = snap
    for who in snap.partner_ids if everyone else [pid]:
        dropped = with_answers(dropped, who, dict.fromkeys((i.id for i in section.items), None))
    c = compare(dropped, bank)
    p = c.practice(number)
    assert p.scores[pid] is None and p.answered[pid] == 0
    if everyone:
        assert p.combined is None and p.divergence is None
        assert all(i.category is None and i.spread is None for i in p.items)
    json.dumps(report_json(c))
    assert reasons(c)


@banks
@pytest.mark.parametrize("n", [2, 3, 6])
def test_7_nobody_answered_anything(bank: Bank, n: int) -> None:
    pids = ["alice", "sam", "ravi", "jo", "mei", "tom"][:n]
    c = compare(make_snapshot(bank, {pid: {} for pid in pids}), bank)
    assert all(p.combined is None for p in c.practices)
    assert c.authority.divergence is None and c.focus.leaning is None
    assert c.suggestion.number == 1  # every priority is 0: the lower number breaks the tie
    assert "Nobody rated any" in reasons(c)[0]
    json.dumps(report_json(c))
