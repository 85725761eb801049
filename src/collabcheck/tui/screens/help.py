"""Help (F1 or ?): the five practices in the bank's own words, and the keys.

Shown over any screen without changing it, so a partner can look something up mid-question
and come straight back to where they were.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from collabcheck.core.bank import Bank
from collabcheck.tui import keys
from collabcheck.tui.text import safe
from collabcheck.tui.widgets.keys_footer import KeysFooter

KEYS = """[b]Keys[/b]
  1 to 5      answer a rated question; you move on
  n           not sure
  s           skip this question
  ← (or b)    back to the previous question
  → or Enter  next question (keeps your answer;
              never picks one for you)
  ↑ ↓ Enter   move to an answer, then choose it
  Tab         move between boxes and buttons
[b]Written questions[/b]
  Enter, or just type, to start writing; b, n, s
  and numbers are then letters like any other.
  Esc         stop writing
  Ctrl+N      next question
[b]Everywhere[/b]
  F1 or ?     this help
  F2          light or dark colours
  Ctrl+P      all commands
  Ctrl+Q      stop for now (answers are kept)
The mouse works too: click an answer, a button or a
key at the bottom."""


class HelpScreen(ModalScreen[None]):
    """Closes with Escape, q, F1 or ?."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "Close help")]

    def __init__(self, bank: Bank, here: str = "") -> None:
        """`here`: the keys of the screen help was opened over, shown first (a screen whose
        footer shows only some of its keys lists them all here)."""
        super().__init__()
        self.bank = bank
        self.here = here

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            with VerticalScroll(id="help-body"):
                if self.here:
                    yield Static(self.here, id="keys-here", classes="practice")
                yield Static("[b]The five practices[/b]")
                for p in self.bank.practices:
                    yield Static(f"[b]{p.number}. {safe(p.title)}[/b]", classes="practice", markup=True)
                    yield Static(p.summary, classes="summary", markup=False)
                rel = self.bank.relationship
                yield Static(f"[b]Also: {safe(rel.title)}[/b]", classes="practice")
                yield Static(rel.summary, classes="summary", markup=False)
                go = keys.name(self.app, "ctrl+n")
                yield Static(KEYS.replace("Ctrl+N      ", f"{go:<12}"), classes="gap")
                yield Static(f"Source: {self.bank.source}", classes="gap", markup=False)
            yield Static("Press Escape to go back. Use ↑ ↓ to scroll.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
