"""The few words history's tables and sentences share: dates, short titles, lists, changes.

Kept apart from the layouts (render/history.py, render/history_sides.py) so each can use
them without importing the other.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from collabcheck.core.dates import MONTHS
from collabcheck.history.build import SAME
from collabcheck.render.words import fmt1 as fmt
from collabcheck.render.words import join_words as join_words  # (… as …: read from here by the layouts)


@lru_cache(maxsize=4096)
def long_date(iso: str) -> str:
    """'12 March 2026': plain and unambiguous, whatever the reader's locale."""
    d = datetime.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


@lru_cache(maxsize=256)
def short_title(title: str) -> str:
    """'Make time for learning – and share it' → 'Make time for learning', for sentences and tables."""
    for cut in (" – ", " - ", " ("):
        title = title.split(cut, 1)[0]
    return title


def signed_change(delta: float | None, up: str, down: str, same: str) -> str:
    if delta is None:
        return "–"
    if fmt(abs(delta)) == "0.0":
        return f"0.0 {same}"
    shown = ("+" if delta > 0 else "-") + fmt(abs(delta))
    if abs(delta) < SAME:
        return f"{shown} little change"
    return f"{shown} {up if delta > 0 else down}"


BARS = "▁▂▃▄▅▆▇█"
GAP = "·"
TREND_WIDTH = 8


def sparkline(values: list[float | None], low: float, high: float, width: int = TREND_WIDTH) -> str:
    """One character per sitting (the latest `width`), '·' where there was no score."""
    out = []
    for v in values[-width:]:
        if v is None:
            out.append(GAP)
        else:
            share = (min(max(v, low), high) - low) / (high - low)
            out.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(out)


def cut_words(text: str, width: int) -> str:
    """Shorten at a word boundary, marking the cut with '…'."""
    if len(text) <= width:
        return text
    head = text[: width - 1]
    if text[width - 1].isalnum() and head[-1].isalnum() and " " in head[width // 2 :]:
        head = head.rsplit(" ", 1)[0]  # do not break a word in two
    return head.rstrip() + "…"
