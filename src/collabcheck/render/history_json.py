"""History as JSON, for a facilitator's own scripts: every partnership's sittings, changes,
follow-through and trends, as plain values (docs/history.md lists the keys).

The structure is made here and written by one `json.dumps` (cli/history.py). A big
programme's partnerships can be laid out while its files are still being read
(`made_early`); `render_json` uses such a layout only if it was made from the very sittings
the partnership ends with, so the output is always the one made from the whole history.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from collabcheck.history.build import History, PairHistory, Sitting, Trend
from collabcheck.history.gather import same_sittings
from collabcheck.history.read import PRACTICES
from collabcheck.render.history import convergence_summary, follow_text
from collabcheck.render.history_sides import pair_sides_json, sitting_sides_json
from collabcheck.render.history_words import short_title


def sitting_json(s: Sitting) -> dict[str, Any]:
    """The documented keys first (docs/history.md), then extras (names, divergence per
    practice, bank, unknown answers)."""
    return {
        "file": s.file,
        "taken_at": s.taken_at,
        "partners": s.partners,
        "practices": s.practices,
        "authority_divergence": s.authority_divergence,
        "focus_divergence": s.focus_divergence,
        "suggested": s.suggested,
        "agreed": s.agreed,
        "partner_names": dict(zip(s.partners, s.names, strict=False)),
        "divergence": s.divergence,
        "bank": s.bank,
        "bank_version": s.bank_version,
        "unknown_answers": s.unknown,
        "mismatched_answers": s.mismatched,
        "warnings": s.warnings,
        "committed": s.committed,
        **_sitting_extra(s),
    }


def _sitting_extra(s: Sitting) -> dict[str, Any]:
    """Sides and who could not rate a practice, only where given (render/history_sides.py)."""
    if not (s.sides or s.cannot_see):
        return {}
    return sitting_sides_json(s)


def _trend_json(t: Trend) -> dict[str, Any]:
    """One trend: every sitting's figure as it stands (`values`), and each change read on a
    common footing, as history reads every change (the statements asked at both sittings
    when one was a quick check-in): `previous` and `latest` for the change since last,
    `first` for the change since the first sitting (against the latest on the same footing)."""
    previous, latest = t.compared
    return {
        "values": t.values,
        "first": t.from_first[0],
        "previous": previous,
        "latest": latest,
        "since_previous": t.since_previous,
        "since_first": t.since_first,
        "trend": t.trend,
        **({"latest_since_first": t.from_first[1]} if t.first_last is not None else {}),
    }


def pair_json(p: PairHistory) -> dict[str, Any]:
    """One partnership in the JSON's `pairs`: its sittings, changes, follow-through and trends."""
    trends = p.trends
    return {
        "pair": p.pair,
        "sittings": [sitting_json(s) for s in p.sittings],
        "changes": p.changes,
        "follow_through": [
            {
                "practice": f.practice,
                "title": short_title(f.title),
                "chosen_at": f.chosen_at,
                "file": f.file,
                "from": f.before,
                "to": f.after,
                "next_taken_at": f.next_taken_at,
                "change": f.change,
                "latest": f.latest,
                "text": follow_text(f),
                "far_apart": f.apart,  # then each partner's own figures lead the text
                "each_from": f.before_each,
                "each_to": f.after_each,
                "each_latest": f.latest_each,
            }
            for f in p.follow_through
        ],
        "convergence": {
            "authority": _trend_json(trends["authority"]),
            "focus": _trend_json(trends["focus"]),
            "practices": {k: _trend_json(trends[k]) for k in PRACTICES},
            "overall": _trend_json(trends["overall"]),
            "summary": convergence_summary(p),
        },
        **_pair_extra(p),
    }


def _pair_extra(p: PairHistory) -> dict[str, Any]:
    """The sides' convergence and what a partner could not rate, only when there are any."""
    if not any(s.sides or s.cannot_see for s in p.sittings):
        return {}
    return pair_sides_json(p, _trend_json)


def render_json(history: History, made: Mapping[str, Made] | None = None) -> dict[str, Any]:
    """The history JSON: pairs[{pair, sittings[…], changes}], skipped[{file, error}], plus extras.

    `made` holds partnerships laid out already (while the files were being read: `made_early`);
    each is used only if it was made from exactly the sittings the partnership has now."""
    made = made or {}
    return {
        "folder": history.folder,
        "bank": {"id": history.bank_id, "version": history.bank_version},
        "source": history.source,
        "pairs": [_made_or_new(p, made.get(p.pair)) for p in history.pairs],
        "skipped": [{"file": s.file, "error": s.error, "line": s.line} for s in history.skipped],
    }


Made = tuple[list[Sitting], dict[str, Any]]  # a partnership's sittings, and its JSON made from them


def made_early(made: dict[str, Made]) -> Callable[[PairHistory], None]:
    """What a history being gathered tells of a partnership that looks complete: its JSON is
    laid out there and then, kept with the sittings it was made from (`render_json`)."""

    def keep(p: PairHistory) -> None:
        made[p.pair] = (list(p.sittings), pair_json(p))  # a copy: marking commits replaces them

    return keep


def _made_or_new(p: PairHistory, made: Made | None) -> dict[str, Any]:
    """The partnership's JSON laid out early, if made from these very sittings, else now.
    Sittings are frozen and a partnership's JSON depends only on them (with the titles and
    bank every partnership shares), so the same sittings give the same JSON."""
    if made is not None and same_sittings(made[0], p.sittings):
        return made[1]
    return pair_json(p)
