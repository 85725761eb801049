"""Fuzz: damaged state files and damaged history caches are set aside, never obeyed.

Seeded damage to a real sitting in progress and to a real history cache: byte flips, cuts,
values of the wrong type or out of range in every field, deep nesting, huge numbers and
strings, half characters. For the state: every file either loads as a sitting the app can
carry on from and save (its place within the bank, a snapshot that reads back), or is set
aside with nothing raised. For the cache: history never raises, never shows a damaged entry
in place of the file's own reading, and every file is read or listed as before. A link to a
device, a named pipe and /dev/urandom in a cache's place cost nothing and block nothing.

COLLABCHECK_FUZZ_SEED explores other seeds; the counts are at least 500 each.
"""

from __future__ import annotations

import json
import os
import random
import resource
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from collabcheck.core.bank import load_bank, questions
from collabcheck.core.sitting import Sitting, load_checked
from collabcheck.core.snapshot import read_snapshot, write_snapshot
from collabcheck.history.cache import SummaryCache

from .hostile import GOOD, ROOT, history_json, places, run, with_pair, with_value

SEED = int(os.environ.get("COLLABCHECK_FUZZ_SEED", "19"))
COUNT = 520
BANK = load_bank(ROOT / "questions")
START = datetime(2026, 11, 28, 15, 30, tzinfo=UTC)
ODD: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    99,
    10**9,
    2**70,
    1.5,
    float("inf"),
    "",
    "x",
    "\ud800",
    "a b]\n[evil",
    "amira-and-tom\n",
    "mostly:nobody",
    "more:tom",
    "unsure",
    "shared",
    "\x1b[2J",
    [],
    [1, 2],
    {},
    {"a": 1},
    [[[[[]]]]],
    "x" * 10_000,
    "2026-13-45T99:99",
]


def good_state() -> dict[str, Any]:
    s = Sitting.new(BANK, [("Amira", "Consultant"), ("Tom", "Patient partner"), ("Kay", "")], START)
    rng = random.Random(1)
    for item in questions(BANK):
        for pid in s.partner_ids:
            if item.kind == "agree":
                s.set_answer(pid, item, rng.choice([1, 2, 3, 4, 5, "unsure"]))
            elif item.kind == "focus":
                s.set_answer(pid, item, "balanced")
            elif item.kind == "authority":
                s.set_answer(pid, item, rng.choice(["shared", "more:tom", "less:kay", "outside"]))
            else:
                s.set_note(pid, item.id, "We listen.", private=rng.random() < 0.5)
    s.current_partner, s.current_item, s.agreed_practice = 1, 7, 3
    return json.loads(s.to_json())


def damage(rng: random.Random, data: Any) -> bytes:
    """One damaged copy of a JSON document: a value swapped, a key renamed, bytes flipped or cut."""
    how = rng.random()
    if how < 0.6:
        for _ in range(rng.randint(1, 3)):
            data = with_value(data, rng.choice(places(data)[1:]), rng.choice(ODD))
        return json.dumps(data, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    if how < 0.7:
        path = rng.choice([p for p in places(data)[1:] if p])
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict):
            parent = {("zed" if k == path[-1] else k): v for k, v in parent.items()}
            data = with_value(data, path[:-1], parent)
        return json.dumps(data).encode()
    text = bytearray(json.dumps(data).encode())
    if how < 0.85:
        for _ in range(rng.randint(1, 6)):
            text[rng.randrange(len(text))] = rng.randrange(256)
        return bytes(text)
    if how < 0.95:
        return bytes(text[: rng.randrange(len(text))])
    return b"[" * rng.randint(1000, 200_000)


def test_damaged_state_files_are_set_aside_or_carried_on_and_saved(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    base = good_state()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    loaded = aside = 0
    for n in range(COUNT):
        folder = tmp_path / f"s{n}"
        folder.mkdir()
        (folder / "sitting.json").write_bytes(damage(rng, base))
        started = time.monotonic()
        sitting, put_aside = load_checked(folder, BANK)
        assert time.monotonic() - started < 2, n
        if sitting is None:
            assert put_aside is not None and put_aside.exists(), n
            aside += 1
            continue
        loaded += 1
        assert sitting.current_item <= len(questions(BANK)), n
        assert sitting.current_partner <= len(sitting.partners), n
        if sitting.stage != "who":  # a sitting the app can carry on from saves, and reads back
            path = write_snapshot(sitting.to_snapshot(BANK, START), folder / "snaps", BANK)
            read_snapshot(path, BANK)
    assert aside >= COUNT // 4 and loaded >= 10, (aside, loaded)  # both sides really tried
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    assert grown_mb < 200, grown_mb


# -- the cache ------------------------------------------------------------------------------


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "snaps"
    folder.mkdir()
    for n in range(3):
        (folder / f"s{n}.toml").write_text(with_pair(GOOD, f"pair-{n}"), encoding="utf-8")
    (folder / "bad.toml").write_text("schema = 1\n", encoding="utf-8")
    old = time.time() - 3600  # older than the cache's two seconds, so it is kept
    for p in folder.iterdir():
        os.utime(p, (old, old))
    return folder


@pytest.fixture
def primed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, dict[str, Any]]:
    """A folder, its cache as history wrote it, and history's output with no cache at all."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(cache))
    folder = _folder(tmp_path)
    clean = history_json(folder)
    history_json(folder)
    (entries,) = cache.glob("history-*[0-9a-f].json")
    for kept in cache.glob("*-output.txt"):
        kept.unlink()  # so every run below reads the entries
    return folder, entries, clean


def test_damaged_cache_entries_are_read_afresh_never_obeyed(
    primed: tuple[Path, Path, dict[str, Any]],
) -> None:
    folder, entries_file, clean = primed
    good = json.loads(entries_file.read_text())
    root = SummaryCache(folder, [], None).root
    stat = {rel: entry[0] for rel, entry in good["entries"].items()}
    rng = random.Random(SEED)
    used = 0
    for n in range(COUNT):
        # Damage the entries only (a damaged fingerprint simply empties the cache).
        damaged = damage(rng, good["entries"])
        try:
            entries = json.loads(damaged)
        except (ValueError, RecursionError):
            entries_file.write_bytes(damaged)
        else:
            entries_file.write_text(json.dumps({"fingerprint": good["fingerprint"], "entries": entries}))
        cache = SummaryCache.__new__(SummaryCache)
        SummaryCache.__init__(cache, root, good["fingerprint"][2:], entries_file.parent)
        for rel, key in stat.items():
            hit = cache.get(rel, key)  # never raises; a hit is a summary its model accepts
            if hit is not None:
                used += 1
                assert isinstance(hit, dict) and ("error" in hit or "practices" in hit), n
    assert used > 0
    # Through the whole command: a cache entry with the right key and the wrong types is
    # read afresh, and the output is the one with no cache at all.
    for field, value in (
        ("practices", "high"),
        ("partners", [1, 2]),
        ("ts", "soon"),
        ("names", None),
        ("error", 5),
    ):
        entries = json.loads(json.dumps(good["entries"]))
        for _, summary in entries.values():
            if field in summary:
                summary[field] = value
        entries_file.write_text(json.dumps({"fingerprint": good["fingerprint"], "entries": entries}))
        code, out, err = run(["history", str(folder), "--format", "json"])
        assert code == 0 and "Traceback" not in err, (field, err)
        assert json.loads(out) == clean, field


@pytest.mark.parametrize("thing", ["/dev/zero", "/dev/urandom", "pipe", "folder"])
def test_a_device_or_a_pipe_in_the_caches_place_is_never_read(primed, thing: str) -> None:
    folder, entries_file, clean = primed
    cache = entries_file.parent
    history_json(folder)  # the output is kept again
    for target in (entries_file, *cache.glob("*-output.txt")):
        target.unlink()
        if thing == "pipe":
            os.mkfifo(target)
        elif thing == "folder":
            target.mkdir()
        else:
            target.symlink_to(thing)
    started = time.monotonic()
    code, out, err = run(["history", str(folder), "--format", "json"])
    assert time.monotonic() - started < 20
    assert code == 0 and "Traceback" not in err
    assert json.loads(out) == clean
