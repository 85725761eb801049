"""The one-sitting report, as text (80 columns) and as Markdown for board papers.

Both lay out the one comparison view (`collabcheck.render.view`): the same sections and the
same sentences as the JSON reasons and the app. Text takes them in the order a conversation
would (the picture, then the suggestion); Markdown leads with what the partners agreed and
the suggestion, as a board reader wants it. Nothing depends on colour.
"""

from __future__ import annotations

from collabcheck.core.bank import Bank
from collabcheck.core.snapshot import Partner
from collabcheck.render import markdown, text
from collabcheck.render.picture import PICTURE_HEADING
from collabcheck.render.view import READING_ORDER, agreed_sentence, comparison_view
from collabcheck.render.words import display_name
from collabcheck.scoring.results import Comparison

_AFTER = READING_ORDER.index("suggestion") + 1
TEXT_ORDER = (*READING_ORDER[:_AFTER], "agreed", *READING_ORDER[_AFTER:])
MARKDOWN_ORDER = (
    "summary",
    "agreed",
    "suggestion",
    "context",
    "practices",
    "power",
    "attention",
    "talk",
    "notes",
    "unknown",
    "source",
)


DETAILS_FOLLOW = (
    "The details follow: each practice, who has the say, where your attention "
    "goes, what to talk about first, and the full reasons and tips."
)


def when(c: Comparison) -> str:
    return f"{c.taken_at:%d %B %Y at %H:%M}".lstrip("0")


def people(c: Comparison) -> str:
    """Each partner with their role and, only where one was given, their side of care."""

    def about(p: Partner) -> str:
        said = [display_name(p.role)] if p.role.strip() else []
        said += [f"{p.side} side"] if p.side in ("professional", "patient", "other") else []
        return f" ({'; '.join(said)})" if said else ""

    return ", ".join(display_name(p.name) + about(p) for p in c.partners)


def render_text(c: Comparison, bank: Bank) -> str:
    """The report for reading in a terminal: no line wider than 80 characters."""
    view = comparison_view(c, bank)
    lines = text.wrap(f"collabcheck report for {c.pair}, {when(c)}")
    for key in TEXT_ORDER:
        if key in view and (key != "agreed" or c.agreed):
            lines += text.section_lines(view[key])[key == "summary" :]  # the summary: no gap
        if key == "summary":  # the summary first: who, and what was agreed, follow it
            lines += [""] + text.wrap(DETAILS_FOLLOW)
            lines += [""] + text.wrap(f"Partners: {people(c)}")
            agreed = agreed_sentence(c, bank)
            if agreed:
                actions = bool(c.agreed and c.agreed.get("actions"))
                lines += text.wrap(agreed + (" Actions are at the end." if actions else ""))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_markdown(c: Comparison, bank: Bank, picture: str | None = None) -> str:
    """The report as Markdown, fit to paste into a board paper; `picture` (Markdown: the
    picture's SVG link and sentence, see `render.picture_files`) goes under the summary."""
    view = comparison_view(c, bank)
    out = [f"# collabcheck report: {markdown.md(c.pair)}", ""]
    for key in MARKDOWN_ORDER:
        if key in view:
            section = view[key]
            if key == "summary":
                out += markdown.section_lines(section)
                out += [
                    markdown.md(DETAILS_FOLLOW),
                    "",
                    f"Taken {when(c)}. Partners: {markdown.md(people(c))}.",
                    "",
                ]
                if picture is not None:
                    out += [f"## {PICTURE_HEADING}", "", picture.rstrip("\n"), ""]
                continue
            if key == "suggestion":
                s = c.suggestion
                out += [
                    f"## collabcheck's suggestion: practice {s.number}. {markdown.md(s.title)}",
                    "",
                    "This is what collabcheck suggested from your answers, before you agreed."
                    if c.agreed
                    else "This is what collabcheck suggests from your answers.",
                    "",
                ]
                for block in section.blocks[1:]:
                    out += markdown.block_lines(block)
                continue
            out += markdown.section_lines(section)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"
