"""Bringing in the team's latest work for sitting apart, including a repository just begun.

A team often starts with an empty shared repository, cloned by each partner before anyone
has committed anything. git's usual way of bringing work in cannot run there (there is no
commit here to put theirs on top of, or nothing on the shared copy to fetch), and its words
would be a puzzle. So: when the shared copy holds nothing yet there is nothing to bring in,
said in one plain sentence; when this clone has no commit yet but the shared copy has, this
clone simply takes the shared copy's work. Everything else is core/git_push.py's.

One clash can happen between partners' work: two of them record an agreement at the same
moment, and each collabcheck adds its own `[agreed]` table to the same combined snapshot.
Putting our commits on top of the team's then stops on that file, and left so the clone
could never share again (every later pull stopping on the same file). When that table is
the only difference, the shared copy's table stands (an agreement is never replaced), ours
gives way, and our own agreement file is still shared, so nothing a partner recorded is
lost; the Outcome names the files (`GAVE_WAY`), so the partner is told. No Textual.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from collabcheck.core import git, git_push
from collabcheck.core.apart_agree import without_agreed

EMPTY = "empty"  # an Outcome kind: the shared copy has nothing in it yet (not a failure)
GAVE_WAY = "gave_way"  # Outcome fact: [(snapshot path, sitting id, practice kept, ours)]
_SAT_APART = "# sat apart: sitting "  # the line core/apart_combine.py writes in a combined snapshot


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
    if pulled.code == "rebase-failed":
        pulled = _agreed_at_once(Path(os.path.abspath(place.root)), folder, timeout) or pulled
    if not pulled.ok and "couldn't find remote ref" in pulled.detail.lower():
        pushed = git_push.push(folder, timeout)  # commits here, none yet on the shared copy
        return pushed if not pushed.ok else git.Outcome(EMPTY)
    return pulled


def _show(root: Path, rev: str, path: str) -> str | None:
    r = git.run_git(["show", f"{rev}:{path}"], root)
    return r.out if r.code == 0 else None


def _agreement_of(text: str) -> tuple[str, int | None]:
    """(sitting id, agreed practice) of a combined snapshot's text; ("", None) if not one."""
    line = next((x for x in text.splitlines()[:3] if x.startswith(_SAT_APART)), "")
    sid = line.removeprefix(_SAT_APART).split(",", 1)[0].strip()
    try:
        practice = tomllib.loads(text).get("agreed", {}).get("practice")
    except tomllib.TOMLDecodeError:
        return "", None
    return sid, practice if type(practice) is int else None


def _agreed_at_once(root: Path, folder: Path, timeout: float) -> git.Outcome | None:
    """Our commits could not be put on top of the team's (just fetched, FETCH_HEAD). When
    every file both sides changed is a combined snapshot of a sitting apart that differs only
    in its `[agreed]` table, put ours on top keeping the team's version of those files, then
    push; None (nothing changed) when the clash is anything else."""
    base = git.run_git(["merge-base", "HEAD", "FETCH_HEAD"], root)
    if base.code != 0 or git.not_on_a_branch(root) is not None:
        return None
    changed = [
        set(git.run_git(["diff", "--name-only", "-z", base.out.strip(), rev], root).out.split("\0")) - {""}
        for rev in ("HEAD", "FETCH_HEAD")
    ]
    both = sorted(changed[0] & changed[1])
    gave_way: list[tuple[str, str, int | None, int | None]] = []
    for path in both:
        ours, theirs = _show(root, "HEAD", path), _show(root, "FETCH_HEAD", path)
        if ours is None or theirs is None or without_agreed(ours) != without_agreed(theirs):
            return None
        (sid, kept), (_, mine) = _agreement_of(theirs), _agreement_of(ours)
        if not sid:
            return None  # not a combined snapshot: someone's other work, left as it was
        gave_way.append((str(root / path), sid, kept, mine))
    if not gave_way:
        return None
    # During a rebase "ours" is the side being built on: the team's work, already shared.
    rebased = git.run_git(["rebase", "--quiet", "--autostash", "-X", "ours", "FETCH_HEAD"], root)
    if rebased.code != 0:
        git.run_git(["rebase", "--abort"], root)
        return None
    pushed = git_push.push(folder, timeout)
    facts = {**pushed.facts, GAVE_WAY: [g for g in gave_way if g[2] is not None and g[2] != g[3]]}
    return git.Outcome(pushed.kind, pushed.code, facts, pushed.detail)
