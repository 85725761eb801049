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
