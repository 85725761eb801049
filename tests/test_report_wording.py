"""The shared wording helpers: names fit one line, bars never depend on colour, signs are clear."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from collabcheck.render.power import item_line
from collabcheck.render.words import (
    agree_words,
    authority_words,
    bar,
    display_name,
    fmt,
    fmt1,
    fmt2,
    focus_picture,
    position_words,
    seen_differently,
    signed,
    talk_first_empty,
)
from collabcheck.scoring.results import PracticeResult

NAMES = {"alice": "Alice", "sam": "Sam"}


@given(st.text(max_size=60), st.integers(1, 40))
def test_display_name_is_one_short_printable_line(name: str, limit: int) -> None:
    shown = display_name(name, limit)
    assert shown and len(shown) <= max(limit, 2)
    assert "\n" not in shown and "\r" not in shown and "\x1b" not in shown
    assert shown == shown.strip()


@given(st.one_of(st.none(), st.floats(0, 5)), st.integers(1, 20))
def test_bar_has_a_fixed_width(value: float | None, width: int) -> None:
    assert len(bar(value, width=width)) == width
    assert len(bar(value, width=width, ascii_only=True)) == width


def test_bars_grow_with_the_score() -> None:
    assert bar(5.0) == "█" * 10
    assert bar(2.5) == "█████     "
    assert bar(1.25) == "██▌       "
    assert bar(3.0, ascii_only=True) == "######    "
    assert [len(bar(x).rstrip()) for x in (1, 2, 3, 4, 5)] == [2, 4, 6, 8, 10]


def test_answers_in_words() -> None:
    assert agree_words(4) == "Agree (4)" and agree_words("unsure") == "Not sure"
    assert agree_words(None) == "Skipped"
    assert authority_words("mostly:sam", NAMES) == "Mostly Sam"
    assert authority_words("more:alice", NAMES) == "More Alice"
    assert authority_words("shared", NAMES) == "Shared equally"


def test_signs_and_positions() -> None:
    assert signed(-1.0) == "−1.0" and signed(0.5) == "+0.5" and signed(-0.0) == "0.0"
    assert [position_words(x) for x in (-2, -1, 0, 1, 2)] == [
        "all on the task",
        "mostly the task",
        "balanced",
        "mostly the relationship",
        "all on the relationship",
    ]
    assert (
        focus_picture({"alice": -1.0, "sam": 0.0}, NAMES)
        == "Alice: mostly the task (−1.0); Sam: balanced (0.0)"
    )


def _item(answers: dict, accountability: bool = False):
    from collabcheck.scoring.results import ItemResult

    return ItemResult(
        id="relationship.agenda",
        kind="authority",
        text="Who sets the agenda?",
        short="the agenda",
        reverse=False,
        answers=answers,
        accountability=accountability,
    )


def test_authority_sentences() -> None:
    assert (
        item_line(_item({"alice": "mostly:alice", "sam": "shared"}), NAMES)
        == "The agenda: Alice, mostly Alice; Sam, shared equally."
    )
    assert (
        item_line(_item({"alice": "shared", "sam": "shared"}), NAMES)
        == "The agenda: both of you said shared equally."
    )
    assert (
        item_line(_item({"alice": "outside", "sam": "unsure"}), NAMES)
        == "The agenda: Alice, someone outside; Sam, not sure."
    )
    assert item_line(_item({"alice": None, "sam": None}), NAMES) == "The agenda: nobody answered."


def test_halves_round_up_as_people_expect() -> None:
    assert [fmt1(x) for x in (3.25, 0.25, 0.05, 2.45, 3.15, 4.75)] == [
        "3.3",
        "0.3",
        "0.1",
        "2.5",
        "3.2",
        "4.8",
    ]
    assert fmt2(2.675) == "2.68" and fmt2(1.125) == "1.13" and fmt2(0.0) == "0.00"
    assert fmt1(-0.04) == "0.0" and fmt1(None) == "–" and fmt1(19 / 6) == "3.2"
    assert signed(-0.25) == "−0.3" and signed(0.25) == "+0.3" and signed(-0.04) == "0.0"


@given(st.integers(-600, 600), st.integers(1, 120), st.sampled_from([1, 2]))
def test_any_average_of_answers_rounds_half_up(num: int, den: int, places: int) -> None:
    # Scores and gaps are averages of whole numbers: exact fractions with small denominators.
    exact = Fraction(num, den)
    step = Fraction(1, 10**places)
    expected = Decimal((exact / step).numerator) / Decimal((exact / step).denominator)
    expected = expected.quantize(Decimal(1), ROUND_HALF_UP) * Decimal(step.numerator) / step.denominator
    shown = fmt(float(exact), places)
    assert Decimal(shown) == expected
    assert shown != "-0.0" and len(shown.split(".")[1]) == places


@given(st.text(min_size=1, max_size=30).filter(lambda s: s.strip()), st.sampled_from(["more", "mostly"]))
def test_someone_who_names_themselves_is_never_named_twice(name: str, how: str) -> None:
    from collabcheck.render.power import view_sentences
    from collabcheck.scoring.results import AuthorityResult

    names = {"p": display_name(name), "q": "Sam"}
    strength = "most" if how == "mostly" else "more"
    a = AuthorityResult(
        divergence=0.0,
        divergent=False,
        pattern_id="same-holder",
        perceived_holder={"p": "p", "q": "p"},
        strength={"p": strength, "q": strength},
        left_out={},
        named={"p": 1, "q": 1},
        totals={},
        answered={"p": 1, "q": 1},
        unsure={},
        items=[],
    )
    overall = view_sentences(a, names)
    assert overall[0] == (
        f"{names['p']} sees themselves holding {strength} of the say (on 1 of the 1 question they answered)."
    )
    assert overall[1].startswith(f"Sam sees {names['p']} holding {strength} of the say")
    assert "(themselves)" not in overall[0]


def _practices(divergences: dict[int, float | None]) -> list[PracticeResult]:
    return [
        PracticeResult(
            number=n,
            id=f"p{n}",
            title="",
            scores={},
            answered={},
            unsure=0,
            unsure_by_partner={},
            combined=None,
            divergence=d,
            items=[],
        )
        for n, d in divergences.items()
    ]


def test_no_difference_is_never_claimed_without_a_comparison() -> None:
    assert (
        seen_differently(_practices(dict.fromkeys(range(1, 6))), 2)
        == "No practice was scored by you both, so there is not enough to compare yet."
    )
    assert (
        seen_differently(_practices({1: 0.5, 2: 1.0, 3: None, 4: 2.0, 5: 0.0}), 3)
        == "Seen differently (apart by 1.0 or more): practices 2, 4."
    )
    assert (
        seen_differently(_practices({1: 0.5, 2: 0.0, 3: None, 4: None, 5: None}), 3)
        == "Of the two practices two or more of you scored, none is seen differently (apart by 1.0 or more)."
    )
    assert (
        seen_differently(_practices(dict.fromkeys(range(1, 6), 0.5)), 2)
        == "No practice is seen differently (apart by 1.0 or more)."
    )
    assert talk_first_empty(0, 2).startswith("There is not enough to compare yet")
    assert (
        talk_first_empty(1, 3)
        == "No answers are two or more points apart, on the 1 question two or more of you answered."
    )
