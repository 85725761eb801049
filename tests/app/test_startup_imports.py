"""pydantic (the models of every file, core/models.py) is loaded only to read a file.

The first screen is drawn without it (bench/startup_bench.py measures the start-up goal;
pydantic's import alone takes 60 ms or more), and a history whose output is already kept
prints it without it. A sitting waiting to be carried on is read through its model, so
resuming one loads it, and the test says so. pydantic is a dependency, so these are real
checks: it is importable here, and simply not imported.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

from ..hostile import GOOD, with_pair


def test_pydantic_is_installed_so_these_checks_mean_something():
    assert importlib.util.find_spec("pydantic") is not None


def test_the_first_screen_does_not_load_pydantic_and_a_resumed_sitting_is_read_by_its_model(tmp_path):
    code = f"""
import asyncio, sys
from datetime import datetime, timezone
from pathlib import Path
from collabcheck.core.bank import load_bank
from collabcheck.core.sitting import Sitting, save
from collabcheck.tui.app import create_app

async def main():
    app = create_app(load_bank(), Path({str(tmp_path / "snaps")!r}), state_dir=Path({str(tmp_path)!r}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen", app.screen
        return app.screen.resumable
asyncio.run(main())
print("FIRST=" + str("pydantic" in sys.modules))
bank = load_bank()
save(Sitting.new(bank, [("Ann", ""), ("Bo", "")], datetime.now(timezone.utc)), Path({str(tmp_path)!r}))
print("RESUMABLE=" + str(asyncio.run(main()) is not None))
print("RESUME=" + str("pydantic" in sys.modules))
"""
    # The bank passed its models once already (core/bank_cache.py keeps it), as on any start
    # but the very first after installing collabcheck or editing the bank.
    env = dict(os.environ, COLLABCHECK_CACHE_DIR=str(tmp_path / "cache"))
    warm = "from collabcheck.core.bank import load_bank; load_bank()"
    subprocess.run([sys.executable, "-c", warm], check=True, timeout=120, env=env)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "FIRST=False" in run.stdout, run.stdout
    assert "RESUMABLE=True" in run.stdout and "RESUME=True" in run.stdout, run.stdout


def test_a_history_whose_output_is_kept_does_not_load_pydantic(tmp_path):
    folder = tmp_path / "snaps"
    folder.mkdir()
    for n in range(2):
        (folder / f"s{n}.toml").write_text(with_pair(GOOD, f"pair-{n}"), encoding="utf-8")
    old = time.time() - 3600  # files this old are kept in the cache
    for p in folder.iterdir():
        os.utime(p, (old, old))
    code = f"""
import sys
from collabcheck.cli import main
main(["history", {str(folder)!r}, "--format", "json"])
print("LOADED=" + str("pydantic" in sys.modules), file=sys.stderr)
"""
    env = dict(os.environ, COLLABCHECK_CACHE_DIR=str(tmp_path / "cache"))
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=Path(__file__).parents[2],
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr[-2000:]
    assert "LOADED=True" in runs[0].stderr  # the first (cold) run reads each file through its model
    assert "LOADED=False" in runs[1].stderr, runs[1].stderr[-2000:]
    assert runs[0].stdout == runs[1].stdout
