"""Temporary git repositories for tests, with the real `git` and nothing from this machine.

HOME points at an empty folder and the system config is switched off, so no test depends
on (or changes) the global git settings of whoever runs it; each repository gets its own
user.name and user.email when a test wants one.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed (.ci/run installs it)")


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd` (for setting up and checking), failing the test on an error."""
    r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, f"git {' '.join(args)} failed: {r.stderr}"
    return r.stdout


def isolate_git(env_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(env_home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(env_home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for var in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_CONFIG_GLOBAL",
        "GIT_SSH_COMMAND",
        "GIT_SSH",
    ):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME for git: no global name, email or settings."""
    home = tmp_path / "home"
    isolate_git(home, monkeypatch)
    return home


def make_repo(
    path: Path, who: tuple[str, str] | None = ("Test Person", "test@example.org"), ignore: str = ""
) -> Path:
    """A new repository with one commit; `who` is set locally unless None."""
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    (path / "README").write_text("team repository\n")
    if ignore:
        (path / ".gitignore").write_text(ignore)
    git(path, "add", "-A")
    git(path, "-c", "user.name=Setup", "-c", "user.email=setup@example.org", "commit", "-q", "-m", "start")
    if who:
        set_who(path, who)
    return path


def set_who(path: Path, who: tuple[str, str]) -> None:
    git(path, "config", "--local", "user.name", who[0])
    git(path, "config", "--local", "user.email", who[1])


def shared(tmp_path: Path, *clones: str) -> tuple[Path, list[Path]]:
    """A bare 'shared' repository with one commit, and clones of it, each with its own identity."""
    seed = make_repo(tmp_path / "seed")
    bare = tmp_path / "shared.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(bare))
    out = []
    for name in clones:
        git(tmp_path, "clone", "-q", str(bare), name)
        set_who(tmp_path / name, (name.title(), f"{name}@example.org"))
        out.append(tmp_path / name)
    return bare, out


def log(path: Path, *args: str) -> str:
    return git(path, "log", "--format=%s", *args)


class _Asks(http.server.BaseHTTPRequestHandler):
    """A git server that answers every request with "who are you?" (401)."""

    def do_GET(self) -> None:  # http.server's name
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="team"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def password_server() -> Iterator[str]:
    """The address of an http git remote on 127.0.0.1 that asks for a password."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Asks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/team.git"
    server.shutdown()
    server.server_close()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """The address of an http git remote on 127.0.0.1 that accepts and never answers."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}/team.git"
    sock.close()


def env_for_subprocess(home: Path) -> dict[str, str]:
    """The environment for a collabcheck process: the same isolated git settings."""
    env = dict(os.environ)
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "GIT_CONFIG_NOSYSTEM": "1"})
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "EMAIL", "GIT_DIR", "GIT_WORK_TREE"):
        env.pop(var, None)
    return env
