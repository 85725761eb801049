"""Where each partner stands, as a point on a plane: who has the say across, attention up.

A pair reads their reading as paragraphs; a picture of two points, with an arrow from where
each of them stood last time, shows at a glance whether they are moving together. Every
coordinate is one of the report's own figures, so the picture can never tell another story:

- across, **the say as this partner sees it**, from −2 (the other partner(s) have it) through
  0 (shared) to +2 (they have it themselves): the say they give themselves minus the most
  they give any one other partner (the report's `authority.totals`), per say question they
  placed inside the partnership. Answers putting the say outside the partnership have no
  place on this line and are counted apart (`outside`); "not sure" is left out, as in the report;
- up, **attention**, the partner's focus position from −2 (all on the task) to +2 (all on
  the relationship): the report's `focus.positions`.

The words are in `collabcheck.render.picture`; nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from collabcheck.scoring.results import Comparison


@dataclass(frozen=True)
class Place:
    """One partner's point on the plane at one sitting (None where they gave no answer)."""

    pid: str
    say: float | None  # −2 the other partner(s) … 0 shared … +2 themselves
    attention: float | None  # −2 task … +2 relationship
    outside: int  # say questions they answered "outside the partnership"
    placed: int  # say questions they answered inside it (counted in `say`)
    holder: str | None  # the report's perceived holder for them, None if no answer

    @property
    def on_plane(self) -> bool:
        return self.say is not None and self.attention is not None

    @property
    def point(self) -> tuple[float, float] | None:
        """(say, attention) when the partner is on the plane, else None."""
        if self.say is None or self.attention is None:
            return None
        return self.say, self.attention

    def to_json(self) -> dict[str, Any]:
        return {
            "say": self.say,
            "attention": self.attention,
            "outside": self.outside,
            "placed": self.placed,
            "holder": self.holder,
        }

    @classmethod
    def from_json(cls, pid: str, data: Any) -> Place | None:
        """A place as cached; None for anything that does not look like one (a hostile cache)."""
        if not isinstance(data, dict):
            return None
        say, att = data.get("say"), data.get("attention")
        outside, placed, holder = data.get("outside"), data.get("placed"), data.get("holder")
        if not all(v is None or type(v) in (int, float) for v in (say, att)):
            return None
        if type(outside) is not int or type(placed) is not int:
            return None
        if holder is not None and not isinstance(holder, str):
            return None
        return cls(pid, say, att, outside, placed, holder)


def say_place(
    pid: str,
    totals: dict[str, int] | None,
    answered: int,
    outside: int,
    attention: float | None,
    holder: str | None,
) -> Place:
    """A partner's place from the report's figures: their `authority.totals` (say given to
    each partner, summed over the say questions), the say questions they `answered`, how
    many of those were "outside", their focus position and their perceived holder."""
    placed = answered - outside
    say = None
    if placed > 0 and totals is not None:
        others = max((v for who, v in totals.items() if who != pid), default=0)
        say = (totals.get(pid, 0) - others) / placed
    return Place(pid, say, attention, outside, placed, holder)


def places(c: Comparison) -> dict[str, Place]:
    """Every partner's place at this sitting, from the comparison's own figures."""
    a = c.authority
    say_items = [i for i in a.items if not i.accountability and not i.development]
    return {
        p.id: say_place(
            p.id,
            a.totals.get(p.id),
            a.answered.get(p.id, 0),
            sum(1 for i in say_items if i.answers.get(p.id) == "outside"),
            c.focus.positions.get(p.id),
            a.perceived_holder.get(p.id),
        )
        for p in c.partners
    }


@dataclass(frozen=True)
class Arrow:
    """A partner's move between two sittings: from their earlier place (if any) to now."""

    pid: str
    now: Place
    before: Place | None

    @property
    def steps(self) -> tuple[int, int] | None:
        """The arrow's direction as shown (to one decimal place): (across, up), each −1, 0 or
        +1; None without an arrow. The picture and its sentence both follow this."""
        now, before = self.now.point, self.before.point if self.before is not None else None
        if now is None or before is None:
            return None
        return _sign(now[0], before[0]), _sign(now[1], before[1])

    @property
    def moved(self) -> tuple[float, float] | None:
        """(across, up) from before to now, when both places are on the plane."""
        now, before = self.now.point, self.before.point if self.before is not None else None
        if now is None or before is None:
            return None
        return now[0] - before[0], now[1] - before[1]


def _sign(now: float | None, before: float | None) -> int:
    """−1, 0 or +1: the change between two figures as shown to one decimal place."""
    from collabcheck.scoring.rounding import round_half_up

    if now is None or before is None:
        return 0
    d = round_half_up(now) - round_half_up(before)
    return (d > 0) - (d < 0)


@dataclass(frozen=True)
class Picture:
    """One sitting's picture: each partner's arrow, in sitting order, and the gaps as the
    report gives them (who has the say; attention)."""

    arrows: list[Arrow]
    say_gap: float | None
    attention_gap: float | None
    has_before: bool

    @property
    def outside(self) -> list[Place]:
        """Partners who put the say outside the partnership on at least one question."""
        return [a.now for a in self.arrows if a.now.outside]


def picture(c: Comparison, before: dict[str, Place] | None = None) -> Picture:
    """The picture of sitting `c`, with arrows from `before` (the partnership's previous
    sitting's places, e.g. from `places` or the cohort cache), matched by partner id."""
    now = places(c)
    arrows = [Arrow(pid, place, (before or {}).get(pid)) for pid, place in now.items()]
    return Picture(arrows, c.authority.divergence, c.focus.divergence, bool(before))


def picture_from_places(
    now: dict[str, Place], before: dict[str, Place] | None, say_gap: float | None, attention_gap: float | None
) -> Picture:
    """A picture from places already worked out (a cohort's cached sittings), partners in
    the order of `now`."""
    arrows = [Arrow(pid, place, (before or {}).get(pid)) for pid, place in now.items()]
    return Picture(arrows, say_gap, attention_gap, bool(before))


def places_from_record(record: dict[str, Any]) -> dict[str, Place]:
    """The places kept in a cohort summary (see `collabcheck.history.cohort`)."""
    raw = record.get("places")
    if not isinstance(raw, dict):
        return {}
    out = {}
    for pid, data in raw.items():
        place = Place.from_json(pid, data)
        if place is not None:
            out[pid] = place
    return out
