"""The models of every file collabcheck reads (core/models.py): round trips, the values each
refuses, the one-line messages, and the promise that a state that validates always saves a
snapshot that validates."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabcheck.core import models
from collabcheck.core.bank import FOCUS_VALUES, questions
from collabcheck.core.errors import SnapshotError
from collabcheck.core.sitting import Sitting, load_checked, save
from collabcheck.core.snapshot import Partner, Snapshot, parse_snapshot, read_snapshot, write_snapshot
from collabcheck.history import cache_model

from .strategies import BANKS, MINI_BANK, snapshots

START = datetime(2026, 11, 28, 15, 30, tzinfo=UTC)
SIDES = st.one_of(st.none(), st.sampled_from(models.SIDES))
TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)  # any text that can be saved


# -- round trips ---------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_snapshot_round_trips_through_its_model(data):
    """Write, read back through the model, equal: every schema, sides included."""
    bank = data.draw(st.sampled_from(BANKS))
    snap = data.draw(snapshots(bank))
    sides = data.draw(st.lists(SIDES, min_size=len(snap.partners), max_size=len(snap.partners)))
    snap = replace(snap, partners=[replace(p, side=s) for p, s in zip(snap.partners, sides, strict=True)])
    back = parse_snapshot(snap.to_toml(bank), bank=bank)
    written = 3 if any(sides) else snap.schema
    ctx = snap.context
    if ctx is not None and (not (ctx.stage or ctx.route) or written < 2):
        ctx = None  # an empty [context] is not written, and schema 1 has none
    assert back == replace(snap, schema=written, context=ctx)
    assert [p.side for p in back.partners] == sides
    assert back.checked_with == (bank.id, bank.version)


def test_a_side_needs_schema_3_and_is_one_of_three_words(tmp_path):
    snap = Snapshot(
        pair="ann-and-bo",
        taken_at=START,
        bank=MINI_BANK.id,
        bank_version=MINI_BANK.version,
        partners=[Partner("ann", "Ann", side="professional"), Partner("bo", "Bo", side="patient")],
    )
    text = snap.to_toml(MINI_BANK)
    assert "schema = 3" in text and 'side = "patient"' in text
    bad = text.replace('side = "patient"', 'side = "doctor"')
    with pytest.raises(
        SnapshotError, match=r"partners\[2\]\.side must be one of professional, patient or other"
    ):
        parse_snapshot(bad, "x.toml", MINI_BANK)
    warnings: list[str] = []
    path = tmp_path / "old.toml"
    path.write_text(text.replace("schema = 3", "schema = 2"))
    old = read_snapshot(path, MINI_BANK, warnings)
    assert [p.side for p in old.partners] == [None, None]
    assert any("'side', which needs schema 3" in w for w in warnings)
    plain = replace(snap, partners=[replace(p, side=None) for p in snap.partners])
    assert "schema = 2" in plain.to_toml(MINI_BANK)  # no side: still written as schema 2


@st.composite
def states(draw, bank=MINI_BANK):
    """Sittings in progress with any names, answers that fit, notes and a place within the bank."""
    people = draw(st.lists(st.tuples(TEXT.filter(str.strip), TEXT), min_size=2, max_size=6))
    s = Sitting.new(bank, people, START, pair=draw(st.one_of(st.none(), TEXT)))
    items = questions(bank)
    for pid in s.partner_ids:
        for item in items:
            if item.kind == "agree":
                value = draw(st.one_of(st.none(), st.integers(1, 5), st.just("unsure")))
            elif item.kind == "focus":
                value = draw(st.one_of(st.none(), st.sampled_from([*FOCUS_VALUES, "unsure"])))
            elif item.kind == "authority":
                value = draw(
                    st.one_of(
                        st.none(),
                        st.sampled_from(["shared", "outside", "unsure"]),
                        st.builds(
                            lambda k, p: f"{k}:{p}",
                            st.sampled_from(["more", "mostly"]),
                            st.sampled_from(s.partner_ids),
                        ),
                    )
                )
            else:
                s.set_note(pid, item.id, draw(TEXT), draw(st.booleans()))
                continue
            s.set_answer(pid, item, value)
    s.current_partner = draw(st.integers(0, len(people)))
    s.current_item = draw(st.integers(0, len(items)))
    s.agreed_practice = draw(st.one_of(st.none(), st.integers(1, 5)))
    s.actions = draw(st.lists(TEXT, max_size=3))
    s.how_long = draw(st.sampled_from([None, "starting", "under-a-year", "longer"]))
    s.route = draw(st.sampled_from([None, "open", "under-radar", "undecided"]))
    return s


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s=states())
def test_a_state_round_trips_and_always_saves_a_snapshot_that_validates(tmp_path_factory, s):
    """The state model and the snapshot model agree: what the one accepts, the other reads."""
    folder = tmp_path_factory.mktemp("state")
    save(s, folder)
    back, aside = load_checked(folder, MINI_BANK)
    assert aside is None and back == s
    path = write_snapshot(back.to_snapshot(MINI_BANK, START), folder / "snaps", MINI_BANK)
    assert read_snapshot(path, MINI_BANK).answers == {k: v for k, v in s.answers.items() if v}


@settings(max_examples=100, deadline=None)
@given(
    key=st.tuples(*[st.integers(-1, 2**62)] * 4),
    error=st.booleans(),
    text=TEXT,
    figure=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)),
    score=st.one_of(st.none(), st.floats(1, 5)),
)
def test_a_cache_entry_round_trips_through_its_model(key, error, text, figure, score):
    summary = (
        {"error": text or "x", "line": None}
        if error
        else {
            "pair": "ann-and-bo",
            "taken_at": "2026-11-28T15:30:00+00:00",
            "ts": 1795879800.0,  # the moment taken_at says (the model checks they agree)
            "partners": ["ann", "bo"],
            "names": [text, "Bo"],
            "practices": {k: figure for k in "12345"},
            "divergence": {k: None for k in "12345"},
            "authority_divergence": figure,
            "focus_divergence": None,
            "suggested": 2,
            "agreed": None,
            "bank": "kings-fund-2016",
            "bank_version": 2,
            "unknown": [],
            "mismatched": [text],
            "warnings": [],
            "scores": {k: {"ann": score, "bo": None} for k in "12345"},
        }
    )
    raw = json.loads(json.dumps([list(key), summary], ensure_ascii=False))
    assert cache_model.checked_entry(raw) == (list(key), summary)


# -- values refused ------------------------------------------------------------------------


def good_state() -> dict:
    s = Sitting.new(MINI_BANK, [("Amira", "Consultant"), ("Tom", "Patient partner")], START)
    item = next(i for i in questions(MINI_BANK) if i.kind == "agree")
    s.set_answer("amira", item, 4)
    return json.loads(s.to_json())


AGREE = next(i.id for i in questions(MINI_BANK) if i.kind == "agree")
AUTHORITY = next(i.id for i in questions(MINI_BANK) if i.kind == "authority")
BAD_STATES = {
    "question far beyond the bank": ({"current_item": 1_000_000_000}, "current_item 1000000000 is beyond"),
    "question one beyond the bank": ({"current_item": len(questions(MINI_BANK)) + 1}, "current_item"),
    "partner beyond the partners": ({"current_partner": 3}, "current_partner 3 is beyond"),
    "answer 99": ({"answers": {"amira": {AGREE: 99}}}, f'answers.amira."{AGREE}" = 99 must be a whole'),
    "mostly nobody": ({"answers": {"amira": {AUTHORITY: "mostly:nobody"}}}, "names unknown partner 'nobody'"),
    "answers of an unknown partner": (
        {"answers": {"zed": {AGREE: 3}}},
        "[answers.zed] is for a partner not listed",
    ),
    "an id that breaks the file": (
        {
            "partners": [
                {"id": "a b]\n[evil", "name": "A", "role": ""},
                {"id": "tom", "name": "Tom", "role": ""},
            ]
        },
        "partners[1].id must be a slug",
    ),
    "a pair with a trailing newline": ({"pair": "amira-and-tom\n"}, "pair 'amira-and-tom\\n' must be a slug"),
    "a lone surrogate in a name": (
        {
            "partners": [
                {"id": "amira", "name": "Am\ud800ira", "role": ""},
                {"id": "tom", "name": "Tom", "role": ""},
            ]
        },
        "partners[1].name holds a broken character",
    ),
    "a note of another kind": (
        {"notes": {"amira": {"learning.x": {"text": 5}}}},
        'notes.amira."learning.x".text must be text',
    ),
    "an item id that is not one": ({"answers": {"amira": {"x\n": 3}}}, "is not a question id"),
    "agreed practice 7": ({"agreed_practice": 7}, "agreed_practice must be a practice number from 1 to 5"),
    "a newer format": ({"format": 2}, "format must be 1 or less"),
    "a field we do not know": ({"mood": "good"}, "mood is not something collabcheck keeps here"),
}


@pytest.mark.parametrize("case", sorted(BAD_STATES))
def test_a_state_with_a_bad_value_is_refused_in_one_line(tmp_path, case):
    change, words = BAD_STATES[case]
    data = {**good_state(), **change}
    with pytest.raises(ValueError) as err:
        Sitting.from_json(data, MINI_BANK)
    assert words in str(err.value) and "\n" not in str(err.value)
    # ...and the file holding it is set aside, never obeyed
    (tmp_path / "sitting.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8", errors="surrogatepass"
    )
    sitting, aside = load_checked(tmp_path, MINI_BANK)
    assert sitting is None and aside is not None and aside.exists()


def test_without_the_bank_the_place_is_still_bounded():
    with pytest.raises(ValueError, match="beyond the 500 questions"):
        Sitting.from_json({**good_state(), "current_item": 10**9})
    assert Sitting.from_json({**good_state(), "current_item": 3}).current_item == 3


@pytest.mark.parametrize(
    "pair", ["amira-and-tom\n", "amira-and-tom\r\n", "\namira-and-tom", "amira-and-tom "]
)
def test_a_pair_with_a_trailing_newline_is_not_a_second_partnership(pair):
    text = Snapshot(
        pair="amira-and-tom",
        taken_at=START,
        bank="b",
        bank_version=1,
        partners=[Partner("a", "A"), Partner("b", "B")],
    ).to_toml()
    with pytest.raises(SnapshotError, match="must be a slug"):
        parse_snapshot(text.replace('"amira-and-tom"', json.dumps(pair)), "x.toml")


def test_messages_name_the_place_in_the_files_own_terms():
    text = Snapshot(
        pair="ann-and-sam",
        taken_at=START,
        bank=MINI_BANK.id,
        bank_version=MINI_BANK.version,
        partners=[Partner("ann", "Ann"), Partner("sam", "Sam")],
        answers={"sam": {AGREE: 3}},
    ).to_toml(MINI_BANK)
    with pytest.raises(SnapshotError) as err:
        parse_snapshot(text.replace(f'"{AGREE}" = 3', f'"{AGREE}" = 99'), "s.toml", MINI_BANK)
    assert str(err.value) == (
        f's.toml: answers.sam."{AGREE}" = 99 must be a whole number from 1 to 5 or "unsure"'
    )
    with pytest.raises(SnapshotError) as err:
        parse_snapshot(text.replace("bank_version = 1", 'bank_version = "1"'), "s.toml", MINI_BANK)
    assert str(err.value) == "s.toml: bank_version must be a whole number"


# -- never "Saved" unless it reads back ----------------------------------------------------


def test_a_snapshot_that_would_not_read_back_is_not_written(tmp_path):
    """A record the model refuses (here a name with half a character) is never written."""
    snap = Snapshot(
        pair="ann-and-bo",
        taken_at=START,
        bank=MINI_BANK.id,
        bank_version=MINI_BANK.version,
        partners=[Partner("ann", "An\udcffn"), Partner("bo", "Bo")],
    )
    with pytest.raises(SnapshotError, match="could not be written as a snapshot"):
        write_snapshot(snap, tmp_path, MINI_BANK)
    bad = replace(snap, partners=[Partner("ann", "Ann"), Partner("bo", "Bo")], answers={"ann": {AGREE: 99}})
    with pytest.raises(SnapshotError, match=r"would not read back as valid .*99"):
        write_snapshot(bad, tmp_path, MINI_BANK)
    assert list(tmp_path.iterdir()) == []


def test_a_written_file_that_does_not_read_back_is_removed(tmp_path, monkeypatch):
    """What is on disk is read back too: a file that changed on the way is removed, and said."""
    from collabcheck.core import snapshot as snapmod

    real = snapmod.atomic_write_new

    def spoiled(directory: Path, name: str, text: str) -> Path:
        return real(directory, name, text.replace("schema = 2", "schema = 99"))

    monkeypatch.setattr(snapmod, "atomic_write_new", spoiled)
    good = Snapshot(
        pair="ann-and-bo",
        taken_at=START,
        bank=MINI_BANK.id,
        bank_version=MINI_BANK.version,
        partners=[Partner("ann", "Ann"), Partner("bo", "Bo")],
    )
    with pytest.raises(SnapshotError, match="did not read back as valid"):
        write_snapshot(good, tmp_path, MINI_BANK)
    assert list(tmp_path.iterdir()) == []


def test_a_leap_second_is_one_line_with_its_line_and_no_python_words(tmp_path):
    text = Snapshot(
        pair="ann-and-bo",
        taken_at=START,
        bank="b",
        bank_version=1,
        partners=[Partner("a", "A"), Partner("b", "B")],
    ).to_toml()
    path = tmp_path / "leap.toml"
    path.write_text(text.replace("T15:30:00+00:00", "T13:00:60Z"))
    with pytest.raises(SnapshotError) as err:
        read_snapshot(path)
    assert (
        str(err.value)
        == f"{path}:4: not valid TOML: a time has 60 seconds (a leap second); write :59 instead"
    )


def test_sides_go_from_the_state_to_a_schema_3_snapshot(tmp_path):
    """The model and the writer for sides (the screens that ask for them come later)."""
    s = Sitting.new(MINI_BANK, [("Ann", "GP"), ("Bo", "Carer")], START)
    s.partners = [replace(s.partners[0], side="professional"), replace(s.partners[1], side="patient")]
    save(s, tmp_path)
    back, aside = load_checked(tmp_path, MINI_BANK)
    assert aside is None and back == s
    path = write_snapshot(back.to_snapshot(MINI_BANK, START), tmp_path / "snaps", MINI_BANK)
    assert "schema = 3" in path.read_text()
    assert [p.side for p in read_snapshot(path, MINI_BANK).partners] == ["professional", "patient"]
    data = json.loads(s.to_json())
    data["partners"][1]["side"] = "carer"
    with pytest.raises(
        ValueError, match=r"partners\[2\]\.side must be one of professional, patient or other"
    ):
        Sitting.from_json(data, MINI_BANK)
