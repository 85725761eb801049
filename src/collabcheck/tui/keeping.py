"""Keeping the sitting in progress on disk: the app's side of the autosave.

The app serialises the sitting on every change (cheap) and hands it to the writer thread
(`autosave.py`); removing the file goes through the same thread, so it can never be undone
by an older write. Reading it back says plainly when a broken file was put aside. Closing the
terminal window keeps the words being typed (`hang_up`).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

from collabcheck.core import paths
from collabcheck.tui.autosave import CLEAR, Autosaver

if TYPE_CHECKING:
    from collabcheck.core.lock import Held
    from collabcheck.core.sitting import Sitting
    from collabcheck.core.state import Claim

SECOND_WINDOW = (
    "This sitting is already open in another collabcheck window on this computer."
    "\n\nThis window will not touch its answers. You can start a new sitting here, "
    "kept apart from it, or close this window and carry on in the other one."
)
SECOND_WINDOW_CLOSED = (
    "collabcheck: the unfinished sitting is open in another window, so this one closed without changing it."
)


def notice_width(screen_width: int) -> int:
    """How many characters fit on a line of a notice, so a path in it can be broken between
    names rather than folded through one (`render.words.path_lines`). A Textual toast is at
    most 60 columns and half of the width beside the toasts' scroll bar (2 columns), less its
    coloured edge and padding (3): 36 at 80 columns (`tests/app/test_notice_paths.py`)."""
    return max(min(60, (screen_width - 2) // 2) - 3, 16)


class SittingChanged(Message):
    """Posted by a screen when it has changed the sitting in progress (an answer, a word
    typed): the app keeps it at once (`KeepsState.on_sitting_changed`)."""


class KeepsItsOwn:
    """Marks a screen whose answers are kept somewhere other than the sitting in progress (a
    partner answering apart keeps them in their own private folder): Ctrl+Q, over it or over
    help on it, asks and says goodbye in its words (`stop_words`) rather than the app's."""

    def stop_words(self) -> tuple[str, str]:
        """(the question "Stop for now?" asks, the line said once the app has closed)."""
        raise NotImplementedError


class KeepsState(App[int]):
    """The state-keeping half of the collabcheck app (see the module docstring)."""

    sitting: Sitting | None
    state_dir: Path
    saver: Autosaver
    ui_loop: asyncio.AbstractEventLoop | None

    state_lock: Held | None = None
    own_claim: Claim | None = None  # then: the separate folder this app keeps its sitting in

    def hold_state(self) -> bool:
        """Take the state folder for this app alone (`core/lock.py`). False when another app
        has it: this app then keeps its own sitting in a separate new folder (a sitting folder
        of `core/state.py`, held the same way), so neither overwrites the other's answers."""
        from collabcheck.core import lock

        held = lock.hold(self.state_dir)
        if held is not None:
            self.state_lock = held
            return True
        from collabcheck.core import state

        self.own_claim = state.new_claim(self.state_dir)
        self.state_dir = self.own_claim.folder
        return False

    def offer_new_sitting(self) -> None:
        """Say, over the welcome screen, that the sitting is open in another window; offer a
        new sitting here, or closing this window."""
        from collabcheck.tui.screens.dialogs import ConfirmScreen

        def answered(new: bool | None) -> None:
            if not new:
                self.exit_message = SECOND_WINDOW_CLOSED
                self.exit(0)

        self.push_screen(
            ConfirmScreen(SECOND_WINDOW, yes="Start a new sitting", no="Close this window"), callback=answered
        )

    def release_state(self) -> None:
        """Let the next app have the state folder (the separate one is removed if empty)."""
        if self.state_lock is not None:
            self.state_lock.release()
        if self.own_claim is not None:
            self.own_claim.release(tidy=True)

    def autosave(self) -> None:
        """Keep the sitting in progress: called after every change, even every keystroke.

        Only the serialising happens here; the writer thread puts it on disk within a
        fraction of a second, so typing never waits for the disk.
        """
        if self.sitting is not None:
            self.saver.submit(self.sitting.to_json())

    def on_sitting_changed(self, _changed: SittingChanged) -> None:
        self.autosave()

    def clear_state(self) -> None:
        """Remove the sitting in progress, after anything still waiting to be written."""
        self.saver.submit(CLEAR)
        self.saver.flush()

    def _write_state(self, text: str | None) -> None:
        """In the writer thread: the newest state, or None to remove the file."""
        # The sitting module is imported on first use: the first screen does not need it
        # unless an unfinished sitting is waiting.
        from collabcheck.core import sitting as store

        if text is None:
            store.clear(self.state_dir)
        else:
            store.write_state(text, self.state_dir)

    def _autosave_failed(self, exc: Exception) -> None:
        """In the writer thread (or at a flush): warn once, in the app's own thread."""
        if self.ui_loop is None or getattr(self, "_autosave_warned", False):
            return
        self._autosave_warned = True
        reason = getattr(exc, "strerror", None) or exc
        from collabcheck.render.words import path_lines

        message = (
            f"Answers cannot be kept in this folder ({reason}):\n"
            + "\n".join(path_lines(self.state_dir, notice_width(self.size.width)))
            + "\nStopping now would lose them. You can still finish and save."
        )
        with contextlib.suppress(RuntimeError):  # the app is already closing
            self.ui_loop.call_soon_threadsafe(
                lambda: self.notify(
                    message, title="Not autosaving", severity="warning", timeout=20, markup=False
                )
            )

    def load_state(self) -> Sitting | None:
        """The stored sitting, saying plainly (once) if an unreadable one was set aside."""
        if not paths.has_sitting(self.state_dir):
            return None
        from collabcheck.core import sitting as store

        sitting, aside = store.load_checked(self.state_dir, getattr(self, "bank", None))
        if aside is not None or (sitting is None and paths.has_sitting(self.state_dir)):
            from collabcheck.render.words import path_lines

            where = aside or self.state_dir / paths.STATE_FILE
            self.notify(
                "An unfinished sitting could not be read, so it was put aside as\n"
                + "\n".join(path_lines(where, notice_width(self.size.width)))
                + "\nYou can start a new sitting.",
                title="Unfinished sitting put aside",
                severity="warning",
                timeout=30,
                markup=False,
            )
        return sitting

    def _catch_hangup(self) -> None:
        """Closing the terminal window sends SIGHUP: keep the words being typed, then stop."""
        import signal

        if not hasattr(signal, "SIGHUP"):
            return
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)

    def store_everything(self) -> None:
        """Keep the words on screen (a reflection half typed) and autosave the sitting."""
        store = getattr(self.screen, "store_note", None)
        if callable(store):
            store()
        self.autosave()

    def hang_up(self) -> None:
        """The terminal window was closed: save, then end the process at once.

        With no terminal left, an orderly shutdown can block for ever writing to it, leaving
        a process behind; everything worth keeping is already on disk (written atomically).
        """
        try:
            self.store_everything()
            self.saver.flush()
        finally:
            os._exit(0)
