"""The picture beside a Markdown report: one way to find it, write it and link it.

A one-sitting report (`collabcheck report --format markdown`, the app's and plain mode's
Markdown report) and a programme's board paper (`collabcheck cohort --pictures`) both carry
each picture as an SVG file beside the Markdown, linked from it and followed by its sentence.
They share this module so the file is written, and the arrows found, the same way in each.
The arrows start where each partner stood at the partnership's previous sitting, read from
the folder of sittings through the cohort's cache (`history.cohort_read.previous_places`).
"""

from __future__ import annotations

import os
from pathlib import Path

from collabcheck.core.bank import Bank
from collabcheck.core.errors import CollabcheckError
from collabcheck.history.picture import Picture, picture
from collabcheck.scoring.results import Comparison


def sitting_picture(c: Comparison, bank: Bank, folder: Path | None) -> Picture:
    """The picture of sitting `c`, with arrows from the partnership's latest earlier sitting
    in `folder` (its own files, not those below it: sittings are saved side by side, and a
    report of a file in a big folder must stay quick; none without an earlier sitting)."""
    from collabcheck.history.cohort_read import previous_places

    before = None
    if folder is not None and folder.is_dir():
        before = previous_places(folder, bank, c.pair, c.taken_at.timestamp(), flat=True) or None
    return picture(c, before)


def write_svg(path: Path, pic: Picture, names: dict[str, str], you: bool = True) -> None:
    """Write the picture's SVG to `path` atomically, replacing it; a problem is one line
    naming the file (a CollabcheckError), never a traceback."""
    from collabcheck.core.files import atomic_replace
    from collabcheck.render.picture import svg

    try:
        atomic_replace(path, svg(pic, names, you))
    except OSError as exc:
        raise CollabcheckError(path, f"cannot be written ({exc.strerror or exc})") from None


def link_from(svg_path: Path, markdown_dir: Path) -> str:
    """The SVG's path as the Markdown in `markdown_dir` should link it: relative to that folder."""
    return os.path.relpath(svg_path.resolve(), markdown_dir.resolve())


def markdown_report(c: Comparison, bank: Bank, pic: Picture, svg_link: str | None) -> str:
    """The Markdown report of `c` with its picture under the summary: the SVG linked as
    `svg_link` (none when no SVG was written), then the sentence, always."""
    from collabcheck.render.picture import markdown
    from collabcheck.render.report import render_markdown
    from collabcheck.render.words import names_of

    return render_markdown(c, bank, picture=markdown(pic, names_of(c), svg_link))


def write_report_beside(directory: Path, stem: str, c: Comparison, bank: Bank) -> tuple[Path, Path]:
    """The app's and plain mode's Markdown report: `<stem>.svg`, then `<stem>.md` linking it,
    in `directory` (the snapshot's folder, where the previous sitting is looked for too),
    never replacing a file already there (`-2`… is added instead). Returns (markdown, svg);
    raises OSError when the folder cannot be written."""
    from collabcheck.core.files import atomic_write_new
    from collabcheck.render.picture import svg
    from collabcheck.render.words import names_of

    pic = sitting_picture(c, bank, directory)
    svg_path = atomic_write_new(directory, stem + ".svg", svg(pic, names_of(c)))
    md = markdown_report(c, bank, pic, svg_path.name)
    return atomic_write_new(directory, stem + ".md", md), svg_path
