"""TOML read in the app's worker threads: the same answers as in the main thread, and no crash.

toml-rs 0.4.3 crashed the whole process (a segmentation fault inside the parser) when the
second of these app tests read a sitting apart's file in a worker thread, three runs in three.
A crash takes every unsaved word with it, so the threads read TOML with Python's own parser
(core/files.py `parse_toml`); these tests keep both halves of that promise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import parse_toml

ROOT = Path(__file__).resolve().parents[1]

GOOD = b'pair = "ann-and-bo"\ntaken_at = 2026-01-10T10:00:00+01:00\n[answers.ann]\n"a.b" = 3\n'
BAD = [
    b'pair = "ann-and-bo"\nschema = \n',  # no value
    b"a = 1\na = 2\n",  # a key twice
    b"when = 2026-01-10T10:00:60Z\n",  # a leap second
    b"[x]\n[x]\n",  # a table twice
]


def in_a_thread(data: bytes) -> Any:
    out: list[Any] = []

    def read() -> None:
        try:
            out.append(parse_toml(data, "f.toml"))
        except CollabcheckError as exc:
            out.append(exc)

    t = threading.Thread(target=read)
    t.start()
    t.join()
    return out[0]


def test_a_thread_reads_a_file_as_the_main_thread_does():
    assert in_a_thread(GOOD) == parse_toml(GOOD, "f.toml")


@pytest.mark.parametrize("data", BAD)
def test_a_thread_refuses_what_the_main_thread_refuses_on_the_same_line(data: bytes):
    with pytest.raises(CollabcheckError) as main:
        parse_toml(data, "f.toml")
    there = in_a_thread(data)
    assert isinstance(there, CollabcheckError)
    assert there.line == main.value.line
    assert str(there).startswith("f.toml") and "not valid TOML" in str(there)


def test_the_app_tests_that_crashed_the_parser_run_to_the_end():
    """The very sequence that crashed, in a process of its own (a crash here would end the
    whole test run, not fail one test)."""
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "0",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:randomly",
            "tests/app/test_apart_app.py",
            "-k",
            "test_the_welcome_screen_offers or test_answering_apart_in_the_app",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "2 passed" in run.stdout
