"""The conversation itself: plain sentences out, one typed line in, and nothing else.

A screen reader reads everything a program writes. Colour codes, cursor movement, box
drawing and redrawn lines all come out as noise, so plain mode writes only printable text
and line breaks (and, at a hand-over in a terminal, the one sequence that clears it). Every
line passes through `Conversation.say`, which drops any control
character (an escape sequence starts with one), so not even a name typed with an escape in
it can reach the terminal raw. Input and output are injected, so tests script a whole sitting.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from typing import TextIO

WIDTH = 78
CLEAR = "\x1b[H\x1b[2J\x1b[3J"  # cursor home, clear the screen, clear the scrollback


class EndOfInput(Exception):
    """Standard input ended (Ctrl+D, or a script ran out): stop, keeping the autosave."""


class Stop(Exception):
    """The person typed "stop": keep everything and end for now."""


def printable(text: str) -> str:
    """Text with every control character (ESC included) dropped; tabs become spaces."""
    out = []
    for ch in text.replace("\t", " "):
        if ch == "\n" or unicodedata.category(ch)[0] != "C":
            out.append(ch)
    return "".join(out)


def typed(line: str) -> str:
    """A line as typed, tidied: no line ending, no control characters, no outer spaces."""
    return printable(line.rstrip("\r\n").replace("\n", " ")).strip()


def word(line: str) -> str:
    """A typed line as a command word: lower case, single spaces, no full stop at the end."""
    return re.sub(r"\s+", " ", line.strip().lower()).rstrip(".!")


class Conversation:
    """Says things and asks for one line at a time.

    `say` wraps paragraphs at 78 characters so a sighted partner reading a narrow terminal
    never sees a word broken in two; blank lines separate one step from the next.
    """

    def __init__(self, inp: TextIO, out: TextIO, width: int = WIDTH) -> None:
        self.inp = inp
        self.out = out
        self.width = width  # a web page wraps for itself: there, no width at all

    def say(self, text: str = "", width: int | None = None) -> None:
        """Write text; lines longer than `width` are wrapped at spaces (never inside a word,
        so a file path stays whole)."""
        width = width or self.width
        lines: list[str] = []
        for para in printable(text).split("\n"):
            if len(para) <= width:
                lines.append(para.rstrip())
                continue
            indent = re.match(r"\s*(?:[-•]\s|\d+\.\s)?", para)
            lead = " " * len(indent.group(0)) if indent else ""
            lines += textwrap.wrap(
                para, width, subsequent_indent=lead, break_long_words=False, break_on_hyphens=False
            ) or [""]
        self.out.write("\n".join(lines) + "\n")
        self.out.flush()

    def ask(self, prompt: str) -> str:
        """Write the prompt and read the answer on the next line; EOF raises EndOfInput.

        No prompt sign such as ">": a screen reader would read it out before every answer.
        """
        self.say(prompt)
        line = self.inp.readline()
        if line == "":
            self.out.write("\n")
            self.out.flush()
            raise EndOfInput
        if not line.endswith("\n"):
            self.out.write("\n")  # a scripted last line without Enter: keep the transcript tidy
        return typed(line)

    def ask_or_stop(self, prompt: str) -> str:
        """`ask`, where typing stop (or quit) stops for now, as the introduction promises,
        rather than being taken as the answer (a role, a partnership name)."""
        said = self.ask(prompt)
        if word(said) in ("stop", "quit"):
            raise Stop
        return said

    def enter(self, prompt: str) -> str:
        """Wait for Enter (anything typed is returned, as a command word)."""
        return word(self.ask(prompt))

    def clear(self) -> bool:
        """Clear a terminal's screen and the lines scrolled off it (so the last partner's
        answers cannot be read back), and say whether it could. The one control sequence
        plain mode writes: only to a terminal, where it draws nothing and says nothing."""
        try:
            terminal = self.out.isatty()
        except (AttributeError, ValueError):
            terminal = False
        if not terminal:
            return False
        self.out.write(CLEAR)
        self.out.flush()
        return True

    def numbered(self, options: list[str]) -> None:
        """Options as a numbered list, one per line: a listener hears the number first."""
        self.say("\n".join(f"{n}. {label}" for n, label in enumerate(options, 1)))
