"""Benchmark: `collabcheck cohort` against parsing the same files with tomllib, in one run.

The goal is history's own (bench/history_bench.py): for a programme of 10,000 snapshots, a
first (cold) cohort takes at most half the time tomllib alone takes to parse the files, a
later (warm) one at most a twentieth, and under 300 MB. The programme is the one
history_bench.py makes. `history --format json` is timed beside it, so the two commands'
ratios come from the same run; the CSV export (every answer of every sitting, compared
again) is timed too and reported against the same baseline, without a goal.

    python bench/cohort_bench.py              # 10,000 snapshots, 3 rounds
    python bench/cohort_bench.py -n 2000 -r 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history_bench import BASELINE, COLD_GOAL, PEAK_GOAL_MB, WARM_GOAL, generate, verdict


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, the process and the workers it waited for)
    and peak memory (MB) of one whole process, output discarded. On a shared, busy machine
    the CPU seconds are the steadier measure; both ratios are printed."""
    import subprocess

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed: {err.strip()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of snapshots (default 10000)")
    ap.add_argument("-r", "--rounds", type=int, default=3, help="timed rounds (default 3)")
    ap.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (reused if present)")
    ap.add_argument("--no-csv", action="store_true", help="skip timing the CSV export")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="collabcheck-cohort-bench-"))
    folder = Path(args.keep) if args.keep else work / "programme"
    cache = work / "cache"
    try:
        if not folder.is_dir() or not any(folder.rglob("*.toml")):
            t0 = time.perf_counter()
            count = generate(folder, args.n)
            print(f"generated {count} snapshots in {time.perf_counter() - t0:.1f} s: {folder}")
        print(f"{sum(1 for _ in folder.rglob('*.toml'))} snapshot files")
        env = dict(os.environ, COLLABCHECK_CACHE_DIR=str(cache), PYTHONDONTWRITEBYTECODE="1")
        baseline = [sys.executable, "-c", BASELINE, str(folder)]
        me = [sys.executable, "-m", "collabcheck"]
        cohort = [*me, "cohort", str(folder), "--format", "json"]
        history = [*me, "history", str(folder), "--format", "json"]
        csv = [*me, "cohort", str(folder), "--format", "csv"]
        run(baseline, env)
        time.sleep(2.1)  # files written in the last 2 s are never cached
        times: dict[str, list[tuple[float, float, float]]] = {
            k: [] for k in ("base", "cold", "warm", "history", "csv")
        }
        for _ in range(args.rounds):
            times["base"].append(run(baseline, env))
            shutil.rmtree(cache, ignore_errors=True)
            times["cold"].append(run(cohort, env))
            times["warm"].append(run(cohort, env))
            times["history"].append(run(history, env))
            if not args.no_csv:
                times["csv"].append(run(csv, env))

        def stats(xs: list[float]) -> str:
            return f"{min(xs):>8.2f}{statistics.median(xs):>9.2f}{max(xs):>8.2f}"

        labels = {
            "base": "tomllib parse (baseline), s",
            "cold": "cohort, cold (no cache), s",
            "warm": "cohort, warm (normal run), s",
            "history": "history, cold (no cache), s",
            "csv": "cohort CSV (warm cache), s",
        }
        goals = {"cold": COLD_GOAL, "warm": WARM_GOAL}
        ratios: dict[str, list[float]] = {}
        for n, what in ((0, "wall"), (1, "CPU")):
            print(f"\n{what + ' time':<30}{'min':>8}{'median':>9}{'max':>8}{'peak MB':>9}")
            for key, label in labels.items():
                if times[key]:
                    print(
                        f"{label:<30}{stats([x[n] for x in times[key]])}{max(x[2] for x in times[key]):>9.0f}"
                    )
            for key in ("cold", "warm", "history", "csv"):
                if times[key]:
                    xs = [t[n] / b[n] for t, b in zip(times[key], times["base"], strict=True)]
                    ratios[f"{key} {what}"] = xs
                    goal = f"   goal <= {goals[key]}" if key in goals else ""
                    print(f"{'ratio ' + key + ' / tomllib':<30}{stats(xs)}{goal}")
        peak = max(x[2] for k in ("cold", "warm") for x in times[k])
        print(f"peak memory of cohort: {peak:.0f} MB (goal < {PEAK_GOAL_MB} MB)")
        return verdict(ratios["cold wall"], ratios["warm wall"], peak)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
