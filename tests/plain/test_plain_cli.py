"""`collabcheck --plain` from the command line: chosen when asked or when there is no full
terminal, and never loading Textual (a screen-reader user's machine may be slow, and plain
mode must not depend on the full-screen app at all)."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from collabcheck.plain import wants_plain

from ..conftest import MINI_BANK


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_is_chosen_when_asked_or_when_there_is_no_full_terminal():
    assert wants_plain(True, Tty(), Tty(), {"TERM": "xterm"})
    assert not wants_plain(False, Tty(), Tty(), {"TERM": "xterm-256color"})
    assert wants_plain(False, Tty(), Tty(), {"TERM": "dumb"})
    assert wants_plain(False, io.StringIO(), Tty(), {"TERM": "xterm"})  # input from a pipe
    assert wants_plain(False, Tty(), io.StringIO(), {"TERM": "xterm"})  # output to a file
    # textual-serve's pipes are a browser's terminal: the full app, unless plain is asked for
    web = {"TERM": "xterm", "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver"}
    assert not wants_plain(False, io.StringIO(), io.StringIO(), web)
    assert wants_plain(True, io.StringIO(), io.StringIO(), web)


def run(args: list[str], typed: str, tmp_path) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys\nfrom collabcheck.cli import main\nstatus = main(sys.argv[1:])\n"
        "sys.stderr.write('TEXTUAL=' + str(any(m.split('.')[0] == 'textual' for m in sys.modules)))\n"
        "sys.exit(status)\n"
    )
    env = dict(os.environ, COLLABCHECK_STATE_DIR=str(tmp_path / "state"), TERM="xterm-256color")
    return subprocess.run(
        [sys.executable, "-c", code, *args, "--questions", str(MINI_BANK), "--dir", str(tmp_path / "snaps")],
        input=typed,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )


def test_plain_never_imports_textual(tmp_path):
    typed = "\n".join(["", "Ann", "", "", "Bo", "", "", "", "", "", "", "", "", "4", "stop"]) + "\n"
    done = run(["--plain"], typed, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Question 1 of 24" in done.stdout and "You chose: Agree." in done.stdout
    assert "TEXTUAL=False" in done.stderr
    assert (tmp_path / "state" / "sitting.json").exists()


def test_without_a_terminal_plain_mode_starts_by_itself(tmp_path):
    done = run([], "", tmp_path)  # standard input is a pipe here, and it ends at once
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("collabcheck, plain mode.")
    assert "The input has ended." in done.stdout
    assert "TEXTUAL=False" in done.stderr
    assert "\x1b" not in done.stdout
