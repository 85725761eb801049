"""A big first history's cache is written by a forked copy while the output is laid out.

The copy must really run beside this process, its failure must cost nothing but the cache,
and the command must wait for it, so the next run finds the cache whole.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from collabcheck.core.parallel import in_background

from .hostile import GOOD, with_pair

OLD = 1_600_000_000  # a modification time old enough for the cache to trust


def test_the_job_runs_in_a_copy_and_wait_waits_for_it(tmp_path: Path):
    out = tmp_path / "pid"

    def job() -> None:
        out.write_text(str(os.getpid()))

    wait = in_background(job)
    wait()
    assert out.exists()  # waited for: written by now
    if threading.active_count() == 1:
        assert int(out.read_text()) != os.getpid()  # a copy did it
    else:  # pragma: no cover - a runner with threads: forking would not be safe, so here
        assert int(out.read_text()) == os.getpid()
    wait()  # waiting twice is harmless


def test_a_job_that_fails_costs_this_process_nothing(tmp_path: Path):
    def job() -> None:
        raise OSError("disk full")

    try:
        wait = in_background(job)
    except OSError:  # run here and now (a runner with threads): the error is the caller's
        assert threading.active_count() > 1
        return
    wait()  # the copy ended (with status 1); this process goes on


def test_a_big_first_run_writes_its_cache_whole_before_the_command_ends(tmp_path: Path):
    folder = tmp_path / "snaps"
    folder.mkdir()
    for n in range(12):
        path = folder / f"{n:02d}.toml"
        path.write_text(with_pair(GOOD, f"pair-{n}"), encoding="utf-8")
        os.utime(path, (OLD, OLD))
    cache = tmp_path / "cache"
    # In a process of its own (one thread, so it forks), with every cache counted as big, and
    # the copy slowed down: the command must still end only once the cache is written.
    script = (
        "import sys, time\n"
        "import collabcheck.history.cache as c\n"
        "import collabcheck.core.parallel as p\n"
        "c.BACKGROUND_ENTRIES = 1\n"
        "real = p.in_background\n"
        "def slow(job):\n"
        "    def later():\n"
        "        time.sleep(0.5)\n"
        "        job()\n"
        "    sys.stderr.write('forked\\n')\n"
        "    return real(later)\n"
        "p.in_background = slow\n"
        "from collabcheck.cli import main\n"
        f"sys.exit(main(['history', {str(folder)!r}, '--format', 'json']))\n"
    )
    env = dict(os.environ, COLLABCHECK_CACHE_DIR=str(cache))
    # Output to files, not pipes: the copy holds what the command had open, so reading a pipe
    # to its end would wait for the copy too, and hide a command that did not.
    out, err = tmp_path / "out", tmp_path / "err"
    with out.open("w") as o, err.open("w") as e:
        command = [sys.executable, "-c", script]
        code = subprocess.run(command, env=env, stdout=o, stderr=e, timeout=60).returncode
    assert code == 0, err.read_text()
    assert "forked" in err.read_text()
    [kept] = list(cache.glob("history-*[0-9a-f].json"))
    entries = json.loads(kept.read_text())["entries"]
    assert sorted(entries) == [f"{n:02d}.toml" for n in range(12)]
    assert [p["pair"] for p in json.loads(out.read_text())["pairs"]] == sorted(f"pair-{n}" for n in range(12))
