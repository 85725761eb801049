"""`collabcheck serve --plain`: a whole sitting in real web pages, by keyboard alone, checked
with axe-core (WCAG 2.1 AA) on every kind of page, saving plain mode's own snapshot.

Headless Chromium types each line into the page's one text box and presses Enter, as a
screen-reader user would; one answer is given with the radio buttons (Shift+Tab, Space,
Enter). The snapshot must hold exactly the answers typed, the working copy must be gone, and
a sitting left part-way is carried on in a new page with the code the page showed.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request

import pytest

from collabcheck.core.snapshot import read_snapshot
from collabcheck.tui.tab_code import code_for, state_key

from ..plain.test_plain_sitting import BANK, ITEMS, expected, partner_answers, together, who
from .running import APP, serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
axe_api = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="axe-playwright-python is not installed (pip install '.[test]')",
)
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(APP is None, reason="the collabcheck console script is not installed"),
]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SAY = ["mostly:ann", "more:ann", "shared", "more:bo", "mostly:bo"]


class Checked:
    """axe on each kind of page, once: every violation found, by page kind."""

    def __init__(self) -> None:
        self.axe = axe_api.Axe()
        self.seen: dict[str, list[str]] = {}

    def check(self, page, kind: str) -> None:
        if kind in self.seen:
            return
        results = self.axe.run(page, options=WCAG_AA)
        self.seen[kind] = [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def kind_of(page) -> str:
    if page.query_selector("fieldset"):
        return "choices"
    label = page.evaluate("(document.querySelector('label[for=line]') || {}).textContent || ''")
    said = page.evaluate("document.getElementById('said') ? document.getElementById('said').textContent : ''")
    for words, kind in (
        ("written question", "written"),
        ("Pass the keyboard", "hand-over"),
        ("Partner", "who"),
        ("Part ", "together"),
        ("Press Enter to start", "welcome"),
    ):
        if words in label or words in said:
            return kind
    return "other" if page.query_selector("#line") else "finished"


def send(page, line: str) -> None:
    """Type one line in the box and press Enter; wait for the next step to be swapped in."""
    page.evaluate("document.getElementById('answer').dataset.old = '1'")
    box = page.locator("#line")
    assert page.evaluate("document.activeElement.id") == "line"  # the keys go there already
    if line:
        box.type(line, delay=2)
    page.keyboard.press("Enter")
    deadline = time.monotonic() + 30
    while page.evaluate("document.querySelector('#answer[data-old]') !== null"):
        assert time.monotonic() < deadline, f"no next step after {line!r}"
        time.sleep(0.02)


def test_a_whole_sitting_in_plain_web_pages_by_keyboard_with_no_axe_violations(tmp_path):
    people = [("Ann", "Nurse"), ("Bo", "")]
    typed = who(people, "")
    answers, notes = [], []
    for n in range(2):
        t, a, no = partner_answers(n, SAY)
        typed += t
        answers.append(a)
        notes.append(no)
    typed += together("2", ["Meet monthly"])  # ends with Enter at "Type m …": no report
    checked = Checked()
    with serving(tmp_path, "127.0.0.1", "--plain") as served, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            page = browser.new_page()
            outside: list[str] = []
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if "//127.0.0.1:" in route.request.url
                    else (outside.append(route.request.url), route.abort())
                ),
            )
            page.goto(served.url)
            assert page.title() == "Welcome – collabcheck"
            checked.check(page, "start")
            page.keyboard.press("Tab")  # the one button: Start a new sitting
            page.keyboard.press("Enter")
            page.wait_for_selector("#line")
            code = page.text_content(".code strong")
            rated_by_radio = False
            for n, line in enumerate(typed):
                kind = kind_of(page)
                checked.check(page, kind)
                if kind == "choices" and not rated_by_radio and line == "5":
                    # once, the radio buttons instead of typing: Shift+Tab to the last, Space
                    page.evaluate("document.getElementById('answer').dataset.old = '1'")
                    page.keyboard.press("Shift+Tab")
                    page.keyboard.press("Space")
                    assert page.evaluate("document.activeElement.value") == "5"
                    page.keyboard.press("Enter")
                    page.wait_for_selector("#answer:not([data-old])")
                    rated_by_radio = True
                    continue
                send(page, line)
                assert page.title().endswith("collabcheck"), n
            checked.check(page, kind_of(page))
            said = page.text_content("#said")
            assert "collabcheck has finished" in said and page.title() == "Finished – collabcheck"
            assert outside == []
        finally:
            browser.close()
    assert rated_by_radio
    assert code and len(code) == 9
    assert {"start", "welcome", "who", "choices", "written", "hand-over", "together", "finished"} <= set(
        checked.seen
    ), checked.seen
    assert all(v == [] for v in checked.seen.values()), checked.seen
    files = list((tmp_path / "snaps").glob("*.toml"))
    assert len(files) == 1
    want = expected(people, "", answers, notes, 2, ["Meet monthly"]).to_snapshot(
        BANK, read_snapshot(files[0], BANK).taken_at
    )
    assert read_snapshot(files[0], BANK) == want
    assert not list((tmp_path / "state").rglob("sitting.json"))  # the working copy is gone


def test_a_sitting_left_part_way_is_carried_on_with_its_code_and_forms_from_elsewhere_are_refused(tmp_path):
    with serving(tmp_path, "127.0.0.1", "--plain") as served, playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        try:
            page = browser.new_page()
            page.goto(served.url)
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            page.wait_for_selector("#line")
            for line in who([("Ann", ""), ("Bo", "")], "") + [""] + ["4"]:
                send(page, line)
            send(page, "stop")
            assert "Stopped for now" in page.text_content("#said")
            folder = next((tmp_path / "state").rglob("sitting.json")).parent
            assert json.loads((folder / "sitting.json").read_text())["answers"]["ann"] == {ITEMS[0].id: 4}
            # a form posted by another site is refused
            request = urllib.request.Request(
                served.url + "new", data=b"code=", method="POST", headers={"Origin": "http://evil.example"}
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=10)
            assert refused.value.code == 403
            # a new page: the start page lists no names, and a wrong code is said plainly
            other = browser.new_page()
            other.goto(served.url)
            assert "Ann" not in other.content()
            Checked().check(other, "start with code")
            other.fill("#code", "2222-2222")
            other.keyboard.press("Enter")
            other.wait_for_selector("[role=alert]")
            assert "No unfinished sitting has that code" in other.text_content("[role=alert]")
            axe = axe_api.Axe().run(other, options=WCAG_AA)
            assert axe.response["violations"] == [], axe.response["violations"]
            other.fill("#code", code_for(state_key(tmp_path / "state"), folder))
            other.keyboard.press("Enter")
            other.wait_for_selector("#line")
            assert "An unfinished sitting was found" in other.text_content("#said")
        finally:
            browser.close()
