"""The comparison view laid out as plain text for a terminal: 80 columns, no colour needed.

Every bar has its figure beside it, lists hang their wrapped lines under the first, and no
line is wider than the page (a name or a word too long is broken, never left to spill).
"""

from __future__ import annotations

import textwrap

from collabcheck.render.view import Block, Bullets, Label, Para, Scores, Section, Table
from collabcheck.render.words import bar, display_name, fmt

WIDTH = 80
NAME_COL = 14
BAR = 10


def wrap(text: str, indent: str = "", first: str | None = None, width: int = WIDTH) -> list[str]:
    lead = indent if first is None else first
    return textwrap.wrap(
        text,
        width,
        initial_indent=lead,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def _table(t: Table, width: int) -> list[str]:
    cols = len(t.header)
    widths = [max(len(r[i]) for r in (t.header, *t.rows)) for i in range(cols)]
    spare = width - (sum(widths) + 2 * (cols - 1))
    if spare < 0:
        widths[0] = max(8, widths[0] + spare)
    out = []
    for row in (t.header, *t.rows):
        cells = []
        for i, cell in enumerate(row):
            text = cell if len(cell) <= widths[i] else cell[: widths[i] - 1] + "…"
            cells.append(text.rjust(widths[i]) if i in t.right else text.ljust(widths[i]))
        out.append("  ".join(cells).rstrip())
    return out


def _scores(s: Scores, width: int) -> list[str]:
    number, _, title = s.title.partition(". ")
    lines = [""] + wrap(title, "   ", f"{number}. ", width)
    for row in s.rows:
        name = display_name(row.label, NAME_COL)
        lead = f"   {name:<{NAME_COL}} {bar(row.value, width=BAR)} {fmt(row.value):>3}  "
        lines += wrap(row.note, " " * len(lead), lead, width)
    return lines


def block_lines(block: Block, width: int = WIDTH) -> list[str]:
    """One block as text lines."""
    if isinstance(block, Para):
        return wrap(block.text, width=width)
    if isinstance(block, Label):
        return ["", block.text + ":"]
    if isinstance(block, Bullets):
        out: list[str] = []
        for n, item in enumerate(block.items, 1):
            if block.numbered:
                out += wrap(item, "   ", f"{n}. ", width)
            else:
                out += wrap(item, "  ", "- ", width)
            if n <= len(block.notes):
                out += wrap(block.notes[n - 1], "   ", width=width)
        return out
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Scores):
        return _scores(block, width)
    out = []
    for line in block.lines:
        out += wrap(line.strip(), "    ", width=width) if line.strip() else [""]
    return out


def section_lines(section: Section, width: int = WIDTH) -> list[str]:
    """A section as text: an upper-case heading, underlined, then its blocks."""
    lines = ["", section.heading.upper(), "-" * len(section.heading)]
    previous: Block | None = None
    for block in section.blocks:
        if isinstance(block, Para) and previous is not None and not isinstance(previous, Label):
            lines.append("")
        lines += block_lines(block, width)
        previous = block
    return lines
