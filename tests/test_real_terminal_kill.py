"""kill -9 in a real terminal loses at most the last half second of typing.

A trial killed the app at random moments: a reflection typed in one burst, without a pause,
was lost every time (the save waited for a pause), and the names on "Who is here" and the
agree screen's actions were never kept. Each test here types steadily with no pause, kills
the process with SIGKILL 0.6 s after the last key, starts again and finds every word.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import MINI_BANK
from .test_real_terminal import APP, TMUX, Terminal, start_ann_and_bo, terminals

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(APP is None, reason="the collabcheck console script is not installed"),
    pytest.mark.skipif(shutil.which("pgrep") is None, reason="pgrep is needed to find the app"),
]


@pytest.fixture
def terminal(tmp_path: Path):
    yield from terminals(tmp_path)


GAP = 0.04  # seconds between keys: quick, steady typing that never pauses for 0.4 s


def type_steadily(t: Terminal, text: str) -> None:
    for ch in text:
        t.tmux("send-keys", "-t", "cc", "-l", ch)
        time.sleep(GAP)


def kill_app(t: Terminal) -> None:
    """SIGKILL the app 0.6 s after the last key: no handler runs, nothing is flushed."""
    time.sleep(0.6)
    shell = t.tmux("display-message", "-p", "-t", "cc", "#{pane_pid}").strip()
    pids = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    assert pids, "the app is not running"
    for pid in pids:
        os.kill(int(pid), signal.SIGKILL)
    t.close()


def again(terminal) -> Terminal:
    t = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    t.wait_for("Unfinished sitting found")
    t.keys("r")
    return t


REFLECTION = "we share the work but not the say, and that matters to me"


def test_a_reflection_typed_in_one_burst_survives_kill_9(terminal):
    t = start_ann_and_bo(terminal)
    t.keys("4", "4", "4")
    t.wait_for("to start writing")
    t.keys("Enter")
    type_steadily(t, REFLECTION)
    kill_app(t)
    t2 = again(terminal)
    t2.wait_for("Pass the keyboard to Ann")
    t2.keys("Enter")
    t2.wait_for(REFLECTION)


def test_names_on_who_is_here_survive_kill_9(terminal):
    t = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    t.wait_for("Before you start")
    t.keys("n")
    t.wait_for("Who is here")
    type_steadily(t, "Alice Jones")
    t.keys("Tab")
    type_steadily(t, "Consultant")
    t.keys("Tab")
    type_steadily(t, "Sam Okafor")
    kill_app(t)
    t = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    t.wait_for("Alice Jones and Sam Okafor")  # named on the welcome screen
    t.keys("r")
    screen = t.wait_for("Role ideas")  # and back on "Who is here", as typed
    assert "Alice Jones" in screen and "Consultant" in screen and "Sam Okafor" in screen


def test_agreed_actions_survive_kill_9(terminal, tmp_path: Path):
    from datetime import UTC, datetime

    from collabcheck.core.bank import load_bank
    from collabcheck.core.sitting import Sitting, questions, save

    bank = load_bank(MINI_BANK)
    s = Sitting.new(bank, [("Ann", ""), ("Bo", "")], datetime(2026, 11, 28, 15, 30, tzinfo=UTC))
    for pid, value in (("ann", 4), ("bo", 2)):
        for item in questions(bank):
            if item.kind == "agree":
                s.set_answer(pid, item, value)
    s.current_partner, s.stage = 2, "together"
    save(s, tmp_path / "state")
    t = again(terminal)
    t.wait_for("How you each see your partnership")
    t.keys("a")
    t.wait_for("Which practice will you work on next")
    t.tmux("send-keys", "-t", "cc", "3", "Tab", "m")  # one burst: the m lands in the box
    type_steadily(t, "eet monthly with Bo")
    t.keys("Enter")
    type_steadily(t, "share the agenda")
    kill_app(t)
    t2 = again(terminal)
    t2.wait_for("How you each see your partnership")
    t2.keys("a")
    screen = t2.wait_for("share the agenda")
    assert "meet monthly with Bo" in screen and "Chosen: 3." in screen
