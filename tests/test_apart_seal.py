"""The seal of a sitting apart: one canonical encoding, salted SHA-256, files read with care."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabcheck.core import apart
from collabcheck.core.apart import (
    ApartError,
    Member,
    Opened,
    Reveal,
    Seal,
    canonical,
    new_salt,
    seal_of,
)
from collabcheck.core.bank import load_bank

from .conftest import MINI_BANK

WHEN = datetime(2026, 12, 7, 10, 0, tzinfo=timezone(timedelta(hours=0)))
item_ids = st.from_regex(r"[a-z-]{1,12}\.[a-z-]{1,12}", fullmatch=True)
values = st.one_of(st.integers(1, 5), st.sampled_from(["unsure", "shared", "mostly:sam", "task"]))
answer_tables = st.dictionaries(item_ids, values, max_size=12)
note_tables = st.dictionaries(item_ids, st.text(max_size=40), max_size=3)


@given(answer_tables, note_tables)
def test_the_encoding_round_trips_exactly(answers, notes):
    encoded = canonical("2026-12-07-a-and-b-00ff", "alice", answers, notes)
    back = json.loads(encoded.decode("utf-8"))
    assert back == {
        "answers": answers,
        "notes": notes,
        "format": apart.FORMAT,
        "partner": "alice",
        "sitting": "2026-12-07-a-and-b-00ff",
    }
    # and it is canonical: the same answers in another order encode to the same bytes
    shuffled = dict(reversed(list(answers.items())))
    assert canonical("2026-12-07-a-and-b-00ff", "alice", shuffled, notes) == encoded


@given(answer_tables.filter(bool), st.data())
def test_any_change_to_an_answer_changes_the_seal(answers, data):
    salt = new_salt()
    before = seal_of(salt, canonical("s-1", "alice", answers, {}))
    key = data.draw(st.sampled_from(sorted(answers)))
    other = data.draw(values.filter(lambda v: v != answers[key] or type(v) is not type(answers[key])))
    changed = {**answers, key: other}
    assert seal_of(salt, canonical("s-1", "alice", changed, {})) != before
    dropped = {k: v for k, v in answers.items() if k != key}
    assert seal_of(salt, canonical("s-1", "alice", dropped, {})) != before
    noted = seal_of(salt, canonical("s-1", "alice", answers, {key: "a"}))
    assert noted != before and noted != seal_of(salt, canonical("s-1", "alice", answers, {key: "b"}))


def test_the_seal_is_sha256_of_salt_then_the_encoding():
    salt = bytes(range(32))
    encoded = canonical("s-1", "sam", {"x.a": 4}, {"x.note": "Ça va"})
    assert (
        encoded
        == (
            '{"answers":{"x.a":4},"format":"collabcheck-apart-1","notes":{"x.note":"Ça va"},'
            '"partner":"sam","sitting":"s-1"}'
        ).encode()
    )
    assert seal_of(salt, encoded) == hashlib.sha256(salt + encoded).hexdigest()


def test_the_seal_depends_on_partner_sitting_and_salt():
    encoded = canonical("s-1", "sam", {"x.a": 4}, {})
    salt = new_salt()
    assert len(salt) == 32 and new_salt() != salt
    assert seal_of(salt, encoded) != seal_of(new_salt(), encoded)
    assert seal_of(salt, encoded) != seal_of(salt, canonical("s-2", "sam", {"x.a": 4}, {}))
    assert seal_of(salt, encoded) != seal_of(salt, canonical("s-1", "ann", {"x.a": 4}, {}))
    assert seal_of(salt, encoded) != seal_of(salt, canonical("s-1", "sam", {"x.a": "4"}, {}))


def opened(sid: str = "2026-12-07-ann-and-sam-0a0b") -> Opened:
    return Opened(
        sid,
        "ann-and-sam",
        WHEN,
        "mini",
        1,
        (Member("ann", 'Ann "Q" Lee', "GP", "professional"), Member("sam", "Sam ✓", "", "patient")),
        stage="starting",
        route="open",
        opened_by="ann",
    )


def test_files_round_trip_and_a_reveal_is_checked_against_its_seal(tmp_path: Path):
    o = opened()
    bank = load_bank(MINI_BANK)
    path = apart.write_opened(tmp_path, o)
    assert path == tmp_path / "apart" / o.id / "sitting.toml"
    assert apart.read_opened(path) == o
    assert apart.sitting_ids(tmp_path) == [o.id]
    folder = path.parent
    salt = new_salt()
    answers = {"find-partners.a": 4, "relationship.agenda": "mostly:sam"}
    notes = {"learning.think": 'Line\n"two"'}
    digest = seal_of(salt, canonical(o.id, "ann", answers, notes))
    apart.write_seal(folder, Seal("ann", digest, WHEN))
    with pytest.raises(ApartError, match="never replaced"):
        apart.write_seal(folder, Seal("ann", digest, WHEN))
    assert apart.look(tmp_path, o.id, bank).phase == apart.OPEN
    apart.write_seal(folder, Seal("sam", seal_of(salt, canonical(o.id, "sam", {}, {})), WHEN))
    apart.write_reveal(folder, Reveal("ann", salt, answers, notes))
    found = apart.look(tmp_path, o.id, bank)
    assert found.phase == apart.REVEALING and found.reveals["ann"].answers == answers
    assert found.reveals["ann"].notes == notes


def test_a_tampered_reveal_and_an_early_reveal_are_refused(tmp_path: Path):
    o = opened()
    folder = apart.write_opened(tmp_path, o).parent
    salt = new_salt()
    digest = seal_of(salt, canonical(o.id, "ann", {"find-partners.a": 4}, {}))
    apart.write_seal(folder, Seal("ann", digest, WHEN))
    apart.write_reveal(folder, Reveal("ann", salt, {"find-partners.a": 4}, {}))
    found = apart.look(tmp_path, o.id)
    assert found.phase == apart.SPOILED and found.problems == [apart.Problem(apart.EARLY, "ann")]
    assert found.reveals == {}
    apart.write_seal(folder, Seal("sam", seal_of(salt, canonical(o.id, "sam", {}, {})), WHEN))
    assert apart.look(tmp_path, o.id).reveals["ann"].answers == {"find-partners.a": 4}
    (folder / "ann.reveal.toml").write_text((folder / "ann.reveal.toml").read_text().replace("= 4", "= 5"))
    found = apart.look(tmp_path, o.id)
    assert found.problems == [apart.Problem(apart.MISMATCH, "ann")] and found.reveals == {}


@pytest.mark.parametrize(
    "text, words",
    [
        (
            "format = 'collabcheck-apart-1'\npartner = 'ann'\nseal = 'abc'\n"
            "sealed_at = 2026-12-07T10:00:00Z\n",
            "64 hex digits",
        ),
        ("format = 'other'\n", "format must be"),
        ("format = 'collabcheck-apart-1'\npartner = 'sam'\n", "is not the seal of 'ann'"),
        ("not toml [", "not valid TOML"),
    ],
)
def test_a_damaged_seal_is_one_line_naming_the_file(tmp_path: Path, text: str, words: str):
    o = opened()
    folder = apart.write_opened(tmp_path, o).parent
    (folder / "ann.seal").write_text(text)
    found = apart.look(tmp_path, o.id)
    assert found.phase == apart.SPOILED
    (problem,) = found.problems
    assert problem.kind == apart.UNREADABLE and "ann.seal" in problem.detail and words in problem.detail
    assert "\n" not in problem.detail


def test_an_id_that_is_not_a_slug_never_leaves_the_folder(tmp_path: Path):
    with pytest.raises(ApartError):
        apart.folder_of(tmp_path, "../../etc")
    (tmp_path / "apart" / "Not A Slug").mkdir(parents=True)
    (tmp_path / "apart" / "Not A Slug" / "sitting.toml").write_text("")
    assert apart.sitting_ids(tmp_path) == []


def test_a_damaged_sitting_file_is_one_line_and_hides_no_other(tmp_path: Path, monkeypatch):
    from . import hostile

    good = apart.write_opened(tmp_path, opened())
    bad = apart.write_opened(tmp_path, opened("2026-12-07-ann-and-sam-ffff"))
    bad.write_text(bad.read_text().replace("bank_version = 1", 'bank_version = "one"'))
    monkeypatch.setenv("COLLABCHECK_STATE_DIR", str(tmp_path / "state"))
    code, out, err = hostile.run(
        ["apart", "status", "--no-push", "--dir", str(tmp_path), "--questions", str(MINI_BANK)]
    )
    assert code == 0, err
    assert f"{bad}: 'bank_version' must be a whole number" in out
    assert f'{good.parent.name}: Ann "Q" Lee and Sam ✓, opened on 7 December 2026.' in out
    code, out, err = hostile.run(["apart", "verify", "../x", "--dir", str(tmp_path)])
    assert code == 2 and err.count("\n") == 1 and "is not the id of a sitting apart" in err


def test_open_outside_a_repository_says_so_and_writes_nothing(tmp_path: Path):
    from . import hostile

    code, out, err = hostile.run(
        ["apart", "open", "--partner", "Ann", "--partner", "Sam", "--dir", str(tmp_path / "snaps")]
    )
    assert code == 2 and "not inside a git repository" in err and "shared through git" in err
    assert not (tmp_path / "snaps").exists()
    code, out, err = hostile.run(["apart", "open", "--partner", "Ann", "--dir", str(tmp_path)])
    assert code == 2 and "2 to 6 partners" in err


def test_apart_usage_errors_are_one_line_pointing_at_apart_help():
    from . import hostile

    for argv, words in (
        (["apart", "bogus"], "there is no action 'bogus' (use open, answer"),
        (["apart", "answer", "x"], "missing: --as"),
    ):
        code, out, err = hostile.run(argv)
        assert code == 2 and out == "" and err.count("\n") == 1, err
        assert words in err and "(try 'collabcheck apart --help')" in err
    code, out, err = hostile.run(["apart", "--help"])
    assert code == 0 and "verify" in out and "cancel" in out
