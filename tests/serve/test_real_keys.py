"""Real key presses in a real (headful) Chromium: what a partner's keyboard does to the page.

Headless page keys are delivered past the browser's own shortcuts, so they cannot show that
Ctrl+N opens a new window instead of reaching the app. Here the keys come from xdotool, as
from a keyboard, into Chromium on an Xvfb display started by the test; what the page sends
to the app is read off its websocket. Also: the terminal has the keys as soon as the page
opens (no click), and the page never asks the internet for anything (headless, every request
off this computer blocked and counted).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from collabcheck.tui.keys import BROWSER_KEEPS

from .named_keys import named_keys
from .running import APP, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
XVFB, XDOTOOL = shutil.which("Xvfb"), shutil.which("xdotool")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytest.importorskip("textual_serve", reason="textual-serve is not installed")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(APP is None, reason="the collabcheck console script is not installed"),
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-position=0,0",
    "--window-size=1000,760",
]
# What the page sends for each key (xterm's bytes): a key the app names reaches it.
XDOTOOL_NAME = {
    "ctrl+q": "ctrl+q",
    "ctrl+s": "ctrl+s",
    "ctrl+p": "ctrl+p",
    "ctrl+n": "ctrl+n",
    "f1": "F1",
    "f2": "F2",
    "f3": "F3",
    "f4": "F4",
    "f5": "F5",
    "f6": "F6",
    "escape": "Escape",
    "tab": "Tab",
    "shift+tab": "shift+Tab",
    "enter": "Return",
}
SENT = """(() => { window.__sent = []; const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    try { const m = JSON.parse(data); if (m[0] === "stdin") window.__sent.push(m[1]); } catch (e) {}
    return send.call(this, data); }; })();"""


def wait_until(check, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def display():
    if XVFB is None or XDOTOOL is None:
        pytest.skip("real key presses need Xvfb and xdotool (apt-get install xvfb xdotool)")
    number = next(
        n
        for n in range(140, 240)
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists()
    )
    proc = subprocess.Popen(
        [XVFB, f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), "Xvfb", 10)
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)


def first_screen_drawn(page) -> bool:
    """Whether the page's terminal has drawn; False while the page is still loading (a
    reload in progress destroys the page's script context, and asking then fails)."""
    try:
        return page.evaluate("document.body.classList.contains('-first-byte')")
    except playwright_api.Error:
        return False


def press(display: str, key: str) -> None:
    subprocess.run(
        [XDOTOOL, "key", "--clearmodifiers", key],
        env=dict(os.environ, DISPLAY=display),
        check=True,
        timeout=10,
    )


def type_text(display: str, text: str) -> None:
    subprocess.run(
        [XDOTOOL, "type", "--delay", "40", text],
        env=dict(os.environ, DISPLAY=display),
        check=True,
        timeout=10,
    )


def autosave(state: Path) -> dict:
    for f in (state / "sittings").glob("*/sitting.json"):
        try:
            return json.loads(f.read_text())
        except (OSError, ValueError):
            continue
    return {}


def test_real_keys_reach_the_app_from_the_moment_the_page_opens(tmp_path, display):
    with serving(tmp_path) as served, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=False, args=ARGS, env=dict(os.environ, DISPLAY=display)
        )
        try:
            context = browser.new_context(viewport={"width": 1000, "height": 700})
            context.add_init_script(SENT)
            page = context.new_page()
            page.goto(served.url)
            wait_until(lambda: first_screen_drawn(page), "the first screen")
            assert page.title() == "collabcheck"
            # No click: the terminal already has the keyboard.
            wait_until(
                lambda: page.evaluate(
                    "document.activeElement && document.activeElement.classList.contains("
                    "'xterm-helper-textarea')"
                ),
                "the terminal to have the keys",
                20,
            )
            time.sleep(0.5)
            title_line = page.screenshot(clip={"x": 0, "y": 0, "width": 1000, "height": 17})
            press(display, "Return")  # "Press Enter or n to start"
            wait_until(lambda: "\r" in page.evaluate("window.__sent"), "Enter to reach the app")
            wait_until(
                lambda: page.screenshot(clip={"x": 0, "y": 0, "width": 1000, "height": 17}) != title_line,
                "Who is here",
            )  # the screen's name changes
            time.sleep(1.0)  # the first name box takes the focus
            type_text(display, "Ann")
            press(display, "Tab")
            press(display, "Tab")
            type_text(display, "Bo")
            wait_until(
                lambda: autosave(tmp_path / "state").get("draft_people") == [["Ann", ""], ["Bo", ""]],
                "both names typed",
                20,
            )
            assert autosave(tmp_path / "state")["stage"] == "who"
            press(display, "F6")  # Ctrl+N's stand-in: Continue
            wait_until(
                lambda: [p["name"] for p in autosave(tmp_path / "state")["partners"]] == ["Ann", "Bo"],
                "Continue to move on from Who is here",
                20,
            )

            # Every key the app names, pressed for real: it reaches the app, or (a key the
            # browser keeps) its stand-in does; no new window or tab opens.
            keys = sorted(k for k in named_keys() | {"ctrl+p"} if k in XDOTOOL_NAME)
            assert {"ctrl+n", "ctrl+q", "ctrl+s", "f1", "f5"} <= set(keys)
            windows = len(context.pages)
            for key in keys:
                real = BROWSER_KEEPS.get(key, key)
                page.evaluate("window.__sent = []")
                press(display, XDOTOOL_NAME[real])
                wait_until(
                    lambda: page.evaluate("window.__sent.length") > 0,
                    f"{real} (for {key}) to reach the app",
                    15,
                )
                assert len(context.pages) == windows, f"{real} opened a window"
                press(display, "Escape")  # close whatever it opened (help, a question)
                time.sleep(0.3)
            assert page.evaluate("document.title") == "collabcheck"
            # Ctrl+W closes a tab before any page sees it: the page asks first (answered
            # "stay" here), so a habit from other programs does not close a sitting unasked.
            with page.expect_event("dialog", timeout=15000) as asked:
                press(display, "ctrl+w")
            assert asked.value.type == "beforeunload"
            asked.value.dismiss()
            time.sleep(0.5)
            assert page.evaluate("document.title") == "collabcheck" and len(context.pages) == 1
            # Stop for now (Ctrl+Q, y): the page says the answers are kept, and Enter opens
            # collabcheck again with the keys in the terminal at once.
            press(display, "ctrl+q")
            closed = "document.body.classList.contains('-closed')"
            for _ in range(10):  # "y" once the question is up (a loaded machine is slow)
                time.sleep(1.0)
                press(display, "y")
                if page.evaluate(closed):
                    break
            wait_until(lambda: page.evaluate(closed), "the page to say the sitting has ended", 30)
            assert "answer given so far is kept" in page.text_content(".closed-dialog")
            assert page.evaluate("document.activeElement.id") == "restart"
            press(display, "Return")
            page.wait_for_load_state()
            wait_until(lambda: first_screen_drawn(page), "collabcheck again", 30)
            wait_until(
                lambda: page.evaluate(
                    "document.activeElement && document.activeElement.classList.contains("
                    "'xterm-helper-textarea')"
                ),
                "the terminal to have the keys again",
                20,
            )
        finally:
            browser.close()


def test_the_page_needs_nothing_from_outside_this_computer(tmp_path):
    outside: list[str] = []

    def only_here(route) -> None:
        host = route.request.url.split("/")[2].rsplit(":", 1)[0] if "//" in route.request.url else ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with serving(tmp_path) as served, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[*ARGS, "--headless"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.route("**/*", only_here)
            started = time.monotonic()
            page.goto(served.url)
            wait_until(lambda: first_screen_drawn(page), "the first screen", 15)
            took = time.monotonic() - started
            assert outside == [], outside
            assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")
            assert page.evaluate(
                "[...document.fonts].some(f => f.family.includes('Roboto Mono') && f.status === 'loaded')"
            )
            assert took < 10, took
            assert page.title() == "collabcheck"
            # 400 pixels wide: a smaller font keeps enough columns for the comparison's names
            narrow = browser.new_page(viewport={"width": 400, "height": 700})
            narrow.add_init_script(
                "const W = window.WebSocket; window.WebSocket = function (u, p) {"
                " window.__url = u; return new W(u, p); };"
            )
            narrow.goto(served.url)
            wait_until(lambda: first_screen_drawn(narrow), "the first screen, narrow", 15)
            columns = int(narrow.evaluate("new URL(window.__url).searchParams.get('width')"))
            assert columns >= 55, columns
        finally:
            browser.close()
