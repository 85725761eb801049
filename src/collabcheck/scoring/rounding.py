"""Rounding as people round by hand, so words about a change follow the figures as shown;
and the small steps every exact figure takes (a mean made exact, a float at the edge)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decimal import Decimal


def round_half_up(x: float, places: int = 1) -> Decimal:
    """`x` rounded as people round by hand: 3.25 → 3.3, not Python's 3.2 (half to even).

    The figure is read from the float's shortest repr, so 2.675 (stored as 2.67499…) is
    treated as the 2.675 everyone sees and becomes 2.68. Halves round away from zero.
    """
    from decimal import ROUND_HALF_UP, Decimal  # here, so the app's first screen loads no decimal

    q = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return abs(q) if q == 0 else q  # never '-0.0'


def to_float(x: Fraction | int | None) -> float | None:
    """An exact figure as the float JSON and the screen show (None stays None)."""
    return None if x is None else float(x)


def exact_mean(total: int, count: int) -> Fraction | None:
    """total ÷ count, exact; None when nothing was counted."""
    return Fraction(total, count) if count else None


# An exact figure as a ratio of two whole numbers: (numerator, denominator), the denominator
# above 0, not reduced. The rule works on these (`scoring.rule`, `scoring.priority`): exact
# like a Fraction, at the cost of integer arithmetic.
Ratio = tuple[int, int]


def ratio_float(x: Ratio | None) -> float | None:
    """An exact ratio as the float JSON and the screen show: the same float as the Fraction
    it equals gives (both are the correctly rounded quotient), None stays None."""
    return None if x is None else x[0] / x[1]


def at_least(n: int, d: int, bound: Fraction) -> bool:
    """n ÷ d >= bound, on whole numbers (d above 0): no Fraction is made, and the rule makes
    this comparison millions of times over a programme's history."""
    return n * bound.denominator >= bound.numerator * d


def at_most(n: int, d: int, bound: Fraction) -> bool:
    """n ÷ d <= bound, on whole numbers (d above 0)."""
    return n * bound.denominator <= bound.numerator * d
