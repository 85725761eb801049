"""The report as JSON (README, "Reading the JSON"): the comparison's numbers with the same words the text and
Markdown reports use (pattern, holder sentences, reasons), for facilitators' own scripts."""

from __future__ import annotations

from typing import Any

from collabcheck.core.snapshot import Partner
from collabcheck.render import summary
from collabcheck.render.power import imbalance_sentences, item_line, notes, pattern_sentence, view_sentences
from collabcheck.render.reasons import reasons, working
from collabcheck.render.view import attention_summary
from collabcheck.render.words import names_of
from collabcheck.scoring.results import (
    AuthorityResult,
    Comparison,
    FocusResult,
    ItemResult,
    PracticeResult,
    Suggestion,
)


def item_json(item: ItemResult) -> dict[str, Any]:
    out: dict[str, Any] = {"id": item.id, "kind": item.kind, "text": item.text, "answers": dict(item.answers)}
    if item.short:
        out["short"] = item.short
    if item.unsure:
        out["unsure"] = item.unsure
    if item.kind == "agree":
        out.update(
            reverse=item.reverse,
            scores=dict(item.scores),
            unsure=item.unsure,
            spread=item.spread,
            category=item.category,
        )
    elif item.kind == "focus":
        out.update(positions=dict(item.scores), spread=item.spread)
    else:
        out.update(divergence=item.divergence, accountability=item.accountability)
        if item.development:
            out["development"] = True
    return out


def practice_json(p: PracticeResult) -> dict[str, Any]:
    return {
        "number": p.number,
        "id": p.id,
        "title": p.title,
        "scores": dict(p.scores),
        "answered": dict(p.answered),
        "unsure": p.unsure,
        "unsure_by_partner": dict(p.unsure_by_partner),
        "cannot_see": {pid: {"not_sure": u, "rated_by_others": r} for pid, (u, r) in p.cannot_see.items()},
        "combined": p.combined,
        "divergence": p.divergence,
        "priority": {
            "need": p.need,
            "divergence_part": p.divergence_part,
            "weighting": p.weighting,
            "power_boost": p.power_boost,
            "task_boost": p.task_boost,
            "boost": p.boost,
            "total": p.priority,
        },
        "items": [item_json(i) for i in p.items],
    }


def _authority_item(item: ItemResult, names: dict[str, str]) -> dict[str, Any]:
    return {**item_json(item), "line": item_line(item, names)}


def authority_json(
    a: AuthorityResult, names: dict[str, str], partners: list[Partner] | None = None
) -> dict[str, Any]:
    return {
        "divergence": a.divergence,
        "divergent": a.divergent,
        "pattern": pattern_sentence(a, names),
        "pattern_id": a.pattern_id,
        "perceived_holder": dict(a.perceived_holder),
        "strength": dict(a.strength),
        "left_out": dict(a.left_out),
        "named": dict(a.named),
        "totals": {k: dict(v) for k, v in a.totals.items()},
        "answered": dict(a.answered),
        "unsure": dict(a.unsure),
        "hierarchy": a.hierarchy,
        "accountability_divergence": a.accountability_divergence,
        "summary": view_sentences(a, names),
        "notes": notes(a, names, partners) + imbalance_sentences(a, partners or [], names),
        "items": [_authority_item(i, names) for i in a.items],
    }


def focus_json(f: FocusResult, summary: str | None) -> dict[str, Any]:
    return {
        "positions": dict(f.positions),
        "mean": f.mean,
        "summary": summary,
        "divergence": f.divergence,
        "divergent": f.divergent,
        "leaning": f.leaning,
        "unsure": dict(f.unsure),
        "items": [item_json(i) for i in f.items],
    }


def suggestion_json(s: Suggestion, why: list[str], how: list[str]) -> dict[str, Any]:
    return {
        "number": s.number,
        "id": s.id,
        "title": s.title,
        "reasons": list(why),
        "working": list(how),
        "tips": list(s.tips),
        "prompts": list(s.prompts),
        "ranking": [dict(r) for r in s.ranking],
        "facilitator_tips": list(s.facilitator_tips),
        "divergence_weight": s.divergence_weight,
        "findings": {"hierarchy": s.hierarchy, "task_leaning": s.task_leaning, "tags": list(s.findings)},
        "without_route": s.without_route,
        "without_stage": s.without_stage,
    }


def report_json(c: Comparison) -> dict[str, Any]:
    """The report JSON the README describes, with extra keys for hand-checking."""
    names = names_of(c)
    return {
        "pair": c.pair,
        "taken_at": c.taken_at.isoformat(),
        "bank": c.bank,
        "bank_version": c.bank_version,
        "compared_with": dict(c.compared_with),
        # a side only where one was given, so a sitting without sides reads as it always did
        "partners": [
            {"id": p.id, "name": p.name, "role": p.role} | ({"side": p.side} if p.side else {})
            for p in c.partners
        ],
        "practices": [practice_json(p) for p in c.practices],
        "authority": authority_json(c.authority, names, c.partners),
        "focus": focus_json(c.focus, attention_summary(c)),
        "suggestion": suggestion_json(c.suggestion, reasons(c), working(c)),
        "summary": {
            "headline": summary.headline(c),
            "why": summary.why_text(c),
            "findings": summary.findings(c),
        },
        "talk_about_first": list(c.talk_about_first),
        "unknown_answers": list(c.unknown_answers),
        "mismatched_answers": list(c.mismatched_answers),
        "agreed": c.agreed,
        "notes": {pid: dict(table) for pid, table in c.notes.items()},
        "context": {"stage": c.context.get("stage"), "route": c.context.get("route")},
        "source": c.source,
    }
