"""Together: the comparison read out part by part, agreeing what to work on, and saving.

A listener cannot skim, so the comparison starts with the list of its parts (headings
only); then each part is read on Enter, any part can be picked by number, and "agree" moves
on at any time. Agreeing and saving write the same snapshot as the app, through the same
`Sitting.to_snapshot` and `write_snapshot`; private reflections stay out of it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from collabcheck.core.bank import Bank
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Snapshot
from collabcheck.plain.talk import Conversation, Stop, word
from collabcheck.plain.words import comparison_sections
from collabcheck.render.words import display_name

STOP = {"stop", "quit", "exit"}


def shown_path(path: Path) -> str:
    """The path as the user would type it from here: relative when it is below this folder."""
    import os

    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except (OSError, ValueError):
        return str(path)


def read_comparison(talk: Conversation, sitting: Sitting, bank: Bank) -> None:
    """The parts' headings first, then each part on Enter; returns when they choose to agree."""
    snap = sitting.to_snapshot(bank, sitting.started_at)
    parts = comparison_sections(snap, bank, Path(sitting.folder) if sitting.folder else None)
    talk.say("")
    talk.say(
        "How you each see your partnership. Listen together: differences are not wrong "
        f"answers, they are things to talk about. The comparison has {len(parts)} parts:"
    )
    talk.numbered([heading for heading, _ in parts])
    nxt = 0
    told = False
    while True:
        if nxt < len(parts) and not told:
            prompt = (
                f"Press Enter to hear part {nxt + 1}, {parts[nxt][0]}. Or type a part's "
                "number, skip to pass over it, list to hear the parts again, or agree to "
                "agree what to work on."
            )
            told = True
        elif nxt < len(parts):  # said once in full; after that, short (a listener hears it all)
            prompt = f"Enter for part {nxt + 1}, {parts[nxt][0]}. Or a number, skip, list, or agree."
        else:
            prompt = (
                "That was the last part. Type agree (or press Enter) to agree what to work "
                "on, a part's number to hear it again, or list for the parts."
            )
        said = word(talk.ask(prompt))
        if said in STOP:
            raise Stop
        if said in ("agree", "a") or (said == "" and nxt >= len(parts)):
            return
        if said in ("list", "l", "parts"):
            talk.numbered([heading for heading, _ in parts])
            continue
        if said in ("skip", "s", "next"):  # skip the part that was offered, not read it
            nxt = min(nxt + 1, len(parts))
            continue
        if said.isdigit() and 1 <= int(said) <= len(parts):
            nxt = int(said) - 1
        elif said != "":
            talk.say(f'Sorry, "{said}" is not understood here.')
            continue
        heading, body = parts[nxt]
        talk.say("")
        talk.say(f"Part {nxt + 1} of {len(parts)}: {heading}.")
        talk.say(body, width=80)  # the report's own lines, already at most 80 wide
        nxt += 1


def agree(talk: Conversation, sitting: Sitting, bank: Bank, autosave: Callable[[], None]) -> bool:
    """Choose the practice and the actions; True to save now, False to hear the comparison again."""
    from collabcheck.scoring.compare import compare

    snap = sitting.to_snapshot(bank, sitting.started_at)
    suggested = compare(snap, bank).suggestion.number
    start = sitting.agreed_practice or suggested
    talk.say("")
    talk.say("Which practice will you work on next? The suggestion is only a starting point.")
    talk.numbered(
        [display_name(p.title) + (" (suggested)" if p.number == suggested else "") for p in bank.practices]
    )
    while True:
        said = word(
            talk.ask(
                f"Type a number from 1 to 5, or press Enter for practice {start}. "
                "Type back to hear the comparison again."
            )
        )
        if said in STOP:
            raise Stop
        if said in ("back", "b"):
            return False
        if said == "":
            chosen = start
        elif said.isdigit() and 1 <= int(said) <= 5:
            chosen = int(said)
        else:
            talk.say("Please type a number from 1 to 5.")
            continue
        break
    sitting.agreed_practice = chosen
    autosave()
    talk.say(f"You chose: practice {chosen}, {display_name(bank.practice(chosen).title)}.")
    actions = ask_actions(talk, sitting.actions)
    sitting.actions = actions
    autosave()
    while True:
        said = word(
            talk.ask("Press Enter to save the sitting now, or type back to hear the comparison again first.")
        )
        if said in STOP:
            raise Stop
        if said == "":
            return True
        if said in ("back", "b"):
            return False
        talk.say("Please press Enter to save, or type back.")


def ask_actions(talk: Conversation, actions: list[str]) -> list[str]:
    """Actions one per line; an empty line ends. Earlier actions can be kept with Enter."""
    if actions:
        talk.say("Actions you noted before: " + "; ".join(display_name(a) for a in actions) + ".")
        said = word(talk.ask("Press Enter to keep them, or type new to write them again."))
        if said in STOP:
            raise Stop
        if said not in ("new", "n"):
            talk.say(f"Kept {len(actions)} action{'s' if len(actions) != 1 else ''}.")
            return actions
    talk.say(
        "Now the actions you agree, if any: type one action per line, pressing Enter after "
        "each. Press Enter on an empty line when you have finished."
    )
    out: list[str] = []
    while True:
        line = talk.ask(f"Action {len(out) + 1}, or Enter on its own to finish:")
        if not line.strip():
            break
        out.append(line.strip())
        talk.say(f"Action {len(out)} noted.")
    talk.say(f"{len(out)} action{'s' if len(out) != 1 else ''} noted." if out else "No actions noted.")
    return out


def save(
    talk: Conversation, sitting: Sitting, bank: Bank, snapshot_dir: Path, now: datetime
) -> tuple[Path, Snapshot] | None:
    """Write the snapshot as the app does, in the folder the sitting was started in; None
    (and a plain sentence) if the folder refuses."""
    from collabcheck.core.errors import CollabcheckError
    from collabcheck.core.sitting import saving_folder
    from collabcheck.core.snapshot import write_snapshot
    from collabcheck.render.words import moved_words

    snap = sitting.to_snapshot(bank, now)
    folder, gone = saving_folder(sitting, snapshot_dir)
    if gone:
        talk.say(moved_words(sitting.folder, str(folder)))
    try:
        path = write_snapshot(snap, folder, bank)
    except (OSError, CollabcheckError) as exc:
        talk.say(
            f"Could not save in {folder}: {exc}. Your answers are still kept on this "
            "computer; fix the folder, then run collabcheck --plain again to save."
        )
        return None
    talk.say("")
    talk.say("Saved. Your sitting is in this file:")
    talk.say(shown_path(path))
    talk.say(
        "Private reflections were not saved in this file, and the working copy of this "
        "sitting has been removed from this computer."
    )
    return path, snap


def offer_markdown(talk: Conversation, path: Path, snapshot: Snapshot, bank: Bank) -> None:
    """As on the app's Saved screen: a Markdown report beside the snapshot, if they want one."""
    said = word(
        talk.ask(
            "Type m to write a Markdown report beside it (easy to read on the web or "
            "print for a meeting), or press Enter to finish."
        )
    )
    if said not in ("m", "markdown"):
        return
    from collabcheck.render.picture_files import write_report_beside
    from collabcheck.scoring.compare import compare

    try:
        report, picture = write_report_beside(path.parent, path.stem, compare(snapshot, bank), bank)
    except OSError as exc:
        talk.say(f"Could not write the report: {exc.strerror or exc}.")
        return
    talk.say("Markdown report written:")
    talk.say(shown_path(report))
    talk.say("Its picture of where each of you stands is beside it:")
    talk.say(shown_path(picture))


# -- commit to git: THE HOOK ----------------------------------------------------------------------


def commit_after_save(talk: Conversation, path: Path, snapshot: Snapshot) -> None:
    """Say where the file is with git, then offer to commit it (that file only) and push, as
    the app's Saved screen does, with the same plain sentences (render/git_words.py)."""
    from collabcheck.core.git import commit_files, commit_message, where
    from collabcheck.core.git_push import push
    from collabcheck.render.git_words import place_sentence, sentence

    place = where(path.parent)
    talk.say(place_sentence(place))
    if not place.ok:
        return
    report = path.with_suffix(".md")
    files = [path, *([report] if report.exists() else [])]
    what = "this file and its Markdown report" if len(files) == 2 else "this file only"
    said = (
        talk.ask(
            f"Type c and press Enter to commit this sitting to your repository ({what}), "
            "or just press Enter to leave it."
        )
        .strip()
        .lower()
    )
    if said not in ("c", "commit"):
        return
    outcome = commit_files(files, commit_message([(snapshot.pair, snapshot.taken_at)]))
    talk.say(sentence(outcome))
    if not outcome.ok:
        return
    said = (
        talk.ask(
            "Type p and press Enter to push it to your team's shared repository "
            "(at most 30 seconds), or just press Enter to finish."
        )
        .strip()
        .lower()
    )
    if said in ("p", "push"):
        talk.say("Pushing…")
        talk.say(sentence(push(path.parent)))
