"""Every sentence collabcheck says about git: where the snapshot folder stands, and what a
commit, a push or a pull came to.

core/git.py and core/git_push.py only find out what happened and say so with a small code
(`Outcome.code`, or `Place.kind`) and the facts the sentence needs (a file, a folder, a
count); the words live here, with the rest of what users read, so they are written and
checked in one place and the git layer carries no wording. Each is one plain sentence that
says the file is still safe and what to do next, since most partners never type a git
command. No Textual.
"""

from __future__ import annotations

import os

from collabcheck.core import git
from collabcheck.core.git import Outcome, Place

_DOING = {"push": "the push", "fetch": "fetching your team's work"}

WORDS: dict[str, str] = {
    # setting who makes the commits
    "bad-identity": "Please give a name and an email address such as sam@example.org.",
    "identity-not-saved": "Your name and email could not be saved in this repository's settings.",
    "identity-set": "Commits in this repository will now be made as {name} <{email}>.",
    # committing
    "no-git-commit": (
        "git is not installed on this computer, so the sitting cannot be committed; it is still saved."
    ),
    git.MISSING: "{path} is not there any more, so it cannot be committed.",
    "not-repo-commit": (
        "{folder} is not inside a git repository, so there is nothing to commit "
        "to; the file is still saved there."
    ),
    "different-repos": (
        "These files are in different git repositories; please commit them one repository at a time."
    ),
    "ignored-file": (
        "git is set to ignore {file} in this repository, so it cannot be committed; the file is still saved."
    ),
    git.NO_IDENTITY: ("git does not know your name and email yet, so it cannot record who made the commit."),
    git.NOTHING: "This is already committed, so there is nothing new to commit.",
    "committed": "Committed: {subject}.",
    git.BUSY: (
        "git is in the middle of a {what} in this repository, so collabcheck will not add "
        "a commit to it; the file is still saved, so commit it once the {what} is "
        "finished or stopped."
    ),
    git.DETACHED: (
        "This repository is not on a branch just now (a detached HEAD), so a commit "
        "made here would be lost when it goes back to one; the file is still saved, "
        "so switch to your branch and commit it then."
    ),
    "commit-timeout": (
        "git took too long to commit (over {timeout:g} seconds: often a slow pre-commit hook) "
        "and was stopped; the file is still saved, so commit it with the git tool you usually use."
    ),
    git.READ_ONLY: (
        "git is not allowed to write in this repository's .git folder, so the commit "
        "could not be made; the file is still saved, and whoever looks after the "
        "repository can give you write access."
    ),
    git.LOCKED: (
        "Another git program is working in this repository, so the commit could not be "
        "made; the file is still saved, so close that program and try again."
    ),
    "commit-failed": (
        "git could not make the commit; the file is still saved, and whoever looks "
        "after your repository can see why with git status."
    ),
    # pushing and pulling
    "push-not-repo": ("This folder is not inside a git repository, so there is nowhere to push to."),
    "no-branch": (
        "This repository is not on a branch just now, so collabcheck cannot tell where "
        "to push; the sitting is committed here."
    ),
    git.NO_REMOTE: (
        "This repository has no shared copy to push to (no remote); the sitting is committed here only."
    ),
    "network-timeout": (
        "The shared repository did not answer within {timeout:g} seconds, so "
        "{doing} was stopped; the sitting is committed here and you can push it "
        "later."
    ),
    git.REJECTED: ("Someone else pushed to the shared repository first, so yours was turned away for now."),
    git.AUTH: (
        "The shared repository asked for a password or key, and collabcheck never asks "
        "for those; push once with your usual git tool, then try again."
    ),
    git.NETWORK: (
        "The shared repository could not be reached (no network, or the address is "
        "wrong); the sitting is committed here, so push it later."
    ),
    "network-failed": (
        "git could not finish ({doing}); the sitting is committed here, and "
        "whoever looks after your repository can see why."
    ),
    "overlap": (
        "Your team's latest work changes files that are also being changed in this "
        "folder, so collabcheck left everything as it was; the sitting is committed "
        "here."
    ),
    "git-fault": "Something went wrong while running git; the sitting is still saved.",
    # bringing in the team's work for a sitting apart (core/apart_pull.py)
    "empty": (
        "Your team's shared repository has nothing in it yet, so there is nothing to "
        "bring in; what you share now will be the first thing in it."
    ),
    "pull-no-remote": "This repository has no shared copy (no remote).",
    "pull-unreachable": (
        "The shared repository could not be reached (no network, or the address is wrong); try again later."
    ),
    "pull-in-the-way": (
        "Your team's work could not be brought into this folder, because files "
        "here are in the way; nothing was changed."
    ),
    "brought-in": "Brought in your team's work.",
    "rebase-failed": (
        "Your team's latest work could not be put together with yours, so "
        "collabcheck left everything as it was; the sitting is committed here."
    ),
}


def sentence(outcome: Outcome) -> str:
    """What happened, as one plain sentence."""
    facts = dict(outcome.facts)
    if outcome.code == "pushed":
        waiting = facts.get("waiting", 0)
        return _pushed(waiting if isinstance(waiting, int) else 0)
    if "doing" in facts:
        facts["doing"] = _DOING.get(str(facts["doing"]), str(facts["doing"]))
    return WORDS[outcome.code].format(**facts)


def _pushed(waiting: int) -> str:
    others = (
        (
            f", with {waiting - 1} earlier commit{'s' if waiting > 2 else ''} that "
            f"{'were' if waiting > 2 else 'was'} waiting here"
        )
        if waiting > 1
        else ""
    )
    return f"Pushed: your team can now see this sitting in the shared repository{others}."


def place_sentence(place: Place) -> str:
    """Where the snapshot folder stands with git, in one sentence."""
    folder = str(place.folder).rstrip("/\\") + os.sep
    if place.kind == git.OK:
        return f"Sittings are saved in {folder}, inside your git repository {place.root}."
    if place.kind == git.IGNORED:
        return (
            f"Sittings are saved in {folder}, which your git repository {place.root} is "
            "set to ignore, so they cannot be committed or shared from there."
        )
    if place.kind == git.NO_GIT:
        return (
            f"Sittings are saved in {folder}, but git is not installed on this computer, "
            "so they stay on this computer only."
        )
    return (
        f"Sittings are saved in {folder}, which is not inside a git repository, so they "
        "stay on this computer only."
    )


def place_advice(place: Place) -> str:
    """What to do about where the folder stands, in one sentence ('' when all is well)."""
    if place.kind == git.OK:
        return ""
    if place.kind == git.NO_GIT:
        return "To share them, install git, or copy the file to your team's repository and commit it there."
    if place.kind == git.IGNORED:
        return (
            "To share them, start collabcheck again with --dir and a folder that git "
            "does not ignore, for example --dir sittings."
        )
    return (
        "To share them with your team, start collabcheck in your team's repository "
        "folder, or choose a folder inside it with --dir."
    )
