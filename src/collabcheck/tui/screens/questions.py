"""One partner answers every question, one at a time, with their progress always in view.

Rated questions take one key and move on by themselves, so a partner who has never used a
terminal can answer quickly; the chosen option is marked with "●" (never by colour alone).
Every change is autosaved at once through the `autosave` callback, and only this partner's
answers are ever on screen.

Writing is writing: on a written question the one-key answers (b, n, s, digits) are switched
off, so no key typed there can move between questions or change another answer. The box
(`NoteArea`) has the focus on arrival and whenever the screen comes back from help, a dialog
or the command palette, so every key reaches it in order, never a hidden widget. It is
either writing or not; not writing, Enter or any letter starts writing (the letter goes in
the box), and a digit does nothing, so a number meant for the question before never lands
in the box.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from collabcheck.core.bank import Bank, Item
from collabcheck.core.sitting import Sitting, questions
from collabcheck.core.snapshot import Answer
from collabcheck.render.options import ask
from collabcheck.render.words import display_name
from collabcheck.tui import keys
from collabcheck.tui.screens.answer_list import EXTRA_KEYS, AnswerList, choices, key_for, rated_keys
from collabcheck.tui.screens.note_area import NoteArea
from collabcheck.tui.text import safe, safe_block

SKIP = "skip"


class QuestionsScreen(Screen[str]):
    """Dismisses with "done" once the partner has reached the end and chosen to finish."""

    AUTO_FOCUS = ""  # the focus is always set by this screen (see `settle_focus`), never guessed

    BINDINGS = [
        # The Footer shows the real range: 1-5, or 1-7 / 1-9 on power questions for 3+ people.
        *[Binding("1", f"pick_first({last})", "Answer", key_display=f"1-{last}") for last in range(2, 10)],
        *[Binding(str(n), f"pick({n - 1})", show=False) for n in range(2, 10)],
        *[Binding(key, f"pick({9 + n})", show=False) for n, key in enumerate(EXTRA_KEYS)],
        # Checked after pick (which is off there): digits on a reflection not being written.
        *[Binding(str(n), "not_a_number", show=False) for n in range(1, 10)],
        Binding("n", "unsure", "Not sure"),
        Binding("s", "skip", "Skip"),
        # Priority, because the option list would otherwise take ← → for scrolling sideways.
        Binding("left", "back", "Back", key_display="←", priority=True),
        # b goes back on rated questions only; on a written one it is a letter like any other.
        Binding("b", "back_letter", show=False),
        Binding("right", "next", "Next", key_display="→", priority=True),
        # On a reflection the box is not focused on arrival, so digits typed in a hurry for
        # the question before never land in it: Enter (or a click, or Tab) starts writing.
        # Priority (only enabled on a reflection), so focus moves before the next key is
        # delivered: "Enter, then type at once" or "Tab, Space" never loses or misplaces a key.
        Binding("enter", "write", "Start writing", priority=True),
        # Ctrl+N moves on from anywhere on a reflection; the Footer shows it while writing
        # (when → moves the cursor instead) and → otherwise.
        Binding("ctrl+n", "next_from_box", "Next", priority=True),
        Binding("ctrl+n", "next_quietly", show=False, priority=True),
        Binding("escape", "leave_box", "Stop writing", priority=True),
        Binding("tab", "move_focus(1)", show=False, priority=True),
        Binding("shift+tab", "move_focus(-1)", show=False, priority=True),
    ]
    PALETTE = [("Back to the previous question", "Change an earlier answer", "back"),
               ("Skip this question", "Leave it unanswered", "skip")]

    def __init__(self, sitting: Sitting, bank: Bank, autosave: Callable[[], None]) -> None:
        super().__init__()
        self.sitting = sitting
        self.bank = bank
        self.autosave = autosave
        self.items = questions(bank)
        self.partner = sitting.partner
        self.options: list[tuple[Answer | None, str]] = []
        self.feedback = ""
        self._keys_state: tuple[str | None, bool, int] | None = None
        self._hint_base = ""

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
                    yield Checkbox(self.private_label(False), id="private", compact=True)
                    yield Button("Back", id="back", compact=True)
                    yield Button("Next", id="next", variant="primary", compact=True)
            yield Button("Finish and hide my answers (Enter)", id="finish", variant="primary", compact=True)
            yield Static(id="hint", classes="hint")
        yield Footer()

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
    def index(self) -> int:
        return self.sitting.current_item

    @property
    def item(self) -> Item | None:
        return self.items[self.index] if self.index < len(self.items) else None

    def show_item(self) -> None:
        """Draw the current question (or the finishing step) and say what to do."""
        item, total, pid = self.item, len(self.items), self.partner.id
        answered = self.sitting.answered_count(pid)
        step = min(self.index + 1, total)
        bar_len = 30
        filled = round(bar_len * self.index / total)
        self.query_one("#progress", Static).update(
            f"Question {step} of {total}  \\[{'■' * filled}{'·' * (bar_len - filled)}]  "
            f"{answered} answered")
        options, reflect = self.query_one("#options", AnswerList), self.query_one("#reflect")
        finish = self.query_one("#finish", Button)
        if item is None:
            self.query_one("#where", Static).update(f"[b]{safe(self.partner.name)}[/b] · all done")
            self.query_one("#question", Static).update(
                f"[b]That is every question, {safe(self.partner.name)}.[/b]")
            last = self.sitting.current_partner >= len(self.sitting.partners) - 1
            after = ("next you all look at the results together" if last
                     else "the keyboard goes to the next person")
            self.query_one("#ask", Static).update(
                f"You answered {answered} of {total}. When you finish, your answers are hidden "
                f"and {after}.")
            options.display, reflect.display, finish.display = False, False, True
            self.set_hint("Press Enter to finish, or ← to go back and change an answer.")
            self.set_focus(finish)
            self.update_keys()
            return
        section = next(s for s in self.bank.sections if s.id == item.section_id)
        where = (f"Practice {section.number} of 5: {safe(section.title)}" if section.number
                 else safe(section.title))
        self.query_one("#where", Static).update(f"[b]{safe(self.partner.name)}[/b] · {where}")
        self.query_one("#question", Static).update(f"[b]{safe_block(item.text)}[/b]")
        self.query_one("#ask", Static).update(Text(ask(item)))
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
            self.set_hint(self.reflect_hint())
        else:
            options.display, reflect.display = True, False
            self.options = choices(item, self.sitting)
            current = self.sitting.answer_of(pid, item.id)
            options.clear_options()
            options.add_options([Option(self.prompt(n, value, label, current), id=f"opt-{n}")
                                 for n, (value, label) in enumerate(self.options)])
            chosen = next((n for n, (v, _) in enumerate(self.options) if v == current and v is not None),
                          None)
            # No highlight on a fresh question, so nothing looks chosen before it is.
            options.highlighted = chosen
            options.fresh()
            self.set_focus(options)  # at once: a deferred focus could land after the next key
            if self.rated_count > 9:  # one line, so a long list still fits above it
                self.set_hint(f"Press {rated_keys(self.rated_count)} to answer, n not sure, "
                              "s skip, ← back, → next.")
            else:
                self.set_hint(f"Press 1 to {self.last_key}, n for not sure, s to skip, ← back, "
                              "→ or Enter: next.")
        self.update_keys()

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
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()
            # Focus moves after this call returns; the keys shown depend on it, so look again.
            self.call_after_refresh(self.refresh_bindings)

    @staticmethod
    def prompt(n: int, value: Answer | None, label: str, current: Answer | None,
               cursor: bool = False) -> str:
        """One option line: "▶" where the cursor is, "●" on the answer given (not colour alone)."""
        mark = "●" if value is not None and value == current else " "
        suffix = "   (your answer)" if mark == "●" else ""
        return f"{'▶' if cursor else ' '}{mark} {key_for(value, n)}  {label}{suffix}"

    @on(OptionList.OptionHighlighted, "#options")
    def moved(self, event: OptionList.OptionHighlighted) -> None:
        item = self.item
        if item is None or item.kind == "reflect" or not self.options:
            return
        current = self.sitting.answer_of(self.partner.id, item.id)
        options = event.option_list
        for n, (value, label) in enumerate(self.options):
            if n < options.option_count:
                options.replace_option_prompt_at_index(
                    n, self.prompt(n, value, label, current, cursor=n == event.option_index))

    WRITE_HINT = "Press Enter or just type to start writing, or → to move on (← goes back)."
    NOT_A_NUMBER = "This question asks for words, not a number."

    def reflect_hint(self) -> str:
        """What to press on a reflection, which depends on where the focus is."""
        if self.writing:
            go = keys.name(self.app, "ctrl+n")
            return f"Writing. {go}: next question.  Esc: stop writing.  Tab: private box, buttons."
        if self.in_bar:
            return "Space or Enter to change or press.  Tab: next.  Esc: stop, then → or ←."
        return self.WRITE_HINT

    def on_descendant_focus(self) -> None:
        self.refresh_reflect_hint()

    def on_descendant_blur(self) -> None:
        self.refresh_reflect_hint()

    def refresh_reflect_hint(self) -> None:
        item = self.item
        if item is not None and item.kind == "reflect":
            hint = self.reflect_hint()
            if hint != self._hint_base:
                self.set_hint(hint)

    def action_not_a_number(self) -> None:
        """A digit on a reflection that is not being written: a gentle word, not a stray 2."""
        self._hint_base = self.WRITE_HINT  # a late focus event must not wipe the word
        self.query_one("#hint", Static).update(f"{self.NOT_A_NUMBER} {self.WRITE_HINT}")

    def set_hint(self, text: str) -> None:
        self._hint_base = text
        if self.feedback:
            text = f"{self.feedback}  {text}"
            self.feedback = ""
        self.query_one("#hint", Static).update(text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.item
        kind = item.kind if item is not None else None
        if action == "pick":
            return kind in ("agree", "authority", "focus")
        if action == "pick_first":
            return kind in ("agree", "authority", "focus") and parameters == (self.last_key,)
        if action == "unsure":
            return kind in ("agree", "authority", "focus")
        if action == "skip":
            return kind in ("agree", "authority", "focus")
        in_box = self.writing
        if action in ("back", "next") and in_box:
            return False  # ← → move the cursor while writing
        if action == "next":
            return item is not None
        if action == "next_from_box":
            return kind == "reflect" and in_box
        if action == "next_quietly":
            return kind == "reflect"
        if action == "not_a_number":
            return kind == "reflect" and not in_box
        if action == "move_focus":
            return kind == "reflect"
        if action == "write":
            return kind == "reflect" and not in_box and not self.in_bar
        if action == "leave_box":
            return kind == "reflect" and (in_box or self.in_bar)
        if action == "back_letter":
            return kind != "reflect" and self.index > 0
        if action == "back":
            return self.index > 0 or None
        return True

    # -- moving -------------------------------------------------------------------------------

    def go(self, index: int) -> None:
        self.store_note()
        self.sitting.current_item = max(0, min(index, len(self.items)))
        self.autosave()
        self.show_item()

    def answer(self, value: Answer | None) -> None:
        """Record the answer (None = skip), autosave, and move on by itself."""
        item = self.item
        if item is None or item.kind == "reflect":
            return
        self.sitting.set_answer(self.partner.id, item, value)
        label = next(lbl for v, lbl in self.options if v == value)
        self.feedback = (f"✓ Question {self.index + 1}: {label}." if value is not None
                         else f"✓ Question {self.index + 1} skipped.")
        self.go(self.index + 1)

    def store_note(self) -> None:
        item = self.item
        if item is not None and item.kind == "reflect":
            self.sitting.set_note(self.partner.id, item.id, self.query_one("#note", TextArea).text,
                                  self.query_one("#private", Checkbox).value)

    def action_pick_first(self, _last: int) -> None:
        self.action_pick(0)

    def action_pick(self, n: int) -> None:
        if n < len(self.options) and self.options[n][0] not in (None, "unsure"):
            self.answer(self.options[n][0])

    def action_unsure(self) -> None:
        self.answer("unsure")

    def action_skip(self) -> None:
        self.answer(None)

    def action_back(self) -> None:
        if self.index > 0:
            self.go(self.index - 1)

    def action_back_letter(self) -> None:
        self.action_back()

    def action_next(self) -> None:
        if self.item is not None:
            self.go(self.index + 1)

    def action_next_from_box(self) -> None:
        self.action_next()

    def action_next_quietly(self) -> None:
        self.action_next()

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
        self.autosave()

    @staticmethod
    def private_label(private: bool) -> str:
        """Say in words whether the note is private: a tick alone would be colour and shape."""
        if private:
            return "Private: YES, not in the file (Space)"
        return "Private: no, goes in the file (Space)"

    @on(Checkbox.Changed, "#private")
    def privacy_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = self.private_label(event.value)
        self.store_note()
        self.autosave()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "finish":
            self.autosave()
            self.dismiss("done")
        elif event.button.id == "back":
            self.action_back()
        elif event.button.id == "next":
            self.action_next()
