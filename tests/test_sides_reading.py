"""The guide's imbalance, named: only with sides given, and only when a patient-side partner
sees a professional-side partner holding more of the say while the professional sees it as
shared, the reading names the guide's point about power and the giving and receiving of care,
in every format. A side never changes a figure (a property over random sittings)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabcheck.core.bank import Bank
from collabcheck.core.snapshot import Snapshot
from collabcheck.render import summary
from collabcheck.render.json import report_json
from collabcheck.render.report import render_text
from collabcheck.scoring.compare import compare
from collabcheck.scoring.results import Comparison
from tests.strategies import BANKS, snapshots
from tests.test_reading_scenarios import BANK, agree_all, balanced, everywhere, nowhere, power, sitting

NAMED = "This is the imbalance the guide puts at the centre of power"
CITED = "(The King's Fund, Developing collaborative relationships, 2016)"
SHORT = "the imbalance of power in care the guide describes"


def pair(pro_say: str, pat_say: str, sides: dict[str, str | None]) -> Comparison:
    pro = {**agree_all(4), **power(pro_say), **balanced()}
    pat = {**agree_all(4), **power(pat_say), **balanced()}
    snap = sitting({"pro": pro, "pat": pat}, {"pro": "Dr Amira", "pat": "Tom"})
    snap = replace(snap, partners=[replace(p, side=sides.get(p.id)) for p in snap.partners])
    return compare(snap, BANK)


def test_with_sides_in_that_shape_the_guides_imbalance_is_named_everywhere():
    c = pair("shared", "mostly:pro", {"pro": "professional", "pat": "patient"})
    everywhere(
        c,
        "Tom, from the patient side, sees Dr Amira, from the professional side, holding most of "
        "the say; Dr Amira sees it as shared.",
    )
    everywhere(c, NAMED)
    everywhere(c, CITED)
    assert any(SHORT in f for f in summary.findings(c))
    assert report_json(c)["partners"][0]["side"] == "professional"
    assert "Partners: Dr Amira (professional side), Tom (patient side)" in render_text(c, BANK)


def test_without_sides_the_partners_line_is_as_before():
    assert "Partners: Dr Amira, Tom\n" in render_text(pair("shared", "mostly:pro", {}), BANK)


def test_more_rather_than_most_is_the_same_shape():
    c = pair("shared", "more:pro", {"pro": "professional", "pat": "patient"})
    everywhere(c, "from the professional side, holding more of the say")
    everywhere(c, NAMED)


@pytest.mark.parametrize(
    ("pro_say", "pat_say", "sides"),
    [
        # no sides: the same answers say nothing of the kind
        ("shared", "mostly:pro", {}),
        # one side only
        ("shared", "mostly:pro", {"pat": "patient"}),
        ("shared", "mostly:pro", {"pro": "professional"}),
        # the sides the other way round: the one seen holding the say is the patient partner
        ("shared", "mostly:pro", {"pro": "patient", "pat": "professional"}),
        # "other" is not the professional side
        ("shared", "mostly:pro", {"pro": "other", "pat": "patient"}),
        # the professional sees themselves holding it too: no unseen imbalance
        ("mostly:pro", "mostly:pro", {"pro": "professional", "pat": "patient"}),
        # both see it shared
        ("shared", "shared", {"pro": "professional", "pat": "patient"}),
        # the patient partner is the one seen holding it
        ("mostly:pat", "shared", {"pro": "professional", "pat": "patient"}),
    ],
)
def test_in_any_other_shape_or_without_sides_it_is_not_said(pro_say, pat_say, sides):
    c = pair(pro_say, pat_say, sides)
    for phrase in (NAMED, "from the patient side", SHORT):
        nowhere(c, phrase)


def test_without_sides_nothing_about_sides_reaches_the_json():
    c = pair("shared", "mostly:pro", {})
    assert all("side" not in p for p in report_json(c)["partners"])


SIDE = st.sampled_from([None, "professional", "patient", "other"])


def figures(c: Comparison) -> Any:
    """Every number and choice of a comparison: none of them may depend on a side."""
    return (c.practices, c.authority, c.focus, c.suggestion, c.talk_about_first)


@pytest.mark.parametrize("bank", BANKS, ids=[f"{b.id}-v{b.version}" for b in BANKS])
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_side_never_changes_a_figure(bank: Bank, data: st.DataObject) -> None:
    snap: Snapshot = data.draw(snapshots(bank))
    sided = replace(snap, partners=[replace(p, side=data.draw(SIDE)) for p in snap.partners])
    bare = replace(snap, partners=[replace(p, side=None) for p in snap.partners])
    assert figures(compare(sided, bank)) == figures(compare(bare, bank))
