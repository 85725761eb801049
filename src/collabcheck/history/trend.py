"""How one figure moves from sitting to sitting, and how a change is put into words.

History and the cohort read every change the same way: between the figures as shown (one
decimal place), "about the same" under a small threshold, and on a common footing when a
quick check-in is one of the two sittings (history/build.py works those figures out).
Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from collabcheck.scoring.rounding import round_half_up as _round_half_up

# The same few figures are rounded hundreds of thousands of times for a big programme's
# history; rounding depends only on the figure, so each is worked out once.
round_half_up = lru_cache(maxsize=65536)(_round_half_up)

SAME = 0.2  # changes smaller than this are "about the same": one answer moving is not a trend


@dataclass
class Trend:
    """How far apart the partners' views were at each sitting on one thing, and where it is going."""

    label: str
    values: list[float | None]
    # the previous and latest figures on a common footing when they differ from `values`
    # (a quick check-in is one of the two: PairHistory.spread_since_last)
    last_two: tuple[float | None, float | None] | None = None
    # the first and latest figures on a common footing when either was a quick check-in
    first_last: tuple[float | None, float | None] | None = None

    @property
    def latest(self) -> float | None:
        return self.values[-1] if self.values else None

    @property
    def previous(self) -> float | None:
        return self.values[-2] if len(self.values) > 1 else None

    @property
    def first(self) -> float | None:
        return self.values[0] if len(self.values) > 1 else None

    @property
    def since_previous(self) -> float | None:
        return change_between(*reversed(self.compared))

    @property
    def compared(self) -> tuple[float | None, float | None]:
        """(previous, latest) as a change between them is read: on the statements asked at
        both sittings when one was a quick check-in, else as they stand."""
        return self.last_two if self.last_two is not None else (self.previous, self.latest)

    @property
    def from_first(self) -> tuple[float | None, float | None]:
        """(first, latest) as a change since the first sitting is read: on the statements
        asked at both when either was a quick check-in, else as they stand."""
        if len(self.values) < 2:
            return None, None
        return self.first_last if self.first_last is not None else (self.first, self.latest)

    @property
    def since_first(self) -> float | None:
        return change_between(*reversed(self.from_first))

    @cached_property
    def trend(self) -> str | None:
        """'closer', 'further apart' or 'about the same' since the previous sitting."""
        return direction(shown_delta(*reversed(self.compared)))


def change_between(new: float | None, old: float | None) -> float | None:
    """new − old, rounded only to hide floating-point noise (1.2, not 1.2000000000000002)."""
    return None if new is None or old is None else round(new - old, 9)


def shown_delta(new: float | None, old: float | None) -> float | None:
    """The change as people see it: between the two figures as shown, to one decimal place.

    Words and signs on screen follow this, so "3.8 → 3.9" is never called "+0.2 up".
    """
    return None if new is None or old is None else float(round_half_up(new) - round_half_up(old))


def direction(delta: float | None) -> str | None:
    if delta is None:
        return None
    if abs(round(delta, 1)) < SAME:
        return "about the same"
    return "closer" if delta < 0 else "further apart"
