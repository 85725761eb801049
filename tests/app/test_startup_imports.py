"""The first screen stays fast: with no unfinished sitting, starting the app loads no pydantic.

bench/startup_bench.py measures the 1.3x goal; this test guards its biggest cause (about
60 ms of pydantic import) so a stray import cannot quietly undo it.
"""

from __future__ import annotations

import subprocess
import sys


def test_first_screen_does_not_load_pydantic(tmp_path):
    code = f"""
import asyncio, sys
from pathlib import Path
from collabcheck.core.bank import load_bank
from collabcheck.tui.app import create_app

async def main():
    app = create_app(load_bank(), Path({str(tmp_path / 'snaps')!r}), state_dir=Path({str(tmp_path)!r}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen", app.screen
asyncio.run(main())
print("PYDANTIC=" + str("pydantic" in sys.modules))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "PYDANTIC=False" in run.stdout
