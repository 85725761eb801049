"""How long collabcheck takes to show its first screen, against a bare Textual app.

Partners judge an app in its first second, so the goal is that collabcheck's welcome screen
appears within 1.1x the time of the smallest Textual app (Header, Static, Footer). Both run
as separate processes in a pseudo-terminal of 80x24, each exiting right after its first
screen is painted (COLLABCHECK_EXIT_AFTER_FIRST_PAINT=1), in turn, several times. Two times
are taken: until the screen's words are in the terminal (what a partner waits for: the goal)
and until the process has ended (that adds closing down, and work the app starts just after
the first frame, such as looking at the snapshot folder). The medians and their ratios are
printed. Run:  python bench/startup_bench.py [-n RUNS]

Both first frames are drawn as Textual draws any screen: the words, with the footer's keys
filled in a frame later. The machine's load moves both times; the ratio, from runs taken in
turn, moves much less, but on a busy machine run it two or three times.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

GOAL = 1.10  # collabcheck's median start-up over the bare app's, at most
RUNS = 25  # runs of each, interleaved; the medians are compared

BARE_APP = textwrap.dedent("""
    import os
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

        def on_mount(self):
            if os.environ.get("COLLABCHECK_EXIT_AFTER_FIRST_PAINT"):
                self.call_after_refresh(self.exit)

    Bare().run()
""")


def run_in_pty(command: list[str], env: dict[str, str], expect: bytes) -> tuple[float, float]:
    """Seconds from the start of `command`, in a fresh 80x24 pseudo-terminal, until `expect`
    was drawn, and until it exited.

    `expect` must appear in what it drew, so an app that exits before painting is caught.
    """
    out = bytearray()
    drawn = None
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True, start_new_session=True
    )
    os.close(slave)
    try:
        while True:  # keep reading so the app never blocks on a full terminal buffer
            try:
                chunk = os.read(master, 65536)
                if not chunk:
                    break
                out += chunk
                if drawn is None and expect in out:
                    drawn = time.perf_counter() - start
            except OSError:
                break
        proc.wait(timeout=30)
    finally:
        os.close(master)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{command} exited with {proc.returncode}")
    if drawn is None:
        raise SystemExit(f"{command} exited without drawing {expect!r}")
    return drawn, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=RUNS, help=f"runs of each (default {RUNS})")
    args = parser.parse_args()
    app = shutil.which("collabcheck") or str(Path(sys.executable).parent / "collabcheck")
    with tempfile.TemporaryDirectory() as tmp:
        bare_file = Path(tmp) / "bare_app.py"
        bare_file.write_text(BARE_APP)
        env = dict(
            os.environ,
            TERM="xterm-256color",
            COLLABCHECK_EXIT_AFTER_FIRST_PAINT="1",
            COLLABCHECK_STATE_DIR=str(Path(tmp) / "state"),
            # Compiled modules are kept, as after any install, so that neither app is compiled
            # afresh on every run where PYTHONDONTWRITEBYTECODE is set (some shells and CI set
            # it); the warm-up run below fills this folder for both apps alike.
            PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"),
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            "bare": [sys.executable, str(bare_file)],
            "collabcheck": [app, "--dir", str(Path(tmp) / "snaps")],
        }
        expect = {"bare": b"Hello", "collabcheck": b"privacy"}
        for name, command in commands.items():  # warm-up: disk caches, .pyc files
            run_in_pty(command, env, expect[name])
        drawn: dict[str, list[float]] = {name: [] for name in commands}
        ended: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.n):  # interleaved, so drift in machine speed hits both alike
            for name, command in commands.items():
                first, last = run_in_pty(command, env, expect[name])
                drawn[name].append(first)
                ended[name].append(last)
    for what, times in (("first screen drawn", drawn), ("process ended", ended)):
        medians = {name: statistics.median(t) for name, t in times.items()}
        print(f"{what}:")
        for name, t in times.items():
            print(
                f"  {name:12} median {medians[name] * 1000:7.1f} ms   "
                f"min {min(t) * 1000:7.1f}   max {max(t) * 1000:7.1f}   ({len(t)} runs)"
            )
        ratio = medians["collabcheck"] / medians["bare"]
        goal = f"  (goal: at most {GOAL:.2f})" if times is drawn else ""
        print(f"  ratio collabcheck / bare Textual app: {ratio:.2f}{goal}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
