"""Benchmark: `collabcheck history --format json` against parsing the same files with tomllib.

The goal (issue 5): for a programme of 10,000 snapshots, history takes at most half the time
that merely parsing the files with Python's own `tomllib` takes, and stays under 300 MB.
This script makes a realistic programme with collabcheck's own writer and the shipped bank
(many partnerships, 2–3 partners each, several sittings each), then times each command as a
whole process (start-up included), several times in turn, and prints the medians, the
ratios and the peak memory (maximum resident set size of the process, from the kernel).

    python bench/history_bench.py              # 10,000 snapshots, 5 rounds
    python bench/history_bench.py -n 2000 -r 3

"cold" is a first run with an empty cache (every file read and compared); "warm" is the
normal run once the cache knows the files. The goal applies to the warm run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

BASELINE = """
import os, sys, tomllib
n = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), "rb") as fh:
                tomllib.load(fh)
            n += 1
print(n)
"""

ROLES = [("Consultant", "Patient partner"), ("GP", "Carer"), ("Ward sister", "Patient partner"),
         ("Service manager", "Patient partner"), ("Physiotherapist", "Community member")]
NAMES = ["Alex", "Bea", "Chidi", "Dana", "Eitan", "Fatima", "Gwen", "Hamid", "Ines", "Jamal",
         "Kasia", "Luis", "Mei", "Niamh", "Olu", "Pia", "Raj", "Sian", "Tariq", "Uma"]


def generate(folder: Path, n: int, seed: int = 5) -> int:
    """Write n snapshots: pairs of 2–3 partners with 2–8 sittings each, in cohort folders."""
    from collabcheck.core.bank import load_bank
    from collabcheck.core.snapshot import Agreed, Partner, Snapshot, write_snapshot

    bank = load_bank()
    rng = random.Random(seed)
    agree = [i for s in bank.practices for i in s.of_kind("agree")]
    authority = bank.relationship.of_kind("authority")
    focus = bank.relationship.of_kind("focus")
    focus_values = ["task", "mostly-task", "balanced", "mostly-relationship", "relationship"]
    written, pair_no = 0, 0
    start = datetime(2024, 1, 8, 9, 0, tzinfo=timezone.utc)
    while written < n:
        pair_no += 1
        size = 3 if rng.random() < 0.2 else 2
        names = rng.sample(NAMES, size)
        roles = rng.choice(ROLES) + ("Commissioner",)
        partners = [Partner(id=f"{nm.lower()}", name=nm, role=roles[k]) for k, nm in enumerate(names)]
        pair = f"{'-'.join(p.id for p in partners)}-{pair_no}"
        ids = [p.id for p in partners]
        sittings = min(rng.randint(2, 8), n - written)
        for k in range(sittings):
            when = start + timedelta(days=rng.randint(0, 60) + 90 * k, minutes=rng.randint(0, 600))
            answers = {}
            for pid in ids:
                a: dict[str, int | str] = {}
                for item in agree:
                    if rng.random() < 0.93:
                        a[item.id] = rng.choice([1, 2, 3, 4, 5, 3, 4, "unsure"])
                for item in authority:
                    other = rng.choice(ids)
                    a[item.id] = rng.choice(["shared", f"more:{other}", f"mostly:{other}"])
                for item in focus:
                    a[item.id] = rng.choice(focus_values)
                answers[pid] = a
            notes = {ids[0]: {"learning.most-useful-lesson": "We listen better when we walk and talk."}}
            agreed = None
            if rng.random() < 0.8:
                agreed = Agreed(practice=rng.randint(1, 5), actions=["Meet monthly."])
            snap = Snapshot(pair=pair, taken_at=when, bank=bank.id, bank_version=bank.version,
                            partners=partners, answers=answers, notes=notes, agreed=agreed)
            write_snapshot(snap, folder / f"cohort-{pair_no % 20:02d}" / pair, bank)
            written += 1
    return written


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one whole process, output discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.strip()}")
    return wall, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of snapshots (default 10000)")
    ap.add_argument("-r", "--rounds", type=int, default=5, help="timed rounds of each (default 5)")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if present)")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="collabcheck-bench-"))
    folder = Path(args.keep) if args.keep else work / "programme"
    cache = work / "cache"
    try:
        if not folder.is_dir() or not any(folder.rglob("*.toml")):
            t0 = time.perf_counter()
            count = generate(folder, args.n)
            print(f"generated {count} snapshots in {time.perf_counter() - t0:.1f} s: {folder}")
        files = sum(1 for _ in folder.rglob("*.toml"))
        size = sum(p.stat().st_size for p in folder.rglob("*.toml")) / 1e6
        print(f"{files} snapshot files, {size:.1f} MB")
        env = dict(os.environ, COLLABCHECK_CACHE_DIR=str(cache), PYTHONDONTWRITEBYTECODE="1")
        baseline = [sys.executable, "-c", BASELINE, str(folder)]
        history = [sys.executable, "-m", "collabcheck", "history", str(folder), "--format", "json"]

        run(baseline, env)  # warm the page cache and the interpreter's files
        # Files written in the last 2 s are never cached (see history_cache.RACY_NS); wait it out.
        time.sleep(2.1)
        base, cold, warm = [], [], []
        for _ in range(args.rounds):
            base.append(run(baseline, env))
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run(history, env))
            warm.append(run(history, env))

        def med(xs: list[tuple[float, float]], k: int) -> float:
            return statistics.median(x[k] for x in xs)

        print(f"\n{'':<28}{'median s':>9}{'min s':>8}{'max s':>8}{'peak MB':>9}")
        for label, xs in (("tomllib parse (baseline)", base), ("history, cold (no cache)", cold),
                          ("history, warm (normal run)", warm)):
            print(f"{label:<28}{med(xs, 0):>9.2f}{min(x[0] for x in xs):>8.2f}"
                  f"{max(x[0] for x in xs):>8.2f}{max(x[1] for x in xs):>9.0f}")
        ratios = [w[0] / p[0] for w, p in zip(warm, base, strict=True)]
        cold_ratios = [c[0] / p[0] for c, p in zip(cold, base, strict=True)]
        ratio = statistics.median(ratios)
        print(f"\nratio warm / tomllib: {ratio:.2f} (goal <= 0.50; per round "
              f"{', '.join(f'{r:.2f}' for r in ratios)})")
        print(f"ratio cold / tomllib: {statistics.median(cold_ratios):.2f} (first run only)")
        peak = max(x[1] for x in cold + warm)
        print(f"peak memory of history: {peak:.0f} MB (goal < 300 MB)")
        ok = ratio <= 0.5 and peak < 300
        print("within the goal" if ok else "NOT within the goal")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
