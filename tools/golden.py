"""Golden outputs: every report format over a set of snapshots, and history, saved to a folder.

Refactors and speed-ups must not change a figure or a word. Run this before a change and after
it, on the same snapshots, then `diff -r before after`:

    python tools/golden.py make-snapshots /tmp/golden/snaps      # 200 seeded random sittings
    python tools/golden.py outputs /tmp/golden/snaps /tmp/golden/before --questions questions
    ... change the code ...
    python tools/golden.py outputs /tmp/golden/snaps /tmp/golden/after --questions questions
    diff -r /tmp/golden/before /tmp/golden/after

Commands run in-process through `collabcheck.cli.main`, so 600 reports take seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import shutil
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NAMES = [
    "Alice",
    "Sam",
    "Dr Clin",
    "Kim",
    "Ngozi O'Brien",
    "Zoë",
    "李华",
    'Pat "PJ" Jones',
    "Ravi",
    "Mei",
    "Tom",
    "Jo",
    "a|b*c_",
    "<b>x</b>",
]
FOCUS = ["task", "mostly-task", "balanced", "mostly-relationship", "relationship"]


def _main():
    from collabcheck.cli import main

    return main


def make_snapshots(folder: Path, n: int = 200, seed: int = 7, questions: str | None = None) -> None:
    """Write n varied sittings (2–6 partners, skips, not sure, whole practices skipped)."""
    from collabcheck.core.bank import load_bank
    from collabcheck.core.snapshot import Agreed, Partner, Snapshot, write_snapshot

    bank = load_bank(Path(questions) if questions else None)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime(2025, 1, 6, 9, 0, tzinfo=timezone(timedelta(hours=rng.choice([0, 1]))))
    for k in range(n):
        size = rng.choice([2, 2, 2, 2, 3, 3, 4, 6])
        names = rng.sample(NAMES, size)
        ids = [f"p{j}-{k}" for j in range(size)]
        answers: dict[str, dict[str, object]] = {}
        for pid in ids:
            mode = rng.choice(["full", "some", "some", "none", "same"])
            table: dict[str, object] = {}
            for section in bank.sections:
                if mode == "some" and rng.random() < 0.15:
                    continue
                for item in section.items:
                    if mode == "some" and rng.random() < 0.25:
                        continue
                    if item.kind == "agree":
                        table[item.id] = "unsure" if rng.random() < 0.08 else rng.randint(1, 5)
                    elif item.kind == "focus":
                        table[item.id] = rng.choice(FOCUS)
                    elif item.kind == "authority":
                        r = rng.random()
                        table[item.id] = (
                            "shared" if r < 0.4 else f"{rng.choice(['more', 'mostly'])}:{rng.choice(ids)}"
                        )
            if mode == "none":
                table = {}
            if mode == "same" and answers:
                table = dict(next(iter(answers.values())))
            answers[pid] = table
        notes = {}
        reflect = [i for i in bank.items_by_id.values() if i.kind == "reflect"]
        if reflect and rng.random() < 0.4:
            notes = {ids[0]: {reflect[0].id: "We learnt *a lot*.\n\n- even <this>"}}
        agreed = Agreed(practice=rng.randint(1, 5), actions=["Meet monthly"]) if rng.random() < 0.5 else None
        pair = rng.choice(["alpha", "beta", "gamma", "delta"]) + f"-{k % 17}"
        snap = Snapshot(
            pair=pair,
            taken_at=start + timedelta(days=3 * k, minutes=k),
            bank=bank.id,
            bank_version=bank.version,
            partners=[
                Partner(id=i, name=nm, role=rng.choice(["", "GP", "Carer"]))
                for i, nm in zip(ids, names, strict=True)
            ],
            answers={p: t for p, t in answers.items() if t},
            notes=notes,
            agreed=agreed,
        )
        write_snapshot(snap, folder, bank)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = _main()(argv)
    return code, out.getvalue(), err.getvalue()


def outputs(snaps: Path, target: Path, questions: str | None) -> None:
    """Every report format for every snapshot in `snaps` and examples/, and history of both."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    q = ["--questions", questions] if questions else []
    files = sorted(snaps.rglob("*.toml")) + sorted((ROOT / "examples").rglob("*.toml"))
    for f in files:
        for fmt in ("text", "markdown", "json"):
            code, out, err = run(["report", str(f), "--format", fmt, *q])
            (target / f"{f.parent.name}--{f.stem}.{fmt}").write_text(f"exit {code}\n{err}\n{out}")
    for folder in (snaps, ROOT / "examples"):
        for fmt in ("text", "markdown", "json"):
            code, out, err = run(["history", str(folder), "--format", fmt, *q])
            out = out.replace(str(folder), "<folder>")
            (target / f"history--{folder.name}.{fmt}").write_text(f"exit {code}\n{err}\n{out}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make-snapshots")
    m.add_argument("folder", type=Path)
    m.add_argument("-n", type=int, default=200)
    m.add_argument("--questions")
    o = sub.add_parser("outputs")
    o.add_argument("snaps", type=Path)
    o.add_argument("target", type=Path)
    o.add_argument("--questions")
    args = p.parse_args()
    if args.cmd == "make-snapshots":
        make_snapshots(args.folder, args.n, questions=args.questions)
    else:
        outputs(args.snaps, args.target, args.questions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
