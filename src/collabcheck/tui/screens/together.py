"""Together: the comparison on screen, then the partners agree what to work on next.

It opens with the reading at a glance (what to work on next, why, and at most three
findings), which fits one 80×24 screen; the picture of where each partner stands (and its
sentence) is one key below it (p), and the details another (d). Both lay out the one
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
from textual.widget import Widget
from textual.widgets import Header, Static

from collabcheck.core.bank import Bank
from collabcheck.core.sitting import Sitting
from collabcheck.render.view import READING_ORDER, Section, comparison_view
from collabcheck.scoring.compare import compare
from collabcheck.tui.screens.agree import Agreement
from collabcheck.tui.view import section_renderable
from collabcheck.tui.widgets.keys_footer import KeysFooter
from collabcheck.tui.widgets.picture import PictureView

TOGETHER_ORDER = READING_ORDER[1:]  # the summary is shown above the details


class TogetherScreen(Screen[int]):
    """Dismisses with the agreed practice number once the partners have agreed and saved."""

    # The picture alone fills the screen below the summary, so moving to it puts its heading
    # at the top (one screen: the plane, its sentence and what to do next); above the
    # details it takes only its own height.
    DEFAULT_CSS = "TogetherScreen #picture-part.alone { min-height: 100%; }"

    BINDINGS = [
        Binding("a,enter", "agree", "Agree & save"),
        Binding("p", "picture", "Picture"),
        Binding("d", "details", "Details"),
        Binding("pagedown,space", "page_down", "More", key_display="PgDn"),
        Binding("pageup", "page_up", "Page up", show=False),
    ]
    PALETTE = [("Agree what to work on and save", "Choose a practice and note actions", "agree")]
    # What to do next, under the summary and after the details (the demo says its own).
    NEXT_SUMMARY = (
        "[b]Next:[/b] press [b]a[/b] to agree what to work on (the suggestion "
        "or another) and save, [b]p[/b] for a picture of where you each stand, "
        "or [b]d[/b] for the details."
    )
    NEXT_PICTURE = (
        "[b]Next:[/b] press [b]a[/b] to agree what to work on and save, [b]d[/b] for "
        "the details, or [b]p[/b] to go back to the summary."
    )
    PICTURE_CACHE = True  # read the previous sitting through the cohort's cache (kept on disk)
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
            with Vertical(id="picture-part"):
                yield Static(
                    Text(
                        "Where each of you stands: who has the say, and where attention goes",
                        style="bold",
                    ),
                    classes="heading",
                )
                yield PictureView(id="picture")
                yield Static(self.NEXT_PICTURE, classes="gap", id="next-after-picture")
            with Vertical(id="details"):
                yield from self._details(view)
        yield KeysFooter()

    def _details(self, view: dict[str, Section]) -> ComposeResult:
        """Every section of the reading, as the reports give it, shown on `d`."""
        yield Static(
            "[b]The details[/b]\nRead this together. Differences are not wrong "
            "answers: they are things to talk about.",
            classes="title gap",
        )
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
        for part in ("#picture-part", "#details"):
            box = self.query_one(part)
            box.styles.height = "auto"  # grows with what it holds inside the scroll
            box.display = False
        self.query_one("#together").focus()
        self.query_one(PictureView).show_sitting(
            self.comparison, self.folder, self.bank, cached=self.PICTURE_CACHE
        )
        self._after_layout_refresh_keys()

    def action_picture(self) -> None:
        """Open the picture and its sentence just below the summary and move to it; again,
        back to the summary (the details, if open, close too: one place to be at a time)."""
        part = self.query_one("#picture-part")
        scroll = self.query_one("#together", VerticalScroll)
        if part.display and not self.query_one("#details").display:
            part.display = False
            scroll.scroll_home(animate=False)
            self._after_layout_refresh_keys()
            return
        part.display, self.query_one("#details").display = True, False
        part.add_class("alone")
        self.query_one("#next-after-picture").display = True
        self._move_to(part)
        self._after_layout_refresh_keys()

    def _move_to(self, widget: Widget) -> None:
        """Scroll so `widget` is at the top, once the parts just shown have their height
        (the picture part's full-screen height is only known a refresh after it is shown)."""
        scroll = self.query_one("#together", VerticalScroll)

        def move() -> None:
            scroll.scroll_to_widget(widget, top=True, animate=False)

        self.call_after_refresh(self.call_after_refresh, move)

    def action_details(self) -> None:
        """Open the details below the summary and move to them; again, back to the summary.
        The details start with the picture, so reading on from the summary misses nothing."""
        details = self.query_one("#details")
        part = self.query_one("#picture-part")
        scroll = self.query_one("#together", VerticalScroll)
        details.display = not details.display
        part.display = details.display
        part.remove_class("alone")
        self.query_one("#next-after-picture").display = not details.display
        if details.display:
            self._move_to(part)
        else:
            scroll.scroll_home(animate=False)
        self._after_layout_refresh_keys()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """PgDn is offered only when there is more to read (the details, or a screen too
        small for the summary): on the summary alone at 80×24 it would do nothing."""
        if action in ("page_down", "page_up"):
            scrolls = self.query("#together")
            return bool(scrolls) and scrolls.first(VerticalScroll).max_scroll_y > 0
        return True

    def on_resize(self) -> None:
        self.call_after_refresh(self.refresh_bindings)

    def _after_layout_refresh_keys(self) -> None:
        """The parts shown have their height a refresh or two later; then the keys are told."""
        self.call_after_refresh(self.call_after_refresh, self.refresh_bindings)

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
