"""The demo: a made-up partnership's finished sitting on the Together screen, saving nothing.

A newcomer sees in under a minute what two partners would see after answering: the same
Together screen, driven through its own constructor with a sitting built in memory from
the shipped examples, under a banner saying it is an example. Agreeing would save, so here
it only says what would happen; history is read without its cache. Nothing is written to
the state, snapshot or cache folders.

`collabcheck demo` runs `DemoApp`; the welcome screen pushes `DemoTogetherScreen` over itself.
"""

from __future__ import annotations

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from collabcheck.core.examples import EXAMPLE_NOTICE, Example
from collabcheck.history.build import History
from collabcheck.history.gather import load_history
from collabcheck.tui.screens.history import HistoryScreen
from collabcheck.tui.screens.together import TogetherScreen

BANNER = f"[b]EXAMPLE.[/b] {EXAMPLE_NOTICE} Press [b]h[/b] for their history, [b]q[/b] to leave."


def _nothing() -> None:
    """The example is never autosaved."""


class DemoHistoryScreen(HistoryScreen):
    """Past sittings of the example partnership, read without the summary cache (which
    would be written to the user's cache folder) and without asking git about them."""

    @work(thread=True, exclusive=True, group="history")
    def load(self) -> None:
        try:
            history = load_history(self.snapshot_dir, self.bank, pair=self.pair, cache_dir=False)
        except OSError as exc:
            self.app.call_from_thread(self._status, f"The example sittings cannot be read ({exc}).")
            return
        self.app.call_from_thread(self.show, history)

    def show(self, history: History) -> None:
        """As in a real history, but named as the example, not by the folder it ships in."""
        super().show(history)
        self.query_one("#history-status", Static).update(
            f"Amira and Tom's {history.sitting_count} sittings (made up), oldest first. Scores "
            "run from 1 (low) to 5 (high); the marks ▁ to █ draw them."
        )

    def on_mount(self) -> None:
        # (HistoryScreen's own on_mount runs too, and names the screen: named again after it)
        self.call_after_refresh(setattr, self, "sub_title", "EXAMPLE: past sittings")


class DemoTogetherScreen(TogetherScreen):
    """The Together screen on the example sitting, under a banner; dismisses with 0 on q."""

    DEFAULT_CSS = """
    DemoTogetherScreen #example-banner { background: $boost; padding: 0 1; height: auto; }
    """
    BINDINGS = [
        Binding("a,enter", "agree", "Agree?"),
        Binding("h", "history", "History"),
        Binding("q,escape", "leave", "Leave"),
    ]
    PALETTE = [
        ("Past sittings of the example", "How Amira and Tom moved over a year", "history"),
        ("Leave the example", "Back to where you were", "leave"),
    ]

    NEXT_SUMMARY = (
        "[b]Next:[/b] press [b]a[/b] to see what partners would do here (agree what to "
        "work on); nothing is saved in this example. Press [b]p[/b] for a picture of where "
        "they each stand, [b]d[/b] for the details."
    )
    NEXT_PICTURE = (
        "[b]Next:[/b] press [b]d[/b] for the details, [b]p[/b] to go back to the summary, "
        "or [b]a[/b] to see what partners would do here."
    )
    PICTURE_CACHE = False  # their earlier sitting is read, but no cache is written
    NEXT_DETAILS = (
        "[b]Next:[/b] press [b]a[/b] to see what partners would do here (agree what to "
        "work on); nothing is saved in this example. Press [b]d[/b] to go back to the summary."
    )

    def __init__(self, example: Example) -> None:
        # their folder holds their earlier sittings, so the picture has arrows from the last
        super().__init__(example.sitting, example.bank, _nothing, example.folder)
        self.example = example

    def compose(self) -> ComposeResult:
        yield Static(BANNER, id="example-banner")
        yield from super().compose()

    def on_mount(self) -> None:
        # (TogetherScreen's own on_mount runs too, and names the screen: named again after it)
        self.call_after_refresh(setattr, self, "sub_title", "EXAMPLE: Together")

    def action_agree(self) -> None:
        """In a real sitting the partners agree a practice and save here; an example never saves."""
        self.notify(
            "In a real sitting you would now agree which practice to work on, and the "
            "sitting would be saved. This example saves nothing.",
            title="An example",
            timeout=8,
        )

    def action_history(self) -> None:
        self.app.push_screen(
            DemoHistoryScreen(self.example.folder, self.example.bank, pair=self.example.snapshot.pair)
        )

    def action_leave(self) -> None:
        self.dismiss(0)


class DemoApp(App[int]):
    """`collabcheck demo`: only the example's Together screen (and its history and help)."""

    CSS_PATH = ["collabcheck.tcss", "screens.tcss"]  # the app's stylesheet, both parts
    TITLE = "collabcheck"
    BINDINGS = [Binding("f1", "help", "Help", tooltip="The five practices and the keys")]

    def __init__(self, example: Example) -> None:
        super().__init__()
        self.example = example
        self.theme = "textual-dark"

    def on_mount(self) -> None:
        self.push_screen(DemoTogetherScreen(self.example), callback=lambda _: self.exit(0))

    def action_help(self) -> None:
        from collabcheck.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.example.bank))


def run_demo_app(example: Example) -> int:
    """Show the example in this terminal until the person leaves it."""
    result = DemoApp(example).run()
    return result if isinstance(result, int) else 0
