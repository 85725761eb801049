"""Bad state never crashes, and no fault ever shows a traceback.

An unreadable sitting.json is set aside (renamed, never deleted) with a plain message, and
the app starts. Any fault inside the app keeps the sitting, exits non-zero and prints one
plain line; Textual's traceback (which shows local variables, so private words) never runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import TextArea

from collabcheck.core.sitting import STATE_FILE, save
from collabcheck.tui import app as app_module
from collabcheck.tui.screens.questions import QuestionsScreen
from collabcheck.tui.screens.welcome import WelcomeScreen

from .conftest import SIZE
from .test_sitting_flow import keys_for
from .test_writing import THINK, carry_on, stored_sitting


def good(mini) -> dict:
    return json.loads(stored_sitting(mini).to_json())


def corrupt(kind: str, state: Path, mini) -> None:
    """Write one kind of broken state file into the state folder."""
    state.mkdir(parents=True, exist_ok=True)
    path = state / STATE_FILE
    data = good(mini)
    if kind == "bad bytes":
        path.write_bytes(b"\xff\xfe\x00{not text at all\x80")
    elif kind == "not json":
        path.write_text('{"format": 1, "bank": ')
    elif kind == "wrong types":
        data["partners"] = "Alice and Sam"
        data["current_item"] = "four"
        path.write_text(json.dumps(data))
    elif kind == "empty partners":
        data["partners"] = []
        path.write_text(json.dumps(data))
    elif kind == "deep nesting":
        path.write_text("[" * 200_000 + "]" * 200_000)
    elif kind == "huge":
        data["notes"] = {"alice": {THINK: {"text": "x" * 5_000_000}}}
        path.write_text(json.dumps(data))
    elif kind == "place out of range":
        data["current_partner"] = -3
        path.write_text(json.dumps(data))
    elif kind == "a folder":
        path.mkdir()
    else:
        raise AssertionError(kind)


KINDS = [
    "bad bytes",
    "not json",
    "wrong types",
    "empty partners",
    "deep nesting",
    "huge",
    "place out of range",
    "a folder",
]


@pytest.mark.parametrize("kind", KINDS)
async def test_a_broken_state_file_is_set_aside_and_the_app_starts(kind, make_app, mini):
    app = make_app()
    corrupt(kind, app.state_dir, mini)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.resumable is None
        messages = [n.message for n in app._notifications]
        aside = list(app.state_dir.glob("sitting-unreadable-*.json"))
        assert len(aside) == 1 and not (app.state_dir / STATE_FILE).exists()
        said = [m.replace("\n", "") for m in messages]  # the path is said over lines of its own
        assert any("could not be read, so it was put aside as" in m and str(aside[0]) in m for m in said)
        await pilot.press("n")  # and a new sitting can start
        await pilot.pause()
        assert app.screen.sub_title == "Who is here"
    assert not app.return_code and not app.crash_message


async def test_a_fault_keeps_the_words_and_shows_no_traceback(make_app, mini, monkeypatch, capsys):
    def broken(self) -> None:
        raise RuntimeError("a private reflection that must not be printed")

    monkeypatch.setattr(QuestionsScreen, "action_next", broken)
    app = make_app()
    save(stored_sitting(mini), app.state_dir)
    with pytest.raises(RuntimeError):  # Pilot re-raises the app's first error for tests
        async with app.run_test(size=SIZE) as pilot:
            q = await carry_on(pilot)
            await pilot.press("enter", *keys_for("kept words"))
            assert q.query_one("#note", TextArea).text == "kept words"
            await pilot.press("escape", "right")
            await pilot.pause()
    assert app.return_code == 1
    out, err = capsys.readouterr()  # Textual's traceback is printed nowhere
    assert "Traceback" not in out + err and "private" not in out + err
    assert str(app.state_dir) in app.crash_message and "carry on" in app.crash_message
    assert "private" not in app.crash_message
    state = json.loads((app.state_dir / STATE_FILE).read_text())
    assert state["notes"]["alice"][THINK]["text"] == "kept words"


def test_run_app_prints_one_plain_line_and_exits_non_zero(tmp_path, mini, monkeypatch, capsys):
    """The real entry point, headless: a fault while drawing the first screen."""

    def broken(self):
        raise ValueError("secret words from a reflection")

    monkeypatch.setattr(WelcomeScreen, "compose", broken)
    run = app_module.CollabcheckApp.run
    monkeypatch.setattr(
        app_module.CollabcheckApp, "run", lambda self, **kw: run(self, headless=True, size=SIZE)
    )
    save(stored_sitting(mini), tmp_path / "state")
    status = app_module.run_app(mini, tmp_path / "snaps", tmp_path / "state")
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out + err and "secret" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and str(tmp_path / "state") in lines[0]
    assert (tmp_path / "state" / STATE_FILE).exists()  # the sitting is still there
