"""History's JSON laid out while the files are still being read.

A programme's first history lays out each partnership as soon as the files move on to
another folder (`Gathering`'s `done`, kept by `render.history.made_early`), so the work runs
beside the processes still reading. The output must be exactly the one made at the end from
the whole history: whatever the folders hold, whether or not they are in git, and with a
partnership whose sittings turn up again in a later folder laid out afresh.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import collabcheck.render.history_json as render_history
from collabcheck.cli import main
from collabcheck.core.bank import load_bank
from collabcheck.history.gather import load_history, mark_committed
from collabcheck.render.safe import json_safe

from .conftest import MINI_BANK
from .gitrepo import git, git_home, make_repo, needs_git  # noqa: F401  (git_home is a fixture)
from .test_history import save, snap

PAIRS = {
    "ann-and-bo": ("ann", "bo"),
    "cy-dee-and-eve": ("cy", "dee", "eve"),
    "fay-and-gus": ("fay", "gus"),
}


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def at_the_end(folder: Path) -> str:
    """The JSON made the plain way: the whole history read, marked, then laid out."""
    history = load_history(folder, load_bank(MINI_BANK), cache_dir=False)
    mark_committed(history)
    text = json.dumps(render_history.render_json(history), ensure_ascii=False, check_circular=False)
    return json_safe(text) + "\n"


def printed(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--questions", str(MINI_BANK), "history", str(folder), "--format", "json"]) == 0
    return capsys.readouterr().out


def counting_layouts(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each partnership's JSON is laid out."""
    laid: Counter[str] = Counter()
    real = render_history.pair_json

    def counted(p: Any) -> Any:
        laid[p.pair] += 1
        return real(p)

    monkeypatch.setattr(render_history, "pair_json", counted)
    return laid


def sitting(pair: str, month: int, seed: int) -> Any:
    rng = random.Random(seed)
    levels = {n: rng.randint(1, 5) for n in range(1, 6)}
    return snap(
        pair,
        f"2026-{month:02d}-01T09:00:00+00:00",
        levels,
        partners=PAIRS[pair],
        agreed=rng.choice([None, 2]),
    )


def test_a_partnership_found_again_in_a_later_folder_is_laid_out_afresh(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    d = tmp_path / "programme"
    save(sitting("ann-and-bo", 1, 1), d / "a")
    save(sitting("cy-dee-and-eve", 2, 2), d / "b")
    save(sitting("ann-and-bo", 3, 3), d / "c")  # more of ann-and-bo, after it looked complete
    save(sitting("fay-and-gus", 4, 4), d / "d")
    (d / "d" / "broken.toml").write_text("schema = 1\npair = \n")
    laid = counting_layouts(monkeypatch)
    out = printed(d, capsys)
    assert laid == {"ann-and-bo": 2, "cy-dee-and-eve": 1, "fay-and-gus": 1}
    monkeypatch.undo()
    assert out == at_the_end(d)


def test_any_layout_of_folders_gives_the_output_made_at_the_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    rng = random.Random(7)
    for trial in range(6):
        d = tmp_path / f"programme-{trial}"
        for k in range(rng.randint(3, 9)):
            pair = rng.choice(list(PAIRS))
            save(sitting(pair, 1 + k, rng.randint(0, 10**6)), d / rng.choice(["x", "y", "y/z", ""]))
        assert printed(d, capsys) == at_the_end(d), f"trial {trial}"


@needs_git
def test_in_a_repository_each_sitting_is_marked_as_mark_committed_marks_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    git_home: Path,  # noqa: F811
):
    d = make_repo(tmp_path / "repo")
    save(sitting("ann-and-bo", 1, 1), d / "a")
    save(sitting("cy-dee-and-eve", 2, 2), d / "b")
    git(d, "add", "a", "b")
    git(d, "commit", "-q", "-m", "first sittings")
    save(sitting("ann-and-bo", 3, 3), d / "c")  # not committed yet
    out = printed(d, capsys)
    assert out == at_the_end(d)
    committed = {
        s["file"].rsplit("/", 2)[-2]: s["committed"] for p in json.loads(out)["pairs"] for s in p["sittings"]
    }
    assert committed == {"a": True, "b": True, "c": False}


@needs_git
def test_when_git_answers_only_at_the_end_the_marked_partnerships_are_laid_out_again(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    git_home: Path,  # noqa: F811
):
    """Git cannot say for every file found (so nothing is marked while reading), but can for
    the sittings kept: marking them afterwards replaces the sittings, and no JSON laid out
    before that is used."""
    import collabcheck.core.git as core_git

    d = make_repo(tmp_path / "repo")
    save(sitting("ann-and-bo", 1, 1), d / "a")
    save(sitting("cy-dee-and-eve", 2, 2), d / "b")
    git(d, "add", "a")
    git(d, "commit", "-q", "-m", "first sitting")
    save(sitting("fay-and-gus", 3, 3), d / "c")
    real = core_git.uncommitted
    calls: list[int] = []

    def first_time_nothing(paths: Any, *args: Any) -> Any:
        calls.append(1)
        return None if len(calls) == 1 else real(paths, *args)

    monkeypatch.setattr(core_git, "uncommitted", first_time_nothing)
    laid = counting_layouts(monkeypatch)
    out = printed(d, capsys)
    assert len(calls) == 2 and laid["ann-and-bo"] == 2  # laid out early, then again
    monkeypatch.undo()
    assert out == at_the_end(d)
    marks = {p["pair"]: [s["committed"] for s in p["sittings"]] for p in json.loads(out)["pairs"]}
    assert marks == {"ann-and-bo": [True], "cy-dee-and-eve": [False], "fay-and-gus": [False]}


def test_the_history_keeps_the_partnership_worked_on_early_only_if_nothing_came_after():
    """The cohort works out each partnership's trends while the files are read; the history
    keeps that very `PairHistory` (and what was worked out) unless more sittings came."""
    from collabcheck.history.gather import Gathering
    from collabcheck.history.summary import Summary

    from .test_history import mini

    bank = mini()
    told: list[Any] = []
    gathering = Gathering(bank, done=told.append)
    records = []
    for folder, pair, month in (("a", "ann-and-bo", 1), ("b", "cy-dee-and-eve", 2), ("c", "ann-and-bo", 3)):
        s = sitting(pair, month, month)
        from collabcheck.history.read import summarise_snapshot

        summary: Summary = summarise_snapshot(s, bank, [])
        records.append((f"p/{folder}/{month}.toml", summary))
    for shown, summary in records:
        gathering.add(shown, summary)
    history = gathering.history("p")
    by_name = {p.pair: p for p in history.pairs}
    early = {p.pair: p for p in told}
    assert set(early) == {"ann-and-bo", "cy-dee-and-eve"}  # c/ is the last folder: never told
    assert by_name["cy-dee-and-eve"] is early["cy-dee-and-eve"]
    assert by_name["ann-and-bo"] is not early["ann-and-bo"]
    assert len(by_name["ann-and-bo"].sittings) == 2
