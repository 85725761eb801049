"""Sharing one big, simple job among processes, when that is both worth it and safe.

A programme's first history reads and compares thousands of files and then lays out
megabytes of JSON; both are plain loops over independent pieces, and Python runs one loop
on one core. Forked processes inherit everything already loaded (code, the bank, the
history built so far), so they start at once and nothing but the results is copied back.
Forking is only safe from a program with one thread, so the app, which has several, and
small jobs, which would not repay the start-up, run the loop in this process instead.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 200  # fewer than this: not worth starting processes
MAX_CHUNK = 100  # small chunks, so no core sits idle while another finishes a big one

_JOB: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # inherited by the workers


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    assert _JOB is not None
    fn, items = _JOB
    return [fn(x) for x in items[bounds[0] : bounds[1]]]


def fork_map(fn: Callable[[T], R], items: Sequence[T], workers: int, min_items: int = MIN_ITEMS) -> list[R]:
    """[fn(x) for x in items], in order, shared among `workers` forked processes when safe.

    `fn` may be any callable (a closure too): the workers inherit it by forking, and only
    each chunk's bounds go out and its results come back.
    """
    return list(fork_stream(fn, items, workers, min_items))


def fork_stream(
    fn: Callable[[T], R], items: Sequence[T], workers: int, min_items: int = MIN_ITEMS
) -> Iterator[R]:
    """As `fork_map`, one result at a time, in order, each as soon as its chunk is back: the
    caller's own work on the first results (history keeps them, files them) then runs while
    the workers are still on the rest, rather than after them on one core."""
    import threading

    global _JOB
    if workers <= 1 or len(items) < min_items or threading.active_count() > 1:
        yield from (fn(x) for x in items)
        return
    import multiprocessing

    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # a platform without fork
        yield from (fn(x) for x in items)
        return
    size = max(1, min(MAX_CHUNK, len(items) // (workers * 8)))
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    _JOB = (fn, items)
    # The pool's own thread takes each chunk in from the workers; while the caller works on
    # what came before, that thread waits for its turn at the interpreter, and a worker whose
    # results are not taken in waits too. Turns come ten times as often while the pool runs.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(interval / 10)
    try:
        with ctx.Pool(workers) as pool:
            for chunk in pool.imap(_run_chunk, bounds, chunksize=1):
                yield from chunk
    finally:
        sys.setswitchinterval(interval)
        _JOB = None


def in_background(job: Callable[[], object]) -> Callable[[], None]:
    """Run `job` in a forked copy of this process while this one goes on, and give back what
    waits for it to end. Where forking is not safe (another thread runs) or not possible, the
    job runs here and now, and the waiting is nothing.

    For writing what only a later run reads (history's cache), beside laying out this run's
    output. The copy ends with `os._exit`, so nothing of this process (its output, its exit
    handlers) runs twice; a job that fails only loses what it would have written.
    """
    import os
    import threading

    if threading.active_count() > 1 or not hasattr(os, "fork"):
        job()
        return lambda: None
    pid = os.fork()
    if pid == 0:  # the copy: do the job, and end without running anything else
        code = 1
        try:
            job()
            code = 0
        finally:
            os._exit(code)

    def wait() -> None:
        with contextlib.suppress(ChildProcessError):  # already waited for
            os.waitpid(pid, 0)

    return wait
