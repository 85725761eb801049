"""What a quick check-in can and cannot tell, in the same words on every screen and page.

A quick sitting asks two statements a practice instead of five or more, so its scores move
more with a single answer and its suggestion rests on less. Partners should know that when
they read it, and know what it is good for: seeing whether they are moving on the main
points since their last sitting. One place for these words keeps the app, plain mode and
history saying the same.
"""

from __future__ import annotations

from datetime import datetime

from collabcheck.render.history import long_date

QUICK_READING = (
    "This was a quick check-in: a few questions each, two for each practice, and the main "
    "ones on who has the say and where your attention goes. It can tell you whether you are "
    "moving on those points, and where you see them differently now. It cannot give the full "
    "picture of a practice: each score rests on two statements, so one answer moves it a lot, "
    "and the suggestion weighs less than after a full sitting. Sit in full every six months "
    "or so."
)


def offer_text(last_full: datetime, quick_count: int, full_count: int) -> str:
    """Why the quick form is offered, and what choosing it means, in a few sentences."""
    return (
        f"You last sat in full on {long_date(last_full.isoformat())}. Today you could do a quick "
        f"check-in instead: {quick_count} questions each (a few minutes) rather than "
        f"{full_count}. It shows how you are moving on the main points; a full sitting "
        "gives the whole picture."
    )
