"""The sitting in progress: autosave round trips, privacy of reflections, snapshot building."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabcheck.core.bank import FOCUS_VALUES, load_bank
from collabcheck.core.sitting import Sitting, clear, load, questions, save, state_dir
from collabcheck.core.snapshot import parse_snapshot, read_snapshot, write_snapshot

from .conftest import MINI_BANK

BANK = load_bank(MINI_BANK)
START = datetime(2026, 11, 28, 15, 30, tzinfo=UTC)


def make(names=("Alice", "Sam")) -> Sitting:
    return Sitting.new(BANK, [(n, "Role of " + n) for n in names], START)


def test_new_makes_ids_and_pair_from_names():
    s = Sitting.new(BANK, [("Alice", "Nurse"), ("Alice", ""), ("Sam O'Neil", "")], START)
    assert s.partner_ids == ["alice", "alice-2", "sam-o-neil"]
    assert s.pair == "alice-alice-and-sam-o-neil"
    assert s.partners[0].role == "Nurse"


def test_new_takes_an_edited_pair_name_and_slugifies_it():
    s = Sitting.new(BANK, [("A", ""), ("B", "")], START, pair="../../Our Team!")
    assert s.pair == "our-team"


@pytest.mark.parametrize("names", [["Solo"], ["a", "b", "c", "d", "e", "f", "g"], ["A", "  "]])
def test_new_refuses_wrong_partner_counts_and_blank_names(names):
    with pytest.raises(ValueError):
        Sitting.new(BANK, [(n, "") for n in names], START)


def test_questions_are_in_bank_order():
    items = questions(BANK)
    assert [i.id for i in items] == list(BANK.order)


def test_set_answer_checks_kinds():
    s = make()
    items = {i.kind: i for i in questions(BANK)}
    s.set_answer("alice", items["agree"], 4)
    s.set_answer("alice", items["authority"], "mostly:sam")
    s.set_answer("alice", items["focus"], "balanced")
    for kind, bad in [
        ("agree", 6),
        ("agree", "shared"),
        ("authority", "mostly:bob"),
        ("focus", "lots"),
        ("authority", 3),
    ]:
        with pytest.raises(ValueError):
            s.set_answer("alice", items[kind], bad)
    s.set_answer("alice", items["agree"], None)
    assert items["agree"].id not in s.answers["alice"]


def test_private_and_empty_notes_stay_out_of_the_snapshot(tmp_path):
    s = make()
    s.set_note("alice", "learning.think", "Shared thought", private=False)
    s.set_note("alice", "embed.think", "Only for me", private=True)
    s.set_note("sam", "learning.think", "   ", private=False)
    snap = s.to_snapshot(BANK, START)
    assert snap.notes == {"alice": {"learning.think": "Shared thought"}}
    path = write_snapshot(snap, tmp_path / "snaps", BANK)
    text = path.read_text()
    assert "Only for me" not in text and "Shared thought" in text
    # ... but the private one is kept in the state folder while the sitting is in progress
    save(s, tmp_path / "state")
    assert "Only for me" in (tmp_path / "state" / "sitting.json").read_text()


def test_snapshot_round_trips_through_the_reader(tmp_path):
    s = make(("Alice", "Sam", "Bo"))
    items = questions(BANK)
    s.set_answer("alice", items[0], 5)
    s.set_answer("sam", items[0], "unsure")
    s.set_answer("bo", items[1], 2)
    auth = next(i for i in items if i.kind == "authority")
    s.set_answer("sam", auth, "more:bo")
    s.agreed_practice = 3
    s.actions = ["Meet monthly", " "]
    snap = s.to_snapshot(BANK, START, pair="The Three")
    path = write_snapshot(snap, tmp_path, BANK)
    back = read_snapshot(path, BANK)
    assert back.pair == "the-three"
    assert back.answers == {
        "alice": {items[0].id: 5},
        "sam": {items[0].id: "unsure", auth.id: "more:bo"},
        "bo": {items[1].id: 2},
    }
    assert back.agreed.practice == 3 and back.agreed.actions == ["Meet monthly"]
    assert [p.name for p in back.partners] == ["Alice", "Sam", "Bo"]


def test_save_load_clear(tmp_path):
    assert load(tmp_path) is None
    s = make()
    s.current_item = 3
    save(s, tmp_path)
    assert load(tmp_path) == s
    clear(tmp_path)
    assert load(tmp_path) is None
    clear(tmp_path)  # twice is fine


def test_unreadable_state_is_set_aside_not_deleted(tmp_path):
    (tmp_path / "sitting.json").write_text("{not json")
    assert load(tmp_path) is None
    kept = list(tmp_path.glob("sitting-unreadable-*.json"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


def test_newer_format_is_not_loaded(tmp_path):
    data = json.loads(make().to_json())
    data["format"] = 99
    (tmp_path / "sitting.json").write_text(json.dumps(data))
    assert load(tmp_path) is None


def test_state_dir_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("COLLABCHECK_STATE_DIR", str(tmp_path / "env"))
    assert state_dir() == tmp_path / "env"
    assert state_dir(tmp_path / "arg") == tmp_path / "arg"
    monkeypatch.delenv("COLLABCHECK_STATE_DIR")
    assert "collabcheck" in str(state_dir())


def test_save_is_private_to_the_user(tmp_path):
    path = save(make(), tmp_path)
    assert path.stat().st_mode & 0o077 == 0


# -- hypothesis: whatever was answered comes back exactly after an autosave ---------------

names = st.text(min_size=1, max_size=12).filter(lambda t: t.strip())


@st.composite
def sittings(draw):
    people = draw(st.lists(st.tuples(names, st.text(max_size=10)), min_size=2, max_size=6))
    offset = draw(st.integers(min_value=-12 * 60, max_value=14 * 60))
    start = datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(minutes=offset)))
    s = Sitting.new(BANK, people, start)
    items = questions(BANK)
    for pid in s.partner_ids:
        for item in items:
            if item.kind == "agree":
                value = draw(st.one_of(st.none(), st.integers(1, 5), st.just("unsure")))
            elif item.kind == "focus":
                value = draw(st.one_of(st.none(), st.sampled_from(list(FOCUS_VALUES))))
            elif item.kind == "authority":
                value = draw(
                    st.one_of(
                        st.none(),
                        st.just("shared"),
                        st.builds(
                            lambda k, p: f"{k}:{p}",
                            st.sampled_from(["more", "mostly"]),
                            st.sampled_from(s.partner_ids),
                        ),
                    )
                )
            else:
                s.set_note(pid, item.id, draw(st.text(max_size=30)), draw(st.booleans()))
                continue
            s.set_answer(pid, item, value)
    s.current_partner = draw(st.integers(0, len(people)))
    s.current_item = draw(st.integers(0, len(items) - 1))
    return s


@settings(max_examples=60, deadline=None)
@given(sittings())
def test_autosave_round_trip(tmp_path_factory, s):
    directory = tmp_path_factory.mktemp("state")
    save(s, directory)
    assert load(directory) == s
    snap = s.to_snapshot(BANK, START)
    back = parse_snapshot(snap.to_toml(BANK), bank=BANK)
    assert back.answers == snap.answers
    assert back.notes == snap.notes
    for pid, table in s.notes.items():
        for item_id, note in table.items():
            if note.private:
                assert item_id not in back.notes.get(pid, {})


def test_module_does_not_import_textual():
    code = "import sys, collabcheck.core.sitting; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_set_aside_never_overwrites_an_earlier_one(tmp_path):
    from collabcheck.core.sitting import load_checked

    for text in ("{first", "{second"):
        (tmp_path / "sitting.json").write_text(text)
        sitting, aside = load_checked(tmp_path)
        assert sitting is None and aside is not None and aside.read_text() == text
    assert sorted(p.read_text() for p in tmp_path.glob("sitting-unreadable-*.json")) == ["{first", "{second"]


@pytest.mark.parametrize(
    "change",
    [
        {"partners": []},
        {"current_partner": 9},
        {"current_item": -1},
        {"agreed_practice": 7},
        {"stage": "who", "draft_people": []},
        {"format": "1"},
    ],
)
def test_states_the_app_could_not_carry_on_from_are_set_aside(tmp_path, change):
    data = json.loads(make().to_json())
    data.update(change)
    (tmp_path / "sitting.json").write_text(json.dumps(data))
    assert load(tmp_path) is None
    assert len(list(tmp_path.glob("sitting-unreadable-*.json"))) == 1


def test_a_draft_of_who_is_here_round_trips(tmp_path):
    draft = Sitting.draft(BANK, [("Ann ", "Nurse"), ("", "Pat")], "our-team", START)
    save(draft, tmp_path)
    back = load(tmp_path)
    assert back == draft and back.stage == "who" and back.names == ["Ann "]
    assert back.draft_people == [("Ann ", "Nurse"), ("", "Pat")] and back.draft_pair == "our-team"
    assert not back.everyone_finished


def test_a_state_file_written_before_the_dataclasses_still_loads(tmp_path):
    """Sittings in progress when collabcheck is updated carry on: the file as the earlier
    (pydantic) model wrote it, 'Z' for UTC and all, reads back field for field."""
    text = """{
 "format": 1, "bank": "kings-fund-2016", "bank_version": 2,
 "partners": [{"id": "ann", "name": "Ann", "role": "Carer"}, {"id": "bo", "name": "Bo", "role": ""}],
 "pair": "ann-and-bo", "started_at": "2026-11-28T15:30:00Z", "stage": "answering",
 "current_partner": 1, "current_item": 3,
 "answers": {"ann": {"purpose.shared": 4, "relationship.say-agenda": "more:bo"}},
 "notes": {"ann": {"learning.think": {"text": "We listen.", "private": true}}},
 "agreed_practice": null, "actions": [], "context_asked": true, "how_long": "starting",
 "route": "under-radar", "draft_people": [], "draft_pair": ""
}"""
    (tmp_path / "sitting.json").write_text(text)
    s = load(tmp_path)
    assert s is not None
    assert s.started_at == datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc)
    assert [p.name for p in s.partners] == ["Ann", "Bo"] and s.partners[0].role == "Carer"
    assert (s.current_partner, s.current_item, s.how_long, s.route) == (1, 3, "starting", "under-radar")
    assert s.answers["ann"]["relationship.say-agenda"] == "more:bo"
    assert s.note_of("ann", "learning.think").private
    assert json.loads(s.to_json())["started_at"] == "2026-11-28T15:30:00+00:00"
