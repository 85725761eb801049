"""Benchmark: `collabcheck history --format json` against parsing the same files with tomllib.

The goals: for a programme of 10,000 snapshots, a first (cold) history takes
at most half the time that merely parsing the files with Python's own `tomllib` takes, a later
(warm) one at most a twentieth, and neither uses more than 300 MB.
This script makes a realistic programme with collabcheck's own writer and the shipped bank
(many partnerships, 2–3 partners each, several sittings each), then times each command as a
whole process (start-up included), several times in turn, and prints the medians, the
ratios and the peak memory (maximum resident set size of the process, from the kernel).

    python bench/history_bench.py              # 10,000 snapshots, 3 rounds
    python bench/history_bench.py -n 2000 -r 3

"cold" is a first run with an empty cache (every file read and compared); "warm" is the
normal run once the cache knows the files. Each round runs the baseline, then cold, then warm,
back to back, and each ratio is taken within its round; min, median and max are printed.
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

COLD_GOAL, WARM_GOAL, PEAK_GOAL_MB = 0.5, 0.05, 300

ROLES = [
    ("Consultant", "Patient partner"),
    ("GP", "Carer"),
    ("Ward sister", "Patient partner"),
    ("Service manager", "Patient partner"),
    ("Physiotherapist", "Community member"),
]
NAMES = [
    "Alex",
    "Bea",
    "Chidi",
    "Dana",
    "Eitan",
    "Fatima",
    "Gwen",
    "Hamid",
    "Ines",
    "Jamal",
    "Kasia",
    "Luis",
    "Mei",
    "Niamh",
    "Olu",
    "Pia",
    "Raj",
    "Sian",
    "Tariq",
    "Uma",
]


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
            snap = Snapshot(
                pair=pair,
                taken_at=when,
                bank=bank.id,
                bank_version=bank.version,
                partners=partners,
                answers=answers,
                notes=notes,
                agreed=agreed,
            )
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


def verdict(cold_ratios: list[float], warm_ratios: list[float], peak: float) -> int:
    """Say whether the medians and the peak memory are within the goals; 0 when they are."""
    checks = {
        "cold": statistics.median(cold_ratios) <= COLD_GOAL,
        "warm": statistics.median(warm_ratios) <= WARM_GOAL,
        "memory": peak < PEAK_GOAL_MB,
    }
    ok = all(checks.values())
    print(
        "within the goals"
        if ok
        else "NOT within the goals: " + ", ".join(k for k, v in checks.items() if not v)
    )
    return 0 if ok else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of snapshots (default 10000)")
    ap.add_argument("-r", "--rounds", type=int, default=3, help="timed rounds of each (default 3)")
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

        def stats(xs: list[float]) -> str:
            return f"{min(xs):>8.2f}{statistics.median(xs):>9.2f}{max(xs):>8.2f}"

        print(f"\n{'':<30}{'min':>8}{'median':>9}{'max':>8}{'peak MB':>9}")
        for label, xs in (
            ("tomllib parse (baseline), s", base),
            ("history, cold (no cache), s", cold),
            ("history, warm (normal run), s", warm),
        ):
            print(f"{label:<30}{stats([x[0] for x in xs])}{max(x[1] for x in xs):>9.0f}")
        # Each ratio is taken within one round (baseline, cold and warm run back to back), so
        # a busy machine slows all three alike.
        cold_ratios = [c[0] / p[0] for c, p in zip(cold, base, strict=True)]
        warm_ratios = [w[0] / p[0] for w, p in zip(warm, base, strict=True)]
        print(f"{'ratio cold / tomllib':<30}{stats(cold_ratios)}   goal <= {COLD_GOAL}")
        print(f"{'ratio warm / tomllib':<30}{stats(warm_ratios)}   goal <= {WARM_GOAL}")
        peak = max(x[1] for x in cold + warm)
        print(f"peak memory of history: {peak:.0f} MB (goal < {PEAK_GOAL_MB} MB)")
        return verdict(cold_ratios, warm_ratios, peak)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
