"""The shared repository with the real git: where the folder stands, commit exactly
one sitting, push within a time limit, and every failure one plain sentence with the file kept."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest

from collabcheck.core import git as g
from collabcheck.core.git_push import pull_and_push, push
from collabcheck.render.git_words import place_advice, place_sentence
from collabcheck.render.git_words import sentence as words

from . import gitrepo
from .gitrepo import git, log, make_repo, needs_git, shared

git_home, password_server, silent_server = gitrepo.git_home, gitrepo.password_server, gitrepo.silent_server

pytestmark = needs_git
MESSAGE = "collabcheck sitting: maya-and-dev, 28 November 2026"


def sitting_file(folder: Path, name: str = "2026-11-28T1530-maya-and-dev.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text('pair = "maya-and-dev"\n')
    return path


def one_sentence(text: str) -> bool:
    return text.count(". ") == 0 and text.endswith(".") and "\n" not in text


def test_commit_message_names_the_partnership_and_the_date():
    assert g.commit_message([("maya-and-dev", date(2026, 11, 28))]) == MESSAGE
    two = g.commit_message([("a-and-b", date(2026, 1, 2)), ("c-and-d", date(2026, 3, 4))])
    assert two.splitlines()[0] == "collabcheck sittings: a-and-b, c-and-d"
    assert "- c-and-d, 4 March 2026" in two


def test_where_says_plainly_where_the_folder_stands(tmp_path, git_home):
    repo = make_repo(tmp_path / "team", ignore="/collabcheck/\n")
    inside = g.where(repo / "sittings")  # not made yet: still inside
    assert (
        inside.ok
        and inside.root == repo
        and place_sentence(inside)
        == (f"Sittings are saved in {repo / 'sittings'}/, inside your git repository {repo}.")
    )
    ignored = g.where(repo / "collabcheck")
    assert ignored.kind == g.IGNORED and "ignore" in place_sentence(ignored)
    assert "--dir" in place_advice(ignored) and "a folder that git does not ignore" in place_advice(ignored)
    outside = g.where(tmp_path / "elsewhere")
    assert outside.kind == g.NOT_REPO and "not inside a git repository" in place_sentence(outside)
    assert "--dir" in place_advice(outside)
    for place in (inside, ignored, outside):
        assert one_sentence(place_sentence(place))


def test_commit_takes_that_file_and_nothing_else(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    (repo / "staged.txt").write_text("someone's work in progress\n")
    git(repo, "add", "staged.txt")
    (repo / "README").write_text("changed but not staged\n")
    (repo / "loose.txt").write_text("untracked\n")
    snap = sitting_file(repo / "collabcheck")
    report = snap.with_suffix(".md")
    report.write_text("# report\n")

    out = g.commit_files([snap, report], MESSAGE)

    assert out.ok, out
    assert words(out) == f"Committed: {MESSAGE}."
    assert log(repo, "-1") == MESSAGE + "\n"
    assert sorted(git(repo, "show", "--name-only", "--format=", "HEAD").split()) == [
        "collabcheck/2026-11-28T1530-maya-and-dev.md",
        "collabcheck/2026-11-28T1530-maya-and-dev.toml",
    ]
    status = git(repo, "status", "--porcelain").splitlines()
    assert "A  staged.txt" in status  # still staged, not committed
    assert " M README" in status  # still changed, not staged
    assert "?? loose.txt" in status
    assert g.uncommitted([snap, report]) == set()


def test_each_failure_is_one_sentence_and_leaves_the_file(tmp_path, git_home):
    # not a repository
    loose = sitting_file(tmp_path / "loose")
    out = g.commit_files([loose], MESSAGE)
    assert out.kind == g.NOT_REPO and "still saved" in words(out)
    # ignored
    repo = make_repo(tmp_path / "team", ignore="/collabcheck/\n")
    ignored = sitting_file(repo / "collabcheck")
    out = g.commit_files([ignored], MESSAGE)
    assert out.kind == g.IGNORED and "ignore" in words(out)
    # no name or email
    anon = make_repo(tmp_path / "anon", who=None)
    nameless = sitting_file(anon / "sittings")
    out = g.commit_files([nameless], MESSAGE)
    assert out.kind == g.NO_IDENTITY and "name and email" in words(out)
    assert git(anon, "status", "--porcelain") == "?? sittings/\n"  # nothing left staged
    # ...and setting them, for this repository only, lets the commit through
    assert g.set_identity(anon, "Maya Patel", "not an email").kind == g.FAILED
    assert g.set_identity(anon, "Maya Patel", "maya@example.org").ok
    assert git(anon, "config", "--local", "user.email") == "maya@example.org\n"
    assert not (git_home / ".gitconfig").exists()
    assert g.commit_files([nameless], MESSAGE).ok
    # nothing to commit
    out = g.commit_files([nameless], MESSAGE)
    assert out.kind == g.NOTHING and "already committed" in words(out)
    # no remote
    out = push(anon)
    assert out.kind == g.NO_REMOTE and "no remote" in words(out)
    # the file went away
    out = g.commit_files([anon / "gone.toml"], MESSAGE)
    assert out.kind == g.MISSING
    for kind_out in (g.commit_files([loose], MESSAGE), g.commit_files([ignored], MESSAGE), push(anon)):
        assert one_sentence(words(kind_out).replace("e.g. ", "")), words(kind_out)
    for f in (loose, ignored, nameless):
        assert f.read_text() == 'pair = "maya-and-dev"\n'


def test_a_rejected_push_is_offered_a_pull_and_push(tmp_path, git_home):
    """Two clones commit a sitting in the same minute: the second push is turned away, then
    goes through after a pull, and a third clone sees both."""
    bare, (maya, ann) = shared(tmp_path, "maya", "ann")
    first = sitting_file(maya / "collabcheck", "2026-11-28T1530-maya-and-dev.toml")
    second = sitting_file(ann / "collabcheck", "2026-11-28T1530-ann-and-bo.toml")
    (ann / "draft.txt").write_text("work in progress\n")
    git(ann, "add", "draft.txt")
    assert g.commit_files([first], MESSAGE).ok
    assert g.commit_files([second], "collabcheck sitting: ann-and-bo, 28 November 2026").ok
    assert push(maya).ok
    out = push(ann)
    assert out.kind == g.REJECTED and "Someone else pushed" in words(out)
    assert pull_and_push(ann).ok
    git(tmp_path, "clone", "-q", str(bare), "third")
    names = sorted(p.name for p in (tmp_path / "third" / "collabcheck").iterdir())
    assert names == ["2026-11-28T1530-ann-and-bo.toml", "2026-11-28T1530-maya-and-dev.toml"]
    assert "A  draft.txt" in git(ann, "status", "--porcelain")


def test_a_push_that_asks_for_a_password_fails_at_once_without_asking(tmp_path, git_home, password_server):
    repo = make_repo(tmp_path / "team")
    git(repo, "remote", "add", "origin", password_server)
    assert g.commit_files([sitting_file(repo / "collabcheck")], MESSAGE).ok
    started = time.monotonic()
    out = push(repo, timeout=20)
    took = time.monotonic() - started
    assert out.kind == g.AUTH, out
    assert "never asks" in words(out)
    assert took < 10


def test_a_push_to_a_remote_that_never_answers_stops_at_the_time_limit(tmp_path, git_home, silent_server):
    repo = make_repo(tmp_path / "team")
    git(repo, "remote", "add", "origin", silent_server)
    started = time.monotonic()
    out = push(repo, timeout=2)
    took = time.monotonic() - started
    assert out.kind == g.TIMEOUT and "2 seconds" in words(out)
    assert 1.5 < took < 6


def closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_no_network_is_one_sentence(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    git(repo, "remote", "add", "origin", f"http://127.0.0.1:{closed_port()}/team.git")
    out = push(repo, timeout=20)
    assert out.kind == g.NETWORK, out
    assert words(out) == (
        "The shared repository could not be reached (no network, or the address "
        "is wrong); the sitting is committed here, so push it later."
    )


@pytest.mark.skipif(shutil.which("ssh") is None, reason="ssh is not installed")
def test_an_ssh_remote_never_prompts(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    git(repo, "remote", "add", "origin", f"ssh://git@127.0.0.1:{closed_port()}/team.git")
    started = time.monotonic()
    out = push(repo, timeout=20)
    assert out.kind in (g.NETWORK, g.AUTH), out
    assert time.monotonic() - started < 15


def test_uncommitted_says_which_sittings_are_not_in_a_commit(tmp_path, git_home):
    repo = make_repo(tmp_path / "team")
    done = sitting_file(repo / "c", "2026-01-01T1000-a-and-b.toml")
    assert g.commit_files([done], "x").ok
    new = sitting_file(repo / "c", "2026-02-01T1000-a-and-b.toml")
    staged = sitting_file(repo / "c" / "sub", "2026-03-01T1000-a-and-b.toml")
    git(repo, "add", str(staged))
    assert g.uncommitted([done, new, staged]) == {new, staged}
    assert g.uncommitted([sitting_file(tmp_path / "loose")]) is None


def test_uncommitted_asks_git_per_repository_not_per_folder(tmp_path, git_home, monkeypatch):
    """A programme keeps sittings in hundreds of folders: git is started a few times in all
    (it once ran once a folder: 1,936 runs, 4 s, for 10,000 sittings). A repository nested
    inside another is still asked about its own files."""
    repo = make_repo(tmp_path / "team")
    files = [sitting_file(repo / "cohort" / f"pair-{n}") for n in range(40)]
    assert g.commit_files(files[:30], "x").ok
    inner = make_repo(repo / "cohort" / "nested")
    mine = sitting_file(inner / "c")
    assert g.commit_files([mine], "y").ok
    calls: list[list[str]] = []
    real = g.run_git
    monkeypatch.setattr(g, "run_git", lambda args, *a, **k: calls.append(list(args)) or real(args, *a, **k))
    assert g.uncommitted([*files, mine]) == set(files[30:])
    assert len(calls) <= 6, calls
    calls.clear()
    outside = [sitting_file(tmp_path / "loose" / f"p{n}") for n in range(20)]
    assert g.uncommitted(outside) is None
    assert len(calls) == 1


def test_a_push_says_when_it_also_sends_earlier_commits(tmp_path, git_home):
    _bare, (maya,) = shared(tmp_path, "maya")
    (maya / "plan.txt").write_text("Maya's own work\n")
    git(maya, "add", "plan.txt")
    git(maya, "commit", "-q", "-m", "Maya's own commit, not pushed yet")
    assert g.commit_files([sitting_file(maya / "collabcheck")], MESSAGE).ok
    out = push(maya)
    assert out.ok and words(out) == (
        "Pushed: your team can now see this sitting in the shared "
        "repository, with 1 earlier commit that was waiting here."
    )
    assert g.commit_files(
        [sitting_file(maya / "collabcheck", "2026-12-01T1000-maya-and-dev.toml")], MESSAGE
    ).ok
    assert words(push(maya)).endswith("in the shared repository.")
