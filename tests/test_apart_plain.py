"""Plain mode offers the sittings apart that wait for someone on this computer, each with the
command that does it (real git, a bare remote, a clone per partner)."""

from __future__ import annotations

import io

from collabcheck.plain.flow import PlainSitting

from .gitrepo import git
from .test_apart_git import BANK, Team, flat, needs_git
from .test_apart_git import git_home as git_home  # the fixture

pytestmark = needs_git


def plain_start(team: Team, who: str) -> str:
    out = io.StringIO()
    PlainSitting(
        BANK, team.clone[who] / "collabcheck", team.tmp / f"state-{who}", inp=io.StringIO("stop\n"), out=out
    ).run()
    return flat(out.getvalue())


def test_plain_mode_offers_the_sitting_apart_and_its_command_works(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, err = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    assert code == 0, err
    sid = next(w for w in out.split() if w.startswith("20"))
    assert "sitting apart" not in plain_start(team, "bo")  # not pulled yet: nothing to offer
    git(team.clone["bo"], "pull", "-q")
    said = plain_start(team, "bo")
    command = f"collabcheck apart answer {sid} --as bo"
    assert "A sitting apart waits for Bo's answers" in said and command in said
    assert "waits for Ann's" not in said  # Ann is not the person git knows here
    team.answer("bo", sid, 1)  # what the command does
    assert "waits for Bo's" not in plain_start(team, "bo")
    team.answer("ann", sid, 0)
    git(team.clone["bo"], "pull", "-q")
    said = plain_start(team, "bo")  # everyone has sealed: Bo's answers wait to be revealed
    assert "Reveal your answers and see the comparison with: collabcheck apart" in said
    code, out, _ = team.run("bo", "status")  # reveals and combines, shows no comparison
    assert code == 0 and "Complete:" in out
    said = plain_start(team, "bo")  # finished: the comparison waits to be seen here
    assert f"See the comparison with: collabcheck apart reveal {sid}" in said
    assert team.run("bo")[0] == 0  # the first bare run here shows it, once
    assert "sitting apart" not in plain_start(team, "bo")
