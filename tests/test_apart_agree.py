"""Agreeing a practice after a sitting apart: each partner's own file, never a clash, and the
combined snapshot gaining `[agreed]` once (real git, a bare remote, a clone per partner)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from collabcheck.core import apart
from collabcheck.core.apart_agree import (
    ACCEPT,
    CALL,
    Agreement,
    read_agreement,
    settle,
    without_agreed,
)
from collabcheck.core.snapshot import read_snapshot

from .gitrepo import git
from .test_apart_git import BANK, Team, flat, needs_git, snapshots
from .test_apart_git import git_home as git_home  # the fixture

pytestmark = needs_git
T0 = datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)


def complete_pair(tmp_path, monkeypatch) -> tuple[Team, str]:
    """Ann and Bo, each in their own clone, both answered; the sitting is combined."""
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, err = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    assert code == 0, err
    sid = next(w for w in out.split() if w.startswith("20"))
    team.answer("ann", sid, 0)
    team.answer("bo", sid, 1)
    assert team.run("ann")[0] == 0 and team.run("bo")[0] == 0
    assert len(snapshots(team.shared_files())) == 1
    return team, sid


def shared_snapshot(team: Team) -> str:
    return team.shared_text(snapshots(team.shared_files())[0])


def test_each_accepting_the_suggestion_adds_agreed_to_the_snapshot_once(tmp_path, git_home, monkeypatch):
    team, sid = complete_pair(tmp_path, monkeypatch)
    before = shared_snapshot(team)
    assert "[agreed]" not in before
    code, out, err = team.run("ann", "agree", sid, "--as", "ann", "--action", "Meet monthly")
    assert code == 0, err
    assert "Committed and pushed it" in flat(out) and "Bo: has not chosen yet." in out
    assert "[agreed]" not in shared_snapshot(team)  # one partner's word is not an agreement
    code, out, err = team.run("bo", "agree", sid, "--as", "bo", "--action", "Share the notes")
    assert code == 0, err
    assert "each of you accepted it" in out
    after = shared_snapshot(team)
    assert "[agreed]" in after and without_agreed(after) == before
    path = next((team.clone["bo"] / "collabcheck").glob("20*.toml"))
    snap = read_snapshot(path, BANK)
    assert snap.agreed is not None and list(snap.agreed.actions) == ["Meet monthly", "Share the notes"]
    # both clones agree, and nobody's later run changes it again
    assert team.run("ann")[0] == 0
    head = git(team.bare, "rev-parse", "main")
    assert team.run("ann", "status")[0] == 0 and team.run("bo", "status")[0] == 0
    assert git(team.bare, "rev-parse", "main") == head
    assert (
        team.clone["ann"] / "collabcheck" / snapshots(team.shared_files())[0].split("/", 1)[1]
    ).read_text() == after
    # a settled agreement is not changed
    code, _, err = team.run("ann", "agree", sid, "--as", "ann", "--practice", "1", "--together")
    assert code == 2 and "agreed already" in err
    # and the proof of the answers still holds
    code, out, _ = team.run("bo", "verify", sid)
    assert code == 0 and "Proved:" in out


def test_one_partner_records_what_was_agreed_on_a_call(tmp_path, git_home, monkeypatch):
    team, sid = complete_pair(tmp_path, monkeypatch)
    code, out, err = team.run(
        "bo", "agree", sid, "--as", "Bo", "--practice", "4", "--together", "--action", "Call every fortnight"
    )
    assert code == 0, err
    assert "Agreed: practice 4" in out and "agreed together" in out
    assert "practice = 4" in shared_snapshot(team)
    code, out, _ = team.run("ann", "status", sid)
    assert code == 0 and "Agreed: practice 4" in out and "Action: Call every fortnight" in out


def test_partners_choosing_differently_are_told_to_talk(tmp_path, git_home, monkeypatch):
    team, sid = complete_pair(tmp_path, monkeypatch)
    assert team.run("ann", "agree", sid, "--as", "ann", "--practice", "2")[0] == 0
    code, out, _ = team.run("bo", "agree", sid, "--as", "bo", "--practice", "3")
    assert code == 0 and "You chose different practices" in flat(out)
    assert "[agreed]" not in shared_snapshot(team)
    code, _, err = team.run("bo", "agree", sid, "--as", "bo", "--practice", "2")
    assert code == 2 and "already chosen" in err and "--together" in err
    # after talking, one of them records what they agreed together: settled
    code, out, err = team.run("bo", "agree", sid, "--as", "bo", "--practice", "2", "--together")
    assert code == 0 and "Agreed: practice 2" in out, err
    assert "practice = 2" in shared_snapshot(team)


def test_agreeing_at_the_same_time_never_clashes(tmp_path, git_home, monkeypatch):
    """Both partners agree before either has pulled the other's file: two files, no clash."""
    team, sid = complete_pair(tmp_path, monkeypatch)
    assert team.run("ann", "agree", sid, "--as", "ann", "--no-push")[0] == 0
    assert team.run("bo", "agree", sid, "--as", "bo", "--no-push")[0] == 0
    for who in ("ann", "bo", "ann"):
        code, out, err = team.run(who)
        assert code == 0, err
        assert "could not push" not in flat(out)
    files = team.shared_files()
    assert {f"collabcheck/apart/{sid}/{p}.agreed.toml" for p in ("ann", "bo")} <= set(files)
    assert shared_snapshot(team).count("[agreed]") == 1
    assert git(team.clone["ann"], "status", "--porcelain") == ""


def test_agreeing_before_the_sitting_is_complete_is_refused(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    code, _, err = team.run("ann", "agree", sid, "--as", "ann")
    assert code == 2 and "not complete yet" in err and "\n" not in err.strip()


def _look(tmp_path):
    o = apart.Opened(
        "2026-12-07-a-and-b-0000", "a-and-b", T0, "b", 1, (apart.Member("a", "A"), apart.Member("b", "B"))
    )
    return apart.Look(o, tmp_path)


def test_the_rule_for_what_was_agreed(tmp_path):
    found = _look(tmp_path)
    acc = [Agreement(p, ACCEPT, 3, (f"do {p}",), T0) for p in ("a", "b")]
    assert settle(found, acc[:1]) is None
    assert settle(found, acc).practice == 3 and settle(found, acc).actions == ("do a", "do b")
    assert settle(found, [acc[0], Agreement("b", ACCEPT, 2, (), T0)]) is None
    late = Agreement("a", CALL, 5, ("x",), T0 + timedelta(minutes=1))
    early = Agreement("b", CALL, 1, (), T0)
    assert settle(found, [late, early]).practice == 1  # the earlier call stands
    assert settle(found, [late, acc[1]]).practice == 5
    assert settle(found, [*acc, late]).practice == 5  # a call stands over accepting
    tie = [Agreement("b", CALL, 4, (), T0), Agreement("a", CALL, 2, (), T0)]
    assert settle(found, tie).practice == 2  # then the partner named first


HEAD = 'format = "collabcheck-apart-1"\nagreed_at = 2026-12-07T10:00:00Z\n'


@pytest.mark.parametrize(
    "text, problem",
    [
        ('partner = "a"\nhow = "accept"\npractice = 1\n', "'how'"),
        ('partner = "a"\nhow = "call"\npractice = 9\n', "practice number"),
        ('partner = "b"\nhow = "call"\npractice = 1\n', "not the agreement"),
        ('partner = "a"\nhow = "call"\npractice = 1\nactions = [1]\n', "'actions'"),
        ('partner = "a"\nhow = "call"\npractice = true\n', "practice number"),
    ],
)
def test_a_bad_agreement_file_is_one_sentence(tmp_path, text, problem):
    path = tmp_path / "a.together.toml"
    path.write_text(HEAD + text)
    with pytest.raises(apart.ApartError) as caught:
        read_agreement(path, "a", CALL)
    assert problem in str(caught.value) and "a.together.toml" in str(caught.value)
