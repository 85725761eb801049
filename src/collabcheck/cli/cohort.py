"""`collabcheck cohort [DIR] [--format text|markdown|json|csv] [--hide-names] [--overdue-months N]`.

For a facilitator running a programme: one row per partnership, those needing attention
first. Kept apart from the app so it never loads Textual (scripts and CI run it over a whole
repository). Files that cannot be read are listed on stderr (in JSON, under `skipped`) and
never hide the others. The CSV is the one export that needs every answer, so it compares
each sitting again (in several processes for a big programme) rather than bloating the
cache every other format reads.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from collabcheck.cli.exits import EXIT_OK
from collabcheck.core.errors import CollabcheckError
from collabcheck.render.safe import json_safe, safe_line, terminal_safe


def run_cohort(args: argparse.Namespace) -> int:
    """Print the programme; usage problems are one line on stderr and exit 2.

    As for history, Python's cycle collector is paused while thousands of small records are
    made (there are no cycles to find: `cycle_collector_paused`).
    """
    from collabcheck.cli.history import cycle_collector_paused

    with cycle_collector_paused():
        return _run(args)


def _folder(args: argparse.Namespace) -> Path:
    from collabcheck.cli.history import checked_folder

    return checked_folder(args, "cohort")


def _run(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from collabcheck.cli.history import cache_beside_output
    from collabcheck.core.bank import load_bank
    from collabcheck.core.git import state_of
    from collabcheck.history.cohort import load_cohort
    from collabcheck.history.cohort_read import CohortScanned

    months = getattr(args, "overdue_months", 6)
    if months is None or months < 1 or months > 1200:
        raise CollabcheckError(
            None, f"--overdue-months must be a whole number of months from 1 to 1200, not {months}"
        )
    pictures = getattr(args, "pictures", None)
    if pictures and fmt_of(args) != "markdown":
        raise CollabcheckError(
            None, "--pictures goes with --format markdown (the pictures are for a board paper)"
        )
    folder = _folder(args)
    questions = getattr(args, "questions", None)
    bank = load_bank(Path(questions) if questions else None)
    fmt = fmt_of(args)
    hide = bool(getattr(args, "hide_names", False))
    workers = min(8, os.cpu_count() or 1)
    today = datetime.now(timezone.utc).date()
    scanned = CohortScanned(folder, bank)
    with cache_beside_output(scanned.cache):
        # The output depends on the day (overdue) and on what is committed, so both are in the key.
        state = scanned.state(
            "cohort", fmt, str(hide), str(months), today.isoformat(), str(folder), state_of(folder)
        )
        kept = None if pictures or fmt == "csv" else scanned.cache.output(state)
        if kept is not None:  # nothing in the folder, the bank, collabcheck or the day has changed
            sys.stdout.write(kept)
            return EXIT_OK
        cohort = load_cohort(folder, bank, today, months, workers=workers, scanned=scanned)
        if not hide:
            for s in cohort.history.skipped:
                sys.stderr.write(safe_line(str(s)) + "\n")
        if fmt == "csv":  # every answer of every sitting: written as it is made, never held whole
            write_csv(cohort, bank, hide, workers)
            return EXIT_OK
        if pictures:
            from collabcheck.render.cohort import render_markdown

            text = terminal_safe(render_markdown(cohort, hide, write_pictures(cohort, Path(pictures), hide)))
        else:
            text = _output(cohort, bank, fmt, hide, workers)
        sys.stdout.write(text)
        if not cohort.history.skipped and not pictures:  # kept output has no stderr to replay
            scanned.cache.save_output(state, text)
        return EXIT_OK


def fmt_of(args: argparse.Namespace) -> str:
    return getattr(args, "format", "text") or "text"


def write_pictures(cohort: Any, folder: Path, hide: bool) -> dict[str, str]:
    """Each partnership's picture as `<pair>.svg` (or `<code>.svg`) in `folder`, written
    atomically; the file names by partnership, for the Markdown's links."""
    from collabcheck.render.cohort import Names, picture_names
    from collabcheck.render.picture_files import write_svg

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CollabcheckError(folder, f"folder cannot be made ({exc.strerror or exc})") from None
    names = Names(hide)
    out = {}
    for row in cohort.rows:
        name = f"{row.code if hide else row.pair}.svg"  # a pair is a slug: safe as a file name
        write_svg(folder / name, row.picture(), picture_names(row, names), you=False)
        out[row.pair] = name
    return out


def _output(cohort: Any, bank: Any, fmt: str, hide: bool, workers: int) -> str:
    from collabcheck.render import cohort as words

    if fmt == "json":
        return json_safe(json.dumps(words.render_json(cohort, hide), ensure_ascii=False)) + "\n"
    if fmt == "markdown":
        return terminal_safe(words.render_markdown(cohort, hide))
    return terminal_safe(words.render_text(cohort, hide))


CSV_PIECE = 400  # sittings compared and written at a time, so memory stays flat


def write_csv(cohort: Any, bank: Any, hide: bool, workers: int = 1) -> None:
    """Every sitting's tidy rows to stdout, partnerships in the cohort's order, sittings
    oldest first; compared in `workers` processes, a piece at a time."""
    import csv

    from collabcheck.core.parallel import fork_map
    from collabcheck.render.cohort import CSV_COLUMNS
    from collabcheck.render.cohort import csv_rows as rows_of

    jobs = [
        (row.code if hide else row.pair, row.partner_codes if hide else None, s.file)
        for row in cohort.rows
        for s in row.history.sittings
    ]

    def one(job: tuple[str, dict[str, str] | None, str]) -> list[list[Any]]:
        comparison = compare_file(job[2], bank)
        return [] if comparison is None else rows_of(comparison, job[0], job[1], job[2])

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for start in range(0, len(jobs), CSV_PIECE):
        for rows in fork_map(one, jobs[start : start + CSV_PIECE], workers):
            for r in rows:  # a file name is the one cell from outside collabcheck: shown safe
                r[-1] = terminal_safe(r[-1])
            writer.writerows(rows)


def compare_file(path: str, bank: Any) -> Any:
    """The full comparison of one file, as `report` makes it; None if it cannot be read now
    (it was read a moment ago, so it changed since: the cohort's own list still stands)."""
    from collabcheck.core.bank import load_bank_for
    from collabcheck.core.errors import SnapshotError
    from collabcheck.core.files import read_toml
    from collabcheck.core.snapshot import check_snapshot
    from collabcheck.scoring.compare import compare

    try:
        snapshot = check_snapshot(read_toml(Path(path), SnapshotError), path, bank, [])
    except (CollabcheckError, ValueError, TypeError, RecursionError, MemoryError):
        return None
    return compare(snapshot, load_bank_for(snapshot.bank, snapshot.bank_version, bank))
