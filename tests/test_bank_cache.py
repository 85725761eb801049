"""A bank that passed its models is kept (core/bank_cache.py): the next start needs no pydantic,
gets the very same bank, and a changed file, a changed collabcheck or a damaged cache is
never obeyed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from collabcheck.core import bank as bank_module
from collabcheck.core import bank_cache
from collabcheck.core.bank import load_bank
from collabcheck.core.errors import BankError

from .conftest import SHIPPED_BANK


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(folder))
    return folder


def _fresh(directory: Path):
    """The bank as read now, past every cache (the in-process one too)."""
    return bank_module._read_bank(directory)


def _load_anew(directory: Path):
    bank_module._LOADED.clear()  # as a new process would: only the cache on disk is left
    return load_bank(directory)


PROBE = """
import json, sys
from collabcheck.core.bank import load_bank
bank = load_bank({folder!r})
print(json.dumps({{"pydantic": "pydantic" in sys.modules, "bank": bank.to_json()}}))
"""


def test_the_first_start_checks_the_bank_and_the_next_needs_no_pydantic(cache: Path) -> None:
    env = dict(os.environ, COLLABCHECK_CACHE_DIR=str(cache))
    code = PROBE.format(folder=str(SHIPPED_BANK))
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120
            ).stdout
        )
        for _ in range(2)
    ]
    assert runs[0]["pydantic"] is True  # read through its models
    assert runs[1]["pydantic"] is False  # kept: no models needed
    assert runs[0]["bank"] == runs[1]["bank"] == _fresh(SHIPPED_BANK).to_json()
    assert len(list(cache.glob("bank-*.json"))) == 1


@pytest.mark.parametrize("which", ["shipped", "v1", "mini", "worded"])
def test_a_kept_bank_is_the_very_bank_its_files_make(
    which: str, cache: Path, tmp_path: Path, mini_bank_dir
) -> None:
    directory = {"shipped": SHIPPED_BANK, "v1": SHIPPED_BANK / "v1", "mini": mini_bank_dir}.get(which)
    if directory is None:  # a bank with wordings for sides, tagged tips and an idea map
        directory = tmp_path / "worded"
        shutil.copytree(mini_bank_dir, directory)
        path = directory / "relationship.toml"
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                'short = "the agenda"\n',
                'short = "the agenda"\nprompt = "Whose view counts?"\n'
                '[items.sides.patient]\ntext = "As you see it, who sets the agenda?"\n'
                'prompt = "Whose, as you see it?"\n',
            ),
            encoding="utf-8",
        )
    fresh = _fresh(directory)
    _load_anew(directory)  # keeps it
    key = bank_cache.digest(directory)
    assert key is not None
    kept = bank_cache.kept(key)
    assert kept is not None and kept == fresh and kept.to_json() == fresh.to_json()
    assert [s.ideas for s in kept.sections] == [s.ideas for s in fresh.sections]
    assert _load_anew(directory) == fresh


def test_a_changed_file_is_read_afresh_even_with_the_same_size_and_time(
    cache: Path, tmp_path: Path, mini_bank_dir
) -> None:
    directory = tmp_path / "bank"
    shutil.copytree(mini_bank_dir, directory)
    _load_anew(directory)
    path = directory / "invest.toml"
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Practice 2"', 'title = "Practice Z"'), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert _load_anew(directory).practice(2).title == "Practice Z"


def test_a_broken_bank_is_never_kept(cache: Path, tmp_path: Path, mini_bank_dir) -> None:
    directory = tmp_path / "bank"
    shutil.copytree(mini_bank_dir, directory)
    path = directory / "invest.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('kind = "agree"', 'kind = "scale"', 1), encoding="utf-8"
    )
    for _ in range(2):
        with pytest.raises(BankError, match="'kind' must be one of"):
            _load_anew(directory)
    assert not list(cache.glob("bank-*.json")) if cache.exists() else True


DAMAGE = {
    "a byte flipped": lambda b: b[:-40] + bytes([b[-40] ^ 0x20]) + b[-39:],
    "cut short": lambda b: b[: len(b) // 2],
    "empty": lambda b: b"",
    "not utf-8": lambda b: b"\xff\xfe" + b,
    "another bank's digest line": lambda b: b"0" * 64 + b[64:],
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_a_damaged_cache_is_never_obeyed(how: str, cache: Path) -> None:
    fresh = _fresh(SHIPPED_BANK)
    _load_anew(SHIPPED_BANK)
    (kept_file,) = cache.glob("bank-*.json")
    kept_file.write_bytes(DAMAGE[how](kept_file.read_bytes()))
    key = bank_cache.digest(SHIPPED_BANK)
    assert key is not None and bank_cache.kept(key) is None
    assert _load_anew(SHIPPED_BANK) == fresh
    assert bank_cache.kept(key) == fresh  # and kept again, whole


def test_a_whole_file_of_the_wrong_shape_is_not_obeyed(cache: Path) -> None:
    """Even a file whose digest line fits its text, but which no collabcheck wrote."""
    import hashlib

    _load_anew(SHIPPED_BANK)
    key = bank_cache.digest(SHIPPED_BANK)
    assert key is not None
    for body in (b'{"sections": 5}', b"[]", b'{"id": 1}', b"[" * 100_000):
        bank_cache._path(key).write_bytes(f"{key} {hashlib.sha256(body).hexdigest()}\n".encode() + body)
        assert bank_cache.kept(key) is None
        assert _load_anew(SHIPPED_BANK) == _fresh(SHIPPED_BANK)


@pytest.mark.parametrize("what", ["fifo", "folder", "a file in the cache folder's place"])
def test_a_cache_that_cannot_be_used_costs_only_speed(
    what: str, cache: Path, tmp_path: Path, monkeypatch
) -> None:
    fresh = _fresh(SHIPPED_BANK)
    key = bank_cache.digest(SHIPPED_BANK)
    assert key is not None
    if what == "a file in the cache folder's place":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x")
        monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(blocker))
    else:
        cache.mkdir()
        target = bank_cache._path(key)
        os.mkfifo(target) if what == "fifo" else target.mkdir()
    assert _load_anew(SHIPPED_BANK) == fresh
    assert _load_anew(SHIPPED_BANK) == fresh


def test_only_the_most_recent_banks_are_kept(cache: Path, tmp_path: Path, mini_bank_dir) -> None:
    directory = tmp_path / "bank"
    shutil.copytree(mini_bank_dir, directory)
    path = directory / "invest.toml"
    text = path.read_text(encoding="utf-8")
    for n in range(bank_cache.KEEP + 4):
        path.write_text(
            text.replace('title = "Practice 2"', f'title = "Practice 2, take {n}"'), encoding="utf-8"
        )
        assert _load_anew(directory).practice(2).title == f"Practice 2, take {n}"
    assert len(list(cache.glob("bank-*.json"))) == bank_cache.KEEP
