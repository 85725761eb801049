"""History's words for who is speaking: the two sides of care, and what a partner could not rate.

Shown only when there is something to show (partners gave their sides; a partner could not
rate at least half of a practice's statements at some sitting), so every other history reads
exactly as it did. The figures are `collabcheck.history.sides`; the tables have the same
shape as history's other tables (render/history.py), numbers beside each sparkline.
"""

from __future__ import annotations

import textwrap
from typing import Any

from collabcheck.history.build import PairHistory, Sitting, Trend, shown_delta
from collabcheck.history.sides import PATIENT, PRACTICES, PROFESSIONAL, side_gap
from collabcheck.history.sides_over_time import CannotSee, cannot_see_tracks, side_names, side_trends
from collabcheck.render.history_words import (
    TREND_WIDTH,
    cut_words,
    join_words,
    long_date,
    short_title,
    signed_change,
    sparkline,
)
from collabcheck.render.safe import md_escape
from collabcheck.render.words import display_name
from collabcheck.render.words import fmt1 as fmt

SIDES_LABEL = "Patient side and professional side: how far apart (0 means the same view)"
CANNOT_SEE_LABEL = "What a partner could not rate"


def side_rows(p: PairHistory) -> list[tuple[str, Trend, str]]:
    """Per row (the say, then each practice): label, the sides' gap over time, change since last."""
    trends = side_trends(p)
    if not trends:
        return []
    rows = [("Who has the say", trends["authority"])]
    rows += [(f"{k} {short_title(p.titles.get(int(k), ''))}", trends[k]) for k in PRACTICES]
    return [
        (label, t, signed_change(shown_delta(*reversed(t.compared)), "further apart", "closer", "same"))
        for label, t in rows
    ]


def _side_words(names: list[str], side: str) -> str:
    shown = [display_name(n) for n in names]
    who = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    return f"the {side} side ({who})" if shown else f"the {side} side"


def sides_summary(p: PairHistory) -> str:
    """Plain sentences: are the patient side and the professional side closer than last time?"""
    trends = side_trends(p)
    names = side_names(p)
    both = f"{_side_words(names[PATIENT], PATIENT)} and {_side_words(names[PROFESSIONAL], PROFESSIONAL)}"
    both = both[0].upper() + both[1:]
    if sum(1 for s in p.sittings if s.side_scores) < 2:
        return f"After your next sitting you will see whether {both[0].lower() + both[1:]} are moving closer."
    words = {"authority": "who has the say"}
    words.update({k: f"practice {k}" for k in PRACTICES})
    closer = [w for k, w in words.items() if trends[k].trend == "closer"]
    further = [w for k, w in words.items() if trends[k].trend == "further apart"]
    if not closer and not further:
        if all(t.trend is None for t in trends.values()):
            return f"{both} did not both give views to compare at your last two sittings."
        return f"{both} are about as far apart as last time."
    parts = []
    if len(closer) == len(words):
        parts.append("closer than last time on who has the say and on every practice")
    elif closer:
        parts.append(f"closer than last time on {join_words(closer)}")
    if further:
        parts.append(f"further apart on {join_words(further)}")
    return f"{both} are {' and '.join(parts)}."


def _counts(counts: list[int] | None) -> str:
    return "under half" if counts is None else f"{counts[0]} of {counts[1]}"


VERDICT = {
    "fewer": "Fewer than last time, so this is shrinking.",
    "gone": "At the latest sitting it was under half, so this has shrunk.",
    "same": "The same share as last time: share what each of you knows about it.",
    "more": "More than last time: share what each of you knows about it.",
    "new": "New since last time: share what each of you knows about it.",
    None: "Your next sitting will show whether this shrinks.",
}


def cannot_see_text(t: CannotSee) -> str:
    """'Sam, practice 5 (Embed…): not sure on 4 of 6 (15 September 2026) → under half (…) of
    the statements others rated. At the latest sitting it was under half, so this has shrunk.'"""
    over_time = " → ".join(f"{_counts(c)} ({long_date(when)})" for when, c in t.counts)
    return (
        f"{display_name(t.name)}, practice {t.practice} ({short_title(t.title)}): not sure on "
        f"{over_time} of the statements others rated. {VERDICT[t.since_previous]}"
    )


def cannot_see_of(p: PairHistory) -> list[CannotSee]:
    """Every partner and practice with the finding at some sitting (none for most pairs)."""
    return cannot_see_tracks(p) if any(s.cannot_see for s in p.sittings) else []


def pair_sides_json(p: PairHistory, trend_json: Any) -> dict[str, Any]:
    """The extra keys of one partnership in history's JSON: the sides' convergence and what a
    partner could not rate, only when there are any. `trend_json` lays out one trend."""
    out: dict[str, Any] = {}
    trends = side_trends(p)
    if trends:
        out["side_convergence"] = {
            "authority": trend_json(trends["authority"]),
            "practices": {k: trend_json(trends[k]) for k in PRACTICES},
            "summary": sides_summary(p),
        }
    tracks = cannot_see_of(p)
    if tracks:
        out["cannot_see"] = [cannot_see_json(t, cannot_see_text(t)) for t in tracks]
    return out


def cannot_see_json(t: CannotSee, text: str) -> dict[str, Any]:
    return {
        "partner": t.partner,
        "practice": t.practice,
        "sittings": [
            {
                "taken_at": when,
                "not_sure": c[0] if c else None,
                "rated_by_others": c[1] if c else None,
            }
            for when, c in t.counts
        ],
        "since_previous": t.since_previous,
        "text": text,
    }


def sitting_sides_json(s: Sitting) -> dict[str, Any]:
    """The extra keys of one sitting in history's JSON: only those with something in them."""
    out: dict[str, Any] = {}
    if s.sides:
        out["sides"] = s.sides
    if s.side_scores:
        views = {side: s.side_scores.get(side, {}) for side in (PATIENT, PROFESSIONAL)}
        out["side_views"] = {
            **views,
            "gaps": {k: side_gap({side: v.get(k) for side, v in views.items()}) for k in PRACTICES},
            "say_gap": s.say_gap,
        }
    if s.cannot_see:
        out["cannot_see"] = {
            k: {pid: {"not_sure": c[0], "rated_by_others": c[1]} for pid, c in by.items()}
            for k, by in s.cannot_see.items()
        }
    return out


def sides_text(p: PairHistory, width: int, label_w: int) -> list[str]:
    """The sides' table and sentence, and what a partner could not rate: only when there is
    something to show (render/history_sides.py), so other histories read as before."""
    if not any(s.side_scores or s.cannot_see for s in p.sittings):
        return []

    wrap = textwrap.TextWrapper(width=width - 2, initial_indent="  ", subsequent_indent="  ")
    bullet = textwrap.TextWrapper(width=width - 2, initial_indent="  - ", subsequent_indent="    ")
    lines: list[str] = []
    rows = side_rows(p)
    if rows:
        lines += [
            "",
            cut_words(SIDES_LABEL, width),
            f"  {'':<{label_w}} {'Trend':<{TREND_WIDTH}} {'First':>5} {'Now':>4}  Since last",
        ]
        for label, t, change in rows:
            first = fmt(t.values[0]) if len(t.values) > 1 else ""
            lines.append(
                f"  {cut_words(label, label_w):<{label_w}} {sparkline(t.values, 0, 4):<{TREND_WIDTH}} "
                f"{first:>5} {fmt(t.latest):>4}  {change}"
            )
        lines += ["", *wrap.wrap(sides_summary(p))]
    tracks = cannot_see_of(p)
    if tracks:
        lines += ["", CANNOT_SEE_LABEL]
        for track in tracks:
            lines += bullet.wrap(cannot_see_text(track))
    return lines


def sides_markdown(p: PairHistory) -> list[str]:
    """The sides' table and sentence, and what a partner could not rate, when there are any."""
    if not any(s.side_scores or s.cannot_see for s in p.sittings):
        return []

    out: list[str] = []
    rows = side_rows(p)
    if rows:
        out += ["", f"### {SIDES_LABEL}", "", "| | Trend | Over time | Since last |", "|---|---|---|---|"]
        for label, t, change in rows:
            out.append(
                f"| {md_escape(label)} | {sparkline(t.values, 0, 4, len(t.values))} | "
                f"{' → '.join(fmt(v) for v in t.values)} | {change} |"
            )
        out += ["", md_escape(sides_summary(p))]
    tracks = cannot_see_of(p)
    if tracks:
        out += ["", f"### {CANNOT_SEE_LABEL}", ""]
        out += [f"- {md_escape(cannot_see_text(t))}" for t in tracks]
    return out
