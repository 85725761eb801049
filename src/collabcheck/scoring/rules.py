"""Every threshold and weight of the comparison and the suggestion, named, in one place.

The README ("How the suggestion is made") explains each one and why the rule keeps the
promises (README, "Why the rule keeps its promises", 1–15); change a figure here and the README together. No
sentences live here: `collabcheck.render` says what the figures mean.
"""

from __future__ import annotations

from fractions import Fraction

TOP = 5  # need = TOP - combined
STRONG = 4  # every practice from here up, none seen differently: strong
SEEN_DIFFERENTLY = 1  # a practice's divergence, or the gap between partners'
# scores for it, from here up: "seen differently"

# How one statement's scores sit together (its category in a report's records and the CSV).
SHARED_STRENGTH = 4  # every partner scores it this or more
SHARED_CONCERN = 2  # every partner scores it this or less
STATEMENT_APART = 2  # otherwise, the highest and lowest score this far apart: divergent

# Power: who has the say.
HOLDER_SHARE = Fraction(1, 2)  # named on at least this share of the say questions answered
MOST_SHARE = Fraction(1, 2)  # ...and "mostly" on this share of those: "most say", else "more"
OUTSIDE_SHARE = Fraction(1, 2)  # "outside" on this share: the say lies outside the partnership
OUTSIDE_DISTANCE = 2  # "outside" is this far from every answer inside the partnership
AUTHORITY_DIVERGENT = 1  # authority.divergent from here up
POWER_BOOST = Fraction(1, 2)  # added when power looks uneven...
POWER_PRACTICES = (1, 2)  # ...to these practices (a shared purpose; the relationship)

# What a partner cannot see: "not sure" on at least this share of a practice's statements
# that others rated is said as a finding of its own (it never changes a figure).
CANNOT_SEE_SHARE = Fraction(1, 2)

# Attention: the task or the relationship, from −2 to +2.
FOCUS_DIVERGENT = Fraction(3, 2)  # focus.divergent from here up
LEANING = Fraction(1, 2)  # mean <= -LEANING: task; >= LEANING: relationship
SPLIT_SIDE = Fraction(1, 2)  # one at <= -this, another at >= +this, and divergent: split
TASK_BOOST = Fraction(1, 2)  # added when attention leans to the task...
TASK_PRACTICES = (2, 3)  # ...to these (invest in the relationship; make time to learn)

# Where the partnership stands (snapshot [context]).
ROUTE_PRACTICE = {"under-radar": 4, "open": 5}  # the practice each route is about
OTHER_ROUTE_WEIGHT = Fraction(1, 2)  # the route a pair did not choose counts half
STARTING_PRACTICE = 1  # a partnership that is just starting...
STARTING_WEIGHT = Fraction(3, 2)  # ...weighs finding its partner(s) and purpose more

# What to talk about first.
TALK_MIN = 2  # an item is worth talking about from this gap up
TALK_CAP = 5  # at most this many items
KIND_RANK = {"authority": 0, "focus": 1, "agree": 2}  # at equal gaps: power, attention, practices

# What is shown for the suggested practice.
TIPS_CAP = 5  # at most this many tips
TALK_POINTS_CAP = 3  # at most this many talking points
