"""The options of a rated question: what they are for this partnership, and how Enter works.

Kept apart from the questions screen so each stays small: this module knows how an answer
is offered (the options in key order, with names shown as typed); the screen knows the flow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Self, cast

from textual.message import Message
from textual.widgets import OptionList

from collabcheck.core.bank import Item
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Answer
from collabcheck.render.options import options
from collabcheck.tui.text import safe


def choices(item: Item, sitting: Sitting) -> list[tuple[Answer | None, str]]:
    """The options for a rated item, in key order: (value, label); None means skip.

    The options are `collabcheck.render.options`, shared with plain mode; labels are made
    markup-safe here, as a name may hold brackets."""
    opts: list[tuple[Answer | None, str]] = [(v, safe(label)) for v, label in options(item, sitting.partners)]
    opts.append((None, "Skip this question"))
    return opts


# OptionList's page actions are declared without annotations; like its other actions, each
# takes nothing and returns nothing, and this says so to the type checker.
_Action = Callable[[], None]


class AnswerList(OptionList):
    """The options of a rated question, where Enter never invents an answer.

    A fresh question has no highlighted option, and Enter chooses one only after the person
    has moved the highlight themselves (↑ ↓, or a click); otherwise Enter just moves on,
    keeping whatever answer there is (or none), as Help and the hand-over screens promise.
    """

    class MovedOn(Message):
        """Enter was pressed without a deliberate choice: go to the next question."""

    deliberate = False
    LONG = 10  # options; from here the list drops its frame and margins to fit 80×24

    def add_options(self, items: Iterable[Any]) -> Self:
        """Options added; a long list (a trio's say questions) is drawn without its frame and
        margins (`#options.-long` in collabcheck.tcss), so the question, every option and the
        hint below fit on an 80×24 screen."""
        added = super().add_options(items)
        self.set_class(self.option_count >= self.LONG, "-long")
        return added

    def allow_focus(self) -> bool:
        # Hidden on a written question: it must never take the focus (and Enter) there.
        return bool(self.display) and super().allow_focus()

    def fresh(self) -> None:
        """A new question is shown: nothing has been chosen on it yet."""
        self.deliberate = False

    def on_click(self) -> None:
        # Runs before OptionList's own click handler, which highlights and selects.
        self.deliberate = True

    def action_cursor_up(self) -> None:
        self.deliberate = True
        super().action_cursor_up()

    def action_cursor_down(self) -> None:
        self.deliberate = True
        super().action_cursor_down()

    def action_first(self) -> None:
        self.deliberate = True
        super().action_first()

    def action_last(self) -> None:
        self.deliberate = True
        super().action_last()

    def action_page_up(self) -> None:
        self.deliberate = True
        cast(_Action, super().action_page_up)()

    def action_page_down(self) -> None:
        self.deliberate = True
        cast(_Action, super().action_page_down)()

    def action_select(self) -> None:
        if self.deliberate and self.highlighted is not None:
            super().action_select()
        else:
            self.post_message(self.MovedOn())


# Keys for options 10 and 11 (a trio's say questions have 11): 0 after 9, then x. No
# letter the questions screen already uses (n, s, b), nor o, which reads like 0.
EXTRA_KEYS = ("0", "x")


def key_for(value: Answer | None, n: int) -> str:
    """The key shown beside option n (0-based): digits, 0 and x, then n for not sure and s
    for skip; a blank after that (reached with ↑ ↓ and Enter)."""
    if value is None:
        return "s"
    if value == "unsure":
        return "n"
    if n < 9:
        return str(n + 1)
    return EXTRA_KEYS[n - 9] if n - 9 < len(EXTRA_KEYS) else " "


def rated_keys(count: int) -> str:
    """The answer keys for `count` options, in words for a hint: "1 to 5", "1 to 9, 0 and x"."""
    if count <= 9:
        return f"1 to {count}"
    extra = [key_for("", n) for n in range(9, min(count, 9 + len(EXTRA_KEYS)))]
    return "1 to 9, " + " and ".join(extra)
