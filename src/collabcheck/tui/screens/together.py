"""Together: the comparison on screen, then the partners agree what to work on next.

The figures come from `collabcheck.compare` (and words from `collabcheck.wording`), exactly as
the report prints them, so what partners see here is what a facilitator sees later. This
screen is only reachable once every partner has finished (spec §7).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from collabcheck.bank import Bank
from collabcheck.compare import Comparison, compare
from collabcheck.sitting import Sitting
from collabcheck.tui.screens.agree import Agreement
from collabcheck.wording import (
    answer_words,
    authority_item_sentence,
    display_name,
    focus_picture,
    holder_sentences,
    pattern_words,
)


def figure(x: float | None) -> str:
    """A score or gap as the report shows it: one decimal place, '–' when there is none."""
    return "–" if x is None else f"{x:.1f}"


def practices_table(c: Comparison, names: dict[str, str]) -> Table:
    """Practice by practice: each partner's score, the combined score and how far apart."""
    table = Table(box=None, pad_edge=False, show_edge=False, padding=(0, 1), expand=True)
    table.add_column("Practice", overflow="ellipsis", no_wrap=True, ratio=1)
    for name in names.values():
        short = display_name(name, 8)
        table.add_column(short, justify="right", no_wrap=True, min_width=max(4, len(short)))
    table.add_column("Together", justify="right", no_wrap=True, min_width=8)
    table.add_column("Apart", justify="right", no_wrap=True, min_width=5)
    for p in c.practices:
        mark = "*" if p.number == c.suggestion.number else " "
        table.add_row(f"{p.number}{mark} {p.title}",
                      *[figure(p.scores.get(pid)) for pid in names],
                      figure(p.combined), figure(p.divergence))
    return table


def comparison_text(c: Comparison) -> list[tuple[str, str | Table]]:
    """The comparison as (heading, body) blocks, in the order partners should read them."""
    names = {p.id: display_name(p.name) for p in c.partners}
    blocks: list[tuple[str, str | Table]] = []
    blocks.append(("Your answers side by side",
                   "Scores run from 1 (low) to 5 (high). \"Apart\" is how far apart your "
                   "answers were, on average (0 = the same)."))
    blocks.append(("", practices_table(c, names)))
    blocks.append(("", f"* suggested to work on next: practice {c.suggestion.number} (reasons below)."))
    a = c.authority
    lines = [f"Overall, {pattern_words(a.pattern_id, a.perceived_holder, names)}"
             f" (difference {figure(a.divergence)} of 4"
             f"{'; worth talking about' if a.divergent else ''})."]
    lines += holder_sentences(a.perceived_holder, names)
    lines += ["  • " + authority_item_sentence(i.label, i.answers, names) for i in a.items]
    blocks.append(("Who has the say", "\n".join(lines)))
    f = c.focus
    leaning = {"task": "towards the task", "relationship": "towards your relationship",
               "balanced": "balanced"}.get(f.leaning or "", "not enough answers to say")
    blocks.append(("Where your attention goes",
                   f"{focus_picture(f.positions, names)}.\nTogether: {leaning}; difference "
                   f"{figure(f.divergence)} of 4{' (worth talking about)' if f.divergent else ''}."))
    talk = []
    for item_id in c.talk_about_first:
        it = c.item(item_id)
        if it is None:
            continue
        answers = "; ".join(f"{names[pid]}: {answer_words(it.kind, v, names)}"
                            for pid, v in it.answers.items())
        talk.append(f"• {it.text}\n    {answers}")
    blocks.append(("Talk about these first",
                   "\n".join(talk) if talk else "You answered every question much the same way."))
    s = c.suggestion
    body = "\n".join(f"• {r}" for r in s.reasons)
    if s.tips:
        body += "\n\n[b]Tips[/b]\n" + "\n".join(f"• {t}" for t in s.tips)
    if s.prompts:
        body += "\n\n[b]To talk about together[/b]\n" + "\n".join(f"• {t}" for t in s.prompts)
    blocks.append((f"Suggested practice: {s.number}. {s.title}", body))
    return blocks


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
        self.comparison = compare(sitting.to_snapshot(bank, sitting.started_at), bank)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="together"):
            yield Static("[b]Together: how you each see your partnership[/b]\nRead this together. "
                         "Differences are not wrong answers: they are things to talk about.",
                         classes="title")
            for heading, body in comparison_text(self.comparison):
                if heading:
                    yield Static(f"[b]{heading}[/b]", classes="heading", markup=True)
                if isinstance(body, Table):
                    yield Static(body, classes="table")
                else:
                    yield Static(Text.from_markup(body) if "[b]" in body else Text(body),
                                 classes="body")
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
            AgreeScreen(self.bank, self.comparison.suggestion.number, start, s.actions),
            self.agreed)

    def agreed(self, result: Agreement | None) -> None:
        if result is None:
            return
        self.sitting.agreed_practice, self.sitting.actions = result.practice, result.actions
        self.autosave()
        if result.save:
            self.dismiss(result.practice)
