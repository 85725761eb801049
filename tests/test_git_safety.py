"""collabcheck never leaves the team's repository worse than it found it, tried with
the real git: a git that runs too long is stopped so that it cleans up its locks, no commit
lands on a detached HEAD or in the middle of a rebase, and concurrent pushes all get through."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from collabcheck.core import git as g
from collabcheck.core import git_run
from collabcheck.render.git_words import sentence as words

from . import gitrepo
from .gitrepo import git, make_repo, needs_git

git_home = gitrepo.git_home

pytestmark = needs_git
MESSAGE = "collabcheck sitting: maya-and-dev, 28 November 2026"


def sitting_file(folder: Path, name: str = "2026-11-28T1530-maya-and-dev.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text('pair = "maya-and-dev"\n')
    return path


def locks(repo: Path) -> list[str]:
    dot = repo / ".git"
    return sorted(str(p.relative_to(dot)) for p in [*dot.glob("*.lock"), *(dot / "refs").rglob("*.lock")])


def slow_hook(repo: Path, body: str = "sleep 40") -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\n{body}\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def test_a_slow_hook_is_stopped_and_leaves_no_lock(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    slow_hook(repo)
    snap = sitting_file(repo / "collabcheck")
    started = time.monotonic()
    out = g.commit_files([snap], MESSAGE, timeout=1.5)
    assert time.monotonic() - started < 1.5 + git_run.STOP_GRACE
    assert out.kind == g.TIMEOUT and "too long" in words(out)
    # "try again" would fail the same way: it names the limit and another way to commit
    assert "over 1.5 seconds" in words(out) and "the git tool you usually use" in words(out)
    assert locks(repo) == []
    assert snap.read_text() == 'pair = "maya-and-dev"\n'
    # The repository works at once, for collabcheck and for the team's own git.
    (repo / ".git" / "hooks" / "pre-commit").unlink()
    (repo / "other.txt").write_text("x\n")
    git(repo, "add", "other.txt")
    git(repo, "commit", "-q", "-m", "the team's own commit")
    assert g.commit_files([snap], MESSAGE).ok


def test_a_hook_that_ignores_the_stop_request_is_still_ended_without_a_lock(tmp_path, git_home, monkeypatch):
    repo = make_repo(tmp_path / "team")
    slow_hook(repo, "trap '' TERM INT\nsleep 40")
    monkeypatch.setattr(git_run, "STOP_GRACE", 1.0)
    snap = sitting_file(repo / "collabcheck")
    started = time.monotonic()
    out = g.commit_files([snap], MESSAGE, timeout=1.5)
    assert out.kind == g.TIMEOUT and time.monotonic() - started < 8
    assert locks(repo) == []


def test_a_git_killed_outright_has_its_own_lock_removed_and_no_one_elses(tmp_path, git_home, monkeypatch):
    """A stand-in git that takes the index lock and will not stop when asked: it is killed,
    and the lock it made is removed; a lock that was there before it started is left alone."""
    repo = make_repo(tmp_path / "team")
    old = repo / ".git" / "refs" / "heads" / "old.lock"
    old.write_text("someone else's\n")
    os.utime(old, (time.time() - 60, time.time() - 60))
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\ntrap '' TERM INT\n: > .git/index.lock\nsleep 40\n")
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(git_run, "STOP_GRACE", 0.5)
    r = g.run_git(["commit"], repo, timeout=1.0)
    assert r.timed_out
    assert locks(repo) == ["refs/heads/old.lock"]


def one_sentence(text: str) -> bool:
    return text.count(". ") == 0 and text.endswith(".") and "\n" not in text


def test_no_commit_on_a_detached_head(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    git(repo, "checkout", "-q", "--detach")
    snap = sitting_file(repo / "collabcheck")
    head = git(repo, "rev-parse", "HEAD")
    out = g.commit_files([snap], MESSAGE)
    assert out.kind == g.DETACHED and "not on a branch" in words(out) and one_sentence(words(out))
    assert git(repo, "rev-parse", "HEAD") == head  # no commit made
    assert git(repo, "status", "--porcelain") == "?? collabcheck/\n"  # nothing left staged
    git(repo, "checkout", "-q", "main")
    assert snap.is_file() and g.commit_files([snap], MESSAGE).ok


def test_no_commit_in_the_middle_of_a_rebase(tmp_path, git_home):
    """A rebase stopped on a conflict: collabcheck says why it will not commit, and after
    `git rebase --abort` the sitting is still on disk (not only in the reflog)."""
    repo = make_repo(tmp_path / "team")
    (repo / "plan.txt").write_text("base\n")
    git(repo, "add", "plan.txt")
    git(repo, "commit", "-q", "-m", "plan")
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "plan.txt").write_text("theirs\n")
    git(repo, "commit", "-q", "-am", "theirs")
    git(repo, "checkout", "-q", "main")
    (repo / "plan.txt").write_text("ours\n")
    git(repo, "commit", "-q", "-am", "ours")
    r = subprocess.run(["git", "rebase", "other"], cwd=repo, capture_output=True, text=True)
    assert r.returncode != 0 and (repo / ".git" / "rebase-merge").is_dir()
    snap = sitting_file(repo / "collabcheck")
    out = g.commit_files([snap], MESSAGE)
    assert out.kind == g.BUSY and "middle of a rebase" in words(out) and one_sentence(words(out))
    git(repo, "rebase", "--abort")
    assert snap.read_text() == 'pair = "maya-and-dev"\n'
    assert "collabcheck" not in git(repo, "log", "--all", "--format=%s")


def test_no_commit_in_the_middle_of_a_merge(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "b.txt").write_text("b\n")
    git(repo, "add", "b.txt")
    git(repo, "commit", "-q", "-m", "b")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "--no-commit", "other")
    snap = sitting_file(repo / "collabcheck")
    out = g.commit_files([snap], MESSAGE)
    assert out.kind == g.BUSY and "middle of a merge" in words(out)


EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_several_pushes_at_once_all_get_through(tmp_path, git_home):
    """Six partnerships press push in the same moment, each from its own clone: each is
    turned away (or finds the shared branch locked) until it has fetched the others' work,
    and all six get through."""
    files = sorted(EXAMPLES.glob("*/*.toml"))[:6]
    assert len(files) == 6
    names = [f"c{i}" for i in range(6)]
    bare, clones = gitrepo.shared(tmp_path, *names)
    env = gitrepo.env_for_subprocess(git_home)
    procs = []
    for clone, f in zip(clones, files, strict=True):
        snap = Path(shutil.copy(f, clone))
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "collabcheck", "commit", snap.name, "--push", "--timeout", "60"],
                cwd=clone,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    for code, out, err in results:
        assert code == 0, err
        assert "Pushed" in out and "Traceback" not in err
    git(tmp_path, "clone", "-q", str(bare), "third")
    assert sorted(p.name for p in (tmp_path / "third").glob("*.toml")) == sorted(f.name for f in files)
    for clone in clones:
        assert locks(clone) == []
    assert locks_bare(bare) == []


def locks_bare(bare: Path) -> list[Path]:
    return [*bare.glob("*.lock"), *(bare / "refs").rglob("*.lock")]


def as_nobody(prefix: list[str], cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `collabcheck args` as an ordinary user (`prefix`: the `nobody` fixture)."""
    env = {**gitrepo.env_for_subprocess(home), "HOME": str(home)}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "collabcheck", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_read_only_git_folder_is_reported_as_such(tmp_path, git_home, nobody):
    top = Path(tempfile.mkdtemp(prefix="collabcheck-ro-"))  # reachable by `nobody`
    try:
        top.chmod(0o777)
        repo = make_repo(top / "team")
        snap = Path(shutil.copy(sorted(EXAMPLES.glob("*/*.toml"))[0], repo))
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "65534:65534", str(top)], check=True)
        for p in [repo / ".git", *(repo / ".git").rglob("*")]:
            if not p.is_symlink():
                p.chmod(p.stat().st_mode & ~0o222)
        run = as_nobody(nobody, repo, top, "commit", snap.name)
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert "not allowed to write" in run.stderr and "Another git program" not in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
        assert snap.is_file()
    finally:
        for p in [top, *top.rglob("*")]:
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | 0o200)
        shutil.rmtree(top)


def test_a_lock_held_by_another_git_is_said_plainly(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    lock = repo / ".git" / "index.lock"
    lock.write_text("")
    out = g.commit_files([sitting_file(repo / "collabcheck")], MESSAGE)
    assert out.kind == g.LOCKED and "Another git program" in words(out) and one_sentence(words(out))
    assert lock.exists()  # someone else's: left alone


def test_commit_shows_file_names_escaped(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    run = subprocess.run(
        [sys.executable, "-m", "collabcheck", "commit", "\x1b]2;pwned\x07x\x1b[2J.toml"],
        cwd=repo,
        env=gitrepo.env_for_subprocess(git_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "\x1b" not in run.stderr and "\x07" not in run.stderr
    assert "\\x1b]2;pwned\\x07x\\x1b[2J.toml: not found" in run.stderr
    snap = Path(shutil.copy(sorted(EXAMPLES.glob("*/*.toml"))[0], repo / "a\x1b[31mred.toml"))
    run = subprocess.run(
        [sys.executable, "-m", "collabcheck", "commit", snap.name, "--push"],
        cwd=repo,
        env=gitrepo.env_for_subprocess(git_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "\x1b" not in run.stderr + run.stdout and "Committed" in run.stdout


def test_status_paths_reads_renames_whole():
    assert g.status_paths("R  xyzsits/b.toml\0xyzsits/a.toml\0 M sits/c.toml\0") == {
        "xyzsits/b.toml",
        "xyzsits/a.toml",
        "sits/c.toml",
    }
    assert g.status_paths("C  new.toml\0old.toml\0?? x\0") == {"new.toml", "old.toml", "x"}
    assert g.status_paths("") == set()


def test_a_staged_rename_does_not_mark_another_sitting_uncommitted(tmp_path, git_home):
    """`git mv xyzsits/a.toml xyzsits/b.toml`: read naively, the rename's second field
    ("xyzsits/a.toml") loses three letters and names sits/a.toml, a committed sitting."""
    repo = make_repo(tmp_path / "team")
    committed = sitting_file(repo / "sits", "a.toml")
    moved = sitting_file(repo / "xyzsits", "a.toml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "two sittings")
    git(repo, "mv", "xyzsits/a.toml", "xyzsits/b.toml")
    out = g.uncommitted([committed, repo / "xyzsits" / "b.toml"])
    assert out == {repo / "xyzsits" / "b.toml"}
    assert moved.parent.joinpath("b.toml").is_file()


def test_every_git_outcome_is_worded_in_render_and_none_in_core():
    """core/git.py and core/git_push.py say what happened with a code; every code they can
    give has its sentence in render/git_words.py, and no sentence is left in core."""
    import inspect
    import re

    from collabcheck.core import git_push
    from collabcheck.render import git_words

    source = inspect.getsource(g) + inspect.getsource(git_push)
    made = re.findall(r'Outcome\((\w+)(?:, "([a-z-]+)")?', source)
    assert len(made) > 25
    for kind, code in made:
        key = code or getattr(g, kind)
        assert key == "pushed" or key in git_words.WORDS, key
        facts = {
            "path": "p",
            "folder": "f",
            "file": "x",
            "what": "rebase",
            "subject": "s",
            "timeout": 2.0,
            "doing": "push",
            "name": "N",
            "email": "e@x",
            "waiting": 2,
        }
        said = git_words.sentence(g.Outcome(getattr(g, kind), code, facts))
        assert said.endswith(".") and "\n" not in said
    for sentence_part in ("still saved", "Someone else", "committed here", "Please "):
        assert sentence_part not in source
