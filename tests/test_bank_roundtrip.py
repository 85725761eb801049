"""Round trips through the bank's models: any bank a facilitator could write (items of every
kind, wordings for each side, tagged tips, an idea map) is written as TOML, read back through
its models, and comes back equal, record for record. The kept bank (core/bank_cache.py) and
`questions --format json` carry the same bank."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from collabcheck.core import bank_cache
from collabcheck.core.bank import load_bank
from collabcheck.core.bank_ideas import TIP_TAGS

from .conftest import MINI_BANK

SLUGS = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
# Texts as a facilitator types them: any letters, spaces inside, nothing to strip at the ends.
WORDS = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80)
    .map(str.strip)
    .filter(bool)
)
SIDE_NAMES = ("professional", "patient", "other")


@st.composite
def items(draw: st.DrawFn, practice: bool) -> list[dict[str, Any]]:
    ids = draw(st.lists(SLUGS, min_size=1, max_size=5, unique=True))
    out = []
    for n, item_id in enumerate(ids):
        if practice:
            kind = "agree" if n == 0 else draw(st.sampled_from(["agree", "reflect"]))
        else:
            kind = draw(st.sampled_from(["authority", "focus"]))
        say = kind in ("authority", "focus")
        item: dict[str, Any] = {"id": item_id, "kind": kind, "text": draw(WORDS)}
        if kind == "agree" and draw(st.booleans()):
            item["reverse"] = True
        if kind == "agree" and draw(st.booleans()):
            item["later"] = True
        if draw(st.booleans()):
            item["short"] = draw(WORDS)
        if say and draw(st.booleans()):
            item["prompt"] = draw(WORDS)
        if kind == "authority" and draw(st.booleans()):
            item["accountability"] = True
        sides = draw(st.lists(st.sampled_from(SIDE_NAMES), unique=True, max_size=3))
        if sides:
            item["sides"] = {
                side: {
                    "text": draw(WORDS),
                    **({"prompt": draw(WORDS)} if say and draw(st.booleans()) else {}),
                }
                for side in sides
            }
        out.append(item)
    return out


TIPS = st.lists(
    st.one_of(
        WORDS,
        st.fixed_dictionaries(
            {
                "text": WORDS,
                "when": st.lists(st.sampled_from(sorted(TIP_TAGS)), min_size=1, max_size=3, unique=True),
            }
        ),
    ),
    max_size=3,
)


@given(
    practice=items(practice=True),
    relationship=items(practice=False),
    tips=TIPS,
    prompts=st.lists(WORDS, max_size=2),
)
def test_any_bank_written_reads_back_equal(practice, relationship, tips, prompts) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bank"
        shutil.copytree(MINI_BANK, folder)
        section = {"id": "find-partners", "number": 1, "title": "P1", "tips": tips, "prompts": prompts}
        section["items"] = practice
        by = [f"item:{practice[0]['id']}"]
        section["ideas"] = [{"id": "1.1", "lines": "L1–2", "idea": "an idea", "status": "covered", "by": by}]
        (folder / "find-partners.toml").write_text(tomli_w.dumps(section), encoding="utf-8")
        rel = {"id": "relationship", "title": "R", "items": relationship}
        (folder / "relationship.toml").write_text(tomli_w.dumps(rel), encoding="utf-8")

        before = os.environ.get("COLLABCHECK_CACHE_DIR")
        os.environ["COLLABCHECK_CACHE_DIR"] = str(Path(tmp) / "cache")
        try:
            bank = load_bank(folder)
        finally:
            if before is None:
                del os.environ["COLLABCHECK_CACHE_DIR"]
            else:
                os.environ["COLLABCHECK_CACHE_DIR"] = before

        p1, rel_section = bank.practice(1), bank.relationship
        assert p1.prompts == tuple(prompts)
        assert [t.text for t in p1.tagged_tips] == [t if isinstance(t, str) else t["text"] for t in tips]
        assert [t.when for t in p1.tagged_tips] == [
            () if isinstance(t, str) else tuple(t["when"]) for t in tips
        ]
        for written, section_id, got in [
            (practice, "find-partners", p1),
            (relationship, "relationship", rel_section),
        ]:
            assert [i.id for i in got.items] == [f"{section_id}.{w['id']}" for w in written]
            for w, item in zip(written, got.items, strict=True):
                assert (item.kind, item.text, item.reverse, item.later) == (
                    w["kind"],
                    w["text"],
                    w.get("reverse", False),
                    w.get("later", False),
                )
                assert (item.short, item.prompt, item.accountability) == (
                    w.get("short"),
                    w.get("prompt"),
                    w.get("accountability", False),
                )
                sides = w.get("sides", {})
                assert [s.side for s in item.sides] == [s for s in SIDE_NAMES if s in sides]
                for side in SIDE_NAMES:
                    assert item.text_for(side) == sides.get(side, {}).get("text", w["text"])
                    assert item.prompt_for(side) == sides.get(side, {}).get("prompt", w.get("prompt"))
        # The same bank as kept for the next start, and as `questions --format json` gives it.
        assert bank_cache.from_data(bank_cache.to_data(bank)) == bank
        json_items = {i["id"]: i for s in bank.to_json()["sections"] for i in s["items"]}
        for item in bank.items_by_id.values():
            assert json_items[item.id]["text"] == item.text
            assert json_items[item.id].get("sides", {}) == {
                s.side: {"text": s.text, **({"prompt": s.prompt} if s.prompt else {})} for s in item.sides
            }


def test_the_quick_form_written_from_its_record_reads_back_equal(tmp_path: Path) -> None:
    from collabcheck.core.forms import quick_form_path, read_form

    from .conftest import SHIPPED_BANK

    bank = load_bank(SHIPPED_BANK)
    form = read_form(quick_form_path(), bank)
    data = {
        "id": form.id,
        "title": form.title,
        "bank": form.bank,
        "bank_version": form.bank_version,
        "items": [{"id": i.id, "idea": i.idea, "why": i.why} for i in form.items],
    }
    path = tmp_path / "quick.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    assert read_form(path, bank) == form
    assert len(form.items) >= 2 * 5  # a real form, not an empty one
