"""Scenarios written from the guide: realistic partnerships, each checked for the
suggestion, the power pattern and the exact sentences, in every format (text, Markdown, JSON)
and through the one comparison view the app's Together screen lays out.

Each pair answers the shipped bank. Unless a test says otherwise, every agree
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
from collabcheck.render.view import Bullets, Label, comparison_view
from collabcheck.scoring.compare import compare
from collabcheck.scoring.results import Comparison

BANK: Bank = load_bank()
SAY = [i.id for i in BANK.items_of_kind("authority") if not i.accountability and not i.development]
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


def sitting(
    answers: dict[str, dict[str, Any]],
    names: dict[str, str] | None = None,
    stage: str | None = None,
    route: str | None = None,
) -> Snapshot:
    names = names or {pid: pid.capitalize() for pid in answers}
    return Snapshot(
        pair="test-pair",
        taken_at=datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc),
        bank=BANK.id,
        bank_version=BANK.version,
        partners=[Partner(id=p, name=names[p]) for p in answers],
        answers=answers,
        context=Context(stage=stage, route=route) if stage or route else None,
    )


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
    words = [
        js["authority"]["pattern"],
        *js["authority"]["summary"],
        *js["authority"]["notes"],
        *(i["line"] for i in js["authority"]["items"]),
        js["focus"]["summary"],
        *js["suggestion"]["reasons"],
        *js["suggestion"]["tips"],
    ]
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
    return compare(
        sitting({"ngozi": a, "dev": b}, {"ngozi": "Ngozi", "dev": "Dev"}, stage="under-a-year", route=route),
        BANK,
    )


def test_under_the_radar_pair_is_not_pushed_to_practice_5() -> None:
    c = under_the_radar("under-radar")
    assert c.suggestion.number == 4
    assert c.suggestion.without_route == 5  # with no route given, 5 would have come first
    assert c.practice(5).weighting == 0.5 and c.practice(4).weighting == 1.0
    everywhere(
        c,
        "You are working under the radar for now, going where the energy is, so "
        "practice 5 counts for less: the guide offers practices 4 and 5 as two routes "
        "that can both lead to lasting change, and you have chosen one. Had you not, "
        "practice 5 would have come first.",
    )
    everywhere(
        c,
        "You have worked together for under a year, and you are working under the "
        "radar for now, going where the energy is.",
        in_json=False,
    )
    assert report_json(c)["context"] == {"stage": "under-a-year", "route": "under-radar"}
    assert c.authority.pattern_id == "all-shared" and not c.suggestion.hierarchy
    nowhere(c, "clear yes from each level of management")


def test_the_same_answers_working_openly_get_practice_5() -> None:
    c = under_the_radar("open")
    assert c.suggestion.number == 5
    assert "Ask for a clear yes from each level of management" in c.suggestion.tips[0]
    everywhere(
        c,
        "You are working openly, with backing from those in authority: this practice "
        "is about the route you chose.",
    )


# -- an established pair whose clinician carries formal accountability ----------------------


def test_formal_accountability_is_not_read_as_power() -> None:
    clin = {**agree_all(4), **power("shared"), **power("mostly:clin", CARRY), **balanced()}
    pat = {**agree_all(4), **power("shared"), **power("mostly:clin", CARRY), **balanced()}
    c = compare(
        sitting({"clin": clin, "pat": pat}, {"clin": "Dr Clin", "pat": "Pat"}, stage="longer", route="open"),
        BANK,
    )
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
    kim = {
        **agree_all(4),
        **power("shared"),
        **dict(zip(FOCUS, ["mostly-task", "mostly-task", "mostly-task"], strict=True)),
    }
    lee = {
        **agree_all(4),
        **power("shared"),
        **dict(zip(FOCUS, ["relationship", "mostly-relationship", "mostly-relationship"], strict=True)),
    }
    c = compare(sitting({"kim": kim, "lee": lee}), BANK)
    f = c.focus
    assert f.positions == {"kim": -1.0, "lee": pytest.approx(4 / 3)}
    assert f.leaning == "split" and f.divergent
    assert report_json(c)["focus"]["leaning"] == "split"
    everywhere(
        c,
        "You see this in opposite ways: Kim sees it going to the task, Lee to your "
        "relationship. An average would hide that, so none is given.",
    )
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
    everywhere(
        c,
        "Both of you see the say lying outside your partnership, on more than half of "
        "the questions each of you answered.",
    )
    everywhere(c, "Maya sees the say lying outside your partnership (on 5 of the 5 questions they answered).")
    assert "outside" in c.suggestion.findings
    assert any("name who it is" in t for t in c.suggestion.tips)


def test_not_sure_is_never_say() -> None:
    sure = {**agree_all(4), **power("unsure"), SAY[0]: "mostly:kim", **balanced()}
    c = compare(sitting({"kim": dict(sure), "sam": dict(sure)}), BANK)
    # One say question answered (mostly Kim), four "not sure": Kim on 1 of 1 answered.
    assert c.authority.answered == {"kim": 1, "sam": 1}
    assert c.authority.unsure == {"kim": 4, "sam": 4}
    everywhere(
        c,
        "Sam sees Kim holding most of the say (on 1 of the 1 question they answered), "
        "and was not sure on four.",
    )


# -- a partnership just starting ---------------------------------------------------------------


def test_just_starting_weighs_practice_1_more() -> None:
    ans = {**agree_all(4, {1: 3, 2: 2}), **power("shared"), **balanced()}
    later = compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="longer"), BANK)
    early = compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="starting"), BANK)
    assert later.suggestion.number == 2
    # need 2 × 1.5 = 3.0 for practice 1 against 3.0 for practice 2: a tie, the lower wins.
    assert early.practice(1).weighting == 1.5 and early.suggestion.number == 1
    everywhere(
        early,
        "You are just starting, so finding your partners and a shared purpose (practice 1) counts for more.",
    )


# -- figures equal as shown are joint --------------------------------------------------------


def test_figures_equal_as_shown_are_joint() -> None:
    # 2.83 (17/6) and 2.8 (14/5) both show as 2.8: "joint lowest", never "the lowest".
    a = agree_all(4, {2: 3, 3: 3})
    b = agree_all(4, {2: 3, 3: 3})
    p2 = [i.id for i in BANK.practice(2).of_kind("agree")]
    p3 = [i.id for i in BANK.practice(3).of_kind("agree")]
    item2 = BANK.items_by_id[p2[0]]
    a[p2[0]] = 6 - 2 if item2.reverse else 2  # practice 2: a scores 17/6 = 2.83
    b[p2[0]] = 6 - 2 if item2.reverse else 2  # and b too: combined 2.83
    for pid_answers in (a,):
        pid_answers.pop(p3[0])  # practice 3: a scores 3, b 3 → 3.0
    c = compare(
        sitting({"a": {**a, **power("shared"), **balanced()}, "b": {**b, **power("shared"), **balanced()}}),
        BANK,
    )
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


# -- the say, told truly -------------------------------------------------------------------


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
    everywhere(c, "Not all of you see the say as shared: Cy sees themselves having less say than the others.")
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
    everywhere(
        c,
        "Both of you see the say lying outside your partnership, on half of the "
        "questions each of you answered.",
    )
    nowhere(c, "mostly outside")


def test_the_holder_who_sees_the_say_as_shared_is_told_plainly() -> None:
    pro = {**agree_all(4), **power("shared"), **balanced()}
    pat = {**agree_all(4), **power("mostly:pro"), **balanced()}
    c = compare(sitting({"pro": pro, "pat": pat}, {"pro": "Dr Amira", "pat": "Tom"}), BANK)
    assert c.authority.unseen_holders() == {"pro": ["pat"]}
    everywhere(c, "Tom sees Dr Amira holding most of the say, but Dr Amira sees the say as shared.")


def test_making_sure_things_happen_is_carrying_not_the_say() -> None:
    item = BANK.items_by_id["relationship.takes-responsibility"]
    assert item.accountability
    ans = {**agree_all(4), **power("shared"), **power("mostly:clin", CARRY), **balanced()}
    c = compare(sitting({"clin": dict(ans), "pat": dict(ans)}, {"clin": "Dr Clin", "pat": "Pat"}), BANK)
    assert not c.authority.hierarchy and c.authority.pattern_id == "all-shared"
    everywhere(
        c,
        "Answers put the carrying of responsibility with Dr Clin. Being answerable "
        "for the work need not mean having the last word on it",
    )


# -- the summary leads, in every format --------------------------------------------------

SUMMARY_LINES = 20


def summary_everywhere(c: Comparison, sentence: str, bank: Bank = BANK) -> None:
    """In the first 20 lines of the text and Markdown reports, in the JSON's summary and in
    the summary section the Together screen opens with."""
    text, md = render_text(c, bank), render_markdown(c, bank)
    assert sentence in flat("\n".join(text.splitlines()[:SUMMARY_LINES])), "text summary"
    assert sentence in flat("\n".join(md.splitlines()[:SUMMARY_LINES])), "Markdown summary"
    js = report_json(c)["summary"]
    assert sentence in flat(" ".join([js["headline"], "Why: " + js["why"], *js["findings"]])), "JSON summary"
    screen = comparison_view(c, bank)["summary"]
    assert sentence in flat(" ".join(str(b) for b in screen.blocks)), "Together summary"


def test_summary_trio_one_left_out() -> None:
    c = trio_one_left_out()
    assert c.suggestion.number == 1
    summary_everywhere(c, "Work on next: practice 1, Find your collaborative partner(s).")
    summary_everywhere(
        c,
        "Why: Every practice scores the same (4.0), so nothing stands out: "
        "choose together which to work on. Power looks uneven between you, "
        "so this practice counts for more.",
    )
    summary_everywhere(
        c, "Not all of you see the say as shared: Cy sees themselves having less say than the others."
    )


def test_summary_shared_and_outside() -> None:
    c = shared_and_outside()
    assert c.authority.pattern_id == "some-outside" and c.suggestion.number == 1
    summary_everywhere(
        c,
        "Why: Every practice scores 4.0 or more and none is seen differently: "
        "this is a way to go further, not a gap to fix.",
    )
    summary_everywhere(c, "One of you sees the say lying outside your partnership; the other does not.")
    nowhere(c, "Power looks uneven")


def professional_and_patient() -> Comparison:
    """A professional who rates everything 5 and sees the say as shared; a patient partner
    who rates everything 2 (practice 2: 1), sees the professional holding most of the say,
    and sees attention going to the task (+0.3 against −1.7)."""
    pro = {
        **agree_all(5),
        **power("shared"),
        **dict(zip(FOCUS, ["balanced", "balanced", "mostly-relationship"], strict=True)),
    }
    pat = {
        **agree_all(2, {2: 1}),
        **power("mostly:pro"),
        **dict(zip(FOCUS, ["task", "task", "mostly-task"], strict=True)),
    }
    return compare(
        sitting(
            {"pro": pro, "pat": pat}, {"pro": "Dr Amira", "pat": "Tom"}, stage="under-a-year", route="open"
        ),
        BANK,
    )


def test_professional_high_patient_low_gives_each_figure_first() -> None:
    c = professional_and_patient()
    assert c.suggestion.number == 2 and c.authority.pattern_id == "shared-and-held"
    assert c.focus.leaning == "task"
    why = report_json(c)["suggestion"]["reasons"]
    assert why[0] == (
        "Your own scores here: Dr Amira 5.0, Tom 1.0. Combined, that is 3.0 out of 5, the lowest of the five."
    )
    everywhere(c, "Dr Amira +0.3, Tom −1.7: together your attention leans to the task (average −0.7).")
    everywhere(c, "Your attention leans to the task (Dr Amira +0.3, Tom −1.7; −0.7 on average")
    everywhere(c, "Tom sees Dr Amira holding most of the say, but Dr Amira sees the say as shared.")
    nowhere(c, "Your combined score here is 3.0")
    summary_everywhere(
        c, "Work on next: practice 2, Invest in developing leadership and collaborative relationships."
    )
    summary_everywhere(
        c,
        "Why: Your own scores here are Dr Amira 5.0, Tom 1.0 (combined 3.0, "
        "the lowest). Power looks uneven between you and your attention leans to "
        "the task, so this practice counts for more.",
    )
    summary_everywhere(c, "Tom sees Dr Amira holding most of the say, but Dr Amira sees the say as shared.")
    summary_everywhere(
        c, "Attention: Dr Amira +0.3, Tom −1.7; together it leans to the task: you see it differently."
    )
    summary_everywhere(c, "Biggest difference: practice 2, where your scores are Dr Amira 5.0, Tom 1.0.")


def test_summary_opposite_attention() -> None:
    kim = {
        **agree_all(4),
        **power("shared"),
        **dict(zip(FOCUS, ["mostly-task", "mostly-task", "mostly-task"], strict=True)),
    }
    lee = {
        **agree_all(4),
        **power("shared"),
        **dict(zip(FOCUS, ["relationship", "mostly-relationship", "mostly-relationship"], strict=True)),
    }
    c = compare(sitting({"kim": kim, "lee": lee}), BANK)
    assert c.suggestion.number == 1 and c.authority.pattern_id == "all-shared"
    summary_everywhere(c, "Attention: you see it in opposite ways (Kim −1.0, Lee +1.3).")
    everywhere(
        c, "You see where your attention goes in opposite ways (Kim −1.0, Lee +1.3), so no average is used"
    )
    nowhere(c, "is balanced")


def test_established_pair_under_the_radar_scoring_5_low_on_purpose() -> None:
    ans = {**agree_all(4, {5: 1}), **power("shared"), **balanced()}
    c = compare(
        sitting(
            {"ngozi": dict(ans), "dev": dict(ans)},
            {"ngozi": "Ngozi", "dev": "Dev"},
            stage="longer",
            route="under-radar",
        ),
        BANK,
    )
    assert c.suggestion.number == 5 and c.authority.pattern_id == "all-shared"
    everywhere(
        c,
        "the guide says that at some point your work has to become everyone's work "
        "if it is to last, and both routes can lead to lasting change",
    )
    summary_everywhere(
        c,
        "Why: Your combined score here is 1.0 out of 5, the lowest. It still "
        "comes first at half weight: in time, your work has to become "
        "everyone's work.",
    )
    for phrase in (
        "strategy and business plans",
        "clear yes",
        "Tell the people who decide",
        "say openly that your work has their support",
    ):
        nowhere(c, phrase)
    tags = {t.text: t for s in BANK.sections for t in s.tagged_tips}
    assert c.suggestion.tips and all(tags[t].fits(c.suggestion.findings) for t in c.suggestion.tips)


def test_a_bank_1_sitting_says_the_route_was_not_given() -> None:
    from collabcheck.core.bank import load_bank_for

    v1 = load_bank_for(BANK.id, 1, BANK)
    answers: dict[str, Any] = {}
    for s in v1.practices:
        for item in s.of_kind("agree"):
            want = 2 if s.number == 5 else 4
            answers[item.id] = 6 - want if item.reverse else want
    answers |= {i.id: "shared" for i in v1.items_of_kind("authority")}
    answers |= {i.id: "balanced" for i in v1.items_of_kind("focus")}
    snap = Snapshot(
        pair="old-pair",
        taken_at=datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc),
        bank=v1.id,
        bank_version=1,
        schema=1,
        partners=[Partner(id="a", name="Ann"), Partner(id="b", name="Bo")],
        answers={"a": dict(answers), "b": dict(answers)},
    )
    c = compare(snap, v1)
    assert c.suggestion.number == 5 and c.authority.pattern_id == "all-shared"
    assert c.context == {"stage": None, "route": None}
    summary_everywhere(c, "You did not say which route you are taking, so 4 and 5 both count fully.", v1)
    assert any(
        r.startswith(
            "You did not say which route you are taking (working openly with "
            "backing, or under the radar for now)"
        )
        for r in report_json(c)["suggestion"]["reasons"]
    )
    assert "You did not say how long you have worked together or which route you are taking" in flat(
        render_text(c, v1)
    )


def test_every_practice_equal_invites_a_choice() -> None:
    ans = {**agree_all(3), **power("shared"), **balanced()}
    c = compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="longer", route="undecided"), BANK)
    assert c.suggestion.number == 1 and c.authority.pattern_id == "all-shared"
    assert report_json(c)["suggestion"]["reasons"][0] == (
        "Every practice you rated scores the same, 3.0 out of 5, so nothing stands out on scores: "
        "choose together which to work on; practice 1 is first only because it comes first in "
        "the guide's order."
    )
    summary_everywhere(
        c,
        "Why: Every practice scores the same (3.0), so nothing stands out: choose together which to work on.",
    )
    nowhere(c, "the lowest of the five")
    nowhere(c, "Before you settle who works on this")  # a tip for pairs just starting


def test_every_practice_strong_is_said_and_framed_as_going_further() -> None:
    ans = {**agree_all(5, {3: 4}), **power("shared"), **balanced()}
    c = compare(sitting({"a": dict(ans), "b": dict(ans)}), BANK)
    assert c.suggestion.number == 3 and c.authority.pattern_id == "all-shared"
    everywhere(
        c,
        "Every practice scores 4.0 or more and you see none of them differently: your "
        "partnership is strong across the board. Practice 3 is a way to go further, "
        "not a gap to fix (it scores 4.0).",
    )
    summary_everywhere(
        c,
        "Why: Every practice scores 4.0 or more and none is seen differently: "
        "this is a way to go further, not a gap to fix.",
    )


def _display_tie(route: str | None) -> Comparison:
    """Practice 3 at 17/6 (2.83) and practice 5 at 14/5 (2.8): both shown as 2.8."""
    ans = agree_all(4, {3: 3, 5: 3})
    p3 = BANK.practice(3).of_kind("agree")
    p5 = BANK.practice(5).of_kind("agree")
    for item in (p3[0], p5[0]):
        ans[item.id] = 6 - 2 if item.reverse else 2
    ans[p5[1].id] = "unsure"
    ans |= {**power("shared"), **balanced()}
    return compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="under-a-year", route=route), BANK)


def test_a_display_tie_is_joint() -> None:
    c = _display_tie(None)
    assert round(c.practice(3).combined or 0, 3) == 2.833 and c.practice(5).combined == 2.8
    assert c.suggestion.number == 5 and c.authority.pattern_id == "all-shared"
    everywhere(c, "Your combined score here is 2.8 out of 5, the joint lowest of the five (with practice 3).")
    summary_everywhere(c, "Why: Your combined score here is 2.8 out of 5, the joint lowest.")
    nowhere(c, "The lowest is 2.8")
    radar = _display_tie("under-radar")  # practice 5 at half weight: 3 comes first
    assert radar.suggestion.number == 3
    everywhere(
        radar,
        "Your combined score here is 2.8 out of 5, the joint lowest of the five "
        "(with practice 5, the route you have not chosen, so it counts for less).",
    )


def test_no_suggested_practice_shows_more_than_5_tips_or_3_talking_points() -> None:
    for c in (
        trio_one_left_out(),
        shared_and_outside(),
        professional_and_patient(),
        _display_tie(None),
        _display_tie("under-radar"),
    ):
        assert 1 <= len(c.suggestion.tips) <= 5 and 1 <= len(c.suggestion.prompts) <= 3
        js = report_json(c)["suggestion"]
        assert not any("design or run a programme" in t for t in js["tips"])
        blocks = comparison_view(c, BANK)["suggestion"].blocks
        at = next(n for n, b in enumerate(blocks) if isinstance(b, Label) and b.text == "Tips")
        tips = blocks[at + 1]
        assert isinstance(tips, Bullets) and tips.items == tuple(js["tips"])
    learning = _display_tie("under-radar")  # practice 3 suggested: the designers' tip
    assert learning.suggestion.number == 3  # is kept for the facilitators' part only
    assert any("design or run a programme" in t for t in learning.suggestion.facilitator_tips)
    text = render_text(learning, BANK)
    assert text.index("For facilitators who run programmes") < text.index("If you design or run a programme")


def test_a_starting_pair_is_not_scored_on_what_it_cannot_have_done_yet() -> None:
    ans = {**agree_all(4), **power("shared"), **balanced()}
    for item in BANK.practice(3).of_kind("agree"):
        if item.later:
            ans[item.id] = 6 - 1 if item.reverse else 1
    later = compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="longer"), BANK)
    early = compare(sitting({"a": dict(ans), "b": dict(ans)}, stage="starting"), BANK)
    assert later.practice(3).combined is not None and later.practice(3).combined < 4
    assert early.practice(3).combined == 4.0
    assert early.suggestion.number == 1 and later.suggestion.number == 3


def test_talk_first_names_what_each_question_is_about() -> None:
    kim = {**agree_all(4), **power("mostly:kim"), **balanced()}
    sam = {**agree_all(4), **power("mostly:sam"), **balanced()}
    c = compare(sitting({"kim": kim, "sam": sam}), BANK)
    text = flat(render_text(c, BANK))
    assert "(who has the say)" in text and "(power and attention)" not in text
    from collabcheck.render.view import where

    assert where(BANK, "relationship.when-things-go-wrong") == "carrying responsibility"
    assert where(BANK, "relationship.development") == "chances to develop"
    assert where(BANK, FOCUS[0]) == "attention" and where(BANK, SAY[0]) == "who has the say"
    assert where(BANK, "invest.trust") == "practice 2" and where(BANK, "gone.item") == ""


def test_carrying_named_by_one_partner_says_whose_answers_say_so() -> None:
    """When only one partner puts the carrying of responsibility on someone, the sentence says
    it is their answers, and that the other's do not (a tester saw "Answers put …" where the
    other partner had answered "shared equally")."""
    shared = {**agree_all(4), **power("shared"), **power("shared", CARRY), **balanced()}
    clin = {**shared, **power("mostly:clin", CARRY)}
    c = compare(sitting({"clin": clin, "pat": dict(shared)}, {"clin": "Dr Clin", "pat": "Pat"}), BANK)
    everywhere(
        c,
        "Dr Clin's answers put the carrying of responsibility with Dr Clin; Pat's do not. "
        "Being answerable for the work need not mean having the last word on it",
    )


def test_carrying_told_apart_when_each_names_someone_else_and_silent_partners_left_out() -> None:
    """Each naming themselves was told as "Answers put the carrying of responsibility with
    Dr Clin and Pat", as if they agreed; a partner who answered none of these questions was
    said to "not" put it with anyone (a review of the reading)."""
    shared = {**agree_all(4), **power("shared"), **balanced()}
    clin = {**shared, **power("mostly:clin", CARRY)}
    pat = {**shared, **power("mostly:pat", CARRY)}
    c = compare(sitting({"clin": clin, "pat": pat}, {"clin": "Dr Clin", "pat": "Pat"}), BANK)
    everywhere(
        c,
        "Dr Clin's answers put the carrying of responsibility with Dr Clin; Pat's answers put "
        "the carrying of responsibility with Pat. Being answerable",
    )
    c = compare(sitting({"clin": clin, "pat": dict(shared)}, {"clin": "Dr Clin", "pat": "Pat"}), BANK)
    everywhere(c, "Dr Clin's answers put the carrying of responsibility with Dr Clin. Being answerable")


def test_most_of_the_say_counts_the_mostly_and_the_more_answers() -> None:
    """ "Most of the say (on 5 of the 5 questions)" where one of the five said only "more":
    the words now give how many of each, so they match the answers (a trial as a new user)."""
    base = {**agree_all(4), **balanced()}
    sam = {**base, **power("mostly:clin"), SAY[0]: "more:clin"}
    clin = {**base, **power("shared")}
    c = compare(sitting({"clin": clin, "sam": sam}, {"clin": "Dr Clin", "sam": "Sam"}), BANK)
    n = len(SAY)
    everywhere(
        c,
        f"Sam sees Dr Clin holding most of the say (on {n} of the {n} questions they answered: "
        f"most on {n - 1}, more on 1).",
    )
    all_mostly = {**base, **power("mostly:clin")}
    c = compare(sitting({"clin": clin, "sam": all_mostly}, {"clin": "Dr Clin", "sam": "Sam"}), BANK)
    everywhere(c, f"Sam sees Dr Clin holding most of the say (on {n} of the {n} questions they answered).")
