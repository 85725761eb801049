"""A programme at a glance in the app: one row per partnership, those needing a talk first.

Reached from Past sittings (key c). The same rows, flags and order as `collabcheck cohort`
(`collabcheck.history.cohort`, words from `collabcheck.render.cohort`), in a table that sorts
by any column (press s, or click a heading), with each partnership's gap on who has the say
over time drawn beside its figures, and a larger sparkline of the highlighted partnership.
Enter opens that partnership's past sittings. The folder is read in a background thread, so
the screen appears at once and says what it is doing. Flags are words, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Sparkline, Static

from collabcheck.core.bank import Bank
from collabcheck.core.dates import MONTHS
from collabcheck.history.cohort import Cohort, Row, load_cohort
from collabcheck.render.cohort import Names, attention_words, chosen_words, flag_words, pair_label
from collabcheck.render.history import sparkline
from collabcheck.render.safe import safe_line, terminal_safe
from collabcheck.render.words import fmt1
from collabcheck.tui.widgets.keys_footer import KeysFooter

HINT = (
    "Those needing attention first are at the top. Up and Down choose; Enter opens a "
    "partnership's past sittings; s sorts by the next column; Escape goes back."
)
COLUMNS = (
    ("need", "#"),
    ("pair", "Partnership"),
    ("last", "Last sat"),
    ("sat", "Sat"),
    ("say", "Say gap"),
    ("trend", "Trend"),
    ("flags", "Flags"),
)
SORTS = ("need", "pair", "last", "sat", "say", "flags")


def sort_value(row: Row, rank: int, column: str) -> Any:
    """What each column sorts by: the figure, not the words shown."""
    if column == "pair":
        return row.pair
    if column == "last":
        return -row.last.ts  # most recent first
    if column == "sat":
        return -len(row.history.sittings)
    if column == "say":
        gap = row.last.authority_divergence
        return -(gap if gap is not None else -1.0)  # widest gap first
    if column == "flags":
        return -len(row.flags), rank
    return rank


class CohortScreen(Screen[None]):
    """Every partnership in `snapshot_dir`, as one sortable table."""

    DEFAULT_CSS = """
    CohortScreen #cohort-hint { padding: 0 1; height: auto; }
    CohortScreen #cohort-table { height: 1fr; }
    CohortScreen #cohort-detail { padding: 0 1; height: auto; max-height: 6; }
    CohortScreen #cohort-spark { height: 2; margin: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("s", "sort", "Sort"),
        Binding("enter", "open", "Open", priority=True),
    ]

    def __init__(
        self,
        snapshot_dir: Path,
        bank: Bank,
        today: date | None = None,
        history: Callable[[str], Screen[None]] | None = None,
    ) -> None:
        """`history(pair)` makes the screen Enter opens for a partnership (Past sittings
        passes its own kind, so neither screen's module imports the other's)."""
        super().__init__()
        self.history = history
        self.snapshot_dir = Path(snapshot_dir)
        self.bank = bank
        self.today = today
        self.cohort: Cohort | None = None
        self.names = Names(hide=False)
        self.sorted_by = 0
        self._detail_prefix = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(HINT, id="cohort-hint")
        yield DataTable(id="cohort-table", cursor_type="row", zebra_stripes=True)
        yield Sparkline([], id="cohort-spark")
        yield Static(
            Text(safe_line(f"Reading the sittings saved in {self.snapshot_dir} …")), id="cohort-detail"
        )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "A programme at a glance"
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.focus()
        if not self.snapshot_dir.is_dir():
            self._detail(f"No sittings saved yet in {self.snapshot_dir}.")
            return
        self.load()

    @work(thread=True, exclusive=True, group="cohort")
    def load(self) -> None:
        """Read the folder away from the screen's thread, then show it."""
        try:
            cohort = load_cohort(self.snapshot_dir, self.bank, self.today)
        except OSError as exc:
            self.app.call_from_thread(
                self._detail, f"The sittings in {self.snapshot_dir} cannot be read ({exc.strerror or exc})."
            )
            return
        self.app.call_from_thread(self.show, cohort)

    def _detail(self, text: str) -> None:
        self.query_one("#cohort-detail", Static).update(Text(terminal_safe(text)))

    def show(self, cohort: Cohort) -> None:
        """One table row per partnership, in the order of need."""
        self.cohort = cohort
        self._fill(cohort.rows)
        if not cohort.rows:
            empty = "No sittings here yet. Each sitting you save adds one."
            self._detail("\n".join([empty, *self._left_out()]))

    def _fill(self, rows: list[Row]) -> None:
        """(Re)draw the table with `rows` in this order; # is always the order of need."""
        assert self.cohort is not None
        rank = {r.pair: n for n, r in enumerate(self.cohort.rows, start=1)}
        table = self.query_one(DataTable)
        table.clear()
        for row in rows:
            flags = ", ".join(f.id for f in row.flags) or "none"
            label = terminal_safe(pair_label(row.history))
            table.add_row(
                str(rank[row.pair]),
                Text(label if len(label) <= 18 else label[:17] + "…"),
                _month(row.last.taken_at),
                str(len(row.history.sittings)),
                fmt1(row.last.authority_divergence),
                sparkline(row.say_gaps, 0, 4),
                flags,
                key=row.pair,
            )
        if rows:
            table.move_cursor(row=0)
            self._show_row(rows[0])

    def row_for(self, pair: str) -> Row | None:
        if self.cohort is None:
            return None
        return next((r for r in self.cohort.rows if r.pair == pair), None)

    def _show_row(self, row: Row) -> None:
        spark = self.query_one(Sparkline)
        gaps = [g for g in row.say_gaps if g is not None]
        spark.data = gaps or [0.0]
        lines = [
            f"{self._detail_prefix}{self.names.pair(row)}: say gap over time "
            f"{' → '.join(fmt1(g) for g in row.say_gaps)}; attention {attention_words(row)}.",
            chosen_words(row, self.names),
        ]
        lines += [flag_words(f, row) for f in row.flags]
        self._detail("\n".join([*lines, *self._left_out()]))

    def _left_out(self) -> list[str]:
        """Files that could not be read are never hidden: how many, and where they are named."""
        n = len(self.cohort.history.skipped) if self.cohort is not None else 0
        if not n:
            return []
        return [
            f"{n} {'file' if n == 1 else 'files'} in the folder could not be read and "
            f"{'was' if n == 1 else 'were'} left out: Past sittings (Escape) names "
            f"{'it' if n == 1 else 'them'} and says why."
        ]

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self.row_for(str(event.row_key.value))
        if row is not None:
            self._show_row(row)

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.open(str(event.row_key.value))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        self.sort(column if column in SORTS else "need")

    def sort(self, column: str) -> None:
        """Sort the table by one column's figure; the order of need breaks ties."""
        if self.cohort is None:
            return
        rank = {r.pair: n for n, r in enumerate(self.cohort.rows)}
        self._fill(
            sorted(self.cohort.rows, key=lambda r: (sort_value(r, rank[r.pair], column), rank[r.pair]))
        )
        self.sorted_by = SORTS.index(column) if column in SORTS else 0
        self._detail_prefix = f"Sorted by {dict(COLUMNS).get(column, column).lower()}. "

    def action_sort(self) -> None:
        self.sort(SORTS[(self.sorted_by + 1) % len(SORTS)])

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.cohort is None or not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        self.open(str(key.value))

    def open(self, pair: str) -> None:
        """That partnership's past sittings, over this screen (Escape comes back here)."""
        if self.history is not None:
            self.app.push_screen(self.history(pair))

    def action_back(self) -> None:
        self.dismiss(None)


def _month(iso: str) -> str:
    """'Nov 2026': short enough for the table, plain in any locale."""
    return f"{MONTHS[int(iso[5:7]) - 1][:3]} {iso[:4]}"
