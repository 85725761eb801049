"""One model system: collabcheck never loads pydantic, on the first screen or on resuming.

Every record is a plain dataclass checked by hand where it is read (issue 9), which also keeps
the first screen fast (bench/startup_bench.py measures the 1.3x goal; pydantic's import alone
was about 60 ms). A stray import of a second model library fails here.
"""

from __future__ import annotations

import subprocess
import sys


def test_neither_the_first_screen_nor_a_resumed_sitting_loads_pydantic(tmp_path):
    code = f"""
import asyncio, sys
from datetime import datetime, timezone
from pathlib import Path
from collabcheck.core.bank import load_bank
from collabcheck.core.sitting import Sitting, save
from collabcheck.tui.app import create_app

async def main():
    app = create_app(load_bank(), Path({str(tmp_path / 'snaps')!r}), state_dir=Path({str(tmp_path)!r}))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen", app.screen
asyncio.run(main())
print("FIRST=" + str("pydantic" in sys.modules))
bank = load_bank()
save(Sitting.new(bank, [("Ann", ""), ("Bo", "")], datetime.now(timezone.utc)), Path({str(tmp_path)!r}))
asyncio.run(main())
print("RESUME=" + str("pydantic" in sys.modules))
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "FIRST=False" in run.stdout and "RESUME=False" in run.stdout, run.stdout
