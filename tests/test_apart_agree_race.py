"""Two partners record different practices as agreed together at the same moment (each
commits before either has the other's work): the second to share is told plainly which
agreement stands, and their clone is left clean and sharing again, with nothing lost
(real git, a bare remote, a clone per partner)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from collabcheck.core.snapshot import read_snapshot

from .gitrepo import git
from .test_apart_agree import T0, complete_pair, shared_snapshot
from .test_apart_git import BANK, flat, needs_git, snapshots
from .test_apart_git import git_home as git_home  # the fixture

pytestmark = needs_git


def assert_clean(clone: Path) -> None:
    """No conflict markers, no rebase or merge half done, no lock, nothing uncommitted, and
    nothing waiting to be shared."""
    dot = clone / ".git"
    for left in ("rebase-merge", "rebase-apply", "MERGE_HEAD", "CHERRY_PICK_HEAD", "index.lock"):
        assert not (dot / left).exists(), left
    assert git(clone, "status", "--porcelain") == ""
    assert git(clone, "diff", "--name-only", "--diff-filter=U") == ""
    for path in (clone / "collabcheck").rglob("*.toml"):
        text = path.read_text()
        assert "<<<<<<<" not in text and ">>>>>>>" not in text, path
    git(clone, "fetch", "-q")
    assert git(clone, "rev-parse", "HEAD") == git(clone, "rev-parse", "@{upstream}")


def agree_together(team, who: str, sid: str, practice: int, minutes: int, monkeypatch) -> None:
    """`who` records `practice` as agreed together, at T0 + minutes by their clock, and
    commits without pushing (their network is slow, say: the other's push gets in first)."""
    monkeypatch.setattr("collabcheck.cli.apart_agreeing.now", lambda: T0 + timedelta(minutes=minutes))
    code, out, err = team.run(
        who, "agree", sid, "--as", who, "--practice", str(practice), "--together", "--no-push"
    )
    assert code == 0, err
    assert f"Agreed: practice {practice}" in out  # as far as their clone can tell yet


def test_two_agreements_at_once_leave_the_second_clean_and_told(tmp_path, git_home, monkeypatch):
    team, sid = complete_pair(tmp_path, monkeypatch)
    # Bo's clock says Bo recorded first; Ann's push reaches the shared copy first
    agree_together(team, "bo", sid, 3, 0, monkeypatch)
    agree_together(team, "ann", sid, 2, 1, monkeypatch)
    code, out, err = team.run("ann")
    assert code == 0 and "Could not" not in flat(out), err
    assert "practice = 2" in shared_snapshot(team)

    code, out, err = team.run("bo")
    said = flat(out)
    assert code == 0, err
    assert "Could not bring in" not in said
    assert "another partner recorded practice 2 as agreed at the same moment you recorded practice 3" in said
    assert "so the sitting keeps practice 2" in said and f"apart/{sid}/" in said
    assert_clean(team.clone["bo"])
    assert team.run("ann")[0] == 0  # Ann brings in Bo's record
    assert_clean(team.clone["ann"])

    # nothing lost: both records are in the shared repository, the snapshot holds one agreement
    files = team.shared_files()
    assert {f"collabcheck/apart/{sid}/{p}.together.toml" for p in ("ann", "bo")} <= set(files)
    snapshot = shared_snapshot(team)
    assert snapshot.count("[agreed]") == 1 and "practice = 2" in snapshot
    [name] = snapshots(files)
    for who in ("ann", "bo"):
        mine = read_snapshot(team.clone[who] / name, BANK)
        assert mine.agreed is not None and mine.agreed.practice == 2
        # and every view of it says the same: the agreement that was shared first stands
        code, out, _ = team.run(who, "status", sid)
        assert code == 0 and "Agreed: practice 2" in out and "practice 3" not in out
    # the proof of the answers still holds, and later runs change nothing
    head = git(team.bare, "rev-parse", "main")
    assert team.run("bo")[0] == 0 and team.run("ann")[0] == 0
    assert git(team.bare, "rev-parse", "main") == head
    code, out, _ = team.run("bo", "verify", sid)
    assert code == 0 and "Proved:" in out


def test_a_clash_in_any_other_file_is_left_exactly_as_it_was(tmp_path, git_home, monkeypatch):
    """Only the combined snapshot's `[agreed]` table ever gives way: someone's own files that
    clash are left untouched, as before, and said to be."""
    team, sid = complete_pair(tmp_path, monkeypatch)
    for who, words in (("ann", "Ann's plan\n"), ("bo", "Bo's plan\n")):
        (team.clone[who] / "collabcheck" / "plan.md").write_text(words)
        git(team.clone[who], "add", "-A")
        git(team.clone[who], "commit", "-qm", f"{who}'s plan")
    git(team.clone["ann"], "push", "-q")
    before = git(team.clone["bo"], "rev-parse", "HEAD")
    code, out, _ = team.run("bo")
    assert code == 0 and "could not be put together with yours" in flat(out)
    assert git(team.clone["bo"], "rev-parse", "HEAD") == before
    assert (team.clone["bo"] / "collabcheck" / "plan.md").read_text() == "Bo's plan\n"
    assert not (team.clone["bo"] / ".git" / "rebase-merge").exists()
    assert git(team.clone["bo"], "status", "--porcelain") == ""
