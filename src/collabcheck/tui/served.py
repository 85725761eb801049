"""The app as each browser tab runs it under `collabcheck serve`: one sitting per tab.

It is the terminal app with one difference: where the sitting in progress is kept. Each tab
holds a folder of its own under `<state>/sittings/` (see `collabcheck.core.state`), so two
tabs, or two pairs on one machine, never overwrite each other's autosave. On opening, the
unfinished sittings nobody else is using are listed to carry on; a new sitting gets a new
folder. Everything else (screens, autosave after every answer, saving) is the app's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from collabcheck.core import paths, state
from collabcheck.core.bank import Bank
from collabcheck.tui.app import Clock, CollabcheckApp
from collabcheck.tui.keys import BROWSER_KEEPS, WORDS

if TYPE_CHECKING:
    from collabcheck.core.snapshot import Snapshot


class ServedApp(CollabcheckApp):
    """A CollabcheckApp whose state folder is a claimed folder of its own."""

    # Each key the browser keeps has a stand-in that does the same: pressing it is pressing
    # the kept key, so every screen's own binding (and its rules) still decides what happens.
    BINDINGS = [Binding(alt, f"press({kept!r})", show=False, priority=True)
                for kept, alt in BROWSER_KEEPS.items()]
    # The header's icon is a character no font in the page has (an empty box): not drawn.
    CSS = "HeaderIcon { visibility: hidden; }"
    in_browser = True

    def __init__(self, bank: Bank, snapshot_dir: Path, state_dir: Path | None = None,
                 now: Clock | None = None) -> None:
        super().__init__(bank=bank, snapshot_dir=snapshot_dir, state_dir=state_dir, now=now)
        self.state_root = self.state_dir
        self.claim: state.Claim | None = None
        self.picked = False

    def action_press(self, key: str) -> None:
        """A stand-in key: do what the key the browser keeps would do."""
        self.simulate_key(key)

    def get_key_display(self, binding: Binding) -> str:
        """The footer names the stand-in, the key that works in a browser."""
        if binding.key in BROWSER_KEEPS and not binding.key_display:
            return WORDS[BROWSER_KEEPS[binding.key]]
        return super().get_key_display(binding)

    def open_first_screen(self) -> None:
        """Nothing before the flow starts: which screen comes first depends on the sittings
        waiting in the shared state folder, which `welcome` looks at."""
        return None

    async def welcome(self) -> bool:
        """First the unfinished sittings to carry on (if any); then the app's own welcome."""
        if not self.picked and (self.claim is None or not paths.has_sitting(self.claim.folder)):
            waiting = state.unfinished(self.state_root, self.bank.id, self.bank.version)
            if waiting:
                from collabcheck.tui.screens.sittings import SittingsScreen

                return self.pick(await self.show(SittingsScreen(waiting, self.bank)))
        if self.claim is None:
            self._hold(state.new_claim(self.state_root))
        return await super().welcome()

    def _hold(self, claim: state.Claim) -> None:
        if self.claim is not None and self.claim.folder != claim.folder:
            self.claim.release()
        self.claim = claim
        self.state_dir = claim.folder

    def pick(self, choice: Path | str) -> bool:
        """A sitting picked from the list is carried on (True) if no other tab took it first;
        False to show the welcome again (the list, if that sitting was taken)."""
        self.picked = True
        if isinstance(choice, Path):
            held = state.claim(choice)
            if held is None:
                self.picked = False
                self.notify("That sitting has just been taken up in another tab or window.",
                            severity="warning")
                return False
            self._hold(held)
            self.sitting = self.load_state()  # says so if the file had to be put aside
            return self.sitting is not None
        return False

    async def after_saving(self, path: Path, snapshot: Snapshot) -> bool:
        """After the Saved screen, a new sitting lists the waiting ones again."""
        another = await super().after_saving(path, snapshot)
        self.picked = False
        return another

    def release(self) -> None:
        if self.claim is not None:
            self.claim.release()
            self.claim = None


def run_served_app(bank: Bank, snapshot_dir: Path, state_dir: Path | None = None) -> int:
    """Run one tab's sitting (textual-serve starts this once per browser tab)."""
    app = ServedApp(bank, snapshot_dir, state_dir)
    try:
        result = app.run()
    finally:
        app.release()
    return result if isinstance(result, int) else 0
