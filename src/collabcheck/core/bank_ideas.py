"""Tips tagged with the findings they fit, and each section's map from the guide's ideas.

Why a module of its own: both are bank version 2 additions that the scoring never reads, and
bank.py stays about items. A tip may be plain text (it fits every reading) or a table
`{ text = "…", when = ["power", …] }` naming the findings it fits, so that what a pair is told
matches what was found (a pair working under the radar is not told to get written sign-off).
Each section file also carries `[[ideas]]`: the guide's ideas, with line numbers, and the
item, tip or prompt that carries each one, so that a reviewer (and a test) can check the bank
still covers the guide after every edit. Every reference is checked on load.
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
IDEA_STATUSES = ("covered", "partly", "missed")
IDEA_KEYS = {"id", "lines", "idea", "status", "by", "why"}
_LINES = re.compile(r"L\d+(?:[–-]\d+)?(?:, L\d+(?:[–-]\d+)?)*")
_REF = re.compile(r"(item|tip|prompt):(\S+)")


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


def parse_tips(value: Any, path: Path, what: str) -> tuple[Tip, ...]:
    """`tips` as a list of texts or `{text, when}` tables; tags are checked against TIP_TAGS."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise BankError(path, f"{what}: 'tips' must be a list of texts or {{ text, when }} tables")
    tips: list[Tip] = []
    for n, raw in enumerate(value, 1):
        if isinstance(raw, str) and raw.strip():
            tips.append(Tip(raw.strip()))
            continue
        if not isinstance(raw, dict):
            raise BankError(path, f"{what}: tip {n} must be non-empty text or a {{ text, when }} table")
        text = raw.get("text")
        if not isinstance(text, str) or not text.strip():
            raise BankError(path, f"{what}: tip {n} has no 'text'")
        when = raw.get("when", [])
        if not isinstance(when, list) or not when or not all(isinstance(t, str) for t in when):
            raise BankError(path, f"{what}: tip {n}: 'when' must be a non-empty list of tags")
        unknown = [t for t in when if t not in TIP_TAGS]
        if unknown:
            raise BankError(path, f"{what}: tip {n}: unknown tag '{unknown[0]}' (use {', '.join(TIP_TAGS)})")
        extra = set(raw) - {"text", "when"}
        if extra:
            raise BankError(path, f"{what}: tip {n}: unknown key(s) {', '.join(sorted(extra))}")
        tips.append(Tip(text.strip(), tuple(dict.fromkeys(when))))
    return tuple(tips)


def parse_ideas(value: Any, path: Path, item_ids: set[str], n_tips: int, n_prompts: int) -> tuple[Idea, ...]:
    """`[[ideas]]` tables, every `by` reference resolved against this section's items, tips, prompts."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise BankError(path, "'ideas' must be [[ideas]] tables")
    ideas: list[Idea] = []
    seen: set[str] = set()
    for n, raw in enumerate(value, 1):
        if not isinstance(raw, dict):
            raise BankError(path, f"idea {n} is not a table ([[ideas]])")
        idea_id = raw.get("id")
        if not isinstance(idea_id, str) or not idea_id.strip():
            raise BankError(path, f"idea {n} has no 'id'")
        what = f"idea '{idea_id}'"
        if idea_id in seen:
            raise BankError(path, f"{what} appears twice (ids must be unique)")
        seen.add(idea_id)
        extra = set(raw) - IDEA_KEYS
        if extra:
            raise BankError(path, f"{what}: unknown key(s) {', '.join(sorted(extra))}")
        texts = {}
        for key in ("lines", "idea", "status", "why"):
            v = raw.get(key, "")
            if not isinstance(v, str):
                raise BankError(path, f"{what}: '{key}' must be text")
            texts[key] = v.strip()
        if not _LINES.fullmatch(texts["lines"]):
            raise BankError(path, f'{what}: \'lines\' must look like "L333–337" or "L282, L286–302"')
        if not texts["idea"]:
            raise BankError(path, f"{what} has no 'idea' (say it in a few words)")
        status = texts["status"]
        if status not in IDEA_STATUSES:
            raise BankError(path, f"{what}: 'status' must be one of {', '.join(IDEA_STATUSES)}")
        if status != "covered" and not texts["why"]:
            raise BankError(path, f"{what} is {status}: say 'why'")
        by = raw.get("by", [])
        if not isinstance(by, list) or not all(isinstance(r, str) for r in by):
            raise BankError(path, f'{what}: \'by\' must be a list like ["item:real-task", "tip:2"]')
        if status != "missed" and not by:
            raise BankError(path, f"{what} is {status} but 'by' names nothing")
        for ref in by:
            _check_ref(ref, path, what, item_ids, n_tips, n_prompts)
        ideas.append(Idea(idea_id.strip(), texts["lines"], texts["idea"], status, tuple(by), texts["why"]))
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
    shown = shown or ref
    m = _REF.fullmatch(ref)
    if m is None:
        raise BankError(path, f"{what}: '{shown}' is not item:<id>, tip:<n> or prompt:<n>")
    kind, target = m.groups()
    if "." in target and place == "this file":
        return  # another section's, `item:<section-id>.<item-id>`, `tip:<section-id>.<n>`: checked later
    if kind == "item":
        if target not in item_ids:
            raise BankError(path, f"{what}: '{shown}' names no item in {place}")
        return
    count = n_tips if kind == "tip" else n_prompts
    if not target.isdigit() or not 1 <= int(target) <= count:
        raise BankError(
            path, f"{what}: '{shown}' names no {kind} in {place} (it has {count}, numbered from 1)"
        )


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
                raise BankError(path, f"idea '{idea.id}': '{ref}' names no section in the bank")
            items, n_tips, n_prompts = sections[section_id]
            _check_ref(
                f"{kind}:{local}",
                path,
                f"idea '{idea.id}'",
                items,
                n_tips,
                n_prompts,
                place=f"section '{section_id}'",
                shown=ref,
            )
