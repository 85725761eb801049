"""The example board-paper report in examples/report/ is exactly what the command makes today:
the Markdown of one sitting with its picture as an SVG beside it. If this fails after a change
on purpose, make it again with the command in the README (A board paper with its picture)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli

SITTING = ROOT / "examples" / "jo-priya-and-ken" / "2026-10-21T1300-jo-priya-and-ken.toml"
KEPT = ROOT / "examples" / "report"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def test_the_example_report_and_picture_are_what_the_command_makes(tmp_path: Path):
    out = tmp_path / "jo-priya-and-ken.md"
    ran = run_cli("report", str(SITTING), "--format", "markdown", "--output", str(out))
    assert ran.returncode == 0, ran.stderr
    for name in ("jo-priya-and-ken.md", "jo-priya-and-ken.svg"):
        assert (KEPT / name).read_text(encoding="utf-8") == (tmp_path / name).read_text(encoding="utf-8"), (
            name
        )
    assert sorted(p.name for p in KEPT.iterdir()) == ["jo-priya-and-ken.md", "jo-priya-and-ken.svg"]


def test_the_example_report_links_its_picture_and_says_it_in_words():
    md = (KEPT / "jo-priya-and-ken.md").read_text(encoding="utf-8")
    assert "](jo-priya-and-ken.svg)" in md
    root = ET.parse(KEPT / "jo-priya-and-ken.svg").getroot()
    said = root.find("{http://www.w3.org/2000/svg}title").text
    assert said in " ".join(md.split())
    assert "moved from seeing the say" in said  # the earlier sitting is in the examples: arrows
