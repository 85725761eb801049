"""In a browser tab, the stand-in for each key the browser keeps (F6 for Ctrl+N) does what
that key does, and every hint names the stand-in; the terminal app still names Ctrl+N."""

from __future__ import annotations

from textual.widgets import Button, Input

from collabcheck.tui.app import create_app
from collabcheck.tui.keys import BROWSER_KEEPS
from collabcheck.tui.screens.context import ContextScreen
from collabcheck.tui.screens.help import HelpScreen
from collabcheck.tui.screens.who import WhoScreen
from collabcheck.tui.served import ServedApp

from .conftest import FROZEN, SIZE, screen_text


def footer_keys(app) -> dict[str, str]:
    """What the footer shows: each shown binding's description and the key it names."""
    out = {}
    for _node, binding, enabled, _tip in app.screen.active_bindings.values():
        if binding.show and enabled:
            out[binding.description] = app.get_key_display(binding)
    return out


async def test_f6_continues_where_ctrl_n_would_and_every_hint_names_it(tmp_path, mini):
    app = ServedApp(mini, tmp_path / "snaps", tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, WhoScreen)
        text = screen_text(app) + " ".join(str(b.label) for b in app.screen.query(Button))
        assert "Continue (F6)" in text and "F6 when everyone is in" in text
        assert "Ctrl+N" not in text
        assert footer_keys(app)["Continue"] == "F6"
        app.screen.query_one("#name-1", Input).value = "Ann"
        app.screen.query_one("#name-2", Input).value = "Bo"
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, ContextScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert "F6 next question" in " ".join(shown.split()) and "Ctrl+N" not in shown
    app.release()


async def test_the_terminal_app_still_names_ctrl_n(tmp_path, mini):
    app = create_app(mini, tmp_path / "snaps", state_dir=tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app) + " ".join(str(b.label) for b in app.screen.query(Button))
        assert "Continue (Ctrl+N)" in text and "F6" not in text
        assert footer_keys(app)["Continue"] == "^n"


def test_every_kept_key_has_a_stand_in_the_app_does_not_use_otherwise():
    from tests.serve.named_keys import named_keys

    used = named_keys()
    for kept, alt in BROWSER_KEEPS.items():
        assert kept in used and alt not in used, (kept, alt)
