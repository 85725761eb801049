"""Saved: where the snapshot went, and committing it to the team's repository.

Many partners have never used git, so one key commits the sitting and one more pushes it
(see commit.py, which also says plainly whether the folder is in a repository at all). A
Markdown report can be written beside the snapshot for people who will read it on the web
or print it for a meeting; it is committed with the sitting when made.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Static

from collabcheck.core.bank import Bank
from collabcheck.core.snapshot import Snapshot
from collabcheck.tui.screens.commit import COMMIT_KEYS, CommitActions, CommitPanel
from collabcheck.tui.text import safe
from collabcheck.tui.widgets.keys_footer import KeysFooter


def shown_path(path: Path) -> str:
    """The path as the user would type it from here: relative when it is below this folder."""
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except (OSError, ValueError):
        return str(path)


class SaveScreen(CommitActions, Screen[str]):
    """Dismisses with "new" (another sitting) or "quit"."""

    BINDINGS = [
        *COMMIT_KEYS,
        Binding("m", "markdown", "Markdown report"),
        Binding("h", "app.history", "Past sittings"),
        Binding("n", "finish('new')", "New sitting"),
        Binding("q", "finish('quit')", "Finish"),
    ]
    PALETTE = [("Write a Markdown report", "A readable report beside the snapshot", "markdown")]

    def __init__(self, path: Path, snapshot: Snapshot, bank: Bank) -> None:
        super().__init__()
        self.path = path
        self.snapshot = snapshot
        self.bank = bank
        self.report_path: Path | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="saved"):
            yield Static("[b]✓ Saved.[/b] Your sitting is in this file:", classes="title")
            yield Static(shown_path(self.path), id="path", classes="path", markup=False)
            agreed = self.snapshot.agreed
            if agreed is not None:
                yield Static(
                    f"You agreed to work on practice {agreed.practice}: "
                    f"{safe(self.bank.practice(agreed.practice).title)}.",
                    classes="gap",
                )
            yield CommitPanel(self.path, self.snapshot)
            yield Static("", id="report-line")
            yield Static(
                "Private reflections were not saved in this file, and the working copy "
                "of this sitting has been removed from this computer.",
                classes="gap",
            )
        with Horizontal(classes="buttons"):
            yield Button("Finish (q)", id="quit", variant="primary", compact=True)
            yield Button("Markdown report (m)", id="markdown", compact=True)
            yield Button("Past sittings (h)", id="history", compact=True)
            yield Button("New sitting (n)", id="new", compact=True)
        yield Static(
            "Press q to finish, m for a Markdown report, n to start another sitting.", classes="hint"
        )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Saved"
        self.query_one("#quit", Button).focus()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "markdown":
            self.action_markdown()
        elif event.button.id == "history":
            await self.app.run_action("history")
        elif not self.git_busy():
            self.dismiss(str(event.button.id))

    def action_finish(self, choice: str) -> None:
        if not self.git_busy():
            self.dismiss(choice)

    def action_markdown(self) -> None:
        """Write the Markdown report beside the snapshot (same name, .md), with its picture
        (same name, .svg): arrows from the previous sitting in the same folder."""
        if self.report_path is not None:
            return
        try:
            from collabcheck.render.picture_files import write_report_beside
            from collabcheck.scoring.compare import compare

            comparison = compare(self.snapshot, self.bank)
            self.report_path, picture = write_report_beside(
                self.path.parent, self.path.stem, comparison, self.bank
            )
        except ImportError:
            self.notify("Markdown reports are not available in this version.", severity="warning")
            return
        except OSError as exc:
            self.notify(f"Could not write the report: {exc}", severity="error", markup=False)
            return
        self.query_one("#report-line", Static).update(
            Content(
                f"Markdown report written: {shown_path(self.report_path)}, "
                f"with its picture beside it: {picture.name}"
            )
        )
        self.query_one(CommitPanel).report_written(self.report_path, picture)
