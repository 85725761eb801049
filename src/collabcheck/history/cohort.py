"""A programme at a glance: one row per partnership, in numbers, most in need of a talk first.

A facilitator with thirty partnerships in one repository needs to see which pairs to call:
whose views have moved apart since last time, who has not sat for months, whose sittings are
not committed for the team to see. Each sitting is compared once by
`collabcheck.scoring.compare.compare` (never a second copy of the rule) and the figures a
row needs are kept in a cache beside history's, read and kept by the same machinery
(`collabcheck.history.cache`), so a programme of thousands of sittings stays quick. The
rows are built on history's own `PairHistory` (trends, follow-through, the git check). Words
live in `collabcheck.render.cohort`; nothing here imports Textual.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from collabcheck.core.bank import Bank
from collabcheck.history.build import History, PairHistory, Sitting, shown_delta
from collabcheck.history.cohort_read import CohortScanned
from collabcheck.history.gather import Gathering

OVERDUE_MONTHS = 6  # no sitting for longer than this many months: overdue
ROSE = 0.2  # a chosen practice "rose" (or fell) by at least this, as shown
WIDENED = ("authority", "focus", "overall")  # the gaps whose widening raises a flag
FLAG_ORDER = ("widened", "overdue", "uncommitted")


# -- rows ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """Something that needs a facilitator's attention, with the figures that raised it."""

    id: str  # "widened" | "overdue" | "uncommitted"
    facts: dict[str, Any]


@dataclass(frozen=True)
class Chosen:
    """The practice a partnership last chose, its score then and at their latest sitting."""

    practice: int
    title: str
    chosen_at: str
    before: float | None
    now: float | None
    measured: bool  # have they sat since choosing it?
    common: bool = False  # then and now counted on the statements asked at both (a quick one)
    file: str = ""  # the sitting it was chosen at

    @property
    def change(self) -> float | None:
        return shown_delta(self.now, self.before) if self.measured else None

    @property
    def direction(self) -> str | None:
        """'rose', 'fell' or 'about the same' (as shown, by at least ROSE); None if unknown."""
        d = self.change
        if d is None:
            return None
        if d >= ROSE:
            return "rose"
        if d <= -ROSE:
            return "fell"
        return "about the same"


@dataclass
class Row:
    """One partnership: its history, the latest sitting's fuller figures and its flags."""

    history: PairHistory
    latest: dict[str, Any]
    flags: list[Flag]
    months_since: int
    chosen: Chosen | None
    code: str = ""
    partner_codes: dict[str, str] = field(default_factory=dict)
    previous: dict[str, Any] = field(default_factory=dict)  # the sitting before's summary
    chosen_record: dict[str, Any] = field(default_factory=dict)  # that of the sitting it chose at

    def picture(self) -> Any:
        """The picture of the latest sitting, with arrows from the one before (see
        `collabcheck.history.picture`)."""
        from collabcheck.history.picture import picture_from_places, places_from_record

        now = places_from_record(self.latest)
        now = {pid: now[pid] for pid in self.last.partners if pid in now}
        return picture_from_places(
            now,
            places_from_record(self.previous) or None,
            self.last.authority_divergence,
            self.last.focus_divergence,
        )

    @property
    def pair(self) -> str:
        return self.history.pair

    @property
    def last(self) -> Sitting:
        return self.history.sittings[-1]

    @property
    def uncommitted(self) -> int:
        return sum(s.committed is False for s in self.history.sittings)

    @property
    def say_gaps(self) -> list[float | None]:
        """The gap on who has the say at each sitting, oldest first (for a sparkline)."""
        return list(self.history.trends["authority"].values)

    def sort_key(self) -> tuple[Any, ...]:
        """What needs attention first: more flags; then a widened gap, an overdue sitting, an
        uncommitted one, in that order; then the widest gap now; then the longest since a
        sitting; then the partnership's name."""
        ids = {f.id for f in self.flags}
        overall = self.history.trends["overall"].latest
        return (
            -len(ids),
            *(fid not in ids for fid in FLAG_ORDER),
            -(overall if overall is not None else -1.0),
            self.last.ts,
            self.pair,
        )


@dataclass
class Cohort:
    """Every partnership in a folder, in the order of what needs attention first."""

    history: History
    rows: list[Row]
    today: date
    overdue_months: int


def add_months(day: date, months: int) -> date:
    """The same day `months` calendar months later (31 January + 1 → 28 or 29 February);
    the last day dates can hold, for a day later than that."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    if year > date.max.year:
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (0 if `end` is not later)."""
    n = (end.year - start.year) * 12 + end.month - start.month
    if n > 0 and add_months(start, n) > end:
        n -= 1
    return max(n, 0)


def sitting_date(s: Sitting) -> date:
    """The day of a sitting in UTC, so the same file gives the same day anywhere (a sitting
    so near the end of year 9999 that in UTC it falls after it keeps its own date)."""
    try:
        return datetime.fromtimestamp(s.ts, timezone.utc).date()
    except (OverflowError, ValueError, OSError):
        return datetime.fromisoformat(s.taken_at).date()


def flags_of(p: PairHistory, today: date, overdue_months: int) -> list[Flag]:
    """The flags of one partnership, each by its rule (see the README, "A programme at a glance"):

    - widened: the gap on who has the say, on attention, or all taken together is further
      apart than at the previous sitting (history's own words: at least 0.2 as shown);
    - overdue: no sitting for longer than `overdue_months` calendar months;
    - uncommitted: a sitting not yet in a git commit (only inside a repository).
    """
    out: list[Flag] = []
    trends = p.trends
    wider = [
        {
            "gap": k,
            "before": trends[k].compared[0],
            "now": trends[k].compared[1],
            "change": shown_delta(*reversed(trends[k].compared)),
        }
        for k in WIDENED
        if trends[k].trend == "further apart"
    ]
    if wider:
        out.append(Flag("widened", {"gaps": wider}))
    last = sitting_date(p.sittings[-1])
    if today > add_months(last, overdue_months):
        out.append(
            Flag(
                "overdue",
                {"last": last.isoformat(), "months": months_between(last, today), "limit": overdue_months},
            )
        )
    pending = [s for s in p.sittings if s.committed is False]
    if pending:
        out.append(Flag("uncommitted", {"count": len(pending), "files": [s.file for s in pending]}))
    return out


def chosen_of(p: PairHistory) -> Chosen | None:
    """The latest practice chosen that has been sat on since; else the latest chosen at all."""
    follow = p.follow_through
    if not follow:
        return None
    measured = [f for f in follow if f.next_taken_at is not None]
    f = measured[-1] if measured else follow[-1]
    before, now, common = f.before, None, False
    if measured:  # then and now on a common footing (a quick check-in asks fewer questions)
        chosen = next(s for s in p.sittings if s.file == f.file and s.taken_at == f.chosen_at)
        before, now = p.compared(chosen, p.sittings[-1], str(f.practice))
        common = chosen.quick or p.sittings[-1].quick
    return Chosen(f.practice, f.title, f.chosen_at, before, now, bool(measured), common, f.file)


def warm(p: PairHistory) -> None:
    """Work out now what a partnership's row and its words will ask of it (they are kept)."""
    _kept = (p.trends, p.follow_through)  # cached properties: reading them works them out


def build_cohort(
    history: History, records: dict[str, dict[str, Any]], today: date, overdue_months: int = OVERDUE_MONTHS
) -> Cohort:
    """Rows for every partnership of `history` (committed marks already set, if wanted);
    `records` are the cohort summaries by file as shown."""
    rows = []
    for p in history.pairs:
        latest = records.get(p.sittings[-1].file, {})
        previous = records.get(p.sittings[-2].file, {}) if len(p.sittings) > 1 else {}
        chosen = chosen_of(p)
        rows.append(
            Row(
                p,
                latest,
                flags_of(p, today, overdue_months),
                months_between(sitting_date(p.sittings[-1]), today),
                chosen,
                previous=previous,
                chosen_record=records.get(chosen.file, {}) if chosen is not None else {},
            )
        )
    for n, row in enumerate(sorted(rows, key=lambda r: r.pair), start=1):
        row.code = f"P{n:02d}"
        ids = list(dict.fromkeys(pid for s in row.history.sittings for pid in s.partners))
        row.partner_codes = {pid: f"{row.code}-{_letter(k)}" for k, pid in enumerate(ids)}
    rows.sort(key=Row.sort_key)
    return Cohort(history, rows, today, overdue_months)


def _letter(k: int) -> str:
    """A, B, … Z, AA, AB, …: a partner's letter within their partnership's code."""
    out = ""
    k += 1
    while k:
        k, r = divmod(k - 1, 26)
        out = chr(65 + r) + out
    return out


def load_cohort(
    folder: str | Path,
    bank: Bank,
    today: date | None = None,
    overdue_months: int = OVERDUE_MONTHS,
    cache_dir: Path | None | bool = True,
    workers: int = 1,
    committed: bool = True,
    scanned: CohortScanned | None = None,
) -> Cohort:
    """Read every snapshot under `folder` through the cohort's cache into a Cohort.

    Each partnership that looks complete while the files are still being read has its
    trends and follow-through worked out there and then (`warm`), beside the workers; the
    history keeps that very partnership when no sitting of it came later (`Gathering`)."""
    if scanned is None:
        scanned = CohortScanned(folder, bank, cache_dir)
    gathering = Gathering(bank, done=warm)
    records = scanned.records(workers, gathering.add)
    history = gathering.history(str(folder))
    if committed:
        from collabcheck.history.gather import mark_committed

        mark_committed(history)
    today = today or datetime.now(timezone.utc).date()
    return build_cohort(history, dict(records), today, overdue_months)
