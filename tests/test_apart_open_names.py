"""`collabcheck apart open` refuses the partners' names that "Who is here" refuses (real git)."""

from __future__ import annotations

from .test_apart_git import Team, needs_git
from .test_apart_git import git_home as git_home  # the fixture

pytestmark = needs_git


def test_opening_apart_refuses_the_names_who_is_here_refuses(tmp_path, git_home, monkeypatch):
    """A name made only of digits, or the same name twice, is refused in one line, as the
    app's and plain mode's "Who is here" refuse it (core/names.py), and nothing is opened."""
    team = Team(tmp_path, monkeypatch, ["ann"])
    for partners, said in (
        (["Ann", " 4 2 "], "--partner 4 2 is a number, not a name; give each partner's name"),
        (["Ann", "ann "], "two partners are both called ann; add something to tell them apart"),
    ):
        code, out, err = team.run("ann", "open", *[a for p in partners for a in ("--partner", p)])
        assert code == 2 and err == f"collabcheck: {said}\n" and out == ""
    assert not (team.clone["ann"] / "collabcheck").exists()
    code, _, err = team.run("ann", "open", "--partner", "Ann", "--partner", "R2")
    assert code == 0, err
