"""The quick check-in in plain mode: offered after "Where your partnership stands", and what
a quick form can and cannot tell said before the comparison (the app's words, `render/quick.py`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from collabcheck.core.bank import Bank, questions
from collabcheck.core.forms import QUICK, offer_quick, quick_form
from collabcheck.core.sitting import Sitting, saving_folder
from collabcheck.plain.talk import Conversation, Stop, word
from collabcheck.render.quick import QUICK_READING, offer_text


def choose_form(
    talk: Conversation,
    s: Sitting,
    bank: Bank,
    snapshot_dir: Path,
    now: datetime,
    autosave: Callable[[], None],
) -> None:
    """Ask a partnership that sat in full lately whether to do the quick check-in today.

    The earlier sittings are looked for where this one will be saved (the snapshot folder it
    was started with), as in the app (`tui/quick.py`)."""
    last = offer_quick(saving_folder(s, snapshot_dir)[0], s.pair, bank, now)
    form = quick_form(bank)
    if last is None or form is None:
        return
    talk.say("")
    talk.say("A quick check-in? " + offer_text(last, len(form.items), len(questions(bank))))
    talk.numbered(
        [
            f"Quick check-in: {len(form.items)} questions each",
            f"Full sitting: {len(questions(bank))} questions each",
        ]
    )
    while True:
        said = word(talk.ask("Type 1 or 2, then press Enter."))
        if said in ("stop", "quit"):
            raise Stop
        if said in ("1", "2", "quick", "full"):
            break
        talk.say("Sorry, that is not one of the choices.")
    s.form = "quick" if said in ("1", QUICK) else "full"
    talk.say("You chose the quick check-in." if s.form == QUICK else "You chose the full sitting.")
    autosave()


def say_quick_reading(talk: Conversation, s: Sitting) -> None:
    """Before a quick sitting's comparison: what a quick form can and cannot tell."""
    if s.form == QUICK:
        talk.say("")
        talk.say(QUICK_READING)
