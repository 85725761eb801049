"""A box for a person's name or role that keeps every character typed into it.

Persian names join letters with a zero-width non-joiner, and many emoji (a health worker, a
family) are several characters held together by a zero-width joiner. Python does not count
either as printable, so Textual's Input drops them when typed (a paste keeps them), and
"👩‍⚕️" became "👩⚕️" in the saved sitting. This box takes them like any letter
(`tui/text.py` JOINERS).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from collabcheck.tui.text import JOINERS


class NameInput(Input):
    """Textual's Input, taking the joiners too."""

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character in JOINERS or super().check_consume_key(key, character)

    def on_key(self, event: events.Key) -> None:
        """A joiner goes in where the cursor is, as Input puts a letter (it runs before
        Input's own handler, which would leave it out)."""
        if event.character in JOINERS:
            event.stop()
            event.prevent_default()
            if self.selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *self.selection)
