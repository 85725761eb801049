"""The question bank: the shipped one meets the spec, and broken ones fail with one clear line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.errors import BankError

from .conftest import SHIPPED_BANK

PRACTICE_IDS = ["find-partners", "invest", "learning", "energy", "embed"]


@pytest.fixture(scope="module")
def shipped():
    return load_bank(SHIPPED_BANK)


def test_default_bank_is_the_shipped_one(shipped):
    assert load_bank() == shipped
    assert shipped.id == "kings-fund-2016"
    assert shipped.version >= 1
    assert "King's Fund" in shipped.source


def test_shipped_bank_has_five_practices_in_order_then_relationship(shipped):
    assert [s.number for s in shipped.sections] == [1, 2, 3, 4, 5, None]
    assert [s.id for s in shipped.practices] == PRACTICE_IDS
    assert shipped.sections[-1].id == "relationship"


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_each_practice_meets_spec_counts(shipped, number):
    section = shipped.practice(number)
    assert len(section.of_kind("agree")) >= 6
    assert len(section.of_kind("reflect")) >= 2
    assert any(i.reverse for i in section.of_kind("agree")), "a reversed item in every practice"
    assert len(section.tips) >= 3
    assert len(section.prompts) >= 3
    assert section.summary


def test_relationship_section_meets_spec_counts(shipped):
    rel = shipped.relationship
    authority = rel.of_kind("authority")
    focus = rel.of_kind("focus")
    assert len(authority) >= 5
    assert len(focus) >= 3
    assert all(i.short for i in authority + focus), "short labels are used in report sentences"


def test_authority_items_cover_everything_the_guide_says_is_shared(shipped):
    words = " ".join(f"{i.id} {i.text} {i.short}".lower() for i in shipped.relationship.of_kind("authority"))
    for idea in ["purpose", "agenda|ambition", "speak|lead", "budget|resource|decision|own",
                 "wrong|blame", "disagree"]:
        assert re.search(idea, words), f"no authority item about {idea}"


def test_ids_are_unique_stable_slugs(shipped):
    ids = [i.id for s in shipped.sections for i in s.items]
    assert len(ids) == len(set(ids))
    for full in ids:
        section, item = full.split(".")
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item)
        assert section in PRACTICE_IDS + ["relationship"]


def test_items_are_short_and_plain(shipped):
    for item in shipped.items_by_id.values():
        assert len(item.text.split()) <= 27, item.id
        assert item.text == item.text.strip()
        assert "\n" not in item.text


def test_every_practice_file_lists_its_main_points(shipped):
    for section in shipped.practices:
        head = (SHIPPED_BANK / f"{section.id}.toml").read_text(encoding="utf-8").split("[[items]]")[0]
        comments = [line for line in head.splitlines() if line.startswith("#")]
        assert len(comments) >= 4, f"{section.id}: list the guide's main points in a comment"
        covered = " ".join(comments)
        for item in section.of_kind("agree"):
            assert item.id.split(".")[1] in covered, f"{item.id} not mapped to a main point"


# --- broken banks -------------------------------------------------------------------------

ITEM_A = '[[items]]\nid = "a"\nkind = "agree"\ntext = "Statement A of practice 1."\n'


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drifted: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = {
    # name: (file, old, new, words expected in the message)
    "bad toml": ("find-partners.toml", 'kind = "agree"', 'kind = "agree', ["not valid TOML"]),
    "missing text": ("find-partners.toml", 'text = "Statement A of practice 1."\n', "",
                     ["'a'", "has no 'text'"]),
    "empty text": ("find-partners.toml", '"Statement A of practice 1."', '"  "', ["'a'", "text"]),
    "unknown kind": ("find-partners.toml", 'kind = "agree"', 'kind = "scale"', ["'a'", "unknown kind"]),
    "duplicate id": ("find-partners.toml", 'id = "b"', 'id = "a"', ["'a'", "twice"]),
    "bad id": ("find-partners.toml", 'id = "a"', 'id = "Item A"', ["'Item A'", "slug"]),
    "reverse on non-agree": ("find-partners.toml", 'kind = "reflect"', 'kind = "reflect"\nreverse = true',
                             ["'think'", "reverse"]),
    "reverse not bool": ("find-partners.toml", "reverse = true", 'reverse = "yes"', ["'c'", "reverse"]),
    "wrong practice number": ("find-partners.toml", "number = 1", "number = 7", ["number", "1 to 5"]),
    "practice number as text": ("find-partners.toml", "number = 1", 'number = "1"', ["number"]),
    "authority in a practice": ("find-partners.toml", 'id = "b"\nkind = "agree"',
                                'id = "b"\nkind = "authority"', ["'b'", "does not belong"]),
    "agree in relationship": ("relationship.toml", 'id = "time"\nkind = "focus"',
                              'id = "time"\nkind = "agree"', ["'time'", "does not belong"]),
    "unknown item key": ("find-partners.toml", 'id = "a"', 'id = "a"\nweight = 2', ["'a'", "weight"]),
    "tips not a list": ("find-partners.toml", 'tips = ["Tip one', 'tips = "Tip" #["Tip one', ["tips"]),
    "missing title": ("invest.toml", 'title = "Practice 2"\n', "", ["title"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_bank_gives_one_clear_error_naming_file_and_item(bank_copy, case):
    name, old, new, words = BROKEN[case]
    _replace(bank_copy / name, old, new)
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    message = str(err.value)
    assert "\n" not in message
    assert name in message
    for word in words:
        assert word in message, f"{case}: {word!r} not in {message!r}"


def test_bad_toml_names_the_line(bank_copy):
    _replace(bank_copy / "find-partners.toml", 'kind = "agree"', 'kind = "agree')
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    assert re.search(r"find-partners\.toml:\d+: ", str(err.value))


def test_empty_practice(bank_copy):
    path = bank_copy / "embed.toml"
    path.write_text(path.read_text(encoding="utf-8").split("[[items]]")[0], encoding="utf-8")
    with pytest.raises(BankError, match=r"embed\.toml: .*no items"):
        load_bank(bank_copy)


def test_practice_with_only_reflections(bank_copy):
    path = bank_copy / "embed.toml"
    head, *items = path.read_text(encoding="utf-8").split("[[items]]")
    path.write_text(head + "[[items]]" + items[-1], encoding="utf-8")
    with pytest.raises(BankError, match=r"embed\.toml: .*no agree items"):
        load_bank(bank_copy)


def test_missing_practice_file(bank_copy):
    (bank_copy / "energy.toml").unlink()
    with pytest.raises(BankError, match="no file for practice 4"):
        load_bank(bank_copy)


def test_two_files_for_one_practice(bank_copy):
    _replace(bank_copy / "embed.toml", "number = 5", "number = 4")
    with pytest.raises(BankError, match="practice 4 is in more than one file"):
        load_bank(bank_copy)


def test_missing_relationship_section(bank_copy):
    (bank_copy / "relationship.toml").unlink()
    with pytest.raises(BankError, match="relationship section"):
        load_bank(bank_copy)


def test_missing_bank_metadata(bank_copy):
    (bank_copy / "bank.toml").unlink()
    with pytest.raises(BankError, match=r"bank\.toml: no such file"):
        load_bank(bank_copy)


def test_missing_folder(tmp_path):
    with pytest.raises(BankError, match="question folder not found"):
        load_bank(tmp_path / "nope")


def test_broken_bank_on_the_command_line_is_one_line_no_traceback(bank_copy):
    _replace(bank_copy / "find-partners.toml", 'kind = "agree"', 'kind = "scale"')
    for args in (["questions"], ["validate"], ["validate", str(bank_copy)]):
        run = subprocess.run([sys.executable, "-m", "collabcheck", "--questions", str(bank_copy), *args],
                             capture_output=True, text=True)
        assert run.returncode == (1 if args[0] == "validate" else 2), (args, run.stderr)
        assert "Traceback" not in run.stderr
        errors = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(errors) == 1, run.stderr
        assert "find-partners.toml" in errors[0] and "'a'" in errors[0]
