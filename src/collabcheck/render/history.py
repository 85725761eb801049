"""History as people and scripts read it: text (80 columns), Markdown and JSON (README, "Past sittings").

Trends are drawn as small character sparklines (▁ low … █ high) *and* given as numbers, so
the story does not depend on seeing the shape or on colour. The app's history screen uses
the same text, so the terminal, the Markdown and the app always tell the same story.
"""

from __future__ import annotations

import os
import textwrap

from collabcheck.history.build import (
    History,
    PairHistory,
    Trend,
    direction,
    shown_delta,
)
from collabcheck.history.read import PRACTICES
from collabcheck.render.history_apart import apart_now_note as apart_now_note  # (… as …: read from here)
from collabcheck.render.history_apart import follow_text as follow_text
from collabcheck.render.history_sides import sides_markdown, sides_text
from collabcheck.render.history_words import BARS as BARS  # (… as …: read from here by other layouts)
from collabcheck.render.history_words import GAP as GAP
from collabcheck.render.history_words import TREND_WIDTH, cut_words, join_words, signed_change
from collabcheck.render.history_words import long_date as long_date
from collabcheck.render.history_words import short_title as short_title
from collabcheck.render.history_words import sparkline as sparkline
from collabcheck.render.safe import md_escape
from collabcheck.render.words import display_name
from collabcheck.render.words import fmt1 as fmt


def convergence_summary(p: PairHistory) -> str:
    """Plain sentences: are the partners' views closer than last time, or further apart?"""
    trends, titles = p.trends, p.titles
    overall = trends["overall"]
    if len(overall.values) < 2:
        return "After your next sitting you will see whether your views are moving closer together."
    names = {"authority": "who has the say", "focus": "the balance of task and relationship"}
    names.update({k: f"practice {k} ({short_title(titles.get(int(k), ''))})" for k in PRACTICES})
    closer = [names[k] for k in names if trends[k].trend == "closer"]
    further = [names[k] for k in names if trends[k].trend == "further apart"]
    lead = {
        "closer": "Overall, your views are closer than last time.",
        "further apart": "Overall, your views are further apart than last time.",
        "about the same": "Overall, your views are about as far apart as last time.",
        None: "There is not enough to compare with last time.",
    }[overall.trend]
    parts = [lead]
    if closer:
        parts.append(f"Closer on {join_words(closer)}.")
    if further:
        parts.append(f"Further apart on {join_words(further)}.")
    first = direction(shown_delta(*reversed(overall.from_first)))
    if len(overall.values) > 2 and first not in (None, "about the same"):
        parts.append(f"Since your first sitting they have moved {first}.")
    return " ".join(parts)


SCORE_LABEL = "How you rate each practice (1 low, 5 high)"
SPREAD_LABEL = "How far apart your views are (0 means you see it the same way)"


def since_last_note(p: PairHistory) -> str:
    """Under the tables when a quick check-in is one of the two latest sittings: the change
    since last is counted on the questions asked at both, so it need not match the figures."""
    if not p.last_quick:
        return ""
    return (
        "Since last counts only the questions asked at both of your latest sittings "
        "(one was a quick check-in), so it can differ from the scores shown."
    )


def pair_title(p: PairHistory) -> str:
    names = [display_name(n) for n in p.names]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined} ({p.pair})"


def span(p: PairHistory) -> str:
    n = len(p.sittings)
    if n == 1:
        return f"1 sitting, on {long_date(p.sittings[0].taken_at)}."
    return f"{n} sittings, from {long_date(p.sittings[0].taken_at)} to {long_date(p.sittings[-1].taken_at)}."


def score_rows(p: PairHistory) -> list[tuple[str, list[float | None], str]]:
    """Per practice: label, combined score at each sitting, change since last in words."""
    rows = []
    for k in PRACTICES:
        values = [s.practices.get(k) for s in p.sittings]
        change = shown_delta(*reversed(p.since_last(k))) if len(values) > 1 else None
        rows.append(
            (
                f"{k} {short_title(p.titles.get(int(k), ''))}",
                values,
                signed_change(change, "up", "down", "same"),
            )
        )
    return rows


def spread_rows(p: PairHistory) -> list[tuple[str, Trend, str]]:
    """Per dimension: label, divergence trend, change since last in words (lower is closer)."""
    trends = p.trends
    rows = [("Who has the say", trends["authority"]), ("Task or relationship", trends["focus"])]
    rows += [(f"{k} {short_title(p.titles.get(int(k), ''))}", trends[k]) for k in PRACTICES]
    rows.append(("All taken together", trends["overall"]))
    return [
        (label, t, signed_change(shown_delta(*reversed(t.compared)), "further apart", "closer", "same"))
        for label, t in rows
    ]


def notes(p: PairHistory, history: History) -> list[str]:
    """Changes of questions between sittings, sittings from another bank, answers not scored,
    ignored keys."""
    out = []
    for _, before, after, changed in p.questions_changed:
        which = join_words([f"practice {k}" for k in changed])
        out.append(
            f"The questions for {which} changed between {long_date(before)} and "
            f"{long_date(after)} (collabcheck's questions were revised), so compare "
            f"{'its' if len(changed) == 1 else 'their'} scores across that change with care."
        )
    for s in p.sittings:
        when = long_date(s.taken_at)
        if s.bank != history.bank_id:
            out.append(
                f"{when}: made with question bank '{s.bank}', not '{history.bank_id}'; "
                "questions were matched by their id."
            )
        elif s.bank_version != history.bank_version:
            out.append(
                f"{when}: made with version {s.bank_version} of the questions "
                f"(now {history.bank_version}); practice scores still compare."
            )
        if s.unknown:
            n = len(s.unknown)
            what = f"{n} answers to questions" if n > 1 else "1 answer to a question"
            out.append(
                f"{when}: {what} no longer in the bank {'were' if n > 1 else 'was'} "
                f"noted, not scored: {', '.join(s.unknown)}."
            )
        if s.mismatched:
            out.append(
                f"{when}: answers that no longer fit their question were left out: {', '.join(s.mismatched)}."
            )
        out += [f"{when}: {w}." for w in s.warnings]
        if s.committed is False:
            out.append(f"{when}: not committed to the repository yet ({os.path.basename(s.file)}).")
    return out


def _suggested(p: PairHistory) -> str:
    last = p.sittings[-1]
    text = ""
    if last.suggested is not None:
        text = (
            f"At your latest sitting collabcheck suggested practice {last.suggested} "
            f"({short_title(p.titles.get(last.suggested, ''))})."
        )
    if last.agreed is not None:
        text += f" You agreed to work on practice {last.agreed}."
    return text.strip()


def pair_text(p: PairHistory, history: History, width: int = 80) -> str:
    """One partnership's story in plain text, no line longer than `width`."""
    label_w = max(16, width - 34 - TREND_WIDTH)
    wrap = textwrap.TextWrapper(width=width - 2, initial_indent="  ", subsequent_indent="  ")
    bullet = textwrap.TextWrapper(width=width - 2, initial_indent="  - ", subsequent_indent="    ")
    lines = [
        cut_words(pair_title(p), width),
        span(p),
        "",
        SCORE_LABEL,
        f"  {'Practice':<{label_w}} {'Trend':<{TREND_WIDTH}} {'First':>5} {'Now':>4}  Since last",
    ]
    for label, values, change in score_rows(p):
        first = fmt(values[0]) if len(values) > 1 else ""
        lines.append(
            f"  {cut_words(label, label_w):<{label_w}} {sparkline(values, 1, 5):<{TREND_WIDTH}} "
            f"{first:>5} {fmt(values[-1]):>4}  {change}"
        )
    if apart := apart_now_note(p):
        lines += textwrap.wrap(apart, width, initial_indent="  ", subsequent_indent="  ")
    lines += [
        "",
        cut_words(SPREAD_LABEL, width),
        f"  {'':<{label_w}} {'Trend':<{TREND_WIDTH}} {'First':>5} {'Now':>4}  Since last",
    ]
    for label, t, change in spread_rows(p):
        first = fmt(t.values[0]) if len(t.values) > 1 else ""
        lines.append(
            f"  {cut_words(label, label_w):<{label_w}} {sparkline(t.values, 0, 4):<{TREND_WIDTH}} "
            f"{first:>5} {fmt(t.latest):>4}  {change}"
        )
    if since_last_note(p):
        lines += ["", *textwrap.wrap(since_last_note(p), width)]
    lines += ["", *wrap.wrap(convergence_summary(p))]
    lines += sides_text(p, width, label_w)
    follow = p.follow_through
    lines += ["", "What you chose to work on"]
    if follow:
        for f in follow:
            lines += bullet.wrap(follow_text(f))
    else:
        lines += wrap.wrap(
            "No practice was agreed at these sittings. When you agree one, "
            "the next sitting shows how it went."
        )
    suggested = _suggested(p)
    if suggested:
        lines += ["", *textwrap.wrap(suggested, width)]
    extra = notes(p, history)
    if extra:
        lines += ["", "Notes"]
        for n in extra:
            lines += bullet.wrap(n)
    return "\n".join(lines)


def render_text(history: History, width: int = 80) -> str:
    """The whole folder's story; skipped files are only counted here (listed on stderr)."""
    n_pairs, n_sit = len(history.pairs), history.sitting_count
    head = (
        f"History of {n_pairs} partnership{'s' if n_pairs != 1 else ''} "
        f"({n_sit} sitting{'s' if n_sit != 1 else ''}) in:\n{history.folder}"
    )
    parts = [head]
    if not history.pairs:
        parts.append(textwrap.fill(empty_message(history), width))
    for p in history.pairs:
        parts.append("=" * min(width, 60) + "\n" + pair_text(p, history, width))
    if uncommitted_line(history):
        parts.append(textwrap.fill(uncommitted_line(history), width))
    if history.skipped:
        n = len(history.skipped)
        parts.append(
            textwrap.fill(
                f"{n} file{'s' if n > 1 else ''} could not be read and "
                f"{'were' if n > 1 else 'was'} left out (listed on stderr).",
                width,
            )
        )
    if history.source:
        parts.append(textwrap.fill(f"Source: {history.source}", width))
    return "\n\n".join(parts) + "\n"


def uncommitted_line(history: History) -> str:
    """'2 sittings are not committed yet…', or '' (all committed, or not in a repository)."""
    n = sum(s.committed is False for p in history.pairs for s in p.sittings)
    if not n:
        return ""
    return (
        f"{n} sitting{'s are' if n > 1 else ' is'} not committed to the repository yet, so "
        "your team cannot see {0}; commit from the app's Saved screen or with "
        "'collabcheck commit FILE'.".format("them" if n > 1 else "it")
    )


def empty_message(history: History) -> str:
    if history.skipped:
        return "No snapshot here could be read, so there is no history to show yet."
    return (
        "No snapshots yet. Each sitting you save in collabcheck adds one, and after two "
        "sittings you can see how things are changing."
    )


def _md_cell(text: str) -> str:
    """File text (names, ids, warnings) as literal Markdown: the one escaper, `md_escape`."""
    return md_escape(text)


def render_markdown(history: History) -> str:
    """For a shared repository or a programme report: tables, trends and the same sentences."""
    out = [
        f"# History: {_md_cell(history.folder)}",
        "",
        f"{len(history.pairs)} partnership(s), {history.sitting_count} sitting(s).",
        "",
    ]
    if not history.pairs:
        out += [empty_message(history), ""]
    for p in history.pairs:
        out += [
            f"## {_md_cell(pair_title(p))}",
            "",
            span(p),
            "",
            f"### {SCORE_LABEL}",
            "",
            "| Practice | Trend | Over time | Since last |",
            "|---|---|---|---|",
        ]
        for label, values, change in score_rows(p):
            out.append(
                f"| {_md_cell(label)} | {sparkline(values, 1, 5, len(values))} | "
                f"{' → '.join(fmt(v) for v in values)} | {change} |"
            )
        if apart := apart_now_note(p):
            out += ["", _md_cell(apart)]
        out += ["", f"### {SPREAD_LABEL}", "", "| | Trend | Over time | Since last |", "|---|---|---|---|"]
        for label, t, change in spread_rows(p):
            out.append(
                f"| {_md_cell(label)} | {sparkline(t.values, 0, 4, len(t.values))} | "
                f"{' → '.join(fmt(v) for v in t.values)} | {change} |"
            )
        if since_last_note(p):
            out += ["", since_last_note(p)]
        out += ["", convergence_summary(p), *sides_markdown(p)]
        out += ["", "### What you chose to work on", ""]
        follow = p.follow_through
        out += [f"- {_md_cell(follow_text(f))}" for f in follow] or [
            "No practice was agreed at these sittings."
        ]
        suggested = _suggested(p)
        if suggested:
            out += ["", suggested]
        extra = notes(p, history)
        if extra:
            out += ["", "### Notes", ""] + [f"- {_md_cell(n)}" for n in extra]
        out.append("")
    if uncommitted_line(history):
        out += [uncommitted_line(history), ""]
    if history.skipped:
        out += ["## Files that could not be read", ""]
        out += [
            f"- {_md_cell(s.file)}{f' (line {s.line})' if s.line else ''}: {_md_cell(s.error)}"
            for s in history.skipped
        ]
        out.append("")
    if history.source:
        out += [f"Source: {_md_cell(history.source)}", ""]
    return "\n".join(out)
