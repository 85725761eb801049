"""`collabcheck init [FOLDER]`: the team's repository set up for sittings in one step."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabcheck.core.paths import program_name
from collabcheck.core.team_folder import NOTE, NOTE_NAME, check, set_up

from .conftest import run_cli
from .gitrepo import git, git_home, make_repo, needs_git, set_who  # noqa: F401 - git_home is a fixture

pytestmark = [needs_git, pytest.mark.usefixtures("git_home")]


def tree(root: Path) -> dict[str, str | None]:
    """Every path under root (but .git) with its content (None for a folder)."""
    return {
        str(p.relative_to(root)): (p.read_text() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
        if ".git" not in p.relative_to(root).parts
    }


def test_in_a_fresh_git_init_it_makes_the_folder_and_the_note(tmp_path, monkeypatch):
    repo = tmp_path / "team"
    repo.mkdir()
    git(repo, "init", "-q")
    set_who(repo, ("Ann Lee", "ann@example.org"))
    monkeypatch.chdir(repo)
    ran = run_cli("init")
    assert ran.returncode == 0, ran.stderr
    assert ran.stderr == ""
    assert (repo / "collabcheck").is_dir()
    assert (repo / "collabcheck" / NOTE_NAME).read_text() == NOTE
    out = ran.stdout
    assert "Made the folder collabcheck for your sittings" in out
    assert "Wrote collabcheck/README.md" in out and "privacy" in out
    assert "git will record commits as Ann Lee <ann@example.org>." in out
    assert "    git add collabcheck/README.md && git commit" in out
    assert out.rstrip().endswith(f"Next: start a sitting here with {program_name()}")
    # the folder is not ignored: git sees the note as a new file to commit
    assert "collabcheck/" in git(repo, "status", "--porcelain")


def test_twice_is_the_same_as_once(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "team")
    monkeypatch.chdir(repo)
    assert run_cli("init").returncode == 0
    once = tree(repo)
    again = run_cli("init")
    assert again.returncode == 0, again.stderr
    assert tree(repo) == once
    assert "is already there" in again.stdout and "left as it is" in again.stdout
    assert "Made the folder" not in again.stdout


def test_a_note_the_team_edited_is_left_alone(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "team")
    (repo / "collabcheck").mkdir()
    (repo / "collabcheck" / NOTE_NAME).write_text("our own words\n")
    monkeypatch.chdir(repo)
    assert run_cli("init").returncode == 0
    assert (repo / "collabcheck" / NOTE_NAME).read_text() == "our own words\n"


def test_a_folder_git_ignores_is_refused_with_a_sentence_and_nothing_made(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "team", ignore="collabcheck/\n")
    monkeypatch.chdir(repo)
    before = tree(repo)
    ran = run_cli("init")
    assert ran.returncode == 2
    assert ran.stdout == ""
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in ran.stderr
    assert "set to ignore the folder collabcheck" in lines[0] and "collabcheck init sittings" in lines[0]
    assert tree(repo) == before
    # the folder it suggests is fine
    ok = run_cli("init", "sittings")
    assert ok.returncode == 0, ok.stderr
    assert (repo / "sittings" / NOTE_NAME).is_file()
    assert ok.stdout.rstrip().endswith("collabcheck --dir sittings")


def test_outside_a_repository_it_says_so_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    here = tmp_path / "not-a-repo"
    here.mkdir()
    monkeypatch.chdir(here)
    ran = run_cli("init")
    assert ran.returncode == 2
    assert ran.stderr.strip() == (
        "collabcheck: The folder collabcheck is not inside a git repository. Run "
        "collabcheck init in your team's repository (the folder you "
        "cloned), or make this folder one first with git init."
    )
    assert not (here / "collabcheck").exists()


def test_missing_git_identity_is_said_with_what_to_do(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "team", who=None)
    monkeypatch.chdir(repo)
    ran = run_cli("init")
    assert ran.returncode == 0, ran.stderr
    assert "git does not know your name and your email yet" in ran.stdout
    assert '    git config user.name "Your Name"' in ran.stdout
    assert ran.stdout.rstrip().endswith(f"Then: start a sitting here with {program_name()}")
    set_who(repo, ("Ann Lee", "ann@example.org"))
    git(repo, "config", "--unset", "user.email")
    only = run_cli("init").stdout
    assert "git does not know your email yet" in only and "set it now" in only
    assert "git config user.email" in only and "git config user.name" not in only


def test_dir_and_environment_choose_the_folder(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "team")
    monkeypatch.chdir(repo)
    assert run_cli("init", "--dir", "a/b").returncode == 0
    assert (repo / "a" / "b" / NOTE_NAME).is_file()
    monkeypatch.setenv("COLLABCHECK_DIR", "c")
    ran = run_cli("init")
    assert ran.returncode == 0 and (repo / "c" / NOTE_NAME).is_file()
    assert ran.stdout.rstrip().endswith(f"start a sitting here with {program_name()}")


def test_check_says_what_is_missing_without_changing_anything(tmp_path):
    repo = make_repo(tmp_path / "team")
    folder = repo / "collabcheck"
    first = check(folder)
    assert not first.ready and "is not made yet" in first.missing[0] and not first.problem
    assert not folder.exists()
    folder.mkdir()
    assert "has no note" in check(folder).missing[0]
    assert set_up(folder).ready and check(folder).ready


def test_a_file_where_the_folder_should_be_is_one_sentence(tmp_path, monkeypatch):
    repo = make_repo(tmp_path / "team")
    (repo / "collabcheck").write_text("not a folder")
    monkeypatch.chdir(repo)
    ran = run_cli("init")
    assert ran.returncode == 2
    assert len(ran.stderr.strip().splitlines()) == 1 and "could not be made" in ran.stderr


@pytest.mark.parametrize("words", ["report", "privacy", "private", "anonymity", "history", "password"])
def test_the_note_explains_the_files_and_privacy(words):
    assert words.lower() in NOTE.lower()
