"""`collabcheck serve` in a real browser: Debian's chromium, driven by playwright, headless.

The server runs as a user would start it (the console script, a free loopback port). The
terminal in the page is drawn on a canvas, so the test knows where the sitting is by reading
the tab's autosave on disk (written after every answer), and by screenshots: the comparison
is saved as a PNG under the test's tmp folder. Two tabs at once keep two autosaves apart, and
a tab closed part-way leaves its sitting for a new tab to carry on with the code it showed.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from collabcheck.core.bank import load_bank, questions
from collabcheck.core.snapshot import read_snapshot

from ..conftest import MINI_BANK

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
APP = shutil.which("collabcheck") or shutil.which("collabcheck", path=str(Path(sys.executable).parent))
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install '.[test]')"
)
pytest.importorskip("textual_serve", reason="textual-serve is not installed (pip install .)")
pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="chromium is not installed and could not be (apt-get install chromium; .ci/run installs it)",
    ),
    pytest.mark.skipif(APP is None, reason="the collabcheck console script is not installed"),
]
BANK = load_bank(MINI_BANK)
ITEMS = questions(BANK)
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.03)
    raise AssertionError(f"timed out waiting for {what}")


def autosaves(state: Path) -> dict[Path, dict]:
    out = {}
    for f in (state / "sittings").glob("*/sitting.json"):
        try:
            out[f.parent] = json.loads(f.read_text())
        except (OSError, ValueError):
            continue
    return out


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = dict(os.environ, COLLABCHECK_STATE_DIR=str(tmp_path / "state"))
    proc = subprocess.Popen(
        [APP, "serve", "--port", str(port), "--questions", str(MINI_BANK), "--dir", str(tmp_path / "snaps")],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    line = proc.stdout.readline()
    assert f"http://127.0.0.1:{port}" in line, line
    yield f"http://127.0.0.1:{port}/", tmp_path
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


class Tab:
    def __init__(self, context, url: str) -> None:
        self.page = context.new_page()
        self.page.goto(url, wait_until="domcontentloaded")
        # polled from here: the page's Content-Security-Policy forbids playwright's eval
        wait_until(
            lambda: self.page.evaluate("document.body.classList.contains('-first-byte')"),
            "the first screen",
            15,
        )
        self.page.focus("textarea.xterm-helper-textarea")  # where a click would put the keys
        time.sleep(0.5)

    def keys(self, *keys: str, pause: float = 0.08) -> None:
        self.page.bring_to_front()
        for key in keys:
            self.page.keyboard.press(key)
            time.sleep(pause)

    def header(self) -> bytes:
        """The top line (the app's title and the screen's name), as pixels."""
        return self.page.screenshot(clip={"x": 0, "y": 0, "width": 1000, "height": 17})

    def next_screen(self, *keys: str, what: str, settle: float = 0.3) -> None:
        """Press keys and wait until the next screen shows (its name in the top line changes):
        keys typed before a screen is there would go to the one before it. `settle` gives the
        new screen time to put the focus where the next keys must go."""
        before = self.header()
        self.keys(*keys)
        wait_until(lambda: self.header() != before, what)
        time.sleep(settle)

    def type(self, text: str) -> None:
        self.page.bring_to_front()
        self.page.keyboard.type(text, delay=20)
        time.sleep(0.1)


def start(tab: Tab, names: tuple[str, str]) -> None:
    tab.next_screen("n", what="Who is here", settle=1.0)  # the name box takes the focus
    tab.type(names[0])
    tab.keys("Enter", "Enter")
    tab.type(names[1])
    tab.next_screen("Enter", "Enter", "Enter", what="where the partnership stands")
    tab.next_screen("2", "Enter", what="the hand-over")  # under a year; route left


def sitting_of(state: Path, name: str) -> tuple[Path, dict]:
    return wait_until(
        lambda: next(((f, s) for f, s in autosaves(state).items() if s["partners"][0]["name"] == name), None),
        f"{name}'s autosave",
    )


def test_two_tabs_two_sittings_and_a_whole_sitting_in_the_browser(server):
    url, tmp = server
    state = tmp / "state"
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp / "chromium-profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 1000, "height": 760},
        )
        try:
            one, two = Tab(context, url), Tab(context, url)
            start(one, ("Ann", "Bo"))
            folder_one, _ = sitting_of(state, "Ann")
            start(two, ("Cy", "Di"))
            folder_two, _ = sitting_of(state, "Cy")
            assert folder_one != folder_two  # each tab its own autosave
            one.next_screen("Enter", what="Ann's questions")  # past the hand-over
            one.keys("4", "2")
            two.next_screen("Enter", what="Cy's questions")
            two.keys("1")
            wait_until(lambda: autosaves(state)[folder_one].get("current_item") == 2, "Ann's answers")
            wait_until(lambda: autosaves(state)[folder_two].get("current_item") == 1, "Cy's answer")
            saved = autosaves(state)
            assert saved[folder_one]["answers"]["ann"] == {ITEMS[0].id: 4, ITEMS[1].id: 2}
            assert saved[folder_two]["answers"]["cy"] == {ITEMS[0].id: 1}

            # Close Ann's tab part-way: a new tab lists it (not Cy's, which is in use) and carries on.
            one.page.close()
            wait_until(lambda: not (folder_one / "lock").exists() or _free(folder_one), "the lock to go")
            # A new tab lists no one's sitting: Ann and Bo type the code their tab showed.
            from collabcheck.tui.tab_code import code_for, state_key

            three = Tab(context, url)
            three.page.screenshot(path=str(tmp / "unfinished.png"))
            three.type(code_for(state_key(state), folder_one))
            three.next_screen("Enter", what="Ann's hand-over")
            three.next_screen("Enter", what="Ann's questions")  # "you carry on from question 3"
            typed = {ITEMS[0].id: 4, ITEMS[1].id: 2}

            def reached(n: int, who: str) -> None:
                wait_until(
                    lambda: (
                        autosaves(state)[folder_one].get("current_item") == n
                        and autosaves(state)[folder_one].get("current_partner") == who
                    ),
                    f"question {n + 1} for partner {who}",
                )

            for who, partner in enumerate(("ann", "bo")):
                for n, item in enumerate(ITEMS):
                    if partner == "ann" and n < 2:
                        continue
                    if item.kind == "reflect":
                        if item.id == "find-partners.think" and partner == "bo":
                            three.keys("Enter")
                            three.type("We meet at the cafe")
                        three.keys("Control+n")  # one byte: an arrow is an escape sequence
                    else:
                        three.keys(str(n % 3 + 1))
                        if partner == "ann":
                            typed[item.id] = n % 3 + 1
                    reached(n + 1, who)  # each answer is autosaved before the next key
                three.next_screen("Enter", what="the hand-over")  # finish and hide my answers
                three.next_screen("Enter", what="the next screen")  # Bo's turn, or the comparison
            wait_until(lambda: autosaves(state)[folder_one].get("stage") == "together", "the comparison")
            time.sleep(1.0)
            three.page.screenshot(path=str(tmp / "comparison.png"))
            three.keys("a")
            time.sleep(0.5)
            three.keys("2", "Control+s")
            snap_path = wait_until(lambda: next(iter((tmp / "snaps").glob("*.toml")), None), "the snapshot")
            time.sleep(0.5)
            three.page.screenshot(path=str(tmp / "saved.png"))
        finally:
            for n, page in enumerate(context.pages):  # what each tab showed last, to look at
                page.screenshot(path=str(tmp / f"last-tab-{n}.png"))
            context.close()

    snap = read_snapshot(snap_path, BANK)
    assert [p.name for p in snap.partners] == ["Ann", "Bo"]
    ann = {k: v for k, v in snap.answers["ann"].items() if not k.startswith("relationship.")}
    assert ann == {k: v for k, v in typed.items() if not k.startswith("relationship.")}
    assert snap.answers["ann"]["relationship.purpose"] == "shared"  # key 3 of 5 options
    assert snap.notes == {"bo": {"find-partners.think": "We meet at the cafe"}}
    assert snap.agreed is not None and snap.agreed.practice == 2
    assert not (folder_one / "sitting.json").exists()  # removed once saved
    assert (folder_two / "sitting.json").exists()  # Cy and Di's is untouched, still theirs
    assert (tmp / "comparison.png").stat().st_size > 10_000


def _free(folder: Path) -> bool:
    from collabcheck.core.state import is_held

    return not is_held(folder)
