"""History's words for views far apart: each partner's own figure before a combined one.

Promise 15 of the reading: for views far apart, no sentence gives an average without each
partner's figure. History's follow-through ("You chose practice 3 … It went from 2.9 to
3.2") and its table of combined scores are where a 5.0 and a 1.7 could read as one 2.9, so
both are worded here from each partner's own scores (kept in history's summaries) and the
rule's test for "far apart" (`scoring.results.far_apart`). Apart from the layouts
(render/history.py) so that file stays a layout.
"""

from __future__ import annotations

from collabcheck.history.build import FollowThrough, PairHistory
from collabcheck.history.read import PRACTICES
from collabcheck.render.history_words import join_words, long_date, short_title
from collabcheck.render.words import display_name
from collabcheck.render.words import fmt1 as fmt


def follow_text(f: FollowThrough) -> str:
    """'You chose practice 3 (Make time for learning) on 9 December 2025. It went from 2.3 to 3.1.'

    When the partners' views of the practice were far apart, each sentence with a figure
    gives each partner's own first and the combined one after it: 'Alice went from 4.0 to
    4.5 and Sam went from 1.7 to 2.0 (together, 2.9 to 3.2).' A combined figure is never
    given alone for views far apart."""
    before, after, latest = f.before, f.after, f.latest
    text = f"You chose practice {f.practice} ({short_title(f.title)}) on {long_date(f.chosen_at)}. "
    if f.next_taken_at is None:
        text += "Your next sitting will show how it went."
    elif before is None or after is None:
        text += "It has no score at one of the two sittings, so it cannot be compared yet."
    elif f.apart:
        each = _each_went(f)
        if f.common:
            text += "On the questions asked at both sittings, "
        if not each:  # (only a damaged record could leave them out: no average alone, then)
            views = "your views" if f.common else "Your views"
            text += f"{views} of it were far apart, so no one figure says how it went."
        else:
            together = (
                f"it stayed at {fmt(after)}"
                if fmt(after) == fmt(before)
                else f"{fmt(before)} to {fmt(after)}"
            )
            text += f"{each} (together, {together})."
    else:
        if f.common:
            text += "On the questions asked at both sittings, "
        if fmt(after) == fmt(before):
            text += f"{'it' if f.common else 'It'} stayed at {fmt(after)}."
        else:
            text += f"{'it' if f.common else 'It'} went from {fmt(before)} to {fmt(after)}."
    if latest is not None and after is not None and fmt(latest) != fmt(after):
        if not f.apart:
            text += f" It is {fmt(latest)} now."
        elif now := _each_now(f):
            text += f" Now {now} (together, {fmt(latest)})."
    return text


def _each_went(f: FollowThrough) -> str:
    """'Alice went from 4.0 to 4.5 and Sam stayed at 1.7': every partner with a score at
    either sitting, sorted by what is said (so the order of partners in a file never
    changes the words)."""
    parts = []
    for pid in dict.fromkeys([*f.before_each, *f.after_each]):
        name = display_name(f.names.get(pid, pid))
        then, now = f.before_each.get(pid), f.after_each.get(pid)
        if then is not None and now is not None:
            same = fmt(then) == fmt(now)
            parts.append(
                f"{name} stayed at {fmt(now)}" if same else f"{name} went from {fmt(then)} to {fmt(now)}"
            )
        elif now is not None:
            parts.append(f"{name} gave {fmt(now)} at the next sitting only")
        elif then is not None:
            parts.append(f"{name} gave {fmt(then)} at the first of the two sittings only")
    return join_words(sorted(parts)) if parts else ""


def _each_now(f: FollowThrough) -> str:
    """'Alice is at 4.6 and Sam at 2.2' for the latest sitting, sorted by name."""
    known = sorted(
        (display_name(f.names.get(pid, pid)), fmt(v)) for pid, v in f.latest_each.items() if v is not None
    )
    parts = [f"{name} {'is ' if n == 0 else ''}at {v}" for n, (name, v) in enumerate(known)]
    return join_words(parts) if parts else ""


def apart_now_note(p: PairHistory) -> str:
    """Under the scores when, at the latest sitting, the partners' views of a practice are
    far apart (the rule's test: statement by statement, or in their own scores, so close own
    scores can show): the table's combined figure is then never the only one shown. 'The
    table gives combined figures. At your latest sitting your views were far apart on
    practice 3 (Ann 5.0, Bo 1.0). The brackets give each of your own scores.'"""
    from collabcheck.scoring.results import far_apart
    from collabcheck.scoring.rules import SEEN_DIFFERENTLY

    last = p.sittings[-1]
    names = dict(zip(last.partners, last.names, strict=False))
    parts = []
    close = False  # far apart statement by statement only, their own scores close
    for k in PRACTICES:
        each = last.scores.get(k, {})
        if far_apart(last.divergence.get(k), each) and any(v is not None for v in each.values()):
            shown = sorted(
                (display_name(names.get(pid, pid)), fmt(v) if v is not None else "no score")
                for pid, v in each.items()
            )
            parts.append(f"practice {k} ({', '.join(f'{n} {v}' for n, v in shown)})")
            close = close or not far_apart(None, each)
    if not parts:
        return ""
    why = (
        " Where your own scores are close, your answers to the same statements are "
        f"{fmt(SEEN_DIFFERENTLY)} or more apart on average."
        if close
        else ""
    )
    return (
        "The table gives combined figures. At your latest sitting your views were far apart "
        f"on {join_words(parts)}. The brackets give each of your own scores.{why}"
    )
