"""Together: the comparison on screen, then the partners agree what to work on next.

It opens with the reading at a glance (what to work on next, why, and at most three
findings), which fits one 80×24 screen; the details are a key away. Both lay out the one
comparison view (`collabcheck.render.view`), the same sections and sentences as the reports,
so what partners see here is what a facilitator sees later. This screen is only reachable
once every partner has finished.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from collabcheck.core.bank import Bank
from collabcheck.core.sitting import Sitting
from collabcheck.render.view import READING_ORDER, Section, comparison_view
from collabcheck.scoring.compare import compare
from collabcheck.tui.screens.agree import Agreement
from collabcheck.tui.view import section_renderable
from collabcheck.tui.widgets.picture import PictureView

TOGETHER_ORDER = READING_ORDER[1:]  # the summary is shown above the details


class TogetherScreen(Screen[int]):
    """Dismisses with the agreed practice number once the partners have agreed and saved."""

    BINDINGS = [
        Binding("a,enter", "agree", "Agree & save"),
        Binding("d", "details", "Details / summary"),
        Binding("pagedown,space", "page_down", "Page down", key_display="PgDn"),
        Binding("pageup", "page_up", "Page up", show=False),
    ]
    PALETTE = [("Agree what to work on and save", "Choose a practice and note actions", "agree")]
    # What to do next, under the summary and after the details (the demo says its own).
    NEXT_SUMMARY = (
        "[b]Next:[/b] press [b]a[/b] to agree what to work on (the suggestion "
        "or another) and save, or [b]d[/b] for the details."
    )
    NEXT_DETAILS = (
        "[b]Next:[/b] press [b]a[/b] to agree which practice to work on "
        "(the suggestion or another one) and save, or [b]d[/b] to go back to "
        "the summary."
    )

    def __init__(
        self, sitting: Sitting, bank: Bank, autosave: Callable[[], None], folder: Path | None = None
    ) -> None:
        """`folder`, where this partnership's sittings are saved: the picture's arrows start
        where each partner stood at their previous sitting there (none without it)."""
        super().__init__()
        self.folder = folder
        self.sitting = sitting
        self.bank = bank
        self.autosave = autosave
        self.snapshot = sitting.to_snapshot(bank, sitting.started_at)
        self.comparison = compare(self.snapshot, bank)

    def compose(self) -> ComposeResult:
        yield Header()
        view = comparison_view(self.comparison, self.bank)
        with VerticalScroll(id="together"):
            yield Static(
                Group(
                    Text("How you each see your partnership, at a glance", style="bold"),
                    section_renderable(view["summary"]),
                ),
                id="summary",
            )
            yield Static(self.NEXT_SUMMARY, classes="hint gap", id="next")
            with Vertical(id="details"):
                yield from self._details(view)
        yield Footer()

    def _details(self, view: dict[str, Section]) -> ComposeResult:
        """Every section of the reading, as the reports give it, shown on `d`."""
        yield Static(
            "[b]The details[/b]\nRead this together. Differences are not wrong "
            "answers: they are things to talk about.",
            classes="title gap",
        )
        yield Static(
            Text("Where each of you stands: who has the say, and where attention goes", style="bold"),
            classes="heading",
        )
        yield PictureView(id="picture")
        for key in TOGETHER_ORDER:
            if key == "suggestion" and "notes" not in view:
                yield Static(Text("What you wrote", style="bold"), classes="heading")
                yield Static(
                    Text(
                        "Nobody kept a written reflection this time. Reflections "
                        "marked private are never shown."
                    ),
                    classes="body",
                    id="written",
                )
            if key not in view:
                continue
            section = view[key]
            yield Static(Text(section.heading, style="bold"), classes="heading")
            suggested = self.comparison.suggestion.number if key == "practices" else None
            body = section_renderable(section, suggested)
            if key == "notes":
                body = Group(Text("Reflections marked private are never shown."), body)
            classes = "body table" if key == "practices" else "body"
            yield Static(body, classes=classes, id="written" if key == "notes" else None)
        yield Static(self.NEXT_DETAILS, classes="gap", id="next-after-details")

    def on_mount(self) -> None:
        self.sub_title = "Together"
        details = self.query_one("#details")
        details.styles.height = "auto"  # grows with its sections inside the scroll
        details.display = False
        self.query_one("#together").focus()
        self.query_one(PictureView).show_sitting(self.comparison, self.folder, self.bank)

    def action_details(self) -> None:
        """Open the details below the summary and move to them; again, back to the summary."""
        details = self.query_one("#details")
        scroll = self.query_one("#together", VerticalScroll)
        details.display = not details.display
        if details.display:
            self.call_after_refresh(scroll.scroll_to_widget, details, top=True, animate=False)
        else:
            scroll.scroll_home(animate=False)

    def action_page_down(self) -> None:
        self.query_one("#together", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#together", VerticalScroll).scroll_page_up()

    def action_agree(self) -> None:
        from collabcheck.tui.screens.agree import AgreeScreen

        s = self.sitting
        start = s.agreed_practice or self.comparison.suggestion.number
        self.app.push_screen(
            AgreeScreen(
                self.bank, self.comparison.suggestion.number, start, s.actions, on_change=self.drafted
            ),
            self.agreed,
        )

    def drafted(self, practice: int, actions: list[str]) -> None:
        """The agree dialog changed: keep it, so a crash loses no action typed there."""
        self.sitting.agreed_practice, self.sitting.actions = practice, actions
        self.autosave()

    def agreed(self, result: Agreement | None) -> None:
        if result is None:
            return
        self.sitting.agreed_practice, self.sitting.actions = result.practice, result.actions
        self.autosave()
        if result.save:
            self.dismiss(result.practice)
