"""What happens when something goes wrong inside the app: keep the sitting, say one plain line.

Textual's own handler draws a full traceback with local variables when the app stops, and
those variables can hold a private reflection, so it must never run. Instead the sitting is
kept if it can be (the words on screen included), the app exits with status 1, and the
command line prints one sentence saying where the answers are and how to carry on.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collabcheck.tui.app import CollabcheckApp


def plain_fault_line(error: BaseException, state_dir: Path, kept: bool) -> str:
    """The one line printed after a fault: what happened in general, and where the answers are."""
    what = f"collabcheck stopped because of an unexpected problem ({type(error).__name__})."
    if kept:
        return (f"{what} The sitting in progress is kept in {state_dir}; "
                "run collabcheck again to carry on where you left off.")
    return f"{what} No sitting was in progress, so nothing is lost."


def handle_fault(app: CollabcheckApp, error: Exception) -> None:
    """Replaces App._handle_exception: autosave, remember the plain line, close quietly."""
    app._return_code = 1
    # Kept for Pilot, which re-raises the first error in tests; never printed by run().
    if app._exception is None:
        app._exception = error
        app._exception_event.set()
    kept = False
    if app.sitting is not None:
        with contextlib.suppress(Exception):
            app.store_everything()
        with contextlib.suppress(Exception):
            kept = app.saver.flush()
    with contextlib.suppress(OSError):
        kept = kept or (app.state_dir / "sitting.json").exists()
    app.crash_message = plain_fault_line(error, app.state_dir, kept)
    app._exit_renderables.clear()
    app._close_messages_no_wait()
