"""The one atomic writer makes each file with its final permissions in one step and never
touches the process-wide umask, which the app's writer thread would otherwise race on."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from collabcheck.core import files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_modes_come_from_the_umask_without_changing_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    old = os.umask(0o027)
    try:

        def no_umask(_mask: int) -> int:
            raise AssertionError("the process-wide umask was changed")

        monkeypatch.setattr(os, "umask", no_umask)
        shared = files.atomic_write_new(tmp_path, "a.toml", "x = 1\n")
        private = files.atomic_replace(tmp_path / "state.json", "{}", private=True)
        replaced = files.atomic_replace(tmp_path / "cache.json", "{}", durable=False)
    finally:
        monkeypatch.undo()
        os.umask(old)
    assert mode(shared) == 0o640 and mode(replaced) == 0o640
    assert mode(private) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.toml", "cache.json", "state.json"]


def test_many_threads_write_at_once_and_every_file_is_whole(tmp_path: Path):
    def write(n: int) -> None:
        for i in range(20):
            files.atomic_replace(tmp_path / f"t{n}.json", f"{n}:{i}\n" * 100, private=n % 2 == 0)
            files.atomic_write_new(tmp_path / "snaps", f"s{n}.toml", f"n = {n}\n")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for n in range(6):
        assert (tmp_path / f"t{n}.json").read_text() == f"{n}:19\n" * 100
        assert mode(tmp_path / f"t{n}.json") == (0o600 if n % 2 == 0 else 0o666 & ~current_umask())
    assert len(list((tmp_path / "snaps").glob("*.toml"))) == 6 * 20
    assert not list(tmp_path.rglob("*.tmp"))


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
