"""Pushing a committed sitting to the team's shared repository, and pulling first when needed.

Kept apart from core/git.py (which finds the repository and commits) because this is the
part that talks to the network: every command here has a time limit, ssh runs in batch
mode, and git's own words are turned into a small code (rejected, asked for a password, no
network, too slow) that render/git_words.py says in one plain sentence. Nothing here touches
the snapshot file, and other work in progress is put back exactly as it was. No Textual.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from collabcheck.core.git import (
    AUTH,
    FAILED,
    NETWORK,
    NO_REMOTE,
    NOT_REPO,
    OK,
    PUSH_TIMEOUT,
    REJECTED,
    TIMEOUT,
    Outcome,
    Run,
    git_env,
    has_git,
    not_on_a_branch,
    repo_root,
    run_git,
    status_paths,
)


def _branch(root: Path) -> str | None:
    r = run_git(["symbolic-ref", "-q", "--short", "HEAD"], root)
    return r.out.strip() if r.code == 0 and r.out.strip() else None


def _remote(root: Path) -> str | None:
    """The remote of this branch's upstream, else 'origin', else the only remote."""
    branch = _branch(root)
    if branch:
        r = run_git(["config", "--get", f"branch.{branch}.remote"], root)
        if r.code == 0 and r.out.strip():
            return r.out.strip()
    remotes = run_git(["remote"], root).out.split()
    if "origin" in remotes:
        return "origin"
    return remotes[0] if len(remotes) == 1 else None


def _net_env(root: Path) -> dict[str, str]:
    """git_env, with ssh told never to ask (keeping any ssh command the user set up)."""
    env = git_env()
    if "GIT_SSH" not in env:
        ssh = env.get("GIT_SSH_COMMAND") or run_git(["config", "--get", "core.sshCommand"], root).out.strip()
        env["GIT_SSH_COMMAND"] = f"{ssh or 'ssh'} -o BatchMode=yes -o ConnectTimeout=10"
    return env


def _network_failure(r: Run, doing: str, timeout: float) -> Outcome:
    err = r.err
    low = err.lower()
    if r.timed_out:
        return Outcome(TIMEOUT, "network-timeout", {"timeout": timeout, "doing": doing})
    # "cannot lock ref" and "failed to update ref": another push was updating the same
    # branch at that very moment, which a fetch and a second try gets past like a rejection.
    if any(
        s in low
        for s in (
            "rejected",
            "non-fast-forward",
            "fetch first",
            "cannot lock ref",
            "failed to update ref",
            "failed to lock",
            "incorrect old value",
        )
    ):
        return Outcome(REJECTED, detail=err.strip())
    if any(
        s in low
        for s in (
            "could not read username",
            "could not read password",
            "terminal prompts disabled",
            "authentication failed",
            "permission denied",
            "host key verification failed",
            "returned error: 403",
            "returned error: 401",
            "access denied",
            "askpass",
        )
    ):
        return Outcome(AUTH, detail=err.strip())
    if any(
        s in low
        for s in (
            "could not resolve",
            "unable to access",
            "connection refused",
            "network is unreachable",
            "could not read from remote",
            "connection timed out",
            "no route to host",
            "does not appear to be",
        )
    ):
        return Outcome(NETWORK, detail=err.strip())
    return Outcome(FAILED, "network-failed", {"doing": doing}, err.strip())


def push(folder: str | Path, timeout: float = PUSH_TIMEOUT) -> Outcome:
    """Push this branch to its shared repository, within `timeout` seconds."""
    root = repo_root(Path(folder)) if has_git() else None
    if root is None:
        return Outcome(NOT_REPO, "push-not-repo")
    branch = _branch(root)
    if branch is None:
        return Outcome(FAILED, "no-branch")
    remote = _remote(root)
    if remote is None:
        return Outcome(NO_REMOTE)
    target = _target(root, branch)
    waiting = _waiting(root, remote, target)
    r = run_git(["push", "--porcelain", remote, f"HEAD:{target}"], root, timeout, _net_env(root))
    if r.code != 0:
        return _network_failure(r, "push", timeout)
    return Outcome(OK, "pushed", {"waiting": waiting})


def _target(root: Path, branch: str) -> str:
    """The branch this one pushes to: its upstream if it has one, else the same name."""
    r = run_git(["config", "--get", f"branch.{branch}.merge"], root)
    merge = r.out.strip() if r.code == 0 else ""
    return merge if merge.startswith("refs/heads/") else f"refs/heads/{branch}"


def _waiting(root: Path, remote: str, target: str) -> int:
    """How many commits here are not on the shared copy yet, as far as we last saw (0 if unknown)."""
    tracking = f"refs/remotes/{remote}/{target.removeprefix('refs/heads/')}"
    r = run_git(["rev-list", "--count", f"{tracking}..HEAD"], root)
    return int(r.out.strip()) if r.code == 0 and r.out.strip().isdigit() else 0


def pull_and_push(folder: str | Path, timeout: float = PUSH_TIMEOUT) -> Outcome:
    """Fetch what others pushed, put our commits on top of theirs, and push again.

    Every sitting is its own file, so sittings never conflict. Other work in progress in the
    repository (staged or not) is put aside and put back exactly as it was (`--autostash`),
    and only when the team's new commits do not touch those same files; otherwise nothing
    is changed and the partners are told so.
    """
    root = repo_root(Path(folder)) if has_git() else None
    branch = _branch(root) if root else None
    remote = _remote(root) if root else None
    if root is None or branch is None or remote is None:
        return push(folder, timeout)
    stuck = not_on_a_branch(root)
    if stuck is not None:  # never start a rebase inside someone's unfinished one
        return stuck
    started = time.monotonic()
    fetched = run_git(["fetch", "--quiet", remote, _target(root, branch)], root, timeout, _net_env(root))
    if fetched.code != 0:
        return _network_failure(fetched, "fetch", timeout)
    status = run_git(["status", "--porcelain", "-z", "--untracked-files=no"], root)
    mine = status_paths(status.out)
    theirs = set(run_git(["diff", "--name-only", "-z", "HEAD...FETCH_HEAD"], root).out.split("\0"))
    if mine & theirs:
        return Outcome(FAILED, "overlap", detail=", ".join(sorted(mine & theirs)))
    rebased = run_git(["rebase", "--quiet", "--autostash", "FETCH_HEAD"], root)
    if rebased.code != 0:
        run_git(["rebase", "--abort"], root)
        return Outcome(FAILED, "rebase-failed", detail=rebased.err.strip())
    return push(folder, max(5.0, timeout - (time.monotonic() - started)))


def push_until_through(
    folder: str | Path, timeout: float = PUSH_TIMEOUT, turned_away: Callable[[], None] | None = None
) -> Outcome:
    """Push; while someone else's push gets in first, fetch their work and try again, until
    it goes through or `timeout` seconds have passed in all.

    Several partnerships may press "push" in the same minute: each try can lose the race
    to another (a rejection, or the shared branch locked by a push under way), and since
    every sitting is its own file, fetching and trying again always gets there. A short
    random pause between tries keeps the racers from colliding in step. `turned_away` is
    called once, the first time a push is turned away, so a caller can say what is going on.
    """
    deadline = time.monotonic() + timeout
    out = push(folder, timeout)
    tries = 0
    while out.kind == REJECTED:
        if tries == 0 and turned_away is not None:
            turned_away()
        tries += 1
        time.sleep(random.uniform(0.05, 0.25) * min(tries, 4))
        left = deadline - time.monotonic()
        if left < 1.0:
            break
        out = pull_and_push(folder, left)
    return out
