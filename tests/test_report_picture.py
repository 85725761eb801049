"""The one-sitting Markdown report carries the picture: an SVG beside it, linked, and its
sentence always; arrows from the previous sitting found in the snapshot's folder."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from collabcheck.render.picture import ACROSS, UP, key_lines, letters, to_xy
from collabcheck.render.safe import md_escape

from . import gitrepo
from .conftest import ROOT, run_cli
from .gitrepo import git, make_repo, needs_git
from .test_picture import expected_say

EXAMPLES = ROOT / "examples"
SVG = "{http://www.w3.org/2000/svg}"
JO = EXAMPLES / "jo-priya-and-ken" / "2026-10-21T1300-jo-priya-and-ken.toml"
git_home = gitrepo.git_home


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLLABCHECK_CACHE_DIR", str(tmp_path / "cache"))


def flat(text: str) -> str:
    return " ".join(text.split())


def check_svg(svg_file: Path, report_file: Path) -> str:
    """The SVG parses as XML, holds no text beyond the sentence's facts (names, letters and
    the axes' words), and draws each partner at the report's own figures. Returns the sentence."""
    root = ET.parse(svg_file).getroot()
    assert root.tag == SVG + "svg"
    said = root.find(SVG + "title").text
    assert said == root.find(SVG + "desc").text
    report = json.loads(run_cli("report", str(report_file), "--format", "json").stdout)
    names = {p["id"]: p["name"] for p in report["partners"]}
    mark = letters(names)
    texts = list(root.iter(SVG + "text"))
    allowed = {*ACROSS, *UP, "Outside", *mark.values(), *key_lines(names)}
    extra = {t.text for t in texts} - allowed
    assert all(re.fullmatch(r"[A-Z] \d+ of \d+", t or "") for t in extra), extra  # "J 2 of 6": outside
    for pid in names:
        say, attention = expected_say(report, pid), report["focus"]["positions"][pid]
        if say is None or attention is None:
            assert not any(t.text == mark[pid] for t in texts)
            continue
        x, y = to_xy(say, attention)
        assert any(
            t.text == mark[pid]
            and float(t.get("x")) == pytest.approx(x, abs=0.06)
            and float(t.get("y")) == pytest.approx(y + 4, abs=0.06)
            for t in texts
        ), pid
    return said


def test_output_writes_the_svg_beside_the_markdown_and_links_it(tmp_path: Path):
    out = tmp_path / "paper" / "jo.md"
    out.parent.mkdir()
    ran = run_cli("report", str(JO), "--format", "markdown", "--output", str(out))
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == ""
    md = out.read_text()
    assert "](jo.svg)" in md  # beside it: linked by its own name
    said = check_svg(out.with_suffix(".svg"), JO)
    assert md_escape(said) in flat(md)  # the sentence follows the picture, always
    # the previous sitting is in the same folder, so the picture has arrows
    assert "Priya Shah moved from seeing the say with Ken Morris to seeing it as shared" in said
    assert "There is no earlier sitting" not in said
    # the picture comes right under the summary, before the suggestion
    assert md.index("## Where each of you stands") < md.index("## collabcheck's suggestion")
    assert md.index("](jo.svg)") < md.index(md_escape(said)[:30])


def test_picture_option_writes_the_svg_where_asked_and_links_it_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken.svg").mkdir()  # cannot be written: one line naming it, exit 2
    ran = run_cli("report", str(JO), "--format", "markdown", "--picture", "taken.svg")
    assert ran.returncode == 2 and "taken.svg" in ran.stderr and ran.stdout == ""
    assert "Traceback" not in ran.stderr and len(ran.stderr.strip().splitlines()) == 1
    ran = run_cli("report", str(JO), "--format", "markdown", "--picture", "pictures/jo ken.svg")
    assert ran.returncode == 0, ran.stderr
    assert "](pictures/jo%20ken.svg)" in ran.stdout  # a space cannot break the link
    said = check_svg(tmp_path / "pictures" / "jo ken.svg", JO)
    assert md_escape(said) in flat(ran.stdout)


def test_picture_and_output_link_relative_to_the_report(tmp_path: Path):
    (tmp_path / "art").mkdir()
    out = tmp_path / "paper" / "r.md"
    out.parent.mkdir()
    ran = run_cli(
        "report",
        str(JO),
        "--format",
        "markdown",
        "--output",
        str(out),
        "--picture",
        str(tmp_path / "art" / "p.svg"),
    )
    assert ran.returncode == 0, ran.stderr
    assert "](../art/p.svg)" in out.read_text()
    assert not out.with_suffix(".svg").exists()


def test_markdown_on_the_screen_still_says_the_picture_in_words():
    ran = run_cli("report", str(JO), "--format", "markdown")
    assert ran.returncode == 0, ran.stderr
    assert "## Where each of you stands" in ran.stdout and "![" not in ran.stdout
    assert "Priya Shah moved from seeing the say with Ken Morris" in flat(ran.stdout)


def test_without_an_earlier_sitting_there_are_no_arrows(tmp_path: Path):
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy(JO, lone / JO.name)  # its earlier sitting is not in this folder
    out = tmp_path / "r.md"
    ran = run_cli("report", str(lone / JO.name), "--format", "markdown", "--output", str(out))
    assert ran.returncode == 0, ran.stderr
    said = check_svg(tmp_path / "r.svg", lone / JO.name)
    assert "There is no earlier sitting to draw arrows from." in said
    assert "moved" not in said


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_picture_goes_with_markdown_only(tmp_path: Path, fmt: str):
    ran = run_cli("report", str(JO), "--format", fmt, "--picture", str(tmp_path / "p.svg"))
    assert ran.returncode == 2 and "--format markdown" in ran.stderr
    assert not (tmp_path / "p.svg").exists()


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_output_writes_other_formats_too(tmp_path: Path, fmt: str):
    out = tmp_path / f"r.{fmt}"
    ran = run_cli("report", str(JO), "--format", fmt, "--output", str(out))
    assert ran.returncode == 0 and ran.stdout == ""
    assert out.read_text() == run_cli("report", str(JO), "--format", fmt).stdout
    assert not (tmp_path / "r.svg").exists()


def test_report_and_picture_cannot_be_one_file(tmp_path: Path):
    out = tmp_path / "r.svg"
    ran = run_cli("report", str(JO), "--format", "markdown", "--output", str(out))
    assert ran.returncode == 2 and "another name" in ran.stderr and not out.exists()


def test_every_example_sitting_gives_a_picture_of_its_figures(tmp_path: Path):
    for n, path in enumerate(sorted(EXAMPLES.rglob("*.toml"))):
        out = tmp_path / f"{n}.md"
        ran = run_cli("report", str(path), "--format", "markdown", "--output", str(out))
        assert ran.returncode == 0, ran.stderr
        said = check_svg(out.with_suffix(".svg"), path)
        assert f"]({n}.svg)" in out.read_text() and md_escape(said) in flat(out.read_text())


@needs_git
def test_commit_takes_the_reports_picture_too(tmp_path: Path, git_home: Path):
    from .test_commit_cli import cc

    repo = make_repo(tmp_path / "team")
    snap = Path(shutil.copy(JO, repo))
    md = snap.with_suffix(".md")
    assert run_cli("report", str(snap), "--format", "markdown", "--output", str(md)).returncode == 0
    ran = cc(git_home, repo, "commit", snap.name)
    assert ran.returncode == 0, ran.stderr
    assert sorted(git(repo, "show", "--name-only", "--format=", "HEAD").split()) == sorted(
        p.name for p in (snap, md, snap.with_suffix(".svg"))
    )


def test_the_earlier_sitting_is_looked_for_beside_the_file_not_below(tmp_path: Path):
    """Sittings are saved side by side; a report of a file in a big folder reads that
    folder's own files only, never everything below it."""
    earlier = EXAMPLES / "jo-priya-and-ken" / "2026-05-06T0930-jo-priya-and-ken.toml"
    top = tmp_path / "top"
    (top / "deep").mkdir(parents=True)
    shutil.copy(JO, top / JO.name)
    shutil.copy(earlier, top / "deep" / earlier.name)
    out = tmp_path / "r.md"
    assert run_cli("report", str(top / JO.name), "--format", "markdown", "--output", str(out)).returncode == 0
    assert "There is no earlier sitting" in check_svg(tmp_path / "r.svg", top / JO.name)
    shutil.copy(earlier, top / earlier.name)  # beside it: found
    assert run_cli("report", str(top / JO.name), "--format", "markdown", "--output", str(out)).returncode == 0
    assert "Priya Shah moved from seeing the say" in check_svg(tmp_path / "r.svg", top / JO.name)
