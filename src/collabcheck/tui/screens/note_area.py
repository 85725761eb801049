"""The box for a written answer, which has the focus whenever a written question is shown.

Keys typed in a burst (a quick typist, a paste, a real terminal) are routed to whatever has
the focus when each one arrives, before the one before it has been handled. So the box takes
the focus at once on arrival and keeps it: every key reaches it, in order, and nothing typed
can fall through to the question screen's one-key answers (b back, n not sure, s skip).

It is either writing or not. Not writing (on arrival), it edits nothing and shows no
cursor: Enter (the screen's binding), a click, a paste or any letter starts writing, and
the letter goes in; a digit only posts `NotANumber`, so a number meant for the question
before never lands in the box; `?` is left for help.

Writing, it keeps up with any typist. A terminal delivers a fast burst (a paste without
bracketed paste, a quick typist on a slow machine) as hundreds of keys at once, and TextArea
edits, re-wraps and redraws after each one: 1,000 keys took seconds to reach the box, and so
the autosave, and a kill then lost them. So letters (and Enter) are gathered as they arrive
and go in together, one edit, a sixtieth of a second after the first (`flush_typed`); the
text is read through `text`, which puts anything gathered in first, so nothing that reads
the answer ever misses a letter. The app hands each letter (and paste) over as it arrives (`take_input`),
before Textual looks for a key binding and routes it (a letter typed while writing is never
a binding: TextArea takes every printable key), so even a thousand keys cost little; a key
that is not a letter goes the usual way, and letters wait behind it until it has arrived.
"""

from __future__ import annotations

import time

from textual import events
from textual.message import Message
from textual.timer import Timer
from textual.widgets import TextArea

from collabcheck.tui.text import typed

GATHER = 1 / 60  # seconds: keys arriving within this are put in as one edit (never noticed)


class NoteArea(TextArea):
    """A TextArea that is read-only (without a cursor) until the partner starts writing."""

    class NotANumber(Message):
        """A digit was typed while not writing."""

    class WritingChanged(Message):
        """Writing started or stopped (the keys and hints on screen depend on it)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(read_only=True, **kwargs)  # type: ignore[arg-type]
        self.set_reactive(TextArea.show_cursor, False)
        self._gathered: list[str] = []
        self._gather_timer: Timer | None = None
        self._in_flight: tuple[events.Event, float] | None = None  # a key on its way, and when

    def take_input(self, event: events.Key | events.Paste) -> bool:
        """Called by the app as a key or a paste arrives: True when it is a letter or a paste
        while writing, now gathered. Anything else goes the usual way (False), and until it
        has reached the box (or a binding has taken it, or a quarter of a second has passed)
        letters go the usual way behind it, so the order of keys is kept."""
        if self._in_flight is not None and time.monotonic() - self._in_flight[1] > 0.25:
            self._in_flight = None
        if self._in_flight is None and not self.read_only:
            if isinstance(event, events.Paste):
                self._gather(event.text)
                return True
            if isinstance(event, events.Key) and (char := typed(event)):
                self._gather(char)
                return True
        self._in_flight = (event, time.monotonic())  # the latest on its way: letters wait behind it
        return False

    def taken_elsewhere(self, event: events.Event) -> None:
        """The app says a key handed back by `take_input` was taken by a key binding, so it
        will never reach the box: letters need not wait for it."""
        if self._in_flight is not None and self._in_flight[0] is event:
            self._in_flight = None

    def _gather(self, text: str) -> None:
        """Keep `text` to go in with the next edit, a sixtieth of a second from the first."""
        self._gathered.append(text)
        if self._gather_timer is None:
            self._gather_timer = self.set_timer(GATHER, self.flush_typed)

    @property
    def text(self) -> str:
        """The whole answer, with every key typed so far (gathered keys go in first)."""
        self.flush_typed()
        return self.document.text

    @text.setter
    def text(self, value: str) -> None:
        self._gathered.clear()
        self.load_text(value)

    def flush_typed(self) -> None:
        """Put the keys gathered so far into the text, as one edit where the cursor is."""
        if self._gather_timer is not None:
            self._gather_timer.stop()
            self._gather_timer = None
        if not self._gathered:
            return
        typed = "".join(self._gathered)
        self._gathered.clear()
        result = self.replace(typed, *self.selection)
        self.move_cursor(result.end_location)

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
        if self._in_flight is not None and self._in_flight[0] is event:
            self._in_flight = None
        char = typed(event)
        if self.read_only and char and char != "?":
            if char.isdigit():
                event.stop()
                event.prevent_default()
                self.post_message(self.NotANumber())
                return
            self.start_writing(at_end=True)  # and the letter goes in, below
        if not self.read_only and (event.key == "enter" or char):
            event.stop()
            event.prevent_default()
            self._gather("\n" if event.key == "enter" else char or "")
            return
        self.flush_typed()  # any other key (a move, Escape, Ctrl+N) comes after the letters
        await super()._on_key(event)

    # Textual calls the `_on_paste` and `_on_mouse_down` of every class in the widget's MRO,
    # this one first, then TextArea's: these only start writing, and TextArea's own handler,
    # run by Textual next, inserts the text (calling it here too pasted everything twice).

    async def _on_paste(self, event: events.Paste) -> None:
        if self._in_flight is not None and self._in_flight[0] is event:
            self._in_flight = None
        self.start_writing(at_end=True)
        self.flush_typed()  # keys typed before the paste go in before it

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        self.flush_typed()
        self.start_writing()
