"""Fuzz: a thousand damaged snapshots a run, through report, validate and history.

Real snapshots are damaged by seeded mutations — byte flips, cuts, type swaps, deep nesting,
huge strings, control characters, TOML 1.1 syntax — and each goes through `report`,
`validate` and `history` in-process. For every file: no uncaught exception, exit codes only
0, 1 or 2, `validate` accepts exactly what `report` reads, `history` reads every good file
and lists every bad one as skipped, and no output holds a raw control character.

The seed is fixed so a failure can be repeated; set COLLABCHECK_FUZZ_SEED to explore others
and COLLABCHECK_FUZZ_FILES to change the count (at least 1,000 by default).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .hostile import GOOD, ROOT, assert_no_raw_control, history_files, history_json, run, with_pair

SEED = int(os.environ.get("COLLABCHECK_FUZZ_SEED", "11"))
FILES = int(os.environ.get("COLLABCHECK_FUZZ_FILES", "1000"))
CHUNKS = 4  # shared among pytest-xdist workers
SEEDS = [GOOD] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.toml"))]

NASTY = [
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\u202e",
    "\x00",
    "\r",
    "\x7f",
    "\u2066",
    "<script>",
    "[x](javascript:y)",
    "\ufeff",
    "\udcff",
]
VALUES = [
    '"text"',
    "4",
    "-1",
    "99999999999999999999",
    "3.5",
    "nan",
    "true",
    "[1, 2]",
    "{ a = 1 }",
    "2026-01-01",
    "10:30:00",
    "2026-01-01T10:30:00",
    '"unsure"',
    '""',
    '"mostly:nobody"',
    '"shared"',
    "[]",
    "{}",
    "1979-05-27T07:32:00Z",
]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def flip_bytes(rng: random.Random, text: str) -> bytes:
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def truncate(rng: random.Random, text: str) -> bytes:
    data = text.encode()
    return data[: rng.randrange(len(data))]


def swap_type(rng: random.Random, text: str) -> bytes:
    lines = _lines(text)
    for _ in range(rng.randint(1, 3)):
        n = rng.randrange(len(lines))
        if " = " in lines[n]:
            lines[n] = lines[n].split(" = ", 1)[0] + " = " + rng.choice(VALUES)
    return "\n".join(lines).encode()


def drop_or_repeat_line(rng: random.Random, text: str) -> bytes:
    lines = _lines(text)
    n = rng.randrange(len(lines))
    if rng.random() < 0.5:
        del lines[n]
    else:
        lines.insert(rng.randrange(len(lines)), lines[n])
    return "\n".join(lines).encode()


def deep_nesting(rng: random.Random, text: str) -> bytes:
    depth = rng.choice([10, 31, 33, 100, 500, 5000, 60_000])
    kind = rng.choice(["[]", "{}", "dotted", "header"])
    if kind == "[]":
        extra = "nest = " + "[" * depth + "]" * depth
    elif kind == "{}":
        extra = "nest = " + "{a=" * depth + "1" + "}" * depth
    elif kind == "dotted":
        extra = ".".join(["a"] * depth) + " = 1"
    else:
        extra = "[" + ".".join(["a"] * depth) + "]"
    lines = _lines(text)
    at = rng.choice([6, len(lines)])  # among the top-level keys, or at the end
    lines.insert(at, extra)
    return "\n".join(lines).encode()


def huge_string(rng: random.Random, text: str) -> bytes:
    size = rng.choice([1_000, 100_000, 400_000, 1_000_001])
    field = rng.choice(['name = "', 'role = "', '"find-partners.shared-purpose" = ', 'pair = "'])
    if field.endswith('"'):
        return text.replace(field, field + rng.choice("xé李 ") * size, 1).encode()
    return text.replace(field, f'"{"y" * size}" = 3\n' + field, 1).encode()


def control_characters(rng: random.Random, text: str) -> bytes:
    nasty = rng.choice(NASTY)
    target = rng.choice(["name", "role", "id", "item", "bank", "pair", "raw", "escaped"])
    if target == "raw":  # straight into the file: a TOML error
        n = rng.randrange(len(text))
        return (text[:n] + nasty + text[n:]).encode("utf-8", "surrogateescape")
    escaped = "".join(f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c for c in nasty)
    if "\udcff" in escaped:
        escaped = escaped.replace("\udcff", "")
    if target == "name":
        return text.replace('name = "', f'name = "{escaped}', 1).encode()
    if target == "role":
        return text.replace('role = "', f'role = "{escaped}', 1).encode()
    if target == "id":
        return text.replace('id = "', f'id = "{escaped}', 1).encode()
    if target == "bank":
        return text.replace('bank = "', f'bank = "{escaped}', 1).encode()
    if target == "pair":
        return text.replace('pair = "', f'pair = "{escaped}', 1).encode()
    return text.replace('\n"', f'\n"{escaped}', 1).encode()  # an item id


def toml_11(rng: random.Random, text: str) -> bytes:
    extra = rng.choice(["t = 10:30", 'e = "\\e"', 'x = "\\x41"', "i = {\n a = 1\n}", "i = { a = 1, }"])
    return (text + "\n" + extra + "\n").encode()


def other(rng: random.Random, text: str) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:
        return b"\xef\xbb\xbf" + text.encode()
    if choice == 1:
        return text.replace("\n", "\r\n").encode()
    if choice == 2:
        return text.replace("schema = 1", f"schema = {rng.choice([0, 2, 9, -1])}").encode()
    if choice == 3:
        return text.replace("+00:00", rng.choice(["", "Z", "+14:00", "-23:59"]), 1).encode()
    if choice == 4:  # an answer for a partner who is not listed
        return text.replace("[answers.", "[answers.x", 1).encode()
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))


MUTATORS = [
    flip_bytes,
    truncate,
    swap_type,
    drop_or_repeat_line,
    deep_nesting,
    huge_string,
    control_characters,
    toml_11,
    other,
]


def damaged(seed: int, count: int) -> list[bytes]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text = with_pair(rng.choice(SEEDS), "fuzz")
        data = rng.choice(MUTATORS)(rng, text)
        if rng.random() < 0.15:  # sometimes damage twice
            data = rng.choice(MUTATORS)(rng, data.decode("utf-8", "replace"))
        out.append(data)
    return out


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def check_folder(folder: Path, names: list[str]) -> None:
    """Every file through report and validate, then the folder through history: all agree."""
    good: set[str] = set()
    for name in names:
        path = folder / name
        v_code, v_out, v_err = run(["validate", str(path)])
        r_code, r_out, r_err = run(["report", str(path), "--format", "text"])
        where = f"{name} (seed {SEED})"
        assert v_code in (0, 1), where
        assert r_code in (0, 2), where
        assert (v_code == 0) == (r_code == 0), f"{where}: validate {v_code}, report {r_code}: {v_err}{r_err}"
        for err in (v_err, r_err):
            assert "Traceback" not in err, where
        assert_no_raw_control(v_out, v_err, r_out, r_err)
        if v_code == 0:
            good.add(name)
    data = history_json(folder)
    read, skipped = history_files(data)
    assert read == good, f"seed {SEED}: history read {sorted(read ^ good)} differently from validate"
    assert skipped == set(names) - good
    for fmt in ("text", "markdown"):
        code, out, err = run(["history", str(folder), "--format", fmt])
        assert code == 0 and "Traceback" not in err
        assert_no_raw_control(out, err)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_damaged_snapshots(tmp_path: Path, chunk: int) -> None:
    per = -(-FILES // CHUNKS)
    files = damaged(SEED * 100 + chunk, per)
    folder = tmp_path / "snaps"
    folder.mkdir()
    names = []
    for n, data in enumerate(files):
        name = f"f{n:04d}.toml"
        (folder / name).write_bytes(data)
        names.append(name)
    (folder / "good.toml").write_text(with_pair(GOOD, "fuzz-good"), encoding="utf-8")
    check_folder(folder, [*names, "good.toml"])


@settings(
    max_examples=200 if os.environ.get("CI") else 60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.text(max_size=200),
    item=st.text(max_size=40),
    value=st.one_of(st.integers(), st.text(max_size=20), st.booleans(), st.floats(allow_nan=True)),
    cut=st.integers(0, 5000),
)
def test_hypothesis_snapshots(
    tmp_path_factory: pytest.TempPathFactory, name: str, item: str, value: object, cut: int
) -> None:
    """Any name, any item id, any value of any kind, and any cut of the file."""
    import json

    import tomli_w

    folder = tmp_path_factory.mktemp("h")
    shown = json.dumps(name, ensure_ascii=False)
    text = with_pair(GOOD, "hyp").replace('name = "Tom Reilly"', f"name = {shown}")
    text = text.replace(
        '"find-partners.both-committed" = 5', tomli_w.dumps({item: value}).strip() if item else "", 1
    )
    (folder / "a.toml").write_bytes(text.encode("utf-8", "surrogatepass")[: cut or None])
    (folder / "good.toml").write_text(with_pair(GOOD, "hyp-good"), encoding="utf-8")
    check_folder(folder, ["a.toml", "good.toml"])
