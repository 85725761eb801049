"""A paste goes into a written answer once: Textual runs TextArea's own paste handler after
NoteArea's, so NoteArea must not run it as well ("hello" once, never "hellohello")."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from collabcheck.tui.screens.note_area import NoteArea


class _Box(App[None]):
    def compose(self) -> ComposeResult:
        yield NoteArea(id="note")

    def on_mount(self) -> None:
        self.query_one(NoteArea).focus()


async def test_a_paste_into_a_note_not_yet_started_goes_in_once():
    app = _Box()
    async with app.run_test(size=(80, 24)) as pilot:
        note = app.query_one(NoteArea)
        assert not note.writing
        app.post_message(events.Paste("hello"))  # as the terminal delivers it: to the app
        await pilot.pause()
        assert note.text == "hello" and note.writing


async def test_a_second_paste_adds_once_more_after_typing():
    app = _Box()
    async with app.run_test(size=(80, 24)) as pilot:
        note = app.query_one(NoteArea)
        await pilot.press("a")
        app.post_message(events.Paste("hello"))
        await pilot.pause()
        app.post_message(events.Paste(" world"))
        await pilot.pause()
        assert note.text == "ahello world"


async def test_a_click_starts_writing_and_leaves_the_text_as_it_was():
    app = _Box()
    async with app.run_test(size=(80, 24)) as pilot:
        note = app.query_one(NoteArea)
        note.load_text("kept")
        await pilot.click("#note")
        await pilot.pause()
        assert note.writing and note.text == "kept"
