"""File and folder names that are not UTF-8 (`café.toml` saved in Latin-1): every command and
the app's Past sittings screen list them as a problem, show the rest, and every output stays
valid in any locale: JSON parses as strict UTF-8, and no traceback, ever."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Static

from collabcheck.core.bank import load_bank
from collabcheck.render.safe import json_safe, safe_line, terminal_safe
from collabcheck.tui.screens.history import HistoryScreen

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOOD = sorted((EXAMPLES / "amira-and-tom").glob("*.toml"))
LOCALES = {"utf-8": {}, "strict": {"PYTHONIOENCODING": "utf-8:strict"}, "C": {"LC_ALL": "C", "LANG": "C"}}


def odd_folder(tmp_path: Path) -> Path:
    """Good sittings, plus one file and one folder whose names are Latin-1, not UTF-8."""
    folder = tmp_path / "snaps"
    folder.mkdir()
    for f in GOOD:
        shutil.copy(f, folder)
    shutil.copy(GOOD[0], os.fsencode(folder) + b"/caf\xe9.toml")
    os.mkdir(os.fsencode(folder) + b"/d\xff")
    shutil.copy(GOOD[1], os.fsencode(folder) + b"/d\xff/2026-01-01T1000-x.toml")
    return folder


def cc(tmp_path: Path, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "COLLABCHECK_CACHE_DIR": str(tmp_path / "cache"), **extra}
    return subprocess.run(
        [sys.executable, "-m", "collabcheck", *args], capture_output=True, env=env, timeout=120
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_history_json_stays_valid_json_in_every_locale(tmp_path: Path, locale: str):
    folder = odd_folder(tmp_path)
    for _ in ("cold", "cached"):
        run = cc(tmp_path, LOCALES[locale], "history", str(folder), "--format", "json")
        assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
        data = json.loads(run.stdout.decode("utf-8"))  # strict: a raw 0xe9 would fail
        skipped = {s["file"]: s["error"] for s in data["skipped"]}
        assert skipped.keys() == {f"{folder}/caf\\xe9.toml", f"{folder}/d\\xff"}
        assert all("not UTF-8" in e for e in skipped.values())
        assert [p["pair"] for p in data["pairs"]] == ["amira-and-tom"]
        assert len(data["pairs"][0]["sittings"]) == len(GOOD)


@pytest.mark.parametrize("locale", LOCALES)
def test_history_and_validate_list_the_names_as_problems(tmp_path: Path, locale: str):
    folder = odd_folder(tmp_path)
    for _ in ("cold", "cached"):
        run = cc(tmp_path, LOCALES[locale], "history", str(folder))
        err = run.stderr.decode("utf-8")
        assert run.returncode == 0 and "Traceback" not in err, err
        assert "caf\\xe9.toml: its name is not UTF-8" in err and "d\\xff: its name" in err
        assert "Amira" in run.stdout.decode("utf-8")
    run = cc(tmp_path, LOCALES[locale], "validate", str(folder))
    out, err = run.stdout.decode("utf-8"), run.stderr.decode("utf-8")
    assert run.returncode == 1 and "Traceback" not in err, err
    assert "caf\\xe9.toml: its name is not UTF-8" in err and "d\\xff: its name" in err
    assert f"{len(GOOD) + 2} checked, 2 invalid" in out
    named = cc(tmp_path, LOCALES[locale], "validate", os.fsdecode(os.fsencode(folder) + b"/caf\xe9.toml"))
    assert named.returncode == 1 and b"caf\\xe9.toml: its name" in named.stderr


@pytest.mark.parametrize("locale", LOCALES)
def test_report_refuses_the_name_validate_refuses(tmp_path: Path, locale: str):
    """What validate refuses, no command shows: report on a Latin-1 name is one line, exit 2
    (a tester found report printing the whole reading of a file validate refused)."""
    folder = odd_folder(tmp_path)
    for fmt in ("text", "markdown", "json"):
        run = cc(
            tmp_path,
            LOCALES[locale],
            "report",
            os.fsdecode(os.fsencode(folder) + b"/caf\xe9.toml"),
            "--format",
            fmt,
        )
        err = run.stderr.decode("utf-8")
        assert run.returncode == 2 and run.stdout == b"", fmt
        assert err.count("\n") == 1 and "caf\\xe9.toml: its name is not UTF-8" in err, err


def test_safe_text_never_carries_a_lone_surrogate():
    name = "caf\udce9\ud800.toml"
    for text in (safe_line(name), terminal_safe(name)):
        assert text == "caf\\xe9\\ud800.toml" and text.encode("utf-8")
    dumped = json_safe(json.dumps({"file": name}, ensure_ascii=False))
    assert json.loads(dumped.encode("utf-8")) == {"file": "caf\\xe9\\ud800.toml"}


class _Host(App[None]):
    def __init__(self, screen: HistoryScreen) -> None:
        super().__init__()
        self.history_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.history_screen)


async def test_past_sittings_screen_lists_the_odd_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = odd_folder(tmp_path)
    for _ in ("cold", "cached"):
        app = _Host(HistoryScreen(folder, load_bank()))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            text = "\n".join(str(w.render()) for w in app.history_screen.query(Static))
            assert "Amira" in text and "caf\\xe9.toml" in text and "d\\xff" in text
            assert "\udce9" not in text
