"""The options a partner chooses from, and the question asked above them: one definition for
the terminal app and the plain (screen-reader) mode, so both write the same snapshot.

"Not sure" is offered on every rated question, and on who has the say, "someone outside the
partnership" too; with three or more partners, "less" lets a partner say two share the say
and one is left out. Labels are plain text (a layout escapes them for its medium).
"""

from __future__ import annotations

from collabcheck.core.bank import AGREE_LABELS, FOCUS_LABELS, Item
from collabcheck.core.snapshot import Answer, Partner
from collabcheck.render.words import display_name

ASK = {
    "agree": "How much do you agree?",
    "authority": 'Who has the most say? ("More" means a bit more; "Mostly" means most of it.)',
    "focus": "Where does the attention go?",
    "reflect": "Write as much or as little as you like, or leave it empty.",
}
OUTSIDE_LABEL = "Someone outside the partnership"
UNSURE_LABEL = "Not sure"

# Where the partnership stands (snapshot [context]), asked once, together.
STAGE_QUESTION = "How long have you worked together?"
STAGE_OPTIONS: list[tuple[str, str]] = [
    ("starting", "We are just starting"),
    ("under-a-year", "Less than a year"),
    ("longer", "A year or more"),
]
ROUTE_QUESTION = "Which way are you taking your work now?"
ROUTE_OPTIONS: list[tuple[str, str]] = [
    ("open", "Openly, with backing from those in authority"),
    ("under-radar", "Under the radar for now, where the energy is"),
    ("undecided", "We have not decided yet"),
]


def ask(item: Item, side: str | None = None) -> str:
    """The question above the options: the item's own prompt where the bank gives one, in
    the wording for the partner's side of care when the bank words it for that side."""
    return item.prompt_for(side or "") or ASK[item.kind]


def options(item: Item, partners: list[Partner]) -> list[tuple[Answer, str]]:
    """The options of a rated item, in key order, as (value, label); skipping is not one."""
    if item.kind == "agree":
        return [*AGREE_LABELS.items(), ("unsure", UNSURE_LABEL)]
    if item.kind == "focus":
        return [*FOCUS_LABELS.items(), ("unsure", UNSURE_LABEL)]
    names = {p.id: display_name(p.name) for p in partners}
    if len(partners) == 2:
        a, b = partners
        opts: list[tuple[Answer, str]] = [
            (f"mostly:{a.id}", f"Mostly {names[a.id]}"),
            (f"more:{a.id}", f"More {names[a.id]}"),
            ("shared", "Shared equally"),
            (f"more:{b.id}", f"More {names[b.id]}"),
            (f"mostly:{b.id}", f"Mostly {names[b.id]}"),
        ]
    else:
        opts = [("shared", "Shared equally")]
        for p in partners:
            opts += [(f"more:{p.id}", f"More {names[p.id]}"), (f"mostly:{p.id}", f"Mostly {names[p.id]}")]
        opts += [(f"less:{p.id}", f"Less for {names[p.id]}: the others share it") for p in partners]
    return [*opts, ("outside", OUTSIDE_LABEL), ("unsure", UNSURE_LABEL)]
