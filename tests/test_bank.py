"""The question bank: the shipped one meets the spec, and broken ones fail with one clear line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank, load_section
from collabcheck.core.errors import BankError

from .conftest import SHIPPED_BANK

PRACTICE_IDS = ["find-partners", "invest", "learning", "energy", "embed"]


def fitting(section, findings):
    """The tips of a section whose tags all fit the findings (`Tip.fits`, the rule
    scoring/suggest.py uses), tagged ones first, then untagged ones."""
    tips = section.tagged_tips
    return [t.text for t in tips if t.when and t.fits(findings)] + [t.text for t in tips if not t.when]


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
    assert len(section.of_kind("agree")) >= 5
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
    for idea in [
        "purpose",
        "ambition",
        "agenda|speak|lead",
        "budget|resource|decision|own",
        "wrong|blame",
        "disagree",
    ]:
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


def test_every_practice_file_says_why_and_maps_the_guide(shipped):
    """The map from the guide's ideas is data ([[ideas]]), checked in test_shipped_bank_rules.py."""
    for section in shipped.practices:
        head = (SHIPPED_BANK / f"{section.id}.toml").read_text(encoding="utf-8").split("[[items]]")[0]
        comments = [line for line in head.splitlines() if line.startswith("#")]
        assert len(comments) >= 4, f"{section.id}: say in a comment what the file does and which ids it kept"
        assert len(section.ideas) >= 10, f"{section.id}: map the guide's ideas in [[ideas]] tables"


# --- broken banks -------------------------------------------------------------------------

ITEM_A = '[[items]]\nid = "a"\nkind = "agree"\ntext = "Statement A of practice 1."\n'


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture drifted: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = {
    # name: (file, old, new, words expected in the message)
    "bad toml": ("find-partners.toml", 'kind = "agree"', 'kind = "agree', ["not valid TOML"]),
    "missing text": (
        "find-partners.toml",
        'text = "Statement A of practice 1."\n',
        "",
        ["'a'", "'text' is missing"],
    ),
    "empty text": ("find-partners.toml", '"Statement A of practice 1."', '"  "', ["'a'", "text"]),
    "unknown kind": (
        "find-partners.toml",
        'kind = "agree"',
        'kind = "scale"',
        ["'a'", "'kind' must be one of agree, authority, focus or reflect"],
    ),
    "duplicate id": ("find-partners.toml", 'id = "b"', 'id = "a"', ["'a'", "twice"]),
    "bad id": ("find-partners.toml", 'id = "a"', 'id = "Item A"', ["'Item A'", "slug"]),
    "reverse on non-agree": (
        "find-partners.toml",
        'kind = "reflect"',
        'kind = "reflect"\nreverse = true',
        ["'think'", "reverse"],
    ),
    "reverse not bool": ("find-partners.toml", "reverse = true", 'reverse = "yes"', ["'c'", "reverse"]),
    "wrong practice number": ("find-partners.toml", "number = 1", "number = 7", ["number", "1 to 5"]),
    "practice number as text": ("find-partners.toml", "number = 1", 'number = "1"', ["number"]),
    "authority in a practice": (
        "find-partners.toml",
        'id = "b"\nkind = "agree"',
        'id = "b"\nkind = "authority"',
        ["'b'", "does not belong"],
    ),
    "agree in relationship": (
        "relationship.toml",
        'id = "time"\nkind = "focus"',
        'id = "time"\nkind = "agree"',
        ["'time'", "does not belong"],
    ),
    "unknown item key": (
        "find-partners.toml",
        'id = "a"',
        'id = "a"\nweight = 2',
        ["'a'", "'weight' is not a key collabcheck knows here (check its spelling)"],
    ),
    "tips not a list": ("find-partners.toml", 'tips = ["Tip one', 'tips = "Tip" #["Tip one', ["tips"]),
    "missing title": ("invest.toml", 'title = "Practice 2"\n', "", ["title"]),
    # bank version 2: prompts, accountability and tagged tips
    "prompt on an agree item": (
        "find-partners.toml",
        'id = "a"\nkind = "agree"',
        'id = "a"\nkind = "agree"\nprompt = "Who?"',
        ["'a'", "'prompt' only"],
    ),
    "empty prompt": (
        "relationship.toml",
        'short = "the agenda"',
        'short = "the agenda"\nprompt = " "',
        ["'agenda'", "prompt"],
    ),
    "accountability on focus": (
        "relationship.toml",
        'short = "our time together"',
        'short = "our time together"\naccountability = true',
        ["'time'", "accountability"],
    ),
    "accountability not bool": (
        "relationship.toml",
        'short = "the agenda"',
        'short = "the agenda"\naccountability = "yes"',
        ["'agenda'", "true or false"],
    ),
    "tip with unknown tag": (
        "find-partners.toml",
        '"Tip two for practice 1."',
        '{ text = "Tip two.", when = ["bossy"] }',
        ["tip 2", "'bossy'", "under-radar"],
    ),
    "tip without text": (
        "find-partners.toml",
        '"Tip two for practice 1."',
        '{ when = ["power"] }',
        ["tip 2", "text"],
    ),
    "tip with empty when": (
        "find-partners.toml",
        '"Tip two for practice 1."',
        '{ text = "T", when = [] }',
        ["tip 2", "when"],
    ),
    "tip with unknown key": (
        "find-partners.toml",
        '"Tip two for practice 1."',
        '{ text = "T", when = ["power"], weight = 1 }',
        ["tip 2", "weight"],
    ),
    "tip of the wrong type": ("find-partners.toml", '"Tip two for practice 1."', "2", ["tip 2"]),
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


def _idea(idea_id: str = "1.1", **fields: str) -> str:
    values = {
        "lines": '"L333–337"',
        "idea": '"a willing partner"',
        "status": '"covered"',
        "by": '["item:a"]',
        **fields,
    }
    body = "".join(f"{k} = {v}\n" for k, v in values.items() if v is not None)
    return f'\n[[ideas]]\nid = "{idea_id}"\n{body}'


BROKEN_IDEAS = {
    # name: (text appended to find-partners.toml, words expected in the message)
    "ref to a missing item": (_idea(by='["item:zz"]'), ["'1.1'", "'item:zz'", "no item"]),
    "tip out of range": (_idea(by='["tip:3"]'), ["'1.1'", "'tip:3'", "has 2"]),
    "prompt zero": (_idea(by='["prompt:0"]'), ["'1.1'", "'prompt:0'"]),
    "not a ref": (_idea(by='["question:a"]'), ["'1.1'", "'question:a'"]),
    "partly without why": (_idea(status='"partly"'), ["'1.1'", "why"]),
    "missed without why": (_idea(status='"missed"', by=None), ["'1.1'", "why"]),
    "covered by nothing": (_idea(by="[]"), ["'1.1'", "names nothing"]),
    "unknown status": (_idea(status='"done"'), ["'1.1'", "status"]),
    "bad lines": (_idea(lines='"line 333"'), ["'1.1'", "lines"]),
    "no idea text": (_idea(idea='""'), ["'1.1'", "'idea'"]),
    "unknown key": (_idea(colour='"red"'), ["'1.1'", "colour"]),
    "twice in a file": (_idea() + _idea(), ["'1.1'", "twice"]),
    "no id": ('\n[[ideas]]\nlines = "L1"\n', ["idea 1", "'id'"]),
    "cross ref to a missing item": (
        _idea(by='["item:relationship.nope"]'),
        ["'1.1'", "'item:relationship.nope'", "section 'relationship'"],
    ),
    "cross ref to a missing section": (_idea(by='["prompt:nowhere.1"]'), ["'1.1'", "nowhere", "no section"]),
    "cross ref to a missing tip": (_idea(by='["tip:invest.5"]'), ["'1.1'", "'tip:invest.5'", "has 2"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN_IDEAS))
def test_broken_idea_map_gives_one_clear_error_naming_file_and_idea(bank_copy, case):
    added, words = BROKEN_IDEAS[case]
    path = bank_copy / "find-partners.toml"
    path.write_text(path.read_text(encoding="utf-8") + added, encoding="utf-8")
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    message = str(err.value)
    assert "\n" not in message and "find-partners.toml" in message
    for word in words:
        assert word in message, f"{case}: {word!r} not in {message!r}"


def test_an_idea_mapped_in_two_files_is_refused(bank_copy):
    for name in ("energy.toml", "find-partners.toml"):
        path = bank_copy / name
        path.write_text(path.read_text(encoding="utf-8") + _idea(), encoding="utf-8")
    with pytest.raises(BankError) as err:
        load_bank(bank_copy)
    assert "find-partners.toml" in str(err.value) and "also mapped in energy.toml" in str(err.value)


def test_prompts_accountability_tagged_tips_and_ideas_load(bank_copy):
    """A v1-shaped bank gains the version 2 fields without losing anything."""
    _replace(
        bank_copy / "find-partners.toml",
        '"Tip two for practice 1."',
        '{ text = "Tip two for practice 1.", when = ["power", "early", "power"] }',
    )
    _replace(
        bank_copy / "relationship.toml",
        'short = "the agenda"',
        'short = "the agenda"\nprompt = "Who decides what goes on it?"\naccountability = true',
    )
    path = bank_copy / "find-partners.toml"
    refs = ("item:a", "tip:2", "prompt:1", "item:relationship.agenda", "prompt:invest.2")
    path.write_text(
        path.read_text(encoding="utf-8")
        + _idea(by="[" + ", ".join(f'"{r}"' for r in refs) + "]")
        + _idea("1.14", status='"missed"', by=None, why='"an example"'),
        encoding="utf-8",
    )
    bank = load_bank(bank_copy)
    p1 = bank.practice(1)
    assert p1.tips == ("Tip one for practice 1.", "Tip two for practice 1.")
    assert p1.tips_when == ((), ("power", "early"))
    assert [t.when for t in p1.tagged_tips] == [(), ("power", "early")]
    assert fitting(p1, {"power", "early"}) == ["Tip two for practice 1.", "Tip one for practice 1."]
    assert fitting(p1, {"power"}) == ["Tip one for practice 1."]  # tagged early too: AND
    assert fitting(p1, {"task"}) == ["Tip one for practice 1."]
    assert [(i.id, i.status, i.by, i.why) for i in p1.ideas] == [
        ("1.1", "covered", refs, ""),
        ("1.14", "missed", (), "an example"),
    ]
    agenda = bank.items_by_id["relationship.agenda"]
    assert agenda.prompt == "Who decides what goes on it?" and agenda.accountability
    assert bank.items_by_id["relationship.purpose"].prompt is None
    data = bank.to_json()
    rel = data["sections"][-1]
    assert rel["tips_when"] == [[]] and data["sections"][0]["tips_when"] == [[], ["power", "early"]]
    agenda_json = next(i for i in rel["items"] if i["id"] == "relationship.agenda")
    assert agenda_json["prompt"] == "Who decides what goes on it?" and agenda_json["accountability"] is True
    assert "prompt" not in rel["items"][0] and "accountability" not in rel["items"][0]


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
        run = subprocess.run(
            [sys.executable, "-m", "collabcheck", "--questions", str(bank_copy), *args],
            capture_output=True,
            text=True,
        )
        assert run.returncode == (1 if args[0] == "validate" else 2), (args, run.stderr)
        assert "Traceback" not in run.stderr
        errors = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(errors) == 1, run.stderr
        assert "find-partners.toml" in errors[0] and "'a'" in errors[0]


def test_a_bank_is_read_once_until_its_files_change(bank_copy):
    """The same unchanged folder gives the very same (frozen) bank; any edit is read afresh,
    so a facilitator's change to a question is never hidden by an earlier read."""
    first = load_bank(bank_copy)
    assert load_bank(bank_copy) is first
    path = next(p for p in sorted(bank_copy.glob("*.toml")) if p.name != "bank.toml")
    text = path.read_text(encoding="utf-8")
    old_title = load_section(path).title
    path.write_text(text.replace(old_title, old_title + " (edited)", 1), encoding="utf-8")
    again = load_bank(bank_copy)
    assert again is not first
    assert any(s.title == old_title + " (edited)" for s in again.sections)
