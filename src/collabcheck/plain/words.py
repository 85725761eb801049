"""What plain mode says: the options for each kind of question, and the comparison in parts.

The options are the app's, in the app's order with the app's labels, so a sitting answered
here writes exactly the snapshot the app would. The comparison is read from the text report,
split at its headings into parts a listener can choose between; `comparison_sections` is the
one place that will switch to the shared comparison view (src/collabcheck/render/).
"""

from __future__ import annotations

import re

from collabcheck.core.bank import AGREE_LABELS, FOCUS_LABELS, Bank, Item, questions
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Answer, Snapshot
from collabcheck.render.words import display_name

ASK = {
    "agree": "How much do you agree?",
    "authority": "Who has the most say? \"More\" means a bit more; \"mostly\" means most of it.",
    "focus": "Where does the attention go?",
}


def names_list(names: list[str]) -> str:
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def choices(item: Item, sitting: Sitting) -> list[tuple[Answer, str]]:
    """The numbered options of a rated item, as (value, label): the app's, in the app's order.

    "Not sure" and skipping are not numbered: they are typed as words (n, s)."""
    if item.kind == "agree":
        return list(AGREE_LABELS.items())
    if item.kind == "focus":
        return list(FOCUS_LABELS.items())
    ps = sitting.partners
    if len(ps) == 2:
        a, b = ps
        an, bn = display_name(a.name), display_name(b.name)
        return [(f"mostly:{a.id}", f"Mostly {an}"), (f"more:{a.id}", f"More {an}"),
                ("shared", "Shared equally"), (f"more:{b.id}", f"More {bn}"),
                (f"mostly:{b.id}", f"Mostly {bn}")]
    opts: list[tuple[Answer, str]] = [("shared", "Shared equally")]
    for p in ps:
        name = display_name(p.name)
        opts += [(f"more:{p.id}", f"More {name}"), (f"mostly:{p.id}", f"Mostly {name}")]
    return opts


def answer_label(item: Item, sitting: Sitting, value: Answer | None) -> str:
    """The words for an answer already given."""
    if value is None:
        return "no answer"
    if value == "unsure":
        return "Not sure"
    return next((label for v, label in choices(item, sitting) if v == value), str(value))


def where(bank: Bank, item: Item) -> str:
    """'practice 2: Invest in …' or the relationship section's title."""
    section = next(s for s in bank.sections if s.id == item.section_id)
    title = display_name(section.title)
    return f"practice {section.number}: {title}" if section.number else title


def minutes_each(bank: Bank) -> int:
    """A rough time per partner, as the app's welcome screen says it."""
    items = questions(bank)
    written = sum(1 for i in items if i.kind == "reflect")
    return max(5, round(((len(items) - written) * 10 + written * 45) / 60 / 5) * 5)


def shown_names(s: Sitting) -> list[str]:
    """The partners' names (or those typed so far), fit to say; never an empty list."""
    return [display_name(n) for n in s.names] or ["nobody named yet"]


def describe(s: Sitting, bank: Bank) -> str:
    """One sentence about an unfinished sitting, so partners recognise it."""
    names = names_list(shown_names(s))
    when = f"{s.started_at:%A %d %B at %H:%M}"
    if s.stage == "who":
        now = "the names were still being typed"
    elif s.stage == "together" or s.everyone_finished:
        now = "everyone has answered, and the comparison is next"
    else:
        now = (f"it is {display_name(s.partner.name)}'s turn, at question {s.current_item + 1} "
               f"of {len(questions(bank))}")
    return f"{names}, started {when}: {now}."


PRIVACY = ("Before you start, about privacy. In a pair or a small group there is no anonymity: "
           "when you hear the results together, each of you will hear the others' answers. "
           "The saved file holds your names and roles, every rated answer, the written "
           "reflections you choose to keep, and what you agree. You may commit it to a shared "
           "repository. A reflection you keep private is never written to it.")

HOW = ("How it works: each question is read out with its options as a numbered list. Type a "
       "number and press Enter. At any question you can also type n for not sure (where it is "
       "offered), s to skip, b to go back, help to hear the choices again, or stop to stop "
       "for now. Your answers are kept after every one, so you can carry on later.")


# -- the comparison, read out in parts ---------------------------------------------------------

BAR_CHARS = "█▉▊▋▌▍▎▏"
_BAR_ROW = re.compile(rf"^(\s*)(.*?)\s+[{BAR_CHARS}]*\s+(–|\d+\.\d)\s*(.*)$")
_UNDERLINE = re.compile(r"^-{3,}$")


def _listenable(line: str, names: list[str]) -> str:
    """One report line as it should be heard: a bar-chart row becomes 'Name: 3.5, detail',
    with a name the report shortened to fit its column ('Dr Amira Hadd…') said in full."""
    if any(ch in line for ch in BAR_CHARS) or re.search(r"\S {2,}(–|\d+\.\d)\b", line):
        m = _BAR_ROW.match(line)
        if m:
            indent, name, figure, rest = m.groups()
            if name.endswith("…"):
                name = next((n for n in names if n.startswith(name[:-1])), name)
            figure = "no score" if figure == "–" else figure
            return f"{indent}{name}: {figure}" + (f", {rest.strip()}" if rest.strip() else "")
    return re.sub(rf"[{BAR_CHARS}]", "", line)


def comparison_sections(snapshot: Snapshot, bank: Bank) -> list[tuple[str, str]]:
    """The comparison as (heading, text) parts, in the report's order and the report's words.

    THE SEAM: this is the only function that knows where the comparison's words come from.
    For now it splits `report_render.render_text` at its headings (a capitalised line over a
    line of dashes), drops the bar characters a screen reader would read as noise, and says
    the headings in sentence case. The integrator will point it at the shared comparison view
    in src/collabcheck/render/ instead; callers need not change.
    """
    from collabcheck.render.report import render_text
    from collabcheck.scoring.compare import compare

    lines = render_text(compare(snapshot, bank), bank).splitlines()
    names = [display_name(p.name) for p in snapshot.partners]
    sections: list[tuple[str, list[str]]] = [("About this sitting", [])]
    n = 0
    while n < len(lines):
        line = lines[n]
        nxt = lines[n + 1] if n + 1 < len(lines) else ""
        if line.strip() and _UNDERLINE.match(nxt) and line.upper() == line:
            heading = line.strip().capitalize()
            sections.append((heading, []))
            n += 2
            continue
        sections[-1][1].append(_listenable(line, names))
        n += 1
    return [(heading, "\n".join(body).strip("\n")) for heading, body in sections
            if "\n".join(body).strip()]
