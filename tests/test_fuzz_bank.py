"""Fuzz and hostile files: a damaged question bank or quick form is one line, never a traceback.

Seeded damage to a real bank's section files (values of the wrong type in every place, keys
renamed, bytes flipped, files cut short) and hand-made hostile cases (nesting 500 deep, a huge
string, bytes that are not UTF-8, a folder or a named pipe where a file should be): loading
either gives a bank whose every record is sound, or one BankError line naming the file. The
quick form gets the same. COLLABCHECK_FUZZ_SEED explores other seeds.
"""

from __future__ import annotations

import os
import random
import shutil
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from collabcheck.core.bank import KINDS, load_bank
from collabcheck.core.errors import BankError
from collabcheck.core.forms import quick_form_path, read_form

from .conftest import SHIPPED_BANK
from .hostile import places, run, with_value

SEED = int(os.environ.get("COLLABCHECK_FUZZ_SEED", "24"))
COUNT = 300
ODD: list[Any] = [
    True,
    0,
    -1,
    7,
    2**62,
    1.5,
    float("inf"),
    "",
    "   ",
    "x",
    "\ud800",
    "Item A",
    "a\n",
    "agree",
    "authority",
    "reflect",
    "power",
    "item:nowhere",
    "L1",
    "\x1b[2J",
    [],
    ["x", 1],
    {},
    {"text": 1},
    {"patient": {"text": "P."}},
    [[[[[]]]]],
    "x" * 20_000,
]


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps banks in a cache of its own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(folder))
    return folder


def damage(rng: random.Random, data: dict[str, Any]) -> bytes:
    """One damaged copy of a parsed TOML file: values swapped, a key renamed, bytes flipped or cut."""
    how = rng.random()
    if how < 0.65:
        for _ in range(rng.randint(1, 3)):
            data = with_value(data, rng.choice(places(data)[1:]), rng.choice(ODD))
        return tomli_w.dumps(data).encode("utf-8", "surrogatepass")
    if how < 0.8:
        path = rng.choice([p for p in places(data)[1:] if p])
        parent: Any = data
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict):
            new = rng.choice(["zed", "sides", "prompt", "Id"])
            renamed = {(new if k == path[-1] else k): v for k, v in parent.items()}
            data = with_value(data, path[:-1], renamed)
        return tomli_w.dumps(data).encode()
    text = bytearray(tomli_w.dumps(data).encode())
    if how < 0.92:
        for _ in range(rng.randint(1, 6)):
            text[rng.randrange(len(text))] = rng.randrange(256)
        return bytes(text)
    return bytes(text[: rng.randrange(len(text))])


def _sound(bank: Any) -> None:
    """Every record a loaded bank gives is one the app can trust."""
    assert [s.number for s in bank.sections] == [1, 2, 3, 4, 5, None]
    for item in bank.items_by_id.values():
        assert item.kind in KINDS and isinstance(item.text, str) and item.text.strip() == item.text != ""
        assert type(item.reverse) is bool and (not item.reverse or item.kind == "agree")
        assert item.prompt is None or item.kind in ("authority", "focus")
        for w in item.sides:
            assert w.side in ("professional", "patient", "other") and w.text.strip()


def _one_line(err: BankError, name: str) -> None:
    message = str(err)
    assert "\n" not in message and "\r" not in message, message
    assert name in message, message
    assert len(message) < 1000, message[:300]


@pytest.mark.parametrize("name", ["relationship.toml", "find-partners.toml", "bank.toml"])
def test_damaged_bank_files_load_soundly_or_fail_in_one_line(tmp_path: Path, name: str) -> None:
    bank_dir = tmp_path / "bank"
    shutil.copytree(SHIPPED_BANK, bank_dir, ignore=shutil.ignore_patterns("v1", "forms"))
    original = tomllib.loads((bank_dir / name).read_text(encoding="utf-8"))
    rng = random.Random(f"{SEED}-{name}")
    loaded = refused = 0
    for n in range(COUNT if name != "bank.toml" else COUNT // 3):
        (bank_dir / name).write_bytes(damage(rng, original))
        started = time.monotonic()
        try:
            bank = load_bank(bank_dir)
        except BankError as err:
            _one_line(err, name)
            refused += 1
        else:
            _sound(bank)
            loaded += 1
        assert time.monotonic() - started < 2, n
    assert refused >= 50 and loaded >= 3, (refused, loaded)  # both sides really tried


def _break(bank_dir: Path, name: str, how: str) -> None:
    path = bank_dir / name
    if how == "folder":
        path.unlink()
        path.mkdir()
    elif how == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif how == "not utf-8":
        path.write_bytes(path.read_bytes().replace(b"id = ", b"id = \xff\xfe", 1))
    elif how == "500 deep":
        path.write_bytes(path.read_bytes() + b"\nzzz = " + b"[" * 500 + b"]" * 500 + b"\n")
    elif how == "huge string":
        path.write_bytes(path.read_bytes().replace(b'title = "', b'title = "' + b"x" * 900_000, 1))
    elif how == "too big":
        path.write_bytes(path.read_bytes() + b"#" * 2_000_000)
    elif how == "wrong types":
        path.write_bytes(b'id = 5\nnumber = "one"\ntitle = []\nitems = "none"\n')
    elif how == "item is a number":
        path.write_bytes(path.read_bytes() + b"\nitems = 3\n")
    elif how == "side of a list":
        text = path.read_text(encoding="utf-8")
        if "[[items]]" in text:
            text = text.replace("[[items]]\n", '[[items]]\nsides = [[[["x"]]]]\n', 1)
        else:
            text = 'sides = [[[["x"]]]]\n' + text
        path.write_text(text, encoding="utf-8")
    elif how == "link to nowhere":
        path.unlink()
        path.symlink_to(bank_dir / "nowhere.toml")


HOSTILE = [
    "folder",
    "fifo",
    "not utf-8",
    "500 deep",
    "huge string",
    "too big",
    "wrong types",
    "item is a number",
    "side of a list",
    "link to nowhere",
]


@pytest.mark.parametrize("how", HOSTILE)
@pytest.mark.parametrize("name", ["relationship.toml", "bank.toml"])
def test_hostile_bank_files_are_one_line_on_the_command_line(tmp_path: Path, name: str, how: str) -> None:
    bank_dir = tmp_path / "bank"
    shutil.copytree(SHIPPED_BANK, bank_dir, ignore=shutil.ignore_patterns("v1", "forms"))
    _break(bank_dir, name, how)
    started = time.monotonic()
    with pytest.raises(BankError) as err:
        load_bank(bank_dir)
    assert time.monotonic() - started < 5
    _one_line(err.value, name)
    code, out, stderr = run(["--questions", str(bank_dir), "questions", "--format", "json"])
    assert code == 2 and out == "" and "Traceback" not in stderr
    assert stderr.strip().count("\n") == 0 and name in stderr


@pytest.mark.parametrize("how", HOSTILE)
def test_a_hostile_quick_form_is_one_line(tmp_path: Path, how: str) -> None:
    bank = load_bank(SHIPPED_BANK)
    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(quick_form_path(), forms / "quick.toml")
    _break(forms, "quick.toml", how)
    with pytest.raises(BankError) as err:
        read_form(forms / "quick.toml", bank)
    _one_line(err.value, "quick.toml")


def test_damaged_quick_forms_fit_the_bank_or_fail_in_one_line(tmp_path: Path) -> None:
    bank = load_bank(SHIPPED_BANK)
    original = tomllib.loads(quick_form_path().read_text(encoding="utf-8"))
    rng = random.Random(SEED)
    path = tmp_path / "quick.toml"
    read = refused = 0
    for _ in range(COUNT):
        path.write_bytes(damage(rng, original))
        try:
            form = read_form(path, bank)
        except BankError as err:
            _one_line(err, "quick.toml")
            refused += 1
        else:
            assert form.ids <= set(bank.items_by_id) and all(i.why.strip() for i in form.items)
            read += 1
    assert refused >= 100 and read >= 3, (refused, read)
