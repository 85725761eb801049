"""Past sittings in the app: the same story as `collabcheck history`, for people who never use a terminal.

Partners reach it from the welcome screen and after saving. It shows each partnership's
practice scores over time as sparklines *with* the numbers, whether their views are moving
closer, and how the practice they chose has done, all in words that do not rely on colour.
The folder is read in a background thread (a programme can hold thousands of snapshots), so
the screen appears at once and says what it is doing.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from collabcheck.core.bank import Bank
from collabcheck.history.build import History
from collabcheck.history.gather import load_history, mark_committed
from collabcheck.render.history import empty_message, pair_text
from collabcheck.render.safe import safe_line, terminal_safe
from collabcheck.tui.widgets.keys_footer import KeysFooter

HINT = "Scroll with the arrow keys or Page Up and Page Down. Press Escape or q to go back."


class HistoryScreen(Screen[None]):
    """Every saved sitting in `snapshot_dir`, grouped by partnership (or only `pair`)."""

    DEFAULT_CSS = """
    HistoryScreen #history-body { padding: 0 0 0 1; height: 1fr; }
    HistoryScreen .history-pair { margin: 1 0 0 0; }
    HistoryScreen #history-hint { padding: 0 1; height: auto; }
    """
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("home", "top", "Top", show=False),
        Binding("end", "bottom", "End", show=False),
        Binding("c", "cohort", "All partnerships"),
    ]

    def __init__(self, snapshot_dir: Path, bank: Bank, pair: str | None = None) -> None:
        super().__init__()
        self.snapshot_dir = Path(snapshot_dir)
        self.bank = bank
        self.pair = pair
        self.history: History | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(HINT, id="history-hint")
        with VerticalScroll(id="history-body"):
            yield Static(
                Text(safe_line(f"Reading the sittings saved in {self.snapshot_dir} …")), id="history-status"
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Past sittings" if self.pair is None else f"Past sittings: {self.pair}"
        self.query_one("#history-body").focus()
        if not self.snapshot_dir.is_dir():
            self._status(
                f"No sittings saved yet in {self.snapshot_dir}. When you save a sitting, "
                "it appears here, and after two sittings you can see how things change."
            )
            return
        self.load()

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        """Read the folder away from the screen's thread, then show it."""
        try:
            history = load_history(self.snapshot_dir, self.bank, pair=self.pair)
            mark_committed(history)
        except OSError as exc:  # the folder vanished or cannot be listed
            self.app.call_from_thread(
                self._status, f"The sittings in {self.snapshot_dir} cannot be read ({exc.strerror or exc})."
            )
            return
        self.app.call_from_thread(self.show, history)

    def _status(self, text: str) -> None:
        # Text, not markup: a folder or partnership name is shown as written, never obeyed.
        self.query_one("#history-status", Static).update(Text(terminal_safe(text)))

    def show(self, history: History) -> None:
        """Replace the 'reading' line with one block per partnership, then the unreadable files."""
        self.history = history
        body = self.query_one("#history-body", VerticalScroll)
        width = max(60, min(100, self.size.width - 5))  # padding 1, scrollbar 2, gap 2
        n = history.sitting_count
        if not history.pairs:
            message = empty_message(history)
            if self.pair is not None and not history.skipped:
                message = (
                    f"No saved sittings for {self.pair} yet in {self.snapshot_dir}. After "
                    "your next sitting you will see how things are changing."
                )
            self._status(message)
        else:
            self._status(
                f"{n} sitting{'s' if n != 1 else ''} saved in {self.snapshot_dir}, oldest "
                "first. Scores run from 1 (low) to 5 (high); the marks ▁ to █ draw them."
            )
        for p in history.pairs:
            title, *rest = terminal_safe(pair_text(p, history, width)).split("\n")
            block = Text(title, style="bold")
            block.append("\n" + "\n".join(rest))
            body.mount(Static(block, classes="history-pair"))
        if history.skipped:
            lines = Text("These files could not be read and were left out:", style="bold")
            for s in history.skipped:
                lines.append(f"\n- {safe_line(str(s))}")
            body.mount(Static(lines, classes="history-pair", id="history-skipped"))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_cohort(self) -> None:
        """Every partnership at a glance (collabcheck.tui.screens.cohort), over this screen."""
        from collabcheck.tui.screens.cohort import CohortScreen

        def one(pair: str) -> Screen[None]:
            return type(self)(self.snapshot_dir, self.bank, pair=pair)

        self.app.push_screen(CohortScreen(self.snapshot_dir, self.bank, history=one))

    def action_top(self) -> None:
        self.query_one("#history-body", VerticalScroll).scroll_home()

    def action_bottom(self) -> None:
        self.query_one("#history-body", VerticalScroll).scroll_end()
