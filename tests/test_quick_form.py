"""The quick check-in's form (questions/forms/quick.toml), its snapshots and when it is offered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from collabcheck.core.bank import default_bank_dir, load_bank, questions
from collabcheck.core.errors import BankError, SnapshotError
from collabcheck.core.forms import (
    MAX_QUICK,
    form_bank,
    last_full_sitting,
    offer_quick,
    quick_form,
    quick_form_path,
    read_form,
)
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Partner, Snapshot, parse_snapshot, write_snapshot

from .conftest import MINI_BANK, SHIPPED_BANK

BANK = load_bank()
WHEN = datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc)


def test_the_shipped_quick_form_is_in_the_bank_folder_and_fits_the_bank():
    # Beside the shipped bank: the repository's questions/, or the wheel's copy of it.
    assert quick_form_path() == default_bank_dir() / "forms" / "quick.toml"
    assert quick_form_path().read_bytes() == (SHIPPED_BANK / "forms" / "quick.toml").read_bytes()
    form = quick_form(BANK)
    assert form is not None and form.bank == BANK.id and form.bank_version == BANK.version


def test_quick_bank_at_most_15_at_least_2_per_practice_say_and_attention_no_writing():
    form = quick_form(BANK)
    assert form is not None
    items = [BANK.items_by_id[i.id] for i in form.items]
    assert len(items) <= MAX_QUICK == 15
    for practice in BANK.practices:
        n = sum(1 for i in items if i.section_id == practice.id and i.kind == "agree")
        assert n >= 2, f"practice {practice.number} has {n}"
    assert any(i.kind == "authority" and not i.accountability for i in items)  # the say
    assert any(i.kind == "focus" for i in items)  # attention
    assert not any(i.kind == "reflect" for i in items)  # no writing


def test_every_quick_item_carries_a_guide_idea_the_bank_maps_to_it_and_says_why():
    form = quick_form(BANK)
    assert form is not None
    ideas = {idea.id: (section, idea) for section in BANK.sections for idea in section.ideas}
    for item in form.items:
        assert item.idea in ideas, item
        section, idea = ideas[item.idea]
        local = item.id.split(".", 1)[1] if item.id.startswith(section.id + ".") else item.id
        assert f"item:{local}" in idea.by, (item.id, idea.id, idea.by)
        assert len(item.why.split()) >= 8, item.id  # a reason, not a label


def test_the_quick_form_is_not_read_as_a_section_of_the_bank():
    """forms/ is a folder of its own: every .toml beside bank.toml is a section."""
    assert not (SHIPPED_BANK / "quick.toml").exists()
    assert len(questions(BANK)) > MAX_QUICK


@pytest.mark.parametrize(
    "change,problem",
    [
        (lambda t: t.replace('id = "embed.would-fade"', 'id = "embed.keep-alive"'), "is a written question"),
        (lambda t: t.replace('id = "embed.would-fade"', 'id = "embed.nonsense"'), "is not in the bank"),
        (
            lambda t: t.replace('id = "embed.would-fade"', 'id = "invest.trust"'),
            "the bank does not map idea '5.13' to it",
        ),
        (lambda t: t.replace('idea = "1.8"', 'idea = "9.9"'), "does not map idea '9.9'"),
        (lambda t: t.split('[[items]]\nid = "embed.approved"')[0], "each practice needs at least 2"),
        (lambda t: t + '\n[[items]]\nid = "invest.trust"\nidea = "2.8"\nwhy = "x"\n', "at most 15"),
        (lambda t: t.replace("bank_version = 3", "bank_version = 1"), "is for bank"),
        (
            lambda t: t.replace('why = "A purpose', 'whyy = "A purpose'),
            "item 'find-partners.shared-purpose': 'why' is missing",
        ),
    ],
)
def test_a_form_that_breaks_a_rule_is_one_line_naming_the_file(tmp_path, change, problem):
    path = tmp_path / "quick.toml"
    path.write_text(change(quick_form_path().read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(BankError) as err:
        read_form(path, BANK)
    assert str(path) in str(err.value) and problem in str(err.value)
    assert "\n" not in str(err.value)


def test_a_bank_without_these_items_gets_no_quick_form():
    assert quick_form(load_bank(MINI_BANK)) is None


def test_form_bank_keeps_the_sections_in_order_with_only_the_forms_items():
    form = quick_form(BANK)
    assert form is not None
    quick = form_bank(BANK, form)
    assert [s.id for s in quick.sections] == [s.id for s in BANK.sections]
    assert [i.id for i in questions(quick)] == [i.id for i in questions(BANK) if i.id in form.ids]
    assert (quick.id, quick.version) == (BANK.id, BANK.version)
    assert quick.practice(3).tips == BANK.practice(3).tips


def snapshot(pair: str, when: datetime, form: str | None = None) -> Snapshot:
    answers = {"ann": {"find-partners.shared-purpose": 4}, "bo": {"find-partners.shared-purpose": 2}}
    return Snapshot(
        pair=pair,
        taken_at=when,
        bank=BANK.id,
        bank_version=BANK.version,
        partners=[Partner("ann", "Ann"), Partner("bo", "Bo")],
        answers=answers,
        form=form,
    )


def test_a_quick_snapshot_says_so_and_reads_back():
    snap = snapshot("ann-and-bo", WHEN, "quick")
    text = snap.to_toml(BANK)
    assert 'form = "quick"' in text.splitlines()[1:7]
    assert parse_snapshot(text, bank=BANK) == snap
    assert "form" not in snapshot("ann-and-bo", WHEN).to_toml(BANK)  # a full one is as before
    assert parse_snapshot(text.replace('"quick"', '"full"'), bank=BANK).form == "full"
    with pytest.raises(SnapshotError, match="form must be one of full or quick"):
        parse_snapshot(text.replace('"quick"', '"short"'), "x.toml", BANK)


def test_a_quick_sitting_is_kept_as_quick_in_the_state_file():
    s = Sitting.new(BANK, [("Ann", ""), ("Bo", "")], WHEN)
    s.form = "quick"
    import json

    again = Sitting.from_json(json.loads(s.to_json()))
    assert again.form == "quick" and again.to_snapshot(BANK, WHEN).form == "quick"
    data = json.loads(s.to_json())
    del data["form"]  # a state file from before the quick form: a full sitting
    assert Sitting.from_json(data).form == "full"
    data["form"] = "tiny"
    with pytest.raises(ValueError):
        Sitting.from_json(data)


def test_offered_within_six_months_of_a_full_sitting_only(tmp_path: Path):
    folder = tmp_path / "snaps"
    assert offer_quick(folder, "ann-and-bo", BANK, WHEN) is None  # no folder
    write_snapshot(snapshot("ann-and-bo", WHEN - timedelta(days=200)), folder, BANK)
    assert offer_quick(folder, "ann-and-bo", BANK, WHEN) is None  # too long ago
    recent = WHEN - timedelta(days=60)
    write_snapshot(snapshot("ann-and-bo", recent), folder, BANK)
    assert offer_quick(folder, "ann-and-bo", BANK, WHEN) == recent
    assert offer_quick(folder, "cy-and-di", BANK, WHEN) is None  # another partnership
    assert offer_quick(folder, "ann-and-bo", load_bank(MINI_BANK), WHEN) is None  # no form
    # a quick sitting since does not count as a full one, and never hides the full one
    write_snapshot(snapshot("ann-and-bo", WHEN - timedelta(days=10), "quick"), folder, BANK)
    assert last_full_sitting(folder, "ann-and-bo") == recent
    (folder / f"{WHEN:%Y-%m-%dT%H%M}-ann-and-bo.toml").write_text("not toml [")  # refused: passed over
    assert last_full_sitting(folder, "ann-and-bo") == recent


def test_only_quick_sittings_are_not_a_reason_to_offer_it(tmp_path: Path):
    folder = tmp_path / "snaps"
    write_snapshot(snapshot("ann-and-bo", WHEN - timedelta(days=10), "quick"), folder, BANK)
    assert offer_quick(folder, "ann-and-bo", BANK, WHEN) is None


def test_the_report_of_a_quick_sitting_says_what_a_quick_form_can_and_cannot_tell(tmp_path):
    import json

    from collabcheck.render.quick import QUICK_READING

    from .conftest import run_cli

    form = quick_form(BANK)
    assert form is not None
    kinds = {"agree": 4, "authority": "shared", "focus": "balanced"}
    answers = {pid: {i: kinds[BANK.items_by_id[i].kind] for i in form.ids} for pid in ("ann", "bo")}
    quick = Snapshot(
        pair="ann-and-bo",
        taken_at=WHEN,
        bank=BANK.id,
        bank_version=BANK.version,
        partners=[Partner("ann", "Ann"), Partner("bo", "Bo")],
        answers=answers,  # type: ignore[arg-type]
        form="quick",
    )
    path = write_snapshot(quick, tmp_path, BANK)
    text = run_cli("report", str(path))
    assert text.returncode == 0 and " ".join(QUICK_READING.split()) in " ".join(text.stdout.split())
    assert "2 answers" in text.stdout and "5 answers" not in text.stdout  # the questions asked
    md = run_cli("report", str(path), "--format", "markdown").stdout
    assert "> This was a quick check-in" in md
    data = json.loads(run_cli("report", str(path), "--format", "json").stdout)
    assert data["form"] == "quick" and data["form_note"] == QUICK_READING
    full = write_snapshot(snapshot("ann-and-bo", WHEN), tmp_path, BANK)
    assert "quick check-in" not in run_cli("report", str(full)).stdout
    assert "form" not in json.loads(run_cli("report", str(full), "--format", "json").stdout)


def test_validate_checks_the_quick_form_against_the_bank(tmp_path):
    from .conftest import run_cli

    ok = run_cli("validate", str(quick_form_path()))
    assert ok.returncode == 0 and "short form 'quick' of the question bank, 15 items" in ok.stdout
    bad = tmp_path / "quick.toml"
    bad.write_text(quick_form_path().read_text().replace('idea = "1.8"', 'idea = "1.9"'))
    ran = run_cli("validate", str(bad))
    assert ran.returncode == 1 and "does not map idea '1.9'" in ran.stderr


def test_a_quick_sitting_carried_on_is_described_with_its_own_count():
    from collabcheck.tui.screens.welcome import describe

    s = Sitting.new(BANK, [("Ann", ""), ("Bo", "")], WHEN)
    s.form = "quick"
    s.current_item = 2
    assert "of 15" in describe(s, BANK)
