"""Keeping every keystroke on disk within a fraction of a second, without slowing typing down.

A kill at any moment must lose at most the last half second of typing, whatever the rhythm
(README, "Where your answers go"). Waiting for a pause in typing before saving (a debounce)
loses a whole reflection typed in one burst, so this is a throttle instead: every change hands
the latest state to one writer thread, which writes it at once and then at most every
`interval` seconds while changes keep coming. The screen only serialises the sitting
(microseconds); the disk work (write, fsync, rename) happens in the thread, so typing never
waits for the disk.

One thread, and the newest state always wins: an older state can never overwrite a newer
one, and a burst of a hundred keys becomes a handful of writes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

INTERVAL = 0.1  # seconds between writes while changes keep coming (well inside 0.5 s)
CLEAR = None  # handed over instead of a state: remove the file (in order with the writes)
_NOTHING = object()


class Autosaver:
    """Writes the newest state handed to it, off the UI thread, throttled to `interval`."""

    def __init__(
        self,
        write: Callable[[str | None], object],
        on_error: Callable[[Exception], None],
        interval: float = INTERVAL,
    ) -> None:
        self._write = write
        self._on_error = on_error
        self.interval = interval
        self._pending: object = _NOTHING
        self._wake = threading.Condition()
        self._io = threading.Lock()  # held while taking the newest state and writing it
        self._thread: threading.Thread | None = None
        self.failed: Exception | None = None
        self._closed = False

    def submit(self, text: str | None) -> None:
        """Hand over the newest state; it is on disk within about `interval` seconds."""
        with self._wake:
            self._pending = text
            self._closed = False
            self._wake.notify()
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="collabcheck-autosave", daemon=True)
            self._thread.start()

    def flush(self) -> bool:
        """Write whatever is waiting now, in the caller's thread; True when all is on disk."""
        self._write_pending()
        return self._pending is _NOTHING and self.failed is None

    def close(self) -> None:
        """Write what is waiting, then let the thread end (the app is closing)."""
        self.flush()
        with self._wake:
            self._closed = True
            self._wake.notify()

    @property
    def idle(self) -> bool:
        """Nothing is waiting to be written (for tests)."""
        return self._pending is _NOTHING and not self._io.locked()

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._pending is _NOTHING and not self._closed:
                    self._wake.wait()
                if self._pending is _NOTHING:
                    return  # closed, and nothing left to write
            started = time.monotonic()
            self._write_pending()
            # The next write may start `interval` after this one started: the time a slow
            # disk took to write is not added on top of it.
            time.sleep(max(0.0, self.interval - (time.monotonic() - started)))

    def _write_pending(self) -> None:
        with self._io:
            with self._wake:
                text, self._pending = self._pending, _NOTHING
            if text is _NOTHING:
                return
            try:
                self._write(text if isinstance(text, str) else None)
            except Exception as exc:  # a full disk or anything else: say so, keep going
                self.failed = exc
                self._on_error(exc)
            else:
                self.failed = None
