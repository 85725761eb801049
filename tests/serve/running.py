"""A `collabcheck serve` started as a user would (the console script on a free port), for the
tests that talk to it over real sockets or drive a real browser at it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..conftest import MINI_BANK

APP = shutil.which("collabcheck") or shutil.which("collabcheck", path=str(Path(sys.executable).parent))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    url: str  # the address printed, secret included if any
    port: int
    lines: list[str]
    tmp: Path
    after: str = ""  # what the server said after "ready", once it has stopped


@contextmanager
def serving(tmp: Path, host: str = "127.0.0.1", *extra: str) -> Iterator[Served]:
    """Start the server, wait for its ready line and yield its printed address."""
    assert APP is not None
    port = free_port()
    env = dict(os.environ, COLLABCHECK_STATE_DIR=str(tmp / "state"))
    proc = subprocess.Popen(
        [
            APP,
            "serve",
            "--host",
            host,
            "--port",
            str(port),
            "--questions",
            str(MINI_BANK),
            "--dir",
            str(tmp / "snaps"),
            *extra,
        ],
        env=env,
        cwd=tmp,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        assert proc.stdout is not None
        while not any("collabcheck is ready" in line for line in lines):
            line = proc.stdout.readline()
            assert line, f"the server stopped: {lines}"
            lines.append(line.rstrip("\n"))
        found = re.search(r"http://127\.0\.0\.1:\d+/\S*", " ".join(lines))
        assert found, lines
        served = Served(found.group(0), port, lines, tmp)
        yield served
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        rest = proc.stdout.read() if proc.stdout is not None else ""
        if "served" in locals():
            served.after = rest
