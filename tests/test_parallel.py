"""Work shared among forked processes gives exactly what one process gives, in order."""

from __future__ import annotations

import os
import threading

import pytest

from collabcheck.core.parallel import fork_map


def test_fork_map_is_the_plain_loop_in_order_and_really_forks():
    items = list(range(1000))
    scale = 3  # a closure: the workers inherit it, it is never pickled
    results = fork_map(lambda x: (x * scale, os.getpid()), items, workers=2)
    assert [r for r, _ in results] == [x * 3 for x in items]
    if threading.active_count() == 1:
        assert os.getpid() not in {pid for _, pid in results}
    else:  # pragma: no cover - a runner with threads: forking would not be safe
        assert {pid for _, pid in results} == {os.getpid()}


@pytest.mark.parametrize("n, workers", [(0, 2), (5, 2), (199, 2), (500, 1)])
def test_small_jobs_and_one_worker_stay_in_this_process(n, workers):
    results = fork_map(lambda x: (x, os.getpid()), list(range(n)), workers=workers)
    assert results == [(x, os.getpid()) for x in range(n)]


def test_a_thread_running_means_no_fork():
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        results = fork_map(lambda x: os.getpid(), list(range(300)), workers=2)
    finally:
        stop.set()
        t.join()
    assert set(results) == {os.getpid()}


def test_results_stream_back_in_order_while_the_workers_run_and_leave_things_as_they_were():
    """`fork_stream` hands each result over as its chunk comes back (the caller works on the
    first while the rest are read); the interpreter's switch interval, shortened meanwhile so
    the pool's thread takes results in promptly, is back as it was after, even when the
    caller stops early."""
    import sys

    from collabcheck.core.parallel import fork_stream

    before = sys.getswitchinterval()
    seen_during: list[float] = []
    out = []
    for n, x in enumerate(fork_stream(lambda x: x, list(range(1000)), workers=2)):
        if n == 0:
            seen_during.append(sys.getswitchinterval())
        out.append(x)
    assert out == list(range(1000))
    assert sys.getswitchinterval() == before
    if threading.active_count() == 1:
        assert seen_during == [before / 10]
    stream = fork_stream(lambda x: x, list(range(1000)), workers=2)
    assert next(stream) == 0
    stream.close()  # stopped early: the pool is closed and the interval given back
    assert sys.getswitchinterval() == before
