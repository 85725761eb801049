"""The team's shared repository, through the `git` the user already has.

Partners keep each sitting in their team's git repository so they can compare over time,
but most of them will never type a git command, so the app and `collabcheck commit` do it
for them. Three promises shape this module:

- It commits exactly the files of one sitting and nothing else: other staged or unstaged
  work in the repository is never committed, and stays as it was (`git commit --only`).
- It never asks for, or stores, a password or key. Every git command runs with prompts
  switched off and no terminal to read from, so a push that would ask fails plainly at
  once instead of hanging; and every command has a time limit.
- Every failure comes back as an `Outcome`: a small code and the facts for the one plain
  sentence render/git_words.py says for it. Nothing here ever touches the snapshot file
  itself, so it always stays safe on disk.

Running git itself (no prompts, a time limit, stopping it so it cleans up its locks) is in
core/git_run.py; pushing (the part that talks to the network) is in core/git_push.py. Plain modules: no
Textual, so the command line and the app share them.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from collabcheck.core.dates import long_date  # commit messages name the date
from collabcheck.core.git_run import LOCAL_TIMEOUT as LOCAL_TIMEOUT
from collabcheck.core.git_run import Run as Run
from collabcheck.core.git_run import git_env as git_env
from collabcheck.core.git_run import leftover_locks as leftover_locks
from collabcheck.core.git_run import run_git as run_git

PUSH_TIMEOUT = 30.0  # a push or pull over the network

# -- the kinds of result ---------------------------------------------------------------------

OK = "ok"
NO_GIT = "no-git"
NOT_REPO = "not-repo"
IGNORED = "ignored"
NO_IDENTITY = "no-identity"
NOTHING = "nothing"
MISSING = "missing"
REJECTED = "rejected"
NO_REMOTE = "no-remote"
NETWORK = "network"
AUTH = "auth"
TIMEOUT = "timeout"
FAILED = "failed"
DETACHED = "detached"
BUSY = "busy"
READ_ONLY = "read-only"
LOCKED = "locked"


@dataclass(frozen=True)
class Outcome:
    """What happened. `kind` says what can be done next (try again, pull first, set a name);
    `code` names the sentence render/git_words.py says for it (the kind itself, unless a
    kind has several), with the `facts` that sentence needs; `detail` keeps git's own words
    for whoever looks after the repository. No words here: they live with the others."""

    kind: str
    code: str = ""
    facts: Mapping[str, object] = field(default_factory=dict)
    detail: str = ""

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", self.kind)

    @property
    def ok(self) -> bool:
        return self.kind == OK


@dataclass(frozen=True)
class Place:
    """Where the snapshot folder stands with git: in a repository and not ignored, or not."""

    folder: Path
    kind: str  # OK, NO_GIT, NOT_REPO or IGNORED
    root: Path | None = None

    @property
    def ok(self) -> bool:
        return self.kind == OK


def has_git() -> bool:
    return shutil.which("git") is not None


def _existing(folder: Path) -> Path:
    """The folder itself, or the nearest folder above it that exists (it may not be made yet)."""
    folder = Path(os.path.abspath(folder))
    while not folder.is_dir() and folder.parent != folder:
        folder = folder.parent
    return folder


def repo_root(folder: Path) -> Path | None:
    """The top of the git work tree holding `folder`, or None."""
    r = run_git(["rev-parse", "--show-toplevel"], _existing(folder))
    return Path(r.out.strip()) if r.code == 0 and r.out.strip() else None


def is_ignored(path: Path, root: Path) -> bool:
    """True when git ignores `path` (which need not exist yet)."""
    rel = os.path.relpath(os.path.abspath(path), root)
    return run_git(["check-ignore", "-q", "--", rel], root).code == 0


def where(folder: str | Path) -> Place:
    """Is the snapshot folder inside a git work tree, and not ignored there?

    A would-be snapshot file is checked, so a pattern such as `/collabcheck/` is seen
    whether or not the folder has been made yet.
    """
    folder = Path(folder)
    if not has_git():
        return Place(folder, NO_GIT)
    root = repo_root(folder)
    if root is None:
        return Place(folder, NOT_REPO)
    if is_ignored(Path(os.path.abspath(folder)) / "2000-01-01T0000-probe.toml", root):
        return Place(folder, IGNORED, root)
    return Place(folder, OK, root)


# -- identity ------------------------------------------------------------------------------


def identity(root: Path) -> tuple[str, str]:
    """The name and email git would record here ('' for whichever is not set)."""

    def get(key: str, *envs: str) -> str:
        for e in envs:
            if os.environ.get(e, "").strip():
                return os.environ[e].strip()
        r = run_git(["config", "--get", key], root)
        return r.out.strip() if r.code == 0 else ""

    return (get("user.name", "GIT_AUTHOR_NAME"), get("user.email", "GIT_AUTHOR_EMAIL", "EMAIL"))


def set_identity(root: Path, name: str, email: str) -> Outcome:
    """Set user.name and user.email for this repository only (git config --local)."""
    name, email = " ".join(name.split()), email.strip()
    if not name or not re.fullmatch(r"[^\s@<>]+@[^\s@<>]+", email):
        return Outcome(FAILED, "bad-identity")
    for key, value in (("user.name", name), ("user.email", email)):
        r = run_git(["config", "--local", key, value], root)
        if r.code != 0:
            return Outcome(FAILED, "identity-not-saved", detail=r.err.strip())
    return Outcome(OK, "identity-set", {"name": name, "email": email})


# -- committing ----------------------------------------------------------------------------


def commit_message(sittings: Iterable[tuple[str, date]]) -> str:
    """'collabcheck sitting: maya-and-dev, 28 November 2026' (one line per sitting after the
    first line when there are several), so every commit in a shared repository says whose it is."""
    items = list(sittings)
    if len(items) == 1:
        pair, when = items[0]
        return f"collabcheck sitting: {pair}, {long_date(when)}"
    pairs = list(dict.fromkeys(p for p, _ in items))
    head = f"collabcheck sittings: {', '.join(pairs)}"
    if len(head) > 72:
        head = f"collabcheck: {len(items)} sittings of {len(pairs)} partnerships"
    return head + "\n\n" + "\n".join(f"- {p}, {long_date(w)}" for p, w in items)


def _common_root(paths: list[Path]) -> tuple[Path | None, Outcome | None]:
    if not has_git():
        return None, Outcome(NO_GIT, "no-git-commit")
    for p in paths:
        if not p.is_file():
            return None, Outcome(MISSING, facts={"path": p})
    roots = {repo_root(p.parent) for p in paths}
    if None in roots:
        where_ = paths[0].parent
        return None, Outcome(NOT_REPO, "not-repo-commit", {"folder": where_})
    if len(roots) > 1:
        return None, Outcome(FAILED, "different-repos")
    return roots.pop(), None


# What git leaves in its folder while an operation waits to be finished, and its plain name.
IN_PROGRESS = (
    ("rebase-merge", "rebase"),
    ("rebase-apply", "rebase"),
    ("MERGE_HEAD", "merge"),
    ("CHERRY_PICK_HEAD", "cherry-pick"),
    ("REVERT_HEAD", "revert"),
    ("BISECT_LOG", "bisect"),
)


def not_on_a_branch(root: Path) -> Outcome | None:
    """Why a commit must not be made here now, or None when the repository is on a branch
    with nothing half done.

    A commit on a detached HEAD, or in the middle of a rebase, merge or cherry-pick, is on
    no branch, or is swept up in the operation: once it is finished or stopped the snapshot
    file leaves the disk and lives only in git's reflog, where partners will never look.
    """
    gd = run_git(["rev-parse", "--absolute-git-dir"], root)
    git_dir = Path(gd.out.strip()) if gd.code == 0 and gd.out.strip() else None
    if git_dir is not None:
        for marker, what in IN_PROGRESS:
            if (git_dir / marker).exists():
                return Outcome(BUSY, facts={"what": what})
    if run_git(["symbolic-ref", "-q", "HEAD"], root).code != 0:
        return Outcome(DETACHED)
    return None


def commit_files(paths: Sequence[str | Path], message: str, timeout: float = LOCAL_TIMEOUT) -> Outcome:
    """Commit exactly these files (new or changed) and nothing else.

    `git add` stages only these paths, then `git commit --only` records only them: other
    staged or unstaged work in the repository stays exactly as it was, staged or not. If
    the commit fails, files that were not tracked before are unstaged again.
    """
    files = [Path(os.path.abspath(p)) for p in paths]
    root, problem = _common_root(files)
    if problem is not None or root is None:
        return problem or Outcome(NOT_REPO, "not-repo-commit", {"folder": files[0].parent})
    rel = [os.path.relpath(p, root) for p in files]
    for p, r in zip(files, rel, strict=True):
        if is_ignored(p, root):
            return Outcome(IGNORED, "ignored-file", {"file": r})
    stuck = not_on_a_branch(root)
    if stuck is not None:
        return stuck
    name, email = identity(root)
    if not name or not email:
        return Outcome(NO_IDENTITY)
    status = run_git(["status", "--porcelain", "-z", "--untracked-files=all", "--", *rel], root, timeout)
    if status.code == 0 and not status.out.strip("\0"):
        return Outcome(NOTHING)
    tracked = run_git(["ls-files", "-z", "--", *rel], root, timeout)
    was_tracked = set(tracked.out.split("\0")) if tracked.code == 0 else set(rel)
    added = run_git(["add", "--", *rel], root, timeout)
    if added.code != 0:
        return _commit_failure(added, timeout)
    done = run_git(["commit", "--quiet", "--only", "-m", message, "--", *rel], root, timeout)
    if done.code == 0:
        return Outcome(OK, "committed", {"subject": message.splitlines()[0]})
    new = [r for r in rel if r not in was_tracked]
    if new:  # put the index back as it was for files we staged
        has_head = run_git(["rev-parse", "--verify", "-q", "HEAD"], root).code == 0
        run_git(["reset", "-q", "--", *new] if has_head else ["rm", "-q", "--cached", "--", *new], root)
    return _commit_failure(done, timeout)


def _commit_failure(r: Run, timeout: float) -> Outcome:
    err = r.err.strip()
    if r.timed_out:
        return Outcome(TIMEOUT, "commit-timeout", {"timeout": timeout})
    if "tell me who you are" in err or "auto-detect email" in err or "empty ident" in err:
        return Outcome(NO_IDENTITY, detail=err)
    low = err.lower()
    if any(
        s in low
        for s in (
            "permission denied",
            "read-only file system",
            "insufficient permission",
            "operation not permitted",
        )
    ):
        return Outcome(READ_ONLY, detail=err)
    if ".lock" in err and "exists" in low:
        return Outcome(LOCKED, detail=err)
    return Outcome(FAILED, "commit-failed", detail=err)


def status_paths(out: str) -> set[str]:
    """Every path named in `git status --porcelain -z` output.

    Each entry is "XY path"; a rename or copy ("R" or "C" in X or Y) is followed by one more
    field, the path it came from, with no "XY " in front. Both paths are changed here, so
    both are returned (reading that second field as an entry would cut three letters off it
    and name some other file).
    """
    paths: set[str] = set()
    fields = out.split("\0")
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if len(entry) < 4:
            continue
        paths.add(entry[3:])
        if "R" in entry[:2] or "C" in entry[:2]:
            if i < len(fields) and fields[i]:
                paths.add(fields[i])
            i += 1
    return paths


# -- history -------------------------------------------------------------------------------


def state_of(folder: str | Path) -> str:
    """A cheap fingerprint of the repository holding `folder` (no git process): HEAD and the
    times the index and the current branch last changed. Whatever is committed can only
    change when one of these does, so history's kept output is redone after a commit."""
    here = Path(os.path.abspath(folder))
    for top in (here, *here.parents):
        dot = top / ".git"
        if dot.exists():
            parts = []
            for name in ("HEAD", "index", "packed-refs"):
                try:
                    st = (dot / name).stat()
                    parts.append(f"{name}:{st.st_mtime_ns}:{st.st_size}")
                except OSError:
                    parts.append(f"{name}:-")
            try:
                head = (dot / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
                if head.startswith("ref: "):
                    ref = dot / head[5:]
                    parts.append(f"{head}:{ref.stat().st_mtime_ns}")
            except OSError:
                pass
            return "|".join(parts)
    return "no repository"


def _nearest_dot_git(folder: Path, memo: dict[Path, Path | None]) -> Path | None:
    """The nearest folder at or above `folder` holding a `.git` (folder or file), or None."""
    seen: list[Path] = []
    here: Path | None = folder
    found: Path | None = None
    while here is not None:
        if here in memo:
            found = memo[here]
            break
        seen.append(here)
        if os.path.lexists(here / ".git"):
            found = here
            break
        here = here.parent if here.parent != here else None
    for d in seen:
        memo[d] = found
    return found


def _roots_of(folders: set[Path]) -> dict[Path, Path] | None:
    """Each folder's work-tree top, asking git once per repository rather than once per folder.

    Folders are grouped by the nearest `.git` above them (a cheap look at the disk, which
    also tells nested repositories apart), and git confirms one folder of each group. Should
    git disagree with the guess (GIT_DIR set, say), every folder of that group is asked.
    None when any folder is not in a repository.
    """
    memo: dict[Path, Path | None] = {}
    groups: dict[Path | None, list[Path]] = {}
    for d in sorted(folders):
        groups.setdefault(_nearest_dot_git(d, memo), []).append(d)
    out: dict[Path, Path] = {}
    for guess, members in groups.items():
        root = repo_root(members[0])
        if root is None:
            return None
        if guess is not None and os.path.realpath(root) == os.path.realpath(guess):
            out.update(dict.fromkeys(members, root))
            continue
        for d in members:
            top = repo_root(d)
            if top is None:
                return None
            out[d] = top
    return out


def uncommitted(paths: Iterable[str | Path], timeout: float = LOCAL_TIMEOUT) -> set[Path] | None:
    """Which of these files are not committed (new, changed, only staged, or ignored).

    None when they are not all in a git repository (or git is missing), so callers say
    nothing rather than something wrong. Paths come back absolute. git is asked a few times
    per repository, never once per file or folder, so a programme's thousands of sittings
    in hundreds of folders stay quick.
    """
    names = [os.path.abspath(p) for p in paths]
    if not names or not has_git():
        return None
    folders = _roots_of({Path(d) for d in {os.path.dirname(n) for n in names}})
    if folders is None:
        return None
    files = [Path(n) for n in names]
    committed: set[Path] = set()
    for root in set(folders.values()):
        assert root is not None
        rel = [os.path.relpath(d, root) for d, r in folders.items() if r == root]
        tracked = run_git(["ls-files", "-z", "--", *rel], root, timeout)
        changed = run_git(["status", "--porcelain", "-z", "--untracked-files=no", "--", *rel], root, timeout)
        if tracked.code != 0 or changed.code != 0:
            return None
        # Entries are "XY path"; a staged new file ("A ") is in the index but in no commit.
        pending = {Path(os.path.abspath(root / p)) for p in status_paths(changed.out)}
        committed |= {Path(os.path.abspath(root / n)) for n in tracked.out.split("\0") if n} - pending
    return {f for f in files if f not in committed}
