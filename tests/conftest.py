"""Shared fixtures: the tiny test bank, and a copy of it a test may break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MINI_BANK = ROOT / "tests" / "fixtures" / "mini-bank"
SHIPPED_BANK = ROOT / "questions"


@pytest.fixture
def mini_bank_dir() -> Path:
    return MINI_BANK


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini bank, for tests that break one file."""
    target = tmp_path / "bank"
    shutil.copytree(MINI_BANK, target)
    return target
