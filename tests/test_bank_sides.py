"""An item worded for a side of care (`[items.sides.<side>]`): loaded, looked up, printed,
and every mistake in it refused with one line naming the file and the item."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from collabcheck.core.bank import Item, Wording, load_bank
from collabcheck.core.errors import BankError
from collabcheck.core.sides import SIDES

ITEM_KEYS = {
    "id",
    "kind",
    "text",
    "reverse",
    "short",
    "prompt",
    "accountability",
    "development",
    "later",
    "sides",
}
PATIENT_A = '\n[items.sides.patient]\ntext = "As far as you know, statement A."\n'


def _after(path: Path, anchor: str, added: str) -> None:
    """Insert `added` right after the line holding `anchor` (once)."""
    text = path.read_text(encoding="utf-8")
    assert anchor in text, f"fixture drifted: {anchor!r} not in {path}"
    head, _, tail = text.partition(anchor)
    line_end = tail.index("\n") + 1 if "\n" in tail else len(tail)
    path.write_text(head + anchor + tail[:line_end] + added + tail[line_end:], encoding="utf-8")


def _worded(bank_copy: Path) -> Path:
    """The mini bank with wordings for two sides on an agree item and one on a say item."""
    _after(
        bank_copy / "find-partners.toml",
        'text = "Statement A of practice 1."',
        PATIENT_A + '\n[items.sides.other]\ntext = "Statement A, for others."\n',
    )
    _after(
        bank_copy / "relationship.toml",
        'short = "the agenda"',
        'prompt = "Whose view of the agenda counts most?"\n'
        '\n[items.sides.patient]\ntext = "Who has most say over the agenda, as you see it?"\n'
        'prompt = "As far as you can tell, whose view counts most?"\n'
        '\n[items.sides.professional]\ntext = "Who sets the agenda?"\n',
    )
    return bank_copy


def test_wordings_load_and_each_side_reads_its_own(bank_copy):
    bank = load_bank(_worded(bank_copy))
    a = bank.items_by_id["find-partners.a"]
    assert a.sides == (
        Wording("patient", "As far as you know, statement A."),
        Wording("other", "Statement A, for others."),
    )
    assert a.text_for("patient") == "As far as you know, statement A."
    assert a.text_for("other") == "Statement A, for others."
    assert a.text_for("professional") == a.text == "Statement A of practice 1."  # no words of its own
    assert a.text_for("") == a.text and a.text_for("nobody") == a.text
    assert a.prompt_for("patient") is None
    agenda = bank.items_by_id["relationship.agenda"]
    assert agenda.text_for("patient") == "Who has most say over the agenda, as you see it?"
    assert agenda.prompt_for("patient") == "As far as you can tell, whose view counts most?"
    # A side with its own text but no prompt of its own reads the item's prompt.
    assert agenda.text_for("professional") == "Who sets the agenda?"
    assert agenda.prompt_for("professional") == "Whose view of the agenda counts most?"
    assert agenda.prompt_for("") == agenda.prompt_for("other") == agenda.prompt
    # What is asked and how it compares are the item's own, whatever the side.
    assert (a.kind, a.reverse, a.short) == ("agree", False, None)


def test_wordings_never_change_anything_but_the_words(bank_copy):
    """The same bank with its wordings taken out has equal items in every other field."""
    plain = {i.id: i for i in load_bank(bank_copy).items_by_id.values()}
    worded = load_bank(_worded(bank_copy)).items_by_id
    assert list(worded) == list(plain)
    for item_id, item in worded.items():
        bare = Item(**{**item.__dict__, "sides": ()})
        expected = plain[item_id]
        if item_id == "relationship.agenda":  # the fixture gave it a prompt of its own too
            expected = Item(**{**expected.__dict__, "prompt": "Whose view of the agenda counts most?"})
        assert bare == expected


def test_round_trip_through_the_json_and_back_to_toml(bank_copy, tmp_path):
    """Write each wording out as `questions --format json` shows it, build the TOML again
    from that, and read the very same bank back."""
    bank = load_bank(_worded(bank_copy))
    items = {i["id"]: i for s in bank.to_json()["sections"] for i in s["items"]}
    assert items["find-partners.a"]["sides"] == {
        "patient": {"text": "As far as you know, statement A."},
        "other": {"text": "Statement A, for others."},
    }
    rebuilt = tmp_path / "rebuilt"
    rebuilt.mkdir()
    meta = (bank_copy / "bank.toml").read_text(encoding="utf-8")
    (rebuilt / "bank.toml").write_text(meta, encoding="utf-8")
    for section in bank.to_json()["sections"]:
        lines = [f"id = {json.dumps(section['id'])}"]
        if section["number"] is not None:
            lines.append(f"number = {section['number']}")
        lines += [f"title = {json.dumps(section['title'])}", f"summary = {json.dumps(section['summary'])}"]
        lines += [f"tips = {json.dumps(section['tips'])}", f"prompts = {json.dumps(section['prompts'])}"]
        for item in section["items"]:
            lines += ["[[items]]", f"id = {json.dumps(item['id'].split('.', 1)[1])}"]
            for key in ("kind", "text", "short", "prompt"):
                if key in item:
                    lines.append(f"{key} = {json.dumps(item[key])}")
            if item["reverse"]:
                lines.append("reverse = true")
            for side, words in item.get("sides", {}).items():
                lines.append(f"[items.sides.{side}]")
                lines += [f"{k} = {json.dumps(v)}" for k, v in words.items()]
        (rebuilt / f"{section['id']}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    again = load_bank(rebuilt)
    assert again.items_by_id == bank.items_by_id
    assert again.to_json() == bank.to_json()


def test_questions_json_shows_sides_only_on_items_that_have_them(bank_copy):
    _worded(bank_copy)
    run = subprocess.run(
        [sys.executable, "-m", "collabcheck", "--questions", str(bank_copy), "questions", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    items = {i["id"]: i for s in json.loads(run.stdout)["sections"] for i in s["items"]}
    assert items["relationship.agenda"]["sides"] == {
        "professional": {"text": "Who sets the agenda?"},
        "patient": {
            "text": "Who has most say over the agenda, as you see it?",
            "prompt": "As far as you can tell, whose view counts most?",
        },
    }
    assert list(items["relationship.agenda"]["sides"]) == ["professional", "patient"]  # SIDES order
    assert "sides" not in items["find-partners.b"] and "sides" not in items["relationship.purpose"]


@pytest.mark.parametrize("folder", ["mini", "shipped"])
def test_a_bank_without_wordings_loads_as_before(folder, mini_bank_dir):
    """No item gains a wording, nor a 'sides' key in the JSON, that its bank did not give."""
    from .conftest import SHIPPED_BANK

    directory = mini_bank_dir if folder == "mini" else SHIPPED_BANK
    bank = load_bank(directory)
    for path in directory.glob("*.toml"):  # the shipped bank may gain wordings of its own
        worded = "[items.sides." in path.read_text(encoding="utf-8")
        section = next((s for s in bank.sections if path.stem == s.id), None)
        if section is not None and not worded:
            assert all(i.sides == () for i in section.items)
    for section in bank.to_json()["sections"]:
        for item in section["items"]:
            assert ("sides" in item) == bool(bank.items_by_id[item["id"]].sides)
            assert set(item) <= ITEM_KEYS


BROKEN = {
    # name: (file, anchor line, text added after it, words expected in the message)
    "unknown side": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        '\n[items.sides.doctor]\ntext = "Doc."\n',
        ["'a'", "side 'doctor'", "professional, patient or other"],
    ),
    "not given is not a side": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        '\n[items.sides.""]\ntext = "Nobody."\n',
        ["'a'", "side ''", "must be one of professional, patient or other"],
    ),
    "empty text": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        '\n[items.sides.patient]\ntext = "   "\n',
        ["'a'", "patient", "text"],
    ),
    "no text": (
        "relationship.toml",
        'short = "the agenda"',
        '\n[items.sides.patient]\nprompt = "Whose view counts?"\n',
        ["'agenda'", "patient", "'text'"],
    ),
    "text not text": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        "\n[items.sides.patient]\ntext = 3\n",
        ["'a'", "patient", "text"],
    ),
    "unknown key": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        '\n[items.sides.patient]\ntext = "T."\nkind = "reflect"\n',
        ["'a'", "side 'patient'", "may change only 'text' and 'prompt', not 'kind'"],
    ),
    "reverse in a side": (
        "find-partners.toml",
        "reverse = true",
        '\n[items.sides.patient]\ntext = "T."\nreverse = false\n',
        ["'c'", "side 'patient'", "may change only 'text' and 'prompt', not 'reverse'"],
    ),
    "prompt on an agree item": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        '\n[items.sides.patient]\ntext = "T."\nprompt = "Who?"\n',
        ["'a'", "patient", "'prompt' only"],
    ),
    "prompt on a reflect item": (
        "find-partners.toml",
        'text = "What do you think about practice 1?"',
        '\n[items.sides.other]\ntext = "T?"\nprompt = "Who?"\n',
        ["'think'", "other", "'prompt' only"],
    ),
    "empty prompt": (
        "relationship.toml",
        'short = "the agenda"',
        '\n[items.sides.patient]\ntext = "T?"\nprompt = ""\n',
        ["'agenda'", "patient", "prompt"],
    ),
    "side not a table": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        'sides.patient = "As far as you know."\n',
        ["'a'", "patient", "table"],
    ),
    "sides not a table": (
        "find-partners.toml",
        'text = "Statement A of practice 1."',
        'sides = ["patient"]\n',
        ["'a'", "sides"],
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_wording_is_one_line_naming_file_and_item(bank_copy, case):
    name, anchor, added, words = BROKEN[case]
    _after(bank_copy / name, anchor, added)
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    message = str(err.value)
    assert "\n" not in message and name in message
    for word in words:
        assert word in message, f"{case}: {word!r} not in {message!r}"


def test_every_side_but_not_given_may_have_words(bank_copy):
    sides = [s for s in SIDES if s]
    added = "".join(f'\n[items.sides.{s}]\ntext = "For {s}."\n' for s in reversed(sides))
    _after(bank_copy / "find-partners.toml", 'text = "Statement B of practice 1."', added)
    b = load_bank(bank_copy).items_by_id["find-partners.b"]
    assert [w.side for w in b.sides] == sides  # kept in the order of SIDES, whatever the file's
    assert [b.text_for(s) for s in sides] == [f"For {s}." for s in sides]
