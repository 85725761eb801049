"""Where each partner stands, drawn in the terminal: a small plane of letters, and the sentence.

The same picture as the Markdown report's SVG (`collabcheck.render.picture`), for the app:
each partner is their letter (in bold where they stand now, in lower case where they stood
last time, with dots between), so nothing depends on colour; the sentence beneath says
everything the picture shows, for anyone who prefers words. About 30 columns wide and 11
rows plus the sentence, so it fits beside or under the Together summary at 80×24.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.widgets import Static

from collabcheck.history.picture import Picture, picture
from collabcheck.render.picture import letters, sentence
from collabcheck.render.safe import terminal_safe
from collabcheck.render.words import display_name

WIDTH, HEIGHT = 21, 7  # the plane in cells: −2…2 across in 5 cells a unit, up in 1.5 rows a unit


def cell(say: float, attention: float) -> tuple[int, int]:
    """(column, row) of a place on the plane; row 0 is the top (all on the relationship)."""
    col = round((max(-2.0, min(2.0, say)) + 2) / 4 * (WIDTH - 1))
    row = round((2 - max(-2.0, min(2.0, attention))) / 4 * (HEIGHT - 1))
    return col, row


def _trail(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
    """The cells strictly between a and b on a straight line."""
    steps = max(abs(b[0] - a[0]), abs(b[1] - a[1]))
    return [
        (round(a[0] + (b[0] - a[0]) * k / steps), round(a[1] + (b[1] - a[1]) * k / steps))
        for k in range(1, steps)
    ]


def grid(pic: Picture, names: dict[str, str]) -> list[list[tuple[str, str]]]:
    """The plane as rows of (character, style): axes, trails, last time's and today's letters."""
    rows = [[("┄" if r == HEIGHT // 2 else " ", "dim") for _ in range(WIDTH)] for r in range(HEIGHT)]
    for r in range(HEIGHT):
        rows[r][WIDTH // 2] = ("┼" if r == HEIGHT // 2 else "┆", "dim")
    mark = letters(names)
    now_cells = {}
    for a in pic.arrows:
        point = a.now.point
        if point is None:
            continue
        here = cell(*point)
        now_cells[a.pid] = here
        before = a.before.point if a.before is not None else None
        if a.moved is not None and before is not None:
            there = cell(*before)
            if there != here:
                for c, r in _trail(there, here):
                    rows[r][c] = ("·", "")
                rows[there[1]][there[0]] = (mark.get(a.pid, "?").lower(), "")
    for pid, (c, r) in now_cells.items():
        rows[r][c] = (mark.get(pid, "?"), "bold reverse")
    return rows


def picture_text(pic: Picture, names: dict[str, str]) -> Text:
    """The whole widget's content: the plane with its labels and a key, then the sentence."""
    mark = letters(names)
    key = [f"{mark.get(pid, '?')} {display_name(n, 24)}" for pid, n in names.items()]
    if pic.has_before:
        key.append("small letters: last time")
    for p in pic.outside:
        key.append(f"Outside: {mark.get(p.pid, '?')} {p.outside} of {p.outside + p.placed}")
    side = ["↑ Relationship", *key]
    rest = side[HEIGHT + 1 :]  # a key longer than the plane goes on beneath it
    side = side[: HEIGHT + 1] + [""] * (HEIGHT + 1 - len(side)) + ["↓ Task"]
    out = Text()
    mid = 1 + WIDTH // 2  # the column of "shared", counting the box's left edge
    lines: list[tuple[str, list[tuple[str, str]] | None]] = [("┌" + "─" * WIDTH + "┐", None)]
    lines += [("│", row) for row in grid(pic, names)]
    for n, (edge, row) in enumerate(lines):
        out.append(edge)
        if row is not None:
            for ch, style in row:
                out.append(ch, style=style)
            out.append("│")
        out.append("  " + terminal_safe(side[n]) + "\n")
    out.append("└" + "─" * WIDTH + "┘  " + side[-1] + "\n")
    out.append("Others".ljust(mid - 3) + "Shared".ljust(WIDTH - mid + 3) + "Me\n")
    for line in rest:
        out.append(terminal_safe(line) + "\n")
    out.append("\n")
    out.append(terminal_safe(sentence(pic, names)))
    return out


class PictureView(Static):
    """The picture of one sitting: `PictureView(picture, names)`, or `show(...)` later.

    `names` are the partners' names by id, in sitting order (`render.words.names_of`).
    """

    DEFAULT_CSS = """
    PictureView { width: 100%; max-width: 80; height: auto; padding: 0 1; }
    """

    def __init__(
        self, picture: Picture | None = None, names: dict[str, str] | None = None, **kwargs: object
    ) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.picture = picture
        self.names = names or {}

    def on_mount(self) -> None:
        if self.picture is not None:
            self.show(self.picture, self.names)

    def show(self, picture: Picture, names: dict[str, str]) -> None:
        """Draw (or redraw) the picture of a sitting."""
        self.picture, self.names = picture, names
        self.update(picture_text(picture, names))

    def show_sitting(
        self, comparison: Any, snapshot_dir: Path | None, bank: Any, cached: bool = True
    ) -> None:
        """Draw a sitting at once, then add the arrows from the partnership's previous sitting
        in `snapshot_dir` when it has been read (in a thread: a programme's folder can hold
        thousands of sittings; they are read through the cohort's cache, or with
        `cached=False` without writing one: the demo writes nothing)."""
        from collabcheck.render.words import names_of

        names = names_of(comparison)
        self.show(picture(comparison), names)
        if snapshot_dir is not None:
            self._arrows(comparison, Path(snapshot_dir), bank, names, cached)

    @work(thread=True, exclusive=True, group="picture")
    def _arrows(
        self, comparison: Any, snapshot_dir: Path, bank: Any, names: dict[str, str], cached: bool
    ) -> None:
        from collabcheck.history.cohort_read import previous_places

        if not snapshot_dir.is_dir():
            return
        ts = comparison.taken_at.timestamp()
        before = previous_places(snapshot_dir, bank, comparison.pair, ts, cache_dir=cached)
        if before:
            self.app.call_from_thread(self.show, picture(comparison, before), names)
