"""What counts as a partner's name, checked the same way in the app and in plain mode.

A name ends up in the snapshot, its file name and every report, and partners are told apart
by it, so the app's "Who is here" and plain mode must refuse the same names. The checks live
here, once; the words that explain a refusal stay with each screen. No Textual.
"""

from __future__ import annotations


def only_digits(name: str) -> bool:
    """A "name" made only of digits (spaces aside), such as "12" or "3 4": most likely an
    answer typed into the wrong box, and no way to tell partners apart in a report."""
    return "".join(name.split()).isdigit()


def same_name(a: str, b: str) -> bool:
    """Two names are the same person's when they match ignoring case and spacing, since
    the reports could not tell "Sam" from "sam " apart."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
