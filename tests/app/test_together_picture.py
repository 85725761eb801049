"""The picture of where each partner stands is one key (p) below the Together summary: the
footer shows the key, the picture and its sentence fit an 80×24 screen, p again is the
summary; the details still open with the picture. The demo's picture has arrows from the
example's earlier sitting, read without writing a cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank
from collabcheck.core.examples import load_example
from collabcheck.render.picture import sentence
from collabcheck.render.words import names_of
from collabcheck.tui.demo import DemoApp
from collabcheck.tui.screens.together import TogetherScreen
from collabcheck.tui.widgets.picture import PictureView

from .conftest import SIZE, drawn
from .test_together_summary import _at


def footer_keys(screen) -> dict[str, str]:
    """The keys the footer shows, as key → description."""
    return {b.binding.key: b.binding.description for b in screen.active_bindings.values() if b.binding.show}


def whole(widget) -> str:
    """All a widget draws, padding included (`drawn` stops at the content's width)."""
    from textual.geometry import Region

    r = widget.region
    return "\n".join(
        "".join(seg.text for seg in strip) for strip in widget.render_lines(Region(0, 0, r.width, r.height))
    )


def _visible(screen, widget) -> bool:
    """Wholly on the screen, between the header and the footer."""
    r = widget.region
    return r.height > 0 and r.y >= 1 and r.bottom <= SIZE[1] - 1


@pytest.mark.parametrize("case", ["pair", "trio"])
async def test_the_picture_is_one_key_below_the_summary(case, make_app, shipped):
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await _at(case)(pilot)
        screen = app.screen
        assert isinstance(screen, TogetherScreen)
        assert footer_keys(screen).get("p") == "Picture"
        assert "p for a picture" in " ".join(drawn(screen.query_one("#next")).split())
        part, scroll = screen.query_one("#picture-part"), screen.query_one("#together")
        assert not part.display
        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()
        view = screen.query_one(PictureView)
        assert part.display and not screen.query_one("#details").display
        # the picture, its sentence and what to do next are all on the one screen
        assert _visible(screen, view) and _visible(screen, screen.query_one("#next-after-picture"))
        said = sentence(view.picture, names_of(screen.comparison))
        shown = " ".join(whole(view).split())
        assert " ".join(said.split()) in shown
        await pilot.press("p")
        await pilot.pause()
        assert not part.display and scroll.scroll_y == 0
        # the details open with the picture too, and close with it
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        assert part.display and screen.query_one("#details").display
        assert _visible(screen, screen.query_one("#picture-part .heading"))
        assert not screen.query_one("#next-after-picture").display
        await pilot.press("p")  # from the details: the picture alone
        await pilot.pause()
        assert part.display and not screen.query_one("#details").display
        assert screen.query_one("#next-after-picture").display
        await pilot.press("d", "d")
        await pilot.pause()
        assert not part.display and not screen.query_one("#details").display and scroll.scroll_y == 0


def test_the_picture_at_80x24(snap_compare, make_app, shipped):
    async def run_before(pilot) -> None:
        await _at("pair")(pilot)
        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(shipped), terminal_size=SIZE, run_before=run_before)


async def test_the_demos_picture_has_arrows_and_writes_no_cache(tmp_path: Path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(cache))
    from collabcheck.core.bank_cache import read_only

    with read_only():  # as `collabcheck demo` runs it (cli cmd_demo): no kept bank either
        await _demos_picture(DemoApp(load_example(load_bank())))
    assert not cache.exists()


async def _demos_picture(app: DemoApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.screen.query_one(PictureView)
        assert view.picture is not None and view.picture.has_before
        assert any(a.moved is not None for a in view.picture.arrows)
        await pilot.press("p")
        await pilot.pause()
        shown = " ".join(whole(view).split())
        assert "small letters: last time" in shown and "moved from seeing the say" in shown


def test_the_demos_picture_at_80x24(snap_compare, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.press("p")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(DemoApp(load_example(load_bank())), terminal_size=SIZE, run_before=run_before)


async def test_above_the_details_the_picture_takes_only_its_own_height(make_app, shipped):
    app = make_app(shipped)
    async with app.run_test(size=SIZE) as pilot:
        await _at("pair")(pilot)
        screen = app.screen
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        part, details = screen.query_one("#picture-part"), screen.query_one("#details")
        # the details follow the picture at once, with no screenful of blank lines between
        assert details.virtual_region.y - part.virtual_region.bottom <= 1
        view = screen.query_one(PictureView)
        assert part.virtual_region.height - view.virtual_region.bottom <= 1  # (view: within part)
