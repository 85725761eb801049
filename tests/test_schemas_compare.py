"""Sittings written in snapshot schemas 1, 2 and 3 (on banks 1, 2 and 3) read side by side in
one history and compare by item id: a partnership that began before sides existed carries on
with sides, and nothing about its earlier sittings is lost or re-read differently."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from collabcheck.core.bank import load_bank
from collabcheck.core.records import Partner
from collabcheck.core.snapshot import read_snapshot, write_snapshot
from collabcheck.history.gather import load_history
from collabcheck.render.history_json import render_json
from collabcheck.scoring.compare import compare

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "amira-and-tom"


def test_schemas_1_2_and_3_read_and_compare_by_item_id(tmp_path: Path) -> None:
    bank3 = load_bank()
    assert bank3.version == 3
    for path in EXAMPLE.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    latest = read_snapshot(sorted(EXAMPLE.glob("*.toml"))[-1], bank3)
    assert latest.schema == 2 and latest.bank_version == 2
    kept = set(bank3.items_by_id)
    sides = {"amira": "professional", "tom": "patient"}
    now = replace(
        latest,
        taken_at=datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc),
        bank_version=3,
        schema=3,
        partners=[Partner(p.id, p.name, p.role, sides[p.id]) for p in latest.partners],
        answers={pid: {i: v for i, v in a.items() if i in kept} for pid, a in latest.answers.items()},
    )
    written = write_snapshot(now, tmp_path, bank3)
    assert "schema = 3" in written.read_text(encoding="utf-8")
    schemas = sorted(read_snapshot(p, bank3).schema for p in tmp_path.glob("*.toml"))
    assert schemas == [1, 2, 2, 2, 3]

    history = load_history(tmp_path, bank3, cache_dir=False)
    data = json.loads(json.dumps(render_json(history)))
    (pair,) = data["pairs"]
    assert len(pair["sittings"]) == 5 and not data["skipped"]
    last, before = pair["sittings"][-1], pair["sittings"][-2]
    assert last["bank_version"] == 3 and before["bank_version"] == 2
    # Compared by id: every statement kept from bank 2 gives the same practice figures, so the
    # last change is nothing but what bank 3 dropped or added (here: nothing answered anew).
    c_then, c_now = (
        compare(read_snapshot(sorted(tmp_path.glob("*.toml"))[-2], bank3), bank3),
        compare(now, bank3),
    )
    for p_then, p_now in zip(c_then.practices, c_now.practices, strict=True):
        common = {r.id for r in p_then.items} & kept
        assert common, p_then.number
        then = {r.id: r.scores for r in p_then.items if r.id in common}
        now_ = {r.id: r.scores for r in p_now.items if r.id in common}
        assert then == now_, p_then.number
    assert [p.side for p in c_now.partners] == ["professional", "patient"]
