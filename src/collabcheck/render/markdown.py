"""The comparison view laid out as Markdown for board papers, and the one Markdown escaper.

Everything that came from a person or a file (names, roles, notes, ids, the bank's text) is
escaped, so a name can never become a heading, a link, HTML or a table cell break.
"""

from __future__ import annotations

import re

from collabcheck.render.safe import md_escape
from collabcheck.render.view import Block, Bullets, Label, Para, Quote, Scores, Section, Table
from collabcheck.render.words import display_name, fmt

BLOCK_START = re.compile(r"^(?:[-+=:]|\d+[.)])")


def md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item: one line, special characters escaped
    (the one escaper, `render.safe.md_escape`). Not shortened: names are cut by the caller."""
    return md_escape(display_name(text, max(len(text), 1)))


def md_quote(lines: tuple[str, ...] | list[str]) -> list[str]:
    """Free text as a blockquote that cannot break the document: every character Markdown
    could read as markup is escaped, indentation (code blocks) is dropped, a line that could
    start a list or a heading underline is escaped at its start, and line breaks are kept."""
    out = []
    for n, line in enumerate(lines):
        text = md_escape(line.strip())
        match = BLOCK_START.match(text)
        if match:
            end = match.end() - 1
            text = text[:end] + "\\" + text[end:]
        if text and n + 1 < len(lines) and lines[n + 1].strip():
            text += "\\"  # a hard line break, so the writer's line breaks survive
        out.append(f"> {text}" if text else ">")
    return out


def _row(cells: list[str] | tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _scores_table(blocks: list[Scores]) -> list[str]:
    labels = [r.label for r in blocks[0].rows]
    out = [_row(["Practice", *(md(x) for x in labels), "Apart by"]), "|---" * (len(labels) + 2) + "|"]
    for s in blocks:
        apart = s.apart + (" (seen differently)" if s.differ else "")
        out.append(_row([md(s.title), *(fmt(r.value) for r in s.rows), md(apart)]))
    return out


def block_lines(block: Block) -> list[str]:
    if isinstance(block, Para):
        return [md(block.text), ""]
    if isinstance(block, Label):
        return [f"**{md(block.text)}**", ""]
    if isinstance(block, Bullets):
        out = []
        for n, item in enumerate(block.items, 1):
            out.append(f"{n}. {md(item)}" if block.numbered else f"- {md(item)}")
            if n <= len(block.notes):
                out.append(f"   {md(block.notes[n - 1])}")
        return out + [""]
    if isinstance(block, Table):
        return [
            _row([md(h) for h in block.header]),
            "|---" * len(block.header) + "|",
            *(_row([md(c) for c in r]) for r in block.rows),
            "",
        ]
    if isinstance(block, Quote):
        return md_quote(block.lines) + [""]
    return _scores_table([block]) + [""]


def section_lines(section: Section, level: int = 2) -> list[str]:
    out = [f"{'#' * level} {md(section.heading)}", ""]
    blocks = list(section.blocks)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Scores):  # consecutive practices make one table
            run: list[Scores] = []
            while i < len(blocks) and isinstance(nxt := blocks[i], Scores):
                run.append(nxt)
                i += 1
            out += _scores_table(run) + [""]
            continue
        out += block_lines(block)
        i += 1
    return out
