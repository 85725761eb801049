"""Reports print an item's words as the partner concerned read them where the words are one
partner's own (each one's kept reflections), and the item's own text where the line is shared
by everyone (talk about these first, the JSON items); a side never changes a figure."""

from __future__ import annotations

from datetime import datetime, timezone

from collabcheck.core.bank import load_bank
from collabcheck.core.snapshot import Partner, Snapshot
from collabcheck.render.json import report_json
from collabcheck.render.report import render_markdown, render_text
from collabcheck.render.view import comparison_view
from collabcheck.scoring.compare import compare

BANK = load_bank()


def _flat(text: str) -> str:
    return " ".join(text.split())


def _sitting(bank, answers, notes=None, sides=True) -> Snapshot:
    return Snapshot(
        pair="amira-and-tom",
        taken_at=datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc),
        bank=bank.id,
        bank_version=bank.version,
        partners=[
            Partner("amira", "Dr Amira", "GP", "professional" if sides else None),
            Partner("tom", "Tom", "Patient partner", "patient" if sides else None),
        ],
        answers=answers,
        notes=notes or {},
    )


def test_each_partners_reflection_is_shown_under_the_question_as_they_read_it(bank_copy):
    path = bank_copy / "learning.toml"
    text = path.read_text(encoding="utf-8")
    anchor = 'text = "What do you think about practice 3?"\n'
    assert anchor in text
    path.write_text(
        text.replace(
            anchor,
            anchor
            + '\n[items.sides.patient]\ntext = "From where you stand, what do you think about practice 3?"\n',
        ),
        encoding="utf-8",
    )
    bank = load_bank(bank_copy)
    notes = {"amira": {"learning.think": "Going well."}, "tom": {"learning.think": "Too slow."}}
    c = compare(_sitting(bank, {"amira": {}, "tom": {}}, notes), bank)
    for report in (render_text(c, bank), render_markdown(c, bank)):
        flat = _flat(report)
        amira = flat.split("Dr Amira", 1)[1]
        mine, toms = flat.index("Going well."), flat.index("Too slow.")
        assert "What do you think about practice 3? Going well." in _flat(
            amira.replace("> ", "").replace("*", "")
        )
        assert flat.rfind("From where you stand, what do you think about practice 3?", 0, toms) > mine
    # without sides, both read the item's own words
    plain = _flat(
        render_text(compare(_sitting(bank, {"amira": {}, "tom": {}}, notes, sides=False), bank), bank)
    )
    assert "From where you stand" not in plain


def test_shared_lines_use_the_items_own_text_and_sides_change_no_figure():
    item = BANK.items_by_id["embed.approved"]
    answers = {"amira": {item.id: 5}, "tom": {item.id: 1}}
    with_sides = compare(_sitting(BANK, answers), BANK)
    without = compare(_sitting(BANK, answers, sides=False), BANK)
    assert with_sides.talk_about_first[0] == item.id
    talk = comparison_view(with_sides, BANK)["talk"]
    shown = _flat(str(talk))
    assert item.text in shown and item.text_for("patient") not in shown
    data, plain = report_json(with_sides), report_json(without)
    json_item = next(i for p in data["practices"] for i in p["items"] if i["id"] == item.id)
    assert json_item["text"] == item.text
    assert [p["scores"] for p in data["practices"]] == [p["scores"] for p in plain["practices"]]
    assert data["suggestion"]["ranking"] == plain["suggestion"]["ranking"]
