"""The picture: each partner's place is the report's figures, the sentence says
what the arrows show, the SVG is XML with no text beyond the sentence's facts, and the
Textual widget draws the same places."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabcheck.core.bank import load_bank, load_bank_for
from collabcheck.core.snapshot import read_snapshot
from collabcheck.history.cohort_read import previous_places
from collabcheck.history.picture import Place, picture, places
from collabcheck.render.json import report_json
from collabcheck.render.picture import (
    ACROSS,
    BANDS,
    UP,
    fit_names,
    key_lines,
    letters,
    moves,
    sentence,
    svg,
    to_xy,
)
from collabcheck.render.words import names_of
from collabcheck.scoring.compare import compare

from .conftest import ROOT
from .strategies import BANKS, snapshots

EXAMPLES = ROOT / "examples"
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(cache))
    return cache


def expected_say(report: dict[str, Any], pid: str) -> float | None:
    """The across figure worked out from the report JSON alone: the say this partner gives
    themselves minus the most they give any other partner, per say question placed inside."""
    a = report["authority"]
    say_items = [i for i in a["items"] if not i["accountability"] and not i.get("development")]
    outside = sum(1 for i in say_items if i["answers"].get(pid) == "outside")
    placed = a["answered"].get(pid, 0) - outside
    if placed <= 0 or pid not in a["totals"]:
        return None
    totals = a["totals"][pid]
    return (totals.get(pid, 0) - max((v for k, v in totals.items() if k != pid), default=0)) / placed


@settings(deadline=None)
@given(data=st.data())
def test_places_are_the_reports_figures(data: st.DataObject):
    bank = data.draw(st.sampled_from(BANKS))
    c = compare(data.draw(snapshots(bank)), bank)
    report = report_json(c)
    for pid, place in places(c).items():
        assert place.attention == report["focus"]["positions"][pid]
        assert (
            place.say == pytest.approx(expected_say(report, pid))
            if place.say is not None
            else expected_say(report, pid) is None
        )
        assert place.holder == report["authority"]["perceived_holder"].get(pid)
        if place.say is not None:
            assert -2 <= place.say <= 2


def shifted(before: dict[str, Place], pids: list[str]) -> dict[str, Place]:
    """Another sitting's places given to these partners, by position (holders renamed too)."""
    old = list(before)
    rename = dict(zip(old, pids, strict=False))
    return {
        rename[p]: replace(pl, pid=rename[p], holder=rename.get(pl.holder, pl.holder) if pl.holder else None)
        for p, pl in before.items()
        if p in rename
    }


ORDER = {"task": -1, "balanced": 0, "relationship": 1}


def check_words(move: Any, names: dict[str, str]) -> None:
    """The words of one partner's move state the direction of their arrow, and nothing else."""
    text = move.text
    if move.across is None:
        assert "moved" not in text
        return
    if move.across == 0:
        assert "still sees" in text or "did not answer" in text
        assert "moved from seeing" not in text and "moved towards" not in text
    elif "moved from seeing" not in text:
        assert ("towards having more of it themselves" in text) is (move.across > 0)
    m = re.search(
        r"attention moved from (the task|a balance|the relationship) to "
        r"(the task|a balance|the relationship)",
        text,
    )
    nouns = {v[1]: k for k, v in BANDS.items()}
    if move.up == 0:
        assert "attention is still" in text and not m
    elif m:
        assert (ORDER[nouns[m.group(2)]] - ORDER[nouns[m.group(1)]]) * move.up > 0
    else:
        assert f"a little nearer the {'relationship' if move.up > 0 else 'task'}" in text


@settings(deadline=None)
@given(data=st.data())
def test_the_sentence_says_what_the_arrows_show(data: st.DataObject):
    bank = data.draw(st.sampled_from(BANKS))
    now = compare(data.draw(snapshots(bank)), bank)
    earlier = compare(data.draw(snapshots(bank)), bank)
    pids = [p.id for p in now.partners]
    pic = picture(now, shifted(places(earlier), pids))
    names = fit_names(names_of(now))
    said = sentence(pic, names)
    for arrow, move in zip(pic.arrows, moves(pic, names), strict=True):
        assert move.pid == arrow.pid
        if arrow.steps is None:
            assert move.across is None and move.up is None
        else:
            assert (move.across, move.up) == arrow.steps
            # the arrow drawn points the same way: right is more say, up is the relationship
            dx, dy = arrow.moved  # type: ignore[misc]
            assert move.across == 0 or (dx > 0) is (move.across > 0)
            assert move.up == 0 or (dy > 0) is (move.up > 0)
        check_words(move, names)
        assert move.text in said
    for p in pic.outside:
        assert f"on {p.outside} of {p.outside + p.placed} question" in said


@settings(deadline=None, max_examples=40)
@given(data=st.data())
def test_svg_is_xml_with_no_text_beyond_the_sentence(data: st.DataObject):
    bank = data.draw(st.sampled_from(BANKS))
    now = compare(data.draw(snapshots(bank)), bank)
    earlier = compare(data.draw(snapshots(bank)), bank)
    pic = picture(now, shifted(places(earlier), [p.id for p in now.partners]))
    names = names_of(now)
    said = sentence(pic, names)
    root = ET.fromstring(svg(pic, names))
    assert root.tag == SVG_NS + "svg"
    assert root.find(SVG_NS + "title").text == said == root.find(SVG_NS + "desc").text
    mark = letters(names)
    allowed = {*ACROSS, *UP, "Outside", *mark.values(), *key_lines(names)}
    allowed |= {f"{mark[p.pid]} {p.outside} of {p.outside + p.placed}" for p in pic.outside}
    texts = [t for t in root.iter(SVG_NS + "text")]
    assert {t.text for t in texts} <= allowed
    # every partner on the plane is drawn at their place
    for a in pic.arrows:
        if a.now.on_plane:
            x, y = to_xy(a.now.say, a.now.attention)  # type: ignore[arg-type]
            assert any(
                t.text == mark[a.pid]
                and float(t.get("x")) == pytest.approx(x, abs=0.06)
                and float(t.get("y")) == pytest.approx(y + 4, abs=0.06)
                for t in texts
            )


def example(name: str) -> tuple[Any, dict[str, Place]]:
    bank = load_bank()
    path = next(EXAMPLES.rglob(name))
    s = read_snapshot(path, bank, [])
    c = compare(s, load_bank_for(s.bank, s.bank_version, bank))
    return c, previous_places(EXAMPLES, bank, s.pair, s.taken_at.timestamp())


def test_examples_arrows_come_from_the_previous_sitting():
    c, before = example("2026-10-21T1300-jo-priya-and-ken.toml")
    earlier, _ = example("2026-05-06T0930-jo-priya-and-ken.toml")
    assert before == places(earlier)
    said = sentence(picture(c, before), names_of(c))
    assert "Priya Shah moved from seeing the say with Ken Morris to seeing it as shared" in said
    assert "On who has the say you are now 1.8 steps apart" in said
    first, none = example("2025-12-09T1400-amira-and-tom.toml")
    assert none == {}
    assert "There is no earlier sitting to draw arrows from." in sentence(
        picture(first, none), names_of(first)
    )


def test_the_say_outside_is_shown_apart():
    bank = BANKS[0]
    from .strategies import make_snapshot

    say = [i.id for i in bank.items_of_kind("authority") if not i.accountability and not i.development]
    snap = make_snapshot(
        bank, {"ann": {say[0]: "outside", say[1]: "shared"}, "bo": {i: "shared" for i in say}}
    )
    c = compare(snap, bank)
    pic = picture(c)
    assert [p.pid for p in pic.outside] == ["ann"]
    said = sentence(pic, names_of(c))
    assert f"Ann put the say outside the partnership on 1 of {len(say)} questions" in said
    assert f"A 1 of {len(say)}" in svg(pic, names_of(c)) and "Outside" in svg(pic, names_of(c))


def test_letters_are_initials_unless_two_share_one():
    assert letters({"a": "Amira", "t": "Tom"}) == {"a": "A", "t": "T"}
    assert letters({"a": "Amira", "b": "Ann", "t": "Tom"}) == {"a": "A", "b": "B", "t": "C"}


# -- the widget -----------------------------------------------------------------------------


@settings(deadline=None, max_examples=30)
@given(data=st.data())
def test_widget_draws_each_partner_at_their_place(data: st.DataObject):
    from collabcheck.tui.widgets.picture import cell, grid

    bank = data.draw(st.sampled_from(BANKS))
    now = compare(data.draw(snapshots(bank)), bank)
    pic = picture(now)
    names = names_of(now)
    rows = grid(pic, names)
    mark = letters(names)
    cells: dict[tuple[int, int], list[str]] = {}
    for a in pic.arrows:
        if a.now.on_plane:
            cells.setdefault(cell(a.now.say, a.now.attention), []).append(mark[a.pid])  # type: ignore[arg-type]
    for (c, r), marks in cells.items():
        assert rows[r][c][0] in marks and "bold" in rows[r][c][1]


def test_widget_fits_at_80x24(snap_compare):
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    from collabcheck.tui.widgets.picture import PictureView

    c, before = example("2026-10-21T1300-jo-priya-and-ken.toml")

    class Demo(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Summary beside the picture", id="summary")
            yield PictureView(picture(c, before), names_of(c))
            yield Footer()

    assert snap_compare(Demo(), terminal_size=(80, 24))


def test_markdown_shows_the_svg_then_the_sentence():
    from collabcheck.render.picture import markdown

    c, before = example("2026-10-21T1300-jo-priya-and-ken.toml")
    pic = picture(c, before)
    md = markdown(pic, names_of(c), "sitting.svg")
    image, _, paragraph = md.partition("\n\n")
    assert image.startswith("![") and image.endswith("](sitting.svg)")
    assert paragraph.strip() == sentence(pic, names_of(c))


async def test_widget_adds_the_arrows_once_the_previous_sitting_is_read():
    from textual.app import App, ComposeResult

    from collabcheck.tui.widgets.picture import PictureView

    c, _ = example("2026-10-21T1300-jo-priya-and-ken.toml")

    class Demo(App[None]):
        def compose(self) -> ComposeResult:
            yield PictureView(id="pic")

        def on_mount(self) -> None:
            self.query_one(PictureView).show_sitting(c, EXAMPLES, load_bank())

    app = Demo()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(PictureView)
        assert view.picture is not None and view.picture.has_before
        assert "Priya Shah moved from seeing the say with Ken Morris" in str(view.render())
