"""`collabcheck history [DIR] [--pair PAIR] [--format text|json|markdown]`.

Kept apart from the app so it never loads Textual: facilitators run it in scripts and CI over
a whole programme's repository. Files that cannot be read are listed (in the JSON, and one
line each on stderr otherwise) and never stop the others being shown.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from collabcheck.cli.exits import EXIT_OK
from collabcheck.core.errors import CollabcheckError
from collabcheck.render.safe import json_safe, safe_line, terminal_safe

if TYPE_CHECKING:
    from collabcheck.core.bank import Bank
    from collabcheck.history.build import History
    from collabcheck.history.cache import SummaryCache
    from collabcheck.history.read import Scanned
    from collabcheck.render.history_json import Made


def history_folder(args: argparse.Namespace) -> Path:
    """DIR if given, else the snapshot folder (--dir, $COLLABCHECK_DIR, ./collabcheck)."""
    from collabcheck.core.paths import snapshot_dir

    folder = getattr(args, "folder", None)
    return Path(folder) if folder else snapshot_dir(getattr(args, "dir", None))


def run_history(args: argparse.Namespace) -> int:
    """Print the history; a missing folder is one line on stderr and exit 2 (via CollabcheckError)."""
    with cycle_collector_paused():
        return _run_history(args)


@contextlib.contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a programme's records are made, back on after.

    History and the cohort make hundreds of thousands of small records that hold no cycles
    (reference counting frees them), yet each collection walks every record made so far: a
    sixth of a big history's own time went on that, finding nothing. The workers that read
    files are forked inside this, so they run without it too."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@contextlib.contextmanager
def cache_beside_output(cache: SummaryCache) -> Iterator[None]:
    """A big first run's cache is written by a forked copy while the output is laid out
    (`SummaryCache.save`); the command waits for it before it ends, so the next run finds it."""
    cache.background = True
    try:
        yield
    finally:
        cache.wait()


def checked_folder(args: argparse.Namespace, command: str) -> Path:
    """The snapshot folder `history` or `cohort` reads, or one line saying why it cannot
    (missing, a file, unreadable), the same for both commands."""
    folder = history_folder(args)
    if not folder.exists():
        if getattr(args, "folder", None):
            raise CollabcheckError(folder, "folder not found (give the folder that holds your snapshots)")
        raise CollabcheckError(
            None,
            f"no snapshot folder '{folder}' here; name one, for example "
            f"'collabcheck {command} examples/', or use --dir",
        )
    if not folder.is_dir():
        raise CollabcheckError(
            folder, "is a file, not a folder (use 'collabcheck report FILE' for one sitting)"
        )
    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        raise CollabcheckError(folder, f"folder cannot be read ({exc.strerror or exc})") from None
    return folder


def _run_history(args: argparse.Namespace) -> int:
    from collabcheck.core.bank import load_bank
    from collabcheck.core.git import state_of
    from collabcheck.history.read import Scanned

    folder = checked_folder(args, "history")
    questions = getattr(args, "questions", None)
    bank = load_bank(Path(questions) if questions else None)
    pair = getattr(args, "pair", None)
    fmt = getattr(args, "format", "text") or "text"
    scanned = Scanned(folder, bank)
    with cache_beside_output(scanned.cache):
        # Which sittings are committed is part of the output, so the git state is part of the key.
        state = scanned.state(fmt, str(pair), str(folder), state_of(folder)) if fmt == "json" else None
        kept = scanned.cache.output(state)
        if kept is not None:  # nothing in the folder, the bank or collabcheck has changed
            sys.stdout.write(kept)
            return EXIT_OK
        # Only now, when there is a history to build: a kept output needs none of this.
        from collabcheck.history.gather import load_history, mark_committed
        from collabcheck.render.history import render_markdown, render_text

        workers = min(8, os.cpu_count() or 1)
        if fmt == "json":
            history, made = _gathered(folder, bank, pair, workers, scanned)
            # Compact (see json_text): pipe it through `python -m json.tool` to read it.
            text = json_safe(json_text(history, made)) + "\n"
            sys.stdout.write(text)
            scanned.cache.save_output(state, text)
            return EXIT_OK
        history = load_history(folder, bank, pair=pair, workers=workers, scanned=scanned)
        mark_committed(history)
        for s in history.skipped:
            sys.stderr.write(safe_line(str(s)) + "\n")
        if pair is not None and not history.pairs:
            everyone = sorted({p.pair for p in load_history(folder, bank).pairs})
            found = f" Partnerships found: {', '.join(everyone)}." if everyone else ""
            sys.stdout.write(safe_line(f"No sittings for '{pair}' in {folder}.{found}") + "\n")
            return EXIT_OK
        sys.stdout.write(
            terminal_safe(render_markdown(history) if fmt == "markdown" else render_text(history))
        )
        from collabcheck.core.apart import still_open
        from collabcheck.render.apart_words import open_lines

        waiting = open_lines(still_open(folder, bank))  # sittings apart show up once complete
        if waiting:
            from collabcheck.render.safe import md_escape

            text = "\n".join(waiting[:2] + [md_escape(w) if fmt == "markdown" else w for w in waiting[2:]])
            sys.stdout.write(terminal_safe(text) + "\n")
        return EXIT_OK


def json_text(history: History, made: Mapping[str, Made] | None = None) -> str:
    """The history as compact JSON (one `json.dumps` of `render_json`): Python's fast encoder
    only runs without indentation, and a programme's history can be megabytes."""
    from collabcheck.render.history_json import render_json

    return json.dumps(render_json(history, made), ensure_ascii=False, check_circular=False)


def _gathered(
    folder: Path, bank: Bank, pair: str | None, workers: int, scanned: Scanned
) -> tuple[History, dict[str, Made]]:
    """The history, with most partnerships' JSON laid out while the files were still being
    read (in this process, while the workers read the rest: a programme's first history then
    keeps both cores busy to the end, rather than laying everything out on one core after).

    Which sittings are committed is asked of git first, for every file found, so each
    sitting is marked as it is filed; for the files history keeps, git's answer is the same
    as `mark_committed` gets afterwards. When git cannot say for them all (not a repository),
    they are marked afterwards as usual; any partnership marked then is laid out again, since
    only JSON made from the very sittings the history ends with is used (`render_json`)."""
    from collabcheck.core.git import uncommitted
    from collabcheck.history.gather import Gathering, mark_committed
    from collabcheck.render.history_json import made_early

    pending = uncommitted(os.path.join(str(folder), rel) for rel, _ in scanned.found)
    made: dict[str, Made] = {}
    waiting = None if pending is None else {str(p) for p in pending}
    gathering = Gathering(bank, pair, waiting, made_early(made))
    scanned.read(workers, gathering.add)
    history = gathering.history(str(folder))
    if pending is None:
        mark_committed(history)
    return history, made
