"""The welcome screen's line about sittings apart waiting on this computer.

Finding them reads the sittings apart and asks git who is on this computer, about a tenth
of a second; so the line is filled in by a thread once the welcome screen is up, never
holding up the first frame, and only when the snapshot folder has an `apart/` folder at
all. Apart from tui/apart.py so that the screens of sitting apart load only when a partner
presses `a`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from collabcheck.core.bank import Bank

APART_FOLDER = "apart"  # core/apart.py's FOLDER, without importing it at start-up


def welcome_offer(snapshot_dir: Path, state_dir: Path, bank: Bank) -> str:
    """One sentence about the sittings apart that wait for someone here ('' when none)."""
    from collabcheck.core.apart_here import offers_here
    from collabcheck.render.apart_words import offer_line

    return offer_line(offers_here(snapshot_dir, state_dir, bank))


def offer_finder(snapshot_dir: Path, state_dir: Path, bank: Bank) -> Callable[[], str] | None:
    """What the welcome screen calls (in a thread) for its line; None when there can be none."""
    if not (Path(snapshot_dir) / APART_FOLDER).is_dir():
        return None
    return partial(welcome_offer, snapshot_dir, state_dir, bank)


class OfferLine(Static):
    """Hidden until its thread has found something to offer; then one plain line."""

    def __init__(self, find: Callable[[], str], **kwargs: str) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.find = find

    def on_mount(self) -> None:
        self.display = False
        self.run_worker(self.find, thread=True, group="apart-offer", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if (
            event.worker.group == "apart-offer"
            and event.state == WorkerState.SUCCESS
            and isinstance(event.worker.result, str)
            and event.worker.result
        ):
            self.update(Text(event.worker.result))
            self.display = True
