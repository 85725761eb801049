"""The installed app in a real terminal (tmux at 80x24), driven by keys and read from the screen.

Pilot tests drive the app from inside; this one checks what a new user gets: the console
script, a real terminal of the smallest supported size, keys only, and a snapshot file where
the screen says it is. It polls the screen for text instead of sleeping blindly.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .conftest import MINI_BANK

TMUX = shutil.which("tmux")
# The console script on PATH, or the one installed beside this Python (an unactivated venv).
APP = shutil.which("collabcheck") or shutil.which("collabcheck", path=str(Path(sys.executable).parent))
pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed, so there is no real terminal to test in"),
    pytest.mark.skipif(
        APP is None, reason="the collabcheck console script is not installed (pip install -e .)"
    ),
]


class Terminal:
    """A tmux server of our own (its own socket), one window of 80x24 running one command."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path) -> None:
        self.socket = f"cc-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        shell = f"cd {shlex.quote(str(cwd))} && env {exports} {shlex.join(command)}; sleep 30"
        self.tmux("new-session", "-d", "-s", "cc", "-x", "80", "-y", "24", shell)

    def tmux(self, *args: str) -> str:
        out = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=10, check=True
        )
        return out.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", "cc", "-p")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "cc", key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "cc", "-l", text)
        time.sleep(0.1)

    def wait_for(self, pattern: str, timeout: float = 15.0) -> str:
        """Poll the screen until the regular expression appears; fail showing the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"did not see {pattern!r} within {timeout}s; the screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def terminal(tmp_path: Path):
    yield from terminals(tmp_path)


def terminals(tmp_path: Path):
    """Start terminals running the app on tmp_path's state folder; close them all at the end."""
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        env = {
            "COLLABCHECK_STATE_DIR": str(tmp_path / "state"),
            "TERM": "xterm-256color",
            "HOME": os.environ.get("HOME", str(tmp_path)),
            "PATH": os.environ.get("PATH", ""),
        }
        t = Terminal([str(APP), *args], env, tmp_path)
        started.append(t)
        return t

    yield start
    for t in started:
        t.close()


def state_when(tmp_path: Path, check, timeout: float = 3.0) -> dict:
    """The autosaved state once `check(state)` holds (the writer thread is a moment behind)."""
    import json

    path = tmp_path / "state" / "sitting.json"
    deadline = time.monotonic() + timeout
    state: dict = {}
    while time.monotonic() < deadline:
        try:
            state = json.loads(path.read_text())
            if check(state):
                return state
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.05)
    raise AssertionError(f"the state file never showed what was expected: {state}")


def answer_everything(t: Terminal, name: str, rating: str, note: str) -> None:
    """Answer each question the way the screen asks for it, until the end of this turn."""
    t.wait_for(f"{name}'s turn")
    last = 0
    while True:
        screen = t.wait_for(r"Question \d+ of \d+|That is every question")
        if "That is every question" in screen:
            t.keys("Enter")
            return
        number = int(re.search(r"Question (\d+) of", screen).group(1))
        assert number == last + 1, f"expected question {last + 1}, saw:\n{screen}"
        last = number
        if "How much do you agree?" in screen:
            t.keys(rating)
        elif "Who has the most say?" in screen:
            t.keys("3")
        elif "Where does the attention go?" in screen:
            t.keys("2")
        elif "Write as much" in screen:
            assert "to start writing" in screen
            t.keys("Enter")
            t.type(note)
            t.wait_for(re.escape(note))
            t.keys("C-n")
        else:
            raise AssertionError(f"a question screen that says nothing this test knows:\n{screen}")
        t.wait_for(rf"Question {number + 1} of|That is every question")


def start_ann_and_bo(terminal) -> Terminal:
    """Start the app on the mini bank, enter Ann and Bo, and reach Ann's first question."""
    t = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    t.wait_for("Before you start")
    t.keys("n")
    t.wait_for("Who is here")
    t.type("Ann")
    t.keys("Tab", "Tab")
    t.type("Bo")
    t.keys("C-n")
    t.wait_for("Where your partnership stands")
    t.keys("Enter", "Enter")
    t.wait_for("Pass the keyboard to Ann")
    t.keys("Enter")
    t.wait_for("Question 1 of")
    return t


def test_a_pair_completes_a_sitting_by_keys(terminal, tmp_path):
    t = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    t.wait_for("Before you start")
    t.wait_for("privacy")
    t.keys("n")
    t.wait_for("Who is here")
    t.type("Alice")
    t.keys("Tab")
    t.type("Nurse")
    t.keys("Tab")
    t.type("Sam")
    t.wait_for("alice-and-sam")
    t.keys("C-n")
    t.wait_for("Where your partnership stands")
    t.keys("Enter", "Enter")
    t.wait_for("Pass the keyboard to Alice")
    t.keys("Enter")
    answer_everything(t, "Alice", "4", "Alice's note")
    screen = t.wait_for("Pass the keyboard to Sam")
    assert "Alice's note" not in screen
    t.keys("Enter")
    answer_everything(t, "Sam", "2", "Sam's note")
    t.wait_for("Everyone has answered")
    t.keys("Enter")
    screen = t.wait_for("How you each see your partnership")
    assert "Alice" in screen and "Sam" in screen
    t.keys("a")
    t.wait_for("Which practice will you work on next")
    t.keys("2")
    t.wait_for(r"Chosen: 2\.")
    t.keys("C-s")
    screen = t.wait_for("Saved")
    shown = re.search(r"(snaps/\S+\.toml)", screen).group(1)
    saved = tmp_path / shown
    assert saved.is_file(), f"the screen said {shown}, but there is no such file"
    text = saved.read_text()
    assert 'pair = "alice-and-sam"' in text and "practice = 2" in text
    assert "Alice's note" in text and "Sam's note" in text
    t.wait_for("which is not inside a git repository")
    t.keys("q")
    t.wait_for("sitting saved in")
    assert not (tmp_path / "state" / "sitting.json").exists()


def test_stopping_midway_keeps_answers_for_next_time(terminal, tmp_path):
    t = start_ann_and_bo(terminal)
    t.keys("5")
    t.wait_for("Question 2 of")
    t.keys("C-c")  # what many people press to quit: it must offer a safe stop
    t.wait_for("Stop for now")
    t.keys("y")
    t.wait_for("your sitting is kept")
    t.close()
    again = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    again.wait_for("Unfinished sitting found")
    again.wait_for("Ann and Bo")
    again.keys("r")
    again.wait_for("Pass the keyboard to Ann")
    again.keys("Enter")
    again.wait_for("Question 2 of")
    again.keys("Left")
    screen = again.wait_for("Question 1 of")
    assert "● 5  Strongly agree" in screen


def test_answers_typed_in_a_burst_are_all_kept_in_order(terminal, tmp_path):
    t = start_ann_and_bo(terminal)
    t.tmux("send-keys", "-t", "cc", "4", "n", "5")  # one burst, as a quick typist would
    t.wait_for("Question 4 of", timeout=10)
    state = state_when(tmp_path, lambda s: len(s["answers"]["ann"]) == 3)
    assert state["answers"]["ann"] == {
        "find-partners.a": 4,
        "find-partners.b": "unsure",
        "find-partners.c": 5,
    }


def test_names_typed_in_a_burst_land_in_the_right_boxes(terminal, tmp_path):
    """Tab and Enter move focus before the next key arrives, as for a fast typist or a paste."""
    t = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    t.wait_for("Before you start")
    t.keys("n")
    t.wait_for("Who is here")
    t.tmux(
        "send-keys",
        "-t",
        "cc",
        "Alice Jones",
        "Tab",
        "Consultant",
        "Enter",
        "Sam",
        "Tab",
        "Patient partner",
        "Tab",
    )  # one burst
    t.wait_for("alice-jones-and-sam")
    t.keys("C-n")
    t.wait_for("Where your partnership stands")
    t.keys("Enter", "Enter")
    t.wait_for("Pass the keyboard to Alice Jones")
    state = state_when(tmp_path, lambda s: s["stage"] == "answering")
    assert [(p["name"], p["role"]) for p in state["partners"]] == [
        ("Alice Jones", "Consultant"),
        ("Sam", "Patient partner"),
    ]


def test_closing_the_terminal_keeps_the_words_being_typed(terminal, tmp_path):
    import json

    t = start_ann_and_bo(terminal)
    t.keys("4", "4", "4")
    t.wait_for("to start writing")
    t.keys("Enter")
    t.type("closing the lid now")
    t.wait_for("closing the lid now")
    shell = t.tmux("display-message", "-p", "-t", "cc", "#{pane_pid}").strip()
    app = (
        subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
        if shutil.which("pgrep")
        else []
    )
    t.tmux("kill-server")  # the window is closed: the app gets SIGHUP
    state = tmp_path / "state" / "sitting.json"
    for _ in range(50):
        if "closing the lid now" in state.read_text():
            break
        time.sleep(0.1)
    notes = json.loads(state.read_text())["notes"]["ann"]
    assert notes["find-partners.think"]["text"] == "closing the lid now"
    # ...and no process is left behind once the window has gone.
    for _ in range(50):
        if not any(Path(f"/proc/{pid}").exists() for pid in app):
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"the app ({app}) is still running after its terminal was closed")


def test_digits_typed_in_a_burst_never_land_in_a_reflection(terminal, tmp_path):
    """Quick typing runs past the last rated question: the digits must not become the note."""

    t = start_ann_and_bo(terminal)
    t.tmux("send-keys", "-t", "cc", "4", "4", "4", "2", "2", "4", "3", "3")  # one burst
    # Both on one screen: a capture taken while the terminal is being redrawn can mix frames.
    screen = t.wait_for(r"Question 4 of[\s\S]*words, not a number", timeout=15)
    assert "22433" not in screen
    t.keys("Enter")
    t.type("my own words")
    t.wait_for("my own words")
    t.keys("C-n")
    t.wait_for("Question 5 of")
    state = state_when(tmp_path, lambda s: s["current_item"] == 4)
    assert state["notes"]["ann"]["find-partners.think"]["text"] == "my own words"
    assert state["answers"]["ann"] == {f"find-partners.{x}": 4 for x in "abc"}


def test_enter_then_typing_at_once_keeps_every_letter(terminal, tmp_path):
    """Enter starts writing before the next key arrives; Tab, Space ticks private at once."""

    t = start_ann_and_bo(terminal)
    t.keys("4", "4", "4")
    t.wait_for("to start writing")
    t.tmux("send-keys", "-t", "cc", "Enter", "Bo note", "Tab", "Space")  # one burst
    t.wait_for("Private: YES", timeout=15)
    t.keys("Escape")
    t.wait_for("to start writing")
    t.keys("Right")
    t.wait_for("Question 5 of", timeout=15)
    state = state_when(tmp_path, lambda s: s["current_item"] == 4)
    assert state["notes"]["ann"]["find-partners.think"] == {"text": "Bo note", "private": True}
