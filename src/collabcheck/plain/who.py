"""Who is here, in plain mode: each name and role on a line of its own, kept as it is typed.

Names are typed before any question, and a crash or a closed window must not lose them
(README, "Where your answers go"), so after every line the names so far are kept as a draft
(`Sitting.draft`, the app's own), and carrying on offers each name typed before: Enter keeps
it."""

from __future__ import annotations

from collections.abc import Callable

from collabcheck.core.names import only_digits, same_name
from collabcheck.core.partnerships import Partnership, known_pair
from collabcheck.core.sides import SIDE_WORDS, read_side, suggest_side
from collabcheck.core.sitting import MAX_PARTNERS, MIN_PARTNERS
from collabcheck.core.slug import pair_slug
from collabcheck.plain.talk import Conversation, Stop, word
from collabcheck.plain.words import names_list
from collabcheck.render.words import display_name

People = list[tuple[str, str]]
Keep = Callable[[People, str, list[str]], None]
STOP = ("stop", "quit")
CHOICES = "1 professional, 2 patient, carer or public, 3 other"


def ask_who(
    talk: Conversation,
    keep: Keep,
    earlier: People | None = None,
    earlier_pair: str = "",
    known: list[Partnership] | None = None,
    earlier_sides: list[str] | None = None,
) -> tuple[People, str, list[str]]:
    """Two to six (name, role) pairs, the partnership name and each one's side of care ("" =
    not given); `keep` is called after each line. The name suggested is the one these people
    sat under before (`known`), in any order."""
    rows = list(zip(earlier or [], [*(earlier_sides or []), *[""] * len(earlier or [])], strict=False))
    rows = [((n, r), side) for (n, r), side in rows if n.strip() or r.strip()]
    earlier = [row for row, _ in rows]
    sides_before = [side for _, side in rows]
    while True:
        talk.say("")
        talk.say(
            f"Who is here? {MIN_PARTNERS} to {MAX_PARTNERS} people. Type each name, then a "
            "role in your own words if you like."
        )
        people, sides = _names(talk, keep, earlier, earlier_pair, sides_before)
        if len(people) == MAX_PARTNERS:
            talk.say(f"That is {MAX_PARTNERS} people, the most for one sitting.")
        typed = [n for n, _ in people]
        suggested = earlier_pair or known_pair(typed, known or []) or pair_slug(typed)
        pair = (
            talk.ask_or_stop(
                f"The partnership name goes in the file name. Suggested: {suggested}. "
                "Press Enter to use it, or type another."
            )
            or suggested
        )
        keep(people, pair, sides)
        names = names_list([display_name(n) for n, _ in people])
        talk.say(f"Here today: {names}. Partnership name: {display_name(pair)}.")
        said = talk.enter("Press Enter if that is right, or type again to start the names again.")
        if said in STOP:
            raise Stop
        if said not in ("again", "a", "no"):
            return people, pair, sides
        earlier, earlier_pair, sides_before = people, pair, sides


def _names(
    talk: Conversation, keep: Keep, earlier: People, earlier_pair: str, sides_before: list[str]
) -> tuple[People, list[str]]:
    people: People = []
    sides: list[str] = []
    while len(people) < MAX_PARTNERS:
        n = len(people) + 1
        before_name, before_role = earlier[n - 1] if n <= len(earlier) else ("", "")
        enough = len(people) >= MIN_PARTNERS
        if before_name:
            prompt = (
                f"Partner {n}'s name. Typed before: {display_name(before_name)}. Press Enter "
                "to keep it, or type another name" + (", or done if everyone is here." if enough else ".")
            )
        else:
            prompt = f"Partner {n}'s name" + (", or press Enter if everyone is here:" if enough else ":")
        name = talk.ask(prompt)
        if word(name) in STOP:
            raise Stop
        if enough and (word(name) == "done" or (not name and not before_name)):
            break
        name = name or before_name
        if not name:
            talk.say(f"A sitting needs at least {MIN_PARTNERS} people. Please type a name.")
            continue
        if only_digits(name):
            talk.say(f"{name} is a number, not a name. Please type this person's name.")
            continue
        if any(same_name(p, name) for p, _ in people):
            talk.say(
                f"Two people are both called {display_name(name)}. Please add something to "
                "tell them apart, like an initial."
            )
            continue
        keep(people + [(name, "")], earlier_pair, sides)
        if before_role and same_name(name, before_name):
            role = talk.ask_or_stop(
                f"{display_name(name)}'s role. Typed before: {display_name(before_role)}. "
                "Press Enter to keep it, type another, or type none to leave it out."
            )
            role = "" if word(role) == "none" else (role or before_role)
        else:
            role = talk.ask_or_stop(
                f"{display_name(name)}'s role, for example Patient partner, or press Enter to leave it out:"
            )
        before_side = sides_before[n - 1] if n <= len(sides_before) and same_name(name, before_name) else ""
        keep(people + [(name, role)], earlier_pair, sides)
        side = _side(talk, name, role, before_side)
        people.append((name, role))
        sides.append(side)
        keep(people, earlier_pair, sides)
        added = ", ".join(display_name(w) for w in (role, SIDE_WORDS[side] + " side" if side else "") if w)
        talk.say(f"Added {display_name(name)}" + (f", {added}." if added else "."))
    return people, sides


def _side(talk: Conversation, name: str, role: str, before: str) -> str:
    """One optional question: which side of care this partner comes from. A side given before
    or suggested by the role's words is named, and Enter keeps it; it is never taken unseen."""
    offered = before or suggest_side(role)
    if offered:
        why = "Given before" if before else "The role suggests"
        prompt = (
            f"{display_name(name)}'s side of care. {why}: {SIDE_WORDS[offered]}. Press Enter to "
            f"keep it, type another ({CHOICES}), or none to leave it out:"
        )
    else:
        prompt = (
            f"{display_name(name)}'s side of care, if you like ({CHOICES}), or press Enter to leave it out:"
        )
    while True:
        typed = talk.ask(prompt)
        if word(typed) in STOP:
            raise Stop
        if not typed.strip():
            return offered
        side = read_side(typed)
        if side is not None:
            return side
        talk.say("Please type 1, 2 or 3, or none, or press Enter.")
