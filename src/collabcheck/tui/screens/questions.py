"""One partner answers every question, one at a time, with their progress always in view.

Rated questions take one key and move on by themselves, so a partner who has never used a
terminal can answer quickly; the chosen option is marked with "●" (never by colour alone).
Every change is posted to the app (`SittingChanged`), which autosaves it at once, and only
this partner's answers are ever on screen. Which keys work and what the Footer shows are in
`question_keys.py`; the words shown are in `question_words.py`.

Writing is writing: on a written question the one-key answers (b, n, s, digits) are switched
off, so no key typed there can move between questions or change another answer. The box
(`NoteArea`) has the focus on arrival and whenever the screen comes back from help, a dialog
or the command palette, so every key reaches it in order, never a hidden widget. It is
either writing or not; not writing, Enter or any letter starts writing (the letter goes in
the box), and a digit does nothing, so a number meant for the question before never lands
in the box.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from collabcheck.core.bank import Bank, Item, questions
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Answer
from collabcheck.render.options import ask
from collabcheck.render.words import display_name
from collabcheck.tui.keeping import SittingChanged
from collabcheck.tui.keys import name as key_name
from collabcheck.tui.screens import question_keys as keys
from collabcheck.tui.screens import question_words as words
from collabcheck.tui.screens.answer_list import AnswerList, choices
from collabcheck.tui.screens.note_area import NoteArea
from collabcheck.tui.text import safe, safe_block
from collabcheck.tui.widgets.keys_footer import KeysFooter

SKIP = "skip"


class QuestionsScreen(Screen[str]):
    """Dismisses with "done" once the partner has reached the end and chosen to finish."""

    AUTO_FOCUS = ""  # the focus is always set by this screen (see `settle_focus`), never guessed

    BINDINGS = keys.BINDINGS
    PALETTE = [
        ("Back to the previous question", "Change an earlier answer", "back"),
        ("Skip this question", "Leave it unanswered", "skip"),
    ]

    # Which question is showing (len(items): the finishing step); kept in the sitting.
    index: reactive[int] = reactive(0, init=False, always_update=True)
    # The option the ▶ is on (None: none yet), drawn by `watch_cursor`.
    cursor: reactive[int | None] = reactive(None, init=False)

    def __init__(self, sitting: Sitting, bank: Bank) -> None:
        super().__init__()
        self.sitting = sitting
        self.bank = bank
        self.items = questions(bank)
        self.partner = sitting.partner
        self.options: list[tuple[Answer | None, str]] = []
        self.feedback = ""
        self.keys_shown: tuple[str | None, bool, int] | None = None
        self.hint_base = ""
        self.set_reactive(QuestionsScreen.index, sitting.current_item)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="questions"):
            yield Static(id="where", classes="where")
            yield Static(id="progress", classes="progress")
            yield Static(id="question", classes="question")
            yield Static(id="ask", classes="ask")
            yield AnswerList(id="options")
            with Vertical(id="reflect"):
                yield NoteArea(id="note", soft_wrap=True, tab_behavior="focus", show_line_numbers=False)
                with Horizontal(classes="reflect-bar"):
                    yield Checkbox(words.private_label(False), id="private", compact=True)
                    yield Button("Back", id="back", compact=True)
                    yield Button("Next", id="next", variant="primary", compact=True)
            yield Button("Finish and hide my answers (Enter)", id="finish", variant="primary", compact=True)
            yield Static(id="hint", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"{display_name(self.partner.name)}'s turn"
        self.show_item()

    def on_screen_resume(self) -> None:
        """Back from help, a dialog or the palette: writing if the box had the focus, else not."""
        self.settle_focus()

    def settle_focus(self) -> None:
        """Give the focus to the widget that should have it for the current question."""
        item = self.item
        if item is None:
            self.set_focus(self.query_one("#finish", Button))
        elif item.kind != "reflect":
            self.set_focus(self.query_one("#options", AnswerList))
        elif not isinstance(self.focused, NoteArea):
            self.set_focus(self.query_one("#note", NoteArea))
        self.refresh_reflect_hint()

    @property
    def writing(self) -> bool:
        """Whether the partner is writing in the box (keys edit it) on a written question."""
        focused = self.focused
        return isinstance(focused, NoteArea) and focused.writing

    @property
    def in_bar(self) -> bool:
        """Whether the private box or a button under the box has the focus (after Tab)."""
        return isinstance(self.focused, Button | Checkbox)

    # -- state --------------------------------------------------------------------------------

    @property
    def item(self) -> Item | None:
        return self.items[self.index] if self.index < len(self.items) else None

    def watch_index(self, index: int) -> None:
        """Another question: kept in the sitting (and autosaved), then drawn."""
        self.sitting.current_item = index
        self.keep()
        self.show_item()

    def keep(self) -> None:
        """The sitting has changed: the app keeps it (autosaves it) at once."""
        self.post_message(SittingChanged())

    def showing(self) -> keys.Showing:
        item = self.item
        return keys.Showing(item.kind if item is not None else None, self.index, self.writing, self.in_bar)

    def show_item(self) -> None:
        """Draw the current question (or the finishing step) and say what to do."""
        item, total, pid = self.item, len(self.items), self.partner.id
        answered = self.sitting.answered_count(pid)
        self.query_one("#progress", Static).update(words.progress(self.index, total, answered))
        options, reflect = self.query_one("#options", AnswerList), self.query_one("#reflect")
        finish = self.query_one("#finish", Button)
        if item is None:
            self.query_one("#where", Static).update(f"[b]{safe(self.partner.name)}[/b] · all done")
            self.query_one("#question", Static).update(
                f"[b]That is every question, {safe(self.partner.name)}.[/b]"
            )
            last = self.sitting.current_partner >= len(self.sitting.partners) - 1
            self.query_one("#ask", Static).update(words.finishing_words(answered, total, last))
            options.display, reflect.display, finish.display = False, False, True
            self.set_hint(words.FINISH_HINT)
            self.set_focus(finish)
            self.update_keys()
            return
        section = next(s for s in self.bank.sections if s.id == item.section_id)
        where = (
            f"Practice {section.number} of 5: {safe(section.title)}"
            if section.number
            else safe(section.title)
        )
        self.query_one("#where", Static).update(f"[b]{safe(self.partner.name)}[/b] · {where}")
        side = self.partner.side  # each partner reads the wording for their side of care
        self.query_one("#question", Static).update(f"[b]{safe_block(item.text_for(side or ''))}[/b]")
        self.query_one("#ask", Static).update(Text(ask(item, side)))
        finish.display = False
        if item.kind == "reflect":
            options.display, reflect.display = False, True
            note = self.sitting.note_of(pid, item.id)
            area = self.query_one("#note", NoteArea)
            area.load_text(note.text)
            area.move_cursor(area.document.end)
            area.stop_writing()
            self.query_one("#private", Checkbox).value = note.private
            self.set_focus(area)  # at once: the next key of a burst must reach the box
            self.set_hint(words.reflect_hint(self.writing, self.in_bar, key_name(self.app, "ctrl+n")))
        else:
            options.display, reflect.display = True, False
            self.options = choices(item, self.sitting)
            self.set_reactive(QuestionsScreen.cursor, None)
            options.clear_options()
            options.add_options([Option(line, id=f"opt-{n}") for n, line in enumerate(self.option_lines())])
            current = self.sitting.answer_of(pid, item.id)
            chosen = next(
                (n for n, (v, _) in enumerate(self.options) if v == current and v is not None), None
            )
            # No highlight on a fresh question, so nothing looks chosen before it is.
            options.highlighted = chosen
            options.fresh()
            self.set_focus(options)  # at once: a deferred focus could land after the next key
            self.set_hint(words.rated_hint(self.last_key, self.rated_count))
        self.update_keys()

    def option_lines(self) -> list[str]:
        """Each option of the current rated question, as shown: from the answer given and
        where the cursor is."""
        item = self.item
        current = self.sitting.answer_of(self.partner.id, item.id) if item is not None else None
        return [
            words.option_line(n, value, label, current, cursor=n == self.cursor)
            for n, (value, label) in enumerate(self.options)
        ]

    def watch_cursor(self) -> None:
        """The ▶ follows the cursor."""
        options = self.query_one("#options", AnswerList)
        for n, line in enumerate(self.option_lines()):
            if n < options.option_count:
                options.replace_option_prompt_at_index(n, line)

    @property
    def rated_count(self) -> int:
        """How many options have a number key (not "not sure", not skip)."""
        return len([v for v, _ in self.options if v not in (None, "unsure")])

    @property
    def last_key(self) -> int:
        return min(self.rated_count, 9)

    def update_keys(self) -> None:
        """Refresh the Footer only when the keys that work have changed.

        Redrawing the Footer restyles dozens of widgets, so doing it on every answer would
        make quick typists wait; most answers leave the keys exactly as they were.
        """
        item = self.item
        state = (item.kind if item else None, self.index > 0, self.last_key)
        if state != self.keys_shown:
            self.keys_shown = state
            self.refresh_bindings()
            # Focus moves after this call returns; the keys shown depend on it, so look again.
            self.call_after_refresh(self.refresh_bindings)

    def key_display(self, binding: Binding) -> str | None:
        """How the Footer shows a key of this screen, when not as Textual would (the app's
        `get_key_display` asks): the number keys as their range, "1-5"."""
        return keys.number_keys(self.last_key) if binding.action == "pick(0)" else None

    @on(OptionList.OptionHighlighted, "#options")
    def moved(self, event: OptionList.OptionHighlighted) -> None:
        item = self.item
        if item is None or item.kind == "reflect" or not self.options:
            return
        self.cursor = event.option_index

    def on_descendant_focus(self) -> None:
        self.refresh_reflect_hint()

    def on_descendant_blur(self) -> None:
        self.refresh_reflect_hint()

    def refresh_reflect_hint(self) -> None:
        item = self.item
        if item is not None and item.kind == "reflect":
            hint = words.reflect_hint(self.writing, self.in_bar)
            if hint != self.hint_base:
                self.set_hint(hint)

    def action_not_a_number(self) -> None:
        """A digit on a reflection that is not being written: a gentle word, not a stray 2."""
        self.hint_base = words.WRITE_HINT  # a late focus event must not wipe the word
        self.query_one("#hint", Static).update(f"{words.NOT_A_NUMBER} {words.WRITE_HINT}")

    def set_hint(self, text: str) -> None:
        self.hint_base = text
        if self.feedback:
            text = f"{self.feedback}  {text}"
            self.feedback = ""
        self.query_one("#hint", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return keys.allowed(action, parameters, self.showing())

    # -- moving -------------------------------------------------------------------------------

    def go(self, index: int) -> None:
        self.store_note()
        self.index = max(0, min(index, len(self.items)))  # kept and drawn: `watch_index`

    def answer(self, value: Answer | None) -> None:
        """Record the answer (None = skip), autosave, and move on by itself."""
        item = self.item
        if item is None or item.kind == "reflect":
            return
        self.sitting.set_answer(self.partner.id, item, value)
        label = next(lbl for v, lbl in self.options if v == value)
        self.feedback = (
            f"✓ Question {self.index + 1}: {label}."
            if value is not None
            else f"✓ Question {self.index + 1} skipped."
        )
        self.go(self.index + 1)

    def store_note(self) -> None:
        item = self.item
        if item is not None and item.kind == "reflect":
            self.sitting.set_note(
                self.partner.id,
                item.id,
                self.query_one("#note", TextArea).text,
                self.query_one("#private", Checkbox).value,
            )

    def action_pick(self, n: int) -> None:
        if n < len(self.options) and self.options[n][0] not in (None, "unsure"):
            self.answer(self.options[n][0])

    def action_unsure(self) -> None:
        self.answer("unsure")

    def action_skip(self) -> None:
        self.answer(None)

    def action_back(self, _key: str = "") -> None:
        """← (or b on a rated question): the question before."""
        if self.index > 0:
            self.go(self.index - 1)

    def action_next(self, _key: str = "") -> None:
        """→ (or Ctrl+N on a written question): the next question."""
        if self.item is not None:
            self.go(self.index + 1)

    def action_move_focus(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def action_write(self) -> None:
        # At once, not after a refresh (as .focus() does): the next key may already be a letter.
        area = self.query_one("#note", NoteArea)
        area.start_writing(at_end=True)
        self.set_focus(area)

    def action_leave_box(self) -> None:
        """Stop writing (the words stay): back to "Enter to write, → to move on"."""
        self.store_note()
        area = self.query_one("#note", NoteArea)
        area.stop_writing()
        self.set_focus(area)

    # -- events -------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#options")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer(self.options[event.option_index][0])

    @on(AnswerList.MovedOn)
    def moved_on(self, event: AnswerList.MovedOn) -> None:
        event.stop()
        self.action_next()

    def on_key(self, event: events.Key) -> None:
        """A fallback: if nothing has the focus on a written question (a click elsewhere),
        a letter still starts writing and goes in the box (the box normally has the focus).

        With the private box or a button focused (after Tab), their own keys work and a
        letter does nothing (the one-key answers are off on a written question).
        """
        item = self.item
        if item is None or item.kind != "reflect" or self.focused is not None:
            return
        char = event.character
        if not event.is_printable or not char or char.isdigit() or char == "?":
            return
        event.stop()
        event.prevent_default()
        area = self.query_one("#note", NoteArea)
        area.start_writing(at_end=True)
        self.set_focus(area)
        area.insert(char)

    @on(NoteArea.NotANumber)
    def not_a_number(self, event: NoteArea.NotANumber) -> None:
        event.stop()
        self.action_not_a_number()

    @on(NoteArea.WritingChanged)
    def writing_changed(self, event: NoteArea.WritingChanged) -> None:
        event.stop()
        self.refresh_reflect_hint()
        self.refresh_bindings()

    @on(TextArea.Changed, "#note")
    def typed(self) -> None:
        # Keep every word: store at once; the app's writer puts it on disk within 0.2 s.
        self.store_note()
        self.keep()

    @on(Checkbox.Changed, "#private")
    def privacy_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = words.private_label(event.value)
        self.store_note()
        self.keep()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "finish":
            self.keep()
            self.dismiss("done")
        elif event.button.id == "back":
            self.action_back()
        elif event.button.id == "next":
            self.action_next()
