"""Plain mode never saves one sitting twice, brings a partnership's name back whatever the
order of the names, clears the window at a hand-over, and checks a lone s or b on a written
question before taking it as the answer."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest

from collabcheck.core.snapshot import read_snapshot
from collabcheck.plain.flow import run_plain
from collabcheck.plain.talk import CLEAR

from .test_plain_sitting import BANK, ITEMS, WHEN, flat, partner_answers, together, who

PAIR_SAY = ["mostly:ann", "more:ann", "shared", "more:bo", "mostly:bo"]


def whole(people=(("Ann", ""), ("Bo", "")), pair: str = "") -> list[str]:
    """The typing for a whole sitting up to and including "Saved"."""
    typed = who(list(people), pair)
    for n in range(len(people)):
        typed += partner_answers(n, PAIR_SAY)[0]
    return typed + together("2", [])[:-1]


def play(typed: list[str], snaps: Path, state: Path, out: io.StringIO | None = None) -> str:
    out = out or io.StringIO()
    # no newline after the last line: the input ends right there, as Ctrl+D at a prompt
    run_plain(BANK, snaps, state, io.StringIO("".join(line + "\n" for line in typed)), out, now=lambda: WHEN)
    return out.getvalue()


def make_repo(path: Path) -> None:
    for args in (
        ["init", "-q", str(path)],
        ["-C", str(path), "config", "user.name", "Ann"],
        ["-C", str(path), "config", "user.email", "ann@example.org"],
        ["-C", str(path), "commit", "-q", "--allow-empty", "-m", "start"],
    ):
        subprocess.run(["git", *args], check=True, capture_output=True)


@pytest.mark.parametrize(
    "after",
    [
        [],  # at "Type m to write a Markdown report"
        ["m"],  # at "Type c … to commit" (in a repository)
        ["m", "c"],  # at "Type p … to push"
        [""],  # no report; at "Type c … to commit"
        ["stop"],  # "stop" instead of the end of input
    ],
)
def test_the_end_of_input_after_saving_leaves_one_snapshot_and_no_working_copy(tmp_path, monkeypatch, after):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    repo = tmp_path / "repo"
    make_repo(repo)
    snaps, state = repo / "collabcheck", tmp_path / "state"
    said = flat(play(whole() + after, snaps, state))
    assert "Saved." in said and "Traceback" not in said
    assert len(list(snaps.glob("*.toml"))) == 1
    assert not any(state.rglob("sitting.json")), list(state.rglob("*"))
    assert "The sitting is saved" in said and "carry on" not in said.split("Saved.")[-1]
    # the next start offers nothing to carry on, so nothing can be saved a second time
    again = flat(play([], snaps, state))
    assert "unfinished sitting" not in again.lower()


def test_the_partnership_name_comes_back_whatever_the_order_of_the_names(tmp_path):
    snaps, state = tmp_path / "snaps", tmp_path / "state"
    play(whole(pair="north-team") + [""], snaps, state)
    first = list(snaps.glob("*.toml"))
    assert len(first) == 1 and read_snapshot(first[0], BANK).pair == "north-team"
    said = flat(play(whole((("Bo", ""), ("Ann", "")), pair="") + [""], snaps, state))
    assert "Suggested: north-team." in said
    second = [p for p in snaps.glob("*.toml") if p not in first]
    assert len(second) == 1 and read_snapshot(second[0], BANK).pair == "north-team"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_hand_over_clears_the_window_so_no_answer_is_left_on_it(tmp_path):
    out = Terminal()
    typed = who([("Ann", ""), ("Bo", "")], "") + partner_answers(0, PAIR_SAY)[0] + [""]
    play(typed + ["stop"], tmp_path / "snaps", tmp_path / "state", out)
    said = out.getvalue()
    assert said.count(CLEAR) == 1
    after = said.split(CLEAR)[1]
    assert "Pass the keyboard to Bo" in after and "window has been cleared" in flat(after)
    assert "You chose" in said.split(CLEAR)[0]  # Ann's answers were on screen before
    assert "You chose" not in after and "Noted." not in after
    # not a terminal (a file, a screen reader's pipe): no control sequence at all
    plain = flat(play(typed + ["stop"], tmp_path / "snaps2", tmp_path / "state2"))
    assert "\x1b" not in plain and "please do not scroll back up" in plain


def test_a_lone_s_or_b_on_a_written_question_is_asked_about(tmp_path):
    first = next(n for n, item in enumerate(ITEMS) if item.kind == "reflect")
    typed = who([("Ann", ""), ("Bo", "")], "") + [""]  # hand-over
    typed += ["3"] * first  # up to the first written question
    typed += ["s", "yes"]  # skip it, as meant
    typed += ["b", "yes"]  # back to it from the next question (if written) or the next one
    said = flat(play(typed + ["stop"], tmp_path / "snaps", tmp_path / "state"))
    assert 'You typed only "s". Did you mean to skip this question?' in said
    assert "Skipped." in said
    state = next((tmp_path / "state").rglob("sitting.json")).read_text()
    assert '"s"' not in state

    typed = who([("Ann", ""), ("Bo", "")], "") + [""] + ["3"] * first + ["b", "no", "f", "stop"]
    said = flat(play(typed, tmp_path / "snaps3", tmp_path / "state3"))
    assert 'You typed only "b". Did you mean to go back to the previous question?' in said
    import json

    notes = json.loads(next((tmp_path / "state3").rglob("sitting.json")).read_text())["notes"]
    assert notes["ann"][ITEMS[first].id]["text"] == "b"


def test_after_m_the_words_say_what_c_does(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    repo = tmp_path / "repo"
    make_repo(repo)
    said = flat(play(whole() + ["m", "c", ""], repo / "collabcheck", tmp_path / "state"))
    assert "git add" not in said  # c commits the report too: nothing to do by hand
    assert "(this file and its Markdown report)" in said
    log = subprocess.run(
        ["git", "-C", str(repo), "log", "--name-only", "--format=%s", "-1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ".toml" in log and ".md" in log
    said = flat(play(whole() + ["", ""], repo / "other", tmp_path / "state2"))
    assert "(this file only)" in said
