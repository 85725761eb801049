"""`collabcheck report FILE [--format text|json|markdown]`: the comparison for one sitting.

Kept apart from the app so it never loads Textual: facilitators print reports for board
papers and scripts read the JSON. A file that cannot be read is one line on stderr and exit 2
(the CollabcheckError is printed by cli.main); warnings never stop the report.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from collabcheck.cli.exits import EXIT_OK
from collabcheck.render.safe import json_safe, safe_line, terminal_safe


def bank_warning(path: Path, snapshot_bank: str, snapshot_version: int, bank_id: str,
                 bank_version: int) -> str | None:
    """One line when the sitting used other questions than this report does, else None."""
    if snapshot_bank != bank_id:
        return (f"{path}: warning: answered with question bank '{snapshot_bank}' version "
                f"{snapshot_version}, reported with '{bank_id}' version {bank_version}; answers "
                "are matched by question id and the rest are listed as unknown")
    if snapshot_version != bank_version:
        return (f"{path}: warning: answered with version {snapshot_version} of the questions, "
                f"reported with version {bank_version}; questions that changed are listed as unknown")
    return None


def run_report(args: argparse.Namespace) -> int:
    """Load the bank, read and check the snapshot, compare, print in the chosen format."""
    from collabcheck.core.bank import load_bank, load_bank_for
    from collabcheck.core.snapshot import read_snapshot
    from collabcheck.render.json import report_json
    from collabcheck.render.report import render_markdown, render_text
    from collabcheck.scoring.compare import compare

    questions = getattr(args, "questions", None)
    bank = load_bank(Path(questions) if questions else None)
    path = Path(args.file)
    warnings: list[str] = []
    snapshot = read_snapshot(path, bank, warnings)
    bank = load_bank_for(snapshot.bank, snapshot.bank_version, bank)  # the questions they saw
    note = bank_warning(path, snapshot.bank, snapshot.bank_version, bank.id, bank.version)
    if note:
        warnings.append(note)
    for line in warnings:
        sys.stderr.write(safe_line(line) + "\n")
    comparison = compare(snapshot, bank)
    fmt = getattr(args, "format", "text") or "text"
    if fmt == "json":
        text = json_safe(json.dumps(report_json(comparison), indent=2, ensure_ascii=False)) + "\n"
    elif fmt == "markdown":
        text = terminal_safe(render_markdown(comparison, bank))
    else:
        text = terminal_safe(render_text(comparison, bank))
    sys.stdout.write(text)
    return EXIT_OK
