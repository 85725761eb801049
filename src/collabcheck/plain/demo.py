"""`collabcheck demo --plain`: the made-up partnership's reading as a conversation.

The same example as the app's demo, read out part by part by the plain reading partners
hear after a real sitting (`read_comparison`), then, if asked, their history. Nothing is
saved: the sitting exists only in memory and history is read without its cache.
"""

from __future__ import annotations

import sys
from typing import TextIO

from collabcheck.core.examples import EXAMPLE_NOTICE, Example
from collabcheck.plain.talk import Conversation, EndOfInput, Stop, word
from collabcheck.plain.together import read_comparison

INTRO = (
    "Amira, a hospital consultant, and Tom, a patient partner, have each answered the "
    "questions on their own. This is what they hear together afterwards."
)
AFTER = (
    "In a real sitting you would now agree which practice to work on, and the sitting "
    "would be saved. This example saves nothing."
)


def goodbye(program: str) -> str:
    """The last words: what to type next, as it can be typed here (`program_name`)."""
    return (
        "That was the example. To start your own sitting, go to your team's git repository "
        f"and run {program} init, then {program} --plain."
    )


def run_plain_demo(example: Example, inp: TextIO | None = None, out: TextIO | None = None) -> int:
    """Read the example's comparison, then its history if asked; exit status 0."""
    from collabcheck.history.gather import load_history
    from collabcheck.render.history import render_text

    talk = Conversation(inp or sys.stdin, out or sys.stdout)
    talk.say(f"EXAMPLE. {EXAMPLE_NOTICE}")
    talk.say(INTRO)
    try:
        read_comparison(talk, example.sitting, example.bank)
        talk.say("")
        talk.say(AFTER)
        said = word(
            talk.ask("Type history to hear how Amira and Tom moved over a year, or press Enter to finish.")
        )
        if said in ("history", "h"):
            history = load_history(example.folder, example.bank, pair=example.snapshot.pair, cache_dir=False)
            talk.say("")
            talk.say(render_text(history, 78), width=80)
    except (Stop, EndOfInput):
        pass
    talk.say("")
    from collabcheck.core.paths import program_name

    talk.say(goodbye(program_name()))
    return 0
