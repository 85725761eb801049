"""`collabcheck apart …`: a sitting for partners who answer on their own computers.

open (one partner names everyone), answer (each partner, on their own clone, in plain
mode), status, reveal, verify and cancel. Every command but verify first carries on what
can move (pull, reveal, combine: core/apart_flow.py), so running any of them again is how a
partner who was offline catches up. No Textual here: answering reuses plain mode.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from collabcheck.cli.apart_common import (
    EXIT_NOT_PROVED,
    EXIT_PROBLEM,
    none_such,
    now,
    partner_id,
    problem,
    say,
    sitting_and_partner,
    tell,
)
from collabcheck.cli.exits import EXIT_OK
from collabcheck.core import apart, git
from collabcheck.core.apart_flow import carry_on, share
from collabcheck.core.bank import Bank, load_bank
from collabcheck.core.names import only_digits, same_name
from collabcheck.core.paths import snapshot_dir, state_dir
from collabcheck.core.slug import slugify, unique_slugs
from collabcheck.render import apart_words as words
from collabcheck.render import git_words
from collabcheck.render.apart_proof import verify_lines


def _bank(args: argparse.Namespace) -> Bank:
    return load_bank(Path(args.questions) if getattr(args, "questions", None) else None)


def run_apart(args: argparse.Namespace) -> int:
    """Dispatch `apart ACTION`."""
    action = {
        "open": open_apart,
        "status": status,
        "reveal": reveal,
        "answer": answer,
        "verify": verify,
        "cancel": cancel,
        "agree": agree,
    }[args.apart_command]
    return action(args)


def _folder(args: argparse.Namespace) -> Path:
    return snapshot_dir(args.dir)


def _push(args: argparse.Namespace) -> bool:
    return not getattr(args, "no_push", False)


def open_apart(args: argparse.Namespace) -> int:
    """Write `sitting.toml` for the partners named, commit it and push it."""
    bank, folder = _bank(args), _folder(args)
    names = [" ".join(n.split()) for n in args.partner]
    if not 2 <= len(names) <= 6 or not all(names):
        return problem("a sitting apart needs 2 to 6 partners, each with a name (--partner NAME)")
    if len(args.role) > len(names) or len(args.side) > len(names):
        return problem("there are more --role or --side than --partner; give them in the same order")
    for n, name in enumerate(names):
        if only_digits(name):  # refused as "Who is here" refuses it, in the app and plain mode
            return problem(f"--partner {name} is a number, not a name; give each partner's name")
        if any(same_name(name, before) for before in names[:n]):
            return problem(f"two partners are both called {name}; add something to tell them apart")
    roles = [*args.role, *[""] * (len(names) - len(args.role))]
    sides = [*args.side, *[""] * (len(names) - len(args.side))]
    ids = unique_slugs(names)
    members = tuple(
        apart.Member(i, n, r.strip(), s) for i, n, r, s in zip(ids, names, roles, sides, strict=True)
    )
    from collabcheck.core.slug import pair_slug

    pair = slugify(args.pair, fallback="") if args.pair else pair_slug(names)
    when = now()
    opener = partner_id(members, args.who) if args.who else ""
    if args.who and not opener:
        return problem(f"'{args.who}' is not one of the partners named")
    opened = apart.Opened(
        apart.new_id(pair or "our-partnership", when),
        pair or "our-partnership",
        when,
        bank.id,
        bank.version,
        members,
        args.stage,
        args.route,
        opener,
    )
    place = git.where(folder)
    if not place.ok:
        return problem(
            f"{git_words.place_sentence(place)} {git_words.place_advice(place)} "
            "A sitting apart is shared through git."
        )
    path = apart.write_opened(folder, opened)
    shared = share([path], f"collabcheck apart: opened {opened.id}", folder, _push(args))
    say(f"Opened a sitting apart for {words.names([m.name for m in members])}: {opened.id}")
    say(words.shared_words(shared, "it"))
    say("Each partner answers on their own computer (collabcheck brings in the team's latest work first):")
    for m in members:
        say(f"  collabcheck apart answer {opened.id} --as {m.id}")
    return EXIT_OK if shared.committed.ok else EXIT_PROBLEM


def status(args: argparse.Namespace) -> int:
    """Every sitting apart (or one), after carrying on what can move."""
    carried = carry_on(_folder(args), state_dir(), _bank(args), _push(args), args.id)
    tell(carried)
    if (failed := none_such(carried, args.id, _folder(args))) is not None:
        return failed
    for found in carried.looks.values():
        say("\n".join(words.status_lines(found, _saved_as(found, args))))
        if found.phase == apart.COMPLETE:
            from collabcheck.cli.apart_agreeing import agreement_lines
            from collabcheck.core.apart_flow import bank_for

            say("\n".join(agreement_lines(found, bank_for(found, _bank(args)))))
    return EXIT_OK


def _saved_as(found: apart.Look, args: argparse.Namespace) -> str:
    """The combined snapshot's path, when the sitting is complete and it is there."""
    if found.phase != apart.COMPLETE:
        return ""
    from collabcheck.core.apart_combine import combined_name
    from collabcheck.core.apart_flow import bank_for

    path = _folder(args) / combined_name(found, bank_for(found, _bank(args)))
    return str(path) if path.is_file() else ""


def reveal(args: argparse.Namespace) -> int:
    """Carry on now. The comparison of a sitting apart is shown the first time this computer
    finds it complete (if it answered in it), and whenever it is asked for by its id."""
    from collabcheck.core.apart_private import comparison_shown, mark_shown, took_part_here

    state = state_dir()
    carried = carry_on(_folder(args), state, _bank(args), _push(args), args.id)
    tell(carried)
    if (failed := none_such(carried, args.id, _folder(args))) is not None:
        return failed
    for sid, found in carried.looks.items():
        saved = _saved_as(found, args)
        mine = bool(took_part_here(state, sid)) and not comparison_shown(state, sid)
        if saved and (args.id or mine):
            _show_report(args, Path(saved))
            if mine:
                mark_shown(state, sid)
        elif found.phase != apart.COMPLETE or not args.id:
            say("\n".join(words.status_lines(found, saved)))
    return EXIT_OK


def _show_report(args: argparse.Namespace, path: Path | None) -> None:
    from collabcheck.cli.report import run_report

    say("")
    say("This sitting was sat apart. Here is the comparison:")
    run_report(argparse.Namespace(file=str(path), questions=args.questions, format="text"))


def verify(args: argparse.Namespace) -> int:
    """Print what `git log` proves about one sitting apart; exit 1 when something failed."""
    from collabcheck.core.apart_log import verify as check

    folder = apart.folder_of(_folder(args), args.id)
    if _push(args):  # the latest history, with nothing of ours changed
        from collabcheck.core.apart_pull import pull

        pulled = pull(_folder(args))
        if not pulled.ok and pulled.kind != git.NO_REMOTE:
            say(f"Could not bring in your team's latest work: {git_words.sentence(pulled)}")
    if not (folder / apart.SITTING_FILE).is_file():
        return problem(f"there is no sitting apart '{args.id}' in {_folder(args)}")
    result = check(_folder(args), args.id)
    say("\n".join(verify_lines(result, str(folder))))
    return EXIT_OK if result.ok else EXIT_NOT_PROVED


def cancel(args: argparse.Namespace) -> int:
    """Any partner may cancel a sitting apart that is not complete."""
    folder = _folder(args)
    carried = carry_on(folder, state_dir(), _bank(args), _push(args), args.id)
    tell(carried)
    got = sitting_and_partner(carried, args.id, args.who, folder)
    if isinstance(got, int):
        return got
    found, pid = got
    if found.phase in (apart.CANCELLED, apart.COMPLETE):
        done = "cancelled" if found.phase == apart.CANCELLED else "complete"
        return problem(f"{args.id} is already {done}")
    path = apart.write_cancelled(found.folder, apart.Cancelled(pid, now()))
    shared = share([path], f"collabcheck apart: {pid} cancelled {args.id}", folder, _push(args))
    say(f"Cancelled {args.id}. " + words.shared_words(shared, "that"))
    return EXIT_OK if shared.committed.ok else EXIT_PROBLEM


def agree(args: argparse.Namespace) -> int:
    """Accept a practice, or record what was agreed together (cli/apart_agreeing.py)."""
    from collabcheck.cli.apart_agreeing import agree as record

    return record(args, _folder(args), state_dir(), _bank(args))


def answer(args: argparse.Namespace, inp: TextIO | None = None, out: TextIO | None = None) -> int:
    """Answer as one partner in plain mode, then seal and share the seal."""
    from collabcheck.cli.apart_answer import answer_apart

    return answer_apart(args, _folder(args), state_dir(), _bank(args), inp or sys.stdin, out or sys.stdout)
