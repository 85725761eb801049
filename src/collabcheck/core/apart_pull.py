"""Bringing in the team's latest work for sitting apart, including a repository just begun.

A team often starts with an empty shared repository, cloned by each partner before anyone
has committed anything. git's usual way of bringing work in cannot run there (there is no
commit here to put theirs on top of, or nothing on the shared copy to fetch), and its words
would be a puzzle. So: when the shared copy holds nothing yet there is nothing to bring in,
said in one plain sentence; when this clone has no commit yet but the shared copy has, this
clone simply takes the shared copy's work. Everything else is core/git_push.py's. No Textual.
"""

from __future__ import annotations

import os
from pathlib import Path

from collabcheck.core import git, git_push

EMPTY = "empty"  # an Outcome kind: the shared copy has nothing in it yet (not a failure)


def _env() -> dict[str, str]:
    env = git.git_env()
    if "GIT_SSH" not in env and "GIT_SSH_COMMAND" not in env:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=10"
    return env


def has_commits(root: Path) -> bool:
    """Whether this clone has any commit yet (a clone of an empty repository has none)."""
    return git.run_git(["rev-parse", "--verify", "--quiet", "HEAD"], root).code == 0


def _remote(root: Path, branch: str) -> str | None:
    r = git.run_git(["config", "--get", f"branch.{branch}.remote"], root)
    if r.code == 0 and r.out.strip():
        return r.out.strip()
    remotes = git.run_git(["remote"], root).out.split()
    return "origin" if "origin" in remotes else (remotes[0] if len(remotes) == 1 else None)


def first_pull(root: Path, timeout: float = git.PUSH_TIMEOUT) -> git.Outcome:
    """For a clone with no commit yet: take the shared copy's work, or say it is empty."""
    head = git.run_git(["symbolic-ref", "-q", "--short", "HEAD"], root)
    branch = head.out.strip() if head.code == 0 else ""
    remote = _remote(root, branch) if branch else None
    if remote is None:
        return git.Outcome(git.NO_REMOTE, "pull-no-remote")
    heads = git.run_git(["ls-remote", "--heads", remote], root, timeout, _env())
    if heads.code != 0:
        return git.Outcome(git.NETWORK, "pull-unreachable", detail=heads.err.strip())
    names = {line.split("\t", 1)[1] for line in heads.out.splitlines() if "\t" in line}
    if not names:
        return git.Outcome(EMPTY)
    target = f"refs/heads/{branch}" if f"refs/heads/{branch}" in names else sorted(names)[0]
    fetched = git.run_git(["fetch", "--quiet", remote, target], root, timeout, _env())
    if fetched.code != 0:
        return git.Outcome(git.NETWORK, "pull-unreachable", detail=fetched.err.strip())
    taken = git.run_git(["checkout", "--quiet", "-B", branch, "FETCH_HEAD"], root)
    if taken.code != 0:
        return git.Outcome(git.FAILED, "pull-in-the-way", detail=taken.err.strip())
    git.run_git(
        ["branch", "--quiet", f"--set-upstream-to={remote}/{target.removeprefix('refs/heads/')}"], root
    )
    return git.Outcome(git.OK, "brought-in")


def pull(folder: Path, timeout: float = git.PUSH_TIMEOUT) -> git.Outcome:
    """Bring in the team's latest work (and push anything of ours still waiting)."""
    place = git.where(folder)
    if place.kind == git.NO_GIT:
        return git.Outcome(git.NO_GIT, "no-git-commit")
    if place.root is None:
        return git.Outcome(git.NOT_REPO, "push-not-repo")
    if not has_commits(place.root):
        return first_pull(Path(os.path.abspath(place.root)), timeout)
    pulled = git_push.pull_and_push(folder, timeout)
    if not pulled.ok and "couldn't find remote ref" in pulled.detail.lower():
        pushed = git_push.push(folder, timeout)  # commits here, none yet on the shared copy
        return pushed if not pushed.ok else git.Outcome(EMPTY)
    return pulled
