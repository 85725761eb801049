"""Where your partnership stands: two quick questions, answered together, before anyone starts.

How long the partners have worked together and which route they are taking (openly with
backing, or under the radar for now) shape which practice is suggested: the guide offers
practices 4 and 5 as two routes, and a partnership that is starting needs practice 1 most.
Each choice is kept as soon as it is made; Enter goes on, and both questions may be left.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from collabcheck.core.records import ContextStage, Route, is_route, is_stage
from collabcheck.render.options import ROUTE_OPTIONS, ROUTE_QUESTION, STAGE_OPTIONS, STAGE_QUESTION
from collabcheck.tui.widgets.keys_footer import KeysFooter

# A number answers and moves on at once (as on every question), so the hint never says
# "then Enter": partners who pressed 2 and then Enter, as it once said, left the second
# question unanswered without seeing it.
HINTS = {
    "stage": "Press 1, 2 or 3 to answer; the next question follows. Enter: leave this one.",
    "route": "Press 1, 2 or 3 to answer and start. Enter: start without answering. "
    "Tab: back to the first question.",
}


@dataclass(frozen=True)
class Standing:
    """What the partners chose (None where they left a question)."""

    stage: ContextStage | None
    route: Route | None


class ContextScreen(Screen[Standing]):
    """Dismisses with the partners' two answers once they press Enter on the second."""

    BINDINGS = [
        Binding("1", "pick(0)", "choose", show=True, key_display="1-3"),
        Binding("2", "pick(1)", show=False),
        Binding("3", "pick(2)", show=False),
        Binding("enter", "next", "Next", priority=True),
        Binding("tab", "switch", "Other question", show=False),
    ]

    # What the partners chose on each question (None: left); each choice is marked with ●.
    stage: reactive[ContextStage | None] = reactive(None, init=False)
    route: reactive[Route | None] = reactive(None, init=False)
    # Which question is being answered, kept here rather than read from the focus: a burst
    # of keys (Enter, Enter) arrives before a focus change has taken effect.
    step: reactive[str] = reactive("stage", init=False)

    def __init__(self, stage: ContextStage | None = None, route: Route | None = None) -> None:
        super().__init__()
        self.set_reactive(ContextScreen.stage, stage)
        self.set_reactive(ContextScreen.route, route)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="context"):
            yield Static(Text("Where your partnership stands", style="bold"), classes="title")
            yield Static(
                "Answer these two together, in a few seconds. They help collabcheck "
                "suggest what fits where you are. You can leave either one."
            )
            yield Static(Text(f"1. {STAGE_QUESTION}", style="bold"), classes="gap")
            yield OptionList(
                *[
                    Option(Text(f"{n}  {label}"), id=value)
                    for n, (value, label) in enumerate(STAGE_OPTIONS, 1)
                ],
                id="stage",
            )
            yield Static(Text(f"2. {ROUTE_QUESTION}", style="bold"), classes="gap")
            yield OptionList(
                *[
                    Option(Text(f"{n}  {label}"), id=value)
                    for n, (value, label) in enumerate(ROUTE_OPTIONS, 1)
                ],
                id="route",
            )
        yield Static(HINTS["stage"], classes="hint", id="context-hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Where you stand"
        for key, value, options in (
            ("stage", self.stage, STAGE_OPTIONS),
            ("route", self.route, ROUTE_OPTIONS),
        ):
            if value is not None:
                self.query_one(f"#{key}", OptionList).highlighted = [v for v, _ in options].index(value)
        self.query_one("#stage", OptionList).focus()

    def watch_step(self, step: str) -> None:
        """The question being answered has the focus, and the hint says where Enter goes."""
        self.query_one(f"#{step}", OptionList).focus()
        self.query_one("#context-hint", Static).update(HINTS[step])

    def watch_stage(self, value: str | None) -> None:
        """A choice on the first question is shown at once, marked ●."""
        self._mark("stage", value, STAGE_OPTIONS)

    def watch_route(self, value: str | None) -> None:
        """A choice on the second question is shown at once, marked ●."""
        self._mark("route", value, ROUTE_OPTIONS)

    def _mark(self, key: str, value: str | None, options: list[tuple[str, str]]) -> None:
        """Mark the choice with ● (never by colour alone)."""
        box = self.query_one(f"#{key}", OptionList)
        for n, (v, label) in enumerate(options):
            box.replace_option_prompt_at_index(n, Text(f"{'●' if v == value else n + 1}  {label}"))

    def _current(self) -> OptionList:
        return self.query_one(f"#{self.step}", OptionList)

    def action_pick(self, n: int) -> None:
        box = self._current()
        box.highlighted = n
        self._keep(box)
        self.action_next()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.step = event.option_list.id or "stage"  # a click chooses on either question
        self._keep(event.option_list)
        self.action_next()

    def _keep(self, box: OptionList) -> None:
        """Remember the highlighted choice (the watchers mark it)."""
        if box.highlighted is None:
            return
        value = box.get_option_at_index(box.highlighted).id
        if box.id == "stage" and is_stage(value):
            self.stage = value
        elif is_route(value):
            self.route = value

    def action_switch(self) -> None:
        self.step = "route" if self.step == "stage" else "stage"

    def action_next(self) -> None:
        if self.step == "stage":
            self.step = "route"
            return
        self.dismiss(Standing(self.stage, self.route))
