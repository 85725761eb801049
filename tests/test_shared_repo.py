"""The shared repository end to end with the real git: two partnerships in two clones save and commit in the
same minute, both push (the second after a pull), and history in a third clone shows both,
saying which sittings are not committed yet."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import collabcheck.core.sitting as store
from collabcheck.core.bank import load_bank
from collabcheck.core.snapshot import write_snapshot

from . import gitrepo
from .conftest import MINI_BANK
from .gitrepo import env_for_subprocess, git, needs_git, shared

git_home = gitrepo.git_home
pytestmark = needs_git
MINUTE = datetime(2026, 11, 28, 15, 30, tzinfo=timezone(timedelta(hours=0)))


def save_sitting(folder: Path, people: list[tuple[str, str]], pair: str, when: datetime = MINUTE) -> Path:
    bank = load_bank(MINI_BANK)
    s = store.Sitting.new(bank, people, when, pair=pair)
    for item in bank.items_of_kind("agree"):
        for p in s.partners:
            s.set_answer(p.id, item, 4)
    return write_snapshot(s.to_snapshot(bank, when), folder, bank)


def cc(home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**env_for_subprocess(home), "COLLABCHECK_CACHE_DIR": str(home / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "collabcheck", *args, "--questions", str(MINI_BANK)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env=env,
    )


def test_two_clones_commit_in_the_same_minute_and_a_third_sees_both(tmp_path, git_home):
    bare, (maya, ann) = shared(tmp_path, "maya", "ann")
    one = save_sitting(maya / "collabcheck", [("Maya", "GP"), ("Dev", "Patient partner")], "maya-and-dev")
    two = save_sitting(ann / "collabcheck", [("Ann", "Carer"), ("Bo", "Commissioner")], "ann-and-bo")
    assert one.name[:15] == two.name[:15]  # the same minute
    first = cc(git_home, maya, "commit", str(one.relative_to(maya)), "--push")
    assert first.returncode == 0, first.stderr
    second = cc(git_home, ann, "commit", str(two.relative_to(ann)), "--push")
    assert second.returncode == 0, second.stderr
    assert "Someone else pushed first" in second.stdout

    third = tmp_path / "facilitator"
    git(tmp_path, "clone", "-q", str(bare), str(third))
    save_sitting(third / "collabcheck", [("Jo", ""), ("Ken", "")], "jo-and-ken")  # not committed
    run = cc(git_home, third, "history", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    seen = {p["pair"]: [s["committed"] for s in p["sittings"]] for p in data["pairs"]}
    assert seen == {"ann-and-bo": [True], "maya-and-dev": [True], "jo-and-ken": [False]}

    text = cc(git_home, third, "history")
    assert "ann-and-bo" in text.stdout and "maya-and-dev" in text.stdout
    assert "1 sitting is not committed to the repository yet" in text.stdout
    assert "notcommittedtotherepositoryyet(2026-11-28T1530-jo-and-ken.toml)" in "".join(text.stdout.split())
    markdown = cc(git_home, third, "history", "--format", "markdown")
    assert "1 sitting is not committed to the repository yet" in markdown.stdout


def test_history_outside_a_repository_says_nothing_about_commits(tmp_path, git_home):
    save_sitting(tmp_path / "loose", [("Maya", ""), ("Dev", "")], "maya-and-dev")
    run = cc(git_home, tmp_path, "history", "loose", "--format", "json")
    assert [s["committed"] for s in json.loads(run.stdout)["pairs"][0]["sittings"]] == [None]
    assert "not committed" not in cc(git_home, tmp_path, "history", "loose").stdout
