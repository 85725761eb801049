"""Who has the say, in words: the overall picture, each partner's view, each question.

"More say" is said only where partners answered "more", "most say" only where they answered
"mostly" on at least half of the questions that named that person; carrying formal
responsibility, and who has had the chances to develop, are described as such, never as
having the say; and the say lying outside the partnership is said as such. Every sentence
here is used by every format.
"""

from __future__ import annotations

from collabcheck.core.snapshot import Partner
from collabcheck.render.words import all_of, authority_words, fmt1, number_word, plural
from collabcheck.scoring.results import AuthorityResult, ItemResult

PATTERN_HELP = "on a scale from 0 (the same view) to 4 (opposite ends)"


def _holding(strength: str | None) -> str:
    return "most of the say" if strength == "most" else "more of the say"


def pattern_sentence(a: AuthorityResult, names: dict[str, str]) -> str:
    """The shape of everyone's view, as one sentence ('Both of you see the say as shared.')."""
    n = len(a.perceived_holder)
    views = a.perceived_holder
    if a.pattern_id == "not-enough-answers":
        if n == 1:
            return "Only one of you answered who has the say, so there is nothing to compare yet."
        return "Nobody answered who has the say."
    # A partner who was not sure on every say question has no view: the sentence speaks of
    # those who answered, and never as if they were everyone ("both of you" to a trio).
    full = n >= len(names)
    answered = all_of(n, len(names))
    everyone = answered.capitalize()
    if a.pattern_id == "all-shared" and a.divergent and a.divergence is not None:
        return (
            f"{everyone} see the say as shared overall, but your answers on who has it are "
            f"{fmt1(a.divergence)} apart, so you see it differently."
        )
    if a.pattern_id == "all-shared":
        return f"{everyone} see the say as shared."
    if a.pattern_id == "outside":
        return f"{everyone} see the say lying outside your partnership, {_outside_share(a)}."
    if a.pattern_id == "same-left-out":
        who = next(iter(a.left_out.values()))
        return f"{everyone} see {names.get(who, who)} having less say than the others."
    if a.pattern_id == "one-left-out":
        who = next(iter(a.left_out.values()))
        seers = [p for p in views if p in a.left_out]
        if seers == [who]:
            return (
                f"Not all of you see the say as shared: {names.get(who, who)} sees "
                "themselves having less say than the others."
            )
        return (
            f"Not all of you see the say as shared: {join_names(seers, names)} "
            f"{'sees' if len(seers) == 1 else 'see'} {names.get(who, who)} having less say "
            "than the others."
        )
    if a.pattern_id == "left-out-differs":
        return "Not all of you see the say as shared: you see different partners having less say."
    if a.pattern_id == "same-holder":
        who = next(iter(views.values()))
        most = all(a.strength.get(p) == "most" for p in views)
        return f"{everyone} see {names.get(who, who)} holding {_holding('most' if most else 'more')}."
    of_two = "One of you" if full else f"Of {answered}, one"
    if a.pattern_id == "some-outside":
        if n == 2:
            return f"{of_two} sees the say lying outside your partnership; the other does not."
        return "Some of you see the say lying outside your partnership; others do not."
    if a.pattern_id == "shared-and-held":
        if n == 2:
            return f"{of_two} sees the say as shared; the other does not."
        return "Some of you see the say as shared; others do not."
    amount = _holding("most" if all(a.strength.get(p) == "most" for p in views) else "more")
    each = "Each of you" if full else f"Each of {answered}"
    if a.pattern_id == "each-self":
        return f"{each} sees {'yourself' if full else 'themselves'} holding {amount}."
    if a.pattern_id == "each-other":
        if n == 2:
            return f"{each} sees the other holding {amount}."
        return f"{each} sees someone else holding {amount}."
    return "You see different people holding the say."


def join_names(pids: list[str], names: dict[str, str]) -> str:
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy': in order of name, so that the order partners
    sat in never changes a sentence."""
    shown = sorted(names.get(p, p) for p in pids)
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _outside_share(a: AuthorityResult) -> str:
    """'on more than half of the questions' or 'on half of the questions': half is half."""
    halves = [2 * a.named.get(p, 0) == a.answered.get(p, 0) for p in a.perceived_holder]
    if all(halves):
        return "on half of the questions each of you answered"
    if any(halves):
        return "on half or more of the questions each of you answered"
    return "on more than half of the questions each of you answered"


def _of(named: int, answered: int) -> str:
    return f"on {named} of the {answered} {plural(answered, 'question')} they answered"


def view_sentences(a: AuthorityResult, names: dict[str, str]) -> list[str]:
    """One sentence per partner who answered: whom their answers give the say to, and how often."""
    out = []
    for pid, who in a.perceived_holder.items():
        name = names.get(pid, pid)
        answered = a.answered.get(pid, 0)
        if who == "outside":
            text = f"{name} sees the say lying outside your partnership ({_of(a.named[pid], answered)})."
        elif who != "shared":
            holder = "themselves" if who == pid else names.get(who, who)
            named, most = a.named[pid], a.named_mostly.get(pid, a.named[pid])
            how = a.strength.get(pid)
            # "most" though some answers said "more": how many of each, so the words match them
            mixed = f": most on {most}, more on {named - most}" if how == "most" and most < named else ""
            text = f"{name} sees {holder} holding {_holding(how)} ({_of(named, answered)}{mixed})."
        elif pid in a.left_out:
            low = a.left_out[pid]
            who = "themselves" if low == pid else names.get(low, low)
            text = f"{name} sees {who} having less say than the others."
        else:
            text = f"{name} sees the say as shared overall."
        if a.unsure.get(pid):
            k = a.unsure[pid]
            text = text[:-1] + f", and was not sure on {number_word(k)}."
        out.append(text)
    return out


def divergence_sentence(a: AuthorityResult) -> str | None:
    if a.divergence is None:
        return None
    verdict = "you see this differently" if a.divergent else "your views are close"
    return (
        f"Your answers on who has the say are {fmt1(a.divergence)} apart on average, "
        f"{PATTERN_HELP}, counting only answers that place the say inside your partnership: "
        f"{verdict}."
    )


def item_line(item: ItemResult, names: dict[str, str]) -> str:
    """'The agenda: Alice, mostly Sam; Sam, shared equally.' (plain, for any format)."""
    given = [(pid, v) for pid, v in item.answers.items() if v is not None]
    label = item.label[:1].upper() + item.label[1:]
    if not given:
        return f"{label}: nobody answered."
    if len(given) >= 2 and len({v for _, v in given}) == 1:
        said = _lower(authority_words(given[0][1], names))
        return f"{label}: {all_of(len(given), len(item.answers))} said {said}."
    parts = [f"{names.get(pid, pid)}, {_lower(authority_words(v, names))}" for pid, v in given]
    return f"{label}: " + "; ".join(parts) + "."


def _lower(words: str) -> str:
    """'Mostly Dr Amira' -> 'mostly Dr Amira': the first word only, never a name."""
    head, _, rest = words.partition(" ")
    return head.lower() + (" " + rest if rest else "")


def say_items(a: AuthorityResult) -> list[ItemResult]:
    return [i for i in a.items if not i.accountability and not i.development]


def carrying_items(a: AuthorityResult) -> list[ItemResult]:
    return [i for i in a.items if i.accountability]


def development_items(a: AuthorityResult) -> list[ItemResult]:
    return [i for i in a.items if i.development]


DEVELOPMENT_NOTE = (
    "Who has had the chances to develop as a leader is not the same as having the say: "
    "these answers are shown and compared, but never make anyone the one with the say."
)


def development_sentence(a: AuthorityResult, partners: list[Partner], names: dict[str, str]) -> str | None:
    """In which direction the chances to develop as a leader have gone, by the answers: to
    one partner, to different partners, or shared; None when nobody answered. With sides
    given, development gone to the professional side is named as the guide describes it
    (patient partners have had little access to leadership development); a side never
    changes a figure, only these words."""
    views: dict[str, set[str]] = {}  # who each partner's answers name, in sitting order
    hows: set[str] = set()  # "more", "mostly", "shared", "less", "outside" as answered
    for item in development_items(a):
        for pid, value in item.answers.items():
            if not isinstance(value, str) or value == "unsure":
                continue
            how, _, who = value.partition(":")
            views.setdefault(pid, set())
            hows.add(how)
            if how in ("more", "mostly"):
                views[pid].add(who)
    if not views:
        return None
    named = sorted(set().union(*views.values()))
    if not named:
        shared = ": they look shared" if hows == {"shared"} else ""
        return f"No answer puts the chances to develop as a leader with one of you{shared}."
    amount = "mostly" if hows & {"more", "mostly"} == {"mostly"} else "more"
    side = {p.id: p.side for p in partners}
    if len(named) > 1:
        text = (
            f"You see this differently: your answers name {join_names(named, names)} as having "
            "had more of the chances to develop as a leader."
        )
    else:
        who = names.get(named[0], named[0])
        seers = [p for p, v in views.items() if v]
        others = [p for p, v in views.items() if not v]
        if not others:
            everyone = all_of(len(seers), len(names)).capitalize()
            text = f"{everyone} see the chances to develop as a leader going {amount} to {who}."
        else:
            text = (
                f"{join_names(seers, names)} {'sees' if len(seers) == 1 else 'see'} the chances to "
                f"develop as a leader going {amount} to {who}; {join_names(others, names)} "
                f"{'does' if len(others) == 1 else 'do'} not."
            )
    if all(side.get(w) == "professional" for w in named) and "patient" in side.values():
        return text + (
            " That is development going to the professional side, as the guide found it "
            "often does: patient partners have had little or no access to it. Ask together "
            "how each of you could have the same chances."
        )
    return text + (
        " The guide asks those with resources to invest in every partner's development: "
        "talk about how the chances could be shared."
    )


OUTSIDE_NOTE = (
    "The say lying outside your partnership is a finding of its own, not uneven "
    "power between you, so it does not change the suggestion. The guide asks whose "
    "formal authority you could travel on to make your work legitimate, and who "
    "could vouch for you."
)

CARRYING_NOTE = (
    "Carrying responsibility is not the same as having the say: these answers "
    "are shown and compared, but never make anyone the one with the say. The guide "
    "counts responsibility among the things partners share, and being answerable "
    "for the work need not mean having the last word on it."
)


def carrying_sentence(a: AuthorityResult, names: dict[str, str]) -> str | None:
    """When answers put the carrying on a partner: whose answers put it with whom, and the
    guide's point that being answerable need not mean having the last word. None when nobody
    is seen carrying it. A partner who answered none of these questions (or was not sure of
    each) is not mentioned, and
    partners naming different people are told apart (not "with Ann and Bo", as if agreed)."""
    named: dict[str, list[str]] = {}  # whose answers → whom they name, in order
    answered: set[str] = set()
    for item in carrying_items(a):
        for pid, value in item.answers.items():
            if value is None or value == "unsure":  # "not sure" puts it with nobody, nor away from anyone
                continue
            answered.add(pid)
            if isinstance(value, str) and value.partition(":")[0] in ("more", "mostly"):
                whom = named.setdefault(pid, [])
                if (who := value.partition(":")[2]) not in whom:
                    whom.append(who)
    if not named:
        return None
    seers = [pid for pid in names if pid in named]
    rest = [pid for pid in names if pid in answered and pid not in named]
    views = {frozenset(named[p]) for p in seers}
    if len(views) == 1:
        who = join_names(named[seers[0]], names)
        whose = (
            f"{join_names(seers, names)}'s answers put the carrying of responsibility with {who}"
            if len(seers) < len(names)
            else f"Answers put the carrying of responsibility with {who}"
        )
    else:
        whose = "; ".join(
            sorted(  # the sentences themselves, so partners' order (or a shared name) never matters
                f"{names.get(p, p)}'s answers put the carrying of responsibility with "
                f"{join_names(named[p], names)}"
                for p in seers
            )
        )
    if rest:
        whose += f"; {join_names(rest, names)}'s do not"
    return (
        f"{whose}. Being answerable for the work need not mean having the last word on it: "
        "talk about what it means for the say you share."
    )


def unseen_holder_sentences(a: AuthorityResult, names: dict[str, str]) -> list[str]:
    """'Ann sees Bo holding most of the say, but Bo sees the say as shared.' One per such
    partner, with the guide's point: the one with more power may not see it."""
    out = []
    for holder, seers in a.unseen_holders().items():
        verb = "sees" if len(seers) == 1 else "see"
        amount = _holding("most" if all(a.strength.get(p) == "most" for p in seers) else "more")
        out.append(
            f"{join_names(seers, names)} {verb} {names.get(holder, holder)} holding "
            f"{amount}, but {names.get(holder, holder)} sees the say as shared. The "
            "guide notes that the partner with more power may see things as shared "
            "when others do not."
        )
    return out


GUIDE_POWER = (
    "This is the imbalance the guide puts at the centre of power: health and care tends to give "
    "more power to those who deliver care than to those who receive it, and partners come with "
    "different confidence and authority to speak and act. Its answer is not to pretend the "
    "difference away but to share the say and value each kind of knowledge (The King's Fund, "
    "Developing collaborative relationships, 2016)."
)


def imbalance(a: AuthorityResult, partners: list[Partner]) -> list[tuple[str, str]]:
    """(patient-side partner, professional-side partner) for each pair where the first sees
    the second holding more of the say and the second sees it as shared. Only with sides
    given: without them nothing here is said, and a side never changes a figure."""
    side = {p.id: p.side for p in partners}
    return [
        (seer, holder)
        for holder, seers in a.unseen_holders().items()
        if side.get(holder) == "professional"
        for seer in seers
        if side.get(seer) == "patient"
    ]


def imbalance_sentences(a: AuthorityResult, partners: list[Partner], names: dict[str, str]) -> list[str]:
    """The guide's point about power and the giving and receiving of care, named once, when a
    patient-side partner sees a professional holding more of the say and the professional
    sees it as shared."""
    found = imbalance(a, partners)
    if not found:
        return []

    def by_name(pid: str) -> tuple[str, str]:  # sorted by name, so partner order changes nothing
        return (names.get(pid, pid), pid)

    seers = sorted(dict.fromkeys(s for s, _ in found), key=by_name)
    holders = sorted(dict.fromkeys(h for _, h in found), key=by_name)
    verb = "sees" if len(seers) == 1 else "see"
    amount = "most" if all(a.strength.get(p) == "most" for p in seers) else "more"
    return [
        f"{join_names(seers, names)}, from the patient side, {verb} {join_names(holders, names)}, "
        f"from the professional side, holding {amount} of the say; {join_names(holders, names)} "
        f"{'sees' if len(holders) == 1 else 'see'} it as shared. {GUIDE_POWER}"
    ]


def power_reason_triggers(a: AuthorityResult, names: dict[str, str]) -> list[str]:
    """Exactly what made power look uneven, one sentence each, for the reason that names it:
    the views that give one partner the say (or leave one out), and a wide gap between views."""
    views = dict(zip(a.perceived_holder, view_sentences(a, names), strict=True))
    out = sorted(
        views[p] for p, h in a.perceived_holder.items() if h not in ("shared", "outside") or p in a.left_out
    )  # in any partner order
    out += sorted(unseen_holder_sentences(a, names))
    if a.divergent and a.divergence is not None:
        out.append(
            f"Your answers on who has the say are {fmt1(a.divergence)} apart on average, "
            "so you see it differently."
        )
    return out


def any_answer(items: list[ItemResult]) -> bool:
    return any(v is not None for i in items for v in i.answers.values())


def notes(a: AuthorityResult, names: dict[str, str], partners: list[Partner] | None = None) -> list[str]:
    """The say's findings beyond each partner's line, as the reports show them: a holder who
    sees the say as shared, the say lying outside, who carries responsibility, and in which
    direction the chances to develop have gone."""
    out = sorted(unseen_holder_sentences(a, names))
    if a.outside:
        out.append(OUTSIDE_NOTE)
    carried = carrying_sentence(a, names)
    developed = development_sentence(a, partners or [], names)
    return out + ([carried] if carried else []) + ([developed] if developed else [])
