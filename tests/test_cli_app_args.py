"""The bare `collabcheck` (the app) reads its options without the full parser (nor argparse),
for start-up time; wherever it does, it reads them exactly as the full parser would, and it
leaves every command, help, version and mistake to the full parser."""

from __future__ import annotations

import subprocess
import sys

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
    ["--di=z", "--q", "b", "--served-s"],
    ["--dir=", "--dir", "again"],  # the last one counts
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
    ["--plain=yes"],  # a flag takes no value
    ["--dir", "--plain"],
    ["--dir", "-x"],  # a folder that looks like an option: left to argparse
    ["--ver"],
    ["--h"],
    ["-d", "x"],
]


@pytest.mark.parametrize("argv", APP)
def test_the_apps_options_are_read_as_the_full_parser_reads_them(argv):
    quick = app_args(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", NOT_APP)
def test_anything_else_is_left_to_the_full_parser(argv):
    assert app_args(argv) is None


def test_the_bare_app_does_not_load_argparse():
    code = (
        "import sys\nfrom collabcheck.cli import app_args\n"
        "assert app_args(['--dir', 'x', '--plain']) is not None\n"
        "print('argparse' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "False", run.stderr
