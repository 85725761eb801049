"""The team's shared repository, through the `git` the user already has (spec §8).

Partners keep each sitting in their team's git repository so they can compare over time,
but most of them will never type a git command, so the app and `collabcheck commit` do it
for them. Three promises shape this module:

- It commits exactly the files of one sitting and nothing else: other staged or unstaged
  work in the repository is never committed, and stays as it was (`git commit --only`).
- It never asks for, or stores, a password or key. Every git command runs with prompts
  switched off and no terminal to read from, so a push that would ask fails plainly at
  once instead of hanging; and every command has a time limit.
- Every failure comes back as an `Outcome` holding one plain sentence. Nothing here ever
  touches the snapshot file itself, so it always stays safe on disk.

Plain module: no Textual, so the command line and the app share it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

LOCAL_TIMEOUT = 15.0   # commands that only touch this computer
PUSH_TIMEOUT = 30.0    # a push or pull over the network
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

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


@dataclass(frozen=True)
class Outcome:
    """What happened, as one plain sentence; `detail` keeps git's own words for helpers."""

    kind: str
    message: str
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.kind == OK


@dataclass(frozen=True)
class Place:
    """Where the snapshot folder stands with git: in a repository and not ignored, or not."""

    folder: Path
    kind: str            # OK, NO_GIT, NOT_REPO or IGNORED
    root: Path | None = None

    @property
    def ok(self) -> bool:
        return self.kind == OK

    @property
    def sentence(self) -> str:
        """What it means, in one sentence."""
        folder = str(self.folder).rstrip("/\\") + os.sep
        if self.kind == OK:
            return f"Sittings are saved in {folder}, inside your git repository {self.root}."
        if self.kind == IGNORED:
            return (f"Sittings are saved in {folder}, which your git repository {self.root} is "
                    "set to ignore, so they cannot be committed or shared from there.")
        if self.kind == NO_GIT:
            return (f"Sittings are saved in {folder}, but git is not installed on this computer, "
                    "so they stay on this computer only.")
        return (f"Sittings are saved in {folder}, which is not inside a git repository, so they "
                "stay on this computer only.")

    @property
    def advice(self) -> str:
        """What to do about it, in one sentence ('' when all is well)."""
        if self.kind == OK:
            return ""
        if self.kind == NO_GIT:
            return ("To share them, install git, or copy the file to your team's repository "
                    "and commit it there.")
        if self.kind == IGNORED:
            return ("To share them, start collabcheck again with --dir and a folder that git "
                    "does not ignore, for example --dir sittings.")
        return ("To share them with your team, start collabcheck in your team's repository "
                "folder, or choose a folder inside it with --dir.")


# -- running git ---------------------------------------------------------------------------


def git_env() -> dict[str, str]:
    """The environment for every git command: never a prompt, never an editor.

    GIT_TERMINAL_PROMPT=0 stops git asking on the terminal; the askpass programs are set to
    one that fails, so no window pops up to ask either; Git Credential Manager is told not
    to be interactive; ssh runs in batch mode (never asks for a passphrase or to trust a
    host). A credential helper the user already has still works: we only stop the asking.
    """
    env = dict(os.environ)
    fail = shutil.which("false") or "false"
    env.update({
        "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": fail, "SSH_ASKPASS": fail,
        "SSH_ASKPASS_REQUIRE": "never", "GCM_INTERACTIVE": "never", "GIT_EDITOR": "true",
        "GIT_SEQUENCE_EDITOR": "true", "GIT_MERGE_AUTOEDIT": "no", "LC_ALL": "C", "LANGUAGE": "C",
    })
    return env


@dataclass(frozen=True)
class Run:
    code: int            # -1 when it ran out of time, -2 when git could not be started
    out: str
    err: str

    @property
    def timed_out(self) -> bool:
        return self.code == -1


def run_git(args: Sequence[str], cwd: Path, timeout: float = LOCAL_TIMEOUT,
            env: dict[str, str] | None = None) -> Run:
    """Run `git args` in `cwd` with no terminal input and a time limit.

    git is started in a session of its own so that, when time runs out, the whole group
    (git and any ssh or http helper it started) is stopped, not just git itself.
    """
    try:
        proc = subprocess.Popen(["git", *args], cwd=cwd, env=env or git_env(),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=True)
    except OSError as exc:
        return Run(-2, "", str(exc))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.communicate(timeout=2)
        return Run(-1, "", "")
    return Run(proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"))


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
        return Outcome(FAILED, "Please give a name and an email address such as sam@example.org.")
    for key, value in (("user.name", name), ("user.email", email)):
        r = run_git(["config", "--local", key, value], root)
        if r.code != 0:
            return Outcome(FAILED, "Your name and email could not be saved in this repository's "
                                   "settings.", r.err.strip())
    return Outcome(OK, f"Commits in this repository will now be made as {name} <{email}>.")


# -- committing ----------------------------------------------------------------------------


def long_date(when: object) -> str:
    """'28 November 2026', whatever the reader's locale."""
    d = when  # a date or datetime
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"  # type: ignore[attr-defined]


def commit_message(sittings: Iterable[tuple[str, object]]) -> str:
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
        return None, Outcome(NO_GIT, "git is not installed on this computer, so the sitting "
                                     "cannot be committed; it is still saved.")
    for p in paths:
        if not p.is_file():
            return None, Outcome(MISSING, f"{p} is not there any more, so it cannot be committed.")
    roots = {repo_root(p.parent) for p in paths}
    if None in roots:
        where_ = paths[0].parent
        return None, Outcome(NOT_REPO, f"{where_} is not inside a git repository, so there is "
                                       "nothing to commit to; the file is still saved there.")
    if len(roots) > 1:
        return None, Outcome(FAILED, "These files are in different git repositories; please "
                                     "commit them one repository at a time.")
    return roots.pop(), None


def commit_files(paths: Sequence[str | Path], message: str,
                 timeout: float = LOCAL_TIMEOUT) -> Outcome:
    """Commit exactly these files (new or changed) and nothing else.

    `git add` stages only these paths, then `git commit --only` records only them: other
    staged or unstaged work in the repository stays exactly as it was, staged or not. If
    the commit fails, files that were not tracked before are unstaged again.
    """
    files = [Path(os.path.abspath(p)) for p in paths]
    root, problem = _common_root(files)
    if problem is not None or root is None:
        return problem or Outcome(FAILED, "The repository could not be found.")
    rel = [os.path.relpath(p, root) for p in files]
    for p, r in zip(files, rel, strict=True):
        if is_ignored(p, root):
            return Outcome(IGNORED, f"git is set to ignore {r} in this repository, so it cannot "
                                    "be committed; the file is still saved.")
    name, email = identity(root)
    if not name or not email:
        return Outcome(NO_IDENTITY, "git does not know your name and email yet, so it cannot "
                                    "record who made the commit.")
    status = run_git(["status", "--porcelain", "-z", "--untracked-files=all", "--", *rel], root, timeout)
    if status.code == 0 and not status.out.strip("\0"):
        return Outcome(NOTHING, "This is already committed, so there is nothing new to commit.")
    tracked = run_git(["ls-files", "-z", "--", *rel], root, timeout)
    was_tracked = set(tracked.out.split("\0")) if tracked.code == 0 else set(rel)
    added = run_git(["add", "--", *rel], root, timeout)
    if added.code != 0:
        return _commit_failure(added)
    done = run_git(["commit", "--quiet", "--only", "-m", message, "--", *rel], root, timeout)
    if done.code == 0:
        return Outcome(OK, f"Committed: {message.splitlines()[0]}.")
    new = [r for r in rel if r not in was_tracked]
    if new:  # put the index back as it was for files we staged
        has_head = run_git(["rev-parse", "--verify", "-q", "HEAD"], root).code == 0
        run_git(["reset", "-q", "--", *new] if has_head else ["rm", "-q", "--cached", "--", *new], root)
    return _commit_failure(done)


def _commit_failure(r: Run) -> Outcome:
    err = r.err.strip()
    if r.timed_out:
        return Outcome(TIMEOUT, "git took too long to commit and was stopped; the file is still "
                                "saved, so please try again.")
    if "tell me who you are" in err or "auto-detect email" in err or "empty ident" in err:
        return Outcome(NO_IDENTITY, "git does not know your name and email yet, so it cannot "
                                    "record who made the commit.", err)
    if "index.lock" in err:
        return Outcome(FAILED, "Another git program is working in this repository; close it "
                               "and try again. The file is still saved.", err)
    return Outcome(FAILED, "git could not make the commit; the file is still saved, and "
                           "whoever looks after your repository can see why with git status.", err)


# -- pushing -------------------------------------------------------------------------------


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
        return Outcome(TIMEOUT, f"The shared repository did not answer within {timeout:g} "
                                f"seconds, so {doing} was stopped; the sitting is committed "
                                "here and you can push it later.")
    if any(s in low for s in ("rejected", "non-fast-forward", "fetch first")):
        return Outcome(REJECTED, "Someone else pushed to the shared repository first, so yours "
                                 "was turned away for now.", err.strip())
    if any(s in low for s in ("could not read username", "could not read password",
                              "terminal prompts disabled", "authentication failed",
                              "permission denied", "host key verification failed",
                              "returned error: 403", "returned error: 401",
                              "access denied", "askpass")):
        return Outcome(AUTH, "The shared repository asked for a password or key, and collabcheck "
                             "never asks for those; push once with your usual git tool, then "
                             "try again.", err.strip())
    if any(s in low for s in ("could not resolve", "unable to access", "connection refused",
                              "network is unreachable", "could not read from remote",
                              "connection timed out", "no route to host", "does not appear to be")):
        return Outcome(NETWORK, "The shared repository could not be reached (no network, or the "
                                "address is wrong); the sitting is committed here, so push it "
                                "later.", err.strip())
    return Outcome(FAILED, f"git could not finish ({doing}); the sitting is committed here, and "
                           "whoever looks after your repository can see why.", err.strip())


def push(folder: str | Path, timeout: float = PUSH_TIMEOUT) -> Outcome:
    """Push this branch to its shared repository, within `timeout` seconds."""
    root = repo_root(Path(folder)) if has_git() else None
    if root is None:
        return Outcome(NOT_REPO, "This folder is not inside a git repository, so there is "
                                 "nowhere to push to.")
    branch = _branch(root)
    if branch is None:
        return Outcome(FAILED, "This repository is not on a branch just now, so collabcheck "
                               "cannot tell where to push; the sitting is committed here.")
    remote = _remote(root)
    if remote is None:
        return Outcome(NO_REMOTE, "This repository has no shared copy to push to (no remote); "
                                  "the sitting is committed here only.")
    target = _target(root, branch)
    waiting = _waiting(root, remote, target)
    r = run_git(["push", "--porcelain", remote, f"HEAD:{target}"], root, timeout, _net_env(root))
    if r.code != 0:
        return _network_failure(r, "the push", timeout)
    others = (f", with {waiting - 1} earlier commit{'s' if waiting > 2 else ''} that "
              f"{'were' if waiting > 2 else 'was'} waiting here") if waiting > 1 else ""
    return Outcome(OK, f"Pushed: your team can now see this sitting in the shared repository{others}.")


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
    started = time.monotonic()
    fetched = run_git(["fetch", "--quiet", remote, _target(root, branch)], root, timeout,
                      _net_env(root))
    if fetched.code != 0:
        return _network_failure(fetched, "fetching your team's work", timeout)
    status = run_git(["status", "--porcelain", "-z", "--untracked-files=no"], root)
    mine = {e[3:] for e in status.out.split("\0") if len(e) > 3}
    theirs = set(run_git(["diff", "--name-only", "-z", "HEAD...FETCH_HEAD"], root).out.split("\0"))
    if mine & theirs:
        return Outcome(FAILED, "Your team's latest work changes files that are also being changed "
                               "in this folder, so collabcheck left everything as it was; the "
                               "sitting is committed here.", ", ".join(sorted(mine & theirs)))
    rebased = run_git(["rebase", "--quiet", "--autostash", "FETCH_HEAD"], root)
    if rebased.code != 0:
        run_git(["rebase", "--abort"], root)
        return Outcome(FAILED, "Your team's latest work could not be put together with yours, so "
                               "collabcheck left everything as it was; the sitting is committed "
                               "here.", rebased.err.strip())
    return push(folder, max(5.0, timeout - (time.monotonic() - started)))


# -- history -------------------------------------------------------------------------------


def uncommitted(paths: Iterable[str | Path], timeout: float = LOCAL_TIMEOUT) -> set[Path] | None:
    """Which of these files are not committed (new, changed, only staged, or ignored).

    None when they are not all in a git repository (or git is missing), so callers say
    nothing rather than something wrong. Paths come back absolute. git is asked once per
    folder, not once per file, so a programme's thousands of sittings stay quick.
    """
    files = [Path(os.path.abspath(p)) for p in paths]
    if not files or not has_git():
        return None
    folders: dict[Path, Path | None] = {}
    for f in files:
        if f.parent not in folders:
            folders[f.parent] = repo_root(f.parent)
    if None in folders.values():
        return None
    committed: set[Path] = set()
    for root in set(folders.values()):
        assert root is not None
        rel = [os.path.relpath(d, root) for d, r in folders.items() if r == root]
        tracked = run_git(["ls-files", "-z", "--", *rel], root, timeout)
        changed = run_git(["status", "--porcelain", "-z", "--untracked-files=no", "--", *rel],
                          root, timeout)
        if tracked.code != 0 or changed.code != 0:
            return None
        # Entries are "XY path"; a staged new file ("A ") is in the index but in no commit.
        pending = {Path(os.path.abspath(root / e[3:])) for e in changed.out.split("\0") if len(e) > 3}
        committed |= {Path(os.path.abspath(root / n)) for n in tracked.out.split("\0") if n} - pending
    return {f for f in files if f not in committed}
