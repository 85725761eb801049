"""Sitting apart in a repository just begun, and what is left on a computer once complete.

A team that starts with an empty shared repository clones it before anyone has committed:
collabcheck says so in one plain sentence and carries on. Once a sitting apart is complete,
the answers and salt kept privately are in the repository, so the private copy goes.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .gitrepo import git, set_who
from .test_apart_git import Team, flat, needs_git, reveals, snapshots
from .test_apart_git import git_home as git_home  # the fixture

pytestmark = needs_git


def empty_team(tmp_path: Path, monkeypatch, names: list[str]) -> Team:
    """A bare repository with no commit at all, cloned by each partner."""
    team = Team.__new__(Team)
    team.tmp, team.mp = tmp_path, monkeypatch
    team.bare = tmp_path / "shared.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(team.bare))
    team.clone = {}
    for name in names:
        subprocess.run(
            ["git", "clone", "-q", str(team.bare), name], cwd=tmp_path, capture_output=True, check=True
        )
        set_who(tmp_path / name, (name.title(), f"{name}@example.org"))
        team.clone[name] = tmp_path / name
    return team


EMPTY = "Your team's shared repository has nothing in it yet, so there is nothing to bring in"


def test_a_clone_of_an_empty_repository_is_one_plain_sentence_and_works(tmp_path, git_home, monkeypatch):
    team = empty_team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, err = team.run("ann", "status")
    assert code == 0 and err == ""
    assert EMPTY in flat(out) and "Could not" not in out and "git could not" not in out
    code, out, err = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    assert code == 0 and "Committed and pushed it" in out, err
    sid = next(w for w in out.split() if w.startswith("20"))
    # Bo's clone has no commit yet: it takes the team's work, and goes on as usual
    code, out, err = team.run("bo", "status")
    assert code == 0 and err == "" and "Could not" not in out
    assert "Waiting for Ann and Bo to answer" in out
    assert git(team.clone["bo"], "log", "--format=%s").startswith("collabcheck apart: opened")
    team.answer("bo", sid, 1)
    team.answer("ann", sid, 0)
    assert team.run("bo")[0] == 0
    files = team.shared_files()
    assert len(reveals(files)) == 2 and len(snapshots(files)) == 1


def test_commits_made_here_go_to_an_empty_shared_repository(tmp_path, git_home, monkeypatch):
    team = empty_team(tmp_path, monkeypatch, ["ann"])
    code, out, err = team.run("ann", "--no-push", "open", "--partner", "Ann", "--partner", "Bo")
    assert code == 0, err
    assert git(team.bare, "for-each-ref").strip() == ""  # nothing shared yet
    code, out, err = team.run("ann", "status")
    assert code == 0 and err == "" and "Could not" not in out
    assert any(f.endswith("/sitting.toml") for f in team.shared_files())


def test_the_private_copy_goes_once_complete(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    team.answer("ann", sid, 0)
    mine = tmp_path / "state-ann" / "apart" / sid / "ann"
    assert (mine / "sealed.json").is_file()  # kept while the others have not sealed
    team.answer("bo", sid, 1)
    assert (mine / "sealed.json").is_file()  # Ann has not revealed yet
    code, out, _ = team.run("ann")  # reveals, combines, shows the comparison once
    assert code == 0 and "Here is the comparison" in flat(out)
    assert not (mine / "sealed.json").exists() and (mine / "took-part").is_file()
    assert (tmp_path / "state-bo" / "apart" / sid / "bo" / "sealed.json").is_file()  # not run yet
    kept = "".join(p.read_text() for p in (tmp_path / "state-ann").rglob("*") if p.is_file())
    assert "Partner 0 says" not in kept and "SECRET" not in kept  # no answer or note left
    code, out, _ = team.run("ann")
    assert code == 0 and "Here is the comparison" not in flat(out)  # still shown once
    code, out, _ = team.run("bo")  # Bo took part on his computer: his first look shows it
    assert code == 0 and "Here is the comparison" in flat(out)
    assert not (tmp_path / "state-bo" / "apart" / sid / "bo" / "sealed.json").exists()
