"""`collabcheck demo`: a made-up partnership's reading, marked as an example, saving nothing."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.examples import DEMO_PAIR, examples_dir, load_example, sitting_from_snapshot
from collabcheck.core.snapshot import read_snapshot

from .conftest import ROOT


def listing(*folders: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under `folders`, with its size and modification time."""
    out: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for p in sorted(folder.rglob("*")) if folder.exists() else []:
            st = p.stat()
            out[str(p)] = (st.st_size if p.is_file() else -1, st.st_mtime_ns)
        out[str(folder)] = (int(folder.exists()), 0)
    return out


@pytest.fixture
def places(tmp_path, monkeypatch) -> dict[str, Path]:
    """State, snapshot and cache folders (and the user's own defaults) pointed under tmp_path."""
    p = {
        name: tmp_path / name
        for name in ("state", "snaps", "cache", "home", "xdg-cache", "xdg-state", "work")
    }
    for name in ("snaps", "home", "work"):
        p[name].mkdir()
    env = {
        "COLLABCHECK_STATE_DIR": p["state"],
        "COLLABCHECK_DIR": p["snaps"],
        "COLLABCHECK_CACHE_DIR": p["cache"],
        "HOME": p["home"],
        "XDG_CACHE_HOME": p["xdg-cache"],
        "XDG_STATE_HOME": p["xdg-state"],
    }
    for key, value in env.items():
        monkeypatch.setenv(key, str(value))
    monkeypatch.chdir(p["work"])
    return p


def test_the_example_is_the_latest_sitting_of_the_made_up_pair_finished():
    bank = load_bank()
    ex = load_example(bank)
    files = sorted((examples_dir() / DEMO_PAIR).glob("*.toml"))
    latest = read_snapshot(files[-1], bank)
    assert ex.snapshot == latest and ex.folder == examples_dir() / DEMO_PAIR
    s = ex.sitting
    assert s.stage == "together" and s.everyone_finished
    # the sitting shows exactly what the file holds: its snapshot is the file's again
    again = s.to_snapshot(ex.bank, latest.taken_at)
    assert again == latest


def test_a_sitting_from_a_snapshot_keeps_notes_and_agreement():
    bank = load_bank()
    first = read_snapshot(sorted((examples_dir() / DEMO_PAIR).glob("*.toml"))[0], bank)
    s = sitting_from_snapshot(first)
    kept = {pid: {k: n.text for k, n in t.items()} for pid, t in s.notes.items()}
    assert first.notes and kept == first.notes
    assert first.agreed is not None and s.agreed_practice == first.agreed.practice
    assert s.actions == first.agreed.actions


def test_missing_examples_are_one_line_naming_the_folder(tmp_path):
    from collabcheck.core.errors import CollabcheckError

    with pytest.raises(CollabcheckError) as err:
        load_example(load_bank(), root=tmp_path)
    assert str(tmp_path / DEMO_PAIR) in str(err.value) and "missing" in str(err.value)


def test_plain_demo_reads_the_example_then_its_history_and_saves_nothing(places):
    from collabcheck.plain.demo import run_plain_demo

    before = listing(*places.values(), examples_dir())
    out = io.StringIO()
    typed = "\n".join(["", "", "agree", "history"]) + "\n"
    assert run_plain_demo(load_example(load_bank()), io.StringIO(typed), out) == 0
    text = out.getvalue()
    assert text.startswith("EXAMPLE. This is an example: Amira and Tom are made up.")
    assert "Part 1 of" in text and "Part 2 of" in text
    assert "This example saves nothing." in text
    assert "History of 1 partnership (4 sittings)" in text
    assert "\x1b" not in text
    assert listing(*places.values(), examples_dir()) == before


def test_plain_demo_stops_when_the_input_ends(places):
    from collabcheck.core.paths import program_name
    from collabcheck.plain.demo import goodbye, run_plain_demo

    out = io.StringIO()
    assert run_plain_demo(load_example(load_bank()), io.StringIO(""), out) == 0
    assert " ".join(out.getvalue().split()).endswith(goodbye(program_name()))


def test_demo_command_without_a_terminal_is_plain_and_writes_nothing(places):
    """The real program, as a newcomer would run it: no Textual, nothing written anywhere."""
    before = listing(*places.values(), examples_dir())
    code = (
        "import sys\nfrom collabcheck.cli import main\nstatus = main(sys.argv[1:])\n"
        "sys.stderr.write('TEXTUAL=' + str(any(m.split('.')[0] == 'textual' for m in sys.modules)))\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "demo"],
        input="agree\nhistory\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
        cwd=places["work"],
    )
    assert done.returncode == 0, done.stderr
    assert "EXAMPLE." in done.stdout and "History of 1 partnership" in done.stdout
    assert "TEXTUAL=False" in done.stderr
    assert listing(*places.values(), examples_dir()) == before


def test_demo_plain_flag_before_or_after_the_command(places, monkeypatch):
    from .conftest import run_cli

    for args in (["demo", "--plain"], ["--plain", "demo"]):
        monkeypatch.setattr("sys.stdin", io.StringIO(""))
        ran = run_cli(*args)
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.startswith("EXAMPLE.")


def test_examples_ship_in_the_sdist_and_are_found_from_a_checkout():
    assert (ROOT / "examples" / DEMO_PAIR).is_dir()
    assert examples_dir().resolve() in (
        ROOT / "examples",
        Path(__import__("collabcheck").__file__).resolve().parent / "examples",
    )
