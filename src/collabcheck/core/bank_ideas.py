"""Tips tagged with the findings they fit, and each section's map from the guide's ideas.

Why a module of its own: both are bank version 2 additions that the scoring never reads, and
bank.py stays about items. A tip may be plain text (it fits every reading) or a table
`{ text = "…", when = ["power", …] }` naming the findings it fits, so that what a pair is told
matches what was found (a pair working under the radar is not told to get written sign-off).
Each section file also carries `[[ideas]]`: the guide's ideas, with line numbers, and the
item, tip or prompt that carries each one, so that a reviewer (and a test) can check the bank
still covers the guide after every edit. Each table is checked by its model
(core/bank_model.py); what needs the whole bank, every reference, is checked here on load.
Plain module: the scoring reads `Tip.fits`, and never needs pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from collabcheck.core.errors import BankError

# The findings a tip may name in `when`, and what each means.
TIP_TAGS: dict[str, str] = {
    "power": "one partner is seen holding most of the say, or views on power are far apart",
    "outside": "the say lies outside the partnership",
    "task": "attention leans to the task",
    "split": "partners see attention on opposite sides",
    "early": "the partnership is starting",
    "established": "the partnership has worked together for a while",
    "open": "the route: working openly with backing",
    "under-radar": "the route: under the radar for now",
    "undecided": "the route is not decided",
    "designers": "for people who design or run programmes: shown to facilitators, never to a pair",
}
# Tags of one kind are alternatives; a tip must match every kind it names (route AND stage
# AND finding), so a tip for working openly is never shown to a pair under the radar.
TIP_KINDS: dict[str, frozenset[str]] = {
    "finding": frozenset({"power", "outside", "task", "split"}),
    "stage": frozenset({"early", "established"}),
    "route": frozenset({"open", "under-radar", "undecided"}),
    "audience": frozenset({"designers"}),
}
LINES = re.compile(r"L\d+(?:[–-]\d+)?(?:, L\d+(?:[–-]\d+)?)*")
_REF = re.compile(r"(item|tip|prompt):(\S+)")


def quoted(value: object, limit: int = 60) -> str:
    """A value from a bank file as a message shows it: quoted, on one line and short (an id
    may hold a line break or a megabyte of text)."""
    if not isinstance(value, str | int | float | bool):
        return f"a {type(value).__name__}"
    shown = repr(value[: limit + 1] if isinstance(value, str) else value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


@dataclass(frozen=True)
class Tip:
    """Advice to act on; `when` names the findings it fits (empty: it fits every reading)."""

    text: str
    when: tuple[str, ...] = ()

    def fits(self, findings: Iterable[str]) -> bool:
        """True when every kind of tag the tip carries has one tag among the findings."""
        found = set(findings)
        return all(
            not (kind & set(self.when)) or bool(kind & set(self.when) & found) for kind in TIP_KINDS.values()
        )


@dataclass(frozen=True)
class Idea:
    """One of the guide's ideas and where the bank carries it.

    `by` holds references: `item:<item-id>`, `tip:<n>` and `prompt:<n>` (this section's; tips
    and prompts counted from 1), or the same with the section id in front for another
    section's (`item:relationship.purpose`, `prompt:energy.4`).
    """

    id: str
    lines: str
    idea: str
    status: str
    by: tuple[str, ...] = ()
    why: str = ""


def tips_from(models: Iterable[Any]) -> tuple[Tip, ...]:
    """The tips of a section, from its checked `TipModel`s (core/bank_model.py)."""
    return tuple(Tip(m.text, tuple(m.when)) for m in models)


def ideas_from(
    models: Iterable[Any], path: Path, item_ids: set[str], n_tips: int, n_prompts: int
) -> tuple[Idea, ...]:
    """A section's ideas, from its checked `IdeaModel`s: each id once in the file, and every
    `by` reference resolved against this section's items, tips and prompts."""
    ideas: list[Idea] = []
    seen: set[str] = set()
    for m in models:
        what = f"idea {quoted(m.id)}"
        if m.id in seen:
            raise BankError(path, f"{what} appears twice (ids must be unique)")
        seen.add(m.id)
        for ref in m.by:
            _check_ref(ref, path, what, item_ids, n_tips, n_prompts)
        ideas.append(Idea(m.id, m.lines, m.idea, m.status, tuple(m.by), m.why))
    return tuple(ideas)


def _check_ref(
    ref: str,
    path: Path,
    what: str,
    item_ids: set[str],
    n_tips: int,
    n_prompts: int,
    place: str = "this file",
    shown: str | None = None,
) -> None:
    shown = quoted(shown or ref)
    m = _REF.fullmatch(ref)
    if m is None:
        raise BankError(path, f"{what}: {shown} is not item:<id>, tip:<n> or prompt:<n>")
    kind, target = m.groups()
    if "." in target and place == "this file":
        return  # another section's, `item:<section-id>.<item-id>`, `tip:<section-id>.<n>`: checked later
    if kind == "item":
        if target not in item_ids:
            raise BankError(path, f"{what}: {shown} names no item in {place}")
        return
    count = n_tips if kind == "tip" else n_prompts
    if not target.isdigit() or not 1 <= int(target) <= count:
        raise BankError(path, f"{what}: {shown} names no {kind} in {place} (it has {count}, numbered from 1)")


SectionTargets = dict[str, tuple[set[str], int, int]]


def check_idea_refs(ideas: Iterable[Idea], path: Path, sections: SectionTargets) -> None:
    """References into another section (`item:relationship.purpose`, `prompt:energy.2`) resolve.

    `sections` maps each section id to (its item ids, its number of tips, its number of prompts).
    """
    for idea in ideas:
        for ref in idea.by:
            kind, target = ref.split(":", 1)
            if "." not in target:
                continue
            section_id, local = target.split(".", 1)
            if section_id not in sections:
                raise BankError(path, f"idea {quoted(idea.id)}: {quoted(ref)} names no section in the bank")
            items, n_tips, n_prompts = sections[section_id]
            _check_ref(
                f"{kind}:{local}",
                path,
                f"idea {quoted(idea.id)}",
                items,
                n_tips,
                n_prompts,
                place=f"section '{section_id}'",
                shown=ref,
            )
