"""One partner answers every question in turn, by typing, with each answer said back in words.

Each question says where it is ("Question 12 of 40, practice 2: …"), reads the statement,
and lists the options by number. A rated answer is one number (or n for not sure, s to skip,
b to go back); the answer is confirmed in words ("You chose: Agree.") and autosaved at once.
A written answer is one line; the partner then says whether it stays private, and private
words never leave the state folder. Only this partner's own answers are ever said.
"""

from __future__ import annotations

from collections.abc import Callable

from collabcheck.core.bank import Bank, Item, questions
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Answer
from collabcheck.plain.talk import Conversation, Stop, word
from collabcheck.plain.words import answer_label, choices, where
from collabcheck.render.options import ask
from collabcheck.render.words import display_name

BACK = {"b", "back", "go back"}
SKIP = {"s", "skip"}
UNSURE = {"n", "not sure", "unsure"}
HELP = {"help", "h", "?"}
STOP = {"stop", "quit", "exit"}


class Answering:
    """Walks one partner through the bank from `sitting.current_item`, autosaving each change."""

    def __init__(
        self, talk: Conversation, sitting: Sitting, bank: Bank, autosave: Callable[[], None]
    ) -> None:
        self.talk = talk
        self.sitting = sitting
        self.bank = bank
        self.autosave = autosave
        self.items = questions(bank)
        self.partner = sitting.partner

    def run(self) -> None:
        """Ask until the partner finishes at the end (returns) or types stop (raises Stop)."""
        while True:
            index = self.sitting.current_item
            if index >= len(self.items):
                if self.finish():
                    return
                continue
            item = self.items[index]
            step = self.ask_reflect(item) if item.kind == "reflect" else self.ask_rated(item)
            self.go(index + step)

    def go(self, index: int) -> None:
        self.sitting.current_item = max(0, min(index, len(self.items)))
        self.autosave()

    def heading(self, item: Item) -> None:
        n, total = self.sitting.current_item + 1, len(self.items)
        self.talk.say("")
        self.talk.say(f"Question {n} of {total}, {where(self.bank, item)}.")
        self.talk.say(self.text_of(item))

    def text_of(self, item: Item) -> str:
        """The item as this partner reads it: in the wording for their side of care, if any."""
        return item.text_for(self.partner.side or "").strip()

    def back_from_first(self) -> int:
        if self.sitting.current_item == 0:
            self.talk.say("This is the first question, so there is nothing to go back to.")
        return -1 if self.sitting.current_item > 0 else 0

    # -- rated questions ------------------------------------------------------------------------

    def rated_help(self, item: Item, options: list[tuple[Answer, str]]) -> str:
        unsure = ", n for not sure"
        return (
            f"Type a number from 1 to {len(options)}{unsure}, s to skip, or b to go back. Then press Enter."
        )

    def ask_rated(self, item: Item) -> int:
        """Ask one rated question; returns +1 to move on, -1 to go back, 0 to stay."""
        pid = self.partner.id
        options = choices(item, self.sitting)
        self.heading(item)
        self.talk.say(ask(item, self.partner.side))
        self.talk.numbered([label for _, label in options])
        current = self.sitting.answer_of(pid, item.id)
        if current is not None:
            self.talk.say(
                f"Your answer so far: {answer_label(item, self.sitting, current)}. Press Enter to keep it."
            )
        prompt = self.rated_help(item, options)
        while True:
            said = word(self.talk.ask(prompt))
            if said in STOP:
                raise Stop
            if said in BACK:
                return self.back_from_first()
            if said in HELP:
                self.talk.say(self.text_of(item))
                self.talk.numbered([label for _, label in options])
                continue
            if said == "" and current is not None:
                self.talk.say(f"Kept: {answer_label(item, self.sitting, current)}.")
                return 1
            value, known = self.read_rated(said, item, options)
            if not known:
                self.talk.say(
                    f'Sorry, "{said}" is not one of the choices.'
                    if said
                    else "Please choose an answer, or type s to skip."
                )
                continue
            self.sitting.set_answer(pid, item, value)
            self.autosave()
            self.talk.say(
                "You skipped this question."
                if value is None
                else f"You chose: {answer_label(item, self.sitting, value)}."
            )
            return 1

    @staticmethod
    def read_rated(said: str, item: Item, options: list[tuple[Answer, str]]) -> tuple[Answer | None, bool]:
        """What a typed line means: (value, understood). A value of None means skip."""
        if said in SKIP:
            return None, True
        if said in UNSURE:
            return "unsure", True
        if said.isdigit() and 1 <= int(said) <= len(options):
            return options[int(said) - 1][0], True
        for value, label in options:  # the words of an option work too ("agree")
            if said == label.lower():
                return value, True
        return None, False

    # -- written questions ----------------------------------------------------------------------

    def ask_reflect(self, item: Item) -> int:
        """Ask one written question: one line of words, then whether it stays private."""
        pid = self.partner.id
        self.heading(item)
        note = self.sitting.note_of(pid, item.id)
        if note.text.strip():
            kept = "kept private" if note.private else "going in the file"
            self.talk.say(f"You wrote before ({kept}): {display_name(note.text)}")
            prompt = (
                "Press Enter to keep it, or type new words to replace it. Type the word "
                "clear to empty it, back to go back, or stop to stop for now."
            )
        else:
            prompt = (
                "This is a written question. Type your answer on one line and press Enter, "
                "or press Enter on its own to leave it empty. Type the word back to go back, "
                "or stop to stop for now."
            )
        said = self.talk.ask(prompt)
        command = word(said)
        if command in STOP:
            raise Stop
        if command in ("back", "go back"):
            return self.back_from_first()
        if command in ("s", "b"):  # the keys of the rated questions: check what was meant
            meant = self.meant_as_command(command)
            if meant == "skip":
                self.talk.say("Skipped.")
                return 1
            if meant == "back":
                return self.back_from_first()
        if command == "" and note.text.strip():
            text = note.text
        elif command == "clear":
            text = ""
        else:
            text = said
        if not text.strip():
            self.sitting.set_note(pid, item.id, "", False)
            self.autosave()
            self.talk.say("Left empty.")
            return 1
        private = self.ask_private(note.private if note.text.strip() else False)
        self.sitting.set_note(pid, item.id, text, private)
        self.autosave()
        self.talk.say(
            "Kept private: it will not be in the saved file."
            if private
            else "Noted. It will go in the saved file."
        )
        return 1

    def meant_as_command(self, letter: str) -> str | None:
        """A lone s or b on a written question: skip or back, as on the other questions, or
        the words themselves? Asked, never guessed. None keeps the letter as the answer."""
        action = "skip this question" if letter == "s" else "go back to the previous question"
        while True:
            said = self.talk.enter(
                f'You typed only "{letter}". Did you mean to {action}? Type '
                f'yes to {action}, or no to keep "{letter}" as your answer.'
            )
            if said in STOP:
                raise Stop
            if said in ("y", "yes"):
                return "skip" if letter == "s" else "back"
            if said in ("n", "no"):
                return None
            self.talk.say("Please type yes or no.")

    def ask_private(self, was_private: bool) -> bool:
        """Ask whether a reflection stays out of the file; Enter keeps the earlier choice."""
        now = "It is private now." if was_private else "It goes in the file now."
        while True:
            said = self.talk.enter(
                "Keep this private, out of the saved file? Type p for private, "
                f"or f for the file. {now} Press Enter to leave it so."
            )
            if said in STOP:
                raise Stop
            if said == "":
                return was_private
            if said in ("p", "private", "y", "yes"):
                return True
            if said in ("f", "file", "n", "no"):
                return False
            self.talk.say("Please type p for private, or f for the file.")

    # -- the end --------------------------------------------------------------------------------

    FINISH_PROMPT = "Press Enter to finish, or type b to go back and change an answer."

    def finishing_words(self, name: str, answered: int, total: int) -> str:
        """What is said at the end, before the choice to finish (answering apart says more)."""
        last = self.sitting.current_partner >= len(self.sitting.partners) - 1
        after = "next you all hear the results together" if last else "the keyboard goes to the next person"
        return (
            f"That is every question, {name}. You answered {answered} of {total}. "
            f"When you finish, your answers are hidden and {after}."
        )

    def finish(self) -> bool:
        """At the end: finish (True) or go back to change an answer (False)."""
        total = len(self.items)
        answered = self.sitting.answered_count(self.partner.id)
        self.talk.say("")
        self.talk.say(self.finishing_words(display_name(self.partner.name), answered, total))
        while True:
            said = self.talk.enter(self.FINISH_PROMPT)
            if said in STOP:
                raise Stop
            if said == "":
                return True
            if said in BACK:
                self.go(total - 1)
                return False
            self.talk.say("Please press Enter to finish, or type b to go back.")
