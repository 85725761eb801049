"""History: turning a folder of sittings into the story of each partnership over time.

Partners sit again every few months and want to know whether they are moving, whether they
now see things more alike, and whether the practice they chose got better. Every per-sitting
number comes from `collabcheck.scoring.compare.compare`, so history and the one-sitting report can
never disagree. Sittings are ordered by `taken_at` (never by file name, which people rename),
a file that cannot be read is listed with its reason and never hides the others, and
summaries are cached outside the snapshot folder so a programme of thousands of snapshots
stays quick. Here are the records of a history and what each partnership's story adds up to;
they are put together from the files in history/gather.py. Nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property

from collabcheck.core.bank import Bank
from collabcheck.history.common import Scores
from collabcheck.history.read import PRACTICES
from collabcheck.history.summary import Summary
from collabcheck.history.trend import SAME as SAME  # (… as …: read from here by the layouts)
from collabcheck.history.trend import Trend as Trend
from collabcheck.history.trend import change_between
from collabcheck.history.trend import direction as direction
from collabcheck.history.trend import shown_delta as shown_delta

Each = dict[str, float | None]  # partner id → that partner's own score


_SUMMARY_FIELDS = tuple(f.name for f in fields(Summary))  # looked up once, not per sitting


@dataclass(frozen=True, slots=True)
class Sitting(Summary):
    """What history needs from one snapshot: the figures kept of it (`Summary`), where it is,
    which statements it asked, and whether it is in a git commit yet."""

    file: str = ""
    questions: dict[str, list[str]] = field(default_factory=dict)  # statement ids per practice
    committed: bool | None = None  # in a git commit? None when not in a repository (or not asked)

    @classmethod
    def of(
        cls,
        file: str,
        summary: Summary,
        questions: dict[str, list[str]],
        warnings: list[str],
        committed: bool | None = None,
    ) -> Sitting:
        """The sitting in `file` from what history kept of it, with the statements it asked
        and the notes to show beside it."""
        kept = {name: getattr(summary, name) for name in _SUMMARY_FIELDS}
        return cls(**{**kept, "warnings": warnings}, file=file, questions=questions, committed=committed)

    @property
    def quick(self) -> bool:
        return self.form == "quick"

    @property
    def overall_divergence(self) -> float | None:
        """One figure for 'how far apart': mean of authority, focus and the practices' mean."""
        return self.overall_with(self.divergence)

    def overall_with(self, divergence: dict[str, float | None]) -> float | None:
        """The overall figure with these per-practice divergences (on a common footing with
        another sitting when one of the two is a quick check-in)."""
        practice = [v for v in divergence.values() if v is not None]
        parts = [
            v
            for v in (
                self.authority_divergence,
                self.focus_divergence,
                sum(practice) / len(practice) if practice else None,
            )
            if v is not None
        ]
        return sum(parts) / len(parts) if parts else None


@dataclass
class Skipped:
    """A file that could not be read, and why, in words the person fixing it can act on."""

    file: str
    error: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.error}" if self.line else f"{self.file}: {self.error}"


@dataclass
class FollowThrough:
    """A practice the partners chose at one sitting, and what happened to it by the next."""

    practice: int
    title: str
    chosen_at: str
    file: str
    before: float | None
    after: float | None
    next_taken_at: str | None
    latest: float | None
    common: bool = False  # before and after counted only on the statements asked at both (a quick one)
    # Each partner's own score at the three moments, and whether their views of the practice
    # were far apart at any of them (then every sentence gives each partner's figure).
    before_each: Each = field(default_factory=dict)
    after_each: Each = field(default_factory=dict)
    latest_each: Each = field(default_factory=dict)
    apart: bool = False
    names: dict[str, str] = field(default_factory=dict)  # partner id → name, for those words

    @property
    def change(self) -> float | None:
        return change_between(self.after, self.before)


@dataclass
class PairHistory:
    """One partnership's sittings, oldest first, with what changed and what it adds up to."""

    pair: str
    sittings: list[Sitting]
    titles: dict[int, str]
    bank: Bank | None = None  # to read a quick sitting's statements again (history/common.py)
    _read: dict[str, Scores | None] = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def changes(self) -> dict[str, float | None]:
        """Latest minus previous combined score per practice (None when either is missing).

        When either sitting is a quick check-in, both scores are taken over the statements
        asked in both, so a movement is never read from a statement one of them did not ask."""
        return {k: change_between(*reversed(self.since_last(k))) for k in PRACTICES}

    @property
    def last_quick(self) -> bool:
        """Is either of the two latest sittings a quick check-in (so changes since last are
        counted on the statements asked in both)?"""
        return len(self.sittings) > 1 and (self.sittings[-2].quick or self.sittings[-1].quick)

    def since_last(self, practice: str) -> tuple[float | None, float | None]:
        """A practice's combined score at the previous and latest sittings, on a common
        footing (`compared`): every change since last that history states is read from this."""
        if len(self.sittings) < 2:
            return None, None
        return self.compared(self.sittings[-2], self.sittings[-1], practice)

    def spread_since_last(self, practice: str) -> tuple[float | None, float | None] | None:
        """How far apart the partners were on a practice at the previous and latest sittings,
        over the statements asked at both when one was a quick check-in; None when neither was."""
        if len(self.sittings) < 2:
            return None
        return self.spread_between(self.sittings[-2], self.sittings[-1], practice)

    def spread_between(
        self, before: Sitting, after: Sitting, practice: str
    ) -> tuple[float | None, float | None] | None:
        """How far apart the partners were on a practice at two sittings, over the statements
        asked at both when either was a quick check-in; None when neither was (then the
        figures as they stand are already on a common footing)."""
        if not (before.quick or after.quick):
            return None
        from collabcheck.history.common import divergence_on

        common = set(before.questions.get(practice, ())) & set(after.questions.get(practice, ()))
        scores = [self.statement_scores(s) for s in (before, after)]
        if not common or scores[0] is None or scores[1] is None:
            return None, None
        return divergence_on(scores[0], common), divergence_on(scores[1], common)

    def compared(self, before: Sitting, after: Sitting, practice: str) -> tuple[float | None, float | None]:
        """A practice's combined score at two sittings, on a common footing: as they stand
        when both asked the full form, else over the statements asked in both (by id)."""
        if not (before.quick or after.quick):
            return before.practices.get(practice), after.practices.get(practice)
        from collabcheck.history.common import combined_on

        common = set(before.questions.get(practice, ())) & set(after.questions.get(practice, ()))
        scores = [self.statement_scores(s) for s in (before, after)]
        if not common or scores[0] is None or scores[1] is None:
            return None, None
        return combined_on(scores[0], common), combined_on(scores[1], common)

    def divergence_between(
        self, before: Sitting, after: Sitting, practice: str
    ) -> tuple[float | None, float | None]:
        """How far apart the partners were on a practice at two sittings, on the footing of
        `compared` (`spread_between` when either was a quick check-in, else as kept)."""
        spread = self.spread_between(before, after, practice)
        return (
            spread
            if spread is not None
            else (before.divergence.get(practice), after.divergence.get(practice))
        )

    def compared_each(self, before: Sitting, after: Sitting, practice: str) -> tuple[Each, Each]:
        """Each partner's own score for a practice at two sittings, on the footing of
        `compared`: as kept when both asked the full form, else over the statements asked in
        both (empty when those cannot be read)."""
        if not (before.quick or after.quick):
            return before.scores.get(practice, {}), after.scores.get(practice, {})
        from collabcheck.history.common import partner_means_on

        common = set(before.questions.get(practice, ())) & set(after.questions.get(practice, ()))
        read_then, read_now = (self.statement_scores(s) for s in (before, after))
        if not common or read_then is None or read_now is None:
            return {}, {}
        then, now = partner_means_on(read_then, common), partner_means_on(read_now, common)
        return {p: float(v) for p, v in then.items()}, {p: float(v) for p, v in now.items()}

    def statement_scores(self, s: Sitting) -> dict[str, dict[str, int]] | None:
        """Every partner's score on each statement of sitting `s`, read again from its file
        (only for a partnership with a quick check-in); None when it cannot be read now."""
        from collabcheck.history.common import statement_scores

        if s.file not in self._read:
            self._read[s.file] = statement_scores(s.file, self.bank) if self.bank is not None else None
        return self._read[s.file]

    @cached_property
    def names(self) -> list[str]:
        """Everyone who took part in any sitting, in order of first appearance."""
        seen: dict[str, str] = {}
        for s in self.sittings:
            for pid, name in zip(s.partners, s.names, strict=False):
                seen.setdefault(pid, name)
        return list(seen.values())

    @cached_property
    def questions_changed(self) -> list[tuple[int, str, str, list[str]]]:
        """(index, previous taken_at, taken_at, practice numbers) wherever the statements of a
        practice differ from the sitting before (the question bank was revised between them)."""
        out = []
        for i in range(1, len(self.sittings)):
            before, after = self.sittings[i - 1], self.sittings[i]
            if before.quick or after.quick:
                continue  # a quick form asks fewer questions: compared on those asked in both
            changed = [
                k
                for k in PRACTICES
                if before.questions and after.questions and before.questions.get(k) != after.questions.get(k)
            ]
            if changed:
                out.append((i, before.taken_at, after.taken_at, changed))
        return out

    @cached_property
    def follow_through(self) -> list[FollowThrough]:
        return follow_through(self)

    @cached_property
    def trends(self) -> dict[str, Trend]:
        """Divergence over time: authority, focus, each practice and all taken together."""
        out = {
            "authority": Trend("Who has the say", [s.authority_divergence for s in self.sittings]),
            "focus": Trend("Task or relationship", [s.focus_divergence for s in self.sittings]),
        }
        first, last = self.sittings[0], self.sittings[-1]
        for k in PRACTICES:
            out[k] = Trend(
                f"Practice {k}",
                [s.divergence.get(k) for s in self.sittings],
                self.spread_since_last(k),
                self.spread_between(first, last, k) if len(self.sittings) > 1 else None,
            )
        overall = Trend("All taken together", [s.overall_divergence for s in self.sittings])
        if self.last_quick:
            since_last = {k: out[k].compared for k in PRACTICES}
            overall.last_two = self._overall_pair(self.sittings[-2], last, since_last)
        if len(self.sittings) > 1 and (first.quick or last.quick):
            since_first = {k: out[k].from_first for k in PRACTICES}
            overall.first_last = self._overall_pair(first, last, since_first)
        out["overall"] = overall
        return out

    @staticmethod
    def _overall_pair(
        before: Sitting, after: Sitting, pairs: dict[str, tuple[float | None, float | None]]
    ) -> tuple[float | None, float | None]:
        """The overall figure at two sittings, from each practice's figures on a common footing."""
        return (
            before.overall_with({k: v[0] for k, v in pairs.items()}),
            after.overall_with({k: v[1] for k, v in pairs.items()}),
        )


@dataclass
class History:
    """Every partnership found in a folder, plus the files that could not be read."""

    folder: str
    pairs: list[PairHistory]
    skipped: list[Skipped]
    bank_id: str
    bank_version: int
    titles: dict[int, str]
    source: str = ""

    @property
    def sitting_count(self) -> int:
        return sum(len(p.sittings) for p in self.pairs)


def follow_through(pair: PairHistory) -> list[FollowThrough]:
    """For each sitting where the partners agreed a practice, its score then, at the next
    sitting and now, combined and each partner's own (the words are
    `collabcheck.render.history.follow_text`). A quick sitting and the one it is set against
    are put on the statements asked in both (`PairHistory.compared`, `compared_each` and
    `divergence_between`). The practice counts as far apart when the rule's test says so (by
    its statements or its partners' scores) at any of the sittings named, on that footing."""
    from collabcheck.scoring.results import far_apart

    out: list[FollowThrough] = []
    sittings = pair.sittings
    last = sittings[-1]
    for i, s in enumerate(sittings):
        if s.agreed is None:
            continue
        p = s.agreed
        key = str(p)
        nxt = sittings[i + 1] if i + 1 < len(sittings) else None
        before, after, latest = s.practices.get(key), None, None
        before_each: Each = s.scores.get(key, {})
        after_each: Each = {}
        latest_each: Each = {}
        apart = far_apart(s.divergence.get(key), before_each)
        if nxt is not None:
            before, after = pair.compared(s, nxt, key)
            before_each, after_each = pair.compared_each(s, nxt, key)
            then, now = pair.divergence_between(s, nxt, key)
            apart = far_apart(then, before_each) or far_apart(now, after_each)
        if nxt is not None and nxt is not last:
            latest = pair.compared(s, last, key)[1]
            latest_each = pair.compared_each(s, last, key)[1]
            apart = apart or far_apart(pair.divergence_between(s, last, key)[1], latest_each)
        names: dict[str, str] = {}  # only the words for views far apart name anyone
        for x in (s, nxt, last if latest_each else None) if apart else ():
            if x is not None:
                names.update(zip(x.partners, x.names, strict=False))
        out.append(
            FollowThrough(
                p,
                pair.titles.get(p, ""),
                s.taken_at,
                s.file,
                before,
                after,
                nxt.taken_at if nxt else None,
                latest,
                nxt is not None and (s.quick or nxt.quick),
                before_each,
                after_each,
                latest_each,
                apart,
                names,
            )
        )
    return out
