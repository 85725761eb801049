"""The throttled writer: a continuous burst of changes is on disk within a fraction of a second.

A debounce (save once typing pauses) lost every reflection typed in one burst; these tests
fail for a debounce and for a writer that lets an older state overwrite a newer one.
"""

from __future__ import annotations

import threading
import time

from collabcheck.tui.autosave import CLEAR, INTERVAL, Autosaver


def test_a_continuous_burst_is_written_while_it_goes_on():
    """Typing that never pauses is written while it goes on (a debounce would wait for the
    pause that never comes), at most once per INTERVAL (a throttle), and the newest state
    wins. Nothing here depends on how fast the machine is: the burst simply lasts until three
    writes have happened (or fails after 20 s), and sleeping is never shorter than asked."""
    written: list[tuple[float, str | None]] = []
    three_written = threading.Event()

    def write(text: str | None) -> None:
        written.append((time.monotonic(), text))
        if len(written) >= 3:
            three_written.set()

    saver = Autosaver(write, lambda exc: None)
    n, give_up = 0, time.monotonic() + 20
    while not three_written.is_set():  # a key every 5 ms, never a pause
        assert time.monotonic() < give_up, "nothing was written while typing went on"
        n += 1
        saver.submit(f"state {n}")
        time.sleep(0.005)
    states = [int(t.split()[1]) for _, t in written if t]
    assert states == sorted(states) and len(set(states)) == len(states)  # newer each time
    times = [t for t, _ in written]
    assert all(b - a >= INTERVAL * 0.99 for a, b in zip(times, times[1:], strict=False))
    saver.flush()
    assert written[-1][1] == f"state {n}"  # the newest state always wins
    assert len(written) < n  # keys typed meanwhile are written together


def test_flush_writes_at_once_in_order_and_clear_is_in_order_too():
    written: list[str | None] = []
    gate = threading.Event()

    def slow_write(text):
        gate.wait(1)
        written.append(text)

    saver = Autosaver(slow_write, lambda exc: None, interval=5)
    saver.submit("one")
    time.sleep(0.05)  # the thread is now writing "one", slowly
    saver.submit("two")
    saver.submit(CLEAR)
    gate.set()
    assert saver.flush()
    assert written == ["one", None]  # "two" was replaced by the clear before it was written
    assert saver.idle


def test_a_failed_write_is_reported_and_the_next_change_tries_again():
    errors: list[OSError] = []
    fail = [True]

    def write(text):
        if fail[0]:
            raise OSError(28, "No space left on device")

    saver = Autosaver(write, errors.append)
    saver.submit("a")
    assert not saver.flush() or errors
    time.sleep(0.05)
    assert errors and saver.failed is not None
    fail[0] = False
    saver.submit("b")
    assert saver.flush() and saver.failed is None


def test_close_writes_what_is_waiting_and_ends_the_thread():
    written: list[str | None] = []
    saver = Autosaver(written.append, lambda exc: None, interval=0.05)
    saver.submit("one")
    saver.submit("two")
    saver.close()
    assert written[-1] == "two"
    saver._thread.join(1)
    assert not saver._thread.is_alive()


def test_any_failure_is_reported_never_raised_in_the_thread():
    errors: list[Exception] = []

    def broken(text):
        raise ValueError("not an OSError")

    saver = Autosaver(broken, errors.append)
    saver.submit("a")
    saver.flush()
    time.sleep(0.05)
    assert errors and isinstance(saver.failed, ValueError)
