"""`collabcheck apart answer ID --as PARTNER`: one partner answers on their own computer.

The answering is plain mode's own (`plain/answering.py`): the same questions, the same
autosave after every answer, private reflections kept private. The autosave lives in the
partner's state folder under `apart/<id>/<partner>/`, never in the snapshot folder. At the
end the answers are sealed (core/apart_private.py) and only the seal is committed and
pushed; the answers and salt stay here until every partner has sealed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from collabcheck.cli.apart_common import now, partner_id, problem, tell
from collabcheck.core import apart
from collabcheck.core import sitting as store
from collabcheck.core.apart_flow import bank_for, carry_on, seal_now
from collabcheck.core.apart_private import load_sealed, private_dir, start_sitting
from collabcheck.core.bank import Bank
from collabcheck.plain.answering import Answering
from collabcheck.plain.talk import Conversation, EndOfInput, Stop
from collabcheck.plain.words import PRIVACY
from collabcheck.render import apart_words as words

EXIT_OK, EXIT_PROBLEM = 0, 2


class AnsweringApart(Answering):
    """Plain mode's answering, ending with words that fit answering alone."""

    FINISH_PROMPT = "Press Enter to finish and seal, or type b to go back and change an answer."

    def finishing_words(self, name: str, answered: int, total: int) -> str:
        return (
            f"That is every question, {name}. You answered {answered} of {total}. When "
            "you finish, your answers are sealed: only the seal is shared now, and your "
            "answers stay on this computer until every partner has sealed theirs. After "
            "that they cannot be changed."
        )


def answer_apart(
    args: argparse.Namespace, folder: Path, state: Path, default: Bank, inp: TextIO, out: TextIO
) -> int:
    """The whole of `apart answer`: carry on, check, answer, seal, share, carry on."""
    talk = Conversation(inp, out)
    push = not getattr(args, "no_push", False)
    carried = carry_on(folder, state, default, push, args.id)
    tell(carried, out)
    found = carried.looks.get(args.id)
    if found is None:
        return problem(f"there is no sitting apart '{args.id}' in {folder} (pull first?)")
    pid = partner_id(found.opened.partners, args.who)
    if not pid:
        return problem(f"'{args.who}' is not one of the partners of {args.id}")
    name = words.who(found, pid)
    if found.phase in (apart.CANCELLED, apart.SPOILED, apart.COMPLETE):
        talk.say("\n".join(words.status_lines(found)))
        return problem(f"{args.id} is {found.phase}, so it cannot be answered")
    if pid in found.seals or load_sealed(state, args.id, pid) is not None:
        talk.say(f"{name} has already answered and sealed {args.id}; answers cannot change once sealed.")
        talk.say("\n".join(words.status_lines(found)))
        return EXIT_OK
    bank = bank_for(found, default)
    if (bank.id, bank.version) != (found.opened.bank, found.opened.bank_version):
        return problem(
            f"{args.id} uses question bank '{found.opened.bank}' version "
            f"{found.opened.bank_version}; start collabcheck with those questions "
            "(--questions DIR)"
        )
    private = private_dir(state, args.id, pid)
    sitting, aside = store.load_checked(private)
    if aside is not None:
        talk.say(f"Your unfinished answers could not be read, so they were put aside as {aside}.")
    if sitting is None or not sitting.matches(bank) or sitting.partner.id != pid:
        sitting = start_sitting(found, pid, bank, now())
    others = [words.who(found, p) for p in found.opened.partner_ids if p != pid]
    talk.say(f"collabcheck, a sitting apart: {name}, answering on your own.")
    talk.say(PRIVACY)
    talk.say(
        f"Your answers stay on this computer until {words.names(others)} "
        f"{'has' if len(others) == 1 else 'have'} answered too. Only a seal is shared now: "
        "it proves later that your answers were not changed, and shows nothing of them."
    )

    def autosave() -> None:
        store.save(sitting, private)

    autosave()
    try:
        AnsweringApart(talk, sitting, bank, autosave).run()
    except (Stop, EndOfInput, KeyboardInterrupt):
        autosave()
        talk.say(
            f"Stopped for now; your answers are kept on this computer. To carry on: "
            f"collabcheck apart answer {args.id} --as {pid}"
        )
        return EXIT_OK
    shared = seal_now(found, sitting, pid, folder, state, now(), push)
    talk.say(f"Sealed. {words.shared_words(shared, 'your seal')}")
    after = carry_on(folder, state, default, push, args.id)
    tell(after, out)
    if args.id in after.looks:
        talk.say("\n".join(words.status_lines(after.looks[args.id])))
    return EXIT_OK
