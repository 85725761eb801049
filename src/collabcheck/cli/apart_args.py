"""The arguments of `collabcheck apart …`, kept apart from the command itself.

The main parser is built for every command, the app's start included, and seven nested
parsers cost about 8 ms to build; so the main parser only takes `apart` and the words
after it (`add_apart_command`), and `apart_parser` is built when `apart` runs. Nothing here
but argparse.
"""

from __future__ import annotations

import argparse
from typing import TypeVar

Parser = TypeVar("Parser", bound=argparse.ArgumentParser)  # the main parser's class, shared by its subparsers


def add_apart_command(sub: argparse._SubParsersAction[Parser], common: Parser) -> None:
    """`apart` in the main parser: the rest of the line is read by `apart_parser`."""
    p = sub.add_parser(
        "apart",
        parents=[common],
        add_help=False,
        help="a sitting where each partner answers on their own computer (collabcheck apart --help)",
    )
    # Options before the action are handed on with the rest (argparse's REMAINDER cannot
    # start with an option).
    p.add_argument("-h", "--help", dest="apart_help", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--no-push", dest="apart_no_push", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)


def apart_parser(
    common: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> argparse.ArgumentParser:
    """`collabcheck apart ACTION …`, with each action's own options."""
    p = parser_class(
        prog="collabcheck apart",
        parents=[common],
        description="A sitting where each partner answers on their own computer, "
        "sealed, and combined through your team's git repository.",
    )
    verbs = p.add_subparsers(dest="apart_command", metavar="ACTION", parser_class=parser_class)
    p.set_defaults(apart_command="reveal", id=None)  # bare `apart`: carry on
    p.add_argument(
        "--no-push",
        action="store_true",
        help="commit here only: no pull or push (for a folder with no shared copy)",
    )
    o = verbs.add_parser("open", parents=[common], help="open a sitting apart and share it")
    o.add_argument(
        "--partner",
        action="append",
        required=True,
        metavar="NAME",
        help="a partner's name (give 2 to 6, one --partner each)",
    )
    o.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="ROLE",
        help="their roles, in the same order as --partner ('' for none)",
    )
    o.add_argument(
        "--side",
        action="append",
        default=[],
        choices=["", "professional", "patient", "other"],
        help="which side of care each comes from, in the same order",
    )
    o.add_argument("--pair", metavar="NAME", help="the partnership's name (default: from the names)")
    o.add_argument("--stage", choices=["starting", "under-a-year", "longer"])
    o.add_argument("--route", choices=["open", "under-radar", "undecided"])
    o.add_argument("--as", dest="who", metavar="PARTNER", help="who is opening it")
    for name, text in (
        ("status", "who has answered, sealed and revealed"),
        ("reveal", "reveal and combine whatever can be, now"),
    ):
        v = verbs.add_parser(name, parents=[common], help=text)
        v.add_argument("id", metavar="ID", nargs="?", help="one sitting apart (default: all)")
    a = verbs.add_parser("answer", parents=[common], help="answer, then share only your seal")
    a.add_argument("id", metavar="ID")
    a.add_argument("--as", dest="who", required=True, metavar="PARTNER")
    v = verbs.add_parser("verify", parents=[common], help="prove from git log that no answer changed")
    v.add_argument("id", metavar="ID")
    c = verbs.add_parser("cancel", parents=[common], help="cancel a sitting apart")
    c.add_argument("id", metavar="ID")
    c.add_argument("--as", dest="who", required=True, metavar="PARTNER")
    g = verbs.add_parser("agree", parents=[common], help="agree a practice once you have seen the comparison")
    g.add_argument("id", metavar="ID")
    g.add_argument("--as", dest="who", required=True, metavar="PARTNER")
    g.add_argument(
        "--practice",
        type=int,
        choices=range(1, 6),
        metavar="N",
        help="the practice (1-5); default: the suggestion",
    )
    g.add_argument(
        "--together",
        action="store_true",
        help="record what you all agreed together (on a call), for everyone",
    )
    g.add_argument(
        "--action",
        action="append",
        default=[],
        metavar="TEXT",
        help="an action you will take (give several, one --action each)",
    )
    for q in (o, a, c, g, *(verbs.choices[n] for n in ("status", "reveal", "verify"))):
        q.add_argument(
            "--no-push",
            action="store_true",
            default=argparse.SUPPRESS,
            help="commit here only: no pull or push (for a folder with no shared copy)",
        )
    return p
