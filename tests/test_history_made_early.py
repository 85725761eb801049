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

import collabcheck.render.history as render_history
from collabcheck.cli import main
from collabcheck.core.bank import load_bank
from collabcheck.history.build import load_history, mark_committed
from collabcheck.render.safe import json_safe

from .conftest import MINI_BANK
from .gitrepo import git, git_home, needs_git  # noqa: F401  (git_home is a fixture)
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
    d = tmp_path / "repo"
    d.mkdir()
    git(d, "init", "-q")
    git(d, "config", "user.name", "Facilitator")
    git(d, "config", "user.email", "f@example.org")
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
