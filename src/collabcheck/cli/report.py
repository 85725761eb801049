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


def bank_warning(
    path: Path, snapshot_bank: str, snapshot_version: int, bank_id: str, bank_version: int
) -> str | None:
    """One line when the sitting used other questions than this report does, else None."""
    if snapshot_bank != bank_id:
        return (
            f"{path}: warning: answered with question bank '{snapshot_bank}' version "
            f"{snapshot_version}, reported with '{bank_id}' version {bank_version}; answers "
            "are matched by question id and the rest are listed as unknown"
        )
    if snapshot_version != bank_version:
        return (
            f"{path}: warning: answered with version {snapshot_version} of the questions, "
            f"reported with version {bank_version}; questions that changed are listed as unknown"
        )
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
    quick = getattr(snapshot, "form", None) == "quick"
    if quick:  # read with the questions a quick check-in asked (core/forms.py)
        from collabcheck.core.forms import form_bank, quick_form

        form = quick_form(bank)
        bank = form_bank(bank, form) if form is not None else bank
    comparison = compare(snapshot, bank)
    fmt = getattr(args, "format", "text") or "text"
    if fmt == "json":
        data = report_json(comparison)
        if quick:
            data = {**data, "form": "quick", "form_note": _quick_note()}
        text = json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    elif fmt == "markdown":
        text = terminal_safe(_with_note(render_markdown(comparison, bank), quick, "> "))
    else:
        text = terminal_safe(_with_note(render_text(comparison, bank), quick, ""))
    sys.stdout.write(text)
    return EXIT_OK


def _quick_note() -> str:
    from collabcheck.render.quick import QUICK_READING

    return QUICK_READING


def _with_note(report: str, quick: bool, prefix: str) -> str:
    """A quick check-in's report says first, under its title, what a quick form can and cannot tell."""
    if not quick:
        return report
    import textwrap

    title, _, rest = report.partition("\n\n")
    note = textwrap.fill(_quick_note(), 80 - len(prefix), initial_indent=prefix, subsequent_indent=prefix)
    return f"{title}\n\n{note}\n\n{rest}"
