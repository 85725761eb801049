"""The README's start: two commands for a fresh machine, the first showing the example."""

from __future__ import annotations

import re

from .conftest import ROOT


def start_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("## Start here") : text.index("### Three ways in")]


def test_exactly_two_commands_the_first_installs_once_and_shows_the_example():
    blocks = re.findall(r"```sh\n(.*?)\n```", start_section(), re.S)
    assert len(blocks) == 2, blocks
    install, tests = blocks
    assert "\n" not in install and "pip install" in install
    assert install.endswith("collabcheck demo")
    assert "~/.collabcheck" in install  # its own environment, outside the team's repository
    # .ci/run runs the second, exactly
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8").replace("-q ", "")


def test_then_init_and_the_app_in_the_teams_repository():
    section = start_section()
    assert "cd path/to/your-team-repository" in section
    assert section.index("collabcheck init") < section.rindex("~/.collabcheck/bin/collabcheck\n")


def test_the_install_shows_what_it_is_doing():
    """pip -q was silent for over a minute: a newcomer thought it had hung."""
    install = re.findall(r"```sh\n(.*?)\n```", start_section(), re.S)[0]
    assert "pip install" in install and " -q" not in install and "--quiet" not in install
    assert "a minute or two" in start_section()


def fresh_install(tmp_path, monkeypatch):
    """As the README's first command leaves things: collabcheck in ~/.collabcheck/bin, and
    that folder not on PATH."""
    import sys

    home = tmp_path / "home"
    (bin_ := home / ".collabcheck" / "bin").mkdir(parents=True)
    (bin_ / "collabcheck").write_text("#!/bin/sh\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(sys, "executable", str(bin_ / "python"))


def test_what_the_demo_says_at_the_end_works_as_typed_after_the_first_command(tmp_path, monkeypatch):
    """The demo's last words name the commands as the README's next block types them, when
    collabcheck is not on PATH (the README's install does not put it there)."""
    from collabcheck.core.paths import program_name
    from collabcheck.plain.demo import goodbye

    fresh_install(tmp_path, monkeypatch)
    program = program_name()
    assert program == "~/.collabcheck/bin/collabcheck"
    section = start_section()
    assert f"    {program} init\n    {program}\n" in section
    assert f"run {program} init, then {program} --plain." in goodbye(program)


def test_when_collabcheck_is_on_path_the_words_say_just_collabcheck(tmp_path, monkeypatch):
    import os

    from collabcheck.core.paths import program_name

    fresh_install(tmp_path, monkeypatch)
    monkeypatch.setenv("PATH", str(tmp_path / "home" / ".collabcheck" / "bin"))
    os.chmod(tmp_path / "home" / ".collabcheck" / "bin" / "collabcheck", 0o755)
    assert program_name() == "collabcheck"


def test_the_demo_command_ends_with_the_command_to_type_next(tmp_path, monkeypatch, capsys):
    """`collabcheck demo`, the app's way: the line printed after it names the full command."""
    import collabcheck.tui.demo as demo
    from collabcheck.cli import main

    fresh_install(tmp_path, monkeypatch)
    monkeypatch.setattr(demo, "run_demo_app", lambda example: 0)
    monkeypatch.setattr("collabcheck.plain.wants_plain", lambda *a: False)
    assert main(["demo"]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "run ~/.collabcheck/bin/collabcheck init, then ~/.collabcheck/bin/collabcheck." in said
