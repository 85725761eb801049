"""The one-sitting report as plain text (80 columns) and as Markdown for board papers.

Both show the same figures as the JSON and the app, in the same order a conversation would
take: scores side by side, who holds the power, where attention goes, what to talk about
first, then the suggestion. Nothing depends on colour: every bar has its number next to it.
"""

from __future__ import annotations

import re
import textwrap

from collabcheck.core.bank import Bank
from collabcheck.render.reasons import reasons
from collabcheck.render.safe import md_escape
from collabcheck.render.words import (
    UNSURE_NOTE,
    answer_words,
    authority_item_sentence,
    bar,
    display_name,
    fmt,
    fmt1,
    fmt2,
    focus_picture,
    holder_sentences,
    name_of,
    pattern_words,
    plural,
    position_words,
    seen_differently,
    signed,
    talk_first_empty,
    text_lines,
)
from collabcheck.scoring.results import Comparison, ItemResult

WIDTH = 80
NAME_COL = 14
BAR = 10


def _num(x: float | None, places: int = 1) -> str:
    return fmt(x, places)


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    lead = indent if first is None else first
    return textwrap.wrap(text, WIDTH, initial_indent=lead, subsequent_indent=indent,
                         break_long_words=True, break_on_hyphens=False) or [lead.rstrip()]


def _heading(text: str) -> list[str]:
    return ["", text.upper(), "-" * len(text)]


def _names(c: Comparison, limit: int | None = None) -> dict[str, str]:
    return {p.id: display_name(p.name, limit) for p in c.partners}


def _section_title(bank: Bank, item_id: str) -> str:
    section = bank.items_by_id.get(item_id)
    if section is None:
        return ""
    sid = section.section_id
    for s in bank.sections:
        if s.id == sid:
            return f"practice {s.number}" if s.number else "power and attention"
    return ""


def _when(c: Comparison) -> str:
    return f"{c.taken_at:%d %B %Y at %H:%M}".lstrip("0")


def _row(name: str, value: float | None, note: str) -> list[str]:
    """One bar row: name, bar, figure, then a note wrapped under itself if it is long."""
    lead = f"   {name:<{NAME_COL}} {bar(value, width=BAR)} {_num(value):>3}  "
    return _wrap(note, " " * len(lead), lead)


def _practice_lines(c: Comparison) -> list[str]:
    names = _names(c, NAME_COL)
    lines = _heading("The five practices")
    lines += _wrap("Scores run from 1 (low) to 5 (high), after turning round the statements "
                   f"that are worded the other way. {UNSURE_NOTE} \"Apart by\" is the average "
                   "gap between your answers to the same statement (0 = the same).")
    for p in c.practices:
        lines.append("")
        lines += _wrap(p.title, "   ", f"{p.number}. ")
        for pid, name in names.items():
            note = f"{p.answered[pid]} {plural(p.answered[pid], 'answer')}"
            if p.unsure_by_partner[pid]:
                note += f", {p.unsure_by_partner[pid]} not sure"
            if p.scores[pid] is None:
                note = "skipped all" if not p.unsure_by_partner[pid] else note
            lines += _row(name, p.scores[pid], note)
        spread = "apart by " + _num(p.divergence)
        if p.divergence is not None and p.divergence >= 1:
            spread += " (seen differently)"
        lines += _row("Combined", p.combined, spread)
    return lines + [""] + _wrap(seen_differently({p.number: p.divergence for p in c.practices},
                                                 len(c.partners)))


def _authority_lines(c: Comparison, bank: Bank) -> list[str]:
    a = c.authority
    names = _names(c)
    lines = _heading("Who holds the power")
    if not a.items or not a.perceived_holder:
        return lines + _wrap("Nobody answered the questions about who has the say.")
    lines += _wrap(f"Overall, {pattern_words(a.pattern_id, a.perceived_holder, names)}.")
    for sentence in holder_sentences(a.perceived_holder, names):
        lines += _wrap(sentence, "  ", "- ")
    if a.divergence is not None:
        verdict = "you see this differently" if a.divergent else "your views are close"
        lines += _wrap(f"Your answers are {fmt1(a.divergence)} apart on average, on a scale "
                       f"from 0 (the same view) to 4 (opposite ends): {verdict}.")
    lines.append("")
    for item in a.items:
        lines += _wrap(authority_item_sentence(item.label, item.answers, names), "  ", "- ")
    return lines


ONE_ANSWERED = "Only one of you answered these questions, so there is nothing to compare here yet."


def _focus_lines(c: Comparison) -> list[str]:
    f = c.focus
    names = _names(c)
    lines = _heading("Where your attention goes")
    if f.mean is None:
        return lines + _wrap("Nobody answered the questions about the task and the relationship.")
    lines += _wrap("From −2 (all on the task) to +2 (all on your relationship).")
    lines += _wrap(focus_picture({k: v for k, v in f.positions.items() if v is not None}, names) + ".")
    if sum(v is not None for v in f.positions.values()) < 2:
        return lines + _wrap(ONE_ANSWERED)
    leaning = {"task": "leans to the task", "relationship": "leans to your relationship",
               "balanced": "is balanced"}[f.leaning or "balanced"]
    text = f"Together your attention {leaning} (average {signed(f.mean)})."
    if f.divergence is not None:
        text += (f" Your views are {fmt1(f.divergence)} apart"
                 + (": you see this differently." if f.divergent else "."))
    return lines + _wrap(text)


def _answers_line(c: Comparison, item: ItemResult) -> str:
    names = _names(c)
    return "; ".join(f"{names[pid]}: {answer_words(item.kind, item.answers.get(pid), names)}"
                     for pid in names)


def _talk_lines(c: Comparison, bank: Bank) -> list[str]:
    lines = _heading("Talk about these first")
    if not c.talk_about_first:
        return lines + _wrap(talk_first_empty(c.compared_count, len(c.partners)))
    for n, item_id in enumerate(c.talk_about_first, 1):
        item = c.item(item_id)
        if item is None:
            continue
        where = _section_title(bank, item_id)
        lines += _wrap(f"{item.text} ({where})", "   ", f"{n}. ")
        lines += _wrap(_answers_line(c, item), "   ")
    return lines


def _suggestion_lines(c: Comparison) -> list[str]:
    s = c.suggestion
    lines = _heading("What to work on next")
    lines += _wrap(f"Practice {s.number}: {s.title}")
    lines += ["", "Why:"]
    for r in reasons(c):
        lines += _wrap(r, "  ", "- ")
    if s.tips:
        lines += ["", "Tips:"]
        for t in s.tips:
            lines += _wrap(t, "  ", "- ")
    if s.prompts:
        lines += ["", "To talk through together:"]
        for t in s.prompts:
            lines += _wrap(t, "  ", "- ")
    lines += [""] + _wrap("For facilitators, every practice's priority: " + ", ".join(
        f"{r['number']}:\u00a0{fmt2(r['priority'])}" for r in s.ranking) + ".")
    if c.agreed:
        lines += [""] + _wrap(f"You agreed to work on practice {c.agreed['practice']}.")
        for action in c.agreed.get("actions", []):
            lines += _wrap(display_name(action), "  ", "- ")
    return lines


NOT_IN_BANK = "not in the questions used for this report"


def _note_question(bank: Bank, item_id: str) -> tuple[str, bool]:
    """The question a reflection answers, or its id when the bank no longer has it."""
    item = bank.items_by_id.get(item_id)
    return (item.text, True) if item is not None else (item_id, False)


def _visible_notes(c: Comparison) -> dict[str, dict[str, list[str]]]:
    """Kept reflections as clean lines, leaving out any with nothing to show."""
    out = {pid: {k: text_lines(v) for k, v in table.items()} for pid, table in c.notes.items()}
    return {pid: {k: v for k, v in table.items() if v} for pid, table in out.items()
            if any(table.values())}


def _notes_lines(c: Comparison, bank: Bank) -> list[str]:
    """Each partner's kept reflections under their question; the writer's line breaks kept."""
    notes = _visible_notes(c)
    if not notes:
        return []
    lines = _heading("What you wrote")
    lines += _wrap("The reflections each of you chose to keep with this sitting.")
    for pid, table in notes.items():
        lines += [""] + _wrap(name_of(c, pid))
        for item_id, text in table.items():
            question, known = _note_question(bank, item_id)
            lines += _wrap(display_name(question) + ("" if known else f" ({NOT_IN_BANK})"),
                           "     ", "   - ")
            for line in text:
                lines += _wrap(line.strip(), "       ") if line.strip() else [""]
    return lines


def _unknown_lines(c: Comparison) -> list[str]:
    if not c.unknown_answers and not c.mismatched_answers:
        return []
    lines = _heading("Answers not scored")
    if c.unknown_answers:
        lines += _wrap("These questions are not in the question bank used for this report "
                       "(it has changed since), so their answers are kept but not scored:")
        lines += [f"- {display_name(i, WIDTH - 2)}" for i in c.unknown_answers]
    if c.mismatched_answers:
        lines += _wrap("These answers do not fit the kind of question they now belong to, so "
                       "they are not scored:")
        lines += [f"- {display_name(i, WIDTH - 2)}" for i in c.mismatched_answers]
    return lines


def render_text(c: Comparison, bank: Bank) -> str:
    """The report for reading in a terminal: no line wider than 80 characters."""
    people = ", ".join(display_name(p.name) + (f" ({display_name(p.role)})" if p.role.strip() else "")
                       for p in c.partners)
    lines = _wrap(f"collabcheck report for {c.pair}, {_when(c)}")
    lines += _wrap(f"Partners: {people}")
    agreed = agreed_sentence(c, bank)
    if agreed:
        lines += _wrap(agreed + " Actions and reasons are at the end.")
    else:
        lines += _wrap(f"Suggested practice to work on next: {c.suggestion.number}. "
                       f"{c.suggestion.title} (reasons at the end).")
    lines += _practice_lines(c) + _authority_lines(c, bank) + _focus_lines(c)
    lines += _talk_lines(c, bank) + _notes_lines(c, bank) + _suggestion_lines(c) + _unknown_lines(c)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item: one line, special characters escaped.

    Not shortened (sentences and actions are shown whole); names are shortened by the caller."""
    return md_escape(display_name(text, max(len(text), 1)))


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


def _agreed_markdown(c: Comparison, bank: Bank) -> list[str]:
    """The plan the partners agreed, first, so a board reader never mistakes the suggestion for it."""
    sentence = agreed_sentence(c, bank)
    if sentence is None:
        return ["## What you agreed", "", "No practice was agreed at this sitting.", ""]
    out = ["## What you agreed", "", md(sentence), ""]
    actions = [a for a in c.agreed.get("actions", []) if a.strip()]
    if actions:
        out += ["**Actions**", ""] + [f"- {md(a)}" for a in actions] + [""]
    return out


BLOCK_START = re.compile(r"^(?:[-+=:]|\d+[.)])")


def md_quote(lines: list[str]) -> list[str]:
    """Free text as a blockquote that cannot break the document: every character Markdown
    could read as markup is escaped, indentation (code blocks) is dropped, a line that could
    start a list or a heading underline is escaped at its start, and line breaks are kept."""
    out = []
    for n, line in enumerate(lines):
        text = md_escape(line.strip())
        match = BLOCK_START.match(text)
        if match:
            end = match.end() - 1
            text = text[:end] + "\\" + text[end:]
        if text and n + 1 < len(lines) and lines[n + 1].strip():
            text += "\\"  # a hard line break, so the writer's line breaks survive
        out.append(f"> {text}" if text else ">")
    return out


def _notes_markdown(c: Comparison, bank: Bank) -> list[str]:
    notes = _visible_notes(c)
    if not notes:
        return []
    out = ["", "## What you wrote", "", "The reflections each of you chose to keep with this sitting."]
    for pid, table in notes.items():
        out += ["", f"### {md(name_of(c, pid))}"]
        for item_id, text in table.items():
            question, known = _note_question(bank, item_id)
            out += ["", f"**{md(question)}**" + ("" if known else f" ({NOT_IN_BANK})"), ""]
            out += md_quote(text)
    return out


def render_markdown(c: Comparison, bank: Bank) -> str:
    """The report as Markdown, fit to paste into a board paper."""
    names = {p.id: md(display_name(p.name)) for p in c.partners}
    plain = _names(c)
    out = [f"# collabcheck report: {md(c.pair)}", "",
           f"Taken {_when(c)}. Partners: "
           + ", ".join(names[p.id] + (f" ({md(display_name(p.role))})" if p.role.strip() else "")
                       for p in c.partners) + ".", ""]
    out += _agreed_markdown(c, bank)
    s = c.suggestion
    out += [f"## collabcheck's suggestion: practice {s.number}. {md(s.title)}", "",
            "This is what collabcheck suggested from your answers, before you agreed."
            if c.agreed else "This is what collabcheck suggests from your answers.", "",
            "**Why**", ""]
    out += [f"- {md(r)}" for r in reasons(c)]
    if s.tips:
        out += ["", "**Tips**", ""] + [f"- {md(t)}" for t in s.tips]
    if s.prompts:
        out += ["", "**To talk through together**", ""] + [f"- {md(t)}" for t in s.prompts]
    out += ["", "## The five practices", "",
            "Scores from 1 (low) to 5 (high); \"apart by\" is the average gap between your "
            f"answers to the same statement. {UNSURE_NOTE}", "",
            "| Practice | " + " | ".join(names.values()) + " | Combined | Apart by | Not sure | Priority |",
            "|---" * (len(names) + 5) + "|"]
    for p in c.practices:
        cells = [f"{p.number}. {md(p.title)}", *(_num(p.scores[pid]) for pid in names),
                 _num(p.combined), _num(p.divergence), str(p.unsure), fmt2(p.priority)]
        out.append("| " + " | ".join(cells) + " |")
    out += ["", seen_differently({p.number: p.divergence for p in c.practices}, len(c.partners))]
    a = c.authority
    out += ["", "## Who holds the power", ""]
    if a.perceived_holder:
        out += [f"Overall, {md(pattern_words(a.pattern_id, a.perceived_holder, plain))}."
                + (f" Answers are {fmt1(a.divergence)} apart on average (0 to 4)." if a.divergence
                   is not None else ""), ""]
        out += [f"- {md(t)}" for t in holder_sentences(a.perceived_holder, plain)] + [""]
        out += ["| Who has most say over | " + " | ".join(names.values()) + " | Apart by |",
                "|---" * (len(names) + 2) + "|"]
        for item in a.items:
            cells = [md(item.label), *(md(answer_words("authority", item.answers.get(pid), plain))
                                       for pid in names), _num(item.divergence)]
            out.append("| " + " | ".join(cells) + " |")
    else:
        out.append("Nobody answered the questions about who has the say.")
    f = c.focus
    out += ["", "## Where your attention goes", ""]
    if sum(v is not None for v in f.positions.values()) == 1:
        out.append(md(focus_picture({k: v for k, v in f.positions.items() if v is not None}, plain))
                   + ". " + ONE_ANSWERED)
    elif f.mean is not None:
        out += [md(focus_picture({k: v for k, v in f.positions.items() if v is not None}, plain))
                + f". Together: {position_words(f.mean)} ({signed(f.mean)}, from −2 task to +2 "
                "relationship)." + (f" Apart by {fmt1(f.divergence)}." if f.divergence is not None else "")]
    else:
        out.append("Nobody answered the questions about the task and the relationship.")
    out += ["", "## Talk about these first", ""]
    if c.talk_about_first:
        out += ["| Question | " + " | ".join(names.values()) + " |", "|---" * (len(names) + 1) + "|"]
        for item_id in c.talk_about_first:
            item = c.item(item_id)
            if item is not None:
                out.append("| " + " | ".join([md(item.text)] + [
                    md(answer_words(item.kind, item.answers.get(pid), plain)) for pid in names]) + " |")
    else:
        out.append(talk_first_empty(c.compared_count, len(c.partners)))
    out += _notes_markdown(c, bank)
    if c.unknown_answers or c.mismatched_answers:
        out += ["", "## Answers not scored", ""]
        out += [f"- {md(i)} (not in the questions used for this report)" for i in c.unknown_answers]
        out += [f"- {md(i)} (does not fit the kind of its question)" for i in c.mismatched_answers]
    return "\n".join(out) + "\n"
