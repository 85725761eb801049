"""`collabcheck report FILE [--format text|json|markdown] [--output OUT] [--picture SVG]`.

The comparison for one sitting; the Markdown report carries the picture of where each
partner stands as an SVG beside it (see `render.picture_files`).

Kept apart from the app so it never loads Textual: facilitators print reports for board
papers and scripts read the JSON. A file that cannot be read is one line on stderr and exit 2
(the CollabcheckError is printed by cli.main); warnings never stop the report.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from collabcheck.cli.exits import EXIT_OK
from collabcheck.core.errors import CollabcheckError
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
    from collabcheck.render.report import render_text
    from collabcheck.scoring.compare import compare

    fmt = getattr(args, "format", "text") or "text"
    if getattr(args, "picture", None) and fmt != "markdown":
        raise CollabcheckError(None, "--picture goes with --format markdown (the picture is for that report)")
    questions = getattr(args, "questions", None)
    bank = programme_bank = load_bank(Path(questions) if questions else None)
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
    output = Path(args.output) if getattr(args, "output", None) else None
    if fmt == "json":
        data = report_json(comparison)
        if quick:
            data = {**data, "form": "quick", "form_note": _quick_note()}
        text = json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
    elif fmt == "markdown":
        report = _markdown(args, comparison, bank, programme_bank, path, output)
        text = terminal_safe(_with_note(report, quick, "> "))
    else:
        text = terminal_safe(_with_note(render_text(comparison, bank), quick, ""))
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    from collabcheck.core.files import atomic_replace

    try:
        atomic_replace(output, text)
    except OSError as exc:
        raise CollabcheckError(output, f"cannot be written ({exc.strerror or exc})") from None
    return EXIT_OK


def _markdown(
    args: argparse.Namespace, c: Any, bank: Any, programme_bank: Any, path: Path, output: Path | None
) -> str:
    """The Markdown report with its picture under the summary: arrows from the previous
    sitting in the snapshot's folder; the SVG written to --picture, or beside --output (same
    name, .svg), and linked from the report; the sentence always."""
    from collabcheck.render.picture_files import link_from, markdown_report, sitting_picture, write_svg
    from collabcheck.render.words import names_of

    pic = sitting_picture(c, programme_bank, path.resolve().parent)
    picture = getattr(args, "picture", None)
    svg_path = Path(picture) if picture else (output.with_suffix(".svg") if output else None)
    link = None
    if svg_path is not None:
        if output is not None and svg_path.resolve() == output.resolve():
            raise CollabcheckError(output, "is where the picture would go: give the report another name")
        write_svg(svg_path, pic, names_of(c))
        link = link_from(svg_path, output.parent) if output is not None else svg_path.as_posix()
    return markdown_report(c, bank, pic, link)


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
