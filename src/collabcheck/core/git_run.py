"""Running the user's own `git`: never a prompt, always a time limit, never a lock left behind.

Every git command collabcheck runs goes through `run_git`. Partners will never type a git
command, so nothing may wait for one to answer a question, and a git that hangs (a slow
hook, a silent server) must be stopped in a way that leaves the team's repository as it
was: git is asked to stop, which it answers by removing its lock files, and any lock it
made and still left is removed once its whole process group has ended. Kept apart from
core/git.py (what to commit, and why not) so each stays short. No Textual.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LOCAL_TIMEOUT = 15.0  # commands that only touch this computer


def git_env() -> dict[str, str]:
    """The environment for every git command: never a prompt, never an editor.

    GIT_TERMINAL_PROMPT=0 stops git asking on the terminal; the askpass programs are set to
    one that fails, so no window pops up to ask either; Git Credential Manager is told not
    to be interactive; ssh runs in batch mode (never asks for a passphrase or to trust a
    host). A credential helper the user already has still works: we only stop the asking.
    """
    env = dict(os.environ)
    fail = shutil.which("false") or "false"
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": fail,
            "SSH_ASKPASS": fail,
            "SSH_ASKPASS_REQUIRE": "never",
            "GCM_INTERACTIVE": "never",
            "GIT_EDITOR": "true",
            "GIT_SEQUENCE_EDITOR": "true",
            "GIT_MERGE_AUTOEDIT": "no",
            "LC_ALL": "C",
            "LANGUAGE": "C",
        }
    )
    return env


@dataclass(frozen=True)
class Run:
    code: int  # -1 when it ran out of time, -2 when git could not be started
    out: str
    err: str

    @property
    def timed_out(self) -> bool:
        return self.code == -1


def run_git(
    args: Sequence[str], cwd: Path, timeout: float = LOCAL_TIMEOUT, env: dict[str, str] | None = None
) -> Run:
    """Run `git args` in `cwd` with no terminal input and a time limit.

    git is started in a session of its own so that, when time runs out, the whole group
    (git, a hook it is running, any ssh or http helper) is stopped, not just git itself.
    It is asked to stop (SIGTERM), which git answers by removing the lock files it holds
    (`.git/index.lock` and the like) before it exits; only a git that ignores the request
    for `STOP_GRACE` seconds is killed outright. Either way, a lock file this command made
    and left behind is then removed (`_clear_own_locks`), so the repository is never left
    locked for the next commit.
    """
    started = time.time()
    try:
        proc = subprocess.Popen(
            ["git", *args],
            cwd=cwd,
            env=env or git_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        return Run(-2, "", str(exc))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop_group(proc)
        _clear_own_locks(cwd, started)
        return Run(-1, "", "")
    return Run(proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


STOP_GRACE = 5.0  # seconds a git asked to stop has to clean up before it is killed


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Ask git's whole process group to stop, wait for it, and kill it only if it will not."""
    for sig, wait in ((signal.SIGTERM, STOP_GRACE), (signal.SIGKILL, 2.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)
        try:
            proc.communicate(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    # A hook's own children may outlive git in the same group: ask them to go too.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGTERM)


def _git_dirs(cwd: Path) -> list[Path]:
    """This repository's git folder and, for a linked work tree, the shared one."""
    here = Path(os.path.abspath(cwd))
    for top in (here, *here.parents):
        dot = top / ".git"
        if dot.is_dir():
            return [dot]
        if dot.is_file():
            try:
                line = dot.read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                return []
            if not line.startswith("gitdir: "):
                return []
            own = (top / line[8:]).resolve()
            dirs = [own]
            with contextlib.suppress(OSError):
                common = (own / "commondir").read_text(encoding="utf-8", errors="replace").strip()
                dirs.append((own / common).resolve())
            return dirs
    return []


def leftover_locks(cwd: Path, since: float = 0.0) -> list[Path]:
    """Lock files in the repository's git folder (the index, HEAD, config, packed refs and
    every ref) made at or after `since` (a time.time() value)."""
    found: list[Path] = []
    for gd in _git_dirs(cwd):
        candidates = [*gd.glob("*.lock")]
        refs = gd / "refs"
        if refs.is_dir():
            candidates += refs.rglob("*.lock")
        for lock in candidates:
            with contextlib.suppress(OSError):
                if lock.stat().st_mtime >= since - 0.1:  # file times lag the clock a little
                    found.append(lock)
    return found


def _clear_own_locks(cwd: Path, started: float) -> None:
    """Remove lock files made while the stopped git ran: its whole group has ended, so no
    program of ours holds them, and left in place they would block every later commit."""
    for lock in leftover_locks(cwd, started):
        with contextlib.suppress(OSError):
            lock.unlink()
