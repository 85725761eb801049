"""Dates as people read them ("28 November 2026"), the same in every locale.

Commit messages (core/git.py), history, sittings apart and the app's lists all name dates
this one way, so the month names are written once, here.
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(when: date) -> str:
    """'28 November 2026', whatever the reader's locale (a datetime is a date too)."""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"
