"""History: order, grouping, changes, follow-through, convergence, old banks, bad files, cache."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabcheck.core.bank import Bank, load_bank
from collabcheck.core.snapshot import Agreed, Partner, Snapshot, write_snapshot
from collabcheck.history import read as hist
from collabcheck.history.gather import build_history, load_history
from collabcheck.render.history import (
    BARS,
    GAP,
    convergence_summary,
    follow_text,
    render_markdown,
    render_text,
    sparkline,
)

from .conftest import MINI_BANK

OLD = time.time() - 3600  # an mtime old enough for the cache to trust


def mini() -> Bank:
    return load_bank(MINI_BANK)


def snap(
    pair: str,
    when: str,
    levels: dict[int, int] | None = None,
    *,
    partners: tuple[str, ...] = ("ann", "bo"),
    per_partner: dict[str, dict[int, int]] | None = None,
    authority: dict[str, str] | None = None,
    focus: dict[str, str] | None = None,
    agreed: int | None = None,
    bank: Bank | None = None,
    extra: dict[str, dict[str, int | str]] | None = None,
) -> Snapshot:
    """A sitting in the mini bank where every partner scores practice n exactly `levels[n]`.

    Items a and b get the level, reversed item c gets 6 − level, so the practice score (and
    so `combined`, when partners agree) is the level itself; `per_partner` overrides one
    partner's levels; a practice missing from `levels` is skipped by everyone.
    """
    bank = bank or mini()
    levels = {1: 3, 2: 3, 3: 3, 4: 3, 5: 3} if levels is None else levels
    answers: dict[str, dict[str, int | str]] = {}
    for pid in partners:
        mine = {**levels, **(per_partner or {}).get(pid, {})}
        a: dict[str, int | str] = {}
        for section in bank.practices:
            if section.number in mine:
                v = mine[section.number]  # type: ignore[index]
                for item in section.of_kind("agree"):
                    a[item.id] = 6 - v if item.reverse else v
        for item in bank.relationship.of_kind("authority"):
            a[item.id] = (authority or {}).get(pid, "shared")
        for item in bank.relationship.of_kind("focus"):
            a[item.id] = (focus or {}).get(pid, "balanced")
        a.update((extra or {}).get(pid, {}))
        answers[pid] = a
    return Snapshot(
        pair=pair,
        taken_at=datetime.fromisoformat(when),
        bank=bank.id,
        bank_version=bank.version,
        partners=[Partner(id=p, name=p.capitalize(), role="") for p in partners],
        answers=answers,
        agreed=Agreed(practice=agreed) if agreed else None,
    )


def save(
    snapshot: Snapshot, folder: Path, name: str | None = None, bank: Bank | None = None, old: bool = True
) -> Path:
    """Write with write_snapshot; optionally rename (misleading names) and age the file."""
    path = write_snapshot(snapshot, folder, bank or mini())
    if name is not None:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        path = path.rename(target)
    if old:
        os.utime(path, (OLD, OLD))
    return path


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache folder, never the user's."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(cache))
    return cache


def history(folder: Path, bank: Bank | None = None, **kw):
    return load_history(folder, bank or mini(), **kw)


# -- order and grouping ------------------------------------------------------------------


def test_orders_by_taken_at_not_by_file_name(tmp_path: Path):
    d = tmp_path / "snaps"
    # Names that sort the wrong way, and a time zone that changes which came first.
    save(snap("ann-and-bo", "2026-06-01T09:00:00+00:00", {3: 4}), d, "a-first-by-name.toml")
    save(snap("ann-and-bo", "2026-01-15T10:00:00+00:00", {3: 2}), d, "z/zz-last-by-name.toml")
    save(snap("ann-and-bo", "2026-03-01T10:00:00+02:00", {3: 3}), d, "m.toml")  # 08:00 UTC
    save(snap("ann-and-bo", "2026-03-01T09:00:00+00:00", {3: 5}), d, "b.toml")  # later, by UTC
    (pair,) = history(d).pairs
    assert [Path(s.file).name for s in pair.sittings] == [
        "zz-last-by-name.toml",
        "m.toml",
        "b.toml",
        "a-first-by-name.toml",
    ]
    assert [s.practices["3"] for s in pair.sittings] == [2, 3, 5, 4]


def test_same_time_is_ordered_by_file_path(tmp_path: Path):
    d = tmp_path / "snaps"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", {3: 2}), d, "b.toml")
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", {3: 4}), d, "a.toml")
    (pair,) = history(d).pairs
    assert [Path(s.file).name for s in pair.sittings] == ["a.toml", "b.toml"]


def test_groups_by_the_pair_in_the_file_not_the_folder(tmp_path: Path):
    d = tmp_path / "programme"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d, "cohort-1/ann-and-bo/one.toml")
    save(
        snap("cy-dee-and-eve", "2026-02-01T09:00:00+00:00", partners=("cy", "dee", "eve")),
        d,
        "cohort-1/ann-and-bo/misfiled.toml",
    )
    save(snap("ann-and-bo", "2026-05-01T09:00:00+00:00"), d, "cohort-2/deep/er/two.toml")
    save(snap("cy-dee-and-eve", "2026-07-01T09:00:00+00:00", partners=("cy", "dee", "eve")), d, "x.toml")
    h = history(d)
    assert [p.pair for p in h.pairs] == ["ann-and-bo", "cy-dee-and-eve"]
    assert [len(p.sittings) for p in h.pairs] == [2, 2]
    assert h.pairs[1].names == ["Cy", "Dee", "Eve"]
    only = history(d, pair="cy-dee-and-eve")
    assert [p.pair for p in only.pairs] == ["cy-dee-and-eve"]


def test_hidden_folders_and_bank_folders_are_not_read(tmp_path: Path):
    d = tmp_path / "repo"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d, "s.toml")
    save(snap("ann-and-bo", "2026-02-01T09:00:00+00:00"), d, ".git/hidden.toml")
    shutil.copytree(MINI_BANK, d / "our-questions")
    h = history(d)
    assert h.sitting_count == 1 and h.skipped == []


# -- changes, follow-through, convergence ---------------------------------------------------


def test_changes_are_latest_minus_previous_and_null_when_missing(tmp_path: Path):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", {1: 2, 2: 4, 3: 1, 4: 3, 5: 3}), d)
    save(snap("ann-and-bo", "2026-04-01T09:00:00+00:00", {1: 5, 2: 4, 3: 2, 4: 3, 5: 2}), d)
    save(snap("ann-and-bo", "2026-07-01T09:00:00+00:00", {1: 4, 2: 5, 3: 4, 5: 2}), d)  # 4 skipped
    (pair,) = history(d).pairs
    assert pair.changes == {"1": -1.0, "2": 1.0, "3": 2.0, "4": None, "5": 0.0}
    assert pair.sittings[-1].practices["4"] is None


def test_one_sitting_has_no_changes(tmp_path: Path):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d)
    (pair,) = history(d).pairs
    assert pair.changes == dict.fromkeys("12345")
    assert "next sitting" in convergence_summary(pair)


def test_follow_through_says_what_happened_to_the_chosen_practice(tmp_path: Path):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-03-12T09:00:00+00:00", {1: 3, 2: 3, 3: 2, 4: 3, 5: 3}, agreed=3), d)
    save(snap("ann-and-bo", "2026-06-20T09:00:00+01:00", {1: 3, 2: 3, 3: 4, 4: 3, 5: 3}), d)
    save(snap("ann-and-bo", "2026-09-02T09:00:00+01:00", {1: 3, 2: 3, 3: 5, 4: 3, 5: 3}, agreed=2), d)
    (pair,) = history(d).pairs
    first, last = pair.follow_through
    assert (first.practice, first.before, first.after, first.latest) == (3, 2.0, 4.0, 5.0)
    assert follow_text(first) == (
        "You chose practice 3 (Practice 3) on 12 March 2026. It went from 2.0 to 4.0. It is 5.0 now."
    )
    assert last.practice == 2 and last.after is None
    assert "next sitting will show" in follow_text(last)


def test_no_agreed_practice_means_no_follow_through(tmp_path: Path):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d)
    save(snap("ann-and-bo", "2026-02-01T09:00:00+00:00"), d)
    (pair,) = history(d).pairs
    assert pair.follow_through == []
    assert "No practice was agreed" in render_text(history(d))


def test_convergence_closer_then_further_apart(tmp_path: Path):
    d = tmp_path / "s"
    apart = {"ann": "mostly:ann", "bo": "mostly:bo"}  # each sees themselves holding it: 4
    save(
        snap(
            "ann-and-bo",
            "2026-01-01T09:00:00+00:00",
            authority=apart,
            focus={"ann": "task", "bo": "relationship"},
        ),
        d,
    )
    save(
        snap(
            "ann-and-bo",
            "2026-04-01T09:00:00+00:00",
            authority={"ann": "shared", "bo": "more:ann"},
            focus={"ann": "balanced", "bo": "balanced"},
        ),
        d,
    )
    (pair,) = history(d).pairs
    trends = pair.trends
    assert trends["authority"].values == [4.0, 1.0]
    assert trends["authority"].trend == "closer" and trends["focus"].trend == "closer"
    assert convergence_summary(pair).startswith("Overall, your views are closer than last time.")
    assert "who has the say" in convergence_summary(pair)
    save(snap("ann-and-bo", "2026-07-01T09:00:00+00:00", authority=apart), d)
    (pair,) = history(d).pairs
    assert pair.trends["authority"].trend == "further apart"
    assert "further apart than last time" in convergence_summary(pair)


# -- older banks, broken files, empty folders ------------------------------------------------


def _newer_bank(tmp_path: Path) -> Path:
    """Mini bank version 2: learning.b retired, learning.d added."""
    new = tmp_path / "bank-v2"
    shutil.copytree(MINI_BANK, new)
    (new / "bank.toml").write_text((new / "bank.toml").read_text().replace("version = 1", "version = 2"))
    text = (new / "learning.toml").read_text()
    (new / "learning.toml").write_text(text.replace('id = "b"', 'id = "d"'))
    return new


def test_older_bank_snapshots_compare_by_item_id(tmp_path: Path):
    v1, v2 = mini(), load_bank(_newer_bank(tmp_path))
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", {1: 2, 2: 2, 3: 2, 4: 2, 5: 2}, bank=v1), d, bank=v1)
    save(snap("ann-and-bo", "2026-05-01T09:00:00+00:00", {1: 4, 2: 4, 3: 4, 4: 4, 5: 4}, bank=v2), d, bank=v2)
    h = history(d, v2)
    assert h.skipped == []
    (pair,) = h.pairs
    old, new = pair.sittings
    assert old.bank_version == 1 and old.unknown == ["learning.b"] and new.unknown == []
    assert old.practices["3"] == 2.0  # from learning.a and learning.c, still comparable
    assert pair.changes["3"] == 2.0
    text = " ".join(render_text(h).split())
    assert "version 1 of the questions (now 2)" in text
    assert "1 answer to a question no longer in the bank was noted, not scored: learning.b" in text


def test_a_broken_file_never_hides_the_others(tmp_path: Path):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d)
    save(snap("ann-and-bo", "2026-02-01T09:00:00+00:00"), d)
    (d / "bad-syntax.toml").write_text('schema = 1\npair = "ann-and-bo"\ntaken_at = \n')
    (d / "not-utf8.toml").write_bytes(b'schema = 1\npair = "\xff\xfe"\n')
    (d / "future.toml").write_text(
        save(snap("ann-and-bo", "2026-03-01T09:00:00+00:00"), tmp_path / "x")
        .read_text()
        .replace("schema = 2", "schema = 99")
    )
    (d / "pyproject.toml").write_text('[project]\nname = "x"\n')
    h = history(d)
    assert h.sitting_count == 2
    reasons = {Path(s.file).name: s for s in h.skipped}
    assert set(reasons) == {"bad-syntax.toml", "not-utf8.toml", "future.toml", "pyproject.toml"}
    assert reasons["bad-syntax.toml"].line == 3 and "not valid TOML" in reasons["bad-syntax.toml"].error
    assert "UTF-8" in reasons["not-utf8.toml"].error
    assert "newer" in reasons["future.toml"].error
    assert "schema" in reasons["pyproject.toml"].error
    assert str(reasons["bad-syntax.toml"]).endswith("bad-syntax.toml:3: " + reasons["bad-syntax.toml"].error)


def test_an_empty_folder_is_an_empty_history(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    h = history(tmp_path / "empty")
    assert h.pairs == [] and h.skipped == []
    assert "No snapshots yet" in render_text(h)


def test_a_comparison_that_fails_is_skipped_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d)

    def boom(*_a, **_k):
        raise ZeroDivisionError("oops")

    monkeypatch.setattr(hist, "summarise_snapshot", boom)
    h = history(d)
    assert h.pairs == [] and "could not be compared" in h.skipped[0].error


# -- the cache -------------------------------------------------------------------------------


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = hist.summarise_file

    def counting(path: str, bank: Bank):
        calls.append(Path(path).name)
        return real(path, bank)

    monkeypatch.setattr(hist, "summarise_file", counting)
    return calls


def test_cache_is_used_and_never_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _cache: Path):
    d = tmp_path / "s"
    a = save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", {3: 2}), d, "a.toml")
    save(snap("ann-and-bo", "2026-02-01T09:00:00+00:00", {3: 3}), d, "b.toml")
    calls = _count_reads(monkeypatch)
    first = history(d)
    assert sorted(calls) == ["a.toml", "b.toml"] and list(_cache.glob("history-*.json"))
    calls.clear()
    again = history(d)
    assert calls == [] and [s.practices for s in again.pairs[0].sittings] == [
        s.practices for s in first.pairs[0].sittings
    ]
    # Same size, same modification time, different content: still noticed (change time, inode).
    text = a.read_text()
    a.write_text(text.replace('"learning.a" = 2', '"learning.a" = 4'))
    assert len(a.read_text()) == len(text)
    os.utime(a, (hist_old := OLD, hist_old))
    changed = history(d)
    assert calls == ["a.toml"]
    assert changed.pairs[0].sittings[0].practices["3"] != first.pairs[0].sittings[0].practices["3"]
    # A file removed drops out; a new file is read.
    calls.clear()
    (d / "b.toml").unlink()
    save(snap("ann-and-bo", "2026-03-01T09:00:00+00:00"), d, "c.toml")
    assert [Path(s.file).name for s in history(d).pairs[0].sittings] == ["a.toml", "c.toml"]
    assert calls == ["c.toml"]


def test_a_file_changed_just_now_is_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d, "new.toml", old=False)
    calls = _count_reads(monkeypatch)
    history(d)
    history(d)
    assert calls == ["new.toml", "new.toml"]


def test_a_changed_bank_empties_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bank_copy: Path):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d)
    calls = _count_reads(monkeypatch)
    history(d, load_bank(bank_copy))
    (bank_copy / "learning.toml").write_text(
        (bank_copy / "learning.toml").read_text().replace('title = "Practice 3"', 'title = "Learning"')
    )
    h = history(d, load_bank(bank_copy))
    assert len(calls) == 2 and "Learning" in render_text(h)


def test_cache_is_never_written_into_the_snapshot_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00"), d)
    before = sorted(p.relative_to(d) for p in d.rglob("*"))
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(d / "inside"))
    history(d)
    history(d, cache_dir=d)
    assert sorted(p.relative_to(d) for p in d.rglob("*")) == before
    assert not (tmp_path / "cache").exists() or not any((tmp_path / "cache").iterdir())


# -- pure pieces --------------------------------------------------------------------------


@given(st.lists(st.one_of(st.none(), st.floats(1, 5)), max_size=20))
def test_sparkline_one_mark_per_sitting_and_higher_is_taller(values):
    line = sparkline(values, 1, 5)
    assert len(line) == min(len(values), 8)
    assert set(line) <= set(BARS + GAP)
    shown = values[-8:]
    for v, mark in zip(shown, line, strict=True):
        assert (mark == GAP) == (v is None)
    pairs = [(v, m) for v, m in zip(shown, line, strict=True) if v is not None]
    for v1, m1 in pairs:
        for v2, m2 in pairs:
            if v1 <= v2:
                assert BARS.index(m1) <= BARS.index(m2)


@given(st.permutations(range(6)))
def test_order_never_depends_on_the_order_files_are_found(order):
    bank = mini()
    recs = []
    for n in range(6):
        recs.append(
            (
                f"f{5 - n}.toml",
                {
                    "pair": "p",
                    "taken_at": f"2026-0{n + 1}-01T09:00:00+00:00",
                    "ts": float(n),
                    "partners": ["a", "b"],
                    "names": ["A", "B"],
                    "practices": dict.fromkeys("12345", float(n % 5 + 1)),
                    "divergence": dict.fromkeys("12345", 0.0),
                    "authority_divergence": 0.0,
                    "focus_divergence": 0.0,
                    "suggested": 1,
                    "agreed": None,
                    "bank": "mini",
                    "bank_version": 1,
                },
            )
        )
    h = build_history("x", [recs[i] for i in order], bank)
    assert [s.ts for s in h.pairs[0].sittings] == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


def test_a_damaged_cache_is_ignored(tmp_path: Path, _cache: Path):
    d = tmp_path / "s"
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", {3: 2}), d)
    good = history(d)
    (cache_file,) = _cache.glob("history-*.json")
    for junk in ("{not json", '{"fingerprint": 1, "entries": []}'):
        cache_file.write_text(junk)
        assert history(d).pairs[0].sittings[0].practices == good.pairs[0].sittings[0].practices
    history(d)  # rewrites a good cache; now damage its entries only
    entries = json.loads(cache_file.read_text())
    assert entries["entries"]
    for value in entries["entries"].values():
        value[1] = "garbage"
    cache_file.write_text(json.dumps(entries))
    assert history(d).pairs[0].sittings[0].practices == good.pairs[0].sittings[0].practices


def test_figures_round_half_up_as_people_expect(tmp_path: Path):
    # Practice 1: Ann scores a=4, b=3 and is not sure of c -> 3.5; Bo scores 3 -> combined 3.25,
    # which a reader rounds to 3.3 (Python's round() gives 3.2). Then both score 3 -> 3.0.
    d = tmp_path / "h"
    half = {"ann": {"find-partners.a": 4, "find-partners.c": "unsure"}}
    save(snap("ann-and-bo", "2026-01-01T09:00:00+00:00", extra=half), d)
    save(snap("ann-and-bo", "2026-02-01T09:00:00+00:00"), d)
    h = load_history(d, mini())
    assert h.pairs[0].sittings[0].practices["1"] == 3.25  # JSON keeps the full figure
    text = render_text(h)
    row = next(line for line in text.splitlines() if line.strip().startswith("1 "))
    assert row.split()[-4:] == ["3.3", "3.0", "-0.3", "down"]
    md = render_markdown(h)
    assert "3.3 → 3.0 | -0.3 down" in md
