"""Comparing a quick check-in with another sitting on the questions asked in both.

A quick sitting asks two statements a practice; a full one five or more. Comparing their
practice scores as they stand would read a movement from statements one of them never
asked. So whenever a quick sitting is one of the two compared, a practice's score at each is
worked out again over the statements asked in both (matched by item id), by the README's
rule: each partner's average over those they scored, then the average over partners.

The per-statement answers are not kept in history's cached summaries (a programme's history
reads thousands of files, and most never meet a quick sitting); the two files are read again
here, only for a partnership that has a quick sitting. Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from collabcheck.core.bank import Bank, load_bank_for

Scores = dict[str, dict[str, int]]  # item id → partner id → score (after turning round)


def statement_scores(path: str, bank: Bank) -> Scores | None:
    """Every partner's score on each statement of the sitting in `path`, read with the
    questions its partners saw; None when the file cannot be read now."""
    from collabcheck.core.errors import CollabcheckError
    from collabcheck.core.snapshot import read_snapshot

    try:
        snap = read_snapshot(path, bank)
    except (CollabcheckError, OSError, ValueError, RecursionError):
        return None
    return scores_of(snap.answers, load_bank_for(snap.bank, snap.bank_version, bank))


def scores_of(answers: dict[str, dict[str, int | str]], bank: Bank) -> Scores:
    """Scores 1–5 per statement and partner; "not sure" and skipped answers have none."""
    out: Scores = {}
    for item in bank.items_of_kind("agree"):
        for pid, table in answers.items():
            value = table.get(item.id)
            if type(value) is int and 1 <= value <= 5:
                out.setdefault(item.id, {})[pid] = 6 - value if item.reverse else value
    return out


def partner_means_on(scores: Scores, statements: Iterable[str]) -> dict[str, Fraction]:
    """Each partner's own score over `statements` only: the mean of those they scored (a
    partner who scored none of them is left out)."""
    per_partner: dict[str, list[int]] = {}
    for item_id in sorted(set(statements)):
        for pid, score in scores.get(item_id, {}).items():
            per_partner.setdefault(pid, []).append(score)
    return {pid: Fraction(sum(v), len(v)) for pid, v in per_partner.items()}


def combined_on(scores: Scores, statements: Iterable[str]) -> float | None:
    """The combined score over `statements` only: each partner's average over those they
    scored, then the average over the partners who scored any (None when nobody did)."""
    means = list(partner_means_on(scores, statements).values())
    if not means:
        return None
    return float(sum(means, Fraction(0)) / len(means))


def divergence_on(scores: Scores, statements: Iterable[str]) -> float | None:
    """How far apart the partners are over `statements` only, as the comparison counts it:
    the mean, over statements at least two partners scored, of highest minus lowest."""
    spreads = [
        max(by.values()) - min(by.values())
        for item_id in sorted(set(statements))
        if len(by := scores.get(item_id, {})) >= 2
    ]
    return float(Fraction(sum(spreads), len(spreads))) if spreads else None
