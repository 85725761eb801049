"""A folder or file named in a notice (a toast) is broken between names, never through one.

At 80 columns a toast holds 37 characters a line; a long path used to be folded wherever the
line ran out ("partners" / "hip-sittings"), so it could not be read or copied.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from collabcheck.core.sitting import STATE_FILE
from collabcheck.render.words import path_lines
from collabcheck.tui.app import create_app
from collabcheck.tui.keeping import notice_width

from .conftest import FROZEN, SIZE, drawn

LONG = ("a-rather-long-folder-name-for-collabcheck", "partnership-sittings-in-progress")


def breaks_cleanly(lines: list[str], whole: str) -> bool:
    """The lines say `whole`, and every line but the last ends where a name or a part of one
    (after a '-' or '_') ends."""
    return "".join(lines) == whole and all(line.endswith(("/", os.sep, "-", "_", " ")) for line in lines[:-1])


def toast_lines(toast) -> list[str]:
    """What a toast shows, line by line: its edge, padding and trailing spaces removed (the
    edge and padding are outside `size`, which `drawn` draws)."""
    from textual.geometry import Region

    width, height = toast.outer_size
    strips = toast.render_lines(Region(0, 0, width, height))
    return ["".join(seg.text for seg in strip).lstrip("▌").strip() for strip in strips]


async def test_the_put_aside_notice_breaks_a_long_folder_between_names_at_80x24(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "/nowhere")  # the whole path is said, wherever the tests run
    state = tmp_path.joinpath(*LONG)
    state.mkdir(parents=True)
    (state / STATE_FILE).write_text('{"format": 1, "bank": ')
    app = create_app(mini, Path("snaps"), state_dir=state, now=lambda: FROZEN)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        toasts: list = []
        for _ in range(50):  # the toast is drawn a moment after the notice is made
            await pilot.pause()
            toasts = [t for t in app.screen.query("Toast") if t.size.area and "put aside" in drawn(t)]
            if toasts:
                break
        assert len(toasts) == 1
        lines = toast_lines(toasts[0])
        assert notice_width(80) <= toasts[0].size.width  # the lines made are never folded again
        aside = next(state.glob("sitting-unreadable-*.json"))
        # the path is said whole, on lines of its own, broken only after a separator or hyphen
        first = lines.index("read, so it was put aside as") + 1
        last = next(n for n, line in enumerate(lines) if line.endswith(".json"))
        path = lines[first : last + 1]
        assert breaks_cleanly(path, str(aside)), path
        for name in aside.parent.parts[1:]:  # a folder's name that fits a line is on one line
            if len(name) < notice_width(80):
                assert any(f"/{name}/" in f"/{line}" for line in path), (name, path)
        assert lines[last + 1] == "You can start a new sitting."
        assert "Unfinished sitting put aside" in lines


def test_a_path_under_home_is_said_from_the_tilde(monkeypatch):
    monkeypatch.setenv("HOME", "/home/amira")
    lines = path_lines("/home/amira/work/collabcheck/sitting-unreadable-20261207-182452.json", 30)
    assert lines == ["~/work/collabcheck/", "sitting-unreadable-20261207-", "182452.json"]
    assert path_lines("/home/amirah/x", 30) == ["/home/amirah/x"]  # only the home folder itself


def test_control_characters_in_a_folder_name_are_shown_not_obeyed():
    lines = path_lines("/tmp/odd\x1b[31mname\n/x.json", 40)
    assert "\x1b" not in "".join(lines) and "\n" not in "".join(lines)
    assert "".join(lines) == "/tmp/odd\\x1b[31mname\\x0a/x.json"


def test_a_name_with_no_break_longer_than_a_line_is_the_only_thing_cut():
    lines = path_lines("/srv/" + "x" * 25 + "/f.json", 10)
    assert lines == ["/srv/", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx/", "f.json"]


@given(
    st.lists(st.text(alphabet="abcXYZ019-_. .", min_size=1, max_size=30), min_size=1, max_size=8),
    st.integers(min_value=8, max_value=60),
)
def test_lines_fit_and_keep_the_whole_path(names, width):
    path = "/" + "/".join(names)
    lines = path_lines(path, width)
    assert "".join(lines) == path
    assert all(0 < len(line) <= width for line in lines)
    # a line that ends inside a name only does so because that run of letters fills a line
    for line in lines[:-1]:
        if not line.endswith(("/", "-", "_", " ")):
            assert len(line) == width and not any(ch in line for ch in "/-_ "), (lines, width)


async def test_the_not_autosaving_notice_says_the_folder_between_names_too(tmp_path, mini, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", "/nowhere")
    state = tmp_path.joinpath(*LONG)
    app = create_app(mini, Path("snaps"), state_dir=state, now=lambda: FROZEN)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app._autosave_failed(PermissionError(13, "Permission denied"))  # as the writer thread does
        toasts: list = []
        for _ in range(50):
            await pilot.pause()
            toasts = [t for t in app.screen.query("Toast") if t.size.area and "autosaving" in drawn(t)]
            if toasts:
                break
        lines = toast_lines(toasts[0])
        first = next(n for n, line in enumerate(lines) if line.endswith("(Permission denied):")) + 1
        last = lines.index("Stopping now would lose them. You") - 1
        assert breaks_cleanly(lines[first : last + 1], str(app.state_dir)), lines
