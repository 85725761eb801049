"""The command line's parser class: argparse, with usage errors in one plain line.

Apart from `collabcheck.cli` so that the bare `collabcheck`, which starts the app, never
loads argparse (its import and its look through the translation catalogues were a few per
cent of the app's start-up, bench/startup_bench.py); every command still reads its
arguments through it.
"""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

from collabcheck.cli.exits import EXIT_USAGE
from collabcheck.render.safe import safe_line


class Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and exit 2 without the whole usage block."""

    hint = "collabcheck --help"

    def error(self, message: str) -> NoReturn:
        line = f"collabcheck: {plain_usage_error(message)} (try '{self.hint}')"
        sys.stderr.write(safe_line(line) + "\n")
        raise SystemExit(EXIT_USAGE)


def plain_usage_error(message: str) -> str:
    """argparse's messages in plain UK English: people see these when they mistype."""
    import re

    if m := re.match(r"argument COMMAND: invalid choice: '([^']*)'", message):
        return (
            f"there is no command '{m.group(1)}' "
            "(use report, history, cohort, questions, validate, commit, serve, apart, demo or init)"
        )
    if m := re.match(r"argument ACTION: invalid choice: '([^']*)'", message):
        return f"there is no action '{m.group(1)}' (use open, answer, status, reveal, verify or cancel)"
    if m := re.match(r"argument --format: invalid choice: '([^']*)' \(choose from (.*)\)", message):
        return f"there is no format '{m.group(1)}' (use {m.group(2).replace(chr(39), '')})"
    if message.startswith("unrecognized arguments: "):
        return "not understood: " + message.removeprefix("unrecognized arguments: ")
    if message.startswith("the following arguments are required: "):
        return "missing: " + message.removeprefix("the following arguments are required: ")
    return message
