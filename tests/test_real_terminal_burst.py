"""Typing faster than the app: a burst of 1,000 characters, or a paste, reaches the state file
within half a second of the app showing its last key, so a kill -9 0.6 s after that loses nothing, whether the
sitting was just started or just carried on (the worst case a trial found). Real terminal."""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from .conftest import MINI_BANK
from .test_real_terminal import APP, TMUX, Terminal, start_ann_and_bo, terminals
from .test_real_terminal_kill import again, kill_app

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(APP is None, reason="the collabcheck console script is not installed"),
    pytest.mark.skipif(shutil.which("pgrep") is None, reason="pgrep is needed to find the app"),
]

BURST = "".join(f"{n:03d} words, kept. " for n in range(100))[:1000]
THINK = "find-partners.think"


@pytest.fixture
def terminal(tmp_path: Path):
    yield from terminals(tmp_path)


def written(tmp_path: Path) -> str:
    """The reflection as the state file holds it ('' when none of it was kept)."""
    state = json.loads((tmp_path / "state" / "sitting.json").read_text())
    return state.get("notes", {}).get("ann", {}).get(THINK, {}).get("text", "")


def kept_then_killed(t: Terminal, tmp_path: Path) -> None:
    """Wait until the state file holds the whole burst, then SIGKILL the app 0.6 s later.

    On a quiet machine the burst is in the file within half a second of the last key
    (`bench/`'s numbers, not this test, say how fast); on a loaded one tmux can finish
    sending well before the app has read every key, so the test allows ten seconds and
    then asserts the kill took nothing away.
    """
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and written(tmp_path) != BURST:
        time.sleep(0.05)
    kill_app(t)


def at_the_written_question(t: Terminal) -> None:
    t.keys("4", "4", "4")
    t.wait_for("to start writing")
    t.keys("Enter")
    t.wait_for("Esc")  # writing: the footer offers Esc to stop


def test_a_burst_of_1000_characters_survives_kill_9(terminal, tmp_path: Path):
    assert len(BURST) == 1000
    t = start_ann_and_bo(terminal)
    at_the_written_question(t)
    t.tmux("send-keys", "-t", "cc", "-l", BURST)  # one burst, as fast as tmux can send it
    kept_then_killed(t, tmp_path)
    assert written(tmp_path) == BURST


def test_a_paste_survives_kill_9_and_goes_in_once(terminal, tmp_path: Path):
    t = start_ann_and_bo(terminal)
    at_the_written_question(t)
    t.tmux("set-buffer", "-b", "cc-paste", BURST)
    t.tmux("paste-buffer", "-p", "-b", "cc-paste", "-t", "cc")  # bracketed, as a terminal pastes
    kept_then_killed(t, tmp_path)
    assert written(tmp_path) == BURST


def test_a_burst_right_after_carrying_on_survives_kill_9(terminal, tmp_path: Path):
    from collabcheck.core.bank import load_bank
    from collabcheck.core.sitting import Sitting, questions, save

    bank = load_bank(MINI_BANK)
    s = Sitting.new(bank, [("Ann", ""), ("Bo", "")], datetime(2026, 11, 28, 15, 30, tzinfo=UTC))
    for item in questions(bank)[:3]:
        s.set_answer("ann", item, 4)
    s.current_item = 3
    s.context_asked = True
    save(s, tmp_path / "state")
    t = again(terminal)
    t.wait_for("Pass the keyboard to Ann")
    t.keys("Enter")
    t.wait_for("to start writing")
    t.keys("Enter")
    t.tmux("send-keys", "-t", "cc", "-l", BURST)
    kept_then_killed(t, tmp_path)
    assert written(tmp_path) == BURST
