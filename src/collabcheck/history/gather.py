"""Putting a history together: every record filed under its partnership as the files are read.

One builder (`Gathering`) makes every history, whatever reads the records (history, the
cohort, the app) and whatever the output, so the story of a partnership is always told from
the same sittings in the same order: by `taken_at`, then by file (never by file name alone,
which people rename). It files each record as soon as it is known, so a caller can work on a
partnership that looks complete while the rest of a big programme is still being read
(`done`). The records themselves, and what a partnership's story adds up to, are in
history/build.py. Nothing here imports Textual.
"""

from __future__ import annotations

import operator
import os
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from collabcheck.core.bank import Bank
from collabcheck.history.build import History, PairHistory, Sitting, Skipped
from collabcheck.history.read import Scanned, practice_questions
from collabcheck.history.summary import Record, Refused, record_of


def load_history(
    folder: str | Path,
    bank: Bank,
    pair: str | None = None,
    cache_dir: Path | None | bool = True,
    workers: int = 1,
    scanned: Scanned | None = None,
) -> History:
    """Read every snapshot under `folder` (recursively) into a History.

    `cache_dir` True means the default cache folder, False or None no cache. `workers` > 1
    reads uncached files in that many processes (command line only; see history_read). The
    folder must exist: the caller decides how to say so when it does not.
    """
    if scanned is None:
        scanned = Scanned(folder, bank, cache_dir)
    return build_history(str(folder), scanned.read(workers), bank, pair)


QUICK_NOTE = (
    "a quick check-in, so each practice's change to or from it counts only the "
    "questions asked in both sittings"
)


def _quick_questions(
    full: dict[str, list[str]], bank_id: str, version: int, bank: Bank
) -> dict[str, list[str]]:
    """The statements a quick sitting asked, per practice: the quick form's (core/forms.py)."""
    from collabcheck.core.bank import load_bank_for
    from collabcheck.core.forms import quick_form

    form = quick_form(load_bank_for(bank_id, version, bank)) if type(version) is int else None
    if form is None:
        return full
    return {k: [i for i in ids if i in form.ids] for k, ids in full.items()}


def mark_committed(history: History) -> None:
    """Note which sittings are not in a git commit yet (when the folder is in a repository)."""
    from collabcheck.core.git import uncommitted

    sittings = [s for p in history.pairs for s in p.sittings]
    pending = uncommitted([s.file for s in sittings])
    if pending is not None:
        waiting = {str(p) for p in pending}
        for pair in history.pairs:  # sittings are frozen: each is replaced by its marked copy
            pair.sittings[:] = [
                replace(s, committed=os.path.abspath(s.file) not in waiting) for s in pair.sittings
            ]


def build_history(
    folder: str,
    records: Sequence[tuple[str, Record | Mapping[str, Any]]],
    bank: Bank,
    pair: str | None = None,
) -> History:
    """Group summaries by pair and order each pair's sittings by taken_at, then by file.

    `records` are (file as shown, what history kept from it); a summary may also come as the
    JSON object of a fuller summary with the same fields (the cohort's)."""
    gathering = Gathering(bank, pair)
    for shown, raw in records:
        gathering.add(shown, raw)
    return gathering.history(folder)


class Gathering:
    """A history put together one record at a time, as the files are read: each sitting
    filed under its partnership, each file that could not be read noted.

    `waiting` (files not committed yet, as `core.git.uncommitted` gives them) marks each
    sitting as it is filed, as `mark_committed` would afterwards. `done` hears of a
    partnership that looks complete (the files have moved on to another folder), so its
    part of the output can be made while the rest are still being read; it may hear of a
    partnership again, or wrongly, if more of its sittings turn up later (`History` is only
    ever made from every record: `history`). The history keeps the very `PairHistory` that
    `done` was given when no sitting came after, so what it worked out then is kept.
    """

    def __init__(
        self,
        bank: Bank,
        pair: str | None = None,
        waiting: set[str] | None = None,
        done: Callable[[PairHistory], object] | None = None,
    ) -> None:
        self.bank, self.pair, self.waiting, self.done = bank, pair, waiting, done
        self.titles = {s.number: s.title for s in bank.practices if s.number is not None}
        self.skipped: list[Skipped] = []
        self.groups: dict[str, list[Sitting]] = defaultdict(list)
        self.questions: dict[tuple[str, int], dict[str, list[str]]] = {}
        self.folder: str | None = None  # the folder of the last file filed
        self.open: set[str] = set()  # partnerships with a sitting in that folder
        self.told: dict[str, PairHistory] = {}  # what `done` was last given, by partnership

    def add(self, shown: str, raw: Record | Mapping[str, Any]) -> None:
        """File one record (a summary, or why its file was refused)."""
        if self.done is not None:
            here = os.path.dirname(shown)
            if here != self.folder:
                for name in sorted(self.open):
                    self.told[name] = self.pair_history(name)
                    self.done(self.told[name])
                self.folder, self.open = here, set()
        rec = record_of(raw)
        if isinstance(rec, Refused):
            self.skipped.append(Skipped(shown, rec.error, rec.line))
            return
        if self.pair is not None and rec.pair != self.pair:
            return
        seen = (rec.bank, rec.bank_version)
        if seen not in self.questions:
            self.questions[seen] = practice_questions(*seen, self.bank)
        asked, warnings = self.questions[seen], rec.warnings
        if rec.form == "quick":
            asked = _quick_questions(asked, *seen, self.bank)
            warnings = [*warnings, QUICK_NOTE]
        committed = None if self.waiting is None else os.path.abspath(shown) not in self.waiting
        self.groups[rec.pair].append(Sitting.of(shown, rec, asked, warnings, committed))
        self.open.add(rec.pair)

    def pair_history(self, name: str) -> PairHistory:
        """One partnership's story from the sittings filed so far, oldest first."""
        sittings = sorted(self.groups[name], key=lambda s: (s.ts, s.file))
        return PairHistory(name, sittings, self.titles, self.bank)

    def _final(self, name: str) -> PairHistory:
        made = self.pair_history(name)
        told = self.told.get(name)
        return told if told is not None and same_sittings(told.sittings, made.sittings) else made

    def history(self, folder: str) -> History:
        """Every partnership, in order of name, and the files refused, in order of file."""
        pairs = [self._final(name) for name in sorted(self.groups)]
        self.skipped.sort(key=lambda s: s.file)
        bank = self.bank
        return History(folder, pairs, self.skipped, bank.id, bank.version, self.titles, bank.source)


def same_sittings(a: Sequence[Sitting], b: Sequence[Sitting]) -> bool:
    """The very same sitting records (as filed), in the same order: then a partnership's
    story, and all it is worked out from, is the same (sittings are frozen)."""
    return len(a) == len(b) and all(map(operator.is_, a, b))
