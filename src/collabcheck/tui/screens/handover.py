"""Between partners: hand the keyboard over with the last partner's answers out of sight.

No answer is on screen here, so it is safe for the next partner to sit down; the comparison
only follows once every partner has finished.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from collabcheck.core.sitting import Sitting
from collabcheck.tui.text import safe
from collabcheck.tui.widgets.keys_footer import KeysFooter


class HandoverScreen(Screen[bool]):
    """Dismisses with True when the next person is ready."""

    BINDINGS = [Binding("enter", "ready", "I'm ready", show=True, priority=True)]

    def __init__(self, sitting: Sitting, finished: bool = False) -> None:
        super().__init__()
        self.sitting = sitting
        self.finished = finished

    def compose(self) -> ComposeResult:
        s = self.sitting
        yield Header()
        with Center(), Vertical(classes="handover"):
            if self.finished:
                yield Static("[b]Everyone has answered.[/b]", classes="title")
                yield Static(
                    "Now sit together where you can all see the screen. Next you will see "
                    "your answers side by side, and agree what to work on."
                )
                label = "Show the comparison (Enter)"
            else:
                partner = s.partner
                done = [safe(p.name) for p in s.partners[: s.current_partner]]
                yield Static(f"[b]Pass the keyboard to {safe(partner.name)}.[/b]", classes="title")
                if done:
                    yield Static(
                        f"{' and '.join(done)}: your answers are hidden now. Nobody sees "
                        "anyone's answers until everyone has finished."
                    )
                else:
                    yield Static(
                        "Nobody sees anyone's answers until everyone has finished, so "
                        "the others may like to look away."
                    )
                n, total = s.current_partner + 1, len(s.partners)
                carry_on = f" You carry on from question {s.current_item + 1}." if s.current_item else ""
                yield Static(
                    f"{safe(partner.name)} answers next (partner {n} of {total}). Answer as you "
                    "see things; there are no right answers. You can skip any question." + carry_on,
                    classes="gap",
                )
                label = f"I'm {safe(partner.name)}, start (Enter)"
            yield Button(label, id="ready", variant="primary")
        who = "everyone" if self.finished else safe(s.partner.name)
        yield Static(f"Press Enter when {who} is ready.  F1: help.  Ctrl+Q: stop for now.", classes="hint")
        yield KeysFooter()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    def action_ready(self) -> None:
        self.dismiss(True)
