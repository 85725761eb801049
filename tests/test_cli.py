"""The command line: exit statuses, one-line errors, JSON shape, and no Textual outside the app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from collabcheck.cli import main

from .conftest import MINI_BANK, SHIPPED_BANK, run_cli


def cc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real program, for what only a real process shows (argparse's exits, --version)."""
    return subprocess.run(
        [sys.executable, "-m", "collabcheck", *args], capture_output=True, text=True, cwd=cwd, timeout=60
    )


def test_version_and_help():
    run = cc("--version")
    assert run.returncode == 0 and run.stdout.startswith("collabcheck ")
    run = cc("--help")
    assert run.returncode == 0
    for command in ("report", "history", "questions", "validate", "--questions", "--dir"):
        assert command in run.stdout


def test_unknown_command_is_a_usage_error():
    run = cc("frobnicate")
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_questions_text_lists_every_item(capsys):
    assert main(["questions"]) == 0
    out = capsys.readouterr().out
    assert "Find your collaborative partner(s)" in out
    assert "find-partners.shared-purpose" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_questions_json_has_the_spec_shape(capsys):
    assert main(["questions", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"id", "version", "title", "source", "sections"} <= set(data)
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, None]
    for section in data["sections"]:
        assert {"id", "number", "title", "tips", "prompts", "items"} <= set(section)
        for item in section["items"]:
            assert {"id", "kind", "text", "reverse"} <= set(item)
            assert item["id"].startswith(section["id"] + ".")
            assert isinstance(item["reverse"], bool)


def test_questions_option_after_the_command(capsys):
    assert main(["questions", "--questions", str(MINI_BANK), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "mini"
    assert main(["--questions", str(MINI_BANK), "questions", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "mini"


def test_validate_passes_on_the_shipped_bank():
    run = run_cli("validate")
    assert run.returncode == 0, run.stderr
    run = run_cli("validate", str(SHIPPED_BANK))
    assert run.returncode == 0, run.stderr
    assert "ok" in run.stdout


def test_validate_a_folder_of_snapshots_with_one_broken(tmp_path):
    good = (Path(__file__).parent / "test_snapshot.py").read_text()  # reuse the GOOD text
    start = good.index('GOOD = """') + len('GOOD = """')
    text = good[start : good.index('"""', start)]
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    (tmp_path / "b.toml").write_text(text.replace("schema = 1", "schema = 9"), encoding="utf-8")
    (tmp_path / "c.toml").write_text("this is = = not toml", encoding="utf-8")
    run = run_cli("--questions", str(MINI_BANK), "validate", str(tmp_path))
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 2, run.stderr
    assert "b.toml" in lines[0] and "newer" in lines[0]
    assert "c.toml:1:" in lines[1] and "not valid TOML" in lines[1]
    assert "a.toml: ok" in run.stdout
    assert "Traceback" not in run.stderr


def test_validate_a_missing_path_is_exit_2():
    run = run_cli("validate", "/no/such/place.toml")
    assert run.returncode == 2
    assert run.stderr.strip() == "/no/such/place.toml: no such file or folder"


def test_bad_question_folder_is_exit_2():
    run = run_cli("--questions", "/no/such/bank", "questions")
    assert run.returncode == 2
    assert run.stderr.strip() == "/no/such/bank: question folder not found"


DOMAIN = [
    "collabcheck",
    "collabcheck.core.bank",
    "collabcheck.core.snapshot",
    "collabcheck.core.errors",
    "collabcheck.core.slug",
    "collabcheck.cli",
    "collabcheck.cli.validate",
    "collabcheck.render.questions",
]
OPTIONAL_DOMAIN = [
    "collabcheck.scoring.compare",
    "collabcheck.render.report",
    "collabcheck.cli.report",
    "collabcheck.history.build",
    "collabcheck.cli.history",
    "collabcheck.render.history",
    "collabcheck.core.sitting",
    "collabcheck.render.words",
]


def test_domain_modules_never_import_textual():
    code = (
        "import importlib, importlib.util, sys\n"
        f"for name in {DOMAIN!r}:\n    importlib.import_module(name)\n"
        f"for name in {OPTIONAL_DOMAIN!r}:\n"
        "    if importlib.util.find_spec(name):\n        importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(len(bad))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "0"


@pytest.mark.parametrize(
    "args", [["questions"], ["questions", "--format", "json"], ["validate"], ["--version"], ["--help"]]
)
def test_commands_other_than_the_app_do_not_import_textual(args):
    code = (
        "import sys\nfrom collabcheck.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('TEXTUAL=' + str(any(m.split('.')[0] == 'textual' for m in sys.modules)))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "TEXTUAL=False" in run.stderr, run.stderr


def _good_snapshot_text() -> str:
    good = (Path(__file__).parent / "test_snapshot.py").read_text()
    start = good.index('GOOD = """') + len('GOOD = """')
    return good[start : good.index('"""', start)]


def test_validate_with_no_paths_checks_the_snapshot_folder_too(tmp_path):
    snaps = tmp_path / "snaps"
    snaps.mkdir()
    (snaps / "a.toml").write_text(_good_snapshot_text(), encoding="utf-8")
    (snaps / "b.toml").write_text(_good_snapshot_text().replace("schema = 1", "schema = 9"), encoding="utf-8")
    run = run_cli("--questions", str(MINI_BANK), "validate", "--dir", str(snaps))
    assert run.returncode == 1
    assert "a.toml: ok" in run.stdout and "3 checked, 1 invalid" in run.stdout
    assert "b.toml" in run.stderr


def test_validate_warns_about_answers_to_questions_not_in_the_bank(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text(
        _good_snapshot_text().replace('"find-partners.a" = 4', '"find-partners.aa" = 4'), encoding="utf-8"
    )
    run = run_cli("--questions", str(MINI_BANK), "validate", str(path))
    assert run.returncode == 0  # kept, as the spec says, but named
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"{path}: warning:") and "find-partners.aa" in line


@pytest.mark.parametrize(
    "args, words",
    [
        (["frob"], "there is no command 'frob'"),
        (["questions", "--format", "xml"], "there is no format 'xml' (use text, json)"),
        (["questions", "--bogus"], "not understood: --bogus"),
        (["report"], "missing: FILE"),
    ],
)
def test_usage_errors_are_plain_and_one_line(args, words):
    run = cc(*args)
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert words in line and "invalid choice" not in line and "unrecognized" not in line


def test_a_file_that_is_not_toml_gets_a_hint(tmp_path):
    path = tmp_path / "report.md"
    path.write_text("A report about us\n", encoding="utf-8")
    run = run_cli("validate", str(path))
    assert run.returncode == 1
    assert "(collabcheck reads .toml files)" in run.stderr


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    import os

    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "folder.toml").mkdir()
    run = run_cli("validate", str(tmp_path))
    assert run.returncode == 1
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"{tmp_path / 'pipe.toml'}: is not a regular file")
    run = run_cli("report", str(tmp_path / "pipe.toml"))
    assert run.returncode == 2 and "is not a regular file" in run.stderr


def test_history_lists_a_broken_link_as_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))
    snaps = tmp_path / "snaps"
    snaps.mkdir()
    (snaps / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    run = run_cli("history", str(snaps), "--format", "json")
    assert run.returncode == 0, run.stderr
    (skipped,) = json.loads(run.stdout)["skipped"]
    assert skipped["file"].endswith("gone.toml")
