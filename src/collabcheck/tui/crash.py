"""What happens when something goes wrong inside the app: keep the sitting, say one plain line.

Textual's own handler prints a full traceback with local variables once the app has stopped,
and those variables can hold a private reflection, so it must never reach the terminal. The
app does two things, both with Textual's public API only:

- A fault in the flow (the steps in `CollabcheckApp.run_flow`) is caught where it happens:
  the sitting is kept, words on screen included, the plain line is remembered, and the app
  ends with `App.exit(return_code=1)`.
- Any other fault (in a screen's key handler, say) is Textual's to handle: it stops the app
  with return code 1 and prints its traceback to `App.error_console`, which the app points
  at `quiet_console()`, so the traceback goes nowhere. The sitting is already on disk: every
  change is autosaved, and the app writes what is still waiting as it unmounts. `run_app`
  then prints the plain line.

Either way the command line prints one sentence saying where the answers are and how to carry on.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from collabcheck.core import paths

if TYPE_CHECKING:
    from collabcheck.tui.app import CollabcheckApp


def plain_fault_line(error: BaseException | None, state_dir: Path, kept: bool) -> str:
    """The one line printed after a fault: what happened in general, and where the answers are.

    `error` is None when Textual handled the fault itself, so only the fact of it is known.
    """
    what = "collabcheck stopped because of an unexpected problem" + (
        f" ({type(error).__name__})." if error is not None else "."
    )
    if kept:
        return (
            f"{what} The sitting in progress is kept in {state_dir}; "
            "run collabcheck again to carry on where you left off."
        )
    return f"{what} No sitting was in progress, so nothing is lost."


class _Nowhere(io.StringIO):
    """A text stream that drops everything written to it (nothing is kept in memory)."""

    def write(self, text: str) -> int:
        return len(text)


def quiet_console() -> Console:
    """The console Textual prints its fault report to: one that prints nowhere."""
    return Console(file=_Nowhere(), markup=False, highlight=False)


def end_after_fault(app: CollabcheckApp, error: Exception) -> None:
    """A fault in the flow: keep the words on screen and the sitting, remember the plain line,
    and end the app with return code 1 (`run_app` prints the line)."""
    kept = False
    if app.sitting is not None:
        with contextlib.suppress(Exception):
            app.store_everything()
        with contextlib.suppress(Exception):
            kept = app.saver.flush()
    with contextlib.suppress(OSError):
        kept = kept or paths.has_sitting(app.state_dir)
    app.crash_message = plain_fault_line(error, app.state_dir, kept)
    app.exit(return_code=1)


def after_textual_fault(app: CollabcheckApp) -> None:
    """As the app unmounts after a fault Textual handled, once everything waiting has been
    written: the plain line (see the module docstring)."""
    if app.return_code != 1 or app.crash_message:
        return
    kept = False
    with contextlib.suppress(OSError):
        kept = paths.has_sitting(app.state_dir)
    app.crash_message = plain_fault_line(None, app.state_dir, kept)
