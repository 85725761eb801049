"""collabcheck uses Textual's public API only: no private attribute, no private override.

Privacy rests on the fault path (`tui/crash.py`) keeping tracebacks, which can hold a private
reflection, off the terminal. Built on Textual's private internals, a minor Textual release
could quietly bring the tracebacks back; so every name that starts with one underscore and
that Textual's App, Screen or Widget has (as a method, a class attribute or an attribute set
in its constructor) must not be read, set or defined anywhere under `src/`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Header, OptionList, Static, TextArea

SRC = Path(__file__).resolve().parents[1] / "src" / "collabcheck"


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def textual_private_names() -> set[str]:
    """Every single-underscore name on Textual's app, screens and the widgets the app uses."""
    names: set[str] = set()
    for cls in (App, Screen, ModalScreen, Widget, Button, Footer, Header, OptionList, Static, TextArea):
        names.update(n for n in dir(cls) if _private(n))
    for instance in (App(), Screen(), Static(), TextArea()):
        names.update(n for n in vars(instance) if _private(n))
    return names


def _own_names(tree: ast.AST) -> set[int]:
    """Nodes that are plainly not Textual's: `os._exit` on an imported module, and
    `self._x` inside a class with no base class (so nothing of Textual's to shadow)."""
    modules = {
        (a.asname or a.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for a in node.names
    }
    own = {
        id(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
    }
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and not cls.bases:
            own.update(
                id(node)
                for node in ast.walk(cls)
                if isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            )
    return own


def private_uses(source: str, private: set[str]) -> list[str]:
    """Where `source` reads, sets or defines one of the `private` names ("line: name")."""
    tree = ast.parse(source)
    own = _own_names(tree)
    found = []
    for node in ast.walk(tree):
        name = None
        if isinstance(node, ast.Attribute) and id(node) not in own:
            name = node.attr
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            name = node.name
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            name = node.id  # a class attribute that would shadow Textual's
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            name = node.value  # getattr(app, "_something")
        if name is not None and name in private:
            found.append(f"{getattr(node, 'lineno', '?')}: {name}")
    return sorted(set(found), key=lambda use: int(use.split(":")[0]))


# The only private use left, in a module another change is rewriting: the note box extends
# TextArea's own key, paste and click handlers. Listed here so that any new use still fails.
KNOWN = {"tui/screens/note_area.py": {"_on_key", "_on_paste", "_on_mouse_down"}}
# Only the layers that touch Textual: the domain never imports it (tests/test_layers.py).
UI = ("tui", "cli", "plain")
PRIVATE = textual_private_names()


def test_the_list_of_textual_private_names_is_real() -> None:
    """The list really holds what the fault path once used, so the check below can fail."""
    assert {
        "_handle_exception",
        "_exit_renderables",
        "_return_code",
        "_exception",
        "_close_messages_no_wait",
        "_loop",
    } <= PRIVATE


def test_the_checker_finds_each_kind_of_private_use() -> None:
    source = (
        "class A(App):\n"
        "    def _handle_exception(self, error):\n"
        "        self._return_code = 1\n"
        "        getattr(self, '_exit_renderables').clear()\n"
    )
    assert [use.split(": ")[1] for use in private_uses(source, PRIVATE)] == [
        "_handle_exception",
        "_return_code",
        "_exit_renderables",
    ]
    assert (
        private_uses(
            "import os\nos._exit(0)\nclass B:\n    def f(self):\n        self._closed = 1\n"
            "self.exit(return_code=1)\n",
            PRIVATE,
        )
        == []
    )


def test_no_module_uses_textual_private_api() -> None:
    offenders = {}
    for path in sorted(p for layer in UI for p in (SRC / layer).rglob("*.py")):
        where = path.relative_to(SRC).as_posix()
        uses = [
            u
            for u in private_uses(path.read_text(encoding="utf-8"), PRIVATE)
            if u.split(": ")[1] not in KNOWN.get(where, set())
        ]
        if uses:
            offenders[where] = uses
    assert not offenders, f"Textual's private API used (find a public way): {offenders}"
