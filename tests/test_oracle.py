"""An independent oracle for the suggestion: the README's rule ("How the suggestion
is made"), written again from the text alone, checked against `report --format json`.

Nothing here imports collabcheck's scoring: the oracle works from the snapshot's answers and
the bank's questions with its own exact fractions, so a slip in either is caught by the other.
"""

from __future__ import annotations

import contextlib
import io
import json
from fractions import Fraction
from itertools import combinations
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabcheck.cli import main
from collabcheck.core.bank import Bank, load_bank
from collabcheck.core.snapshot import write_snapshot
from tests.strategies import snapshots

BANK = load_bank()
FOCUS = {"task": -2, "mostly-task": -1, "balanced": 0, "mostly-relationship": 1, "relationship": 2}


def oracle(snap: Any, bank: Bank) -> tuple[dict[int, Fraction], int]:
    """Every practice's priority, and the suggested practice, by the README's rule."""
    pids = [p.id for p in snap.partners]
    ans = {pid: snap.answers.get(pid, {}) for pid in pids}
    stage = snap.context.stage if snap.context else None
    route = snap.context.route if snap.context else None
    parts: dict[int, tuple[Fraction, Fraction]] = {}
    weights = []
    for s in bank.practices:
        per: dict[str, list[int]] = {pid: [] for pid in pids}
        spreads = []
        for item in s.items:
            # A partnership just starting is not scored on what it cannot have done yet.
            if item.kind != "agree" or (stage == "starting" and item.later):
                continue
            scores = []
            for pid in pids:
                v = ans[pid].get(item.id)
                if isinstance(v, int):
                    score = 6 - v if item.reverse else v
                    per[pid].append(score)
                    scores.append(score)
            if len(scores) >= 2:
                spreads.append(max(scores) - min(scores))
        means = [Fraction(sum(v), len(v)) for v in per.values() if v]
        combined = sum(means, Fraction(0)) / len(means) if means else None
        need = 5 - combined if combined is not None else Fraction(0)
        div = Fraction(sum(spreads), len(spreads)) if spreads else Fraction(0)
        if spreads:
            weights.append(Fraction(len(spreads), max(len(v) for v in per.values()) * len(means)))
        parts[s.number] = (need, div)
    weight = min(weights) if weights else Fraction(1, len(pids))

    # Power: say questions only; "not sure" left out; "outside" is nobody's say.
    say = [i for i in bank.items_of_kind("authority") if not i.accountability and not i.development]
    uneven = False
    for pid in pids:
        given = [ans[pid][i.id] for i in say if i.id in ans[pid] and ans[pid][i.id] != "unsure"]
        named = {p: sum(1 for v in given if v in (f"more:{p}", f"mostly:{p}")) for p in pids}
        less = {p: sum(1 for v in given if v == f"less:{p}") for p in pids}
        for counts in (named, less):
            top = max(counts.values(), default=0)
            if top and list(counts.values()).count(top) == 1 and 2 * top >= len(given):
                uneven = True

    def vector(v: str) -> dict[str, int] | str:
        if v == "outside":
            return "outside"
        how, _, who = v.partition(":")
        if how == "more":
            return {who: 1}
        if how == "mostly":
            return {who: 2}
        if how == "less":
            return {p: 1 for p in pids if p != who}
        return {}

    def distance(a: dict[str, int] | str, b: dict[str, int] | str) -> int:
        if isinstance(a, str) or isinstance(b, str):
            return 0 if a == b else 2
        return sum(abs(a.get(p, 0) - b.get(p, 0)) for p in pids)

    gaps = []
    for i in say:  # the gap counts only answers inside the partnership ("outside" is apart)
        vs = [
            vector(ans[p][i.id]) for p in pids if i.id in ans[p] and ans[p][i.id] not in ("unsure", "outside")
        ]
        if len(vs) >= 2:
            gaps.append(max(distance(a, b) for a, b in combinations(vs, 2)))
    if gaps and Fraction(sum(gaps), len(gaps)) >= 1:
        uneven = True

    positions = []
    for pid in pids:
        vals = [FOCUS[ans[pid][i.id]] for i in bank.items_of_kind("focus") if ans[pid].get(i.id) in FOCUS]
        if vals:
            positions.append(Fraction(sum(vals), len(vals)))
    task = False
    if positions:
        mean = sum(positions, Fraction(0)) / len(positions)
        spread = max(positions) - min(positions) if len(positions) > 1 else 0
        half = Fraction(1, 2)
        split = spread >= Fraction(3, 2) and min(positions) <= -half and max(positions) >= half
        task = mean <= Fraction(-1, 2) and not split

    priorities = {}
    for n, (need, div) in parts.items():
        scale = Fraction(1)
        if (route == "under-radar" and n == 5) or (route == "open" and n == 4):
            scale = Fraction(1, 2)
        if stage == "starting" and n == 1:
            scale *= Fraction(3, 2)
        boost = Fraction(1, 2) * (uneven and n in (1, 2)) + Fraction(1, 2) * (task and n in (2, 3))
        priorities[n] = scale * (need + weight * div) + boost
    best = min(priorities, key=lambda n: (-priorities[n], n))
    return priorities, best


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_the_rule_as_written_matches_report_json(tmp_path: Path, data: st.DataObject) -> None:
    snap = data.draw(snapshots(BANK, min_partners=2, max_partners=3))
    folder = tmp_path / str(data.draw(st.integers(0, 10**9)))
    path = write_snapshot(snap, folder, BANK)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["report", str(path), "--format", "json"]) == 0
    report = json.loads(out.getvalue())
    want, best = oracle(snap, BANK)
    got = {p["number"]: p["priority"]["total"] for p in report["practices"]}
    assert got == {n: float(v) for n, v in want.items()}
    assert report["suggestion"]["number"] == best
