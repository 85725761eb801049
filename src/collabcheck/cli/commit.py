"""`collabcheck commit FILE… [--push]`: commit sittings to the team's repository.

For facilitators who collect snapshot files from several partnerships: each file is checked
with the same reader as every other command, its Markdown report (same name, `.md`) goes
with it when there is one (and that report's picture, `.svg`), and the commit holds those
files and nothing else, with a message naming each partnership and date. A push that is
turned away because someone pushed first is tried again after fetching their work, until it
goes through or --timeout runs out (it cannot clash: every sitting is its own file). No Textual here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from collabcheck.render.safe import safe_line

EXIT_OK, EXIT_PROBLEM = 0, 2


def _problem(text: str) -> int:
    sys.stderr.write(safe_line(f"collabcheck: {text}") + "\n")
    return EXIT_PROBLEM


def _say(text: str) -> None:
    """One line on stdout, with any control character from a file name shown, not obeyed."""
    print(safe_line(text), flush=True)


def run_commit(args: argparse.Namespace) -> int:
    """Commit the given snapshot files (and their reports); push if asked."""
    from collabcheck.core import git, git_push
    from collabcheck.core.errors import CollabcheckError
    from collabcheck.core.snapshot import read_snapshot
    from collabcheck.render.git_words import sentence

    files: list[Path] = []
    sittings = []
    problems = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            problems.append(f"{name}: not found (give the snapshot files to commit)")
            continue
        try:
            snap = read_snapshot(path)
        except CollabcheckError as exc:
            problems.append(str(exc))
            continue
        sittings.append((snap.pair, snap.taken_at))
        files.append(path)
        report, picture = path.with_suffix(".md"), path.with_suffix(".svg")
        if path.suffix == ".toml" and report.is_file():
            files.append(report)
            if picture.is_file():  # the report's picture, linked from it
                files.append(picture)
    if problems:
        for p in problems:
            sys.stderr.write(safe_line(p) + "\n")
        return EXIT_PROBLEM
    out = git.commit_files(files, git.commit_message(sittings))
    if not out.ok and not (out.kind == git.NOTHING and args.push):
        if out.kind == git.NO_IDENTITY:
            return _problem(
                sentence(out)[:-1] + ": set them for this repository with "
                'git config user.name "Your Name" and git config user.email '
                "you@example.org, then try again."
            )
        return _problem(sentence(out))
    if out.ok:
        n = len(files)
        subject = git.commit_message(sittings).splitlines()[0]
        _say(f"Committed {n} file{'s' if n != 1 else ''}: {subject}")
    else:
        _say(sentence(out))
    if not args.push:
        return EXIT_OK
    pushed = git_push.push_until_through(
        files[0].parent,
        timeout=args.timeout,
        turned_away=lambda: _say("Someone else pushed first; fetching their work and pushing again."),
    )
    if not pushed.ok:
        return _problem(sentence(pushed))
    _say(sentence(pushed))
    return EXIT_OK
