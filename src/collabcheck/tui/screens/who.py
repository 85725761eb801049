"""Who is here: two to six partners, each a name and a role in their own words, and a pair name.

Roles are free text because people describe themselves in many ways; suggestions are offered
as they type but never imposed. Each partner may also give their side of care (F7 or a click
cycles it): role words only suggest one, marked "?" until someone chooses (`core/sides.py`).
The pair name is suggested from the names (it becomes part of the file name) until someone
edits it. Everything typed is posted to the app as it is typed (`WhoScreen.Typed`), which
keeps it like every answer.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Header, Input, Label, Static

from collabcheck.core.names import only_digits, same_name
from collabcheck.core.sides import SIDES, next_side, suggest_side
from collabcheck.core.sitting import MAX_PARTNERS, MIN_PARTNERS, ROLE_SUGGESTIONS
from collabcheck.core.slug import pair_slug
from collabcheck.tui import keys
from collabcheck.tui.screens.commit import PlaceNote
from collabcheck.tui.screens.partnerships import PartnershipOffer, suggested_pair
from collabcheck.tui.text import safe
from collabcheck.tui.widgets.keys_footer import KeysFooter
from collabcheck.tui.widgets.name_input import NameInput

People = list[tuple[str, str]]
SIDE_LABELS = {"": "not given", "professional": "professional", "patient": "patient", "other": "other"}


class SideButton(Button, can_focus=False):
    """A row's side of care: pressed (or F7 in the row) it moves to the next side. Kept out of
    the Tab order, so Tab still goes name, role, next name."""

    # A button centres its label; the sides are a column, so each "Side:" starts at the
    # button's left edge and lines up with the rows above and below, whatever the side says.
    DEFAULT_CSS = """
    SideButton {
        content-align: left middle;
    }
    """

    def __init__(self, n: int, side: str) -> None:
        super().__init__("", id=f"side-{n}", classes="side", compact=True)
        self.side = side if side in SIDES else ""
        # True while the side only comes from the role's words, not from anyone's choice.
        self.guessed = False
        self.chosen = bool(self.side)
        self.show()

    def show(self) -> None:
        self.label = f"Side: {SIDE_LABELS[self.side]}" + ("?" if self.guessed else "")

    def cycle(self) -> None:
        """Someone chose: the next side, no longer a guess."""
        self.side = next_side(self.side)
        self.guessed, self.chosen = False, True
        self.show()

    def suggest(self, role: str) -> None:
        """Until someone chooses, the side follows what the role's words suggest (marked ?)."""
        if not self.chosen:
            self.side = suggest_side(role)
            self.guessed = bool(self.side)
            self.show()


class PartnerRow(Horizontal):
    """One partner: a name box, a role box and their side of care."""

    def __init__(self, n: int, name: str = "", role: str = "", side: str = "") -> None:
        super().__init__(classes="partner-row", id=f"row-{n}")
        self.n = n
        self.initial = (name, role, side)

    def compose(self) -> ComposeResult:
        yield Label(f"Partner {self.n}", classes="row-label")
        yield NameInput(
            self.initial[0],
            placeholder="Name",
            id=f"name-{self.n}",
            classes="name",
            compact=True,
            max_length=60,
        )
        yield NameInput(
            self.initial[1],
            placeholder="Role, e.g. Patient partner",
            id=f"role-{self.n}",
            classes="role",
            compact=True,
            max_length=80,
            suggester=SuggestFromList(ROLE_SUGGESTIONS, case_sensitive=False),
        )
        yield SideButton(self.n, self.initial[2])


class WhoScreen(Screen[tuple[People, str, list[str]] | None]):
    """Dismisses with ([(name, role)…], pair name, [side…]) ("" = side not given), or None to
    go back to the welcome screen."""

    # Tab, Shift+Tab and Enter are priority bindings so focus moves before the next key is
    # delivered: a quick typist (or a pasted "Alice<Tab>Nurse") never lands in the wrong box.
    # The first name box has the focus as the screen is built, not a moment after it has
    # mounted, so letters typed straight after "n" on the welcome screen go in it
    # (tui/keys_in_flight.py); on_mount still focuses it when the app has not the focus.
    AUTO_FOCUS = "#name-1"
    BINDINGS = [
        Binding("tab", "next_box", "Next box", show=False, priority=True),
        Binding("shift+tab", "previous_box", "Previous box", show=False, priority=True),
        Binding("enter", "enter", "Next box", show=False, priority=True),
        # F3 and F4 are named on their buttons, so the footer fits at 80 columns with the rest
        Binding("f3", "add", "Add partner", show=False),
        Binding("f4", "remove", "Remove partner", show=False),
        Binding("f5", "partnerships", "Sat before"),
        Binding("f7", "side", "Side"),
        # Not priority: it waits behind the letters typed before it, so a name typed in the
        # same burst is in its box when the form is read.
        Binding("ctrl+n", "done", "Continue"),
        Binding("escape", "back", "Back"),
    ]
    PALETTE = [
        ("Add a partner", "Up to six people can take part", "add"),
        ("Continue to the questions", "When everyone's name is in", "done"),
    ]

    # What is wrong with the form, said under it (a missing name, the same name twice).
    problem: reactive[str] = reactive("", init=False)

    class Typed(Message):
        """Names, roles, sides or the pair name changed (every keystroke): `people` as typed,
        `pair` when someone has edited it ("" while it is only suggested), each row's side."""

        def __init__(self, people: People, pair: str, sides: list[str] | None = None) -> None:
            super().__init__()
            self.people = people
            self.pair = pair
            self.sides = sides or []

    def __init__(
        self,
        people: People | None = None,
        pair: str = "",
        folder: Path | None = None,
        sides: list[str] | None = None,
        offer_known: bool = True,
    ) -> None:
        """`people`, `pair` and `sides` as kept from before, if any; `folder`, where sittings
        are saved, to offer the partnerships that sat before (none offered without it, nor
        with `offer_known` False: a browser tab whose server keeps each tab's pairs apart)."""
        super().__init__()
        self.folder = folder
        self.offer_known = offer_known
        self.start = [(name, role) for name, role in people or []]
        self.start += [("", "")] * (MIN_PARTNERS - len(self.start))
        self.start_sides = list(sides or [])[: len(self.start)]
        self.start_sides += [""] * (len(self.start) - len(self.start_sides))
        self.count = len(self.start)
        # A pair name kept from before (a resumed draft) stays as it was typed.
        self.pair_edited = bool(pair)
        self.start_pair = pair or pair_slug([n for n, _ in self.start])
        self.finished = False  # dismissed: a late keystroke event must not redo the draft

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="who"):
            yield Static(
                "[b]Who is here?[/b] Two to six people. Type each name and, if you like, "
                "a role in your own words.",
                classes="title",
            )
            yield Static(
                "Role ideas: " + ", ".join(ROLE_SUGGESTIONS[:4]) + ". Press → to accept a suggestion. "
                "Side of care, if you like (F7): professional; patient, carer or public; or "
                "other. A ? means guessed from the role.",
                classes="hint",
            )
            for n, ((name, role), side) in enumerate(zip(self.start, self.start_sides, strict=True), 1):
                yield PartnerRow(n, name, role, side)
            with Horizontal(classes="buttons left"):
                yield Button("Add partner (F3)", id="add", compact=True)
                yield Button("Remove last (F4)", id="remove", compact=True)
            with Horizontal(classes="partner-row gap"):
                yield Label("Partnership name", classes="row-label wide")
                yield Input(self.start_pair, id="pair", compact=True, max_length=48)
            yield Static("The partnership name goes in the file name; change it if you like.", classes="hint")
            yield PartnershipOffer(self.folder if self.offer_known else None)
            if self.folder is not None:
                yield PlaceNote(self.folder, classes="hint")
            yield Static("", id="problem")
            go = keys.name(self.app, "ctrl+n")
            yield Button(f"Continue ({go})", id="done", variant="primary", compact=True)
        yield Static(f"Tab or Enter moves to the next box. {go} when everyone is in.", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Who is here"
        self.query_one("#name-1", Input).focus()

    # -- reading the form -------------------------------------------------------------------

    def people(self) -> People:
        return [
            (
                self.query_one(f"#name-{n}", Input).value.strip(),
                self.query_one(f"#role-{n}", Input).value.strip(),
            )
            for n in range(1, self.count + 1)
        ]

    def sides(self) -> list[str]:
        """Each row's side of care ("" = not given), guessed or chosen."""
        return [b.side for b in self.query(SideButton)][: self.count]

    def typed(self) -> People:
        """Every row exactly as typed (spaces and all), for the autosave."""
        return [
            (self.query_one(f"#name-{n}", Input).value, self.query_one(f"#role-{n}", Input).value)
            for n in range(1, self.count + 1)
            if self.query(f"#name-{n}")
        ]

    def anything_typed(self) -> bool:
        return any(name.strip() or role.strip() for name, role in self.typed())

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "pair":
            if event.input.has_focus:
                self.pair_edited = True
        elif event.input.id and event.input.id.startswith("name-") and not self.pair_edited:
            self.query_one("#pair", Input).value = suggested_pair(self, [n for n, _ in self.people() if n])
        elif event.input.id and event.input.id.startswith("role-"):
            for button in self.query(f"#side-{event.input.id.removeprefix('role-')}").results(SideButton):
                button.suggest(event.value)
        self.problem = ""
        self.changed()

    def changed(self) -> None:
        """Tell the app what is typed, to keep it (every keystroke; the app throttles)."""
        if self.is_mounted and not self.finished:
            self.post_message(
                self.Typed(
                    self.typed(),
                    self.query_one("#pair", Input).value if self.pair_edited else "",
                    self.sides(),
                )
            )

    def action_next_box(self) -> None:
        self.focus_next()

    def action_previous_box(self) -> None:
        self.focus_previous()

    def action_enter(self) -> None:
        """Enter in a box moves to the next box (or continues from the pair name); on a
        button it presses it."""
        focused = self.focused
        if isinstance(focused, Input):
            if focused.id == "pair":
                self.action_done()
            else:
                self.focus_next(Input)
        elif isinstance(focused, Button):
            focused.press()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, SideButton):
            event.button.cycle()
            # a click leaves the cursor in that partner's row, ready to type or press F7
            self.query_one(f"#role-{str(event.button.id).removeprefix('side-')}", Input).focus()
            self.changed()
            return
        {"add": self.action_add, "remove": self.action_remove, "done": self.action_done}[
            str(event.button.id)
        ]()

    # -- actions ------------------------------------------------------------------------------

    async def action_add(self) -> None:
        if self.count >= MAX_PARTNERS:
            self.problem = f"At most {MAX_PARTNERS} people can take part in one sitting."
            return
        self.count += 1
        row = PartnerRow(self.count)
        await self.query_one("#who").mount(row, after=f"#row-{self.count - 1}")
        self.query_one(f"#name-{self.count}", Input).focus()
        self.changed()

    def action_side(self) -> None:
        """F7: the next side of care for the partner whose name or role box has the cursor."""
        focused = self.focused
        row = focused.id.split("-")[-1] if focused is not None and focused.id else ""
        if not (focused is not None and focused.id and focused.id.startswith(("name-", "role-"))):
            self.problem = "Move to a partner's name or role first, then press F7 for their side."
            return
        self.query_one(f"#side-{row}", SideButton).cycle()
        self.problem = ""
        self.changed()

    async def action_remove(self) -> None:
        if self.count <= MIN_PARTNERS:
            self.problem = f"A sitting needs at least {MIN_PARTNERS} people."
            return
        await self.query_one(f"#row-{self.count}").remove()
        self.count -= 1
        if not self.pair_edited:
            self.query_one("#pair", Input).value = suggested_pair(self, [n for n, _ in self.people() if n])
        self.changed()

    def action_done(self) -> None:
        people = self.people()
        missing = [n for n, (name, _) in enumerate(people, 1) if not name]
        if missing:
            self.problem = (
                f"! Please type a name for partner {missing[0]} (or press F4 to remove the last row)."
            )
            self.query_one(f"#name-{missing[0]}", Input).focus()
            return
        for n, (name, _) in enumerate(people, 1):
            if only_digits(name):
                self.problem = f"! {safe(name)} is a number, not a name. Please type partner {n}'s name."
            elif any(same_name(name, before) for before, _ in people[: n - 1]):
                self.problem = (
                    f"! Two people are both called {safe(name)}. Please add "
                    "something to tell them apart, like an initial."
                )
            else:
                continue
            self.query_one(f"#name-{n}", Input).focus()
            return
        pair = self.query_one("#pair", Input).value.strip() or pair_slug([n for n, _ in people])
        self.finished = True
        self.dismiss((people, pair, self.sides()))

    def action_partnerships(self) -> None:
        self.query_one(PartnershipOffer).choose()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """F5 shows only when partnerships that sat before were found."""
        offers = self.query(PartnershipOffer)
        return action != "partnerships" or bool(offers and offers.first().known)

    def action_back(self) -> None:
        """Back to the start; names already typed are only thrown away if the partners say so."""
        if not self.anything_typed():
            self.finished = True
            self.dismiss(None)
            return
        from collabcheck.tui.screens.dialogs import ConfirmScreen

        self.app.push_screen(
            ConfirmScreen(
                "Go back to the start?\n\nThe names and roles typed here will be thrown away.",
                yes="Throw them away",
                no="Keep typing",
            ),
            self._back_confirmed,
        )

    def _back_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.finished = True
            self.dismiss(None)

    def watch_problem(self, text: str) -> None:
        """Say what is wrong under the form (or nothing, once they type again)."""
        self.query_one("#problem", Static).update(text)
