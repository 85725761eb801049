"""The rule is worked out in one place, and every view of a sitting is read from it.

A report (`compare`) and history's figures (`figures`, with `per_partner` for the cohort) are
two views of `scoring.rule.work_out`. Were a second path for any figure to creep back (a
figure worked out only when records are kept, a copy of a step for speed, a threshold read
in a second module), history would tell a partnership something its own report does not.
The properties below catch the drift on random sittings of 2–6 partners, every stage and
route and both banks; the structural tests catch a second copy before it drifts.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collabcheck.core.bank import Bank, load_bank, load_bank_for
from collabcheck.core.snapshot import Snapshot, read_snapshot
from collabcheck.scoring.compare import compare, figures
from collabcheck.scoring.results import Comparison, Figures
from collabcheck.scoring.rule import work_out
from collabcheck.scoring.suggest import by_priority
from tests.strategies import BANKS, make_snapshot, snapshots, with_context

ROOT = Path(__file__).resolve().parents[1]
SCORING = ROOT / "src" / "collabcheck" / "scoring"
STAGES = st.sampled_from([None, "starting", "under-a-year", "longer"])
ROUTES = st.sampled_from([None, "under-radar", "open", "undecided"])
BANK_IDS = [f"{b.id}-v{b.version}" for b in BANKS]


def report_figures(c: Comparison) -> Figures:
    """What a report says, cut down to the figures history and the cohort keep."""
    return Figures(
        combined={p.number: p.combined for p in c.practices},
        divergence={p.number: p.divergence for p in c.practices},
        authority_divergence=c.authority.divergence,
        focus_divergence=c.focus.divergence,
        suggested=c.suggestion.number,
        unknown_answers=c.unknown_answers,
        mismatched_answers=c.mismatched_answers,
        cannot_see={p.number: p.cannot_see for p in c.practices if p.cannot_see},
        scores={p.number: p.scores for p in c.practices},
        authority=replace(c.authority, items=[]),
        focus=replace(c.focus, items=[]),
    )


def same_figures(snapshot: Snapshot, bank: Bank) -> None:
    full = compare(snapshot, bank)
    # Every figure history and the cohort keep, the say and attention in full, is the report's.
    assert figures(snapshot, bank, per_partner=True) == report_figures(full)
    assert figures(snapshot, bank) == replace(report_figures(full), scores=None, authority=None, focus=None)
    # Keeping records changes no figure: the rule's own results are the same either way.
    lean, kept = work_out(snapshot, bank, records=False), work_out(snapshot, bank, records=True)
    assert [replace(p, items=[]) for p in kept.practices] == lean.practices
    assert kept.ranking == lean.ranking
    assert replace(kept.authority, items=[]) == lean.authority and replace(kept.focus, items=[]) == lean.focus
    # The report's priorities and ranking are the rule's, exactly.
    assert [p.exact_priority for p in full.practices] == [Fraction(*r) for r in lean.ranking.priorities]
    assert [r["number"] for r in full.suggestion.ranking] == lean.ranking.order
    assert [p.number for p in by_priority(full.practices)] == lean.ranking.order


@pytest.mark.parametrize("bank", BANKS, ids=BANK_IDS)
@given(data=st.data(), stage=STAGES, route=ROUTES)
def test_every_figure_of_a_report_is_the_rules_own(bank: Bank, data: st.DataObject, stage, route) -> None:
    same_figures(with_context(data.draw(snapshots(bank)), stage, route), bank)


@pytest.mark.parametrize("bank", BANKS, ids=BANK_IDS)
@given(data=st.data(), stage=STAGES, route=ROUTES)
def test_what_would_have_come_first_without_the_route_is_the_same_rule(
    bank: Bank, data: st.DataObject, stage, route
) -> None:
    """The practice that "would have come first" without the route is the one history
    suggests for the same answers with no route given: the same rule, not a copy of it.
    (Without the stage is not the same sitting with no stage: a partnership just starting
    still leaves its `later` statements uncounted.)"""
    snap = with_context(data.draw(snapshots(bank)), stage, route)
    no_route = figures(with_context(snap, stage, None), bank)
    assert compare(snap, bank).suggestion.without_route == no_route.suggested


def test_every_figure_matches_on_every_example() -> None:
    shipped = load_bank()
    files = sorted((ROOT / "examples").rglob("*.toml"))
    assert len(files) >= 5
    for path in files:
        snap = read_snapshot(path, shipped)
        same_figures(snap, load_bank_for(snap.bank, snap.bank_version, shipped))


@pytest.mark.parametrize("bank", BANKS, ids=BANK_IDS)
@pytest.mark.parametrize("weak", [(4, 5), (1, 4), (1, 5), (2, 3)])
def test_figures_follow_the_stage_and_route_on_near_ties(bank: Bank, weak: tuple[int, int]) -> None:
    """Two practices equally weak, power uneven: where the partnership stands (and the boosts)
    decide between them, so a view that dropped the stage, the route or a boost would pick
    differently from the report."""
    answers = {}
    for pid, holder in (("ana", "mostly:ana"), ("ben", "mostly:ana")):
        table: dict[str, object] = {}
        for section in bank.practices:
            for item in section.of_kind("agree"):
                low = section.number in weak
                table[item.id] = (5 if item.reverse else 1) if low else (1 if item.reverse else 5)
        for item in bank.items_of_kind("authority"):
            table[item.id] = holder
        for item in bank.items_of_kind("focus"):
            table[item.id] = "task"
        answers[pid] = table
    base = make_snapshot(bank, answers)
    seen = set()
    for stage in (None, "starting", "under-a-year", "longer"):
        for route in (None, "under-radar", "open", "undecided"):
            snap = with_context(base, stage, route)
            same_figures(snap, bank)
            seen.add(figures(snap, bank).suggested)
    if weak == (4, 5):
        assert seen == {4, 5}, seen  # the route decides between the two routes


# -- no second copy: structure -----------------------------------------------------------------


def _modules() -> dict[str, ast.Module]:
    return {p.name: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(SCORING.glob("*.py"))}


def _rule_numbers() -> set[str]:
    tree = ast.parse((SCORING / "rules.py").read_text(encoding="utf-8"))
    return {
        t.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for t in node.targets
        if isinstance(t, ast.Name) and t.id.isupper()
    }


def _reads_of_rules(tree: ast.Module) -> set[str]:
    """The names of rules.py a module reads: imported by name, or as attributes of the module."""
    names: set[str] = set()
    aliases: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "collabcheck.scoring.rules":
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "collabcheck.scoring":
            aliases |= {a.asname or a.name for a in node.names if a.name == "rules"}
        elif isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name == "collabcheck.scoring.rules"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and ast.unparse(node.value) in aliases:
            names.add(node.attr)
    return names


def test_each_number_of_the_rule_is_read_by_one_module_of_scoring() -> None:
    """A second copy of a step would need the numbers it applies: each is read in one place."""
    numbers = _rule_numbers()
    assert {"TOP", "FOCUS_DIVERGENT", "POWER_BOOST", "HOLDER_SHARE", "STARTING_WEIGHT"} <= numbers
    readers: dict[str, list[str]] = {}
    for name, tree in _modules().items():
        if name != "rules.py":
            for number in _reads_of_rules(tree) & numbers:
                readers.setdefault(number, []).append(name)
    twice = {number: where for number, where in readers.items() if len(where) > 1}
    assert not twice, f"read in more than one module of scoring: {twice}"
    # The sanity of the check itself: the rule's numbers are read, and found.
    assert readers["TOP"] == ["rule.py"] and readers["POWER_BOOST"] == ["priority.py"]


def _calls_by_function(tree: ast.Module) -> dict[str, set[str]]:
    """Per top-level function (or "<module>"), the plain names it calls."""
    out: dict[str, set[str]] = {}
    for node in tree.body:
        owner = node.name if isinstance(node, ast.FunctionDef | ast.ClassDef) else "<module>"
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name):
                out.setdefault(owner, set()).add(sub.func.id)
    return out


def _importers(name: str, module: str) -> list[str]:
    """Files of the package that import `name` from `module`."""
    found = []
    for path in sorted((ROOT / "src" / "collabcheck").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if name not in text:
            continue
        tree = ast.parse(text)
        if any(
            isinstance(n, ast.ImportFrom) and n.module == module and any(a.name == name for a in n.names)
            for n in ast.walk(tree)
        ):
            found.append(path.relative_to(ROOT / "src" / "collabcheck").as_posix())
    return found


def test_each_step_of_the_rule_has_one_caller() -> None:
    """The steps run in one place (`work_out`), and only the two views of compare.py read it."""
    calls = _calls_by_function(_modules()["rule.py"])
    steps = {"_answers", "_practice", "_focus", "_authority", "rank"}
    assert steps <= calls["work_out"]
    for owner, called in calls.items():
        if owner != "work_out":
            assert not called & steps, f"{owner} runs a step of the rule: {called & steps}"
    assert _importers("authority", "collabcheck.scoring.authority") == ["scoring/rule.py"]
    assert _importers("rank", "collabcheck.scoring.priority") == ["scoring/rule.py"]
    assert _importers("work_out", "collabcheck.scoring.rule") == ["scoring/compare.py"]
    views = _calls_by_function(_modules()["compare.py"])
    assert "work_out" in views["compare"] and "work_out" in views["figures"]
