"""Snapshot files: exact round trips, clear refusals, safe names and atomic, never-overwriting writes."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabcheck.core import snapshot as snapmod
from collabcheck.core.bank import FOCUS_VALUES, load_bank
from collabcheck.core.errors import SnapshotError
from collabcheck.core.paths import snapshot_dir
from collabcheck.core.slug import is_slug, pair_slug, slugify, unique_slugs
from collabcheck.core.snapshot import (
    Agreed,
    Partner,
    Snapshot,
    parse_snapshot,
    read_snapshot,
    write_snapshot,
)

from .conftest import MINI_BANK

BANK = load_bank(MINI_BANK)
AGREE_IDS = [i.id for i in BANK.items_of_kind("agree")]
AUTH_IDS = [i.id for i in BANK.items_of_kind("authority")]
FOCUS_IDS = [i.id for i in BANK.items_of_kind("focus")]
REFLECT_IDS = [i.id for i in BANK.items_of_kind("reflect")]

# Any text people might type, including quotes, newlines, emoji and non-Latin letters;
# surrogates cannot be stored as UTF-8 and never come from a keyboard.
names = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=40).filter(str.strip)


@st.composite
def snapshots(draw) -> Snapshot:
    n = draw(st.integers(2, 6))
    partner_names = draw(st.lists(names, min_size=n, max_size=n))
    ids = unique_slugs(partner_names)
    partners = [
        Partner(id=i, name=nm, role=draw(st.one_of(st.just(""), names)))
        for i, nm in zip(ids, partner_names, strict=True)
    ]
    answers: dict[str, dict[str, int | str]] = {}
    notes: dict[str, dict[str, str]] = {}
    authority_values = ["shared"] + [f"{k}:{p}" for k in ("more", "mostly") for p in ids]
    for pid in ids:
        a: dict[str, int | str] = {}
        for item in AGREE_IDS:
            v = draw(st.one_of(st.none(), st.integers(1, 5), st.just("unsure")))
            if v is not None:
                a[item] = v
        for item in AUTH_IDS:
            if draw(st.booleans()):
                a[item] = draw(st.sampled_from(authority_values))
        for item in FOCUS_IDS:
            if draw(st.booleans()):
                a[item] = draw(st.sampled_from(list(FOCUS_VALUES)))
        answers[pid] = a
        notes[pid] = {item: draw(names) for item in REFLECT_IDS if draw(st.booleans())}
    offset = timezone(timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60))))
    taken = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
    agreed = draw(
        st.one_of(
            st.none(), st.builds(Agreed, practice=st.integers(1, 5), actions=st.lists(names, max_size=3))
        )
    )
    return Snapshot(
        pair=pair_slug(partner_names),
        taken_at=taken.replace(microsecond=0, tzinfo=offset),
        bank=BANK.id,
        bank_version=BANK.version,
        partners=partners,
        answers=answers,
        notes=notes,
        agreed=agreed,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(snap=snapshots())
def test_any_valid_snapshot_round_trips_exactly(tmp_path, snap):
    folder = tmp_path / f"r{os.urandom(4).hex()}"
    path = write_snapshot(snap, folder, BANK)
    assert path.parent == folder
    back = read_snapshot(path, BANK)
    assert back == snap
    assert back.taken_at.utcoffset() == snap.taken_at.utcoffset()
    assert [p.name for p in back.partners] == [p.name for p in snap.partners]


def test_answers_are_written_in_bank_order(tmp_path):
    snap = _snap(
        answers={"alice": {"relationship.agenda": "shared", "find-partners.b": 3, "find-partners.a": 4}}
    )
    text = write_snapshot(snap, tmp_path, BANK).read_text(encoding="utf-8")
    assert (
        text.index('"find-partners.a"')
        < text.index('"find-partners.b"')
        < text.index('"relationship.agenda"')
    )
    assert text.startswith("# collabcheck snapshot")
    assert "[[partners]]" in text and "taken_at = 2026-11-28T15:30:00+00:00" in text


def _snap(**changes) -> Snapshot:
    base = dict(
        pair="alice-and-sam",
        taken_at=datetime(2026, 11, 28, 15, 30, tzinfo=timezone.utc),
        bank="mini",
        bank_version=1,
        partners=[Partner(id="alice", name="Alice"), Partner(id="sam", name="Sam")],
    )
    base.update(changes)
    return Snapshot(**base)


GOOD = """schema = 1
pair = "alice-and-sam"
taken_at = 2026-11-28T15:30:00+00:00
bank = "mini"
bank_version = 1

[[partners]]
id = "alice"
name = "Alice"

[[partners]]
id = "sam"
name = "Sam"

[answers.alice]
"find-partners.a" = 4
"relationship.agenda" = "mostly:alice"
"relationship.time" = "mostly-task"

[answers.sam]
"find-partners.a" = "unsure"
"""


def test_good_snapshot_reads():
    snap = parse_snapshot(GOOD, bank=BANK)
    assert snap.answers["alice"]["relationship.agenda"] == "mostly:alice"
    assert snap.answers["sam"]["find-partners.a"] == "unsure"


INVALID = {
    "newer schema": (("schema = 1", "schema = 4"), "newer than this collabcheck knows"),
    "pair with a trailing newline": (('pair = "alice-and-sam"', 'pair = "alice-and-sam\\n"'), "slug"),
    "partner id with a trailing newline": (('id = "sam"', 'id = "sam\\n"'), "partners[2].id"),
    "name empty": (('name = "Sam"', 'name = "  "'), "partners[2].name"),
    "note not text": (
        ("[answers.sam]", '[notes.sam]\n"learning.x" = 3\n\n[answers.sam]'),
        'notes.sam."learning.x" must be text',
    ),
    "agreed practice out of range": (
        ("[answers.sam]", "[agreed]\npractice = 9\n\n[answers.sam]"),
        "agreed.practice must be a practice number from 1 to 5",
    ),
    "taken_at a date only": (("2026-11-28T15:30:00+00:00", "2026-11-28"), "offset"),
    "no schema": (("schema = 1\n", ""), "schema"),
    "answer for unlisted partner": (("[answers.sam]", "[answers.bob]"), "bob"),
    "agree value out of range": (('"find-partners.a" = 4', '"find-partners.a" = 6'), "1 to 5"),
    "agree value zero": (('"find-partners.a" = 4', '"find-partners.a" = 0'), "1 to 5"),
    "agree value as float": (('"find-partners.a" = 4', '"find-partners.a" = 4.0'), "find-partners.a"),
    "agree value as bool": (('"find-partners.a" = 4', '"find-partners.a" = true'), "find-partners.a"),
    "wrong kind on agree item": (('"find-partners.a" = 4', '"find-partners.a" = "shared"'), "1 to 5"),
    "wrong kind on focus item": (
        ('"relationship.time" = "mostly-task"', '"relationship.time" = 3'),
        "relationship.time",
    ),
    "wrong kind on authority item": (
        ('"relationship.agenda" = "mostly:alice"', '"relationship.agenda" = "balanced"'),
        "relationship.agenda",
    ),
    "authority names unknown partner": (('"mostly:alice"', '"mostly:bob"'), "unknown partner 'bob'"),
    "unknown value on unknown item": (('"find-partners.a" = 4', '"gone.item" = "maybe"'), "gone.item"),
    "taken_at without offset": (("2026-11-28T15:30:00+00:00", "2026-11-28T15:30:00"), "offset"),
    "one partner only": (('[[partners]]\nid = "sam"\nname = "Sam"\n', ""), "2 to 6"),
    "duplicate partner id": (('id = "sam"', 'id = "alice"'), "twice"),
    "partner id not a slug": (('id = "sam"', 'id = "Sam S"'), "slug"),
    "pair not a slug": (('pair = "alice-and-sam"', 'pair = "../x"'), "slug"),
    "not toml": (("bank_version = 1", "bank_version = "), "not valid TOML"),
    "reflect in answers": (('"find-partners.a" = 4', '"find-partners.think" = "hello"'), "[notes]"),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_snapshot_is_refused_with_one_clear_line(tmp_path, case):
    (old, new), words = INVALID[case]
    assert old in GOOD
    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SnapshotError) as err:
        read_snapshot(path, BANK)
    message = str(err.value)
    assert message.startswith(str(path))
    assert "\n" not in message
    assert words in message


def test_unknown_top_level_keys_are_ignored_with_a_warning(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text('mood = "good"\n' + GOOD, encoding="utf-8")
    warnings: list[str] = []
    snap = read_snapshot(path, BANK, warnings)
    assert snap.pair == "alice-and-sam"
    assert len(warnings) == 1 and "mood" in warnings[0] and str(path) in warnings[0]


def test_answers_to_items_not_in_the_bank_are_kept(tmp_path):
    text = GOOD.replace('"find-partners.a" = 4', '"find-partners.retired-item" = 4')
    snap = parse_snapshot(text, bank=BANK)
    assert snap.answers["alice"]["find-partners.retired-item"] == 4


def test_key_order_does_not_matter():
    reordered = GOOD.replace("schema = 1\n", "") + "\n"
    # put schema at the end of the top-level keys by prepending the rest first
    lines = reordered.split("\n\n", 1)
    text = lines[0] + "\nschema = 1\n\n" + lines[1]
    assert parse_snapshot(text, bank=BANK) == parse_snapshot(GOOD, bank=BANK)


# --- safe names ----------------------------------------------------------------------------


@settings(max_examples=200)
@given(st.lists(names, min_size=2, max_size=6))
def test_any_names_give_safe_slugs(partner_names):
    pair = pair_slug(partner_names)
    assert is_slug(pair)
    assert all(is_slug(s) for s in unique_slugs(partner_names))
    assert len(set(unique_slugs(partner_names))) == len(partner_names)


@pytest.mark.parametrize(
    "name",
    [
        "../../x",
        "..",
        "/etc/passwd",
        'Bob "the" \n Builder',
        "🙂🙂",
        "Zoë",
        "山田",
        "محمد",
        "a" * 500,
        "CON",
        "x/../../y",
    ],
)
def test_hostile_names_cannot_escape_the_snapshot_folder(tmp_path, name):
    folder = tmp_path / "snaps"
    snap = _snap(
        pair=pair_slug([name, "Sam"]),
        partners=[Partner(id=slugify(name), name=name), Partner(id="sam", name="Sam")],
    )
    path = write_snapshot(snap, folder, BANK)
    assert path.resolve().parent == folder.resolve()
    assert len(path.name) < 120
    assert read_snapshot(path, BANK).partners[0].name == name


def test_file_name_follows_the_spec():
    snap = _snap()
    assert snapmod.file_name(snap) == "2026-11-28T1530-alice-and-sam.toml"
    with pytest.raises(ValueError):
        snapmod.file_name(_snap(pair="../x"))


# --- atomic, never overwriting -------------------------------------------------------------


def test_existing_file_is_never_overwritten(tmp_path):
    first = write_snapshot(_snap(), tmp_path, BANK)
    before = first.read_bytes()
    second = write_snapshot(_snap(agreed=Agreed(practice=3)), tmp_path, BANK)
    assert first != second
    assert second.name == "2026-11-28T1530-alice-and-sam-2.toml"
    assert first.read_bytes() == before
    assert read_snapshot(second, BANK).agreed == Agreed(practice=3)


@pytest.mark.parametrize("where", ["fsync", "link"])
def test_write_interrupted_before_the_rename_leaves_no_partial_file(tmp_path, monkeypatch, where):
    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, where, boom)
    with pytest.raises(KeyboardInterrupt):
        write_snapshot(_snap(), tmp_path, BANK)
    assert list(tmp_path.iterdir()) == []


def test_killed_writer_leaves_only_a_hidden_temporary_file(tmp_path):
    """If the process dies between write and rename, no file with a snapshot name exists."""
    import subprocess
    import sys

    code = f"""
import os, signal
from collabcheck.core import snapshot as s
from collabcheck.core.bank import load_bank
from datetime import datetime, timezone
real_link = os.link
def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
os.link = die
snap = s.Snapshot(pair="a-and-b", taken_at=datetime(2026, 1, 1, tzinfo=timezone.utc), bank="mini",
    bank_version=1, partners=[s.Partner(id="a", name="A"), s.Partner(id="b", name="B")])
s.write_snapshot(snap, {str(tmp_path)!r})
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert run.returncode != 0
    left = list(tmp_path.iterdir())
    assert not [p for p in left if p.suffix == ".toml"]
    assert all(p.name.startswith(".collabcheck-") for p in left)


def test_snapshot_dir_order(monkeypatch, tmp_path):
    monkeypatch.setenv("COLLABCHECK_DIR", str(tmp_path))
    assert snapshot_dir("given") == Path("given")
    assert snapshot_dir(None) == tmp_path
    monkeypatch.delenv("COLLABCHECK_DIR")
    assert snapshot_dir(None) == Path("collabcheck")


def test_snapshot_gets_ordinary_file_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_snapshot(_snap(), tmp_path, BANK)
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_missing_taken_at_says_it_is_missing(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(GOOD.replace("taken_at = 2026-11-28T15:30:00+00:00\n", ""), encoding="utf-8")
    with pytest.raises(SnapshotError, match="has no 'taken_at'"):
        read_snapshot(path, BANK)


def test_without_hard_links_the_name_is_claimed_exclusively(tmp_path, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    first = write_snapshot(_snap(), tmp_path, BANK)
    second = write_snapshot(_snap(agreed=Agreed(practice=2)), tmp_path, BANK)
    assert first.name == "2026-11-28T1530-alice-and-sam.toml"
    assert second.name == "2026-11-28T1530-alice-and-sam-2.toml"
    assert read_snapshot(first, BANK).agreed is None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.name, second.name])


SAY_WORDS = st.sampled_from(
    [
        "shared",
        "outside",
        "unsure",
        "more:",
        "mostly:",
        "less:",
        "task",
        "balanced",
        "relationship",
        "mostly-task",
        "Shared",
        "",
    ]
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ids=st.sets(st.sampled_from(["ann", "bo", "cy", "dee"]), min_size=2, max_size=4),
    word=SAY_WORDS,
    who=st.sampled_from(["", "ann", "bo", "cy", "dee", "zed"]),
    schema=st.sampled_from([1, 2]),
    kind=st.sampled_from(["agree", "focus", "authority"]),
)
def test_the_quick_list_of_words_agrees_with_check_value(ids, word, who, schema, kind):
    """The reader looks text answers up in `words_that_fit` before asking `check_value`: the
    two must give the same verdict on every word, or history and validate would disagree."""
    value = word + who if word.endswith(":") else word
    listed = value in snapmod.words_that_fit(frozenset(ids), schema)[kind]
    assert listed == (snapmod.check_value(value, ids, kind, schema) is None), (value, kind, schema)
