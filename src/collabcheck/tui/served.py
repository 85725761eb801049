"""The app as each browser tab runs it under `collabcheck serve`: one sitting per tab.

It is the terminal app with a few differences. Each tab holds a folder of its own under
`<state>/sittings/` (see `collabcheck.core.state`), so two tabs, or two pairs on one machine,
never overwrite each other's autosave. A tab sees only its own sitting: its header shows a
short code (`collabcheck.tui.tab_code`), and a pair whose tab was closed type that code in a
new tab to carry on; another pair's names, partnerships and past sittings are not shown. Only
when the facilitator starts the server with --shared-tabs (their own computer, one group) are
the waiting sittings listed by name, partnerships offered and past sittings shown, as in the
terminal. The keys a browser keeps for itself have stand-ins (`collabcheck.tui.keys`).
Everything else (screens, autosave after every answer, saving) is the app's own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from collabcheck.core import paths, state
from collabcheck.core.bank import Bank
from collabcheck.tui import tab_code
from collabcheck.tui.app import Clock, CollabcheckApp
from collabcheck.tui.keys import BROWSER_KEEPS, WORDS

if TYPE_CHECKING:
    from collabcheck.core.sitting import Sitting
    from collabcheck.core.snapshot import Snapshot


class ServedApp(CollabcheckApp):
    """A CollabcheckApp whose state folder is a claimed folder of its own."""

    # Each key the browser keeps has a stand-in that does the same: pressing it is pressing
    # the kept key, so every screen's own binding (and its rules) still decides what happens.
    BINDINGS = [
        Binding(alt, f"press({kept!r})", show=False, priority=True) for kept, alt in BROWSER_KEEPS.items()
    ]
    # The header's icon is a character no font in the page has (an empty box): not drawn.
    CSS = "HeaderIcon { visibility: hidden; }"
    in_browser = True

    def __init__(
        self,
        bank: Bank,
        snapshot_dir: Path,
        state_dir: Path | None = None,
        now: Clock | None = None,
        shared: bool = False,
    ) -> None:
        super().__init__(bank=bank, snapshot_dir=snapshot_dir, state_dir=state_dir, now=now)
        self.state_root = self.state_dir
        self.claim: state.Claim | None = None
        self.picked = False
        self.shared = shared  # --shared-tabs: every tab sees every pair, as in the terminal
        self.shares_partnerships = shared  # read by Who is here
        self.code = ""
        self.tries = 0

    def action_press(self, key: str) -> None:
        """A stand-in key: do what the key the browser keeps would do."""
        self.simulate_key(key)

    def get_key_display(self, binding: Binding) -> str:
        """The footer names the stand-in, the key that works in a browser."""
        if binding.key in BROWSER_KEEPS and not binding.key_display:
            return WORDS[BROWSER_KEEPS[binding.key]]
        return super().get_key_display(binding)

    # The first screen comes from the flow (`welcome`), so the flow starts as the app mounts:
    # started a moment later, Enter on the served welcome screen went unanswered.
    first_screen_after_mount = False

    def open_first_screen(self) -> None:
        """Nothing before the flow starts: which screen comes first depends on the sittings
        waiting in the shared state folder, which `welcome` looks at."""
        return None

    async def welcome(self) -> bool:
        """First a way to carry on a waiting sitting (its code; or, shared, the list); then
        the app's own welcome."""
        if not self.picked and (self.claim is None or not paths.has_sitting(self.claim.folder)):
            waiting = state.unfinished(self.state_root, self.bank.id, self.bank.version)
            if waiting and self.shared:
                from collabcheck.tui.screens.sittings import SittingsScreen

                return self.pick(await self.show(SittingsScreen(waiting, self.bank)))
            if waiting and self.tries < tab_code.TRIES:
                return await self.carry_on_by_code(waiting)
        if self.claim is None:
            self._hold(state.new_claim(self.state_root))
        return await super().welcome()

    async def carry_on_by_code(self, waiting: list[tuple[Path, Sitting]]) -> bool:
        """Ask for the code of the sitting to carry on: the one with that code is carried on,
        no code starts anew; a wrong code is said plainly, and after a few the tab stops
        asking (so codes cannot be guessed one after another)."""
        from collabcheck.tui.screens.tab_code import TabCodeScreen

        problem = ""
        if self.tries:
            left = tab_code.TRIES - self.tries
            problem = (
                f"No unfinished sitting has that code. Check it and try again "
                f"({left} {'try' if left == 1 else 'tries'} left), or start a new sitting."
            )
        typed = await self.show(TabCodeScreen(problem))
        if typed is None:
            self.picked = True
            return False
        key = tab_code.state_key(self.state_root)
        for folder, _ in waiting:
            if tab_code.matches(typed, tab_code.code_for(key, folder)):
                self.tries = 0
                return self.pick(folder)
        self.tries += 1
        if self.tries >= tab_code.TRIES:
            self.notify(
                "That code was not found. Start a new sitting here, or open a new tab to try again.",
                severity="warning",
                timeout=10,
            )
        return False

    def _hold(self, claim: state.Claim) -> None:
        if self.claim is not None and self.claim.folder != claim.folder:
            self.claim.release()
        self.claim = claim
        self.state_dir = claim.folder
        self.code = tab_code.code_for(tab_code.state_key(self.state_root), claim.folder)
        self.refresh_bindings()
        for screen in self.screen_stack:
            screen.refresh(recompose=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header names this tab's code, to carry the sitting on in another tab."""
        shown = super().format_title(title, sub_title)
        if not self.code:
            return shown
        return Content.assemble(shown, ("  ·  code ", "dim"), (self.code, "bold"))

    def history_screen(self) -> Screen[None] | None:
        """Past sittings show other pairs' results: only when the facilitator allowed it."""
        if self.shared:
            return super().history_screen()
        self.notify(
            "Past sittings are not shown in the browser, so that no pair sees "
            "another's. They are in the snapshot folder, for whoever runs collabcheck.",
            severity="information",
            timeout=8,
        )
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Past sittings are not offered (no key in the footer) unless the server allows it."""
        if action == "history" and not self.shared:
            return False
        return super().check_action(action, parameters)

    def action_stop(self) -> None:
        """As in the terminal, but the way back is this tab's code, which the question names."""
        from collabcheck.tui.screens.dialogs import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return
        if not (self.code and self.sitting is not None and self.saved_path is None):
            super().action_stop()
            return
        self.autosave()
        question = (
            "Stop for now?\n\nEverything answered so far is kept on this computer. To "
            f"carry on, open the page again and type this code: {self.code}"
        )
        self.push_screen(
            ConfirmScreen(question, yes="Stop", no="Keep going"), lambda yes: self.exit(0) if yes else None
        )

    def pick(self, choice: Path | str) -> bool:
        """A sitting picked from the list is carried on (True) if no other tab took it first;
        False to show the welcome again (the list, if that sitting was taken)."""
        self.picked = True
        if isinstance(choice, Path):
            held = state.claim(choice)
            if held is None:
                self.picked = False
                self.notify(
                    "That sitting has just been taken up in another tab or window.", severity="warning"
                )
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


def run_served_app(
    bank: Bank, snapshot_dir: Path, state_dir: Path | None = None, shared: bool = False
) -> int:
    """Run one tab's sitting (textual-serve starts this once per browser tab)."""
    app = ServedApp(bank, snapshot_dir, state_dir, shared=shared)
    try:
        result = app.run()
    finally:
        app.release()
    return result if isinstance(result, int) else 0
