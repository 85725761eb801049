"""A warm history: an unchanged folder's JSON is written from the cache in one read,
and any change to a file, the bank, the pair asked for or the folder's name makes it afresh."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from collabcheck.history import gather

from .hostile import GOOD, run, with_pair

OLD = time.time() - 3600  # old enough for the cache to trust


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "snaps"
    folder.mkdir()
    for n, pair in enumerate(["ann-and-bo", "cy-and-dee"]):
        path = folder / f"{n}.toml"
        path.write_text(with_pair(GOOD, pair), encoding="utf-8")
        os.utime(path, (OLD, OLD))
    return folder


def _no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a, **_k):
        raise AssertionError("history was read again")

    monkeypatch.setattr(gather.Gathering, "history", refuse)  # where every history is made


def test_an_unchanged_folder_is_written_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = _folder(tmp_path)
    first = run(["history", str(folder), "--format", "json"])
    with monkeypatch.context() as m:
        _no_reading(m)
        second = run(["history", str(folder), "--format", "json"])
    assert first == second and first[0] == 0
    assert [p["pair"] for p in json.loads(first[1])["pairs"]] == ["ann-and-bo", "cy-and-dee"]


def test_any_change_makes_it_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = _folder(tmp_path)
    run(["history", str(folder), "--format", "json"])
    # Another pair asked for, and the same folder named another way, are other outputs.
    code, out, _ = run(["history", str(folder), "--format", "json", "--pair", "cy-and-dee"])
    assert [p["pair"] for p in json.loads(out)["pairs"]] == ["cy-and-dee"]
    (tmp_path / "link").symlink_to(folder)
    code, out, _ = run(["history", str(tmp_path / "link"), "--format", "json"])
    assert json.loads(out)["folder"] == str(tmp_path / "link")
    # A file changed (even to the same size) is read again.
    path = folder / "1.toml"
    path.write_text(with_pair(GOOD, "cy-and-eve"), encoding="utf-8")
    os.utime(path, (OLD + 5, OLD + 5))
    code, out, _ = run(["history", str(folder), "--format", "json"])
    assert [p["pair"] for p in json.loads(out)["pairs"]] == ["ann-and-bo", "cy-and-eve"]
    # A new file, too new to trust, is read and the output not kept.
    (folder / "2.toml").write_text(with_pair(GOOD, "new-pair"), encoding="utf-8")
    for _ in range(2):
        code, out, _ = run(["history", str(folder), "--format", "json"])
        assert "new-pair" in out


def test_a_damaged_kept_output_is_not_used(tmp_path: Path, _cache: Path):
    folder = _folder(tmp_path)
    first = run(["history", str(folder), "--format", "json"])
    (kept,) = _cache.glob("*-output.txt")
    kept.write_text("not the state\n{}", encoding="utf-8")
    assert run(["history", str(folder), "--format", "json"]) == first


@pytest.mark.parametrize("command", ["history", "cohort"])
def test_a_kept_output_changed_on_disk_is_never_printed(tmp_path: Path, _cache: Path, command: str):
    """Its first line (the state it was made in) kept, its text changed, as an attacker with
    the cache folder would: terminal codes and lies are never printed, the output is made again."""
    folder = _folder(tmp_path)
    first = run([command, str(folder), "--format", "json"])
    (kept,) = _cache.glob(f"{command}-*-output.txt")
    head = kept.read_bytes().partition(b"\n")[0]
    kept.write_bytes(head + b"\n\x1b]2;pwned\x07\x1b[31mLIE: all partnerships are fine\n")
    again = run([command, str(folder), "--format", "json"])
    assert again == first and "\x1b" not in again[1] and "LIE" not in again[1]
