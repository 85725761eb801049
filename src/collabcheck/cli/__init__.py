"""The `collabcheck` command line: the app, and the commands scripts and CI use.

Only the bare `collabcheck` command starts the Textual app; every other command stays in
plain modules so scripts and CI run fast and never load Textual. Every file problem becomes
one line on stderr with its exit status (`cli/exits.py`): 1 for invalid input found by
`validate`, 2 for usage errors and files that cannot be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from collabcheck import __version__
from collabcheck.cli.app_args import AppArgs, app_args
from collabcheck.cli.exits import EXIT_OK, EXIT_STOPPED, EXIT_USAGE
from collabcheck.core.errors import CollabcheckError

if TYPE_CHECKING:  # argparse is loaded for commands, never for the bare app (cli/app_args.py)
    import argparse

    from collabcheck.cli.parsing import Parser
    from collabcheck.core.bank import Bank


def _common(suppress: bool) -> Parser:
    import argparse

    from collabcheck.cli.parsing import Parser

    default = argparse.SUPPRESS if suppress else None
    p = Parser(add_help=False)
    p.add_argument(
        "--questions",
        metavar="DIR",
        default=default,
        help="use the question bank in DIR instead of the one that ships",
    )
    p.add_argument(
        "--dir",
        metavar="DIR",
        default=default,
        help="snapshot folder (default: $COLLABCHECK_DIR or ./collabcheck)",
    )
    return p


@cache
def build_parser() -> argparse.ArgumentParser:
    """The parser; global options are accepted before or after the command.

    Made once a process: argparse looks its words up in the translation catalogues as the
    parser is built (a few milliseconds), and a parser can parse any number of times.
    """
    import argparse

    from collabcheck.cli.parsing import Parser

    parser = Parser(
        prog="collabcheck",
        parents=[_common(False)],
        description="Partners answer unseen, then see where they see their partnership "
        "differently. With no command, starts a new sitting in the terminal app.",
        epilog="Based on The King's Fund guide 'Developing collaborative relationships' (2016).",
    )
    parser.add_argument("--version", action="version", version=f"collabcheck {__version__}")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="ask the questions as plain sentences, one at a time, for screen "
        "readers (chosen by itself when there is no full terminal)",
    )
    parser.add_argument("--served", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--served-shared", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    common = _common(True)

    p = sub.add_parser("report", parents=[common], help="the comparison for one sitting")
    p.add_argument("file", metavar="FILE", help="a snapshot file")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    p.add_argument(
        "--output",
        metavar="OUT",
        help="write the report to OUT instead of the screen; with --format markdown the "
        "picture goes beside it, as OUT's name with .svg",
    )
    p.add_argument(
        "--picture",
        metavar="SVG",
        help="with --format markdown: write the picture to SVG and link it from the "
        "report (without --output, the link is SVG as you typed it)",
    )

    p = sub.add_parser("history", parents=[common], help="sittings over time")
    p.add_argument(
        "folder",
        metavar="DIR",
        nargs="?",
        default=None,
        help="folder of snapshots, read recursively (default: the snapshot folder)",
    )
    p.add_argument("--pair", metavar="PAIR", help="only this partnership")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")

    p = sub.add_parser(
        "cohort",
        parents=[common],
        help="a programme at a glance: one row per partnership, needing attention first",
    )
    p.add_argument(
        "folder",
        metavar="DIR",
        nargs="?",
        default=None,
        help="folder of snapshots, read recursively (default: the snapshot folder)",
    )
    p.add_argument("--format", choices=["text", "markdown", "json", "csv"], default="text")
    p.add_argument(
        "--hide-names",
        action="store_true",
        help="show partnerships and partners as codes (P01, P01-A), for a board paper",
    )
    p.add_argument(
        "--overdue-months",
        type=int,
        default=6,
        metavar="N",
        help="flag a partnership with no sitting for longer than N months (default 6)",
    )
    p.add_argument(
        "--pictures",
        metavar="DIR",
        help="with --format markdown: write each partnership's picture as an SVG in "
        "DIR and show it (write the Markdown into DIR too, so the links work)",
    )

    p = sub.add_parser("questions", parents=[common], help="list the question bank")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser(
        "serve", parents=[common], help="run the app for web browsers, one sitting per browser tab"
    )
    p.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)"
    )
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    p.add_argument(
        "--plain",
        action="store_true",
        help="serve plain mode as simple web pages (for screen readers and keyboards)",
    )
    p.add_argument(
        "--shared-tabs",
        action="store_true",
        help="let every tab list and carry on any pair's unfinished sitting, and see "
        "partnerships and past sittings (only for one group you trust)",
    )

    p = sub.add_parser(
        "validate", parents=[common], help="check bank and snapshot files; exit 1 if any is invalid"
    )
    p.add_argument("paths", metavar="PATH", nargs="*", help="files or folders (default: the question bank)")

    p = sub.add_parser(
        "init", parents=[common], help="set up your team's git repository for sittings (safe to run again)"
    )
    p.add_argument(
        "folder",
        metavar="FOLDER",
        nargs="?",
        default=None,
        help="the snapshot folder to make (default: $COLLABCHECK_DIR or ./collabcheck)",
    )

    p = sub.add_parser("demo", parents=[common], help="see a made-up partnership's reading; nothing is saved")
    p.add_argument(
        "--plain",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read it as plain sentences (chosen by itself with no full terminal)",
    )

    p = sub.add_parser(
        "commit",
        parents=[common],
        help="commit snapshot files (and their Markdown reports) to the repository",
    )
    p.add_argument("files", metavar="FILE", nargs="+", help="snapshot files to commit")
    p.add_argument("--push", action="store_true", help="then push, within --timeout seconds")
    p.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="time limit for the push (default 30)"
    )

    from collabcheck.cli.apart_args import add_apart_command

    add_apart_command(sub, common)
    return parser


def _bank(args: argparse.Namespace | AppArgs) -> Bank:
    """The question bank named by --questions, or the shipped one (imported when needed)."""
    from collabcheck.core.bank import load_bank

    return load_bank(Path(args.questions) if args.questions else None)


def cmd_questions(args: argparse.Namespace) -> int:
    """List the bank as people read it, or as JSON for scripts."""
    from collabcheck.render.questions import bank_as_text
    from collabcheck.render.safe import json_safe, terminal_safe

    bank = _bank(args)
    if args.format == "json":
        print(json_safe(json.dumps(bank.to_json(), indent=2, ensure_ascii=False)))
    else:
        print(terminal_safe(bank_as_text(bank)))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check files; each problem is one line on stderr, each good file one line on stdout."""
    from collabcheck.cli.validate import validate_paths
    from collabcheck.core.paths import snapshot_dir

    return validate_paths(args.paths, args.questions, snapshot_dir(args.dir))


def cmd_report(args: argparse.Namespace) -> int:
    """The comparison for one sitting, as text, JSON or Markdown."""
    from collabcheck.cli.report import run_report

    return run_report(args)


def cmd_history(args: argparse.Namespace) -> int:
    """Sittings over time: how a partnership's answers moved from one sitting to the next."""
    from collabcheck.cli.history import run_history

    return run_history(args)


def cmd_cohort(args: argparse.Namespace) -> int:
    """A programme at a glance: one row per partnership, for a facilitator."""
    from collabcheck.cli.cohort import run_cohort

    return run_cohort(args)


def cmd_commit(args: argparse.Namespace) -> int:
    """Commit sittings to the team's repository, and push if asked."""
    from collabcheck.cli.commit import run_commit

    return run_commit(args)


def cmd_apart(args: argparse.Namespace) -> int:
    """A sitting where each partner answers on their own computer, sealed until all have answered."""
    from collabcheck.cli.apart import run_apart
    from collabcheck.cli.apart_args import apart_parser
    from collabcheck.cli.parsing import Parser

    class _ApartParser(Parser):
        hint = "collabcheck apart --help"

    rest = [
        *(["--help"] if args.apart_help else []),
        *(["--no-push"] if args.apart_no_push else []),
        *args.rest,
    ]
    full = apart_parser(_common(True), _ApartParser).parse_args(rest)
    for key in ("dir", "questions"):  # given before `apart` or after it
        setattr(full, key, getattr(full, key, None) or getattr(args, key, None))
    return run_apart(full)


def cmd_serve(args: argparse.Namespace) -> int:
    """The app in a web browser, one sitting per tab."""
    from collabcheck.cli.serve import run_serve

    return run_serve(args)


def cmd_app(args: argparse.Namespace | AppArgs) -> int:
    """Start a sitting in the terminal app: the only path that imports Textual.

    Plain mode (questions and answers as plain lines, `collabcheck.plain`) when asked for,
    or where there is no full terminal to draw in.

    Python's garbage collector is paused until the app's first screen is drawn (the app
    resumes it then, `CollabcheckApp.on_mount`): nothing made on the way there (modules,
    the bank, the screen's widgets) is garbage, and the collector's passes over it were
    several per cent of start-up (bench/startup_bench.py)."""
    import gc

    gc.disable()
    try:
        bank = _bank(args)
        from collabcheck.core.paths import snapshot_dir
        from collabcheck.plain import wants_plain

        if args.served:  # one browser tab under `collabcheck serve`
            from collabcheck.tui.served import run_served_app

            gc.enable()
            return run_served_app(bank, snapshot_dir(args.dir), shared=args.served_shared)
        if wants_plain(args.plain, sys.stdin, sys.stdout):
            from collabcheck.plain.flow import run_plain

            gc.enable()
            return run_plain(bank=bank, snapshot_dir=snapshot_dir(args.dir))
        from collabcheck.tui.app import run_app

        return run_app(bank=bank, snapshot_dir=snapshot_dir(args.dir))
    finally:
        gc.enable()


def cmd_init(args: argparse.Namespace) -> int:
    """Make the snapshot folder and its note in the team's repository; say what was done."""
    import os

    from collabcheck.core.paths import program_name, snapshot_dir
    from collabcheck.core.team_folder import set_up, shown
    from collabcheck.render.safe import safe_line, terminal_safe

    default = snapshot_dir(args.dir)
    folder = Path(args.folder) if args.folder else default
    result = set_up(folder)
    if not result.ready:
        sys.stderr.write(safe_line(f"collabcheck: {result.problem}") + "\n")
        return EXIT_USAGE
    for line in result.done:
        print(terminal_safe(line))
    for command in [result.commit_note] if result.commit_note else []:
        print(terminal_safe(f"    {command}"))
    for line in result.missing:
        print(terminal_safe(line))
    for command in result.commands:
        print(terminal_safe(f"    {command}"))
    program = program_name()  # as it can be typed here (the README's install is not on PATH)
    start = (
        program if os.path.abspath(folder) == os.path.abspath(default) else f"{program} --dir {shown(folder)}"
    )
    print(terminal_safe(f"{'Then' if result.missing else 'Next'}: start a sitting here with {start}"))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """A made-up partnership's finished sitting, read as partners would see it; saves nothing."""
    from collabcheck.core.bank_cache import read_only

    with read_only():  # not even a kept question bank
        return _demo(args)


def _demo(args: argparse.Namespace) -> int:
    from collabcheck.core.bank import load_bank
    from collabcheck.core.examples import load_example
    from collabcheck.plain import wants_plain

    example = load_example(load_bank())  # the examples were answered on the shipped questions
    if wants_plain(args.plain, sys.stdin, sys.stdout):
        from collabcheck.plain.demo import run_plain_demo

        return run_plain_demo(example)
    from collabcheck.core.paths import program_name
    from collabcheck.render.safe import terminal_safe
    from collabcheck.tui.demo import run_demo_app

    status = run_demo_app(example)
    program = program_name()
    print(
        terminal_safe(
            "collabcheck: that was an example. For your own sitting, go to your team's git "
            f"repository and run {program} init, then {program}."
        )
    )
    return status


COMMANDS = {
    "questions": cmd_questions,
    "validate": cmd_validate,
    "report": cmd_report,
    "history": cmd_history,
    "cohort": cmd_cohort,
    "commit": cmd_commit,
    "serve": cmd_serve,
    "apart": cmd_apart,
    "demo": cmd_demo,
    "init": cmd_init,
    None: cmd_app,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for the console script and `python -m collabcheck`."""
    argv = sys.argv[1:] if argv is None else argv
    args = app_args(argv) or build_parser().parse_args(argv)  # the bare app without argparse
    try:
        return cmd_app(args) if isinstance(args, AppArgs) else COMMANDS[args.command](args)
    except CollabcheckError as exc:
        from collabcheck.render.safe import safe_line  # (not loaded for the app's first screen)

        sys.stderr.write(safe_line(str(exc)) + "\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("collabcheck: stopped\n")
        return EXIT_STOPPED
    except BrokenPipeError:
        return EXIT_OK
