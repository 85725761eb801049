"""The question screen's words that differ when a partner answers apart, in the app.

At one computer, finishing hands the keyboard on and the partners then look at the results
together, and stopping keeps the sitting in progress. Apart, finishing seals this partner's
answers and stopping keeps their own draft in their private folder, so the screen says so
(`tui/apart.py` ApartQuestions). Plain words, no Textual.
"""

from __future__ import annotations


def finishing_apart(answered: int, total: int) -> str:
    """Under "That is every question" when answering apart: finishing seals the answers."""
    return (
        f"You answered {answered} of {total}. When you finish, your answers are sealed: "
        "nobody sees them until everyone has answered."
    )


STOP_APART = (
    "Stop for now?\n\nYour answers so far are kept on this computer only: nobody else can "
    "see them. Next time, start collabcheck, press a, and carry on where you left off."
)
STOPPED_APART = (
    "collabcheck: your answers so far are kept on this computer. Run collabcheck again and "
    "press a to carry on answering."
)
