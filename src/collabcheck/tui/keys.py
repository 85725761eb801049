"""Keys a web browser keeps for itself, and the keys that do the same job in a browser tab.

Chromium never lets a page see Ctrl+N (new window), Ctrl+T (new tab) or Ctrl+W (close the
tab), whatever the page does. Under `collabcheck serve` each such key the app asks for has a
stand-in that reaches the app (tried with real key presses), and every hint names the
stand-in there. In a terminal nothing changes: `name` gives the usual name.
"""

from __future__ import annotations

from typing import Any

# The browser's own keys the app uses, each with a key that reaches the page instead.
BROWSER_KEEPS = {"ctrl+n": "f6"}
WORDS = {"ctrl+n": "Ctrl+N", "f6": "F6"}


def in_browser(app: Any) -> bool:
    """Whether this app runs in a browser tab (see `collabcheck.tui.served`)."""
    return bool(getattr(app, "in_browser", False))


def name(app: Any, key: str) -> str:
    """How to name `key` in a hint: the stand-in a browser lets through, when in one."""
    if in_browser(app):
        key = BROWSER_KEEPS.get(key, key)
    return WORDS.get(key, key)
