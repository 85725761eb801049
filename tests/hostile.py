"""Helpers for the hostile-file tests and the fuzz tests: run commands in-process, check output,
and damage a parsed file at a random place.

Every command runs through `collabcheck.cli.main(argv)` with stdout and stderr captured, so a
thousand files take seconds, and an uncaught exception fails the test with its traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOOD_FILE = ROOT / "examples" / "amira-and-tom" / "2026-03-12T1030-amira-and-tom.toml"
GOOD = GOOD_FILE.read_text(encoding="utf-8")

# What a terminal acts on: C0 controls but tab and newline, DEL, C1, bidi controls, BOM.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


def run(argv: list[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command, in-process."""
    from collabcheck.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def assert_no_raw_control(*texts: str) -> None:
    for text in texts:
        m = RAW_CONTROL.search(text)
        assert m is None, f"raw {m.group()!r} in output: {text[max(0, m.start() - 60) : m.end() + 60]!r}"


def history_json(folder: Path, *extra: str) -> dict:
    code, out, err = run(["history", str(folder), "--format", "json", *extra])
    assert code == 0, err
    assert_no_raw_control(out, err)
    return json.loads(out)


def history_files(data: dict) -> tuple[set[str], set[str]]:
    """(files read as sittings, files listed as skipped), as file names."""
    read = {Path(s["file"]).name for p in data["pairs"] for s in p["sittings"]}
    skipped = {Path(s["file"]).name for s in data["skipped"]}
    return read, skipped


def with_pair(text: str, pair: str) -> str:
    """The example snapshot moved to another partnership, so each file is its own history."""
    return text.replace('pair = "amira-and-tom"', f'pair = "{pair}"', 1)


def places(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed document, as the keys and indexes that lead to it ('()' first)."""
    out = [here]
    if isinstance(value, dict):
        for k, v in value.items():
            out += places(v, (*here, k))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            out += places(v, (*here, n))
    return out


def with_value(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    """A copy of `value` with `new` at `path` (the original is left as it was)."""
    if not path:
        return new
    head, *rest = path
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[head] = with_value(value[head], tuple(rest), new)
    return copy
