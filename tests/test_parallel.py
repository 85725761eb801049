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
