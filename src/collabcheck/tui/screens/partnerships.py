"""On "Who is here": the partnerships that sat before, so a returning pair keeps its name.

The folder is read in a thread once the screen is up (see core/partnerships.py), so the
screen never waits for it. Choosing a partnership fills in the names, roles and the
partnership name; typing the same names by hand, in any order, also brings back the name
they used before.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from collabcheck.core.dates import MONTHS
from collabcheck.core.partnerships import Partnership, find_partnerships, known_pair
from collabcheck.core.slug import pair_slug
from collabcheck.render.words import display_name
from collabcheck.tui.widgets.keys_footer import KeysFooter


def describe(p: Partnership) -> str:
    """'maya-and-dev: Maya (GP) and Dev (Patient partner), last sat 28 November 2026'."""
    people = [display_name(n, 30) + (f" ({display_name(r, 30)})" if r else "") for n, r in p.people]
    joined = people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]
    d = p.last
    times = f", {p.sittings} sittings" if p.sittings > 1 else ""
    return f"{p.pair}: {joined}; last sat {d.day} {MONTHS[d.month - 1]} {d.year}{times}"


class PartnershipScreen(ModalScreen[Partnership | None]):
    """Pick a partnership that sat before; Escape to go back and type names instead."""

    BINDINGS = [Binding("escape", "cancel", "Back")]
    DEFAULT_CSS = """
    PartnershipScreen { align: center middle; }
    PartnershipScreen > Vertical { width: 76; height: auto; max-height: 20; padding: 1 2;
                                   border: round $primary; background: $surface; }
    PartnershipScreen OptionList { height: auto; max-height: 12; margin-top: 1; }
    """

    def __init__(self, partnerships: list[Partnership]) -> None:
        super().__init__()
        self.partnerships = partnerships

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "Which partnership are you? Choose with ↑ ↓ and Enter; Esc to type your names instead.",
                markup=False,
            )
            yield OptionList(
                *(Option(Content(describe(p)), id=f"p{n}") for n, p in enumerate(self.partnerships)),
                id="partnerships",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.partnerships[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class PartnershipOffer(Static):
    """One line offering the partnerships found in the snapshot folder (none: no line)."""

    DEFAULT_CSS = "PartnershipOffer { height: auto; padding: 0 1; }"

    # The partnerships found; F5 shows only when there are some (bindings=True).
    known: reactive[list[Partnership]] = reactive(list, bindings=True, init=False)

    def __init__(self, folder: Path | None) -> None:
        super().__init__("", markup=False)
        self.folder = folder
        self.display = False

    def on_mount(self) -> None:
        if self.folder is not None:
            self.run_worker(self._find, thread=True, group="partnerships")

    def _find(self) -> None:
        assert self.folder is not None
        found = find_partnerships(self.folder)
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self.show, found)

    def show(self, found: list[Partnership]) -> None:
        self.known = found

    def watch_known(self, found: list[Partnership]) -> None:
        """Offer the partnerships found (none: no line), a moment after the screen is up."""
        if not found or not self.is_attached:
            return
        names = ", ".join(p.pair for p in found[:3]) + (", …" if len(found) > 3 else "")
        self.update(f"Sat here before? Press F5 to pick your partnership: {names}.")
        self.display = True

    def choose(self) -> None:
        if self.known:
            self.app.push_screen(PartnershipScreen(self.known), self._chosen)

    async def _chosen(self, chosen: Partnership | None) -> None:
        if chosen is not None:
            await fill_who(self.screen, chosen)


def suggested_pair(screen: Screen[Any], names: list[str]) -> str:
    """The partnership name to suggest: the one these people used before, else from the names."""
    offers = screen.query(PartnershipOffer)
    known = offers.first().known if offers else []
    return known_pair(names, known) or pair_slug(names)


async def fill_who(screen: Any, chosen: Partnership) -> None:
    """Fill in "Who is here" (a WhoScreen; not imported, which would make a cycle) from a
    partnership's latest sitting, keeping its name."""
    screen.pair_edited = True  # the name stays, whatever is typed after
    while screen.count < len(chosen.people):
        await screen.action_add()
    while screen.count > len(chosen.people):
        await screen.action_remove()
    for n, (name, role) in enumerate(chosen.people, 1):
        screen.query_one(f"#name-{n}", Input).value = name
        screen.query_one(f"#role-{n}", Input).value = role
    screen.query_one("#pair", Input).value = chosen.pair
    screen.query_one("#name-1", Input).focus()
