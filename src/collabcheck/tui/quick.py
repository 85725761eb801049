"""The quick check-in in the app: offered after "Where your partnership stands", then asked
and read with the quick form's questions.

A partnership that sat in full within the last six months is asked whether to do the quick
check-in today (`core/forms.py` decides; the words are `render/quick.py`). A quick sitting is
asked from the quick form's bank, and its Together screen says, above the comparison, what a
quick form can and cannot tell. The flow in `tui/app.py` calls the three functions here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from collabcheck.core.bank import Bank, questions
from collabcheck.core.forms import QUICK, bank_for, offer_quick, quick_form
from collabcheck.render.quick import QUICK_READING, offer_text
from collabcheck.tui.screens.together import TogetherScreen
from collabcheck.tui.widgets.keys_footer import KeysFooter

if TYPE_CHECKING:
    from collabcheck.core.sitting import Sitting
    from collabcheck.tui.steps import SittingSteps


class QuickOfferScreen(Screen[str]):
    """Dismisses with "quick" or "full"."""

    DEFAULT_CSS = "QuickOfferScreen #quick-offer { padding: 1 2; height: 1fr; }"
    # Nothing is focused, so Enter (pressed in a burst from the screen before) chooses nothing.
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("q", "choose('quick')", "Quick check-in"),
        Binding("f", "choose('full')", "Full sitting"),
    ]

    def __init__(self, last_full: datetime, quick_count: int, full_count: int) -> None:
        super().__init__()
        self.text = offer_text(last_full, quick_count, full_count)
        self.quick_count, self.full_count = quick_count, full_count

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="quick-offer"):
            yield Static(Text("A quick check-in?", style="bold"), classes="title")
            yield Static(Text(self.text), id="quick-offer-text")
            with Horizontal(classes="buttons"):
                yield Button(
                    f"Quick: {self.quick_count} questions (q)", id="quick", variant="primary", compact=True
                )
                yield Button(f"Full: {self.full_count} questions (f)", id="full", compact=True)
        yield Static("Press q for the quick check-in, f for the full sitting.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Quick or full"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id or "full")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)


async def choose_form(app: SittingSteps, s: Sitting) -> None:
    """Offer the quick check-in to a partnership that sat in full lately; keep the choice.

    The earlier sittings are looked for where this one will be saved (the snapshot folder it
    was started with), not where the app happens to run now: a draft begun with --dir and
    carried on from another folder still finds its partnership's sittings."""
    from collabcheck.core.sitting import saving_folder

    last = offer_quick(saving_folder(s, app.snapshot_dir)[0], s.pair, app.bank, app.now())
    form = quick_form(app.bank)
    if last is None or form is None:
        return
    full_count = len(questions(app.bank))
    choice = await app.show(QuickOfferScreen(last, len(form.items), full_count))
    s.form = "quick" if choice == QUICK else "full"
    app.autosave()


class QuickTogetherScreen(TogetherScreen):
    """The Together screen of a quick sitting: first, what a quick form can and cannot tell."""

    DEFAULT_CSS = "QuickTogetherScreen #quick-reading { padding: 0 0; height: auto; }"

    def on_mount(self) -> None:
        # (TogetherScreen's own on_mount runs too: it focuses the comparison and names it)
        self.query_one("#together").mount(
            Static(Text(QUICK_READING), id="quick-reading", classes="title"), after=0
        )
        self.call_after_refresh(setattr, self, "sub_title", "Together: quick check-in")


def together_screen(
    s: Sitting, bank: Bank, autosave: Callable[[], None], folder: Path | None = None
) -> TogetherScreen:
    """The Together screen for this sitting: a quick one is read with the quick form's bank."""
    if s.form != QUICK:
        return TogetherScreen(s, bank, autosave, folder)
    return QuickTogetherScreen(s, bank_for(bank, s), autosave, folder)
