"""Shared fixtures: the tiny test bank, and a copy of it a test may break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles: "ci" (the default, and what .ci/run uses) is thorough enough to find
# the edge cases the properties are about and fits the suite's time budget; "dev" is quick
# for the edit-test loop (HYPOTHESIS_PROFILE=dev pytest).
settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


class Ran:
    """What a command printed and returned, like subprocess.CompletedProcess."""

    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_cli(*args: str) -> Ran:
    """`collabcheck ARGS` in this process (`hostile.run`, through `collabcheck.cli.main`): a
    fraction of the time of a new Python each time; a few tests still start the real program."""
    from .hostile import run

    return Ran(*run(list(args)))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` starts two workers per core: app tests spend much of their time waiting for
    a screen to settle or a terminal to answer, so one per core left cores idle (196 s
    against 146 s for the whole suite on 2 cores)."""
    return 2 * (os.cpu_count() or 1)
