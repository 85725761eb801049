"""Nothing raw reaches a reader: escape sequences, bidi overrides and Markdown from
files are shown as what they are, in every command's output and warnings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabcheck.render.safe import json_safe, md_escape, safe_line, terminal_safe

from .hostile import GOOD, RAW_CONTROL, assert_no_raw_control, run, with_pair

NASTY = "Tom\x1b]0;owned\x07\x1b[2J\x9b31m\u202eevil\u2066 <script>x</script> [click](javascript:alert(1))"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid TOML basic string for these characters


@given(st.text())
def test_terminal_safe_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    shown = terminal_safe(text)
    assert RAW_CONTROL.search(shown) is None
    assert "\n" not in safe_line(text) and "\t" not in safe_line(text)
    assert terminal_safe(shown) == shown  # only unsafe characters change
    if RAW_CONTROL.search(text) is None:
        assert shown == text


@given(st.dictionaries(st.text(max_size=5), st.text()))
def test_json_safe_keeps_the_data(data: dict[str, str]) -> None:
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert RAW_CONTROL.search(text) is None and json.loads(text) == data


def test_escapes_are_shown_visibly() -> None:
    assert terminal_safe("a\x1b[2Jb\u202ec\x9b") == "a\\x1b[2Jb\\u202ec\\x9b"
    assert md_escape("<b>[x](javascript:y)</b>") == "\\<b\\>\\[x\\](javascript:y)\\</b\\>"


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "snaps\x1b[2J"
    folder.mkdir()
    text = GOOD.replace('"Tom Reilly"', _toml_string(NASTY))
    text = text.replace('"Patient partner, lives with COPD"', _toml_string(NASTY))
    text = text.replace(
        '"find-partners.both-committed" = 5', f"{_toml_string('x' + NASTY)} = 5", 1
    )  # an item id not in the bank
    text = text.replace('bank = "kings-fund-2016"', f"bank = {_toml_string('kf' + NASTY)}")
    text += f"\n{_toml_string('odd' + NASTY)} = 1\n"  # an unknown key: a warning names it
    (folder / "nasty\x1b]8;;http:x\x07.toml").write_text(with_pair(text, "nasty"), encoding="utf-8")
    broken = GOOD.replace('name = "Tom Reilly"', 'name = "\x1b[2J')
    (folder / "broken\x9b.toml").write_text(broken, encoding="utf-8")
    return folder


def test_no_command_writes_raw_control_characters(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    nasty = next(folder.glob("nasty*"))
    outputs = []
    for fmt in ("text", "markdown", "json"):
        code, out, err = run(["report", str(nasty), "--format", fmt])
        assert code == 0, err
        outputs += [out, err]
        code, out, err = run(["history", str(folder), "--format", fmt])
        assert code == 0, err
        outputs += [out, err]
    code, out, err = run(["validate", str(folder)])
    assert code == 1
    outputs += [out, err]
    code, out, err = run(["report", str(next(folder.glob("broken*")))])
    assert code == 2 and "broken\\x9b.toml" in err
    outputs += [out, err]
    assert_no_raw_control(*outputs)
    assert any("\\x1b" in o for o in outputs)  # shown, not dropped without a trace


def test_history_markdown_escapes_html_and_links(tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    code, out, _ = run(["history", str(folder), "--format", "markdown"])
    assert code == 0
    assert "<script>" not in out and not re.search(r"(?<!\\)\]\(javascript:", out)
    assert "\\<script\\>" in out and "\\[click\\](javascript:alert(1))" in out
    code, out, _ = run(["report", str(next(folder.glob("nasty*"))), "--format", "markdown"])
    assert code == 0 and "<script>" not in out and not re.search(r"(?<!\\)\]\(javascript:", out)


async def test_the_app_history_screen_shows_names_safely(tmp_path: Path) -> None:
    from textual.app import App
    from textual.widgets import Static

    from collabcheck.core.bank import load_bank
    from collabcheck.tui.screens.history import HistoryScreen

    folder = _hostile_folder(tmp_path)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(HistoryScreen(folder, load_bank()))

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = "\n".join(str(w.render()) for w in app.screen.query(Static))
    assert "Tom\\x1b]0;owned" in shown and "broken\\x9b.toml" in shown
    assert_no_raw_control(shown)
