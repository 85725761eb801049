"""The bare `collabcheck` (the app) reads its options without the full parser, for start-up
time; wherever it does, it reads them exactly as the full parser would, and it leaves every
command, help, version and mistake to the full parser."""

from __future__ import annotations

import pytest

from collabcheck.cli import app_args, build_parser

APP = [
    [],
    ["--plain"],
    ["--dir", "snaps"],
    ["--dir=snaps", "--questions", "bank"],
    ["--questions", "bank", "--plain", "--dir", "report"],  # a folder named like a command
    ["--served", "--served-shared"],
    ["--pl"],  # an abbreviation argparse accepts
]
NOT_APP = [
    ["report", "s.toml"],
    ["--dir", "snaps", "history"],
    ["-h"],
    ["--help"],
    ["--version"],
    ["--bogus"],
    ["--dir"],  # the folder is missing
    ["--", "report"],
    ["--s"],  # ambiguous
    ["apart", "status"],
]


@pytest.mark.parametrize("argv", APP)
def test_the_apps_options_are_read_as_the_full_parser_reads_them(argv):
    quick = app_args(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", NOT_APP)
def test_anything_else_is_left_to_the_full_parser(argv):
    assert app_args(argv) is None
