"""One sitting open in one place: a second app on the same state says so and offers a new
sitting kept apart, never overwriting the first one's answers; a crash (kill -9) never leaves
the sitting locked. Tried with two real app processes in real terminals, and the lock alone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collabcheck.core import lock

from .conftest import MINI_BANK
from .test_real_terminal import APP, TMUX, start_ann_and_bo, state_when, terminals


def test_the_lock_is_held_once_and_freed_by_release(tmp_path: Path):
    first = lock.hold(tmp_path / "state")
    assert first is not None and first.fd >= 0
    assert lock.hold(tmp_path / "state") is None  # even from the same process
    first.release()
    again = lock.hold(tmp_path / "state")
    assert again is not None and again.fd >= 0
    again.release()


def test_a_process_killed_outright_leaves_no_lock_behind(tmp_path: Path):
    state = tmp_path / "state"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from collabcheck.core import lock; "
            f"h = lock.hold({str(state)!r}); print('held' if h else 'not', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert lock.hold(state) is None
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        held = lock.hold(state)
        assert held is not None and held.fd >= 0
        held.release()
    finally:
        if holder.poll() is None:
            holder.kill()


@pytest.fixture
def terminal(tmp_path: Path):
    yield from terminals(tmp_path)


@pytest.mark.skipif(TMUX is None or APP is None, reason="needs tmux and the collabcheck script")
def test_two_real_apps_on_one_state_never_share_a_sitting(terminal, tmp_path: Path):
    first = start_ann_and_bo(terminal)
    first.keys("4")
    state_when(tmp_path, lambda s: s["answers"]["ann"] == {"find-partners.a": 4})
    second = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    second.wait_for("already open in another collabcheck window")
    second.wait_for(r"Start a new sitting \(y\)")
    second.keys("y")
    second.wait_for("Before you start")
    second.keys("n")
    second.wait_for("Who is here")
    second.type("Cy")
    second.keys("Tab", "Tab")
    second.type("Dee")
    second.keys("C-n")
    second.wait_for("Where your partnership stands")
    # The first window's sitting is untouched, and it carries on as before.
    first.keys("3")
    state = state_when(tmp_path, lambda s: len(s["answers"]["ann"]) == 2)
    assert [p["name"] for p in state["partners"]] == ["Ann", "Bo"]
    kept_apart = list((tmp_path / "state" / "sittings").glob("*/sitting.json"))
    assert len(kept_apart) == 1
    assert [p["name"] for p in json.loads(kept_apart[0].read_text())["partners"]] == ["Cy", "Dee"]
    # kill -9 the first app: the next app on the state finds the sitting free to carry on.
    shell = first.tmux("display-message", "-p", "-t", "cc", "#{pane_pid}").strip()
    for pid in subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split():
        os.kill(int(pid), signal.SIGKILL)
    first.close()
    time.sleep(0.3)
    third = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    screen = third.wait_for("Unfinished sitting found")
    assert "already open" not in screen


@pytest.mark.skipif(TMUX is None or APP is None, reason="needs tmux and the collabcheck script")
def test_a_second_app_can_close_without_changing_anything(terminal, tmp_path: Path):
    first = start_ann_and_bo(terminal)
    first.keys("4")
    before = state_when(tmp_path, lambda s: s["answers"]["ann"] == {"find-partners.a": 4})
    second = terminal("--questions", str(MINI_BANK), "--dir", "snaps")
    second.wait_for(r"Close this window \(n\)")
    second.keys("n")
    second.wait_for("without changing it")
    assert json.loads((tmp_path / "state" / "sitting.json").read_text()) == before
    assert not list((tmp_path / "state" / "sittings").glob("*/sitting.json"))
