"""The one comparison view: every heading, sentence, list and table about one sitting, built once.

The text report, the Markdown report, the JSON reasons, the app's Together screen and the
plain (screen-reader) mode all lay out this same structure, so a wording change is made in
one place and the formats can never drift apart. Blocks are plain text; layouts escape them
for their medium (Markdown, terminal) and choose the order of sections.
"""

from __future__ import annotations

from dataclasses import dataclass

from collabcheck.core.bank import Bank
from collabcheck.render import power, summary
from collabcheck.render.reasons import context_sentence, reasons, working
from collabcheck.render.words import (
    UNSURE_NOTE,
    answer_words,
    display_name,
    figures_of,
    fmt1,
    focus_picture,
    join_words,
    names_of,
    plural,
    seen_differently,
    signed,
    talk_first_empty,
    text_lines,
)
from collabcheck.scoring.results import Comparison, ItemResult

# The order a pair reads the comparison in, in every format: the summary first, then the
# details. Reports add what was agreed after the suggestion; the Together screen shows the
# summary above its details.
READING_ORDER = (
    "summary",
    "context",
    "practices",
    "power",
    "attention",
    "talk",
    "notes",
    "suggestion",
    "unknown",
    "source",
)


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text."""

    text: str


@dataclass(frozen=True)
class Label:
    """A short run-in heading inside a section ('Why', 'Tips')."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A list; `numbered` lists count from 1; `notes` are indented lines under each item."""

    items: tuple[str, ...]
    numbered: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """Rows of plain cells; `right` marks columns of figures."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: tuple[int, ...] = ()


@dataclass(frozen=True)
class ScoreRow:
    label: str
    value: float | None
    note: str


@dataclass(frozen=True)
class Scores:
    """One practice's scores: a row per partner and a combined row (text draws bars);
    `apart` is the divergence as shown and `differ` whether it is seen differently, so no
    layout ever reads a figure back out of the words."""

    title: str
    rows: tuple[ScoreRow, ...]
    apart: str = "–"
    differ: bool = False


@dataclass(frozen=True)
class Quote:
    """Someone's own words, line by line, exactly as kept."""

    lines: tuple[str, ...]


Block = Para | Label | Bullets | Table | Scores | Quote


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]


NOT_IN_BANK = "not in the questions used for this report"
ONE_ANSWERED = "Only one of you answered these questions, so there is nothing to compare here yet."
RELATIONSHIP_MEANS = (
    'Here "your relationship" means time spent reflecting on how you work '
    "together and getting to know each other as people."
)


def agreed_sentence(c: Comparison, bank: Bank) -> str | None:
    """What the partners chose, with the practice's title; None when nothing was agreed."""
    if not c.agreed:
        return None
    number = c.agreed["practice"]
    title = next((s.title for s in bank.practices if s.number == number), "")
    text = f"You agreed to work on practice {number}" + (f": {title}" if title else "") + "."
    if number == c.suggestion.number:
        return text + " This is the practice collabcheck suggested."
    return text + f" (collabcheck suggested practice {c.suggestion.number}.)"


def _agreed(c: Comparison, bank: Bank) -> Section:
    sentence = agreed_sentence(c, bank)
    if sentence is None:
        return Section("agreed", "What you agreed", (Para("No practice was agreed at this sitting."),))
    blocks: list[Block] = [Para(sentence)]
    actions = [display_name(a) for a in c.agreed.get("actions", []) if a.strip()] if c.agreed else []
    if actions:
        blocks += [Label("Actions"), Bullets(tuple(actions))]
    return Section("agreed", "What you agreed", tuple(blocks))


def _suggestion(c: Comparison) -> Section:
    s = c.suggestion
    blocks: list[Block] = [Para(f"Practice {s.number}: {s.title}"), Label("Why"), Bullets(tuple(reasons(c)))]
    if s.tips:
        blocks += [Label("Tips"), Bullets(tuple(s.tips))]
    if s.prompts:
        blocks += [Label("To talk through together"), Bullets(tuple(s.prompts))]
    blocks += [Label("For facilitators: the working"), Bullets(tuple(working(c)))]
    if s.facilitator_tips:
        blocks += [Label("For facilitators who run programmes"), Bullets(tuple(s.facilitator_tips))]
    return Section("suggestion", "What to work on next", tuple(blocks))


def _practices(c: Comparison) -> Section:
    names = names_of(c)
    blocks: list[Block] = [
        Para(
            "Scores run from 1 (low) to 5 (high), after turning round the statements that are "
            f'worded the other way. {UNSURE_NOTE} "Apart by" is the average gap between your '
            "answers to the same statement (0 = the same)."
        )
    ]
    for p in c.practices:
        rows = []
        for pid, name in names.items():
            note = f"{p.answered[pid]} {plural(p.answered[pid], 'answer')}"
            if p.unsure_by_partner[pid]:
                note += f", {p.unsure_by_partner[pid]} not sure"
            if p.scores[pid] is None and not p.unsure_by_partner[pid]:
                note = "skipped all"
            rows.append(ScoreRow(name, p.scores[pid], note))
        apart = "apart by " + fmt1(p.divergence)
        if p.seen_differently:
            apart += " (seen differently)"
        rows.append(ScoreRow("Combined", p.combined, apart))
        blocks.append(Scores(f"{p.number}. {p.title}", tuple(rows), fmt1(p.divergence), p.seen_differently))
    blocks.append(Para(seen_differently(c.practices, len(c.partners))))
    blocks += [Para(t) for t in summary.cannot_see_sentences(c)]
    return Section("practices", "The five practices", tuple(blocks))


def _power(c: Comparison) -> Section:
    a = c.authority
    names = names_of(c)
    heading = "Who has the say"
    if not power.any_answer(a.items):
        return Section("power", heading, (Para("Nobody answered the questions about who has the say."),))
    blocks: list[Block] = [Para(power.pattern_sentence(a, names))]
    views = power.view_sentences(a, names)
    if views:
        blocks.append(Bullets(tuple(views)))
    blocks += [Para(t) for t in power.unseen_holder_sentences(a, names)]
    blocks += [Para(t) for t in power.imbalance_sentences(a, c.partners, names)]
    if a.outside:
        blocks.append(Para(power.OUTSIDE_NOTE))
    gap = power.divergence_sentence(a)
    if gap:
        blocks.append(Para(gap))
    say = power.say_items(a)
    if say:
        blocks += [Label("Question by question"), Bullets(tuple(power.item_line(i, names) for i in say))]
    carrying = power.carrying_items(a)
    if carrying and power.any_answer(carrying):
        blocks += [Label("Carrying responsibility"), Para(power.CARRYING_NOTE)]
        carried = power.carrying_sentence(a, names)
        if carried:
            blocks.append(Para(carried))
        blocks.append(Bullets(tuple(power.item_line(i, names) for i in carrying)))
    developing = power.development_items(a)
    if developing and power.any_answer(developing):
        blocks += [Label("Chances to develop as a leader"), Para(power.DEVELOPMENT_NOTE)]
        developed = power.development_sentence(a, c.partners, names)
        if developed:
            blocks.append(Para(developed))
        blocks.append(Bullets(tuple(power.item_line(i, names) for i in developing)))
    return Section("power", heading, tuple(blocks))


def attention_summary(c: Comparison) -> str | None:
    """The one sentence that sums up where attention goes (None when under two answered)."""
    f = c.focus
    names = names_of(c)
    if sum(v is not None for v in f.positions.values()) < 2 or f.mean is None:
        return None
    if f.leaning == "split":
        task = [names[p] for p, v in f.positions.items() if v is not None and v < 0]
        rel = [names[p] for p, v in f.positions.items() if v is not None and v > 0]
        text = (
            f"You see this in opposite ways: {join_words(task)} {_sees(task)} it going to the task, "
            f"{join_words(rel)} to your relationship. An average would hide that, so none is given."
        )
    else:
        leaning = {
            "task": "leans to the task",
            "relationship": "leans to your relationship",
            "balanced": "is balanced",
        }[f.leaning or "balanced"]
        text = f"Together your attention {leaning} (average {signed(f.mean)})."
        known = {p: v for p, v in f.positions.items() if v is not None}
        if len(set(known.values())) > 1:  # each partner's own figure before the average
            text = f"{figures_of(known, names, signed_=True)}: " + text[0].lower() + text[1:]
    if f.divergence is not None:
        text += f" Your views are {fmt1(f.divergence)} apart" + (
            ": you see this differently." if f.divergent else "."
        )
    unsure = [f"{names[p]} ({n})" for p, n in f.unsure.items() if n]
    if unsure:
        text += f" Not sure: {', '.join(unsure)}."
    return text


def _attention(c: Comparison) -> Section:
    f = c.focus
    names = names_of(c)
    heading = "Where your attention goes"
    if f.mean is None:
        return Section(
            "attention",
            heading,
            (Para("Nobody answered the questions about the task and the relationship."),),
        )
    blocks: list[Block] = [
        Para(f"From −2 (all on the task) to +2 (all on your relationship). {RELATIONSHIP_MEANS}"),
        Para(focus_picture({k: v for k, v in f.positions.items() if v is not None}, names) + "."),
    ]
    summary = attention_summary(c)
    if summary is None:
        return Section("attention", heading, (*blocks, Para(ONE_ANSWERED)))
    return Section("attention", heading, (*blocks, Para(summary)))


def _sees(names: list[str]) -> str:
    return "sees" if len(names) == 1 else "see"


def where(bank: Bank, item_id: str) -> str:
    """'practice 2', 'who has the say', 'carrying responsibility', 'chances to develop' or
    'attention', for an item id; '' when the bank lacks it."""
    item = bank.items_by_id.get(item_id)
    if item is None:
        return ""
    if item.kind == "authority":
        if item.development:
            return "chances to develop"
        return "carrying responsibility" if item.accountability else "who has the say"
    if item.kind == "focus":
        return "attention"
    for s in bank.sections:
        if s.id == item.section_id and s.number:
            return f"practice {s.number}"
    return ""


def _answers_line(c: Comparison, item: ItemResult) -> str:
    names = names_of(c)
    return "; ".join(
        f"{names[pid]}: {answer_words(item.kind, item.answers.get(pid), names)}" for pid in names
    )


def _talk(c: Comparison, bank: Bank) -> Section:
    heading = "Talk about these first"
    items = [it for it in (c.item(i) for i in c.talk_about_first) if it is not None]
    if not items:
        return Section("talk", heading, (Para(talk_first_empty(c.compared_count, len(c.partners))),))
    return Section(
        "talk",
        heading,
        (
            Bullets(
                tuple(f"{it.text} ({where(bank, it.id)})" for it in items),
                numbered=True,
                notes=tuple(_answers_line(c, it) for it in items),
            ),
        ),
    )


def visible_notes(c: Comparison) -> dict[str, dict[str, list[str]]]:
    """Kept reflections as clean lines, leaving out any with nothing to show."""
    out = {pid: {k: text_lines(v) for k, v in table.items()} for pid, table in c.notes.items()}
    return {pid: {k: v for k, v in table.items() if v} for pid, table in out.items() if any(table.values())}


def _notes(c: Comparison, bank: Bank) -> Section | None:
    notes = visible_notes(c)
    if not notes:
        return None
    names = names_of(c)
    sides = {p.id: p.side or "" for p in c.partners}
    blocks: list[Block] = [Para("The reflections each of you chose to keep with this sitting.")]
    for pid, table in notes.items():
        blocks.append(Label(names.get(pid, pid)))
        for item_id, lines in table.items():
            item = bank.items_by_id.get(item_id)
            # each partner's question as they read it, in the wording for their side of care
            question = item.text_for(sides.get(pid, "")) if item is not None else f"{item_id} ({NOT_IN_BANK})"
            blocks += [Para(question), Quote(tuple(lines))]
    return Section("notes", "What you wrote", tuple(blocks))


def _unknown(c: Comparison) -> Section | None:
    if not c.unknown_answers and not c.mismatched_answers:
        return None
    blocks: list[Block] = []
    if c.unknown_answers:
        blocks += [
            Para(
                "These questions are not in the question bank used for this report (it "
                "has changed since), so their answers are kept but not scored:"
            ),
            Bullets(tuple(c.unknown_answers)),
        ]
    if c.mismatched_answers:
        blocks += [
            Para("These answers do not fit the kind of question they now belong to, so they are not scored:"),
            Bullets(tuple(c.mismatched_answers)),
        ]
    return Section("unknown", "Answers not scored", tuple(blocks))


def _stands(c: Comparison) -> Section | None:
    sentence = context_sentence(c)
    return Section("context", "Where your partnership stands", (Para(sentence),))


def _source(c: Comparison) -> Section:
    source = c.source or "The King’s Fund (2016), Developing collaborative relationships."
    if "own words" not in source:  # the shipped banks' citations already say so: say it once
        source += " collabcheck's questions, tips and prompts are its own words, based on the guide's ideas."
    return Section("source", "Source", (Para(source),))


def summary_section(c: Comparison) -> Section:
    """The reading at a glance, which every format opens with (`collabcheck.render.summary`)."""
    found = summary.findings(c)
    blocks: list[Block] = [Para(summary.headline(c)), Para("Why: " + summary.why_text(c))]
    if found:
        blocks += [Label("What stands out"), Bullets(tuple(found))]
    return Section("summary", "At a glance", tuple(blocks))


def comparison_view(c: Comparison, bank: Bank) -> dict[str, Section]:
    """Every section about one sitting, by id, in the order a conversation would take them."""
    sections = [
        summary_section(c),
        _stands(c),
        _practices(c),
        _power(c),
        _attention(c),
        _talk(c, bank),
        _notes(c, bank),
        _suggestion(c),
        _agreed(c, bank),
        _unknown(c),
        _source(c),
    ]
    return {s.id: s for s in sections if s is not None}
