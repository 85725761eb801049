"""`collabcheck report`: the three formats, a changed bank, and bad files (one line, exit 2)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabcheck.cli import main
from collabcheck.render.json import report_json
from collabcheck.render.reasons import reasons, working
from collabcheck.render.report import render_markdown, render_text
from collabcheck.scoring.compare import compare
from tests.conftest import Ran, run_cli
from tests.strategies import BANKS, MINI_BANK, SHIPPED_BANK, make_snapshot, snapshots

ROOT = Path(__file__).resolve().parents[1]
MINI = str(ROOT / "tests" / "fixtures" / "mini-bank")
PY = sys.executable

GOOD = """\
schema = 1
pair = "alice-and-sam"
taken_at = 2026-11-28T15:30:00+00:00
bank = "mini"
bank_version = 1

[[partners]]
id = "alice"
name = "Alice"
role = "Consultant cardiologist"

[[partners]]
id = "sam"
name = "Sam"
role = "Patient partner"

[answers.alice]
"find-partners.a" = 4
"find-partners.b" = 1
"relationship.agenda" = "mostly:alice"
"relationship.time" = "mostly-task"

[answers.sam]
"find-partners.a" = 2
"find-partners.b" = "unsure"
"relationship.agenda" = "shared"
"relationship.time" = "balanced"
"""

# Every key the report JSON promises (README, "Reading the JSON"), written out.
TOP_KEYS = {
    "pair",
    "taken_at",
    "partners",
    "practices",
    "authority",
    "focus",
    "suggestion",
    "talk_about_first",
    "unknown_answers",
}
PARTNER_KEYS = {"id", "name", "role"}
PRACTICE_KEYS = {"number", "id", "title", "scores", "answered", "unsure", "combined", "divergence", "items"}
PRACTICE_ITEM_KEYS = {"id", "text", "answers", "spread", "category"}
AUTHORITY_KEYS = {"divergence", "divergent", "pattern", "perceived_holder", "items"}
AUTHORITY_ITEM_KEYS = {"id", "text", "answers", "divergence"}
FOCUS_KEYS = {"positions", "divergence", "divergent", "leaning"}
SUGGESTION_KEYS = {"number", "id", "title", "reasons", "tips", "prompts", "ranking"}
RANKING_KEYS = {"number", "priority"}


def run_program(*args: str) -> subprocess.CompletedProcess[str]:
    """`collabcheck ARGS` as a new Python process: its real exit status, output and stderr
    (kept for the happy path and for bad files: one line, exit 2, no traceback)."""
    return subprocess.run([PY, "-m", "collabcheck", *args], capture_output=True, text=True, timeout=60)


def run(*args: str) -> Ran:
    """`collabcheck ARGS` through `collabcheck.cli.main` in this process: the same command a
    fraction of the CPU (each new Python costs about half a second)."""
    return run_cli(*args)


def write(tmp_path: Path, text: str, name: str = "sitting.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check_spec_keys(j: dict) -> None:
    assert set(j) >= TOP_KEYS
    assert all(set(p) >= PARTNER_KEYS for p in j["partners"])
    assert [p["number"] for p in j["practices"]] == [1, 2, 3, 4, 5]
    for p in j["practices"]:
        assert set(p) >= PRACTICE_KEYS
        assert all(set(i) >= PRACTICE_ITEM_KEYS for i in p["items"])
        assert set(p["scores"]) == set(p["answered"]) == {q["id"] for q in j["partners"]}
        for i in p["items"]:
            assert i["category"] in ("shared-strength", "shared-concern", "divergent", "mixed", None)
    assert set(j["authority"]) >= AUTHORITY_KEYS
    assert isinstance(j["authority"]["pattern"], str) and isinstance(j["authority"]["divergent"], bool)
    assert all(set(i) >= AUTHORITY_ITEM_KEYS for i in j["authority"]["items"])
    assert set(j["focus"]) >= FOCUS_KEYS
    assert j["focus"]["leaning"] in ("task", "balanced", "relationship", "split", None)
    assert set(j["suggestion"]) >= SUGGESTION_KEYS
    assert len(j["suggestion"]["reasons"]) >= 1
    assert all(set(r) >= RANKING_KEYS for r in j["suggestion"]["ranking"])
    assert sorted(r["number"] for r in j["suggestion"]["ranking"]) == [1, 2, 3, 4, 5]
    assert j["suggestion"]["ranking"][0]["number"] == j["suggestion"]["number"]
    assert isinstance(j["talk_about_first"], list) and isinstance(j["unknown_answers"], list)


def test_json_report_has_every_spec_key(tmp_path: Path) -> None:
    r = run_program("report", str(write(tmp_path, GOOD)), "--format", "json", "--questions", MINI)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    j = json.loads(r.stdout)
    check_spec_keys(j)
    assert j["pair"] == "alice-and-sam" and j["taken_at"] == "2026-11-28T15:30:00+00:00"
    assert j["authority"]["perceived_holder"] == {"alice": "alice", "sam": "shared"}
    assert j["practices"][0]["items"][1]["answers"] == {"alice": 1, "sam": "unsure"}


@pytest.mark.parametrize("bank", BANKS, ids=[b.id for b in BANKS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_sitting_gives_full_json_and_80_column_text(bank, data) -> None:
    snap = data.draw(snapshots(bank))
    c = compare(snap, bank)
    j = json.loads(json.dumps(report_json(c), ensure_ascii=False))
    check_spec_keys(j)
    text = render_text(c, bank)
    too_wide = [line for line in text.splitlines() if len(line) > 80]
    assert too_wide == []
    markdown = render_markdown(c, bank)
    # Names with newlines or '|' never break a table: every row has as many cells as its header.
    tables: list[list[str]] = []
    previous = ""
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                tables.append([])
            tables[-1].append(line)
        previous = line
    for table in tables:
        assert len({len(re.findall(r"(?<!\\)\|", row)) for row in table}) == 1, table


def test_text_report_reads_well(tmp_path: Path) -> None:
    r = run("report", str(write(tmp_path, GOOD)), "--questions", MINI)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "1. Practice 1" in out and "2.5  2 answers" in out and "█" in out
    flat = " ".join(out.split())  # sentences may wrap
    assert "The agenda: Alice, mostly Alice; Sam, shared equally." in flat
    assert (
        "Alice sees themselves holding most of the say (on 1 of the 1 question they answered)." in flat
    ) and "Alice sees Alice" not in flat
    assert "Alice: mostly the task (−1.0); Sam: balanced (0.0)." in flat
    assert "Alice: Strongly disagree (1); Sam: Not sure" not in flat  # b is not 2+ apart
    assert "Alice: Agree (4); Sam: Disagree (2)" in flat  # a is 2 apart
    assert "1 not sure" in out
    assert "WHAT TO WORK ON NEXT" in out and "Tip one for practice" in out


def test_markdown_report_escapes_names(tmp_path: Path) -> None:
    text = GOOD.replace('name = "Alice"', 'name = "Al|ice\\nthe *boss*"')
    r = run("report", str(write(tmp_path, text)), "--format", "markdown", "--questions", MINI)
    assert r.returncode == 0, r.stderr
    assert "Al\\|ice the \\*boss\\*" in r.stdout
    assert "## The five practices" in r.stdout and "| Practice |" in r.stdout
    table = [line for line in r.stdout.splitlines() if line.startswith("| 1. ")]
    assert table and table[0].count(" | ") == 4  # practice, 2 partners, combined, apart by


def test_report_with_the_shipped_bank(tmp_path: Path) -> None:
    if SHIPPED_BANK is None:
        pytest.skip("shipped bank not available")
    items = {i.kind: i.id for i in reversed(SHIPPED_BANK.sections[0].items)}
    rel = {i.kind: i.id for i in SHIPPED_BANK.relationship.items}
    text = GOOD.replace('bank = "mini"', f'bank = "{SHIPPED_BANK.id}"')
    text = text.replace("find-partners.a", items["agree"]).replace("find-partners.b", "x.unused")
    text = text.replace("relationship.agenda", rel["authority"]).replace("relationship.time", rel["focus"])
    r = run("report", str(write(tmp_path, text)))
    assert r.returncode == 0, r.stderr
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    assert "x.unused" in r.stdout  # an answer to a question the bank does not have


def test_changed_bank_lists_unknown_answers_and_warns_once(tmp_path: Path) -> None:
    text = GOOD.replace('bank = "mini"', 'bank = "mini-2025"').replace(
        '"find-partners.b" = 1', '"find-partners.b" = 1\n"find-partners.retired" = 5'
    )
    path = write(tmp_path, text)
    r = run("report", str(path), "--format", "json", "--questions", MINI)
    assert r.returncode == 0
    assert len(r.stderr.splitlines()) == 1
    assert str(path) in r.stderr and "mini-2025" in r.stderr and "warning" in r.stderr
    j = json.loads(r.stdout)
    assert j["unknown_answers"] == ["find-partners.retired"]
    assert j["practices"][0]["scores"] == {"alice": 2.5, "sam": 2.0}  # (4+1)/2 and 2: not 5
    r = run("report", str(path), "--questions", MINI)
    assert "find-partners.retired" in r.stdout and "not scored" in r.stdout.lower()


def test_unknown_top_level_keys_warn_but_report(tmp_path: Path) -> None:
    r = run("report", str(write(tmp_path, "mood = 'sunny'\n" + GOOD)), "--questions", MINI)
    assert r.returncode == 0 and "mood" in r.stderr and "WHAT TO WORK ON NEXT" in r.stdout


BAD = {
    "syntax": (GOOD.replace('pair = "alice-and-sam"', 'pair = "alice-and-sam'), ":2:"),
    "newer-schema": (GOOD.replace("schema = 1", "schema = 99"), "newer"),
    "unknown-partner": (GOOD + '\n[answers.zoe]\n"find-partners.a" = 3\n', "zoe"),
    "authority-unknown-partner": (GOOD.replace('"mostly:alice"', '"mostly:zoe"'), "zoe"),
    "wrong-kind": (
        GOOD.replace('"relationship.time" = "balanced"', '"relationship.time" = 3'),
        "relationship.time",
    ),
    "out-of-range": (GOOD.replace('"find-partners.a" = 4', '"find-partners.a" = 6'), "find-partners.a"),
    "not-utf8": (None, "UTF-8"),
}


@pytest.mark.parametrize("case", [*BAD, "missing"])
def test_bad_file_is_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    if case == "missing":
        path, expect = tmp_path / "nope.toml", "no such file"
    elif case == "not-utf8":
        path, expect = tmp_path / "latin.toml", "UTF-8"
        path.write_bytes(GOOD.replace("Sam", "S\xe9m").encode("latin-1"))
    else:
        text, expect = BAD[case]
        path = write(tmp_path, text)
    for fmt, how in (("text", run_program), ("json", run)):
        r = how("report", str(path), "--format", fmt, "--questions", MINI)
        assert r.returncode == 2
        assert r.stdout == ""
        lines = r.stderr.splitlines()
        assert len(lines) == 1, r.stderr
        assert lines[0].startswith(str(path)) and expect in lines[0]
        assert "Traceback" not in r.stderr


def test_report_never_imports_textual(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    code = (
        "import sys, io, contextlib\nfrom collabcheck.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main(['report', {str(path)!r}, '--questions', {MINI!r}])\n"
        "assert rc == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    r = subprocess.run([PY, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_in_process_report_matches_compare(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, GOOD)
    assert main(["report", str(path), "--format", "json", "--questions", MINI]) == 0
    j = json.loads(capsys.readouterr().out)
    snap = make_snapshot(MINI_BANK, {"alice": {"find-partners.a": 4}, "sam": {}})
    assert compare(snap, MINI_BANK).practice(1).scores["alice"] == 4.0
    assert j["suggestion"]["number"] in range(1, 6)


AGREED = (
    GOOD
    + """
[agreed]
practice = 3
actions = ["Book a monthly *reflection* | half an hour", "Ask Sam to chair"]
"""
)


def test_markdown_leads_with_what_the_partners_agreed(tmp_path: Path) -> None:
    path = write(tmp_path, AGREED)
    r = run("report", str(path), "--format", "markdown", "--questions", MINI)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    suggested = json.loads(run("report", str(path), "--format", "json", "--questions", MINI).stdout)
    number = suggested["suggestion"]["number"]
    assert number != 3  # the agreement differs from the suggestion, so a mix-up would show
    agreed_at = out.index("## What you agreed")
    assert agreed_at < out.index("## collabcheck's suggestion") < out.index("## The five practices")
    top = out[agreed_at : out.index("## collabcheck's suggestion")]
    assert "You agreed to work on practice 3: Practice 3." in top
    assert f"collabcheck suggested practice {number}" in top
    assert "- Book a monthly \\*reflection\\* \\| half an hour" in top and "- Ask Sam to chair" in top
    assert f"## collabcheck's suggestion: practice {number}." in out
    text = run("report", str(path), "--questions", MINI).stdout
    assert "You agreed to work on practice 3" in text.split("THE FIVE PRACTICES")[0]


def test_the_text_report_points_to_actions_only_when_there_are_some(tmp_path: Path) -> None:
    """ "Actions are at the end" under the summary only when actions were agreed (a tester
    found it promised over an agreement with none)."""
    with_actions = run("report", str(write(tmp_path, AGREED)), "--questions", MINI).stdout
    assert "Actions are at the end." in " ".join(with_actions.split())
    bare = AGREED.replace(
        'actions = ["Book a monthly *reflection* | half an hour", "Ask Sam to chair"]\n', ""
    )
    assert bare != AGREED
    without = run("report", str(write(tmp_path, bare, "bare.toml")), "--questions", MINI).stdout
    assert "You agreed to work on practice 3" in without and "Actions are at the end" not in without


def test_markdown_says_when_nothing_was_agreed(tmp_path: Path) -> None:
    r = run("report", str(write(tmp_path, GOOD)), "--format", "markdown", "--questions", MINI)
    assert "No practice was agreed at this sitting." in r.stdout
    assert "## collabcheck's suggestion" in r.stdout


def test_json_carries_the_agreement(tmp_path: Path) -> None:
    r = run("report", str(write(tmp_path, AGREED)), "--format", "json", "--questions", MINI)
    j = json.loads(r.stdout)
    assert j["agreed"] == {
        "practice": 3,
        "actions": ["Book a monthly *reflection* | half an hour", "Ask Sam to chair"],
    }
    j = json.loads(
        run(
            "report", str(write(tmp_path, GOOD, "plain.toml")), "--format", "json", "--questions", MINI
        ).stdout
    )
    assert j["agreed"] is None


def test_every_shown_figure_rounds_half_up() -> None:
    # Practice 1: Alice a=4, b=3 -> 3.5; Sam a=3, b=3 -> 3.0; combined 3.25 (shown 3.3, not 3.2).
    # Gaps 1 and 0 -> divergence 0.5. Everything else 5, so practice 1 is suggested.
    top = {f"{s.id}.{x}": v for s in MINI_BANK.practices for x, v in (("a", 5), ("b", 5), ("c", 1))}
    alice = {**top, "find-partners.a": 4, "find-partners.b": 3, "find-partners.c": "unsure"}
    sam = {**top, "find-partners.a": 3, "find-partners.b": 3, "find-partners.c": "unsure"}
    c = compare(make_snapshot(MINI_BANK, {"alice": alice, "sam": sam}), MINI_BANK)
    assert c.practice(1).combined == 3.25 and report_json(c)["practices"][0]["combined"] == 3.25
    assert reasons(c)[0].startswith("Your combined score here is 3.3 out of 5")
    text = render_text(c, MINI_BANK)
    combined = next(line for line in text.splitlines() if line.strip().startswith("Combined"))
    assert " 3.3 " in combined and "3.2" not in combined
    markdown = render_markdown(c, MINI_BANK)
    row = next(line for line in markdown.splitlines() if line.startswith("| 1. "))
    assert [cell.strip(" |") for cell in row.split(" | ")[3:5]] == ["3.3", "0.5"]


NOTES = (
    GOOD
    + """
[notes.sam]
"learning.think" = "We never stop to look back.\\n\\n  - but when we do, it *helps*\\n# not a heading"
"old.gone" = "From an older bank"

[notes.alice]
"find-partners.think" = "Short one."
"""
)


def test_kept_reflections_are_shown_in_every_format(tmp_path: Path) -> None:
    path = write(tmp_path, NOTES)
    text = run("report", str(path), "--questions", MINI).stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    wrote = text[text.index("WHAT YOU WROTE") : text.index("WHAT TO WORK ON NEXT")]
    lines = wrote.splitlines()
    # Per partner, in sitting order; under the question; each line of the note indented.
    assert lines.index("Alice:") < lines.index("Sam:")
    q = lines.index("What do you think about practice 3?")
    assert lines[q + 1 : q + 5] == [
        "    We never stop to look back.",
        "",
        "    - but when we do, it *helps*",
        "    # not a heading",
    ]
    assert "old.gone (not in the questions used for this report)" in lines
    assert "    Short one." in lines
    markdown = run("report", str(path), "--format", "markdown", "--questions", MINI).stdout
    part = markdown[markdown.index("## What you wrote") :]
    assert "**Sam**" in part and "\nWhat do you think about practice 3?\n" in part
    assert (
        "> We never stop to look back.\n>\n> \\- but when we do, it \\*helps\\*\\\n> \\# not a heading"
    ) in part
    assert "old.gone (not in the questions used for this report)" in part
    j = json.loads(run("report", str(path), "--format", "json", "--questions", MINI).stdout)
    assert j["notes"] == {
        "alice": {"find-partners.think": "Short one."},
        "sam": {
            "learning.think": "We never stop to look back.\n\n  - but when we "
            "do, it *helps*\n# not a heading",
            "old.gone": "From an older bank",
        },
    }
    assert (
        "WHAT YOU WROTE"
        not in run("report", str(write(tmp_path, GOOD, "b.toml")), "--questions", MINI).stdout
    )


def _blockquote_text(tokens: list) -> list[str]:
    """The paragraphs inside blockquotes, as a reader sees them (line breaks as newlines)."""
    out, depth = [], 0
    for t in tokens:
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(t.type, 0)
        if t.type == "inline" and depth:
            out.append(
                "".join({"softbreak": "\n", "hardbreak": "\n"}.get(c.type, c.content) for c in t.children)
            )
    return out


@settings(max_examples=150, deadline=None)
@given(note=st.text(max_size=200))
def test_a_reflection_can_never_break_the_markdown(note: str) -> None:
    from markdown_it import MarkdownIt

    from collabcheck.render.words import text_lines

    snap = make_snapshot(MINI_BANK, {"alice": {"find-partners.a": 4}, "sam": {"find-partners.a": 2}})
    snap = replace(snap, notes={"sam": {"learning.think": note}})
    c = compare(snap, MINI_BANK)
    assert all(len(line) <= 80 for line in render_text(c, MINI_BANK).splitlines())
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(render_markdown(c, MINI_BANK))
    plain = parser.parse(render_markdown(compare(replace(snap, notes={}), MINI_BANK), MINI_BANK))
    kinds = [t.type for t in tokens if t.level == 0 and not t.type.startswith("blockquote")]
    lines = [line.strip() for line in text_lines(note)]
    paragraphs = "\n".join(lines).split("\n\n") if lines else []
    if not paragraphs:
        assert kinds == [t.type for t in plain if t.level == 0]
        return
    # The note adds a heading and a sentence, then the name and the question (two paragraphs),
    # then only a blockquote: it can never add a heading, a list or HTML of its own.
    heading = ["heading_open", "heading_close"]
    para = ["paragraph_open", "paragraph_close"]
    base = [t.type for t in plain if t.level == 0]
    cut = len(base) - 4  # the Source section (heading, paragraph) stays last
    assert kinds == base[:cut] + heading + para * 3 + base[cut:]
    assert not [t for t in tokens if t.type.startswith("html")]
    assert _blockquote_text(tokens) == paragraphs


CONFIDENT = (
    "much the same way",
    "No answers are two or more points apart",
    "No practice is seen differently",
    "Priority 0.00 =",
)


def _all_reports(c) -> str:
    return " ".join((render_text(c, MINI_BANK) + render_markdown(c, MINI_BANK)).split())


@pytest.mark.parametrize("n", [2, 3])
def test_nothing_answered_says_there_is_nothing_to_compare(n: int) -> None:
    pids = ["alice", "sam", "ravi"][:n]
    c = compare(make_snapshot(MINI_BANK, {pid: {} for pid in pids}), MINI_BANK)
    both = "you both" if n == 2 else "two or more of you"
    out = _all_reports(c)
    assert not [claim for claim in CONFIDENT if claim in out]
    assert f"There is not enough to compare yet: no question was answered by {both}" in out
    assert f"No practice was scored by {both}, so there is not enough to compare yet." in out
    assert "Nobody rated any of the statements, so there is nothing to compare yet" in out
    assert working(c)[0].startswith("Every practice's priority is 0.00")


def test_one_partner_answering_alone_is_not_agreement() -> None:
    alice = {
        item.id: (3 if item.kind == "agree" else "shared" if item.kind == "authority" else "mostly-task")
        for s in MINI_BANK.sections
        for item in s.items
        if item.kind != "reflect"
    }
    c = compare(make_snapshot(MINI_BANK, {"alice": alice, "sam": {}}), MINI_BANK)
    assert c.compared_count == 0
    out = _all_reports(c)
    assert not [claim for claim in CONFIDENT if claim in out]
    assert "No statement was rated by two or more of you, so there is not enough to compare yet" in " ".join(
        reasons(c)
    )
    assert "Your attention leans to the task (only one of you answered)" in out
    assert "Only one of you answered these questions, so there is nothing to compare here yet." in out
    assert "Together your attention" not in out


def test_close_answers_say_how_much_was_compared() -> None:
    # Both answer practice 1 (a, b, c) and one power question the same way: 4 questions compared.
    same = {"find-partners.a": 4, "find-partners.b": 4, "find-partners.c": 2, "relationship.agenda": "shared"}
    c = compare(make_snapshot(MINI_BANK, {"alice": same, "sam": same}), MINI_BANK)
    assert c.compared_count == 4
    out = _all_reports(c)
    assert "No answers are two or more points apart, on the 4 questions you both answered." in out
    assert "The one practice you both scored is not seen differently (apart by 1.0 or more)." in out
    assert "much the same way" not in out


WORKING = re.compile(
    r"^Practice [1-5]: priority (\d+\.\d\d) = (?:(\d+\.\d\d) \([a-z ]+\) × \()?"
    r"need (\d+\.\d\d) \+ (\d+\.\d\d) × gap (\d+\.\d\d)\)?"
    r"(?: \+ (\d+\.\d\d) \(power\))?(?: \+ (\d+\.\d\d) \(attention on the task\))?\.$"
)


@pytest.mark.parametrize("bank", BANKS, ids=[b.id for b in BANKS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_working_is_apart_from_the_plain_reasons(bank, data) -> None:
    snap = data.draw(snapshots(bank))
    # Partners named in words: a name such as "=" or "0" would read as a formula below (the
    # names themselves are tried everywhere else, e.g. tests/test_terminal_safe.py).
    plain = [replace(p, name=f"Partner {chr(65 + n)}") for n, p in enumerate(snap.partners)]
    c = compare(replace(snap, partners=plain), bank)
    why, how = reasons(c), working(c)
    assert why and how
    # (a partner's own attention figure, such as "Kim +0.5", is not a boost)
    formula = re.compile(r"\d \+ \d|\d × \d|= \d|\+ ?0\.5 (to|\()|weight|priority|divergence")
    assert not [r for r in why if "facilitator" in r.lower() or formula.search(r)]
    if all(p.combined is None for p in c.practices) and c.suggestion.ranking[0]["priority"] == 0:
        return
    match = WORKING.match(how[0])
    assert match, how[0]
    total, scale, need, weight, gap, power, task = (float(x) if x else None for x in match.groups())
    # Recomputable by hand from the line, up to rounding each figure to two places.
    redone = (scale or 1) * (need + weight * gap) + (power or 0) + (task or 0)
    assert abs(total - redone) <= 0.01 * (3 + gap + weight) + 1e-9
    best = c.practice(c.suggestion.number)
    assert abs(total - best.priority) <= 0.005 + 1e-9 and abs(need - best.need) <= 0.005 + 1e-9
    assert (power is not None) == (best.power_boost > 0)
    assert (task is not None) == (best.task_boost > 0)


def test_not_sure_is_worded_the_same_everywhere(tmp_path: Path) -> None:
    note = '"Not sure" answers are counted, but left out of the scores.'
    path = write(tmp_path, GOOD)
    for fmt in ("text", "markdown"):
        out = run("report", str(path), "--format", fmt, "--questions", MINI).stdout
        assert note in " ".join(out.split()), fmt
        assert "counted apart" not in out
    # Sam is not sure of one statement in practice 1; make it the suggestion by scoring the rest 5.
    top = {f"{s.id}.{x}": v for s in MINI_BANK.practices[1:] for x, v in (("a", 5), ("b", 5), ("c", 1))}
    c = compare(
        make_snapshot(
            MINI_BANK,
            {
                "alice": {**top, "find-partners.a": 2},
                "sam": {**top, "find-partners.a": 2, "find-partners.b": "unsure"},
            },
        ),
        MINI_BANK,
    )
    assert c.suggestion.number == 1
    assert '1 answer here was "not sure": counted, but left out of the scores.' in reasons(c)


def test_close_scores_are_told_apart() -> None:
    # Practice 1: Alice 5, 5, 1 (c reversed: 5 -> 1) = 11/3; Sam 1, 3, 5 (c: 1 -> 5) = 3 -> 10/3.
    # Practice 2: Alice 4, 3 = 3.5; Sam 3, 3 = 3 -> 3.25. Both show as 3.3 to one place, so the
    # reason uses two places rather than say "3.3; the lowest is 3.3".
    top = {f"{s.id}.{x}": v for s in MINI_BANK.practices[2:] for x, v in (("a", 5), ("b", 5), ("c", 1))}
    alice = {
        **top,
        "find-partners.a": 5,
        "find-partners.b": 5,
        "find-partners.c": 5,
        "invest.a": 4,
        "invest.b": 3,
    }
    sam = {
        **top,
        "find-partners.a": 1,
        "find-partners.b": 3,
        "find-partners.c": 1,
        "invest.a": 3,
        "invest.b": 3,
    }
    c = compare(make_snapshot(MINI_BANK, {"alice": alice, "sam": sam}), MINI_BANK)
    assert c.suggestion.number == 1
    # Both show as 3.3 (3.33 and 3.25): equal as shown, so joint, never one "the lowest".
    assert reasons(c)[0] == (
        "Your own scores here: Alice 3.7, Sam 3.0. Combined, that is 3.3 out of 5, the joint "
        "lowest of the five (with practice 2)."
    )
