"""Plain mode end to end: scripted typing in, plain sentences out, the app's snapshot written.

Each test types a whole sitting (or part of one) into `run_plain` through a string, and
compares the file written with what `Sitting.to_snapshot` gives for the same answers: the
same model the app uses, so plain mode and the app write the same snapshot.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from collabcheck.core import sitting as store
from collabcheck.core.bank import load_bank, questions
from collabcheck.core.sides import suggest_side
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import read_snapshot
from collabcheck.plain.flow import run_plain

from ..conftest import MINI_BANK

BANK = load_bank(MINI_BANK)
ITEMS = questions(BANK)
WHEN = datetime(2026, 11, 29, 15, 30, tzinfo=timezone(timedelta(hours=1)))
AGREE = [(1, "1"), (2, "2"), ("unsure", "n"), (4, "4"), (5, "Strongly agree"), (None, "s"), (3, "3")]
# Any escape sequence, C0/C1 control (other than a line break), box drawing or block element.
NOISE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2500-\u259f]")


def who(people: list[tuple[str, str]], pair: str = "") -> list[str]:
    typed = [""]  # "Press Enter to start"
    for name, role in people:
        typed += [name, role, ""]  # Enter: the side the role suggests, or none
    if len(people) < 6:
        typed.append("")  # everyone is here
    # partnership name, "that is right", then where the partnership stands: both left
    return typed + [pair, "", "", ""]


def partner_answers(n: int, authority: list[str]) -> tuple[list[str], dict, dict]:
    """Partner n's typing for every question, and the answers and notes that should be kept."""
    typed: list[str] = [""]  # hand-over: "Press Enter when … is ready"
    answers: dict[str, object] = {}
    notes: dict[str, tuple[str, bool]] = {}
    for k, item in enumerate(ITEMS):
        if item.kind == "agree":
            value, key = AGREE[(k + n) % len(AGREE)]
            typed.append(key)
            if value is not None:
                answers[item.id] = value
        elif item.kind == "authority":
            pick = (k + n) % len(authority)
            typed.append(str(pick + 1))
            answers[item.id] = authority[pick]
        elif item.kind == "focus":
            values = ["task", "mostly-task", "balanced", "mostly-relationship", "relationship"]
            pick = (k * 2 + n) % 5
            typed.append(str(pick + 1))
            answers[item.id] = values[pick]
        else:
            text = f'Partner {n} on {item.id}: "quotes" and ünïcode'
            private = (k + n) % 3 == 0
            if (k + n) % 4 == 1:
                typed.append("")  # left empty
                continue
            typed += [text, "p" if private else "f"]
            notes[item.id] = (text, private)
    typed.append("")  # "Press Enter to finish"
    return typed, answers, notes


def expected(people, pair, all_answers, all_notes, practice, actions) -> Sitting:
    s = Sitting.new(BANK, people, WHEN, pair=pair or None, sides=[suggest_side(r) for _, r in people])
    for p, answers, notes in zip(s.partners, all_answers, all_notes, strict=True):
        for item_id, value in answers.items():
            s.set_answer(p.id, BANK.items_by_id[item_id], value)
        for item_id, (text, private) in notes.items():
            s.set_note(p.id, item_id, text, private)
    s.agreed_practice, s.actions = practice, actions
    return s


def run(typed: list[str], tmp_path: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = run_plain(
        BANK,
        tmp_path / "snaps",
        tmp_path / "state",
        io.StringIO("\n".join(typed) + "\n"),
        out,
        now=lambda: WHEN,
    )
    return status, out.getvalue()


def flat(said: str) -> str:
    """The transcript as one line: sentences wrapped at 78 columns read as one."""
    return re.sub(r"\s+", " ", said)


def together(practice: str, actions: list[str]) -> list[str]:
    # everyone ready; hear parts 1 and 2; skip one; jump to 5; agree; practice; actions; save
    return ["", "", "", "skip", "5", "agree", practice, *actions, "", "", ""]


def saved_file(tmp_path: Path) -> Path:
    files = list((tmp_path / "snaps").glob("*.toml"))
    assert len(files) == 1, files
    return files[0]


@pytest.mark.parametrize(
    "people,authority",
    [
        (
            [("Ann", "Nurse"), ("Bo", "Patient partner")],
            ["mostly:ann", "more:ann", "shared", "more:bo", "mostly:bo"],
        ),
        (
            [("Ann", ""), ("Bo", "Carer"), ("Cy", "Commissioner")],
            ["shared", "more:ann", "mostly:ann", "more:bo", "mostly:bo", "more:cy", "mostly:cy"],
        ),
    ],
    ids=["pair", "trio"],
)
def test_a_whole_sitting_writes_the_snapshot_the_app_would(tmp_path, people, authority):
    typed = who(people, "")
    answers, notes = [], []
    for n in range(len(people)):
        t, a, no = partner_answers(n, authority)
        typed += t
        answers.append(a)
        notes.append(no)
    typed += together("2", ["Meet monthly", "Share the chair"])[:-1] + ["m"]  # and a Markdown report
    status, said = run(typed, tmp_path)
    assert status == 0
    want = expected(people, "", answers, notes, 2, ["Meet monthly", "Share the chair"])
    path = saved_file(tmp_path)
    snap = want.to_snapshot(BANK, WHEN)
    assert path.read_text(encoding="utf-8") == snap.to_toml(BANK)
    assert read_snapshot(path, BANK) == snap
    assert not (tmp_path / "state" / "sitting.json").exists()  # removed once saved
    # What was said: progress in words, answers confirmed, the parts' headings first.
    assert "Question 12 of 24, practice 3: Practice 3." in flat(said)
    assert "You chose: Not sure." in flat(said) and "You skipped this question." in flat(said)
    assert f"Pass the keyboard to {people[1][0]}. Press Enter when {people[1][0]} is ready." in flat(said)
    assert said.index("The comparison has") < said.index("Part 1 of")
    assert "Who has the say" in flat(said) and "Part 5 of" in flat(said)
    assert "You chose: practice 2, Practice 2." in flat(said)
    assert f"Saved. Your sitting is in this file:\n{path}\n" in said
    assert "which is not inside a git repository" in flat(said)  # tmp_path is not a repository
    report = path.with_suffix(".md")
    assert "Markdown report written:" in said and report.exists()
    picture = report.with_suffix(".svg")  # beside it, linked from it
    assert "picture of where each of you stands is beside it:" in said and picture.name in said
    assert f"]({picture.name})" in report.read_text(encoding="utf-8")
    assert "Meet monthly" in report.read_text(encoding="utf-8")
    assert not NOISE.search(said), NOISE.search(said)


def test_the_options_are_the_apps(tmp_path):
    """Same values, same labels, same order as the app's question screen (pair and trio)."""
    from collabcheck.plain.words import choices
    from collabcheck.tui.screens.questions import choices as app_choices

    for people in ([("Ann", ""), ("Bo [x]", "")], [("Ann", ""), ("Bo", ""), ("Cy", "")]):
        s = Sitting.new(BANK, people, WHEN)
        for item in ITEMS:
            if item.kind == "reflect":
                continue
            app = [
                (v, label.replace("\\[", "["))
                for v, label in app_choices(item, s)
                if v not in (None, "unsure")
            ]
            assert choices(item, s) == app


def test_back_skip_and_changing_an_answer(tmp_path):
    people = [("Ann", ""), ("Bo", "")]
    typed = who(people) + ["", "4", "b", "", "b", "b", "2", "s"]
    # q1=4, back to q1, keep (Enter), q2: back, q1: back (first: stays), 2, q2 skip
    rest_a = {ITEMS[0].id: 2}
    for item in ITEMS[2:]:
        typed += ["3"] if item.kind != "reflect" else [""]
        if item.kind != "reflect":
            rest_a[item.id] = {"agree": 3, "authority": "shared", "focus": "balanced"}[item.kind]
    typed += [""]
    t, b_answers, b_notes = partner_answers(1, ["mostly:ann", "more:ann", "shared", "more:bo", "mostly:bo"])
    typed += t + together("", [])
    status, said = run(typed, tmp_path)
    assert status == 0
    assert "Kept: Agree." in flat(said)
    assert "This is the first question, so there is nothing to go back to." in flat(said)
    snap = read_snapshot(saved_file(tmp_path), BANK)
    assert snap.answers["ann"] == rest_a
    assert ITEMS[1].id not in snap.answers["ann"]  # skipped
    want = expected(people, "", [rest_a, b_answers], [{}, b_notes], snap.agreed.practice, [])
    assert snap == want.to_snapshot(BANK, WHEN)


def test_stopping_part_way_keeps_the_autosave_and_carrying_on_finishes_it(tmp_path):
    people = [("Ann", "Nurse"), ("Bo", "")]
    authority = ["mostly:ann", "more:ann", "shared", "more:bo", "mostly:bo"]
    a_typed, a_answers, a_notes = partner_answers(0, authority)
    b_typed, b_answers, b_notes = partner_answers(1, authority)
    cut = 1 + 7  # the hand-over and the first seven questions of Ann's
    status, said = run(who(people) + a_typed[:cut], tmp_path)  # then the input ends
    assert status == 0
    assert "The input has ended. Your answers are kept on this computer." in flat(said)
    kept = store.load(tmp_path / "state")
    assert kept is not None and kept.current_partner == 0
    typed_ids = [i.id for i in ITEMS[: kept.current_item]]
    assert kept.answers["ann"] == {k: v for k, v in a_answers.items() if k in typed_ids}
    assert (tmp_path / "state" / "sitting.json").exists()

    # Start again: it is offered, carried on from the question reached, and finished.
    resume = ["c", ""] + a_typed[cut:] + b_typed + together("3", ["Talk"])
    status, said = run(resume, tmp_path)
    assert "An unfinished sitting was found: Ann and Bo, started Sunday 29 November at 15:30" in flat(said)
    assert f"You carry on from question {kept.current_item + 1}." in flat(said)
    want = expected(people, "", [a_answers, b_answers], [a_notes, b_notes], 3, ["Talk"])
    assert read_snapshot(saved_file(tmp_path), BANK) == want.to_snapshot(BANK, WHEN)


def test_typing_stop_keeps_everything_and_a_new_sitting_asks_before_throwing_it_away(tmp_path):
    status, said = run(who([("Ann", ""), ("Bo", "")]) + ["", "5", "stop"], tmp_path)
    assert "Stopped for now." in flat(said)
    assert store.load(tmp_path / "state").answers["ann"] == {ITEMS[0].id: 5}
    status, said = run(["n", "", "n", "yes", ""] + who([("Cy", ""), ("Di", "")])[1:] + ["stop"], tmp_path)
    assert "will be thrown away, with all its answers" in flat(said)
    assert flat(said).count("Type c to carry it on") == 2  # Enter at "are you sure" went back
    s = store.load(tmp_path / "state")
    assert [p.name for p in s.partners] == ["Cy", "Di"] and s.answers == {}


def test_a_private_reflection_never_reaches_the_file(tmp_path):
    people = [("Ann", ""), ("Bo", "")]
    typed = who(people) + [""]
    for item in ITEMS:
        if item.kind == "reflect":
            secret = item.id.startswith("find-partners")
            typed += ["SECRET words" if secret else f"open words {item.id}", "p" if secret else ""]
        else:
            typed.append("s")
    typed += ["", ""] + ["" if i.kind == "reflect" else "s" for i in ITEMS] + [""] + together("", [])
    status, said = run(typed, tmp_path)
    text = saved_file(tmp_path).read_text(encoding="utf-8")
    assert "SECRET" not in text
    assert "open words embed.think" in text
    assert "Kept private: it will not be in the saved file." in flat(said)
    assert "SECRET" not in "".join(p.read_text() for p in (tmp_path / "snaps").rglob("*") if p.is_file())


def test_names_typed_with_escape_sequences_come_out_plain(tmp_path):
    typed = ["", "\x1b[31mAnn\x1b[0m", "\x1b]0;title\x07Nurse", "", "Bo", "", "", "", "", "", "", "", "stop"]
    status, said = run(typed, tmp_path)
    assert not NOISE.search(said)
    assert "Pass the keyboard to [31mAnn[0m." in flat(said)  # what is left is printable text only
    assert "\x1b" not in (tmp_path / "state" / "sitting.json").read_text()


def test_the_same_name_twice_is_refused_plainly(tmp_path):
    typed = ["", "Ann", "", "", " ann ", "Bo", "", "", "", "", "", "stop"]
    status, said = run(typed, tmp_path)
    assert "Two people are both called ann. Please add something to tell them apart" in flat(said)
    assert [p.name for p in store.load(tmp_path / "state").partners] == ["Ann", "Bo"]


def test_a_sitting_stopped_at_the_comparison_carries_on_there(tmp_path):
    people = [("Ann", ""), ("Bo", "")]
    authority = ["mostly:ann", "more:ann", "shared", "more:bo", "mostly:bo"]
    typed, answers, notes = who(people), [], []
    for n in range(2):
        t, a, no = partner_answers(n, authority)
        typed += t
        answers.append(a)
        notes.append(no)
    run(typed + ["", "", "stop"], tmp_path)  # hear part 1, then stop
    assert store.load(tmp_path / "state").stage == "together"
    status, said = run(["c", "agree", "4", "", ""], tmp_path)
    assert "everyone has answered, and the comparison is next" in flat(said)
    assert "Pass the keyboard" not in said  # nobody answers again
    want = expected(people, "", answers, notes, 4, [])
    assert read_snapshot(saved_file(tmp_path), BANK) == want.to_snapshot(BANK, WHEN)


def test_a_sitting_made_with_other_questions_is_not_carried_on(tmp_path):
    other = Sitting.new(BANK, [("Ann", ""), ("Bo", "")], WHEN)
    other.bank = "another-bank"
    store.save(other, tmp_path / "state")
    status, said = run(["c", "n", "yes", "", "stop"], tmp_path)
    assert "used other questions: bank 'another-bank' version 1" in flat(said)
    assert "Sorry, that is not one of the choices." in said  # c is not offered
    assert store.load(tmp_path / "state") is None  # thrown away only after "yes"


def test_names_are_kept_as_they_are_typed_and_offered_again(tmp_path):
    status, said = run(["", "Ann", "Nurse", "", "Bo"], tmp_path)  # the input ends while typing roles
    kept = store.load(tmp_path / "state")
    assert kept.stage == "who" and kept.draft_people == [("Ann", "Nurse"), ("Bo", "")]
    assert kept.draft_sides == ["professional"]  # the side Nurse suggested, kept with Enter
    status, said = run(["c", "", "", "", "", "Carer", "", "", "", "", "stop"], tmp_path)
    assert "Ann and Bo, started" in flat(said) and "the names were still being typed" in flat(said)
    assert "Partner 1's name. Typed before: Ann. Press Enter to keep it" in flat(said)
    assert "Ann's role. Typed before: Nurse." in flat(said)
    s = store.load(tmp_path / "state")
    assert s.stage == "answering"
    assert [(p.name, p.role) for p in s.partners] == [("Ann", "Nurse"), ("Bo", "Carer")]
    assert "Ann's side of care. Given before: professional." in flat(said)
    assert [p.side for p in s.partners] == ["professional", "patient"]


def test_an_unreadable_autosave_is_put_aside_with_a_plain_sentence(tmp_path):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "sitting.json").write_text("{not json", encoding="utf-8")
    status, said = run(["stop"], tmp_path)
    assert status == 0
    assert "An unfinished sitting could not be read, so it was put aside as" in flat(said)
    assert "Traceback" not in said
    assert not (tmp_path / "state" / "sitting.json").exists()
    assert [p.name for p in (tmp_path / "state").iterdir()] != []  # kept, under another name


def test_a_sitting_is_committed_from_plain_mode(tmp_path, monkeypatch):
    """In a git repository, plain mode offers to commit the new sitting (and its report)."""
    import subprocess

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    repo = tmp_path / "repo"
    for args in (
        ["init", "-q", str(repo)],
        ["-C", str(repo), "config", "user.name", "Ann"],
        ["-C", str(repo), "config", "user.email", "ann@example.org"],
        ["-C", str(repo), "commit", "-q", "--allow-empty", "-m", "start"],
    ):
        subprocess.run(["git", *args], check=True, capture_output=True)
    people = [("Ann", ""), ("Bo", "")]
    typed = who(people, "")
    for n in range(2):
        typed += partner_answers(n, ["mostly:ann", "more:ann", "shared", "more:bo", "mostly:bo"])[0]
    typed += together("2", [])[:-1] + ["m", "c", ""]  # a Markdown report, commit, no push
    out = io.StringIO()
    status = run_plain(
        BANK,
        repo / "collabcheck",
        tmp_path / "state",
        io.StringIO("\n".join(typed) + "\n"),
        out,
        now=lambda: WHEN,
    )
    said = flat(out.getvalue())
    assert status == 0, said[-500:]
    assert "inside your git repository" in said
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--name-only", "--format=%s", "-1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert log.startswith("collabcheck sitting: ann-and-bo, 29 November 2026")
    assert ".toml" in log and ".md" in log


def test_each_partner_may_give_a_side_and_a_suggestion_is_said_before_it_is_kept(tmp_path):
    typed = ["", "Ann", "GP", "", "Bo", "Patient partner", "maybe", "3", "Cy", "", "1", ""]
    status, said = run(typed + ["", "", "", "", "stop"], tmp_path)
    text = flat(said)
    assert "Ann's side of care. The role suggests: professional. Press Enter to keep it" in text
    assert "Bo's side of care. The role suggests: patient, carer or public." in text
    assert "Please type 1, 2 or 3, or none, or press Enter." in text  # "maybe" is not a side
    assert "Cy's side of care, if you like (1 professional" in text
    assert "Added Bo, Patient partner, other side." in text
    s = store.load(tmp_path / "state")
    assert [p.side for p in s.partners] == ["professional", "other", "professional"]


def test_none_leaves_a_suggested_side_out(tmp_path):
    status, said = run(["", "Ann", "GP", "none", "Bo", "", "", "", "", "", "", "", "stop"], tmp_path)
    assert [p.side for p in store.load(tmp_path / "state").partners] == [None, None]
