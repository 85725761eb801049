"""In a real terminal (tmux, 80x24), keys only: commit and push a sitting from the Saved screen
to a shared repository, as a pair who have never typed a git command would."""

from __future__ import annotations

import os
from pathlib import Path

import collabcheck.core.sitting as store
from collabcheck.core.bank import load_bank

from . import gitrepo
from .conftest import MINI_BANK
from .gitrepo import git, log, make_repo, needs_git, shared
from .test_real_terminal import APP, Terminal, pytestmark  # pytestmark: skips without tmux

git_home = gitrepo.git_home
pytestmark = [*pytestmark, needs_git]


def finished_sitting_in(state: Path) -> None:
    from datetime import datetime

    bank = load_bank(MINI_BANK)
    s = store.Sitting.new(
        bank, [("Maya", "GP"), ("Dev", "Patient partner")], datetime.now().astimezone().replace(microsecond=0)
    )
    for n, p in enumerate(s.partners):
        for item in bank.items_of_kind("agree"):
            s.set_answer(p.id, item, 2 + n)
    s.current_partner, s.stage = len(s.partners), "together"
    store.save(s, state)


def saved_screen_in(repo: Path, tmp_path: Path, home: Path) -> Terminal:
    """Start the app in `repo` on a finished sitting and save it: the Saved screen."""
    finished_sitting_in(tmp_path / "state")
    env = {
        "COLLABCHECK_STATE_DIR": str(tmp_path / "state"),
        "TERM": "xterm-256color",
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": os.environ.get("PATH", ""),
    }
    t = Terminal([str(APP), "--questions", str(MINI_BANK), "--dir", "sittings"], env, repo)
    t.wait_for("Unfinished sitting found")
    t.keys("r")
    t.wait_for("How you each see your partnership")
    t.keys("a")
    t.wait_for("Which practice will you work on next")
    t.keys("C-s")
    return t


def test_commit_and_push_from_the_saved_screen_by_keys(tmp_path, git_home):
    bare, (team,) = shared(tmp_path, "maya")
    t = saved_screen_in(team, tmp_path, git_home)
    try:
        t.wait_for("inside your git repository")
        t.wait_for("Press c to commit")
        t.keys("c")
        t.wait_for("Committed: collabcheck sitting: maya-and-dev")
        t.wait_for(r"Press p to\s+push")
        t.keys("p")
        t.wait_for(r"Pushed: your team can now see\s+this\s+sitting")
        t.keys("q")
        t.wait_for("sitting saved in")
    finally:
        t.close()
    saved = sorted(Path(team, "sittings").glob("*.toml"))
    assert len(saved) == 1
    assert log(bare, "-1").startswith("collabcheck sitting: maya-and-dev, ")
    assert git(team, "status", "--porcelain") == ""


def test_name_and_email_typed_in_a_burst_are_kept_whole(tmp_path, git_home):
    repo = make_repo(tmp_path / "team", who=None)
    t = saved_screen_in(repo, tmp_path, git_home)
    try:
        t.wait_for("Press c to commit")
        t.keys("c")
        t.wait_for("git needs a name and an email")
        t.tmux("send-keys", "-t", "cc", "Dev Shah", "Enter", "dev@example.org", "Enter")  # one burst
        t.wait_for("Committed: collabcheck sitting: maya-and-dev")
    finally:
        t.close()
    assert git(repo, "config", "--local", "user.email") == "dev@example.org\n"
    assert git(repo, "log", "-1", "--format=%an <%ae>") == "Dev Shah <dev@example.org>\n"
