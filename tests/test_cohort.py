"""`collabcheck cohort`: a programme at a glance, its flags, order, codes and CSV."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabcheck.history.build import PairHistory, Sitting
from collabcheck.history.cohort import (
    add_months,
    build_cohort,
    flags_of,
    load_cohort,
    months_between,
)
from collabcheck.history.read import PRACTICES

from . import gitrepo
from .conftest import MINI_BANK, ROOT, run_cli
from .gitrepo import git, make_repo, needs_git
from .strategies import BANKS, snapshots
from .test_history import mini, save, snap

EXAMPLES = ROOT / "examples"
git_home = gitrepo.git_home


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(cache))
    return cache


def cohort_json(*args: str) -> dict[str, Any]:
    ran = run_cli("cohort", *args, "--format", "json")
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)


def iso(d: date, hour: int = 9) -> str:
    return datetime(d.year, d.month, d.day, hour, tzinfo=timezone.utc).isoformat()


TODAY = datetime.now(timezone.utc).date()


# -- over the examples -----------------------------------------------------------------------


def test_examples_figures_are_the_reports_and_historys():
    data = cohort_json(str(EXAMPLES))
    history = json.loads(run_cli("history", str(EXAMPLES), "--format", "json").stdout)
    by_pair = {p["pair"]: p for p in history["pairs"]}
    assert sorted(r["pair"] for r in data["partnerships"]) == sorted(by_pair)
    for row in data["partnerships"]:
        sittings = by_pair[row["pair"]]["sittings"]
        last = sittings[-1]
        assert row["sittings"] == len(sittings) and row["last_taken_at"] == last["taken_at"]
        assert row["say"]["gaps"] == [s["authority_divergence"] for s in sittings]
        assert row["attention"]["gap"] == last["focus_divergence"]
        report = json.loads(run_cli("report", last["file"], "--format", "json").stdout)
        for p in report["practices"]:
            mine = row["practices"][str(p["number"])]
            assert mine["gap"] == p["divergence"] and mine["combined"] == p["combined"]
            assert mine["scores"] == p["scores"]  # every partner's figure, not only the mean
        assert row["say"]["pattern_id"] == report["authority"]["pattern_id"]
        assert row["say"]["holders"] == report["authority"]["perceived_holder"]
        assert row["attention"]["leaning"] == report["focus"]["leaning"]
        assert row["attention"]["positions"] == report["focus"]["positions"]
        assert row["suggested"] == report["suggestion"]["number"]
        assert row["committed"] is True and row["flags"] == []


def test_examples_text_and_markdown_name_every_partnership():
    text = run_cli("cohort", str(EXAMPLES)).stdout
    assert "Tom Reilly" in text and "Ken Morris" in text
    assert all(len(line) <= 80 for line in text.splitlines())
    md = run_cli("cohort", str(EXAMPLES), "--format", "markdown").stdout
    assert md.startswith("# A programme at a glance")
    assert "| Practice | Jo Okafor | Priya Shah | Ken Morris | Gap |" in md
    assert (
        "Chose practice 5 (Embed collaborative activity) on 18 June 2026: by partner, Dr Amira "
        "Haddad 2.7 → 3.3, Tom Reilly 2.5 → 3.2; together, 2.6 → 3.3, rose."
    ) in " ".join(md.split())


@pytest.mark.parametrize("hide", [False, True])
def test_a_chosen_practice_far_apart_gives_each_partners_change(tmp_path: Path, hide: bool):
    """Property 15 for the programme: Ann 4 → 5 and Bo 1 → 1 is a combined 2.5 → 3.0 that
    'rose', which alone hid that only one of them moved (a review of the reading)."""
    d = tmp_path / "programme"
    save(
        snap("ann-and-bo", "2026-01-10T10:00:00+00:00", per_partner={"ann": {2: 4}, "bo": {2: 1}}, agreed=2),
        d,
    )
    save(snap("ann-and-bo", "2026-03-10T10:00:00+00:00", per_partner={"ann": {2: 5}, "bo": {2: 1}}), d)
    save(snap("cy-and-di", "2026-01-10T10:00:00+00:00", {2: 2}, partners=("cy", "di"), agreed=2), d)
    save(snap("cy-and-di", "2026-03-10T10:00:00+00:00", {2: 3}, partners=("cy", "di")), d)
    args = ["--questions", str(MINI_BANK), "cohort", str(d), *(["--hide-names"] if hide else [])]
    for fmt in ("text", "markdown", "json"):
        out = " ".join(run_cli(*args, "--format", fmt).stdout.split())
        ann, bo = ("P01-A", "P01-B") if hide else ("Ann", "Bo")
        assert f": by partner, {ann} 4.0 → 5.0, {bo} 1.0 → 1.0; together, 2.5 → 3.0, rose." in out, fmt
        assert "2.0 → 3.0, rose." in out, fmt  # close views: the combined change alone


# -- CSV --------------------------------------------------------------------------------------


def test_csv_parses_and_every_figure_equals_the_reports():
    ran = run_cli("cohort", str(EXAMPLES), "--format", "csv")
    assert ran.returncode == 0, ran.stderr
    rows = list(csv.DictReader(io.StringIO(ran.stdout)))
    files = sorted({r["file"] for r in rows})
    assert len(files) == len(list(EXAMPLES.rglob("*.toml")))  # every example sitting
    seen = 0
    for file in files:
        report = json.loads(run_cli("report", file, "--format", "json").stdout)
        items = [i for p in report["practices"] for i in p["items"]]
        items += report["authority"]["items"] + report["focus"]["items"]
        by_id = {i["id"]: i for i in items}
        mine = [r for r in rows if r["file"] == file]
        # one row per partner and question
        assert len(mine) == len(items) * len(report["partners"])
        for r in mine:
            item = by_id[r["question"]]
            assert r["pair"] == report["pair"] and r["taken_at"] == report["taken_at"]
            assert r["kind"] == item["kind"]
            answer = item["answers"][r["partner"]]
            assert r["answer"] == ("" if answer is None else str(answer))
            gap = item["divergence"] if item["kind"] == "authority" else item["spread"]
            assert r["gap"] == ("" if gap is None else str(gap))
            if item["kind"] == "agree":
                score = item["scores"][r["partner"]]
                assert r["category"] == (item["category"] or "")
            elif item["kind"] == "focus":
                score = item["positions"][r["partner"]]
            else:
                score = None
            assert r["score"] == ("" if score is None else str(score))
            seen += 1
    assert seen == len(rows)


# -- flags at their thresholds ----------------------------------------------------------------


def sitting(
    when: date,
    say: float | None = 0.0,
    focus: float | None = 0.0,
    n: int = 0,
    committed: bool | None = None,
    agreed: int | None = None,
    practices: dict[str, float | None] | None = None,
) -> Sitting:
    div = dict.fromkeys(PRACTICES, 0.0)
    return Sitting(
        file=f"f{when.isoformat()}-{n}.toml",
        pair="p",
        taken_at=iso(when),
        ts=datetime.fromisoformat(iso(when)).timestamp(),
        partners=["a", "b"],
        names=["A", "B"],
        practices=practices or dict.fromkeys(PRACTICES, 3.0),
        divergence=div,
        authority_divergence=say,
        focus_divergence=focus,
        suggested=1,
        agreed=agreed,
        bank="b",
        bank_version=1,
        committed=committed,
    )


def pair_of(*sittings: Sitting, name: str = "p") -> PairHistory:
    return PairHistory(name, list(sittings), {k: f"Practice {k}" for k in range(1, 6)})


@pytest.mark.parametrize(
    ("before", "after", "fires"),
    [
        (1.0, 1.2, True),
        (1.0, 1.1, False),
        (1.04, 1.15, True),  # as shown: 1.0 → 1.2
        (1.05, 1.24, False),  # as shown: 1.1 → 1.2
        (1.2, 1.0, False),
        (None, 3.0, False),
    ],
)
def test_widened_fires_from_two_tenths_as_shown(before: float | None, after: float, fires: bool):
    d = date(2026, 1, 1)
    p = pair_of(sitting(d, say=before), sitting(d + timedelta(days=90), say=after))
    flags = flags_of(p, d + timedelta(days=100), 6)
    gaps = [g for f in flags if f.id == "widened" for g in f.facts["gaps"] if g["gap"] == "authority"]
    assert bool(gaps) is fires
    if fires:
        assert gaps[0]["before"] == before and gaps[0]["now"] == after


def test_widened_on_attention_too_and_never_for_one_sitting():
    d = date(2026, 1, 1)
    p = pair_of(sitting(d, focus=0.0), sitting(d + timedelta(days=9), focus=0.5))
    assert [g["gap"] for g in flags_of(p, d, 6)[0].facts["gaps"]] == ["focus", "overall"]
    assert flags_of(pair_of(sitting(d, say=4.0)), d, 6) == []


@pytest.mark.parametrize("months", [1, 6, 12])
def test_overdue_fires_the_day_after_n_months_not_before(months: int):
    last = date(2026, 1, 31)
    p = pair_of(sitting(last))
    edge = add_months(last, months)
    assert not any(f.id == "overdue" for f in flags_of(p, edge, months))
    late = flags_of(p, edge + timedelta(days=1), months)
    assert [f.id for f in late] == ["overdue"]
    assert late[0].facts["months"] == months and late[0].facts["limit"] == months


def test_months_between_counts_whole_calendar_months():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_between(date(2026, 1, 31), date(2026, 2, 27)) == 0
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert months_between(date(2026, 5, 6), date(2026, 12, 5)) == 6
    assert months_between(date(2026, 5, 6), date(2026, 12, 6)) == 7


def test_uncommitted_fires_only_for_a_sitting_not_committed():
    d = date(2026, 1, 1)
    assert flags_of(pair_of(sitting(d, committed=True), sitting(d, n=1, committed=None)), d, 6) == []
    flags = flags_of(pair_of(sitting(d, committed=True), sitting(d, n=1, committed=False)), d, 6)
    assert [(f.id, f.facts["count"]) for f in flags] == [("uncommitted", 1)]


# -- order ----------------------------------------------------------------------------------


def test_order_puts_what_needs_attention_first():
    from collabcheck.history.build import History

    d = date(2026, 6, 1)
    today = d + timedelta(days=20)
    old = d - timedelta(days=400)
    pairs = [
        pair_of(sitting(d, say=0.0), name="calm"),
        pair_of(sitting(d, say=2.0), name="apart-now"),  # no flag, widest gap
        pair_of(sitting(d, committed=False), name="not-committed"),
        pair_of(sitting(old), name="overdue"),
        pair_of(sitting(d - timedelta(days=9), say=0.0), sitting(d, say=1.0), name="widened"),
        pair_of(sitting(old, committed=False), name="overdue-and-not-committed"),
    ]
    history = History("x", pairs, [], "b", 1, {})
    cohort = build_cohort(history, {}, today, 6)
    assert [r.pair for r in cohort.rows] == [
        "overdue-and-not-committed",
        "widened",
        "overdue",
        "not-committed",
        "apart-now",
        "calm",
    ]
    # codes follow the names, not the order of need, so they do not change as flags come and go
    assert sorted(r.code for r in cohort.rows) == [f"P0{n}" for n in range(1, 7)]
    assert next(r for r in cohort.rows if r.pair == "apart-now").code == "P01"


# -- generated programmes through the command -----------------------------------------------


def programme(folder: Path) -> dict[str, list[Path]]:
    """Three partnerships: one drifting apart on the say, one not seen for 8 months, one fine."""
    recent, long_ago = TODAY - timedelta(days=20), add_months(TODAY, -8) - timedelta(days=3)
    made: dict[str, list[Path]] = {}

    def put(s: Any) -> None:
        made.setdefault(s.pair, []).append(save(s, folder))

    put(snap("ann-and-bo", iso(recent - timedelta(days=90)), agreed=2))
    put(
        snap(
            "ann-and-bo",
            iso(recent),
            {1: 3, 2: 4, 3: 3, 4: 3, 5: 3},
            authority={"ann": "mostly:ann", "bo": "mostly:ann"},
        )
    )
    put(snap("cy-and-dee", iso(long_ago), partners=("cy", "dee")))
    put(
        snap(
            "eve-and-flo",
            iso(recent - timedelta(days=60)),
            partners=("eve", "flo"),
            authority={"eve": "mostly:eve", "flo": "mostly:eve"},
        )
    )
    put(
        snap(
            "eve-and-flo",
            iso(recent),
            partners=("eve", "flo"),
            authority={"eve": "mostly:eve", "flo": "more:flo"},
        )
    )
    return made


def test_generated_programme_flags_and_orders(tmp_path: Path):
    d = tmp_path / "programme"
    programme(d)
    data = cohort_json("--questions", str(MINI_BANK), str(d))
    order = [(r["pair"], [f["id"] for f in r["flags"]]) for r in data["partnerships"]]
    assert order == [("eve-and-flo", ["widened"]), ("cy-and-dee", ["overdue"]), ("ann-and-bo", [])]
    ann = data["partnerships"][2]
    assert ann["chosen"]["practice"] == 2 and ann["chosen"]["direction"] == "rose"
    assert ann["say"]["pattern_id"] == "same-holder"
    # with a longer limit, the old sitting is not overdue
    later = cohort_json("--questions", str(MINI_BANK), str(d), "--overdue-months", "9")
    assert all(f["id"] != "overdue" for r in later["partnerships"] for f in r["flags"])
    text = run_cli("--questions", str(MINI_BANK), "cohort", str(d)).stdout
    assert text.index("Eve and Flo") < text.index("Cy and Dee") < text.index("Ann and Bo")
    assert "! Further apart than last time on who has the say (0.0 → 3.0)" in " ".join(text.split())
    assert "! No sitting for 8 months" in text


@needs_git
def test_a_sitting_not_committed_is_flagged(tmp_path: Path, git_home: Path):
    repo = make_repo(tmp_path / "repo")
    d = repo / "collabcheck"
    made = programme(d)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "sittings")
    late = save(snap("cy-and-dee", iso(TODAY - timedelta(days=1)), partners=("cy", "dee")), d)
    data = cohort_json("--questions", str(MINI_BANK), str(d))
    cy = next(r for r in data["partnerships"] if r["pair"] == "cy-and-dee")
    assert [f["id"] for f in cy["flags"]] == ["uncommitted"] and cy["committed"] is False
    assert cy["flags"][0]["files"] == [str(late)]
    assert all(r["committed"] is True for r in data["partnerships"] if r["pair"] != "cy-and-dee")
    assert made


# -- names hidden --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
def test_hide_names_leaks_no_name_in_any_format(tmp_path: Path, fmt: str):
    d = tmp_path / "hiddenplace"
    programme(d)
    save(
        snap(
            "gus-hal-and-ida",
            iso(TODAY),
            partners=("gus", "hal", "ida"),
            authority={"gus": "less:ida", "hal": "mostly:hal"},
        ),
        d,
    )
    (d / "nested").mkdir()
    (d / "nested" / "broken-ann-and-bo.toml").write_text("pair = \n")
    ran = run_cli("--questions", str(MINI_BANK), "cohort", str(d), "--format", fmt, "--hide-names")
    assert ran.returncode == 0
    out = ran.stdout + ran.stderr
    for word in ("ann", "bo", "cy", "dee", "eve", "flo", "gus", "hal", "ida", "hiddenplace", "broken"):
        assert not re.search(rf"(?i)\b{word}\b", out), (word, fmt)
    assert "P01" in out
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(ran.stdout)))
        assert {r["partner"] for r in rows} >= {"P04-A", "P04-B", "P04-C"}
        assert "less:P04-C" in {r["answer"] for r in rows}
        assert {r["file"] for r in rows} == {""}


# -- bad input -------------------------------------------------------------------------------


def test_bad_arguments_are_one_line_and_exit_2(tmp_path: Path):
    for args in (
        ["cohort", str(tmp_path / "nowhere")],
        ["cohort", str(EXAMPLES), "--overdue-months", "0"],
        ["cohort", str(EXAMPLES), "--overdue-months", "six"],
        ["cohort", str(EXAMPLES / "make_examples.py")],
    ):
        ran = run_cli(*args)
        assert ran.returncode == 2 and ran.stderr.count("\n") == 1 and "Traceback" not in ran.stderr, args


def test_unreadable_files_are_listed_and_hide_nothing(tmp_path: Path):
    d = tmp_path / "programme"
    programme(d)
    (d / "bad.toml").write_text("schema = 1\npair = \n")
    ran = run_cli("--questions", str(MINI_BANK), "cohort", str(d))
    assert ran.returncode == 0 and "bad.toml" in ran.stderr and "1 file could not be read" in ran.stdout
    data = cohort_json("--questions", str(MINI_BANK), str(d))
    assert len(data["partnerships"]) == 3 and data["skipped"][0]["file"].endswith("bad.toml")


def test_the_cohort_is_read_through_the_cache(tmp_path: Path, _cache: Path):
    d = tmp_path / "programme"
    programme(d)
    first = load_cohort(d, mini(), committed=False)
    assert list(_cache.glob("cohort-*.json"))
    from collabcheck.history import cohort_read as module

    calls = []
    real = module.summarise_file
    module.summarise_file = lambda path, bank: calls.append(path) or real(path, bank)  # type: ignore[assignment]
    try:
        again = load_cohort(d, mini(), committed=False)
    finally:
        module.summarise_file = real  # type: ignore[assignment]
    assert calls == []
    assert [r.pair for r in again.rows] == [r.pair for r in first.rows]


# -- the cached figures are the comparison's -------------------------------------------------


@settings(deadline=None)
@given(data=st.data())
def test_cohort_summary_equals_compare_on_random_sittings(data: st.DataObject):
    from collabcheck.history.cohort_read import summarise_for_cohort
    from collabcheck.history.picture import places
    from collabcheck.scoring.compare import compare

    bank = data.draw(st.sampled_from(BANKS))
    snapshot = data.draw(snapshots(bank))
    s = summarise_for_cohort(snapshot, bank, [])
    c = compare(snapshot, bank)
    for p in c.practices:
        k = str(p.number)
        assert s["practices"][k] == p.combined and s["divergence"][k] == p.divergence
        assert s["scores"][k] == p.scores
    assert s["authority_divergence"] == c.authority.divergence
    assert s["pattern_id"] == c.authority.pattern_id and s["holders"] == c.authority.perceived_holder
    assert s["positions"] == c.focus.positions and s["leaning"] == c.focus.leaning
    assert s["focus_divergence"] == c.focus.divergence
    assert s["suggested"] == c.suggestion.number
    assert s["places"] == {pid: p.to_json() for pid, p in places(c).items()}


# -- the board paper's pictures --------------------------------------------------------------


@pytest.mark.parametrize("hide", [False, True])
def test_pictures_are_written_beside_the_board_paper(tmp_path: Path, hide: bool):
    import xml.etree.ElementTree as ET

    d = tmp_path / "hiddenplace"
    programme(d)
    out = tmp_path / "paper"
    args = [
        "--questions",
        str(MINI_BANK),
        "cohort",
        str(d),
        "--format",
        "markdown",
        "--pictures",
        str(out),
    ] + (["--hide-names"] if hide else [])
    ran = run_cli(*args)
    assert ran.returncode == 0, ran.stderr
    svgs = sorted(p.name for p in out.glob("*.svg"))
    expected = (
        ["P01.svg", "P02.svg", "P03.svg"] if hide else ["ann-and-bo.svg", "cy-and-dee.svg", "eve-and-flo.svg"]
    )
    assert svgs == expected
    for name in svgs:
        assert f"]({name})" in ran.stdout
        root = ET.parse(out / name).getroot()
        title = root.find("{http://www.w3.org/2000/svg}title").text
        assert title in " ".join(ran.stdout.split())  # the same sentence is in the paper
        if hide:
            words = " ".join(root.itertext())  # ("cy" is also an SVG attribute: text only)
            assert not re.search(r"(?i)\b(ann|bo|cy|dee|eve|flo)\b", words)
    eve = "P03-A" if hide else "Eve"
    assert f"{eve} still sees the say with themselves" in ran.stdout


def test_pictures_only_go_with_markdown(tmp_path: Path):
    ran = run_cli("cohort", str(EXAMPLES), "--pictures", str(tmp_path / "x"))
    assert ran.returncode == 2 and "--format markdown" in ran.stderr
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize(
    "damage",
    [
        {"scores": []},
        {"scores": {"1": "x"}},
        {"places": "here"},
        {"ts": "soon"},
        {"holders": {"ann": 3}},
        {"practices": {"1": 3.0}},
        {"suggested": None},
        {"ts": 1e308},  # a number, but no moment a date can be made of
        {"ts": 0.0},  # a moment, but not the sitting's
        {"names": ["a"]},  # fewer names than partners
    ],
)
def test_a_damaged_cache_entry_is_read_afresh(tmp_path: Path, _cache: Path, damage: dict[str, Any]):
    d = tmp_path / "programme"
    programme(d)
    want = load_cohort(d, mini(), committed=False)
    cache_file = next(_cache.glob("cohort-*.json"))
    data = json.loads(cache_file.read_text())
    for entry in data["entries"].values():
        entry[1].update(damage)
    cache_file.write_text(json.dumps(data))
    got = load_cohort(d, mini(), committed=False)
    assert [(r.pair, r.latest) for r in got.rows] == [(r.pair, r.latest) for r in want.rows]


def test_a_sitting_at_the_very_end_of_year_9999_is_shown_on_its_own_day(tmp_path: Path):
    """Valid (validate says so), though in UTC it falls in year 10000, which Python's dates
    cannot hold: the cohort ended with a traceback."""
    d = tmp_path / "programme"
    save(snap("ann-and-bo", "9999-12-31T23:59:59-23:59", {1: 3}), d)
    assert run_cli("validate", str(d)).returncode == 0
    ran = run_cli("--questions", str(MINI_BANK), "cohort", str(d))
    assert ran.returncode == 0, ran.stderr
    assert "31 December 9999" in ran.stdout and "Traceback" not in ran.stderr


def test_cohort_never_loads_textual(tmp_path: Path):
    import os
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib\nfrom collabcheck.cli import main\n"
        "for fmt in ('text', 'json', 'csv', 'markdown'):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        f"        assert main(['cohort', {str(EXAMPLES)!r}, '--format', fmt]) == 0\n"
        "print('textual' in sys.modules)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLLABCHECK_CACHE_DIR": str(tmp_path)},
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


# -- the say in words: the report's pattern, never contradicted ------------------------------


def _bank_dir(bank: Any) -> Path:
    from collabcheck.core.bank import load_bank

    return MINI_BANK if bank == load_bank(MINI_BANK) else ROOT / "questions"


@settings(deadline=None, max_examples=40)
@given(data=st.data())
def test_the_cohorts_say_words_fit_every_partners_view(data: st.DataObject, tmp_path_factory):
    """Property 12 and "words match answers" for the cohort: a partner seen with less say is
    never left out of its words (nor hidden under "not enough answers"), and "most" is said
    only where every partner named answered "mostly"."""
    from collabcheck.scoring.compare import compare

    bank = data.draw(st.sampled_from(BANKS))
    snapshot = data.draw(snapshots(bank))
    folder = tmp_path_factory.mktemp("programme")
    save(snapshot, folder, bank=bank)
    a = compare(snapshot, bank).authority
    ran = run_cli("--questions", str(_bank_dir(bank)), "cohort", str(folder), "--format", "json")
    assert ran.returncode == 0, ran.stderr
    words = json.loads(ran.stdout)["partnerships"][0]["say"]["pattern"]
    if a.pattern_id == "not-enough-answers":  # (fewer than two answered: nothing to compare)
        assert words == "not enough answers to compare"
        return
    assert "not enough answers" not in words, (a.pattern_id, words)
    if a.left_out:
        assert "less say" in words and not words.endswith("see it as shared"), (a.left_out, words)
    if " of it" in words:  # an amount is said ("holding more of it"): "most" only if all said "mostly"
        most = all(a.strength.get(p) == "most" for p in a.perceived_holder)
        assert ("most of it" in words) == most, (a.strength, words)
