"""The comparison view drawn for the Together screen: the same sections and sentences as the
reports, as Rich renderables. Every word is plain `Text`, never markup, so a name or a note
typed with brackets is shown exactly as typed."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table as RichTable
from rich.text import Text

from collabcheck.render.view import Block, Bullets, Label, Para, Quote, Scores, Section, Table
from collabcheck.render.words import display_name, fmt


def _bullets(b: Bullets) -> RichTable:
    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for n, item in enumerate(b.items, 1):
        text = Text(item)
        if n <= len(b.notes):
            text.append("\n" + b.notes[n - 1], style="dim")
        grid.add_row(f"{n}." if b.numbered else "•", text)
    return grid


def scores_table(blocks: list[Scores], suggested: int | None = None) -> RichTable:
    """Practice by practice: each partner's score, the combined score and how far apart."""
    names = [r.label for r in blocks[0].rows[:-1]]
    table = RichTable(box=None, pad_edge=False, show_edge=False, padding=(0, 1), expand=True)
    table.add_column("Practice", overflow="ellipsis", no_wrap=True, ratio=1)
    limit = 8 if len(names) <= 3 else 5  # six partners still leave room for the practice
    for name in names:
        short = display_name(name, limit)
        table.add_column(Text(short), justify="right", no_wrap=True, min_width=max(4, len(short)))
    table.add_column("Combined", justify="right", no_wrap=True, min_width=8)
    table.add_column("Apart by", justify="right", no_wrap=True, min_width=8)
    for s in blocks:
        number = s.title.split(".", 1)[0]
        mark = "*" if suggested is not None and number == str(suggested) else " "
        table.add_row(
            Text(f"{number}{mark}{s.title[len(number) + 1 :]}"), *[fmt(r.value) for r in s.rows], s.apart
        )
    return table


def block_renderable(block: Block) -> RenderableType:
    if isinstance(block, Para):
        return Text(block.text)
    if isinstance(block, Label):
        return Text(f"\n{block.text}:", style="bold")
    if isinstance(block, Bullets):
        return _bullets(block)
    if isinstance(block, Quote):
        return Text("\n".join(f"  {line}" for line in block.lines), style="italic")
    if isinstance(block, Table):
        t = RichTable(box=None, pad_edge=False, show_edge=False, padding=(0, 1))
        for n, h in enumerate(block.header):
            t.add_column(Text(h), justify="right" if n in block.right else "left")
        for row in block.rows:
            t.add_row(*[Text(c) for c in row])
        return t
    return scores_table([block])


def section_renderable(section: Section, suggested: int | None = None) -> RenderableType:
    """One section's blocks, in order; consecutive practice scores make one table."""
    parts: list[RenderableType] = []
    blocks = list(section.blocks)
    i = 0
    while i < len(blocks):
        if isinstance(blocks[i], Scores):
            run: list[Scores] = []
            while i < len(blocks) and isinstance(nxt := blocks[i], Scores):
                run.append(nxt)
                i += 1
            parts.append(scores_table(run, suggested))
            if suggested is not None:
                parts.append(Text("* suggested to work on next (reasons below)."))
            continue
        parts.append(block_renderable(blocks[i]))
        i += 1
    return Group(*parts)
