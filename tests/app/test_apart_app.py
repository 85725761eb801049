"""Sitting apart in the app, with Pilot: real git, a bare shared repository, a clone each.

The other partner's steps run through the command line (quick, and tested on their own in
tests/test_apart_git.py); this partner's run in the app, starting from saved state where
answering every question by key would only repeat tests/app/test_flow.py.
"""

from __future__ import annotations

import time

from collabcheck.core import apart
from collabcheck.core import sitting as store
from collabcheck.core.apart_private import private_dir, start_sitting
from collabcheck.core.bank import questions
from collabcheck.core.snapshot import check_value
from collabcheck.tui.app import create_app

from ..gitrepo import git
from ..test_apart_git import BANK, Team, needs_git, reveals, snapshots
from ..test_apart_git import git_home as git_home  # the fixture
from .conftest import FROZEN, SIZE, background_done, screen_text

pytestmark = needs_git


async def until(pilot, check, what: str, seconds: float = 30) -> None:
    """Let the app run (git works in threads) until `check()` holds."""
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        await pilot.pause(0.05)
        if check():
            await pilot.pause()  # the screen showing it has finished mounting
            return
    raise AssertionError(f"never happened: {what}\n{screen_text(pilot.app)}")


def opened(tmp_path, monkeypatch) -> tuple[Team, str]:
    """Ann opens a sitting apart for Ann and Bo (command line); Bo's clone has pulled it."""
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, err = team.run(
        "ann", "open", "--partner", "Ann", "--partner", "Bo", "--role", "GP", "--role", "Patient partner"
    )
    assert code == 0, err
    git(team.clone["bo"], "pull", "-q")
    return team, next(w for w in out.split() if w.startswith("20"))


def app_for(team: Team, who: str):
    return create_app(
        BANK, team.clone[who] / "collabcheck", state_dir=team.tmp / f"state-{who}", now=lambda: FROZEN
    )


async def press_a(pilot) -> None:
    """Sittings apart, from the welcome screen once it is up (as a partner reads it first)."""
    await until(pilot, lambda: screen_name(pilot.app) == "WelcomeScreen", "welcome")
    await pilot.pause()
    await pilot.press("a")


def screen_name(app) -> str:
    return type(app.screen).__name__


def answered_all(team: Team, sid: str, pid: str) -> None:
    """Saved state: every question answered by `pid`, as the app's autosave keeps it."""
    found = apart.look(team.clone[pid] / "collabcheck", sid, BANK)
    s = start_sitting(found, pid, BANK, FROZEN)
    for item in questions(BANK):
        if item.kind != "reflect":
            value = next(v for v in (4, pid, "unsure") if check_value(v, {"ann", "bo"}, item.kind) is None)
            s.answers.setdefault(pid, {})[item.id] = value
    s.current_item = len(questions(BANK))
    store.save(s, private_dir(team.tmp / f"state-{pid}", sid, pid))


async def test_the_welcome_screen_offers_the_sitting_apart_that_names_this_computers_partner(
    tmp_path, git_home, monkeypatch
):
    team, sid = opened(tmp_path, monkeypatch)
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        await until(
            pilot,
            lambda: "Sittings apart: waiting for Bo to answer. Press a" in screen_text(pilot.app),
            "the offer",
        )
    git(team.clone["bo"], "config", "user.name", "Someone Else")
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        await background_done(pilot.app)
        await pilot.pause()
        assert "Sittings apart:" not in screen_text(pilot.app)  # nobody here is named
        await press_a(pilot)  # but every open sitting apart is listed on the next screen
        await until(pilot, lambda: "Answer as Bo" in screen_text(pilot.app), "the list")
        assert "Answer as Ann" in screen_text(pilot.app)


async def test_answering_apart_in_the_app_autosaves_privately_then_shares_only_the_seal(
    tmp_path, git_home, monkeypatch
):
    team, sid = opened(tmp_path, monkeypatch)
    state = team.tmp / "state-bo"
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        app = pilot.app
        await press_a(pilot)
        await until(pilot, lambda: "Answer as Bo" in screen_text(app), "the list")
        await pilot.press("enter")  # Bo is offered first
        await until(pilot, lambda: "no anonymity" in screen_text(app), "the privacy notice")
        assert "Your answers stay on this computer until Ann" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "ApartQuestions", "the questions")
        await pilot.press("2")  # the same question screens, the same autosave
        kept = private_dir(state, sid, "bo") / store.STATE_FILE
        await until(pilot, kept.is_file, "the private autosave")
        first = questions(BANK)[0].id
        assert store.load(kept.parent).answers["bo"][first] == 2
        assert not (state / store.STATE_FILE).exists()  # never the one-computer sitting's file
    assert reveals(team.shared_files()) == []
    # carrying on later, from the saved state, to the end: seal, commit, push
    answered_all(team, sid, "bo")
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        app = pilot.app
        await until(pilot, lambda: "waiting for Bo to answer" in screen_text(app), "the offer")
        await press_a(pilot)
        await until(pilot, lambda: "Carry on answering as Bo" in screen_text(app), "the list")
        await pilot.press("enter")
        await until(pilot, lambda: "You carry on where you stopped" in screen_text(app), "the privacy notice")
        await pilot.press("enter")
        await until(pilot, lambda: screen_name(app) == "ApartQuestions", "the questions")
        await pilot.press("enter")  # finish
        await until(pilot, lambda: screen_name(app) == "ConfirmScreen", "seal?")
        assert "seal your answers" in screen_text(app)
        await pilot.press("y")
        await until(pilot, lambda: "Sealed. Committed and pushed your seal" in screen_text(app), "sealed")
    files = team.shared_files()
    assert f"collabcheck/apart/{sid}/bo.seal" in files and reveals(files) == []
    assert "bo" not in team.shared_text(f"collabcheck/apart/{sid}/bo.seal").split("seal =")[1]
    assert not (private_dir(state, sid, "bo") / store.STATE_FILE).exists()


async def test_the_comparison_opens_on_together_and_agreeing_there_is_recorded(
    tmp_path, git_home, monkeypatch
):
    team, sid = opened(tmp_path, monkeypatch)
    team.answer("ann", sid, 0)
    team.answer("bo", sid, 1)  # Bo seals last and reveals; Ann's reveal waits for her next run
    assert len(reveals(team.shared_files())) == 1
    async with app_for(team, "ann").run_test(size=SIZE) as pilot:
        app = pilot.app
        await press_a(pilot)  # Ann's collabcheck reveals, combines, and opens the comparison
        await until(pilot, lambda: screen_name(app) == "ApartTogetherScreen", "the comparison")
        assert "How you each see your partnership" in screen_text(app)
        assert len(reveals(team.shared_files())) == 2 and len(snapshots(team.shared_files())) == 1
        await pilot.press("a")
        await until(pilot, lambda: screen_name(app) == "AgreeScreen", "agreeing")
        await pilot.press("3", "ctrl+s")
        await until(pilot, lambda: screen_name(app) == "ConfirmScreen", "together?")
        await pilot.press("y")
        await until(pilot, lambda: "Recorded practice 3" in screen_text(app), "recorded")
        assert "Agreed by all of you" in screen_text(app)
    snap = team.shared_text(snapshots(team.shared_files())[0])
    assert "[agreed]\npractice = 3" in snap
    assert f"collabcheck/apart/{sid}/ann.together.toml" in team.shared_files()
    # seen once: the next look lists it, and does not open it by itself
    async with app_for(team, "ann").run_test(size=SIZE) as pilot:
        await press_a(pilot)
        await until(pilot, lambda: "See the comparison" in screen_text(pilot.app), "the list")
        await pilot.pause(0.3)
        assert screen_name(pilot.app) == "ApartScreen"
        assert "Agreed: practice 3" in screen_text(pilot.app)


async def test_one_partner_chooses_then_the_other_accepts_the_same(tmp_path, git_home, monkeypatch):
    team, sid = opened(tmp_path, monkeypatch)
    team.answer("ann", sid, 0)
    team.answer("bo", sid, 1)
    assert team.run("ann")[0] == 0
    code, _, err = team.run("ann", "agree", sid, "--as", "ann", "--practice", "2")
    assert code == 0, err
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        app = pilot.app
        await press_a(pilot)
        await until(pilot, lambda: screen_name(app) == "ApartTogetherScreen", "the comparison")
        await pilot.press("a")
        await until(pilot, lambda: screen_name(app) == "AgreeScreen", "agreeing")
        await pilot.press("2", "ctrl+s")
        await until(pilot, lambda: screen_name(app) == "ConfirmScreen", "together?")
        await pilot.press("n")  # only my choice
        await until(pilot, lambda: "Recorded practice 2" in screen_text(app), "recorded")
    assert "[agreed]\npractice = 2" in team.shared_text(snapshots(team.shared_files())[0])


async def test_leaving_the_comparison_without_agreeing(tmp_path, git_home, monkeypatch):
    team, sid = opened(tmp_path, monkeypatch)
    team.answer("bo", sid, 1)
    team.answer("ann", sid, 0)  # Ann seals last and reveals; Bo's waits for his next run
    async with app_for(team, "ann").run_test(size=SIZE) as pilot:
        await press_a(pilot)  # Ann can only wait: nothing to do, and it says where it stands
        await until(pilot, lambda: "Nothing waits for you here now" in screen_text(pilot.app), "the list")
        assert "Waiting for Bo to reveal" in screen_text(pilot.app)
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        app = pilot.app
        await press_a(pilot)
        await until(pilot, lambda: screen_name(app) == "ApartTogetherScreen", "the comparison")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "ApartScreen", "back to the list")
        await pilot.press("escape")
        await until(pilot, lambda: screen_name(app) == "WelcomeScreen", "welcome")
    assert not any(f.endswith((".agreed.toml", ".together.toml")) for f in team.shared_files())


async def test_opening_a_sitting_apart_in_the_app(tmp_path, git_home, monkeypatch):
    from textual.widgets import Input

    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    async with app_for(team, "ann").run_test(size=SIZE) as pilot:
        app = pilot.app
        await press_a(pilot)
        await until(pilot, lambda: "no sittings apart here yet" in screen_text(app), "the list")
        await pilot.press("o")
        await until(pilot, lambda: screen_name(app) == "WhoScreen", "who")
        app.screen.query_one("#name-1", Input).value = "Ann"
        app.screen.query_one("#name-2", Input).value = "Bo"
        await pilot.pause()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen_name(app) == "ContextScreen", "where you stand")
        await pilot.press("1", "enter")
        await until(pilot, lambda: "Opened a sitting apart for Ann and Bo" in screen_text(app), "opened")
        assert "Committed and pushed it" in screen_text(app)
        await until(pilot, lambda: "Answer as Ann" in screen_text(app), "listed")
    files = [f for f in team.shared_files() if f.endswith("/sitting.toml")]
    assert len(files) == 1
    assert 'stage = "starting"' in team.shared_text(files[0])


async def test_no_repository_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app(BANK, tmp_path / "snaps", state_dir=tmp_path / "state", now=lambda: FROZEN)
    async with app.run_test(size=SIZE) as pilot:
        await press_a(pilot)
        await until(pilot, lambda: "no sittings apart" in screen_text(app), "the list")
        await pilot.press("o")
        await until(pilot, lambda: "shared through git" in screen_text(app), "refused")
        assert screen_name(app) == "ApartScreen"


async def test_names_from_the_repository_are_shown_as_written_never_as_markup(
    tmp_path, git_home, monkeypatch
):
    team = Team(tmp_path, monkeypatch, ["ann", "bo"])
    code, out, err = team.run("ann", "open", "--partner", "Ann [b]x[/b]", "--partner", "Bo")
    assert code == 0, err
    git(team.clone["bo"], "pull", "-q")
    async with app_for(team, "bo").run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Sittings apart:" in screen_text(pilot.app), "the offer")
        await press_a(pilot)
        await until(pilot, lambda: "Answer as Ann [b]x[/b]" in screen_text(pilot.app), "the list")
        await pilot.press("enter")  # Bo first
        await until(
            pilot, lambda: "until Ann [b]x[/b] has answered" in screen_text(pilot.app), "the privacy notice"
        )
