"""Shared fixtures: the tiny test bank, and a copy of it a test may break."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
CACHE_ENV = "COLLABCHECK_CACHE_DIR"


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory):
    """Every cache the tests write (banks, histories, cohorts; the commands they start
    included) goes in this test run's own folder, never the user's ~/.cache/collabcheck,
    which filled with hundreds of entries named after tests' temporary folders. A test
    that needs an empty cache still sets one of its own."""
    folder = tmp_path_factory.mktemp("cache")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


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


SLOW_TESTS = ROOT / "tests" / "slow_tests.txt"


def slow_tests() -> dict[str, float]:
    """The slowest tests' node ids and seconds, from tests/slow_tests.txt ("SECONDS NODEID")."""
    slow: dict[str, float] = {}
    for line in SLOW_TESTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            seconds, nodeid = line.split(maxsplit=1)
            slow[nodeid.strip()] = float(seconds)
    return slow


def spread_slowest_first(items: list, workers: int, slow: dict[str, float]) -> list:
    """The tests in an order where the slowest start first, each on its own worker.

    `--dist worksteal` hands each of the `workers` a run of consecutive tests (the first
    gets n // workers, the next a share of the rest, and so on) and an idle worker later
    takes the back half of a busy one's queue. A slow test that happens to start near the
    end keeps one worker busy while the others wait. So the slow tests are shared out,
    longest first, to whichever worker has the least slow time so far, and put at the head
    of that worker's run; every other test keeps its order."""
    sizes, left = [], len(items)
    for i in range(workers):
        sizes.append(left // (workers - i))
        left -= sizes[-1]
    heads: list[list] = [[] for _ in range(workers)]
    load = [0.0] * workers
    rest = [item for item in items if item.nodeid not in slow]
    for item in sorted((i for i in items if i.nodeid in slow), key=lambda i: -slow[i.nodeid]):
        w = min((w for w in range(workers) if len(heads[w]) < sizes[w]), key=lambda w: load[w])
        heads[w].append(item)
        load[w] += slow[item.nodeid]
    ordered, taken = [], 0
    for w in range(workers):
        fill = sizes[w] - len(heads[w])
        ordered += heads[w] + rest[taken : taken + fill]
        taken += fill
    return ordered


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:
    """Under xdist, every worker collects and orders the tests the same way (see above).
    (A worker cannot tell how tests are handed out: xdist sets its own `dist` option to
    "no". The order suits `--dist load` too, which also hands out consecutive runs.)"""
    workers = getattr(config, "workerinput", {}).get("workercount")
    if workers and workers > 1:
        items[:] = spread_slowest_first(items, workers, slow_tests())


@pytest.fixture(scope="session")
def nobody() -> list[str]:
    """The command prefix that runs a program as an ordinary user (root ignores file modes):
    nothing when the suite is not root, else `setpriv` to the user `nobody`. Skips, saying
    why, when there is no such user to be, or when that user cannot read this checkout's
    Python (a clone inside a private folder, as `mktemp -d` makes)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("needs a user other than root (setpriv)")
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    ran = subprocess.run(
        [*prefix, sys.executable, "-c", "import collabcheck"], capture_output=True, timeout=60
    )
    if ran.returncode != 0:
        pytest.skip("the user nobody cannot read this checkout (its folder is private, as mktemp -d makes)")
    return prefix
