"""Files you can trust: one reader for every command, and hostile files handled.

report, validate and history must accept and refuse exactly the same files (validate is the
judge); deep nesting, huge files, pipes and devices behind links, and unreadable folders each
give one plain line, never a hang, a traceback or a hidden good file.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from collabcheck.core import files
from collabcheck.core.errors import SnapshotError

from .hostile import GOOD, assert_no_raw_control, history_files, history_json, run, with_pair

# Edge cases of TOML itself, each put into an otherwise good snapshot. `ok` is what TOML 1.0
# says (a byte-order mark is allowed, as Windows editors write one): the commands must agree
# with each other on every one, and with TOML 1.0.
EDGES: dict[str, tuple[str, bool]] = {
    "bom": ("\ufeff" + GOOD, True),
    "crlf": (GOOD.replace("\n", "\r\n"), True),
    "time-without-seconds": (GOOD + "\n[extra]\nt = 10:30\n", False),
    "datetime-without-seconds": (GOOD.replace("T10:30:00+00:00", "T10:30+00:00"), False),
    "escape-e": (GOOD.replace('name = "Tom Reilly"', 'name = "Tom\\e[2J"'), False),
    "escape-x": (GOOD.replace('name = "Tom Reilly"', 'name = "Tom\\x41"'), False),
    "multi-line-inline-table": (GOOD + "\nextra = {\n a = 1\n}\n", False),
    "inline-trailing-comma": (GOOD + "\nextra = { a = 1, }\n", False),
    "bom-in-the-middle": (GOOD + "\n\ufeffextra = 1\n", False),
    "lowercase-t-and-z": (GOOD.replace("T10:30:00+00:00", "t10:30:00z"), True),
    "space-for-t": (GOOD.replace("T10:30:00+00:00", " 10:30:00Z"), True),
    "unknown-key-ignored": (GOOD + "\nextra = 1\n", True),
    "duplicate-key": (
        GOOD.replace('pair = "amira-and-tom"\n', 'pair = "amira-and-tom"\npair = "x"\n'),
        False,
    ),
    "control-in-string": (GOOD.replace('name = "Tom Reilly"', 'name = "Tom\x01"'), False),
    "escaped-control-in-string": (GOOD.replace('name = "Tom Reilly"', 'name = "Tom\\u001b[2J"'), True),
    "not-utf8": (GOOD.replace("Tom Reilly", "Tom \udcff"), False),
    "nested-20": (GOOD + "\nextra = " + "[" * 20 + "]" * 20 + "\n", True),
    "nested-500-arrays": (GOOD + "\nextra = " + "[" * 500 + "]" * 500 + "\n", False),
    "nested-5000-inline-tables": (GOOD + "\nextra = " + "{a=" * 5000 + "1" + "}" * 5000 + "\n", False),
    "nested-100000-arrays": (GOOD + "\nextra = " + "[" * 100_000 + "]" * 100_000 + "\n", False),
    "dotted-header-50000": (GOOD + "\n[" + ".".join(["x"] * 50_000) + "]\n", True),
    "brackets-in-strings": (GOOD.replace('name = "Tom Reilly"', 'name = "' + "[" * 500 + '"'), True),
    "huge-file": (GOOD + "\n# " + "x" * 1_100_000 + "\n", False),
}


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.toml"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    return path


@pytest.mark.parametrize("case", sorted(EDGES))
def test_report_validate_and_history_agree(tmp_path: Path, case: str) -> None:
    text, ok = EDGES[case]
    folder = tmp_path / "snaps"
    folder.mkdir()
    path = _write(folder, case, with_pair(text, "edge-case"))
    _write(folder, "good", with_pair(GOOD, "good-one"))
    v_code, v_out, v_err = run(["validate", str(path)])
    r_code, r_out, r_err = run(["report", str(path), "--format", "json"])
    assert v_code in (0, 1) and r_code in (0, 2)
    assert (v_code == 0) == ok, v_err
    assert (r_code == 0) == ok, r_err
    read, skipped = history_files(history_json(folder))
    assert "good.toml" in read  # one bad file never hides another
    assert (f"{case}.toml" in read) == ok and (f"{case}.toml" in skipped) == (not ok)
    for err in (v_err, r_err):
        assert "Traceback" not in err and len(err.strip().splitlines()) <= 2
    assert_no_raw_control(v_out, v_err, r_out, r_err)


def test_a_refusal_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace('name = "Tom Reilly"', 'name = "Tom\\e"'), encoding="utf-8")
    code, _, err = run(["report", str(path)])
    assert code == 2
    assert err.startswith(f"{path}:15: not valid TOML: ") and err.count("\n") == 1


def test_deep_nesting_is_refused_before_parsing(tmp_path: Path) -> None:
    text = "a = " + "[" * 200_000 + "]" * 200_000
    with pytest.raises(SnapshotError, match="nested 200000 deep"):
        files.parse_toml(text.encode(), "deep.toml", SnapshotError)


def test_a_file_over_the_limit_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (files.MAX_BYTES + 10))
    read: list[int] = []
    real_read = os.read
    monkeypatch.setattr(files.os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    with pytest.raises(SnapshotError, match="too large to be a snapshot"):
        files.read_toml(path, SnapshotError)
    assert read == []  # fstat said it was too big: not one byte read


def test_a_link_to_a_device_is_refused_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "snaps"
    folder.mkdir()
    (folder / "zero.toml").symlink_to("/dev/zero")
    _write(folder, "good", GOOD)
    code, _, err = run(["report", str(folder / "zero.toml")])
    assert code == 2 and "is not a regular file" in err
    code, _, err = run(["validate", str(folder / "zero.toml")])
    assert code == 1 and "is not a regular file" in err
    read, skipped = history_files(history_json(folder))
    assert read == {"good.toml"} and skipped == {"zero.toml"}


def test_a_named_pipe_and_a_link_to_one_never_block(tmp_path: Path) -> None:
    folder = tmp_path / "snaps"
    folder.mkdir()
    os.mkfifo(tmp_path / "fifo")
    (folder / "link.toml").symlink_to(tmp_path / "fifo")
    os.mkfifo(folder / "pipe.toml")
    _write(folder, "good", GOOD)
    start = time.monotonic()
    read, skipped = history_files(history_json(folder))
    assert read == {"good.toml"} and skipped == {"link.toml", "pipe.toml"}
    code, _, err = run(["report", str(folder / "link.toml")])
    assert code == 2 and "is not a regular file" in err
    code, out, err = run(["validate", str(folder)])
    assert code == 1 and "good.toml: ok" in out and err.count("is not a regular file") == 2
    assert time.monotonic() - start < 20


def test_an_unreadable_subfolder_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "snaps"
    (folder / "locked").mkdir(parents=True)
    _write(folder / "locked", "hidden", GOOD)
    _write(folder, "good", GOOD)
    real_scandir = os.scandir

    def scandir(path):  # root can read anything, so refuse the folder the way chmod 000 would
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    data = history_json(folder)
    read, _ = history_files(data)
    assert read == {"good.toml"}
    (skip,) = data["skipped"]
    assert skip["file"].endswith("locked") and "folder cannot be read (Permission denied)" in skip["error"]
    code, out, err = run(["validate", str(folder)])
    assert code == 1 and "good.toml: ok" in out
    assert "locked: folder cannot be read (Permission denied)" in err


def test_validate_dir_pointing_at_a_file_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path, "one", GOOD)
    code, _, err = run(["--dir", str(path), "validate"])
    assert code == 2 and err.startswith(f"{path}: is a file, not a folder")


def test_history_of_an_unreadable_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def scandir(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = run(["history", str(tmp_path)])
    assert code == 2 and err == f"{tmp_path}: folder cannot be read (Permission denied)\n"


def test_a_huge_name_stays_quick_and_short(tmp_path: Path) -> None:
    name = "Tom " + "x" * 450_000  # name and role: just under the size limit together
    path = _write(
        tmp_path,
        "huge",
        GOOD.replace('name = "Tom Reilly"', f'name = "{name}"').replace(
            'role = "Patient partner, lives with COPD"', f'role = "{name}"'
        ),
    )
    for fmt in ("text", "markdown", "json"):
        start = time.monotonic()
        code, out, _ = run(["report", str(path), "--format", fmt])
        assert code == 0 and time.monotonic() - start < 5
        if fmt != "json":
            assert len(out) < 60_000  # names and roles are cut for display
    start = time.monotonic()
    for fmt in ("text", "markdown"):
        code, out, _ = run(["history", str(tmp_path), "--format", fmt])
        assert code == 0 and len(out) < 60_000
    assert time.monotonic() - start < 5


def test_a_pipe_in_place_of_the_saved_sitting_never_blocks_the_app(tmp_path: Path) -> None:
    from collabcheck.core import sitting

    os.mkfifo(tmp_path / sitting.STATE_FILE)
    start = time.monotonic()
    assert sitting.load(tmp_path) is None
    assert time.monotonic() - start < 5
    assert not (tmp_path / sitting.STATE_FILE).exists()  # set aside, so the next start is clean
