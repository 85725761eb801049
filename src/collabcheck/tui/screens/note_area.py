"""The box for a written answer, which has the focus whenever a written question is shown.

Keys typed in a burst (a quick typist, a paste, a real terminal) are routed to whatever has
the focus when each one arrives, before the one before it has been handled. So the box takes
the focus at once on arrival and keeps it: every key reaches it, in order, and nothing typed
can fall through to the question screen's one-key answers (b back, n not sure, s skip).

It is either writing or not. Not writing (on arrival), it edits nothing and shows no
cursor: Enter (the screen's binding), a click, a paste or any letter starts writing, and
the letter goes in; a digit only posts `NotANumber`, so a number meant for the question
before never lands in the box; `?` is left for help.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import TextArea


class NoteArea(TextArea):
    """A TextArea that is read-only (without a cursor) until the partner starts writing."""

    class NotANumber(Message):
        """A digit was typed while not writing."""

    class WritingChanged(Message):
        """Writing started or stopped (the keys and hints on screen depend on it)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(read_only=True, **kwargs)  # type: ignore[arg-type]
        self.set_reactive(TextArea.show_cursor, False)

    @property
    def writing(self) -> bool:
        return not self.read_only

    def start_writing(self, at_end: bool = False) -> None:
        """Start writing; by a key (not a click), carry on from the end of what is there."""
        if self.read_only:
            self.read_only = False
            if at_end:
                self.move_cursor(self.document.end)
            self.post_message(self.WritingChanged())

    def stop_writing(self) -> None:
        if not self.read_only:
            self.read_only = True
            self.post_message(self.WritingChanged())

    async def _on_key(self, event: events.Key) -> None:
        if self.read_only:
            char = event.character
            if event.is_printable and char and char != "?":
                if char.isdigit():
                    event.stop()
                    event.prevent_default()
                    self.post_message(self.NotANumber())
                    return
                self.start_writing(at_end=True)  # and the letter goes in, below
        await super()._on_key(event)

    # Textual calls the `_on_paste` and `_on_mouse_down` of every class in the widget's MRO,
    # this one first, then TextArea's: these only start writing, and TextArea's own handler,
    # run by Textual next, inserts the text (calling it here too pasted everything twice).

    async def _on_paste(self, event: events.Paste) -> None:
        self.start_writing(at_end=True)

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        self.start_writing()
