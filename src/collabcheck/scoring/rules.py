"""Every threshold and weight of the comparison and the suggestion, named, in one place.

The README ("How the suggestion is made") explains each one and why the rule keeps the
spec's promises; change a figure here and the README together. No sentences live here.
"""

from __future__ import annotations

from fractions import Fraction

TOP = 5                                # need = TOP - combined
HIERARCHY_BOOST = Fraction(1, 2)       # added to practices 1 and 2 when power looks uneven
HIERARCHY_PRACTICES = (1, 2)
TASK_BOOST = Fraction(1, 2)            # added to practices 2 and 3 when attention leans to the task
TASK_PRACTICES = (2, 3)
HOLDER_SHARE = Fraction(1, 2)          # mean weight per answered item that makes someone "the holder"
AUTHORITY_DIVERGENT = 1                # authority.divergent from here up
FOCUS_DIVERGENT = Fraction(3, 2)       # focus.divergent from here up
LEANING = Fraction(1, 2)               # mean focus <= -LEANING: task; >= LEANING: relationship
SEEN_DIFFERENTLY = 1                   # a practice's divergence from here up is "seen differently"
TALK_MIN = 2                           # an item is worth talking about from this spread up
TALK_CAP = 5                           # at most this many items to talk about first
KIND_RANK = {"authority": 0, "focus": 1, "agree": 2}   # at equal gaps: power, attention, practices
