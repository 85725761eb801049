"""Proof from `git log` that nobody changed an answer after seeing another's.

The files of a sitting apart show what was sealed and revealed, but only the repository's
history shows *when*. For one sitting this checks, from the commits themselves:

- every partner's seal was committed once and never changed;
- every reveal was committed in a commit that already had every seal behind it (each seal
  commit is an ancestor of the reveal commit's parent), so no reveal came before the last
  seal;
- every reveal, as committed, matches its seal.

Results are data (`Check`), worded by render/apart_proof.py. Uses the user's own `git`
through core/git.py, with its time limits and no prompts. No Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from collabcheck.core.apart import (
    REVEAL_SUFFIX,
    SEAL_SUFFIX,
    SITTING_FILE,
    ApartError,
    Opened,
    folder_of,
    read_opened,
    reveal_from,
    seal_from,
)
from collabcheck.core.errors import CollabcheckError
from collabcheck.core.files import parse_toml
from collabcheck.core.git import repo_root, run_git

SEAL_ONCE, REVEAL_AFTER = "seal-once", "reveal-after"
REVEAL_MATCHES, NOT_COMMITTED = "reveal-matches", "not-committed"


@dataclass(frozen=True)
class Check:
    """One thing checked: `what` (SEAL_ONCE…), for whom, whether it held, and the commit."""

    what: str
    partner: str
    ok: bool
    commit: str = ""


@dataclass
class Verification:
    opened: Opened | None
    checks: list[Check] = field(default_factory=list)
    problem: str = ""  # why nothing could be checked ('' when something was)
    commits: int = 0

    @property
    def ok(self) -> bool:
        return not self.problem and all(c.ok for c in self.checks)


def _history(root: Path, rel: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Commits touching `rel`, oldest first: (hash, [(status letter, path)])."""
    r = run_git(
        [
            "log",
            "--reverse",
            "--topo-order",
            "--no-renames",
            "--format=%x01%H",
            "--name-status",
            "-z",
            "--",
            rel,
        ],
        root,
    )
    if r.code != 0:
        raise CollabcheckError(rel, "its history could not be read from git")
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for block in r.out.split("\x01")[1:]:
        head, _, rest = block.partition("\n")
        fields = [f for f in rest.strip("\n").split("\0") if f]
        changes = [(fields[i].strip(), fields[i + 1]) for i in range(0, len(fields) - 1, 2)]
        out.append((head.strip().strip("\0"), changes))
    return out


def _is_ancestor(root: Path, older: str, newer: str) -> bool:
    return run_git(["merge-base", "--is-ancestor", older, newer], root).code == 0


def _show(root: Path, commit: str, rel: str) -> bytes | None:
    r = run_git(["show", f"{commit}:{rel}"], root)
    return r.out.encode("utf-8") if r.code == 0 else None


def verify(snapshot_dir: Path, sitting_id: str) -> Verification:
    """Check one sitting apart's order and seals from the commits (see the module)."""
    folder = folder_of(snapshot_dir, sitting_id)
    try:
        opened = read_opened(folder / SITTING_FILE)
    except CollabcheckError as exc:
        return Verification(None, problem=str(exc))
    root = repo_root(folder)
    if root is None:
        return Verification(opened, problem="not-repo")
    rel = os.path.relpath(os.path.abspath(folder), root).replace(os.sep, "/")
    try:
        history = _history(root, rel)
    except CollabcheckError as exc:
        return Verification(opened, problem=str(exc))
    result = Verification(opened, commits=len(history))
    seal_commits: dict[str, str] = {}
    seal_changes: dict[str, int] = {}
    reveal_commit: dict[str, str] = {}
    for commit, changes in history:
        for status, path in changes:
            name = path.rsplit("/", 1)[-1]
            if name.endswith(SEAL_SUFFIX):
                pid = name[: -len(SEAL_SUFFIX)]
                seal_commits.setdefault(pid, commit)
                seal_changes[pid] = seal_changes.get(pid, 0) + 1
            elif name.endswith(REVEAL_SUFFIX) and status.startswith("A"):
                reveal_commit.setdefault(name[: -len(REVEAL_SUFFIX)], commit)
    for pid in opened.partner_ids:
        if pid not in seal_commits:
            result.checks.append(Check(NOT_COMMITTED, pid, pid not in reveal_commit))
            continue
        result.checks.append(Check(SEAL_ONCE, pid, seal_changes[pid] == 1, seal_commits[pid]))
    for pid in opened.partner_ids:
        if pid not in reveal_commit:
            continue
        commit = reveal_commit[pid]
        before = all(
            pid_ in seal_commits
            and seal_commits[pid_] != commit
            and _is_ancestor(root, seal_commits[pid_], f"{commit}^")
            for pid_ in opened.partner_ids
        )
        result.checks.append(Check(REVEAL_AFTER, pid, before, commit))
        result.checks.append(
            Check(REVEAL_MATCHES, pid, _matches(root, rel, pid, opened, seal_commits.get(pid)), commit)
        )
    return result


def _matches(root: Path, rel: str, pid: str, opened: Opened, seal_commit: str | None) -> bool:
    """Whether the reveal as committed now matches the seal as first committed."""
    if seal_commit is None:
        return False
    seal_rel, reveal_rel = f"{rel}/{pid}{SEAL_SUFFIX}", f"{rel}/{pid}{REVEAL_SUFFIX}"
    seal_bytes, reveal_bytes = _show(root, seal_commit, seal_rel), _show(root, "HEAD", reveal_rel)
    if seal_bytes is None or reveal_bytes is None:
        return False
    try:
        seal = seal_from(parse_toml(seal_bytes, seal_rel, ApartError), Path(seal_rel), pid)
        reveal = reveal_from(
            parse_toml(reveal_bytes, reveal_rel, ApartError), Path(reveal_rel), pid, opened, None
        )
    except CollabcheckError:
        return False
    return reveal.matches(opened.id, seal)
