"""The comparison of one sitting, for a report, and history's figures from it.

Every figure comes from `rule.work_out`, the rule worked once: `figures` keeps only the
numbers history and the cohort need, and `compare` puts the same numbers into the records a
report shows, adding only what no figure depends on (each question's record, the tips and
talking points, what to talk about first, the kept reflections). So a report and history
cannot disagree, and a change to the rule is made in one place. Thresholds live in
`rules.py`, and every sentence about the result in `collabcheck.render`.
"""

from __future__ import annotations

from dataclasses import asdict
from fractions import Fraction

from collabcheck.core.bank import Bank, Section
from collabcheck.core.snapshot import Snapshot
from collabcheck.scoring.priority import Parts
from collabcheck.scoring.results import (
    AuthorityResult,
    Comparison,
    Figures,
    FocusResult,
    PracticeFigures,
    PracticeResult,
)
from collabcheck.scoring.rounding import Ratio, ratio_float
from collabcheck.scoring.rule import agree_score, work_out
from collabcheck.scoring.rules import KIND_RANK, TALK_CAP, TALK_MIN
from collabcheck.scoring.suggest import suggest

__all__ = ["agree_score", "compare", "figures"]


def compare(snapshot: Snapshot, bank: Bank) -> Comparison:
    """Compare one sitting against a bank: scores, gaps, power, attention and the suggestion,
    with the record of every question a report shows."""
    worked = work_out(snapshot, bank, records=True)
    pids = worked.pids
    practices = [
        _practice_result(section, pids, figures_, parts, priority)
        for section, figures_, parts, priority in zip(
            bank.practices, worked.practices, worked.ranking.parts, worked.ranking.priorities, strict=True
        )
    ]
    return Comparison(
        pair=snapshot.pair,
        taken_at=snapshot.taken_at,
        bank=snapshot.bank,
        bank_version=snapshot.bank_version,
        compared_with={"bank": bank.id, "bank_version": bank.version},
        partners=list(snapshot.partners),
        practices=practices,
        authority=worked.authority,
        focus=worked.focus,
        suggestion=suggest(bank, worked, practices),
        talk_about_first=_talk_about_first(bank, practices, worked.authority, worked.focus),
        unknown_answers=worked.unknown_answers,
        mismatched_answers=worked.mismatched_answers,
        agreed=asdict(snapshot.agreed) if snapshot.agreed else None,
        notes=_notes(snapshot, bank),
        context={"stage": worked.stage, "route": worked.route},
        source=bank.source,
    )


def figures(snapshot: Snapshot, bank: Bank, per_partner: bool = False) -> Figures:
    """Only the figures history keeps from a sitting: the rule worked by the very lines
    `compare` uses, without the per-question records, tips and reasons a report needs. With
    `per_partner`, also each partner's own practice scores and the say and attention results
    (what the cohort and the picture need).

    A programme's first history compares thousands of sittings, so this must cost a fraction
    of a millisecond.
    """
    worked = work_out(snapshot, bank, records=False)
    return Figures(
        combined={p.number: ratio_float(p.combined) for p in worked.practices},
        divergence={p.number: ratio_float(p.divergence) for p in worked.practices},
        authority_divergence=worked.authority.divergence,
        focus_divergence=worked.focus.divergence,
        suggested=worked.ranking.best,
        unknown_answers=worked.unknown_answers,
        mismatched_answers=worked.mismatched_answers,
        cannot_see={p.number: p.cannot_see for p in worked.practices if p.cannot_see},
        scores={p.number: p.partner_scores(worked.pids) for p in worked.practices} if per_partner else None,
        authority=worked.authority if per_partner else None,
        focus=worked.focus if per_partner else None,
    )


def _float(x: Ratio) -> float:
    value = ratio_float(x)
    assert value is not None
    return value


def _practice_result(
    section: Section, pids: list[str], fig: PracticeFigures, parts: Parts, priority: Ratio
) -> PracticeResult:
    """The record of one practice a report shows, every figure as `rule.work_out` gave it."""
    return PracticeResult(
        number=fig.number,
        id=section.id,
        title=section.title,
        scores=fig.partner_scores(pids),
        answered=dict(zip(pids, fig.counts, strict=True)),
        unsure=sum(fig.unsures),
        unsure_by_partner=dict(zip(pids, fig.unsures, strict=True)),
        combined=ratio_float(fig.combined),
        divergence=ratio_float(fig.divergence),
        items=fig.items,
        cannot_see=fig.cannot_see,
        need=_float(parts.need),
        divergence_part=_float(parts.divergence_part),
        weighting=_float(parts.weighting),
        power_boost=_float(parts.power_boost),
        task_boost=_float(parts.task_boost),
        priority=_float(priority),
        exact_priority=Fraction(*priority),
    )


def _talk_about_first(
    bank: Bank, practices: list[PracticeResult], authority: AuthorityResult, focus: FocusResult
) -> list[str]:
    """Items answered furthest apart: biggest gap first, then power, attention, practices; bank order."""
    order = bank.order
    found: list[tuple[float, int, int, str]] = []
    for item in [i for p in practices for i in p.items] + focus.items:
        if item.spread is not None and item.spread >= TALK_MIN:
            found.append((-item.spread, KIND_RANK[item.kind], order.get(item.id, 0), item.id))
    for item in authority.items:
        if item.divergence is not None and item.divergence >= TALK_MIN:
            found.append((-item.divergence, KIND_RANK["authority"], order.get(item.id, 0), item.id))
    return [f[3] for f in sorted(found)[:TALK_CAP]]


def _notes(snapshot: Snapshot, bank: Bank) -> dict[str, dict[str, str]]:
    """Kept reflections per partner in sitting order, in bank order (unknown ids last, by id)."""
    order = bank.order
    out: dict[str, dict[str, str]] = {}
    for pid in snapshot.partner_ids:
        table = {k: v for k, v in snapshot.notes.get(pid, {}).items() if v.strip()}
        if table:
            out[pid] = dict(
                sorted(table.items(), key=lambda kv: (kv[0] not in order, order.get(kv[0], 0), kv[0]))
            )
    return out
