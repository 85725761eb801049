"""Together: the comparison on screen, then the partners agree what to work on next.

The figures come from `collabcheck.scoring.compare` (and words from `collabcheck.render.words`), exactly as
the report prints them, so what partners see here is what a facilitator sees later. This
screen is only reachable once every partner has finished (spec §7).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from collabcheck.core.bank import Bank
from collabcheck.core.sitting import Sitting, questions
from collabcheck.core.snapshot import Snapshot
from collabcheck.render.reasons import reasons
from collabcheck.render.words import (
    UNSURE_NOTE,
    answer_words,
    authority_item_sentence,
    display_name,
    fmt1,
    focus_picture,
    holder_sentences,
    pattern_words,
    seen_differently,
    signed,
    talk_first_empty,
)
from collabcheck.scoring.compare import compare
from collabcheck.scoring.results import Comparison
from collabcheck.tui.screens.agree import Agreement


def escape_names(body: str) -> str:
    """Escape Rich markup in bank and partner text (a tip or a name could hold '[b]'), then
    turn our own bold marks (BOLD, UNBOLD: control characters no name can hold) into tags."""
    from rich.markup import escape

    return escape(body).replace(BOLD, "[b]").replace(UNBOLD, "[/b]")


BOLD, UNBOLD = "\x01", "\x02"


def figure(x: float | None) -> str:
    """A score or gap as the report shows it: one decimal place, '–' when there is none."""
    return "–" if x is None else fmt1(x)


def practices_table(c: Comparison, names: dict[str, str]) -> Table:
    """Practice by practice: each partner's score, the combined score and how far apart."""
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1), expand=True)
    table.add_column("Practice", overflow="ellipsis", no_wrap=True, ratio=1)
    limit = 8 if len(names) <= 3 else 5  # six partners still leave room for the practice
    for name in names.values():
        short = display_name(name, limit)
        table.add_column(Text(short), justify="right", no_wrap=True, min_width=max(4, len(short)))
    table.add_column("Combined", justify="right", no_wrap=True, min_width=8)
    table.add_column("Apart by", justify="right", no_wrap=True, min_width=8)
    for p in c.practices:
        mark = "*" if p.number == c.suggestion.number else " "
        table.add_row(Text(f"{p.number}{mark} {p.title}"),
                      *[figure(p.scores.get(pid)) for pid in names],
                      figure(p.combined), figure(p.divergence))
    return table


def comparison_text(c: Comparison, bank: Bank) -> list[tuple[str, str | Table]]:
    """The comparison as (heading, body) blocks, worded as the text report words them."""
    names = {p.id: display_name(p.name) for p in c.partners}
    blocks: list[tuple[str, str | Table]] = []
    blocks.append(("The five practices",
                   f"Scores run from 1 (low) to 5 (high). {UNSURE_NOTE} \"Apart by\" is the "
                   "average gap between your answers to the same statement (0 = the same)."))
    blocks.append(("", practices_table(c, names)))
    tail = seen_differently({p.number: p.divergence for p in c.practices}, len(c.partners))
    blocks.append(("", f"* suggested to work on next (reasons below). {tail}"))

    a = c.authority
    if not a.items or not a.perceived_holder:
        lines = ["Nobody answered the questions about who has the say."]
    else:
        lines = [f"Overall, {pattern_words(a.pattern_id, a.perceived_holder, names)}."]
        lines += [f"• {x}" for x in holder_sentences(a.perceived_holder, names)]
        if a.divergence is not None:
            verdict = "you see this differently" if a.divergent else "your views are close"
            lines.append(f"Your answers are {fmt1(a.divergence)} apart on average, on a scale from 0 "
                         f"(the same view) to 4 (opposite ends): {verdict}.")
        lines += [""] + [f"• {authority_item_sentence(i.label, i.answers, names)}" for i in a.items]
    blocks.append(("Who holds the power", "\n".join(lines)))

    f = c.focus
    if f.mean is None:
        text = "Nobody answered the questions about the task and the relationship."
    else:
        leaning = {"task": "leans to the task", "relationship": "leans to your relationship",
                   "balanced": "is balanced"}[f.leaning or "balanced"]
        text = ("From −2 (all on the task) to +2 (all on your relationship).\n"
                + focus_picture({k: v for k, v in f.positions.items() if v is not None}, names)
                + ".")
        answered = sum(v is not None for v in f.positions.values())
        if answered > 1:
            text += f"\nTogether your attention {leaning} (average {signed(f.mean)})."
        if f.divergence is not None:
            text += (f" Your views are {fmt1(f.divergence)} apart"
                     + (": you see this differently." if f.divergent else "."))
    blocks.append(("Where your attention goes", text))

    talk = []
    for n, item_id in enumerate(c.talk_about_first, 1):
        it = c.item(item_id)
        if it is None:
            continue
        answers = "; ".join(f"{names[pid]}: {answer_words(it.kind, it.answers.get(pid), names)}"
                            for pid in names)
        talk.append(f"{n}. {it.text}\n   {answers}")
    blocks.append(("Talk about these first", "\n".join(talk) if talk else
                   talk_first_empty(c.compared_count, len(c.partners))))

    s = c.suggestion
    body = f"{BOLD}Practice {s.number}: {s.title}{UNBOLD}\n\nWhy:\n" + "\n".join(f"• {r}" for r in reasons(c))
    if s.tips:
        body += "\n\nTips:\n" + "\n".join(f"• {t}" for t in s.tips)
    if s.prompts:
        body += "\n\nTo talk through together:\n" + "\n".join(f"• {t}" for t in s.prompts)
    blocks.append(("What to work on next", body))
    return blocks


def written_section(snap: Snapshot, bank: Bank) -> RenderableType:
    """Each partner's kept reflections under the question they answer.

    It reads the snapshot about to be saved, so a reflection marked private (never written
    to the file) can never appear here. Every word is plain Text: nothing typed is markup.
    """
    names = {p.id: display_name(p.name) for p in snap.partners}
    parts: list[RenderableType] = [Text("Reflections marked private are not shown.")]
    for item in questions(bank):
        if item.kind != "reflect":
            continue
        kept = [(names[pid], table[item.id]) for pid, table in snap.notes.items()
                if pid in names and item.id in table]
        if not kept:
            continue
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        for name, text in kept:
            grid.add_row("•", Text(f"{name}: {text.strip()}"))
        parts += [Text(""), Text(item.text.strip(), style="bold"), grid]
    if len(parts) == 1:
        parts.append(Text("Nobody kept a written reflection this time."))
    return Group(*parts)


BULLET = re.compile(r"^(•|\d+\.) (.*)$")


def render_body(body: str) -> RenderableType:
    """Paragraphs as text, and bullets with a hanging indent so wrapped lines line up.

    Lines starting "• " or "1. " are bullets; a line starting with three spaces continues
    the bullet above. Only our own bold marks are markup; bank and partner text is escaped.
    """
    parts: list[RenderableType] = []
    grid: Table | None = None
    rows: list[list[str]] = []

    def text(line: str) -> Text:
        return Text.from_markup(escape_names(line))

    def flush() -> None:
        nonlocal grid, rows
        if grid is not None:
            for mark, content in rows:
                grid.add_row(mark, text(content))
            parts.append(grid)
        grid, rows = None, []

    for line in body.split("\n"):
        match = BULLET.match(line)
        if match:
            if grid is None:
                grid = Table.grid(padding=(0, 1))
                grid.add_column(no_wrap=True)
                grid.add_column(ratio=1)
            rows.append([match.group(1), match.group(2)])
        elif line.startswith("   ") and rows:
            rows[-1][1] += "\n" + line.strip()
        else:
            flush()
            parts.append(text(line))
    flush()
    return Group(*parts)


class TogetherScreen(Screen[int]):
    """Dismisses with the agreed practice number once the partners have agreed and saved."""

    BINDINGS = [
        Binding("a,enter", "agree", "Agree & save"),
        Binding("pagedown,space", "page_down", "Page down", key_display="PgDn"),
        Binding("pageup", "page_up", "Page up", show=False),
    ]
    PALETTE = [("Agree what to work on and save", "Choose a practice and note actions", "agree")]

    def __init__(self, sitting: Sitting, bank: Bank, autosave: Callable[[], None]) -> None:
        super().__init__()
        self.sitting = sitting
        self.bank = bank
        self.autosave = autosave
        self.snapshot = sitting.to_snapshot(bank, sitting.started_at)
        self.comparison = compare(self.snapshot, bank)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="together"):
            yield Static("[b]How you each see your partnership[/b]\nRead this together. "
                         "Differences are not wrong answers: they are things to talk about.",
                         classes="title")
            for heading, body in comparison_text(self.comparison, self.bank):
                if heading == "What to work on next":
                    yield Static("[b]What you wrote[/b]", classes="heading", markup=True)
                    yield Static(written_section(self.snapshot, self.bank), classes="body",
                                 id="written")
                if heading:
                    yield Static(f"[b]{heading}[/b]", classes="heading", markup=True)
                if isinstance(body, Table):
                    yield Static(body, classes="table")
                else:
                    yield Static(render_body(body), classes="body")
            yield Static("[b]Next:[/b] press [b]a[/b] to agree which practice to work on "
                         "(the suggestion or another one) and save.", classes="gap")
        yield Static("Press ↑ ↓ or PgDn to read on, then a to agree what to work on and save.",
                     classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Together"
        self.query_one("#together").focus()

    def action_page_down(self) -> None:
        self.query_one("#together", VerticalScroll).scroll_page_down()

    def action_page_up(self) -> None:
        self.query_one("#together", VerticalScroll).scroll_page_up()

    def action_agree(self) -> None:
        from collabcheck.tui.screens.agree import AgreeScreen

        s = self.sitting
        start = s.agreed_practice or self.comparison.suggestion.number
        self.app.push_screen(
            AgreeScreen(self.bank, self.comparison.suggestion.number, start, s.actions,
                        on_change=self.drafted),
            self.agreed)

    def drafted(self, practice: int, actions: list[str]) -> None:
        """The agree dialog changed: keep it, so a crash loses no action typed there."""
        self.sitting.agreed_practice, self.sitting.actions = practice, actions
        self.autosave()

    def agreed(self, result: Agreement | None) -> None:
        if result is None:
            return
        self.sitting.agreed_practice, self.sitting.actions = result.practice, result.actions
        self.autosave()
        if result.save:
            self.dismiss(result.practice)
