"""Reading a folder for the cohort: each sitting compared once, its figures kept in a cache.

A programme's first cohort compares thousands of sittings, and every later one should cost
little more than reading a file. So each sitting's figures (history's, plus what a cohort
row and the picture need) are worked out by the comparison's own functions and kept in a
cache file beside history's, read and written by the same machinery
(`collabcheck.history.cache`: same keys, same folder). Every cached entry passes the cohort's
model (`history.cohort_model`, built on history's) before it is used, because the cache is a
file on disk like any other.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from collabcheck.core.bank import Bank
from collabcheck.history.cache import SummaryCache, code_fingerprint, default_cache_dir
from collabcheck.history.picture import say_place
from collabcheck.history.read import PRACTICES, Scanned, bank_fingerprint, in_order


def summarise_for_cohort(snapshot: Any, bank: Bank, warnings: list[str]) -> dict[str, Any]:
    """History's figures for one sitting plus what a cohort row and the picture need.

    Every figure comes from the rule's one path (`scoring.compare.figures`, with each
    partner's own scores), without the per-question records a report needs: a programme's
    first cohort compares thousands of sittings. `test_cohort` checks every figure against
    `compare` on random sittings.
    """
    from collabcheck.core.bank import load_bank_for
    from collabcheck.scoring.compare import figures

    bank = load_bank_for(snapshot.bank, snapshot.bank_version, bank)
    pids = snapshot.partner_ids
    fig = figures(snapshot, bank, per_partner=True)
    a, f = fig.authority, fig.focus
    assert a is not None and f is not None and fig.scores is not None  # asked for: per_partner
    scores: dict[str, dict[str, float | None]] = {k: dict(fig.scores.get(int(k), {})) for k in PRACTICES}
    say_ids = [i.id for i in bank.items_of_kind("authority") if not i.accountability and not i.development]
    place = {}
    for pid in pids:
        given = snapshot.answers.get(pid, {})
        outside = sum(1 for i in say_ids if given.get(i) == "outside")
        place[pid] = say_place(
            pid,
            a.totals.get(pid),
            a.answered.get(pid, 0),
            outside,
            f.positions.get(pid),
            a.perceived_holder.get(pid),
        ).to_json()

    return {
        "pair": snapshot.pair,
        "taken_at": snapshot.taken_at.isoformat(),
        "ts": snapshot.taken_at.timestamp(),
        "partners": list(pids),
        "names": [p.name for p in snapshot.partners],
        "practices": {k: fig.combined.get(int(k)) for k in PRACTICES},
        "divergence": {k: fig.divergence.get(int(k)) for k in PRACTICES},
        "scores": scores,
        "authority_divergence": a.divergence,
        "focus_divergence": f.divergence,
        "pattern_id": a.pattern_id,
        "holders": dict(a.perceived_holder),
        "strength": dict(a.strength),
        "left_out": dict(a.left_out),
        "positions": dict(f.positions),
        "leaning": f.leaning,
        "places": place,
        "suggested": fig.suggested,
        "agreed": snapshot.agreed.practice if snapshot.agreed else None,
        "bank": snapshot.bank,
        "bank_version": snapshot.bank_version,
        "form": getattr(snapshot, "form", None),
        "unknown": sorted(fig.unknown_answers),
        "mismatched": sorted(fig.mismatched_answers),
        "warnings": warnings,
    }


def summarise_file(path: str, bank: Bank) -> dict[str, Any]:
    """Read, check and compare one file as history does (`history.read.summarise_file`), with
    the cohort's fuller summary."""
    from collabcheck.history.read import summarise_file as read_and_summarise

    return read_and_summarise(path, bank, summarise_for_cohort)


class CohortCache(SummaryCache):
    """History's summary cache, keeping the cohort's fuller summaries in a file of their own
    (so history's own reads stay as small as they are); a `flat` look at one folder (its own
    files only) keeps another, so it never drops the entries of a whole programme's."""

    flat = False

    @property
    def path(self) -> Path | None:
        base = super().path
        kind = "cohort-flat-" if self.flat else "cohort-"
        return None if base is None else base.with_name(base.name.replace("history-", kind, 1))

    def _checked(self, entries: dict[str, Any]) -> dict[str, Any]:
        """Only entries that pass the cohort's model (history's, with the cohort's figures:
        `history.cohort_model`): a damaged one is read afresh from its snapshot, never trusted."""
        from collabcheck.history.cohort_model import checked_entries

        return checked_entries(entries)


def flat_scan(root: Path) -> list[tuple[str, list[int]]]:
    """The snapshot files directly in `root` (not below it), with their stat keys, as
    `history.cache.scan` gives them: a `.toml` that is not a regular file gets a key that is
    never cached, so the reader refuses it in words."""
    import stat as stat_mod

    from collabcheck.core.files import name_is_text

    found = []
    with os.scandir(root) as it:
        for e in it:
            if e.name.startswith(".") or not e.name.endswith(".toml") or e.name == "bank.toml":
                continue
            if not name_is_text(e.name):  # never read: no output could carry its name
                continue
            try:
                st = e.stat()
            except OSError:
                found.append((e.name, [-1, -1, -1, -1]))
                continue
            if stat_mod.S_ISDIR(st.st_mode):
                continue
            regular = stat_mod.S_ISREG(st.st_mode)
            key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino] if regular else [-1] * 4
            found.append((e.name, key))
    return sorted(found)


class CohortScanned(Scanned):
    """A snapshot folder as found on disk, with the cohort's cache opened; `flat` looks at the
    folder's own files only (the picture's previous sitting is beside the snapshot: a report
    of a file in a big folder must not read everything below it)."""

    def __init__(
        self, folder: str | Path, bank: Bank, cache_dir: Path | None | bool = True, flat: bool = False
    ) -> None:
        if flat:
            self.folder, self.bank, self.root = folder, bank, Path(folder)
            self.problems: dict[str, str] = {}
            self.found = flat_scan(self.root)
        else:
            super().__init__(folder, bank, None)
        if cache_dir is True:
            cache_dir = default_cache_dir()
        self.cache = CohortCache(
            self.root,
            ["cohort", *bank_fingerprint(bank), *code_fingerprint()],
            cache_dir if isinstance(cache_dir, Path) else None,
        )
        self.cache.flat = flat

    def records(
        self, workers: int = 1, each: Callable[[str, dict[str, Any]], object] | None = None
    ) -> list[tuple[str, dict[str, Any]]]:
        """(file as shown, summary) for every file, from the cache when it is fresh; uncached
        files are compared in `workers` processes (see `collabcheck.core.parallel`). `each`
        is told of every file in order as soon as it is known, while the rest are read."""
        bank = self.bank

        def as_kept(summary: dict[str, Any]) -> dict[str, Any]:
            return summary

        def refused(message: str) -> dict[str, Any]:
            return {"error": message, "line": None}

        return in_order(self, lambda path: summarise_file(path, bank), workers, as_kept, refused, each)


def previous_places(
    folder: str | Path,
    bank: Bank,
    pair: str,
    before_ts: float,
    cache_dir: Path | None | bool = True,
    flat: bool = False,
) -> dict[str, Any]:
    """The places (see `collabcheck.history.picture`) of `pair`'s latest sitting before
    `before_ts` in `folder` (and below it, unless `flat`), read through the cohort's cache;
    {} when there is none (or the folder cannot be read: a picture without arrows is still a
    picture)."""
    from collabcheck.history.picture import places_from_record

    try:
        records = CohortScanned(folder, bank, cache_dir, flat).records()
    except OSError:
        return {}
    earlier = [
        r
        for _, r in records
        if "error" not in r
        and r.get("pair") == pair
        and isinstance(r.get("ts"), (int, float))
        and r["ts"] < before_ts
    ]
    if not earlier:
        return {}
    return places_from_record(max(earlier, key=lambda r: r["ts"]))
