"""The suite's own order (tests/conftest.py): the slowest tests start first, one per worker.

Two workers that finish together are what keeps CI within its time; a slow test left to
the end of one worker's run keeps the other idle. These check the ordering on stand-ins."""

from __future__ import annotations

from dataclasses import dataclass

from .conftest import slow_tests, spread_slowest_first


@dataclass(frozen=True)
class Item:
    nodeid: str


def runs(items: list[Item], workers: int) -> list[list[Item]]:
    """The runs of consecutive tests `--dist worksteal` hands each worker at the start."""
    out, left, start = [], len(items), 0
    for i in range(workers):
        size = left // (workers - i)
        out.append(items[start : start + size])
        start, left = start + size, left - size
    return out


def test_the_slowest_tests_head_the_runs_each_worker_is_handed():
    items = [Item(f"t{n}") for n in range(103)]
    slow = {"t90": 50.0, "t91": 40.0, "t50": 30.0, "t5": 20.0, "t102": 10.0}
    ordered = spread_slowest_first(items, 4, slow)
    assert sorted(i.nodeid for i in ordered) == sorted(i.nodeid for i in items)  # each once
    heads = [run[0].nodeid for run in runs(ordered, 4)]
    assert heads == ["t90", "t91", "t50", "t5"]  # the four longest, one per worker
    assert runs(ordered, 4)[3][1].nodeid == "t102"  # the fifth joins the least loaded
    rest = [i.nodeid for i in ordered if i.nodeid not in slow]
    assert rest == [i.nodeid for i in items if i.nodeid not in slow]  # the others keep their order


def test_the_list_of_slow_tests_names_tests_that_exist():
    """A renamed test would silently lose its place at the front; most names must still match."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    slow = slow_tests()
    assert len(slow) >= 20
    found = 0
    for nodeid in slow:
        path, _, name = nodeid.partition("::")
        source = (root / path).read_text(encoding="utf-8") if (root / path).exists() else ""
        found += f"def {name.split('[')[0]}(" in source
    assert found >= 0.8 * len(slow), f"only {found} of {len(slow)} tests in tests/slow_tests.txt still exist"
