"""Sitting apart end to end with the real git: a bare shared repository and a clone per partner.

Each partner has their own clone and their own state folder; collabcheck runs in this
process (quick), except where two partners race, which uses two real processes at once.
"""

from __future__ import annotations

import io
import itertools
import subprocess
import sys
from pathlib import Path

import pytest

from collabcheck.core import apart
from collabcheck.core.bank import load_bank, questions
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import read_snapshot, write_snapshot
from collabcheck.plain.answering import Answering
from collabcheck.plain.talk import Conversation

from . import gitrepo, hostile
from .conftest import MINI_BANK
from .gitrepo import env_for_subprocess, git, needs_git, shared

git_home = gitrepo.git_home
pytestmark = needs_git
BANK = load_bank(MINI_BANK)
PEOPLE = ["ann", "bo", "cy"]


def script(seed: int) -> str:
    """What one partner types: a different answer per partner, one note for the file, one private."""
    lines = []
    for n, item in enumerate(questions(BANK)):
        if item.kind == "reflect":
            if item.id == "learning.think":
                lines += [f'Partner {seed} says: Ça va, "fine"', "f"]
            elif item.id == "embed.think":
                lines += [f"SECRET-{seed}", "p"]
            else:
                lines.append("")
        elif item.kind == "agree":
            lines.append(str((n + seed) % 5 + 1))
        else:
            lines.append(str(seed % 3 + 1))
    return "\n".join([*lines, ""]) + "\n"


class Team:
    """A bare repository and one clone and state folder per partner."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: list[str]) -> None:
        self.tmp, self.mp = tmp_path, monkeypatch
        self.bare, clones = shared(tmp_path, *names)
        self.clone = dict(zip(names, clones, strict=True))

    def run(self, who: str, *args: str, stdin: str = "") -> hostile_result:
        self.mp.setenv("COLLABCHECK_STATE_DIR", str(self.tmp / f"state-{who}"))
        self.mp.setenv("COLLABCHECK_CACHE_DIR", str(self.tmp / "cache"))
        self.mp.setattr(sys, "stdin", io.StringIO(stdin))
        code, out, err = hostile.run(
            ["apart", *args, "--dir", str(self.clone[who] / "collabcheck"), "--questions", str(MINI_BANK)]
        )
        hostile.assert_no_raw_control(out, err)
        return code, out, err

    def open(self, who: str = "ann", *extra: str) -> str:
        code, out, err = self.run(
            who,
            "open",
            "--partner",
            "Ann",
            "--partner",
            "Bo",
            "--partner",
            "Cy",
            "--role",
            "GP",
            "--role",
            "Patient partner",
            "--side",
            "professional",
            "--as",
            who,
            "--route",
            "open",
            *extra,
        )
        assert code == 0, err
        assert "Committed and pushed" in out
        return next(w for w in out.split() if w.startswith("20"))  # the id

    def answer(self, who: str, sid: str, seed: int) -> str:
        code, out, err = self.run(who, "answer", sid, "--as", who, stdin=script(seed))
        assert code == 0, err
        return out

    def shared_files(self) -> list[str]:
        """Every file in the shared repository's main branch."""
        return git(self.bare, "ls-tree", "-r", "--name-only", "main").split()

    def shared_text(self, path: str) -> str:
        return git(self.bare, "show", f"main:{path}")


hostile_result = tuple[int, str, str]


def flat(text: str) -> str:
    """Output with its line wrapping undone, to look for whole sentences."""
    return " ".join(text.split())


def reveals(files: list[str]) -> list[str]:
    return [f for f in files if f.endswith(".reveal.toml")]


def snapshots(files: list[str]) -> list[str]:
    return [f for f in files if f.startswith("collabcheck/20")]


@pytest.mark.parametrize("order", list(itertools.permutations(PEOPLE)), ids="-".join)
def test_three_partners_in_every_order_one_late(tmp_path, git_home, monkeypatch, order):
    team = Team(tmp_path, monkeypatch, PEOPLE)
    sid = team.open(order[0])
    for n, who in enumerate(order):
        if n == 2:  # the late one: the others look in before they answer, and wait
            for early in order[:2]:
                code, out, _ = team.run(early, "status")
                assert code == 0 and f"Waiting for {order[2].title()} to answer" in out
        out = team.answer(who, sid, seed=PEOPLE.index(who))
        assert "Committed and pushed your seal" in flat(out)
        files = team.shared_files()
        if n < 2:  # nobody's answers are in the shared repository before everyone has sealed
            assert reveals(files) == [] and snapshots(files) == []
            assert all(
                "SECRET" not in team.shared_text(f) and "Ça va" not in team.shared_text(f)
                for f in files
                if f.startswith("collabcheck/")
            )
    # the last one to seal reveals at once; the others reveal on their next run
    assert reveals(team.shared_files()) == [f"collabcheck/apart/{sid}/{order[2]}.reveal.toml"]
    for who in order[:2]:
        code, out, err = team.run(who, "status")
        assert code == 0, err
        assert f"{who.title()}'s answers are revealed" in out
    code, out, _ = team.run(order[2], "reveal")
    assert code == 0 and "This sitting was sat apart. Here is the comparison:" in flat(out)
    files = team.shared_files()
    assert len(reveals(files)) == 3 and len(snapshots(files)) == 1
    snap_text = team.shared_text(snapshots(files)[0])
    assert "# sat apart: sitting " + sid in snap_text
    assert "SECRET" not in snap_text and 'Ça va, \\"fine\\"' in snap_text
    # everyone's copy reads the same; verify proves the order from a fresh clone
    fresh = tmp_path / "facilitator"
    git(tmp_path, "clone", "-q", str(team.bare), str(fresh))
    team.clone["dee"] = fresh
    code, out, err = team.run("dee", "verify", sid)
    assert code == 0, out + err
    assert out.count("ok:") == 9 and "Proved:" in out
    code, out, _ = team.run("dee", "status")
    assert "Complete: every answer is revealed" in out and "collabcheck report " in out
    # once combined and committed, later runs change nothing; each partner's next bare
    # `collabcheck apart` shows the comparison once (the late one has just seen it)
    before = git(team.bare, "rev-parse", "main")
    for who in order:
        code, out, _ = team.run(who, "status")
        assert code == 0 and "revealed." in out and "saved as" not in out
        if who != order[2]:
            code, out, _ = team.run(who)
            assert code == 0 and "This sitting was sat apart. Here is the comparison:" in flat(out)
        code, out, _ = team.run(who)
        assert code == 0 and "Here is the comparison" not in flat(out) and "Complete:" in out
    assert git(team.bare, "rev-parse", "main") == before


def test_combined_snapshot_has_the_form_of_one_made_at_one_computer(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, err = team.run(
        "ann",
        "open",
        "--partner",
        "Ann",
        "--partner",
        "Bo",
        "--role",
        "GP",
        "--stage",
        "starting",
        "--route",
        "under-radar",
    )
    assert code == 0, err
    sid = next(w for w in out.split() if w.startswith("20"))
    said = flat(team.answer("ann", sid, 0))
    # the end of answering apart says what sealing means, not "the keyboard goes to the next person"
    assert "your answers are sealed: only the seal is shared now" in said
    assert "Press Enter to finish and seal" in said and "keyboard goes to the next" not in said
    team.answer("bo", sid, 1)
    code, out, _ = team.run("ann", "reveal", sid)
    assert "This sitting was sat apart. Here is the comparison:" in flat(out)
    apart_file = next((team.clone["ann"] / "collabcheck").glob("20*.toml"))
    combined = read_snapshot(apart_file, BANK)

    # the same answers typed at one computer, through the same plain-mode answering
    s = Sitting.new(BANK, [("Ann", "GP"), ("Bo", "")], combined.taken_at, pair="ann-and-bo")
    s.how_long, s.route = "starting", "under-radar"
    for n, seed in enumerate((0, 1)):
        s.current_partner, s.current_item = n, 0
        Answering(Conversation(io.StringIO(script(seed)), io.StringIO()), s, BANK, lambda: None).run()
    one = write_snapshot(s.to_snapshot(BANK, combined.taken_at), tmp_path / "one", BANK)
    apart_lines = apart_file.read_text().splitlines()
    assert [
        line for line in apart_lines if not line.startswith("# sat apart: ")
    ] == one.read_text().splitlines()
    assert len(apart_lines) == len(one.read_text().splitlines()) + 1
    r_apart = hostile.run(["report", str(apart_file), "--questions", str(MINI_BANK)])
    r_one = hostile.run(["report", str(one), "--questions", str(MINI_BANK)])
    assert r_apart[0] == r_one[0] == 0 and r_apart[1] == r_one[1] and r_apart[2] == r_one[2] == ""
    assert (
        hostile.run(["report", str(apart_file), "--format", "json", "--questions", str(MINI_BANK)])[1]
        == hostile.run(["report", str(one), "--format", "json", "--questions", str(MINI_BANK)])[1]
    )


def test_a_tampered_reveal_is_refused_naming_the_partner(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    team.answer("ann", sid, 0)
    team.answer("bo", sid, 1)  # bo seals last and reveals at once
    bo = team.clone["bo"]
    reveal = bo / "collabcheck" / "apart" / sid / "bo.reveal.toml"
    text = reveal.read_text()
    changed = text.replace('"find-partners.a" = 2', '"find-partners.a" = 5')
    assert changed != text
    reveal.write_text(changed)
    git(bo, "commit", "-qam", "a change after seeing nothing")
    git(bo, "push", "-q")
    code, out, err = team.run("ann", "status")
    assert code == 0, err
    assert "Bo's revealed answers do not match the seal committed for them, so they were refused" in flat(out)
    assert snapshots(team.shared_files()) == []
    code, out, _ = team.run("ann", "verify", sid)
    assert code == 1 and "NOT OK: Bo's revealed answers do not match their seal." in out


def test_a_reveal_before_every_seal_is_refused_by_the_others(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    team.answer("ann", sid, 0)
    # Ann copies her own answers into the repository by hand, before Bo has sealed
    sealed = tmp_path / "state-ann" / "apart" / sid / "ann" / "sealed.json"
    from collabcheck.core.apart_private import load_sealed

    kept = load_sealed(tmp_path / "state-ann", sid, "ann")
    assert kept is not None and sealed.is_file()
    ann = team.clone["ann"]
    apart.write_reveal(ann / "collabcheck" / "apart" / sid, kept.reveal)
    git(ann, "add", "-A")
    git(ann, "commit", "-qm", "early")
    git(ann, "push", "-q")
    code, out, err = team.run("bo", "answer", sid, "--as", "bo", stdin=script(1))
    assert code == 2
    assert "Ann's answers were revealed before every partner had sealed, so they were refused" in flat(out)
    assert "cannot be answered" in err
    assert not (team.clone["bo"] / "collabcheck" / "apart" / sid / "bo.seal").exists()


def test_verify_catches_a_reveal_committed_before_the_last_seal(tmp_path, git_home, monkeypatch):
    """Seals and reveals written by hand in the wrong order: nothing is combined, verify says why."""
    from collabcheck.core.apart_private import keep_sealed, seal_sitting

    team = Team(tmp_path, monkeypatch, ["ann"])
    ann = team.clone["ann"]
    folder_root = ann / "collabcheck"
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    found = apart.look(folder_root, sid, BANK)
    folder = found.folder
    kept = {}
    for pid in ("ann", "bo"):
        s = Sitting.new(BANK, [("Ann", ""), ("Bo", "")], found.opened.opened_at)
        s.set_answer(pid, questions(BANK)[0], 3)
        kept[pid] = seal_sitting(s, sid, pid, found.opened.opened_at)
    for step, path in (
        ("ann seal", apart.write_seal(folder, kept["ann"].seal)),
        ("ann reveal", apart.write_reveal(folder, kept["ann"].reveal)),
        ("bo seal", apart.write_seal(folder, kept["bo"].seal)),
        ("bo reveal", apart.write_reveal(folder, kept["bo"].reveal)),
    ):
        git(ann, "add", str(path))
        git(ann, "commit", "-qm", step)
    keep_sealed(tmp_path / "state-ann", kept["ann"])
    code, out, _ = team.run("ann", "verify", sid)
    assert code == 1
    assert "NOT OK: Ann's reveal" in out and "was committed before every partner's seal was in" in out
    assert "ok:     Bo's reveal" in out and "Not proved" in out
    code, out, _ = team.run("ann", "status", "--no-push")
    assert "history does not show every seal committed before the first reveal" in flat(out)
    assert not list(folder_root.glob("20*.toml"))


def test_a_partner_offline_keeps_the_seal_and_pushes_it_later(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    bo = team.clone["bo"]
    git(bo, "pull", "-q")
    git(bo, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    out = team.answer("bo", sid, 1)
    assert "Committed your seal here, but could not push it" in flat(out)
    assert "collabcheck/apart/" + sid + "/bo.seal" not in team.shared_files()
    assert (tmp_path / "state-bo" / "apart" / sid / "bo" / "sealed.json").is_file()
    team.answer("ann", sid, 0)  # ann seals, but cannot see bo's seal yet: nothing revealed
    assert reveals(team.shared_files()) == []
    git(bo, "remote", "set-url", "origin", str(team.bare))  # back online
    code, out, err = team.run("bo", "status")
    assert code == 0, err
    files = team.shared_files()
    assert f"collabcheck/apart/{sid}/bo.seal" in files
    assert f"collabcheck/apart/{sid}/bo.reveal.toml" in files  # bo saw ann's seal and revealed
    code, out, _ = team.run("ann", "status")
    assert "Complete" in out and len(snapshots(team.shared_files())) == 1


def test_cancel_stops_a_sitting_apart(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    code, out, err = team.run("bo", "cancel", sid, "--as", "Bo")
    assert code == 0, err
    assert f"Cancelled {sid}. Committed and pushed that" in out
    code, out, err = team.run("ann", "answer", sid, "--as", "ann", stdin=script(0))
    assert code == 2 and "Cancelled by Bo on" in out
    code, out, err = team.run("ann", "cancel", sid, "--as", "ann")
    assert code == 2 and "already cancelled" in err
    code, out, err = team.run("ann", "cancel", sid, "--as", "zed")
    assert code == 2 and "'zed' is not one of the partners" in err


def test_two_partners_sealing_at_once_both_get_in(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, PEOPLE)
    sid = team.open("ann")
    for who in ("bo", "cy"):
        git(team.clone[who], "pull", "-q")
    procs = []
    for who in ("bo", "cy"):
        env = {**env_for_subprocess(git_home), "COLLABCHECK_STATE_DIR": str(tmp_path / f"state-{who}")}
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "collabcheck",
                    "apart",
                    "answer",
                    sid,
                    "--as",
                    who,
                    "--dir",
                    str(team.clone[who] / "collabcheck"),
                    "--questions",
                    str(MINI_BANK),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
            )
        )
    results = [p.communicate(script(n + 1), timeout=120) for n, p in enumerate(procs)]
    assert [p.returncode for p in procs] == [0, 0], results
    assert all("Committed and pushed your seal" in flat(out) for out, _ in results), results
    files = team.shared_files()
    assert {f"collabcheck/apart/{sid}/{w}.seal" for w in ("bo", "cy")} <= set(files)
    team.answer("ann", sid, 0)
    for who in ("bo", "cy", "ann"):
        team.run(who, "status")
    assert len(snapshots(team.shared_files())) == 1


def test_history_leaves_the_apart_folder_alone(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    folder = team.clone["ann"] / "collabcheck"
    team.answer("ann", sid, 0)
    code, out, err = hostile.run(["history", str(folder), "--questions", str(MINI_BANK)])
    assert code == 0 and err == ""
    assert f"- {sid}: Ann and Bo, opened on" in out and "waiting for Bo to answer." in out
    team.answer("bo", sid, 1)
    team.run("ann", "reveal")
    data = hostile.history_json(folder, "--questions", str(MINI_BANK))
    assert data["skipped"] == []
    assert [len(p["sittings"]) for p in data["pairs"]] == [1]
    code, out, err = hostile.run(["history", str(folder), "--questions", str(MINI_BANK)])
    assert code == 0 and err == "" and "still open" not in out and "ann-and-bo" in out
    code, out, err = hostile.run(["validate", str(folder), "--questions", str(MINI_BANK)])
    assert code == 0 and "1 checked, 0 invalid" in out, out + err  # only the combined snapshot


def test_verify_catches_a_seal_changed_after_it_was_shared(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    team.answer("ann", sid, 0)
    ann = team.clone["ann"]
    seal = ann / "collabcheck" / "apart" / sid / "ann.seal"
    text = seal.read_text()
    digest = text.split('seal = "')[1][:64]
    seal.write_text(text.replace(digest, "0" * 64))
    git(ann, "commit", "-qam", "a new seal")
    git(ann, "push", "-q")
    code, out, _ = team.run("bo", "verify", sid)
    assert code == 1 and "NOT OK: Ann's seal was committed" in out and "and then changed." in out


def test_two_partners_combining_at_once_make_one_file(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    team.answer("ann", sid, 0)
    team.answer("bo", sid, 1)  # bo reveals at once
    code, out, _ = team.run("ann", "status")  # ann reveals; ann combines
    git(team.bare, "update-ref", "refs/heads/main", "HEAD~1")  # as if ann's last push had not landed
    git(team.clone["bo"], "pull", "-q")
    code, out, err = team.run("bo", "status", "--no-push")  # bo combines too, offline
    assert "saved as" in flat(out), out + err
    git(team.bare, "update-ref", "refs/heads/main", git(team.clone["ann"], "rev-parse", "HEAD").strip())
    code, out, err = team.run("bo", "status")  # bo's push meets ann's identical file
    assert code == 0, err
    files = team.shared_files()
    assert len(snapshots(files)) == 1
    log = git(team.bare, "log", "--format=%s", "main")
    assert log.count("(sat apart,") == 1, log


def test_answering_stopped_halfway_carries_on_from_the_autosave(tmp_path, git_home, monkeypatch):
    team = Team(tmp_path, monkeypatch, ["ann"])
    code, out, _ = team.run("ann", "open", "--partner", "Ann", "--partner", "Bo")
    sid = next(w for w in out.split() if w.startswith("20"))
    lines = script(0).splitlines(keepends=True)
    code, out, err = team.run("ann", "answer", sid, "--as", "ann", "--no-push", stdin="".join(lines[:5]))
    assert code == 0, err
    assert (
        f"Stopped for now; your answers are kept on this computer. To carry on: collabcheck apart "
        f"answer {sid} --as ann" in flat(out)
    )
    autosave = tmp_path / "state-ann" / "apart" / sid / "ann" / "sitting.json"
    seal = team.clone["ann"] / "collabcheck" / "apart" / sid / "ann.seal"
    assert autosave.is_file() and not seal.exists()
    code, out, err = team.run("ann", "answer", sid, "--as", "ann", "--no-push", stdin="".join(lines[5:]))
    assert code == 0, err
    assert "Question 6 of 24" in out and "Question 5 of 24" not in out and "Question 1 of 24" not in out
    assert "Sealed. Committed your seal here" in flat(out)
    assert not autosave.exists()  # the sealed answers are kept instead, privately
    sealed = tmp_path / "state-ann" / "apart" / sid / "ann" / "sealed.json"
    assert sealed.stat().st_mode & 0o077 == 0
    assert "SECRET-0" not in sealed.read_text()  # a private reflection is never sealed
    code, out, err = team.run("ann", "answer", sid, "--as", "ann", "--no-push")
    assert code == 0 and "Ann has already answered and sealed" in flat(out)


def test_a_sitting_or_partner_that_is_not_there_is_one_line(tmp_path, git_home, monkeypatch):
    """status, reveal, cancel and agree say plainly when the sitting apart, or the partner
    named, is not there; status with none at all says how to open one."""
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, _ = team.run("ann", "status")
    assert code == 0 and "There are no sittings apart in" in flat(out) and "apart open" in out
    for command in (["status", "nope"], ["reveal", "nope"]):
        code, _, err = team.run("ann", *command)
        assert code == 2 and "there is no sitting apart 'nope'" in err, command
    sid = team.open("ann")
    for command in (["cancel", sid, "--as", "zed"], ["agree", sid, "--as", "zed"]):
        code, _, err = team.run("ann", *command)
        assert code == 2 and f"'zed' is not one of the partners of {sid}" in err, command
    code, _, err = team.run("ann", "cancel", "nope", "--as", "ann")
    assert code == 2 and "there is no sitting apart 'nope'" in err
