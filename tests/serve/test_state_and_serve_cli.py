"""The store of many sittings (one folder per sitting, held by one process) and the serve
command's words: no shared autosave between two sittings, nothing stuck locked, a plain
warning when anyone on the network could connect."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from collabcheck.cli.serve import address, guard_for, is_loopback, ready_lines, tab_command, warning
from collabcheck.core import sitting as store
from collabcheck.core import state
from collabcheck.core.bank import load_bank, questions
from collabcheck.core.sitting import Sitting

from ..conftest import MINI_BANK

BANK = load_bank(MINI_BANK)
WHEN = datetime(2026, 11, 29, 15, 30, tzinfo=timezone.utc)


def started(claim: state.Claim, names: list[str], answer: int) -> Sitting:
    s = Sitting.new(BANK, [(n, "") for n in names], WHEN)
    s.set_answer(s.partner.id, questions(BANK)[0], answer)
    store.save(s, claim.folder)
    return s


def test_two_sittings_at_once_keep_two_autosaves(tmp_path):
    one, two = state.new_claim(tmp_path), state.new_claim(tmp_path)
    assert one.folder != two.folder and one.folder.parent == tmp_path / "sittings"
    started(one, ["Ann", "Bo"], 4)
    started(two, ["Cy", "Di"], 1)
    assert store.load(one.folder).answers == {"ann": {questions(BANK)[0].id: 4}}
    assert store.load(two.folder).answers == {"cy": {questions(BANK)[0].id: 1}}
    assert not (tmp_path / "sitting.json").exists()  # the terminal app's single sitting: untouched


def test_a_held_sitting_is_not_offered_and_cannot_be_taken_twice(tmp_path):
    one, two = state.new_claim(tmp_path), state.new_claim(tmp_path)
    started(one, ["Ann", "Bo"], 4)
    started(two, ["Cy", "Di"], 1)
    assert state.unfinished(tmp_path) == []  # both in use
    assert state.claim(one.folder) is None
    one.release()
    assert (one.folder / "sitting.json").exists()  # kept: it is unfinished
    waiting = state.unfinished(tmp_path, BANK.id, BANK.version)
    assert [(f, [p.name for p in s.partners]) for f, s in waiting] == [(one.folder, ["Ann", "Bo"])]
    assert state.unfinished(tmp_path, "another-bank", 1) == []
    again = state.claim(one.folder)
    assert again is not None and state.unfinished(tmp_path) == []
    again.release()
    two.release()


def test_a_process_that_ends_lets_go_of_its_sitting(tmp_path):
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom collabcheck.core import state\n"
        "c = state.new_claim(Path(sys.argv[1]))\n(c.folder / 'sitting.json').write_text('{}')\n"
        "print(c.folder, flush=True)\ntime.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        folder = Path(proc.stdout.readline().strip())
        assert state.is_held(folder)
        assert (folder / "lock").read_text().strip() == str(proc.pid)
    finally:
        proc.kill()  # as a closed tab or kill -9 would
        proc.wait()
    assert not state.is_held(folder)


def test_empty_folders_are_tidied_only_when_old_and_free(tmp_path):
    c = state.new_claim(tmp_path)
    c.release(tidy=False)  # as if the process died before anyone typed a name
    assert c.folder.exists()
    state.unfinished(tmp_path)
    assert c.folder.exists()  # too new: it may be being set up
    old = time.time() - 3600
    os.utime(c.folder, (old, old))
    state.unfinished(tmp_path)
    assert not c.folder.exists()
    finished = state.new_claim(tmp_path)
    finished.release()  # nothing saved in it: removed at once
    assert not finished.folder.exists()


def test_serve_words_and_addresses(tmp_path):
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")
    assert warning("127.0.0.1", 8000) is None
    assert "anyone on this network who has the address" in warning("0.0.0.0", 8000)
    assert address("::1", 8000) == "http://[::1]:8000"
    assert ready_lines(guard_for("127.0.0.1", 8000))[0].endswith("in a web browser: http://127.0.0.1:8000/")
    guard = guard_for("0.0.0.0", 8123)
    everywhere = " ".join(ready_lines(guard))
    assert guard.secret and len(guard.secret) >= 20
    assert "On this computer" in everywhere
    assert f"http://127.0.0.1:8123/?secret={guard.secret}" in everywhere
    assert "secret included" in everywhere
    assert "http://0.0.0.0" not in everywhere  # not an address a browser can open
    command = tab_command(str(MINI_BANK), tmp_path / "snaps")
    assert "--served" in command and str(MINI_BANK) in command and str(tmp_path / "snaps") in command


def test_a_taken_port_is_one_plain_line(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "collabcheck",
                "serve",
                "--port",
                str(port),
                "--questions",
                str(MINI_BANK),
            ],
            capture_output=True,
            text=True,
            timeout=30,
            cwd=tmp_path,
        )
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "try another --port" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "Warning" not in run.stdout  # 127.0.0.1: only this computer
