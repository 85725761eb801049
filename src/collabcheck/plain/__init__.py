"""Plain mode: the whole sitting as a line-by-line conversation, for screen readers.

A screen reader reads a full-screen terminal app as a grid of characters. Plain mode asks one
question at a time in plain sentences on standard input and output, with no colour, box
drawing, cursor movement or redrawing. It never imports Textual. It is chosen with
`collabcheck --plain`, and by itself where there is no full terminal (see `wants_plain`).
"""

from __future__ import annotations

import os
from typing import TextIO


def wants_plain(asked: bool, stdin: TextIO, stdout: TextIO, environ: dict[str, str] | None = None) -> bool:
    """Plain mode when asked for, or when there is no full terminal to draw the app in:
    standard input or output is not a terminal, or TERM says the terminal is dumb. Under a
    Textual web server (TEXTUAL_DRIVER set) the pipes are the browser's terminal: the app."""
    if asked:
        return True
    env = os.environ if environ is None else environ
    if env.get("TEXTUAL_DRIVER"):  # run by a Textual web server: it draws the full app itself
        return False
    if env.get("TERM", "") == "dumb":
        return True
    try:
        return not (stdin.isatty() and stdout.isatty())
    except (AttributeError, ValueError):
        return True
