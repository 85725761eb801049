"""Keeping the sitting in the team's repository without typing a git command.

Most partners (a patient partner, a carer, a busy GP) will never type `git`, yet comparing
over time rests on each sitting reaching the shared repository. So the Saved screen says
plainly where the file stands with git, then one key commits it (that file, and its
Markdown report if made, nothing else) and one more pushes it. git runs in a worker thread
with a time limit and a ticking progress line, so the screen never freezes; every failure
is one plain sentence with the next key to press, and the file stays saved whatever git
does. `PlaceNote` says the same, earlier, before the first question.

The screen keeps its own layout: it places a `CommitPanel`, adds `COMMIT_KEYS` to its
bindings and mixes in `CommitActions` for the actions those keys run.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widgets import Static

from collabcheck.core import git, git_push
from collabcheck.core.snapshot import Snapshot
from collabcheck.render.git_words import place_advice, place_sentence, sentence

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
COMMIT_KEYS = [
    Binding("c", "commit", "Commit"),
    Binding("p", "push", "Push"),
    Binding("r", "pull_push", "Pull and push"),
    Binding("i", "identity", "Name and email"),
]


def folder_text(folder: Path) -> str:
    text = str(folder)
    return text if text.endswith(("/", "\\")) else text + "/"


def place_text(place: git.Place) -> str:
    """The sentence and, when something is wrong, what to do; '!' marks a problem (not colour)."""
    if place.ok:
        return place_sentence(place)
    return f"! {place_sentence(place)} {place_advice(place)}"


def short_place_text(place: git.Place) -> str:
    """The same in fewer words, for a screen with little room (no repository path)."""
    folder = folder_text(place.folder)
    if place.ok:
        return f"✓ Sittings go in {folder}, inside your git repository."
    if place.kind == git.IGNORED:
        return (
            f"! Sittings are saved in {folder}, which git is set to ignore here, so they stay "
            "on this computer. To share them, start again with --dir and a folder git does "
            "not ignore, e.g. --dir sittings."
        )
    why = "but git is not installed" if place.kind == git.NO_GIT else "which is not in a git repository"
    return (
        f"! Sittings are saved in {folder}, {why}, so they stay on this computer. To share "
        "them, start collabcheck in your team's repository, or use --dir."
    )


class PlaceNote(Static):
    """One note: whether the snapshot folder is in a git work tree and not ignored there.

    git is asked in a thread, so the screen appears at once and fills this in a moment later.
    """

    DEFAULT_CSS = "PlaceNote { height: auto; margin-top: 1; }"

    def __init__(self, folder: Path, **kwargs: object) -> None:
        super().__init__("", markup=False, **kwargs)  # type: ignore[arg-type]
        self.folder = Path(folder)
        self.place: git.Place | None = None

    def on_mount(self) -> None:
        self.run_worker(self._check, thread=True, group="git-place")

    def _check(self) -> None:
        place = git.where(self.folder)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self.show, place)

    def show(self, place: git.Place) -> None:
        self.place = place
        if self.is_attached:
            self.update(short_place_text(place))


class CommitPanel(Vertical):
    """Where the file stands, what git said last, and the progress of a commit or push."""

    DEFAULT_CSS = """
    CommitPanel { height: auto; margin-top: 1; }
    CommitPanel > Static { height: auto; }
    CommitPanel #git-status { margin-top: 1; }
    """

    # Where the file stands with git and what has been done: the keys shown depend on them
    # (`allows`), so a change refreshes the Footer (bindings=True).
    place: reactive[git.Place | None] = reactive(None, bindings=True)
    committed = reactive(False, bindings=True)  # this sitting (and its report, if made)
    pushed = reactive(False, bindings=True)
    rejected = reactive(False, bindings=True)  # someone pushed first: offer pull and push
    no_identity = reactive(False, bindings=True)
    busy = reactive("", bindings=True)  # what git is doing now, shown with a spinner
    status = reactive("", init=False)  # what git said last, or its progress

    def __init__(self, path: Path, snapshot: Snapshot, timeout: float = git.PUSH_TIMEOUT) -> None:
        super().__init__(id="commit-panel")
        self.path = path
        self.snapshot = snapshot
        self.timeout = timeout
        self.report: Path | None = None
        self.beside: list[Path] = []  # the report's picture
        self._started = 0.0
        self._tick = 0

    def compose(self) -> ComposeResult:
        yield Static("Checking whether this folder is in a git repository…", id="git-place", markup=False)
        yield Static("", id="git-status", markup=False)

    def on_mount(self) -> None:
        self.run_worker(self._check, thread=True, group="git")
        self.set_interval(0.2, self._spin)

    # -- state shown on screen ----------------------------------------------------------------

    @property
    def message(self) -> str:
        return git.commit_message([(self.snapshot.pair, self.snapshot.taken_at)])

    def files(self) -> list[Path]:
        return [self.path, *([self.report, *self.beside] if self.report else [])]

    def _check(self) -> None:
        place = git.where(self.path.parent)
        self._later(self._placed, place)

    def _placed(self, place: git.Place) -> None:
        self.place = place

    def watch_place(self, place: git.Place | None) -> None:
        """Say where the file stands with git and, if it can be committed, the key for it."""
        if place is None:
            return
        self.query_one("#git-place", Static).update(place_text(place))
        if place.ok:
            self.status = (
                "Press c to commit this sitting to your repository (this file only, "
                "and its Markdown report if you make one)."
            )

    def watch_status(self, text: str) -> None:
        """What git said last, or its progress, in the one line kept for it."""
        self.query_one("#git-status", Static).update(text)

    def _spin(self) -> None:
        if self.busy:
            self._tick += 1
            took = int(time.monotonic() - self._started)
            self.status = (
                f"{SPINNER[self._tick % len(SPINNER)]} {self.busy}… {took} s (stops after {self.timeout:g} s)"
            )

    def _later(self, callback: Callable[..., object], *args: object) -> None:
        """Run `callback` on the app's thread, unless the screen has gone meanwhile."""

        def if_still_here() -> None:
            if self.is_attached:
                callback(*args)

        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(if_still_here)

    def _run(self, doing: str, job: Callable[[], git.Outcome], then: Callable[[git.Outcome], None]) -> None:
        """Run `job` in a thread with a ticking progress line, then `then(outcome)` here."""
        self.busy, self._started = doing, time.monotonic()
        self._spin()

        def work() -> None:
            try:
                out = job()
            except Exception as exc:  # the screen must never be left waiting
                out = git.Outcome(git.FAILED, "git-fault", detail=repr(exc))
            self._later(self._finish, out, then)

        self.run_worker(work, thread=True, group="git", exit_on_error=False)

    def _finish(self, out: git.Outcome, then: Callable[[git.Outcome], None]) -> None:
        self.busy = ""
        then(out)

    # -- what the keys do -----------------------------------------------------------------

    def commit(self) -> None:
        if self.busy or self.place is None:
            return
        if not self.place.ok:
            self.status = place_text(self.place)
            return
        files, message = self.files(), self.message
        self._run("Committing", lambda: git.commit_files(files, message), self._committed)

    def _committed(self, out: git.Outcome) -> None:
        self.no_identity = out.kind == git.NO_IDENTITY
        if out.ok or out.kind == git.NOTHING:
            self.committed = True
            self.status = (
                f"✓ {sentence(out)} Press p to push it to your team's shared "
                f"repository (at most {self.timeout:g} seconds), or q to finish."
            )
        elif self.no_identity:
            self.status = f"! {sentence(out)} Press i to give them, for this repository only."
            self.ask_identity()
        else:
            self.status = f"! {sentence(out)} Press c to try again."

    def push(self, again: bool = False) -> None:
        if self.busy:
            return
        if not self.committed:
            self.status = "Commit it first: press c."
            return
        if again:
            self._run(
                "Fetching your team's work and pushing again",
                lambda: git_push.pull_and_push(self.path.parent, self.timeout),
                self._pushed,
            )
        else:
            self._run("Pushing", lambda: git_push.push(self.path.parent, self.timeout), self._pushed)

    def _pushed(self, out: git.Outcome) -> None:
        self.rejected = out.kind == git.REJECTED
        self.pushed = out.ok
        if out.ok:
            self.status = f"✓ {sentence(out)} Press q to finish."
        elif self.rejected:
            self.status = (
                f"! {sentence(out)} Press r to fetch their work and push again; it "
                "cannot clash, because every sitting is its own file."
            )
        else:
            again = {git.NO_REMOTE: "", git.NOT_REPO: "", git.AUTH: " Press p when you have."}
            self.status = f"! {sentence(out)}{again.get(out.kind, ' Press p to try again.')}"

    def ask_identity(self) -> None:
        from collabcheck.tui.screens.identity import IdentityScreen

        if self.place is None or self.place.root is None or self.busy:
            return
        self.app.push_screen(IdentityScreen(), self._identity_given)

    def _identity_given(self, given: tuple[str, str] | None) -> None:
        if given is None or self.place is None or self.place.root is None:
            return
        root = self.place.root
        self._run("Saving your name and email", lambda: git.set_identity(root, *given), self._identity_set)

    def _identity_set(self, out: git.Outcome) -> None:
        if not out.ok:
            self.status = f"! {sentence(out)} Press i to try again."
            return
        self.no_identity = False
        self.status = sentence(out)
        self.commit()

    def report_written(self, report: Path, *beside: Path) -> None:
        """A Markdown report (and its picture) was made: commit them too (with the sitting,
        or on their own)."""
        self.report = report
        self.beside = list(beside)
        if self.committed:
            self.committed = self.pushed = False
            self.status = "Press c to commit the Markdown report too."

    def allows(self, action: str) -> bool | None:
        """Which keys to show: only the ones that do something now."""
        ready = self.place is not None and self.place.ok and not self.busy
        return {
            "commit": ready and not self.committed,
            "push": ready and self.committed and not self.pushed,
            "pull_push": ready and self.rejected,
            "identity": ready and self.no_identity,
        }.get(action)


class CommitActions:
    """Mixed into the Saved screen: the actions behind COMMIT_KEYS, and which keys show."""

    def _panel(self) -> CommitPanel | None:
        found = self.query(CommitPanel)  # type: ignore[attr-defined]
        return found.first() if found else None

    def action_commit(self) -> None:
        if panel := self._panel():
            panel.commit()

    def action_push(self) -> None:
        if panel := self._panel():
            panel.push()

    def action_pull_push(self) -> None:
        if panel := self._panel():
            panel.push(again=True)

    def action_identity(self) -> None:
        if panel := self._panel():
            panel.ask_identity()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("commit", "push", "pull_push", "identity"):
            panel = self._panel()
            return bool(panel and panel.allows(action))
        return True

    def git_busy(self) -> bool:
        """True while git is working: finishing now would leave it half done."""
        panel = self._panel()
        if panel is not None and panel.busy:
            panel.app.notify(
                f"Please wait a moment: git is still working (at most {panel.timeout:g} seconds).", timeout=5
            )
            return True
        return False
