"""The welcome screen's line about sittings apart waiting on this computer.

Apart from tui/apart.py so that starting the app imports nothing of sitting apart when the
snapshot folder has no `apart/` folder (one check of the disk), and only the domain when
it has: the screens and the comparison load when a partner presses `a`.
"""

from __future__ import annotations

from pathlib import Path

from collabcheck.core.bank import Bank

APART_FOLDER = "apart"  # core/apart.py's FOLDER, without importing it at start-up


def welcome_offer(snapshot_dir: Path, state_dir: Path, bank: Bank) -> str:
    """One sentence about the sittings apart that wait for someone here ('' when none)."""
    if not (Path(snapshot_dir) / APART_FOLDER).is_dir():
        return ""
    from collabcheck.core.apart_here import offers_here
    from collabcheck.render.apart_words import offer_line

    return offer_line(offers_here(snapshot_dir, state_dir, bank))
