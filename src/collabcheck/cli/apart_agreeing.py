"""`collabcheck apart agree ID --as PARTNER`: agreeing a practice once the comparison is seen.

Each partner accepts a practice for their part (the suggestion, unless they name another),
or one of them records what they all agreed on a call (`--together`). Only that partner's
own file is written, committed and pushed; the combined snapshot gains `[agreed]` once the
agreement is settled (core/apart_agree.py says the rule). No Textual here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from collabcheck.cli.apart_common import EXIT_PROBLEM, now, problem, say, sitting_and_partner, tell
from collabcheck.core import apart
from collabcheck.core.apart_agree import (
    ACCEPT,
    CALL,
    Agreement,
    accepted,
    agreements,
    write_agreement,
)
from collabcheck.core.apart_combine import combined, standing
from collabcheck.core.apart_flow import bank_for, carry_on, share
from collabcheck.core.bank import Bank
from collabcheck.render import apart_words as words

EXIT_OK = 0


def suggested(found: apart.Look, bank: Bank) -> int:
    """The practice the comparison suggests for this sitting apart."""
    from collabcheck.scoring.compare import compare

    return compare(combined(found, bank), bank).suggestion.number


def agreement_lines(found: apart.Look, bank: Bank) -> list[str]:
    """Where agreeing stands, for `apart status` and after agreeing."""
    made = agreements(found)[0]
    titles = {p.number: p.title for p in bank.practices if p.number is not None}
    return words.agreement_lines(found, made, standing(found, bank, made), titles)


def agree(args: argparse.Namespace, folder: Path, state: Path, default: Bank) -> int:
    """Record this partner's agreement, share it, then carry on (which adds it to the snapshot
    once settled)."""
    push = not getattr(args, "no_push", False)
    carried = carry_on(folder, state, default, push, args.id)
    tell(carried)
    got = sitting_and_partner(carried, args.id, args.who, folder)
    if isinstance(got, int):
        return got
    found, pid = got
    if found.phase != apart.COMPLETE:
        return problem(
            f"{args.id} is not complete yet: you agree a practice once every "
            "partner's answers are revealed and you have seen the comparison"
        )
    bank = bank_for(found, default)
    made, unreadable = agreements(found)
    for exc in unreadable:
        say(str(exc))
    if standing(found, bank, made) is not None:
        say("\n".join(agreement_lines(found, bank)))
        return problem(f"{args.id} is agreed already; an agreement is not changed")
    how = CALL if args.together else ACCEPT
    if how == ACCEPT and pid in accepted(made):
        return problem(
            f"{words.who(found, pid)} has already chosen a practice for {args.id}; "
            "to record what you all agreed together, add --together"
        )
    practice = args.practice or suggested(found, bank)
    path = write_agreement(found.folder, Agreement(pid, how, practice, tuple(args.action), now()))
    shared = share([path], f"collabcheck apart: {pid} agreed practice {practice}, {args.id}", folder, push)
    what = "what you agreed together" if how == CALL else "your agreement"
    say(f"Recorded {what}: practice {practice}. " + words.shared_words(shared, "it"))
    after = carry_on(folder, state, default, push, args.id)
    tell(after)
    if args.id in after.looks:
        say("\n".join(agreement_lines(after.looks[args.id], bank)))
    return EXIT_OK if shared.committed.ok else EXIT_PROBLEM
