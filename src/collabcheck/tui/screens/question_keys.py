"""Which keys work on the questions screen, and which the Footer shows, at each moment.

Rated questions take one key (1-9, n, s) and move on by themselves. Written questions are
writing: there the one-key answers are off, so no key typed in the box can move between
questions or change another answer; ← → move the cursor while writing, and Ctrl+N moves on.
Every rule is one line of `allowed`, from what the screen is showing (`Showing`), so the
rules can be read, and tested, without the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from collabcheck.tui.screens.answer_list import EXTRA_KEYS

RATED = ("agree", "authority", "focus")

BINDINGS: list[BindingType] = [
    # One binding for the first number key; the Footer shows the real range of them, 1-5, or
    # 1-7 / 1-9 on power questions for 3+ people (`number_keys`).
    Binding("1", "pick(0)", "Answer"),
    *[Binding(str(n), f"pick({n - 1})", show=False) for n in range(2, 10)],
    # A trio's say questions have more than nine options: 0 and x answer the tenth and eleventh.
    *[Binding(key, f"pick({9 + n})", show=False) for n, key in enumerate(EXTRA_KEYS)],
    # Checked after pick (which is off there): digits on a reflection not being written.
    *[Binding(str(n), "not_a_number", show=False) for n in range(1, 10)],
    Binding("n", "unsure", "Not sure"),
    Binding("s", "skip", "Skip"),
    # Priority, because the option list would otherwise take ← → for scrolling sideways.
    Binding("left", "back", "Back", key_display="←", priority=True),
    # b goes back on rated questions only; on a written one it is a letter like any other.
    Binding("b", "back('b')", show=False),
    Binding("right", "next", "Next", key_display="→", priority=True),
    # On a reflection the box is not focused on arrival, so digits typed in a hurry for
    # the question before never land in it: Enter (or a click, or Tab) starts writing.
    # Priority (only enabled on a reflection), so focus moves before the next key is
    # delivered: "Enter, then type at once" or "Tab, Space" never loses or misplaces a key.
    Binding("enter", "write", "Start writing", priority=True),
    # Ctrl+N moves on from anywhere on a reflection. The Footer shows it while writing, when
    # → moves the cursor instead; otherwise → is shown and Ctrl+N works unshown.
    Binding("ctrl+n", "next('writing')", "Next", priority=True),
    Binding("ctrl+n", "next('ctrl+n')", show=False, priority=True),
    Binding("escape", "leave_box", "Stop writing", priority=True),
    Binding("tab", "move_focus(1)", show=False, priority=True),
    Binding("shift+tab", "move_focus(-1)", show=False, priority=True),
]


@dataclass(frozen=True)
class Showing:
    """What the screen shows, as far as the keys are concerned."""

    kind: str | None  # the question's kind; None on the finishing step
    index: int  # which question (0 is the first)
    writing: bool  # the box of a written question has the focus and takes keys
    in_bar: bool  # the private box or a button under the box has the focus (after Tab)


def allowed(action: str, parameters: tuple[object, ...], now: Showing) -> bool | None:
    """Textual's `check_action` for the screen: True works and shows, None shows greyed out,
    False neither works nor shows (another binding of the key may then)."""
    rated, reflect = now.kind in RATED, now.kind == "reflect"
    if action in ("pick", "unsure", "skip"):
        return rated
    if action == "back" and parameters == ("b",):
        return not reflect and now.index > 0  # the finishing step included
    if action == "next" and parameters == ("writing",):
        return reflect and now.writing
    if action == "next" and parameters == ("ctrl+n",):
        return reflect
    if action in ("back", "next") and now.writing:
        return False  # ← → move the cursor while writing
    if action == "next":
        return now.kind is not None
    if action == "back":
        return now.index > 0 or None
    if action == "not_a_number":
        return reflect and not now.writing
    if action == "move_focus":
        return reflect
    if action == "write":
        return reflect and not now.writing and not now.in_bar
    if action == "leave_box":
        return reflect and (now.writing or now.in_bar)
    return True


def number_keys(last_key: int) -> str:
    """How the Footer shows the number keys of a rated question: "1-5"."""
    return f"1-{last_key}"
