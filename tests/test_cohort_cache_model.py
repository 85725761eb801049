"""The cohort reads each cached sitting through history's model (with the cohort's figures
added), and a quick check-in is known as one, as history knows it."""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

from collabcheck.core.snapshot import write_snapshot
from collabcheck.history.cache_model import SummaryModel
from collabcheck.history.cohort import load_cohort
from collabcheck.history.cohort_model import CohortEntryModel, CohortSummaryModel
from collabcheck.history.gather import load_history

from .test_quick_history import BANK, PARTNERS, STATEMENTS, T0, sitting


def two_sittings(folder: Path) -> None:
    every = {p.id: {i.id: 4 for i in STATEMENTS} for p in PARTNERS}
    write_snapshot(sitting(T0, every, False, agreed=3), folder, BANK)
    write_snapshot(sitting(T0 + timedelta(days=30), every, True), folder, BANK)
    for f in folder.glob("*.toml"):  # files changed in the last 2 s are never cached
        os.utime(f, (1_700_000_000, 1_700_000_000))


def test_the_cohort_model_is_historys(tmp_path: Path):
    assert issubclass(CohortSummaryModel, SummaryModel)
    d = tmp_path / "sittings"
    d.mkdir()
    two_sittings(d)
    cache = tmp_path / "cache"
    cohort = load_cohort(d, BANK, cache_dir=cache, committed=False)
    history = load_history(d, BANK, cache_dir=False)
    # a quick check-in is a quick one in the cohort too (the same sittings as history's)
    assert [s.quick for s in cohort.rows[0].history.sittings] == [False, True]
    assert [s.questions for s in cohort.rows[0].history.sittings] == [
        s.questions for s in history.pairs[0].sittings
    ]
    # every entry written passes the model it is read through
    entries = json.loads(next(cache.glob("cohort-*.json")).read_text())["entries"]
    assert len(entries) == 2
    for raw in entries.values():
        CohortEntryModel.model_validate(raw)


def test_an_entry_with_a_field_of_its_own_is_read_afresh(tmp_path: Path):
    """The model forbids what it does not know, as history's does: an entry carrying an
    unknown field (or one practice short) is not trusted."""
    d = tmp_path / "sittings"
    d.mkdir()
    two_sittings(d)
    cache = tmp_path / "cache"
    want = load_cohort(d, BANK, cache_dir=cache, committed=False)
    path = next(cache.glob("cohort-*.json"))
    data = json.loads(path.read_text())
    (first, second) = data["entries"].values()
    first[1]["planted"] = "x"
    del second[1]["scores"]["5"]
    path.write_text(json.dumps(data))
    got = load_cohort(d, BANK, cache_dir=cache, committed=False)
    assert [(r.pair, r.latest) for r in got.rows] == [(r.pair, r.latest) for r in want.rows]
    healed = json.loads(path.read_text())["entries"]
    assert all("planted" not in e[1] and set(e[1]["scores"]) == set("12345") for e in healed.values())
