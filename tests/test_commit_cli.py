"""`collabcheck commit FILE… [--push]` with the real git, for facilitators who collect files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import gitrepo
from .gitrepo import env_for_subprocess, git, log, make_repo, needs_git, shared

git_home, password_server = gitrepo.git_home, gitrepo.password_server
pytestmark = needs_git
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
AMIRA = sorted((EXAMPLES / "amira-and-tom").glob("*.toml"))


def cc(home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "collabcheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env=env_for_subprocess(home),
    )


def test_commit_from_the_command_line_takes_the_files_and_their_reports(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    (repo / "README").write_text("someone else's unstaged change\n")
    folder = repo / "sittings"
    folder.mkdir()
    first, second = (Path(shutil.copy(f, folder)) for f in AMIRA[:2])
    first.with_suffix(".md").write_text("# report\n")
    run = cc(git_home, repo, "commit", str(first), str(second))
    assert run.returncode == 0, run.stderr
    assert "Committed 3 files: collabcheck sittings: amira-and-tom" in run.stdout
    subject, *body = log(repo, "-1", "--format=%B").strip().splitlines()
    assert subject == "collabcheck sittings: amira-and-tom"
    assert "- amira-and-tom, 9 December 2025" in body and "- amira-and-tom, 12 March 2026" in body
    assert sorted(git(repo, "show", "--name-only", "--format=", "HEAD").split()) == sorted(
        f"sittings/{p.name}" for p in (first, first.with_suffix(".md"), second)
    )
    assert git(repo, "status", "--porcelain") == " M README\n"
    # again: nothing new, said plainly, exit 2
    again = cc(git_home, repo, "commit", str(first))
    assert again.returncode == 2 and "already committed" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1


def test_one_sitting_commit_message_names_the_pair_and_date(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    snap = Path(shutil.copy(AMIRA[-1], repo))
    run = cc(git_home, repo, "commit", snap.name)
    assert run.returncode == 0, run.stderr
    assert log(repo, "-1") == "collabcheck sitting: amira-and-tom, 24 November 2026\n"


def test_problems_are_one_line_each_and_exit_2(tmp_path, git_home):
    repo = make_repo(tmp_path / "team", who=None, ignore="/collabcheck/\n")
    bad = repo / "bad.toml"
    bad.write_text("schema = 99\n")
    run = cc(git_home, repo, "commit", "missing.toml", str(bad))
    assert run.returncode == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 2 and "missing.toml: not found" in lines[0] and "bad.toml" in lines[1]
    assert "Traceback" not in run.stderr
    snap = Path(shutil.copy(AMIRA[0], repo))
    run = cc(git_home, repo, "commit", snap.name)
    assert run.returncode == 2 and "git config user.name" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    (repo / "collabcheck").mkdir()
    hidden = Path(shutil.copy(AMIRA[1], repo / "collabcheck"))
    run = cc(git_home, repo, "commit", str(hidden))
    assert run.returncode == 2 and "ignore" in run.stderr
    outside = Path(shutil.copy(AMIRA[2], tmp_path))
    run = cc(git_home, tmp_path, "commit", str(outside))
    assert run.returncode == 2 and "not inside a git repository" in run.stderr
    assert all(p.is_file() for p in (snap, hidden, outside))


def test_push_after_someone_else_pushed_pulls_first(tmp_path, git_home):
    _bare, (maya, ann) = shared(tmp_path, "maya", "ann")
    one = Path(shutil.copy(AMIRA[0], maya))
    two = Path(shutil.copy(EXAMPLES / "jo-priya-and-ken" / "2026-05-06T0930-jo-priya-and-ken.toml", ann))
    assert cc(git_home, maya, "commit", one.name, "--push").returncode == 0
    run = cc(git_home, ann, "commit", two.name, "--push")
    assert run.returncode == 0, run.stderr
    assert "Someone else pushed first" in run.stdout and "Pushed" in run.stdout
    git(maya, "pull", "-q", "--rebase")
    assert (maya / two.name).is_file()


def test_push_that_asks_for_a_password_fails_plainly(tmp_path, git_home, password_server):
    repo = make_repo(tmp_path / "team")
    git(repo, "remote", "add", "origin", password_server)
    snap = Path(shutil.copy(AMIRA[0], repo))
    started = time.monotonic()
    run = cc(git_home, repo, "commit", snap.name, "--push", "--timeout", "20")
    assert time.monotonic() - started < 15
    assert run.returncode == 2 and "never asks" in run.stderr
    assert "Committed" in run.stdout  # the commit stays; only the push failed


def test_commit_does_not_import_textual(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    snap = Path(shutil.copy(AMIRA[0], repo))
    code = (
        "import sys\nfrom collabcheck.cli import main\n"
        f"main(['commit', {str(snap)!r}])\n"
        "sys.stderr.write('TEXTUAL=' + str(any(m.split('.')[0] == 'textual' for m in sys.modules)))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=repo,
        env=env_for_subprocess(git_home),
        timeout=60,
    )
    assert "TEXTUAL=False" in run.stderr, run.stderr
