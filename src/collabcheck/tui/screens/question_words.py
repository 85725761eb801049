"""The words of the questions screen: the progress line, each option's line, and the hints.

Kept apart from the screen (`questions.py`), which decides when to show them: every line here
is made from plain values, so what a partner reads can be checked without running the app.
Nothing is said by colour alone: the chosen option is marked "●" and the cursor "▶".
"""

from __future__ import annotations

from collabcheck.core.snapshot import Answer
from collabcheck.tui.screens.answer_list import key_for, rated_keys

BAR = 30  # characters in the progress bar

WRITE_HINT = "Press Enter or just type to start writing, or → to move on (← goes back)."
NOT_A_NUMBER = "This question asks for words, not a number."
WRITING_HINT = "Writing. Ctrl+N: next question.  Esc: stop writing.  Tab: private box, buttons."
BAR_HINT = "Space or Enter to change or press.  Tab: next.  Esc: stop, then → or ←."
FINISH_HINT = "Press Enter to finish, or ← to go back and change an answer."


def progress(index: int, total: int, answered: int) -> str:
    """ "Question 3 of 40  [■■··…]  2 answered" (markup: the bracket is escaped)."""
    step = min(index + 1, total)
    filled = round(BAR * index / total)
    return f"Question {step} of {total}  \\[{'■' * filled}{'·' * (BAR - filled)}]  {answered} answered"


def option_line(
    n: int, value: Answer | None, label: str, current: Answer | None, cursor: bool = False
) -> str:
    """One option line: "▶" where the cursor is, "●" on the answer given (not colour alone)."""
    mark = "●" if value is not None and value == current else " "
    suffix = "   (your answer)" if mark == "●" else ""
    return f"{'▶' if cursor else ' '}{mark} {key_for(value, n)}  {label}{suffix}"


def rated_hint(last_key: int, rated_count: int) -> str:
    """What to press on a rated question: one line for a long list (a trio's say questions),
    so it still fits above the options at 80×24."""
    if rated_count > 9:
        return f"Press {rated_keys(rated_count)} to answer, n not sure, s skip, ← back, → next."
    keys = "1 or 2" if last_key == 2 else f"1 to {last_key}"
    return f"Press {keys}, n for not sure, s to skip, ← back, → or Enter: next."


def reflect_hint(writing: bool, in_bar: bool, go: str = "Ctrl+N") -> str:
    """What to press on a written question, which depends on where the focus is; `go` names
    the key that moves on (a browser tab has a stand-in for Ctrl+N: `tui/keys.py`)."""
    if writing:
        return WRITING_HINT.replace("Ctrl+N", go)
    if in_bar:
        return BAR_HINT
    return WRITE_HINT


def finishing_words(answered: int, total: int, last_partner: bool) -> str:
    """Under "That is every question": what happens when they finish."""
    after = (
        "next you all look at the results together"
        if last_partner
        else "the keyboard goes to the next person"
    )
    return f"You answered {answered} of {total}. When you finish, your answers are hidden and {after}."


def private_label(private: bool) -> str:
    """Say in words whether the note is private: a tick alone would be colour and shape."""
    if private:
        return "Private: YES, not in the file (Space)"
    return "Private: no, goes in the file (Space)"
