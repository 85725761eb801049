"""Worked examples of the comparison, computed by hand (the arithmetic is in the comments).

All examples use the mini bank: practices 1–5 each have agree items a, b and c (c is worded
the other way round, so its score is 6 − answer); the relationship section has authority items
`purpose` and `agenda` and focus items `time` and `first`.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from collabcheck.render.power import pattern_sentence
from collabcheck.render.reasons import reasons, working
from collabcheck.scoring.authority import authority_distance, authority_pattern, authority_vector
from collabcheck.scoring.compare import compare
from tests.strategies import MINI_BANK, make_snapshot

BANK = MINI_BANK
ALL_FIVE = {f"{s.id}.{x}": v for s in BANK.practices for x, v in (("a", 5), ("b", 5), ("c", 1))}


def test_worked_pair_example() -> None:
    alice = dict(ALL_FIVE)
    sam = dict(ALL_FIVE)
    # Practice 1. Alice: a=4, b=5, c=2 (reversed: 6−2=4) -> scores 4, 5, 4 -> mean 13/3.
    #             Sam:   a=2, b="unsure", c=4 (reversed: 2) -> scores 2, 2 -> mean 2.
    alice.update({"find-partners.a": 4, "find-partners.b": 5, "find-partners.c": 2})
    sam.update({"find-partners.a": 2, "find-partners.b": "unsure", "find-partners.c": 4})
    # Practice 2: both answer 3, 3, 3 (c reversed: 3) -> everyone 3, combined 3, no gaps.
    for who in (alice, sam):
        who.update({"invest.a": 3, "invest.b": 3, "invest.c": 3})
    # Practices 3–5: both 5, 5, 1 -> scores 5, 5, 5 -> combined 5.
    # Authority. purpose: Alice mostly:alice (alice 2) vs Sam shared (nobody) -> distance 2.
    #            agenda:  both more:alice -> distance 0.  Mean (2 + 0) / 2 = 1.0 -> divergent.
    alice.update({"relationship.purpose": "mostly:alice", "relationship.agenda": "more:alice"})
    sam.update({"relationship.purpose": "shared", "relationship.agenda": "more:alice"})
    # Focus. Alice: mostly-task (−1), task (−2) -> −1.5.  Sam: balanced (0), balanced (0) -> 0.
    alice.update({"relationship.time": "mostly-task", "relationship.first": "task"})
    sam.update({"relationship.time": "balanced", "relationship.first": "balanced"})
    c = compare(make_snapshot(BANK, {"alice": alice, "sam": sam}), BANK)

    p1 = c.practice(1)
    assert p1.scores == {"alice": pytest.approx(13 / 3), "sam": 2.0}
    assert p1.answered == {"alice": 3, "sam": 2} and p1.unsure == 1
    assert p1.unsure_by_partner == {"alice": 0, "sam": 1}
    assert p1.combined == pytest.approx(19 / 6)  # (13/3 + 2) / 2
    # Spreads: a |4−2| = 2; b only Alice scored -> none; c |4−2| = 2. Divergence (2+2)/2 = 2.
    assert [i.spread for i in p1.items] == [2, None, 2]
    assert [i.category for i in p1.items] == ["divergent", None, "divergent"]
    assert p1.divergence == 2.0
    assert c.practice(2).combined == 3.0 and c.practice(2).divergence == 0.0
    assert c.practice(5).combined == 5.0

    a = c.authority
    assert [i.divergence for i in a.items] == [2.0, 0.0]
    assert a.divergence == 1.0 and a.divergent
    # Totals over 2 answered items: Alice gives alice 2+1 = 3 (1.5 per item >= 0.5);
    # Sam gives alice 0+1 = 1 (0.5 per item >= 0.5): both see Alice holding most say.
    assert a.totals == {"alice": {"alice": 3, "sam": 0}, "sam": {"alice": 1, "sam": 0}}
    assert a.perceived_holder == {"alice": "alice", "sam": "alice"}
    assert a.pattern_id == "same-holder" and pattern(a) == "Both of you see Alice holding more of the say."

    f = c.focus
    assert f.positions == {"alice": -1.5, "sam": 0.0}
    assert f.divergence == 1.5 and f.divergent  # 0 − (−1.5) = 1.5 >= 1.5
    # (−1.5 + 0) / 2 = −0.75 <= −0.5, and not split (nobody is at +0.5 or above): the task.
    assert f.mean == -0.75 and f.leaning == "task"

    # Divergence weight: practice 1 has k=2 items scored by both, Alice scored n=3, m=2
    # partners -> 2/(3×2) = 1/3; every other practice 3/(3×2) = 1/2; the smallest is 1/3.
    s = c.suggestion
    assert s.divergence_weight == pytest.approx(1 / 3)
    assert s.hierarchy and s.task_leaning
    # P1: need 5 − 19/6 = 11/6, plus 1/3 × 2 = 2/3, plus 1/2 (power) = 3.0
    # P2: need 5 − 3 = 2, plus 0, plus 1/2 (power) + 1/2 (task) = 3.0  -> a tie; 1 wins.
    # P3: need 0 + 1/2 (task) = 0.5; P4, P5: 0.
    assert c.practice(1).exact_priority == Fraction(3) == c.practice(2).exact_priority
    assert s.ranking == [
        {"number": 1, "priority": 3.0},
        {"number": 2, "priority": 3.0},
        {"number": 3, "priority": 0.5},
        {"number": 4, "priority": 0.0},
        {"number": 5, "priority": 0.0},
    ]
    assert s.number == 1 and s.id == "find-partners"
    # Practice 2 (3.0) is lower than practice 1 (3.17): the gaps and the power finding lift 1.
    # Alice 4.3 and Sam 2.0 are far apart: each partner's figure comes before the combined one.
    assert reasons(c)[0] == (
        "Your own scores here: Alice 4.3, Sam 2.0. Combined, that is 3.2 "
        "out of 5. The lowest is 3.0, for practice 2."
    )
    assert any("2.0 points apart" in r for r in reasons(c))
    assert any('1 answer here was "not sure"' in r for r in reasons(c))
    assert any(
        r.startswith("Power looks uneven. Alice sees themselves holding most of the say") for r in reasons(c)
    )
    assert "tie" in " ".join(working(c)) and "need 1.83" in working(c)[0]
    assert s.tips == list(BANK.practice(1).tips) and s.prompts == list(BANK.practice(1).prompts)
    # Talk about first, all 2 apart: power first, then attention (`first`: −2 vs 0), then
    # the practice statements in bank order. `time` is only 1 apart.
    assert c.talk_about_first == [
        "relationship.purpose",
        "relationship.first",
        "find-partners.a",
        "find-partners.c",
    ]
    assert c.unknown_answers == []


def _power(alice: list[str | None], sam: list[str | None], ravi: list[str | None] | None = None):
    def table(values):
        return {
            k: v
            for k, v in zip(("relationship.purpose", "relationship.agenda"), values, strict=True)
            if v is not None
        }

    answers = {"alice": table(alice), "sam": table(sam)}
    if ravi is not None:
        answers["ravi"] = table(ravi)
    return compare(make_snapshot(BANK, answers), BANK).authority


def pattern(a) -> str:
    """The authority pattern in words, as every report says it (names: the ids capitalised)."""
    return pattern_sentence(a, {pid: pid.capitalize() for pid in a.perceived_holder})


def test_both_see_it_as_shared() -> None:
    a = _power(["shared", "shared"], ["shared", "shared"])
    assert a.pattern_id == "all-shared" and pattern(a) == "Both of you see the say as shared."
    assert a.divergence == 0.0 and not a.divergent and not a.hierarchy


def test_each_sees_the_other_holding_it() -> None:
    # mostly:sam vs mostly:alice -> |0−2| + |2−0| = 4 on both items; mean 4.
    a = _power(["mostly:sam", "mostly:sam"], ["mostly:alice", "mostly:alice"])
    assert a.perceived_holder == {"alice": "sam", "sam": "alice"}
    assert a.pattern_id == "each-other"
    assert pattern(a) == "Each of you sees the other holding most of the say."
    assert a.divergence == 4.0 and a.divergent


def test_each_sees_themselves_holding_it() -> None:
    # mostly:alice vs more:sam -> 2 + 1 = 3 on both items.  Sam: 1+1 = 2 over 2 items = 1 each.
    a = _power(["mostly:alice", "mostly:alice"], ["more:sam", "more:sam"])
    assert a.perceived_holder == {"alice": "alice", "sam": "sam"}
    assert a.pattern_id == "each-self" and a.divergence == 3.0


def test_one_sees_it_shared_and_the_other_does_not() -> None:
    # Sam: more:sam (1) + shared (0) = 1 over 2 items = 0.5 per item -> Sam.  Distances 1, 0 -> 0.5.
    a = _power(["shared", "shared"], ["more:sam", "shared"])
    assert a.perceived_holder == {"alice": "shared", "sam": "sam"}
    assert a.pattern_id == "shared-and-held"
    assert pattern(a) == "One of you sees the say as shared; the other does not."
    assert a.divergence == 0.5 and not a.divergent
    assert a.hierarchy  # not divergent, but Sam sees one person holding most say


def test_no_clear_holder_means_shared() -> None:
    # Sam: more:sam and more:alice -> 1 each: a tie, so nobody stands out.
    # Alice: more:alice on one item, skipped the other -> 1 over 1 item -> Alice.
    a = _power(["more:alice", None], ["more:sam", "more:alice"])
    assert a.perceived_holder == {"alice": "alice", "sam": "shared"}
    # Below the threshold: more:alice once among 3 answers would be 1/3 < 1/2 (trio below).
    a = _power(["more:alice", "shared"], ["shared", "shared"], ["shared", "shared"])
    assert a.perceived_holder["alice"] == "alice"  # 1/2 per item: exactly at the threshold


def test_trio_patterns() -> None:
    a = _power(["mostly:alice"] * 2, ["mostly:alice"] * 2, ["more:alice"] * 2)
    assert pattern(a) == "All three of you see Alice holding more of the say."
    # purpose: distances mostly:alice vs more:alice = 1 -> largest pair 1, same for agenda.
    assert a.divergence == 1.0
    a = _power(["mostly:alice"] * 2, ["mostly:alice"] * 2, ["shared"] * 2)
    assert pattern(a) == "Some of you see the say as shared; others do not."
    a = _power(["mostly:alice"] * 2, ["mostly:alice"] * 2, ["mostly:sam"] * 2)
    assert a.pattern_id == "mixed" and pattern(a) == "You see different people holding the say."
    a = _power(["mostly:sam"] * 2, ["mostly:ravi"] * 2, ["mostly:alice"] * 2)
    assert pattern(a) == "Each of you sees someone else holding most of the say."


def test_not_enough_answers() -> None:
    a = _power(["mostly:alice", None], [None, None])
    assert a.pattern_id == "not-enough-answers" and a.divergence is None
    assert a.items[0].divergence is None and a.perceived_holder == {"alice": "alice"}


def test_pattern_does_not_depend_on_order() -> None:
    assert authority_pattern({"a": "b", "b": "a"}) == authority_pattern({"b": "a", "a": "b"})


@pytest.mark.parametrize(
    ("x", "y", "distance"),
    [
        ("shared", "shared", 0),
        ("shared", "more:a", 1),
        ("shared", "mostly:a", 2),
        ("more:a", "mostly:a", 1),
        ("more:a", "more:b", 2),
        ("mostly:a", "mostly:b", 4),
        ("more:a", "mostly:b", 3),
    ],
)
def test_authority_distance(x: str, y: str, distance: int) -> None:
    ids = {"a", "b"}
    assert authority_distance(authority_vector(x, ids), authority_vector(y, ids)) == distance


@pytest.mark.parametrize(
    ("alice", "sam", "category"),
    [
        (4, 5, "shared-strength"),
        (1, 2, "shared-concern"),
        (2, 4, "divergent"),
        (1, 5, "divergent"),
        (3, 4, "mixed"),
        (2, 3, "mixed"),
        (3, "unsure", None),
    ],
)
def test_item_categories(alice, sam, category) -> None:
    c = compare(make_snapshot(BANK, {"alice": {"invest.a": alice}, "sam": {"invest.a": sam}}), BANK)
    assert c.practice(2).items[0].category == category


def test_reversed_statement_is_scored_the_other_way() -> None:
    # Strongly agreeing (5) with a statement worded the other way scores 6 − 5 = 1.
    c = compare(make_snapshot(BANK, {"alice": {"invest.c": 5}, "sam": {"invest.c": 1}}), BANK)
    assert c.practice(2).scores == {"alice": 1.0, "sam": 5.0}
    assert c.practice(2).items[2].category == "divergent"


@pytest.mark.parametrize(
    ("alice", "sam", "leaning", "divergent"),
    [
        ("mostly-task", "balanced", "task", False),  # mean −0.5 -> task; gap 1
        ("balanced", "mostly-relationship", "relationship", False),
        ("mostly-task", "mostly-relationship", "split", True),  # opposite sides, gap 2: never balanced
        ("task", "balanced", "task", True),  # gap 2 -> divergent
    ],
)
def test_focus_leaning_and_gap(alice, sam, leaning, divergent) -> None:
    c = compare(
        make_snapshot(BANK, {"alice": {"relationship.time": alice}, "sam": {"relationship.time": sam}}), BANK
    )
    assert c.focus.leaning == leaning
    gap = abs(c.focus.positions["alice"] - c.focus.positions["sam"])
    assert c.focus.divergence == gap and c.focus.divergent == divergent  # the table's column


def test_focus_gap_of_exactly_one_and_a_half_is_divergent() -> None:
    # Alice: task (−2), mostly-task (−1) -> −1.5.  Sam: balanced (0), balanced (0) -> 0.  Gap 1.5.
    c = compare(
        make_snapshot(
            BANK,
            {
                "alice": {"relationship.time": "task", "relationship.first": "mostly-task"},
                "sam": {"relationship.time": "balanced", "relationship.first": "balanced"},
            },
        ),
        BANK,
    )
    assert c.focus.divergence == 1.5 and c.focus.divergent


def test_unsure_is_counted_but_never_scored() -> None:
    c = compare(
        make_snapshot(BANK, {"alice": {"energy.a": "unsure", "energy.b": "unsure"}, "sam": {"energy.a": 1}}),
        BANK,
    )
    p = c.practice(4)
    assert p.scores == {"alice": None, "sam": 1.0}
    assert p.unsure == 2 and p.unsure_by_partner == {"alice": 2, "sam": 0}
    assert p.combined == 1.0 and p.divergence is None
    assert p.items[0].unsure == 1 and p.items[0].spread is None


def test_answers_to_unknown_items_are_listed_not_scored() -> None:
    snap = make_snapshot(
        BANK, {"alice": {"invest.gone": 1, "invest.a": 5, "old.thing": "shared"}, "sam": {"invest.a": 5}}
    )
    c = compare(snap, BANK)
    assert c.unknown_answers == ["invest.gone", "old.thing"]
    assert c.practice(2).scores == {"alice": 5.0, "sam": 5.0}


def test_answers_that_no_longer_fit_their_item_are_not_scored() -> None:
    # A sitting from another bank can use an id that this bank gives to another kind of question.
    snap = make_snapshot(
        BANK, {"alice": {"invest.a": "shared", "relationship.time": 3}, "sam": {"invest.a": 2}}
    )
    c = compare(snap, BANK)
    assert c.mismatched_answers == ["invest.a", "relationship.time"]
    assert c.practice(2).scores["alice"] is None and c.focus.positions["alice"] is None


def test_need_unknown_when_nobody_scored_a_practice() -> None:
    # Everything answered 3 except practice 4, which nobody scored: its need counts as 0.
    answers = {k: 3 for k in ALL_FIVE if not k.startswith("energy.")}
    c = compare(make_snapshot(BANK, {"alice": answers, "sam": answers}), BANK)
    assert c.practice(4).combined is None and c.practice(4).need == 0.0
    assert c.suggestion.number == 1  # four-way tie at need 2: lowest number
    assert reasons(c)[0] == (
        "Every practice you rated scores the same, 3.0 out of 5, so nothing "
        "stands out on scores: choose together which to work on; practice 1 "
        "comes first because of the other findings below."
    )
