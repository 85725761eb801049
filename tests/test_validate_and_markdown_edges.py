"""Smaller things that fought back: `validate` on a folder the user may not read is one line,
never a traceback; an id of `---` is never a rule in Markdown, and a bare web or email
address in a name is never a link."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from collabcheck.render.safe import md_escape

from .hostile import GOOD, run

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_validate_a_folder_it_may_not_read_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Root reads everything, so the refusal is made here: listing or even looking at the
    folder raises PermissionError, as it does for anyone else on a chmod-000 folder."""
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.toml").write_text(GOOD)
    real_stat, real_scandir = os.stat, os.scandir

    def no_stat(path, *args, **kwargs):
        if str(path).startswith(f"{folder}/"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    def no_listing(path="."):
        if str(path) == str(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "stat", no_stat)
    monkeypatch.setattr(os, "scandir", no_listing)
    code, out, err = run(["validate", str(folder)])
    assert code == 1 and "Traceback" not in err
    assert err == (
        f"{folder}: folder cannot be read (Permission denied), so the files in it were not checked\n"
    )
    code, out, err = run(["validate", str(folder / "a.toml")])
    assert code == 1 and "Traceback" not in err
    assert err == f"{folder / 'a.toml'}: cannot be reached (permission denied), so it was not checked\n"


def test_validate_a_chmod_000_folder_as_an_ordinary_user(nobody):
    top = Path(tempfile.mkdtemp(prefix="collabcheck-000-"))
    try:
        top.chmod(0o755)
        folder = top / "s"
        folder.mkdir()
        shutil.copy(sorted(EXAMPLES.glob("*/*.toml"))[0], folder)
        folder.chmod(0)
        for target, words in ((folder, "folder cannot be read"), (folder / "x.toml", "cannot be reached")):
            r = subprocess.run(
                [*nobody, sys.executable, "-m", "collabcheck", "validate", str(target)],
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "HOME": str(top)},
            )
            assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
            assert len(r.stderr.strip().splitlines()) == 1 and words in r.stderr
    finally:
        folder.chmod(0o755)
        shutil.rmtree(top)


def _blocks(html: str) -> list[str]:
    return re.findall(r"<(hr|h1|h2|ol|ul|a)\b", html)


def test_md_escape_keeps_rules_lists_and_links_out():
    md = MarkdownIt("commonmark").enable("table")
    for text in ("---", "===", "- a", "+ b", "  ---", "***", "___"):
        assert _blocks(md.render(f"- {md_escape(text)}\n")) == ["ul"], text  # one list, no more
        assert _blocks(md.render(f"Before\n{md_escape(text)}\n")) == [], text  # no heading
        assert _blocks(md.render(f"{md_escape(text)}\n")) == [], text
        assert _blocks(md.render(f"| a |\n|---|\n| {md_escape(text)} |\n")) == [], text
    for text in ("see https://evil.example/x", "www.evil.example", "mail me@evil.example", "HTTP://x"):
        out = md_escape(text)
        assert not re.search(r"(?<!\\)://|(?<!\\)@|www(?!\\)\.", out, re.IGNORECASE), out
        assert md.render(out) == f"<p>{text}</p>\n"  # shown exactly as typed
    assert md_escape("-0.5 down") == "-0.5 down" and md_escape("a - b") == "a - b"


def test_an_answer_id_of_dashes_and_a_name_with_a_link_in_a_markdown_report(tmp_path: Path):
    snap = tmp_path / "2026-03-12T1030-amira-and-tom.toml"
    snap.write_text(
        GOOD.replace("[answers.tom]\n", '[answers.tom]\n"---" = 3\n').replace(
            'name = "Tom Reilly"', 'name = "Tom https://evil.example"'
        )
    )
    code, out, err = run(["report", str(snap), "--format", "markdown"])
    assert code == 0, err
    html = MarkdownIt("commonmark").enable("table").render(out)
    assert "<hr" not in html and "- \\---" in out
    assert "https://evil" not in out and "https\\://evil.example" in out
