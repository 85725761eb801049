"""The options of the bare `collabcheck` (the app), read without argparse.

Starting the app is the one path where start-up time is felt (bench/startup_bench.py), and
argparse cost a few per cent of it: its import, and its look through the translation
catalogues as a parser is built. The bare command has only its global options, so they are
read here by hand, exactly as the full parser reads them (tests/test_cli_app_args.py); for
anything else (a command, help, version, a mistake, anything unusual) this says None and
the full parser reads the words and answers as ever.
"""

from __future__ import annotations

from collections.abc import Sequence

VALUED = ("--questions", "--dir")  # each takes a folder
FLAGS = ("--plain", "--served", "--served-shared")
OTHERS = ("--help", "--version")  # the full parser's own: an abbreviation of one is not ours


class AppArgs:
    """The bare app's options, named as the full parser names them."""

    def __init__(self) -> None:
        self.questions: str | None = None
        self.dir: str | None = None
        self.plain = False
        self.served = False
        self.served_shared = False
        self.command: None = None


def _option(word: str) -> str | None:
    """The option `word` names: itself, or the one long option it is the start of (argparse
    takes abbreviations); None when it names none of the app's, or more than one."""
    names = VALUED + FLAGS + OTHERS
    if word in names:
        return word if word not in OTHERS else None
    found = [n for n in names if n.startswith(word)]
    return found[0] if len(found) == 1 and found[0] not in OTHERS else None


def app_args(argv: Sequence[str]) -> AppArgs | None:
    """The bare app's options from the command line, or None for anything else."""
    args = AppArgs()
    words = list(argv)
    while words:
        word = words.pop(0)
        if not word.startswith("--") or word == "--":
            return None  # a command, a short option, or the end of options
        name, equals, value = word.partition("=")
        option = _option(name)
        if option is None:
            return None
        if option in FLAGS:
            if equals:
                return None  # argparse refuses a value given to a flag
            setattr(args, option[2:].replace("-", "_"), True)
            continue
        if not equals:
            if not words or words[0].startswith("-"):
                return None  # no folder, or one argparse might take for an option
            value = words.pop(0)
        setattr(args, option[2:], value)
    return args
