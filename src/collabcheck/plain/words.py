"""What plain mode says: the options for each kind of question, and the comparison in parts.

The options are the app's, in the app's order with the app's labels, so a sitting answered
here writes exactly the snapshot the app would. The comparison is read from the text report,
split at its headings into parts a listener can choose between; `comparison_sections` is the
one place that will switch to the shared comparison view (src/collabcheck/render/).
"""

from __future__ import annotations

from pathlib import Path

from collabcheck.core.bank import Bank, Item, questions
from collabcheck.core.sitting import Sitting
from collabcheck.core.snapshot import Answer, Snapshot
from collabcheck.render.options import options
from collabcheck.render.view import READING_ORDER, Block, Bullets, Label, Para, Quote, Scores
from collabcheck.render.words import display_name, fmt, where_a_sitting_stopped


def names_list(names: list[str]) -> str:
    """'Ann', 'Ann and Bo', 'Ann, Bo and Cy'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def choices(item: Item, sitting: Sitting) -> list[tuple[Answer, str]]:
    """The numbered options of a rated item, as (value, label): the app's own
    (`collabcheck.render.options`), in the app's order. "Not sure" and skipping are typed as
    words (n, s), so they are not numbered."""
    return [(v, label) for v, label in options(item, sitting.partners) if v != "unsure"]


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
    now = where_a_sitting_stopped(
        s.stage,
        s.everyone_finished,
        s.partner.name if s.partners else "",
        s.current_item,
        len(questions(bank)),
    )
    return f"{names}, started {when}: {now}."


PRIVACY = (
    "Before you start, about privacy. In a pair or a small group there is no anonymity: "
    "when you hear the results together, each of you will hear the others' answers. "
    "The saved file holds your names and roles, every rated answer, the written "
    "reflections you choose to keep, and what you agree. You may commit it to a shared "
    "repository. A reflection you keep private is never written to it."
)

HOW = (
    "How it works: each question is read out with its options as a numbered list. Type a "
    "number and press Enter. At any question you can also type n for not sure (where it is "
    "offered), s to skip, b to go back, help to hear the choices again, or stop to stop "
    "for now. Your answers are kept after every one, so you can carry on later."
)


# -- the comparison, read out in parts ---------------------------------------------------------

ORDER = READING_ORDER
PICTURE_HEADING = "Where each of you stands"  # the picture, in words


def _heard(block: Block) -> list[str]:
    """One block of the comparison view as lines a screen reader says plainly (no bars)."""
    if isinstance(block, Scores):
        out = [f"{block.title}."]
        for row in block.rows:
            figure = "no score" if row.value is None else fmt(row.value)
            out.append(f"{row.label}: {figure}, {row.note}.")
        return out
    if isinstance(block, Para):
        return [block.text]
    if isinstance(block, Label):
        return [f"{block.text}:"]
    if isinstance(block, Bullets):
        out = []
        for n, item in enumerate(block.items, 1):
            out.append(f"{n}. {item}" if block.numbered else f"- {item}")
            if n <= len(block.notes):
                out.append(f"   {block.notes[n - 1]}")
        return out
    if isinstance(block, Quote):
        return [f"   {line}" for line in block.lines]
    return [", ".join(block.header)] + [", ".join(row) for row in block.rows]


def comparison_sections(snapshot: Snapshot, bank: Bank, folder: Path | None = None) -> list[tuple[str, str]]:
    """The comparison as (heading, text) parts: the one comparison view the reports and the
    app's Together screen lay out (`collabcheck.render.view`), said in plain lines. Right
    after the summary comes the picture's sentence (where each partner stands, and how they
    moved since their last sitting in `folder`): what the app draws, said in words."""
    from collabcheck.render.picture import sentence
    from collabcheck.render.picture_files import sitting_picture
    from collabcheck.render.view import comparison_view
    from collabcheck.render.words import names_of
    from collabcheck.scoring.compare import compare

    c = compare(snapshot, bank)
    view = comparison_view(c, bank)
    parts = []
    for key in ORDER:
        if key in view:
            lines = [line for block in view[key].blocks for line in _heard(block)]
            parts.append((view[key].heading, "\n".join(lines)))
    said = sentence(sitting_picture(c, bank, folder), names_of(c))
    parts.insert(min(1, len(parts)), (PICTURE_HEADING, said))
    return parts
