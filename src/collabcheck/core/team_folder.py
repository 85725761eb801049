"""Setting up a team's repository for sittings: `collabcheck init` and the welcome screen.

Most partners never type a git command, so one step makes the snapshot folder inside the
team's repository (never a folder git ignores, where sittings could not be shared), leaves
a short note in it for the team on what the files are and how privacy works, and checks
that git knows who is committing. Every outcome is a plain sentence. Running it again
changes nothing: an existing folder and note are left exactly as they are.

Plain module (no Textual): the command line and the app share it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from collabcheck.core import git
from collabcheck.core.files import atomic_write_new

NOTE_NAME = "README.md"
NOTE = """\
# collabcheck sittings

This folder holds the sittings of partnerships who use collabcheck. It helps people who lead
change in health and care together look at their partnership. It is based on The King's Fund
guide *Developing collaborative relationships* (2016).

## What the files are

- Each sitting is one small text file, named by date, time and partnership, for example
  `2026-11-28T1530-alice-and-sam.toml`. It is written once and never changed.
- A `.md` file with the same name is that sitting's report, if the partners made one.
- `collabcheck history` run here shows how each partnership has moved over time.
  `collabcheck report FILE` shows one sitting.
- If you must correct a file by hand, run `collabcheck validate FILE` before you commit it.

## Privacy

- A sitting holds the partners' names and roles, every answer they gave, the written
  reflections they chose to keep, and what they agreed to work on.
- Anyone who can read this repository can read these files. In a pair or a small group there
  is no anonymity: each partner's answers are shown to the others.
- A reflection marked private is never written here. It stays on the computer it was typed
  on, and is deleted from there once the sitting is saved.
- collabcheck never stores a password or key. It uses git as you have set it up.
"""


@dataclass
class Setup:
    """What `set_up` did: sentences to show, and whether the folder is ready for sittings."""

    folder: Path
    ready: bool
    done: list[str] = field(default_factory=list)  # what was made, or found already there
    missing: list[str] = field(default_factory=list)  # what the person still needs to do
    problem: str = ""  # why nothing was done (ready is False)
    commit_note: str = ""  # the git command that shares a note just written, said after `done`
    commands: list[str] = field(default_factory=list)  # git commands `missing` refers to
    kind: str = git.OK  # why it is not ready: git.NO_GIT, git.NOT_REPO, git.IGNORED or git.MISSING

    @property
    def lines(self) -> list[str]:
        return [self.problem] if self.problem else [*self.done, *self.missing]


def shown(folder: Path) -> str:
    """The folder as the person would type it from here: relative below this folder."""
    try:
        full = Path(os.path.abspath(folder))
        here = Path.cwd()
        return str(full.relative_to(here)) if full.is_relative_to(here) and full != here else str(full)
    except (OSError, ValueError):
        return str(folder)


def check(folder: Path) -> Setup:
    """Whether `folder` is ready for sittings, without changing anything (for the welcome
    screen): inside a repository, not ignored, made, and holding the team's note."""
    place = git.where(folder)
    if not place.ok:
        return Setup(folder, False, problem=_refusal(place), kind=place.kind)
    if not folder.is_dir():
        return Setup(folder, False, missing=[f"{shown(folder)} is not made yet."], kind=git.MISSING)
    if not (folder / NOTE_NAME).exists():
        return Setup(
            folder,
            False,
            missing=[f"{shown(folder)} has no note for your team ({NOTE_NAME}) yet."],
            kind=git.MISSING,
        )
    return Setup(folder, True)


def set_up(folder: Path) -> Setup:
    """Make the snapshot folder and its note in the team's repository, and check git's identity.

    Refuses (ready False, one sentence in `problem`) outside a repository, without git, or
    where git ignores the folder, before making anything. Safe to run any number of times.
    """
    place = git.where(folder)
    if not place.ok or place.root is None:
        return Setup(folder, False, problem=_refusal(place), kind=place.kind)
    name = shown(folder)
    result = Setup(folder, True)
    if folder.is_dir():
        result.done.append(
            f"The folder {name} for your sittings is already there, inside your git repository {place.root}."
        )
    else:
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            return Setup(
                folder, False, problem=f"The folder {name} could not be made ({exc.strerror or exc})."
            )
        result.done.append(
            f"Made the folder {name} for your sittings, inside your git repository {place.root}."
        )
    user, email = git.identity(place.root)
    if user and email:
        result.done.append(f"git will record commits as {user} <{email}>.")
    else:
        lacking = " and ".join(w for w, v in (("your name", user), ("your email", email)) if not v)
        both = not user and not email
        result.missing.append(
            f"git does not know {lacking} yet, so nothing can be committed. "
            "The app asks when you first commit a sitting, or you can set "
            f"{'them' if both else 'it'} now."
        )
        result.commands += [
            c
            for c, have in (
                ('git config user.name "Your Name"', user),
                ("git config user.email you@example.org", email),
            )
            if not have
        ]
    note = folder / NOTE_NAME
    if note.exists():
        result.done.append(f"The note for your team, {shown(note)}, is already there and was left as it is.")
    else:
        try:
            atomic_write_new(folder, NOTE_NAME, NOTE)
        except (OSError, FileExistsError) as exc:
            return Setup(
                folder,
                False,
                problem=f"The note {shown(note)} could not be written "
                f"({getattr(exc, 'strerror', None) or exc}).",
            )
        result.done.append(
            f"Wrote {shown(note)}, a short note for your team on what the files "
            "are and how privacy works. Commit it so your team sees it."
        )
        result.commit_note = f'git add {shown(note)} && git commit -m "collabcheck folder"'
    return result


def _refusal(place: git.Place) -> str:
    """Why a folder cannot be set up, and what to do instead, in plain sentences."""
    name = shown(place.folder)
    if place.kind == git.NO_GIT:
        return (
            f"git is not installed on this computer, so the folder {name} cannot be set up "
            "for sharing. "
            "Install git, then run collabcheck init again."
        )
    if place.kind == git.IGNORED:
        return (
            f"Your git repository {place.root} is set to ignore the folder {name}, so "
            "sittings saved there could not be shared. Nothing was made. Choose another "
            "folder, for example: collabcheck init sittings"
        )
    return (
        f"The folder {name} is not inside a git repository. Run collabcheck init in your team's "
        "repository (the folder you cloned), or make this folder one first with git init."
    )
