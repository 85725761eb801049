"""Reading a folder of snapshots for history: each file checked, compared and summarised once.

Every figure comes from `collabcheck.scoring.compare.compare`, so history and the one-sitting report
never disagree. A file that cannot be read becomes a `Refused` record holding the reason,
never an exception, so one bad file cannot hide the others (records: history/summary.py).
Summaries are cached (history/cache.py), and a big first read is shared among processes on
the command line.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from collabcheck.core.bank import Bank
from collabcheck.history.cache import RACY_NS, SummaryCache, code_fingerprint, default_cache_dir, scan
from collabcheck.history.summary import Record, Refused, Summary, record_of

if TYPE_CHECKING:
    from collabcheck.core.records import Snapshot

T = TypeVar("T")

PRACTICES = ("1", "2", "3", "4", "5")  # practice numbers as history's JSON keys
_NUMBERED = tuple((k, int(k)) for k in PRACTICES)  # each key with the number the rule gives


def summarise_snapshot(snapshot: Snapshot, bank: Bank, warnings: list[str]) -> Summary:
    """The figures history keeps from one sitting, all taken from `compare` (never recomputed).

    Each sitting is compared with the questions its partners saw (bank 1 ships beside bank
    2); which statements those were follows from the bank named, so `practice_questions`
    works them out once per bank rather than once per file. Sides and who could not rate a
    practice are kept only when there are any (history/sides.py); each partner's own
    practice scores always, for the sentences about a practice seen far apart.
    """
    from collabcheck.core.bank import load_bank_for
    from collabcheck.history.sides import side_figures, sides_of
    from collabcheck.scoring.compare import figures

    bank = load_bank_for(snapshot.bank, snapshot.bank_version, bank)
    sides = sides_of(snapshot)
    f = figures(snapshot, bank, per_partner=True)
    combined, divergence, scores = f.combined, f.divergence, f.scores or {}
    side_scores, say_gap = side_figures(snapshot, bank, scores) if sides else ({}, None)
    return Summary(
        pair=snapshot.pair,
        taken_at=snapshot.taken_at.isoformat(),
        ts=snapshot.taken_at.timestamp(),
        partners=[p.id for p in snapshot.partners],
        names=[p.name for p in snapshot.partners],
        practices={k: combined.get(n) for k, n in _NUMBERED},
        divergence={k: divergence.get(n) for k, n in _NUMBERED},
        authority_divergence=f.authority_divergence,
        focus_divergence=f.focus_divergence,
        suggested=f.suggested,
        agreed=snapshot.agreed.practice if snapshot.agreed else None,
        bank=snapshot.bank,
        bank_version=snapshot.bank_version,
        unknown=sorted(f.unknown_answers),
        mismatched=sorted(f.mismatched_answers),
        warnings=warnings,
        form=snapshot.form,
        sides=sides,
        side_scores=side_scores,
        say_gap=say_gap,
        cannot_see={str(k): {pid: [u, r] for pid, (u, r) in by.items()} for k, by in f.cannot_see.items()},
        scores={k: scores.get(n) or {} for k, n in _NUMBERED},  # each a dict of its own already
    )


def practice_questions(bank_id: str, version: int, default: Bank) -> dict[str, list[str]]:
    """The ids of each practice's statements in the bank a sitting was answered on, so
    history can say plainly when a practice's questions changed between two sittings."""
    from collabcheck.core.bank import load_bank_for

    bank = load_bank_for(bank_id, version, default)
    questions = {str(s.number): sorted(i.id for i in s.of_kind("agree")) for s in bank.practices}
    return {k: questions.get(k, []) for k in PRACTICES}


@overload
def summarise_file(path: str, bank: Bank) -> Record: ...


@overload
def summarise_file(
    path: str, bank: Bank, summarise: Callable[[Snapshot, Bank, list[str]], T]
) -> T | dict[str, Any]: ...


def summarise_file(
    path: str, bank: Bank, summarise: Callable[[Snapshot, Bank, list[str]], Any] | None = None
) -> Any:
    """Read, check and compare one file; a problem becomes a `Refused` instead of raising (as
    JSON, {'error', 'line'}, for a caller with its own `summarise`).

    `summarise` makes the summary from the checked snapshot (history's own by default; the
    cohort keeps a fuller one), so every reader of a programme treats a bad file the same way."""
    from collabcheck.core.errors import CollabcheckError, SnapshotError
    from collabcheck.core.files import read_toml
    from collabcheck.core.snapshot import check_snapshot

    warnings: list[str] = []
    refused: Refused
    try:
        snapshot = check_snapshot(read_toml(path, SnapshotError), path, bank, warnings)
        warnings = [w.split(": warning: ", 1)[-1] for w in warnings]
        try:
            return (summarise or summarise_snapshot)(snapshot, bank, warnings)
        except Exception as exc:  # one odd file must not hide the others
            text = f"could not be compared ({type(exc).__name__}: {exc}); please report this"
            refused = Refused(text, None, True)
    except CollabcheckError as exc:
        refused = Refused(exc.message, exc.line)
    except (RecursionError, MemoryError, ValueError, TypeError) as exc:
        refused = Refused(f"could not be read ({type(exc).__name__}); please report this", None, True)
    return refused if summarise is None else refused.to_json()  # the cohort keeps JSON objects


def bank_fingerprint(bank: Bank) -> list[Any]:
    """Identifies the bank's content, so an edited bank (even with the same version) re-reads."""
    import hashlib
    import json

    text = json.dumps(bank.to_json(), sort_keys=True, ensure_ascii=False)
    return [bank.id, bank.version, hashlib.sha256(text.encode()).hexdigest()[:16]]


class Scanned:
    """A snapshot folder as found on disk (every file's stat key), with its cache opened.

    Split from reading so the command line can ask, before reading anything, whether the
    whole folder is exactly as it was when its output was last written (`state`).
    """

    def __init__(self, folder: str | Path, bank: Bank, cache_dir: Path | None | bool = True) -> None:
        self.folder = folder
        self.bank = bank
        self.root = Path(folder)
        if cache_dir is True:
            cache_dir = default_cache_dir()
        self.cache = SummaryCache(
            self.root,
            [*bank_fingerprint(bank), *code_fingerprint()],
            cache_dir if isinstance(cache_dir, Path) else None,
        )
        self.problems: dict[str, str] = {}
        self.found = scan(self.root, self.problems)

    def state(self, *extra: str) -> str | None:
        """A digest of everything history's output depends on: every file's stat key, the
        bank, collabcheck's code (rendering included) and `extra` (format, pair, folder as
        named). None when any file is too new or odd to be sure a change would show."""
        if self.cache.dir is None or any(
            key[0] < 0 or key[1] > self.cache.started_ns - RACY_NS for _, key in self.found
        ):
            return None
        import hashlib
        import json

        text = json.dumps(
            [
                self.cache.fingerprint,
                code_fingerprint(("render", "cli")),
                extra,
                self.found,
                sorted(self.problems.items()),
            ],
            separators=(",", ":"),
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def read(
        self, workers: int = 1, each: Callable[[str, Record], object] | None = None
    ) -> list[tuple[str, Record]]:
        """(file as shown, what history found in it) for every file, cached or read afresh.

        `each` is told of every file in that order as soon as it is known, while the workers
        are still reading the rest (a big first history files its sittings meanwhile)."""
        bank = self.bank
        return in_order(
            self, lambda path: summarise_file(path, bank).to_json(), workers, record_of, Refused, each
        )

    def records(self, workers: int = 1) -> Sequence[tuple[str, Record | Mapping[str, Any]]]:
        """What `build_history` is built from: history's records here; a reader keeping
        fuller summaries (the cohort's) gives them as JSON objects."""
        return self.read(workers)


def in_order(
    scanned: Scanned,
    summarise: Callable[[str], dict[str, Any]],
    workers: int,
    keep: Callable[[dict[str, Any]], T],
    refused: Callable[[str], T],
    each: Callable[[str, T], object] | None = None,
) -> list[tuple[str, T]]:
    """(file as shown, what is kept of it) for every file found, in order (`summaries`), then
    every unreadable subfolder (listed, never silent); `each` is told of each as it comes.
    History keeps records (`keep` record_of), the cohort its fuller summaries as they are."""
    out: list[tuple[str, T]] = []
    found = ((shown, keep(kept)) for shown, kept in summaries(scanned, summarise, workers))
    unreadable = ((os.path.join(str(scanned.folder), rel), refused(m)) for rel, m in scanned.problems.items())
    for item in itertools.chain(found, unreadable):
        out.append(item)
        if each is not None:
            each(*item)
    return out


def summaries(
    scanned: Scanned, summarise: Callable[[str], dict[str, Any]], workers: int
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(file as shown, its summary as the cache keeps it) for every file found, in order,
    each as soon as it is known: from the cache when the file is exactly as cached, else
    from `summarise` (a file's path to a plain JSON object), shared among `workers` forked
    processes for a big first run (comparing is the slow part of reading thousands of
    files). What is read afresh is put in the cache, and the cache saved at the end.

    History and the cohort both read through this, each with its own summary."""
    from collabcheck.core.parallel import fork_stream

    cache, found = scanned.cache, list(scanned.found)
    kept = [cache.get(rel, key) for rel, key in found]
    misses = [os.path.join(scanned.root, rel) for (rel, _), k in zip(found, kept, strict=True) if k is None]
    if misses:
        load_readers()
    fresh = fork_stream(summarise, misses, workers)
    for (rel, key), k in zip(found, kept, strict=True):
        if k is None:  # read afresh: the next one back from the workers, in order
            k = next(fresh)
            cache.put(rel, key, k)
        yield os.path.join(str(scanned.folder), rel), k
    if next(fresh, None) is not None:  # one result each, no more (and the workers are done)
        raise AssertionError("more summaries than files")
    cache.save()


def load_readers() -> tuple[ModuleType, ...]:
    """Load what reading and comparing a snapshot needs (its models, the rule), once, before
    the workers fork: each would otherwise load them again, the same work done on every core."""
    from collabcheck.core import models
    from collabcheck.history import sides
    from collabcheck.scoring import compare

    return models, sides, compare
