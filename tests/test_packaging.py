"""The wheel carries the question bank, so a plain `pip install .` works without the repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT, SHIPPED_BANK


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to copy the tracked files")
def test_wheel_contains_the_question_bank(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "venv", "*.egg-info", "__pycache__", ".pytest_cache", "dist"
        ),
    )
    out = tmp_path / "dist"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "-w",
            str(out),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    wheel = next(out.glob("collabcheck-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for bank_file in SHIPPED_BANK.glob("*.toml"):
        assert f"collabcheck/questions/{bank_file.name}" in names
    old = sorted(p.name for p in (SHIPPED_BANK / "v1").glob("*.toml"))
    assert len(old) == 7, "bank 1 is kept in questions/v1"
    for name in old:  # bank 1 rides along, so old sittings report with their own questions
        assert f"collabcheck/questions/v1/{name}" in names
    older = sorted(p.name for p in (SHIPPED_BANK / "v2").glob("*.toml"))
    assert len(older) == 7, "bank 2 is kept in questions/v2"
    for name in older:
        assert f"collabcheck/questions/v2/{name}" in names
    assert "collabcheck/questions/v2/forms/quick.toml" in names  # bank 2's quick check-in
    assert "collabcheck/questions/forms/quick.toml" in names  # the quick check-in's form
    for example in (ROOT / "examples").rglob("*.toml"):  # `collabcheck demo` shows them
        assert f"collabcheck/examples/{example.relative_to(ROOT / 'examples').as_posix()}" in names
    assert "collabcheck/cli/__init__.py" in names and "collabcheck/tui/collabcheck.tcss" in names
    assert "collabcheck/cli/web/app_index.html" in names  # the page `collabcheck serve` serves
    assert any(n.endswith(".tcss") for n in names) or not list((ROOT / "src").rglob("*.tcss"))


def test_installed_layout_finds_the_packaged_bank(tmp_path, monkeypatch):
    """default_bank_dir prefers the copy inside the package, as in a non-editable install."""
    import collabcheck
    from collabcheck.core import bank as bankmod

    fake_pkg = tmp_path / "collabcheck"
    shutil.copytree(SHIPPED_BANK, fake_pkg / "questions")
    monkeypatch.setattr(bankmod, "PACKAGE_DIR", fake_pkg)
    assert bankmod.default_bank_dir() == fake_pkg / "questions"
    assert bankmod.load_bank().id == "kings-fund-2016"
    assert collabcheck.__version__
    current = bankmod.load_bank()
    old = bankmod.load_bank_for("kings-fund-2016", 1, current)
    assert old.version == 1 and old != current
    assert bankmod.load_bank_for("kings-fund-2016", 2, current).version == 2
    assert bankmod.load_bank_for("kings-fund-2016", current.version, current) is current
