"""Scenarios written from the guide (issue 10): realistic partnerships, each checked for the
suggestion, the power pattern and the exact sentences, in every format (text, Markdown, JSON)
and through the one comparison view the app's Together screen lays out.

Each pair answers the shipped bank (version 2). Unless a test says otherwise, every agree
statement scores 4 (so no practice stands out), attention is balanced and the say is shared.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest

from collabcheck.core.bank import Bank, load_bank
from collabcheck.core.snapshot import Context, Partner, Snapshot
from collabcheck.render.json import report_json
from collabcheck.render.report import render_markdown, render_text
from collabcheck.render.view import comparison_view
from collabcheck.scoring.compare import compare
from collabcheck.scoring.results import Comparison

BANK: Bank = load_bank()
SAY = [i.id for i in BANK.items_of_kind("authority") if not i.accountability]
CARRY = [i.id for i in BANK.items_of_kind("authority") if i.accountability]
FOCUS = [i.id for i in BANK.items_of_kind("focus")]


def agree_all(score: int = 4, practice_scores: dict[int, int] | None = None) -> dict[str, Any]:
    """Every agree statement answered so that it scores `score` (reversed ones turned round)."""
    out: dict[str, Any] = {}
    for s in BANK.practices:
        want = (practice_scores or {}).get(s.number or 0, score)
        for item in s.of_kind("agree"):
            out[item.id] = 6 - want if item.reverse else want
    return out


def sitting(answers: dict[str, dict[str, Any]], names: dict[str, str] | None = None,
            stage: str | None = None, route: str | None = None) -> Snapshot:
    names = names or {pid: pid.capitalize() for pid in answers}
    return Snapshot(pair="test-pair", taken_at=datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc),
                    bank=BANK.id, bank_version=BANK.version,
                    partners=[Partner(id=p, name=names[p]) for p in answers], answers=answers,
                    context=Context(stage=stage, route=route) if stage or route else None)


def power(values: dict[str, str] | str, ids: list[str] = SAY) -> dict[str, Any]:
    """The same answer (or one per item) to every say question listed."""
    return {i: (values if isinstance(values, str) else values[i]) for i in ids}


def balanced() -> dict[str, Any]:
    return dict.fromkeys(FOCUS, "balanced")


def formats(c: Comparison) -> tuple[str, str, dict[str, Any], str]:
    view = comparison_view(c, BANK)
    screen = " ".join(str(b) for s in view.values() for b in s.blocks)
    return render_text(c, BANK), render_markdown(c, BANK), report_json(c), screen


def flat(text: str) -> str:
    """Text with line wrapping undone, so a sentence can be found wherever it broke."""
    return " ".join(text.replace("\\", "").split())


def everywhere(c: Comparison, sentence: str, in_json: bool = True) -> None:
    """In the text and Markdown reports, on the Together screen, and in the JSON's words."""
    text, md, js, screen = formats(c)
    assert sentence in flat(text), "text report"
    assert sentence in flat(md), "Markdown report"
    assert sentence in flat(screen), "Together screen"
    words = [js["authority"]["pattern"], *js["authority"]["summary"], *js["authority"]["notes"],
             *(i["line"] for i in js["authority"]["items"]), js["focus"]["summary"],
             *js["suggestion"]["reasons"], *js["suggestion"]["tips"]]
    assert not in_json or any(sentence in flat(w or "") for w in words), "JSON"


def nowhere(c: Comparison, phrase: str) -> None:
    text, md, js, screen = formats(c)
    for name, out in (("text", text), ("markdown", md), ("json", str(js)), ("screen", screen)):
        assert phrase not in flat(out), f"{phrase!r} in the {name} output"


# -- an under-the-radar pair ---------------------------------------------------------------

def under_the_radar(route: str) -> Comparison:
    """Working under the radar on purpose: practice 5 (sign-off, approval) scores low, the rest
    fairly well; practice 4 a little lower than the others."""
    base = agree_all(4, {4: 3, 5: 2})
    a = {**base, **power("shared"), **balanced()}
    b = {**base, **power("shared"), **balanced()}
    return compare(sitting({"ngozi": a, "dev": b}, {"ngozi": "Ngozi", "dev": "Dev"},
                           stage="under-a-year", route=route), BANK)


def test_under_the_radar_pair_is_not_pushed_to_practice_5() -> None:
    c = under_the_radar("under-radar")
    assert c.suggestion.number == 4
    assert c.suggestion.without_route == 5   # with no route given, 5 would have come first
    assert c.practice(5).weighting == 0.5 and c.practice(4).weighting == 1.0
    everywhere(c, "You are working under the radar for now, going where the energy is, so "
                  "practice 5 counts for less: the guide offers practices 4 and 5 as two routes "
                  "that can both lead to lasting change, and you have chosen one. Had you not, "
                  "practice 5 would have come first.")
    everywhere(c, "You have worked together for under a year, and you are working under the "
                  "radar for now, going where the energy is.", in_json=False)
    assert report_json(c)["context"] == {"stage": "under-a-year", "route": "under-radar"}
    assert c.authority.pattern_id == "all-shared" and not c.suggestion.hierarchy
    nowhere(c, "clear yes from each level of management")


def test_the_same_answers_working_openly_get_practice_5() -> None:
    c = under_the_radar("open")
    assert c.suggestion.number == 5
    assert "Ask for a clear yes from each level of management" in c.suggestion.tips[0]
    everywhere(c, "You are working openly, with backing from those in authority: this practice "
                  "is about the route you chose.")


# -- an established pair whose clinician carries formal accountability ----------------------

def test_formal_accountability_is_not_read_as_power() -> None:
    clin = {**agree_all(4), **power("shared"), **power("mostly:clin", CARRY), **balanced()}
    pat = {**agree_all(4), **power("shared"), **power("mostly:clin", CARRY), **balanced()}
    c = compare(sitting({"clin": clin, "pat": pat}, {"clin": "Dr Clin", "pat": "Pat"},
                        stage="longer", route="open"), BANK)
    a = c.authority
    assert a.pattern_id == "all-shared" and a.perceived_holder == {"clin": "shared", "pat": "shared"}
    assert not a.hierarchy and not c.suggestion.hierarchy
    assert all(p.power_boost == 0 for p in c.practices)
    assert a.divergence == 0.0
    everywhere(c, "Both of you see the say as shared.")
    everywhere(c, "Answering for things that go wrong: both of you said mostly Dr Clin.")
    everywhere(c, "Carrying responsibility is not the same as having the say", in_json=False)
    everywhere(c, "being answerable for the work need not mean having the last word", in_json=False)
    nowhere(c, "holding most of the say")
    nowhere(c, "Power looks uneven")


def test_mostly_on_fewer_than_half_of_the_say_questions_is_not_a_holder() -> None:
    two = {SAY[0]: "mostly:clin", SAY[1]: "mostly:clin", **{i: "shared" for i in SAY[2:]}}
    answers = {**agree_all(4), **two, **balanced()}
    c = compare(sitting({"clin": dict(answers), "pat": dict(answers)}), BANK)
    assert c.authority.perceived_holder == {"clin": "shared", "pat": "shared"}
    assert c.authority.pattern_id == "all-shared"


# -- opposite attention views ----------------------------------------------------------------

def test_opposite_attention_views_are_never_called_balanced() -> None:
    kim = {**agree_all(4), **power("shared"),
           **dict(zip(FOCUS, ["mostly-task", "mostly-task", "mostly-task"], strict=True))}
    lee = {**agree_all(4), **power("shared"),
           **dict(zip(FOCUS, ["relationship", "mostly-relationship", "mostly-relationship"],
                      strict=True))}
    c = compare(sitting({"kim": kim, "lee": lee}), BANK)
    f = c.focus
    assert f.positions == {"kim": -1.0, "lee": pytest.approx(4 / 3)}
    assert f.leaning == "split" and f.divergent
    assert report_json(c)["focus"]["leaning"] == "split"
    everywhere(c, "You see this in opposite ways: Kim sees it going to the task, Lee to your "
                  "relationship. An average would hide that, so none is given.")
    nowhere(c, "is balanced")
    assert "split" in c.suggestion.findings
    assert any("jot down where your time together went" in t for t in c.suggestion.tips)


# -- "more" on every power question ------------------------------------------------------------

def test_more_on_every_question_is_more_not_most() -> None:
    ans = {**agree_all(4), **power("more:kim"), **balanced()}
    c = compare(sitting({"kim": dict(ans), "sam": dict(ans)}), BANK)
    a = c.authority
    assert a.pattern_id == "same-holder" and a.strength == {"kim": "more", "sam": "more"}
    everywhere(c, "Both of you see Kim holding more of the say.")
    everywhere(c, "Sam sees Kim holding more of the say (on 5 of the 5 questions they answered).")
    everywhere(c, "Kim sees themselves holding more of the say")
    nowhere(c, "most of the say")
    # Power looks uneven, so practices 1 and 2 are raised, and the reason names exactly why.
    assert c.practice(1).power_boost == 0.5 and c.practice(2).power_boost == 0.5
    assert c.suggestion.number == 1
    everywhere(c, "Power looks uneven. Kim sees themselves holding more of the say")


def test_mostly_on_every_question_is_most() -> None:
    ans = {**agree_all(4), **power("mostly:kim"), **balanced()}
    c = compare(sitting({"kim": dict(ans), "sam": dict(ans)}), BANK)
    everywhere(c, "Both of you see Kim holding most of the say.")


# -- a trio where one partner is left out ----------------------------------------------------

def test_trio_with_one_partner_left_out() -> None:
    ans = {**agree_all(4), **power("less:cy"), **balanced()}
    c = compare(sitting({"ann": dict(ans), "bo": dict(ans), "cy": dict(ans)}), BANK)
    a = c.authority
    assert a.pattern_id == "same-left-out" and a.left_out == {"ann": "cy", "bo": "cy", "cy": "cy"}
    assert a.hierarchy
    everywhere(c, "All three of you see Cy having less say than the others.")
    everywhere(c, "Ann sees Cy having less say than the others.")
    everywhere(c, "Cy sees themselves having less say than the others.")
    assert c.suggestion.number == 1 and c.practice(1).power_boost == 0.5


# -- a pair that says the say lies outside ---------------------------------------------------

def test_the_say_outside_the_partnership() -> None:
    ans = {**agree_all(4), **power("outside"), **balanced()}
    c = compare(sitting({"maya": dict(ans), "dev": dict(ans)}, {"maya": "Maya", "dev": "Dev"}), BANK)
    a = c.authority
    assert a.pattern_id == "outside" and a.perceived_holder == {"maya": "outside", "dev": "outside"}
    assert not a.hierarchy and all(p.power_boost == 0 for p in c.practices)
    assert a.totals == {"maya": {"maya": 0, "dev": 0}, "dev": {"maya": 0, "dev": 0}}
    everywhere(c, "Both of you see the say lying outside your partnership, on more than half of "
                  "the questions each of you answered.")
    everywhere(c, "Maya sees the say lying outside your partnership (on 5 of the 5 questions "
                  "they answered).")
    assert "outside" in c.suggestion.findings
    assert any("name who it is" in t for t in c.suggestion.tips)


def test_not_sure_is_never_say() -> None:
    sure = {**agree_all(4), **power("unsure"), SAY[0]: "mostly:kim", **balanced()}
    c = compare(sitting({"kim": dict(sure), "sam": dict(sure)}), BANK)
    # One say question answered (mostly Kim), four "not sure": Kim on 1 of 1 answered.
    assert c.authority.answered == {"kim": 1, "sam": 1}
    assert c.authority.unsure == {"kim": 4, "sam": 4}
    everywhere(c, "Sam sees Kim holding most of the say (on 1 of the 1 question they answered), "
                  "and was not sure on four.")


# -- a partnership just starting ---------------------------------------------------------------

def test_just_starting_weighs_practice_1_more() -> None:
    ans = {**agree_all(4, {1: 3, 2: 2}), **power("shared"), **balanced()}
    later = compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="longer"), BANK)
    early = compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="starting"), BANK)
    assert later.suggestion.number == 2
    # need 2 × 1.5 = 3.0 for practice 1 against 3.0 for practice 2: a tie, the lower wins.
    assert early.practice(1).weighting == 1.5 and early.suggestion.number == 1
    everywhere(early, "You are just starting, so finding your partners and a shared purpose "
                      "(practice 1) counts for more.")


# -- figures equal as shown are joint --------------------------------------------------------

def test_figures_equal_as_shown_are_joint() -> None:
    # 2.83 (17/6) and 2.8 (14/5) both show as 2.8: "joint lowest", never "the lowest".
    a = agree_all(4, {2: 3, 3: 3})
    b = agree_all(4, {2: 3, 3: 3})
    p2 = [i.id for i in BANK.practice(2).of_kind("agree")]
    p3 = [i.id for i in BANK.practice(3).of_kind("agree")]
    item2 = BANK.items_by_id[p2[0]]
    a[p2[0]] = 6 - 2 if item2.reverse else 2    # practice 2: a scores 17/6 = 2.83
    b[p2[0]] = 6 - 2 if item2.reverse else 2    # and b too: combined 2.83
    for pid_answers in (a,):
        pid_answers.pop(p3[0])                   # practice 3: a scores 3, b 3 → 3.0
    c = compare(sitting({"a": {**a, **power("shared"), **balanced()},
                         "b": {**b, **power("shared"), **balanced()}}), BANK)
    shown = {p.number: round(p.combined or 0, 2) for p in c.practices}
    assert shown[2] == 2.83
    low = c.practice(c.suggestion.number)
    reason = report_json(c)["suggestion"]["reasons"][0]
    assert reason.startswith(f"Your combined score here is {round(low.combined or 0, 1)}")
    if any(p is not low and f"{p.combined:.1f}" == f"{low.combined:.1f}" for p in c.practices):
        assert "joint lowest" in reason


def test_plain_reasons_carry_no_formulae_and_the_working_is_apart() -> None:
    ans = {**agree_all(3), **power("mostly:kim"), **dict.fromkeys(FOCUS, "mostly-task")}
    c = compare(sitting({"kim": dict(ans), "sam": {**ans, SAY[0]: "shared"}}), BANK)
    js = report_json(c)["suggestion"]
    for reason in js["reasons"]:
        assert "+0.5" not in reason and "weight" not in reason and "×" not in reason
        assert "priority" not in reason
    working = " ".join(js["working"])
    assert "×" in working and "(power)" in working and "(attention on the task)" in working
    text = render_text(c, BANK)
    assert "For facilitators: the working:" in text
    assert text.index("Why:") < text.index("For facilitators: the working:")


def test_only_the_boost_that_applied_is_named() -> None:
    ans = {**agree_all(4, {1: 3}), **power("mostly:kim"), **balanced()}
    c = compare(sitting({"kim": dict(ans), "sam": dict(ans)}), BANK)
    working = " ".join(report_json(c)["suggestion"]["working"])
    assert "(power)" in working and "attention" not in working


def test_the_guide_is_credited_in_every_format() -> None:
    c = compare(sitting({"a": agree_all(4), "b": agree_all(4)}), BANK)
    text, md, js, screen = formats(c)
    assert js["source"] == BANK.source and "Developing collaborative relationships" in js["source"]
    for out in (text, md, screen):
        assert "Developing collaborative relationships" in flat(out)


# -- issue 17: the say, told truly -----------------------------------------------------------

def trio_one_left_out() -> Comparison:
    """Cy answers "less for me: the others share it" on 4 of 5 say questions; Ann and Bo see
    the say as shared."""
    cy = {**agree_all(4), **power("less:cy"), SAY[0]: "shared", **balanced()}
    shared = {**agree_all(4), **power("shared"), **balanced()}
    return compare(sitting({"ann": dict(shared), "bo": dict(shared), "cy": cy}), BANK)


def test_a_left_out_partner_is_never_under_all_shared() -> None:
    c = trio_one_left_out()
    a = c.authority
    assert a.left_out == {"cy": "cy"} and a.pattern_id == "one-left-out"
    assert report_json(c)["authority"]["pattern_id"] == "one-left-out"
    everywhere(c, "Not all of you see the say as shared: Cy sees themselves having less say "
                  "than the others.")
    everywhere(c, "Cy sees themselves having less say than the others.")
    nowhere(c, "All three of you see the say as shared.")
    assert a.hierarchy and c.practice(1).power_boost == 0.5
    everywhere(c, "The agenda: Ann, shared equally; Bo, shared equally; Cy, less say for Cy.")
    nowhere(c, "less Cy")


def shared_and_outside() -> Comparison:
    """Maya sees the say as shared; Dev sees it outside the partnership on 4 of 5."""
    maya = {**agree_all(4), **power("shared"), **balanced()}
    dev = {**agree_all(4), **power("outside"), SAY[0]: "shared", **balanced()}
    return compare(sitting({"maya": maya, "dev": dev}, {"maya": "Maya", "dev": "Dev"}), BANK)


def test_shared_against_outside_is_no_power_boost() -> None:
    c = shared_and_outside()
    a = c.authority
    assert a.pattern_id == "some-outside"
    assert a.divergence == 0.0 and not a.divergent and not a.hierarchy
    assert all(p.power_boost == 0 for p in c.practices)
    everywhere(c, "One of you sees the say lying outside your partnership; the other does not.")
    everywhere(c, "The guide asks whose formal authority you could travel on")
    nowhere(c, "Power looks uneven")
    nowhere(c, "mostly outside")
    assert "outside" in c.suggestion.findings and "power" not in c.suggestion.findings


def test_outside_on_half_the_questions_is_said_as_half() -> None:
    half = {SAY[0]: "outside", SAY[1]: "outside", SAY[2]: "shared", SAY[3]: "shared"}
    ans = {**agree_all(4), **half, **balanced()}
    c = compare(sitting({"maya": dict(ans), "dev": dict(ans)}, {"maya": "Maya", "dev": "Dev"}), BANK)
    assert c.authority.pattern_id == "outside"
    everywhere(c, "Both of you see the say lying outside your partnership, on half of the "
                  "questions each of you answered.")
    nowhere(c, "mostly outside")


def test_the_holder_who_sees_the_say_as_shared_is_told_plainly() -> None:
    pro = {**agree_all(4), **power("shared"), **balanced()}
    pat = {**agree_all(4), **power("mostly:pro"), **balanced()}
    c = compare(sitting({"pro": pro, "pat": pat}, {"pro": "Dr Amira", "pat": "Tom"}), BANK)
    assert c.authority.unseen_holders() == {"pro": ["pat"]}
    everywhere(c, "Tom sees Dr Amira holding most of the say, but Dr Amira sees the say as "
                  "shared.")


def test_making_sure_things_happen_is_carrying_not_the_say() -> None:
    item = BANK.items_by_id["relationship.takes-responsibility"]
    assert item.accountability
    ans = {**agree_all(4), **power("shared"), **power("mostly:clin", CARRY), **balanced()}
    c = compare(sitting({"clin": dict(ans), "pat": dict(ans)}, {"clin": "Dr Clin", "pat": "Pat"}),
                BANK)
    assert not c.authority.hierarchy and c.authority.pattern_id == "all-shared"
    everywhere(c, "Answers put the carrying of responsibility with Dr Clin. Being answerable "
                  "for the work need not mean having the last word on it")
