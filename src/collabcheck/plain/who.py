"""Who is here, in plain mode: each name and role on a line of its own, kept as it is typed.

Names are typed before any question, and a crash or a closed window must not lose them (spec
§7), so after every line the names so far are kept as a draft (`Sitting.draft`, the app's
own), and carrying on offers each name typed before: Enter keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from collabcheck.core.partnerships import Partnership, known_pair
from collabcheck.core.sitting import MAX_PARTNERS, MIN_PARTNERS
from collabcheck.core.slug import pair_slug
from collabcheck.plain.talk import Conversation, Stop, word
from collabcheck.plain.words import names_list
from collabcheck.render.words import display_name

People = list[tuple[str, str]]
STOP = ("stop", "quit")


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def ask_who(
    talk: Conversation,
    keep: Callable[[People, str], None],
    earlier: People | None = None,
    earlier_pair: str = "",
    known: list[Partnership] | None = None,
) -> tuple[People, str]:
    """Two to six (name, role) pairs and the partnership name; `keep` is called after each line.
    The name suggested is the one these people sat under before (`known`), in any order."""
    earlier = [(n, r) for n, r in (earlier or []) if n.strip() or r.strip()]
    while True:
        talk.say("")
        talk.say(
            f"Who is here? {MIN_PARTNERS} to {MAX_PARTNERS} people. Type each name, then a "
            "role in your own words if you like."
        )
        people = _names(talk, keep, earlier, earlier_pair)
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
        keep(people, pair)
        names = names_list([display_name(n) for n, _ in people])
        talk.say(f"Here today: {names}. Partnership name: {display_name(pair)}.")
        said = talk.enter("Press Enter if that is right, or type again to start the names again.")
        if said in STOP:
            raise Stop
        if said not in ("again", "a", "no"):
            return people, pair
        earlier, earlier_pair = people, pair


def _names(
    talk: Conversation, keep: Callable[[People, str], None], earlier: People, earlier_pair: str
) -> People:
    people: People = []
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
        if name.replace(" ", "").isdigit():
            talk.say(f"{name} is a number, not a name. Please type this person's name.")
            continue
        if any(_same(p, name) for p, _ in people):
            talk.say(
                f"Two people are both called {display_name(name)}. Please add something to "
                "tell them apart, like an initial."
            )
            continue
        keep(people + [(name, "")], earlier_pair)
        if before_role and _same(name, before_name):
            role = talk.ask_or_stop(
                f"{display_name(name)}'s role. Typed before: {display_name(before_role)}. "
                "Press Enter to keep it, type another, or type none to leave it out."
            )
            role = "" if word(role) == "none" else (role or before_role)
        else:
            role = talk.ask_or_stop(
                f"{display_name(name)}'s role, for example Patient partner, or press Enter to leave it out:"
            )
        people.append((name, role))
        keep(people, earlier_pair)
        talk.say(f"Added {display_name(name)}" + (f", {display_name(role)}." if role else "."))
    return people
