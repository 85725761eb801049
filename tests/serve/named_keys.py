"""Every key the app's bindings name, read from the screens themselves, so a key added later
is checked in a real browser too."""

from __future__ import annotations

import importlib
import pkgutil


def named_keys() -> set[str]:
    """Each key (e.g. "ctrl+n", "f5") bound anywhere in the app or its screens."""
    from textual.binding import Binding

    import collabcheck.tui.screens as screens
    from collabcheck.tui.app import CollabcheckApp

    owners: list[type] = [CollabcheckApp]
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        owners += [
            v for v in vars(module).values() if isinstance(v, type) and v.__module__ == module.__name__
        ]
    keys: set[str] = set()
    for owner in owners:
        for binding in vars(owner).get("BINDINGS", []):  # its own, not a widget's defaults
            if isinstance(binding, Binding):
                keys.update(k.strip() for k in binding.key.split(","))
            elif isinstance(binding, tuple):
                keys.update(k.strip() for k in binding[0].split(","))
    return keys
