"""`collabcheck history` on the command line: the documented JSON, exit statuses, stderr, the examples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from collabcheck.cli import main

from .conftest import MINI_BANK, ROOT, run_cli
from .test_history import save, snap

EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(cache))
    return cache


def programme(tmp_path: Path) -> Path:
    d = tmp_path / "programme"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", {1: 2, 2: 2, 3: 2, 4: 2, 5: 2}, agreed=3), d)
    save(snap("ann-and-bo", "2026-04-01T09:00:00+01:00", {1: 3, 2: 3, 3: 4, 4: 3, 5: 2}), d)
    save(snap("cy-dee-and-eve", "2026-02-01T09:00:00+00:00", partners=("cy", "dee", "eve")), d)
    (d / "broken.toml").write_text("schema = 1\npair = \n")
    return d


def test_json_has_every_spec_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    d = programme(tmp_path)
    assert main(["--questions", str(MINI_BANK), "history", str(d), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"pairs", "skipped"}
    assert [p["pair"] for p in out["pairs"]] == ["ann-and-bo", "cy-dee-and-eve"]
    for p in out["pairs"]:
        assert set(p) >= {"pair", "sittings", "changes"}
        assert set(p["changes"]) == {"1", "2", "3", "4", "5"}
        for s in p["sittings"]:
            assert set(s) >= {
                "file",
                "taken_at",
                "partners",
                "practices",
                "authority_divergence",
                "focus_divergence",
                "suggested",
                "agreed",
            }
            assert set(s["practices"]) == {"1", "2", "3", "4", "5"}
            assert all(v is None or isinstance(v, float) for v in s["practices"].values())
            assert isinstance(s["suggested"], int) and 1 <= s["suggested"] <= 5
            assert s["agreed"] is None or 1 <= s["agreed"] <= 5
            assert all(isinstance(pid, str) for pid in s["partners"])
            assert Path(s["file"]).exists()
    ann = out["pairs"][0]
    assert [s["taken_at"] for s in ann["sittings"]] == [
        "2026-01-01T09:00:00+00:00",
        "2026-04-01T09:00:00+01:00",
    ]
    assert ann["sittings"][0]["agreed"] == 3
    assert ann["changes"] == {"1": 1.0, "2": 1.0, "3": 2.0, "4": 1.0, "5": 0.0}
    assert ann["follow_through"][0]["from"] == 2.0 and ann["follow_through"][0]["to"] == 4.0
    assert out["pairs"][1]["sittings"][0]["partners"] == ["cy", "dee", "eve"]
    (skipped,) = out["skipped"]
    assert skipped["file"].endswith("broken.toml") and skipped["error"]


def test_text_lists_skipped_files_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    d = programme(tmp_path)
    assert main(["--questions", str(MINI_BANK), "history", str(d)]) == 0
    out, err = capsys.readouterr()
    (line,) = err.strip().splitlines()
    assert line.startswith(f"{d / 'broken.toml'}:2: not valid TOML")
    assert "Ann and Bo (ann-and-bo)" in out and "Cy, Dee and Eve (cy-dee-and-eve)" in out
    assert "1 file could not be read" in out
    # Every line fits 80 columns, but for the folder's own path, which is shown whole.
    assert all(len(line) <= 80 for line in out.splitlines() if str(d) not in line)


def test_pair_filter(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    d = programme(tmp_path)
    assert (
        main(["--questions", str(MINI_BANK), "history", str(d), "--pair", "ann-and-bo", "--format", "json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert [p["pair"] for p in out["pairs"]] == ["ann-and-bo"]
    assert main(["--questions", str(MINI_BANK), "history", str(d), "--pair", "nobody"]) == 0
    out = capsys.readouterr().out
    assert "No sittings for 'nobody'" in out and "ann-and-bo, cy-dee-and-eve" in out


def test_missing_folder_is_one_line_and_exit_2(tmp_path: Path):
    run = run_cli("history", str(tmp_path / "nowhere"))
    assert run.returncode == 2
    assert run.stdout == "" and len(run.stderr.strip().splitlines()) == 1
    assert "nowhere" in run.stderr and "Traceback" not in run.stderr


def test_missing_default_folder_says_which_folder(tmp_path: Path):
    run = subprocess.run(
        [sys.executable, "-m", "collabcheck", "history"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "COLLABCHECK_DIR": ""},
    )
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert "no snapshot folder 'collabcheck' here" in line and "examples/" in line


def test_a_file_instead_of_a_folder_is_exit_2(tmp_path: Path):
    f = save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), tmp_path)
    run = run_cli("--questions", str(MINI_BANK), "history", str(f))
    assert run.returncode == 2 and "report" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_empty_folder_is_friendly(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "empty").mkdir()
    assert main(["history", str(tmp_path / "empty")]) == 0
    out, err = capsys.readouterr()
    assert "No snapshots yet" in out and err == ""
    assert main(["history", str(tmp_path / "empty"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pairs"] == [] and data["skipped"] == []


def test_default_folder_is_the_snapshot_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    d = tmp_path / "mine"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d)
    monkeypatch.setenv("COLLABCHECK_DIR", str(d))
    assert main(["--questions", str(MINI_BANK), "history", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["pairs"][0]["pair"] == "ann-and-bo"
    other = tmp_path / "other"
    save(snap("cy-and-dee", "2026-01-01T09:00:00+00:00", partners=("cy", "dee")), other)
    assert main(["--questions", str(MINI_BANK), "history", "--dir", str(other), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["pairs"][0]["pair"] == "cy-and-dee"


def test_history_does_not_import_textual(tmp_path: Path):
    code = (
        "import sys; from collabcheck.cli import main; rc = main(['history', sys.argv[1], "
        "'--format', 'json']); print('textual' in sys.modules, rc, file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLES)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLLABCHECK_CACHE_DIR": str(tmp_path / "c")},
    )
    assert run.stderr.strip().splitlines()[-1] == "False 0"


def test_examples_tell_a_story(tmp_path: Path):
    v1: tuple[str, ...] = ()  # the shipped bank; each sitting is read with the bank it used
    run = run_cli(*v1, "history", str(EXAMPLES))
    assert run.returncode == 0 and run.stderr == ""
    out = run.stdout
    flat = " ".join(out.split())
    assert "Dr Amira Haddad and Tom Reilly (amira-and-tom)" in out
    assert "Jo Okafor, Priya Shah and Ken Morris (jo-priya-and-ken)" in out
    # Seen far apart at those sittings, so each partner's figures come before the combined ones.
    assert (
        "You chose practice 3 (Make time for learning) on 9 December 2025. Dr Amira Haddad went "
        "from 2.7 to 3.3 and Tom Reilly went from 2.0 to 3.0 (together, 2.3 to 3.2)."
    ) in flat
    assert all(len(line) <= 80 for line in out.splitlines())
    # Each story's first sitting used question bank 1: history says the questions changed.
    assert (
        "The questions for practice 1, practice 2, practice 3, practice 4 and practice 5 "
        "changed between 9 December 2025 and 12 March 2026"
    ) in flat
    assert "Source: The King's Fund (2016). Developing collaborative relationships." in flat
    md = run_cli(*v1, "history", str(EXAMPLES), "--format", "markdown")
    assert md.returncode == 0 and "## Dr Amira Haddad and Tom Reilly" in md.stdout
    assert "| Practice | Trend | Over time | Since last |" in md.stdout
    data = json.loads(run_cli(*v1, "history", str(EXAMPLES), "--format", "json").stdout)
    assert [len(p["sittings"]) for p in data["pairs"]] == [4, 2, 1, 2] and data["skipped"] == []
    amira = data["pairs"][0]
    learning = [s["practices"]["3"] for s in amira["sittings"]]
    assert learning == sorted(learning) and learning[-1] - learning[0] >= 1  # the story: it improved
    authority = [s["authority_divergence"] for s in amira["sittings"]]
    assert authority[-1] < authority[0]  # and views converged
    # The trio with a carer gave their sides: the patient side (a patient partner and a
    # carer) and the professional side come closer on the say, and what Ruth could not rate
    # about practice 5 at first has shrunk.
    trio = data["pairs"][3]
    assert trio["pair"] == "nia-ruth-and-dev"
    assert trio["sittings"][0]["sides"] == {"nia": "professional", "ruth": "patient", "dev": "patient"}
    assert trio["side_convergence"]["authority"]["trend"] == "closer"
    (ruth,) = trio["cannot_see"]
    assert (ruth["partner"], ruth["practice"], ruth["since_previous"]) == ("ruth", 5, "gone")
    assert "Patient side and professional side" in out and "What a partner could not rate" in out


def test_examples_are_what_the_script_writes(tmp_path: Path):
    """The committed files are exactly what make_examples.py writes today (no hand edits)."""
    import shutil

    copy = tmp_path / "examples"
    copy.mkdir()
    shutil.copy(EXAMPLES / "make_examples.py", copy)
    run = subprocess.run(
        [sys.executable, str(copy / "make_examples.py")], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    made = sorted(p.relative_to(copy) for p in copy.rglob("*.toml"))
    assert made == sorted(p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*.toml"))
    for rel in made:  # the first line names the collabcheck version that wrote the file
        assert (copy / rel).read_text().split("\n", 1)[1] == (EXAMPLES / rel).read_text().split("\n", 1)[1]


def test_history_pauses_the_cycle_collector_and_leaves_it_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    """history pauses Python's cycle collector while it makes its records (they hold no
    cycles), and gives it back: a caller in the same process (the app, a facilitator's
    script, these tests) finds it on, even after an error."""
    import gc

    import collabcheck.history.gather as gather

    seen: list[bool] = []
    real = gather.Gathering.history  # every history is put together there, whatever the format

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(gather.Gathering, "history", watched)
    assert gc.isenabled()
    assert main(["history", str(programme(tmp_path)), "--format", "json"]) == 0
    assert main(["history", str(programme(tmp_path))]) == 0
    assert seen == [False, False]
    assert gc.isenabled()
    assert main(["history", str(tmp_path / "nowhere")]) == 2
    assert gc.isenabled()


def test_history_json_is_one_dumps_of_a_plain_structure(tmp_path: Path):
    """History's JSON is exactly `json.dumps` of `render_json`, a structure of plain values
    (no text stitched in), even for many pairs whose names hold quotes, brackets and keys."""
    from dataclasses import replace

    from collabcheck.cli.history import json_text
    from collabcheck.core.bank import load_bank
    from collabcheck.history.gather import build_history
    from collabcheck.history.read import summarise_file
    from collabcheck.history.summary import Refused, Summary
    from collabcheck.render.history_json import render_json

    bank = load_bank()
    example = next(iter(sorted(EXAMPLES.rglob("*.toml"))))
    summary = summarise_file(str(example), bank)
    assert isinstance(summary, Summary)
    records: list[tuple[str, Summary | Refused]] = []
    for n in range(260):
        rec = replace(summary, pair=f"pair-{n}", names=[f'Ann "pairs": [] {n}', "Bo ]}, ü"])
        records.append((f'folder/"pairs": []/{n}.toml', rec))
    records.append(("odd.toml", Refused('bad "pairs": [] here', 3)))
    history = build_history('odd "pairs": [] folder', records, bank)
    structure = render_json(history)
    one = json.dumps(structure, ensure_ascii=False)
    assert json_text(history) == one
    assert json.loads(one) == json.loads(json.dumps(structure))  # plain values only
    assert len(json.loads(one)["pairs"]) == 260
