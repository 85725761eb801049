"""The architecture, checked: packages by role, data flowing one way, no cycles, no Textual below.

files → core → scoring → history → render → tui | plain → cli. A module may import from its
own layer or any layer below, never above. `tui` (the Textual app) and `plain` (the same
sitting as plain questions and answers, for a screen reader or a web page) are two front ends
side by side: neither imports the other, so either can change or go without touching the
other. `core`, `scoring`, `history`, `render` and `plain` never import a user-interface
package (Textual, textual-serve, Rich), so scripts, CI and reports stay fast and the rule can
be read without a UI. Function-level imports count, and so do dynamic ones
(`importlib.import_module("…")`, `__import__("…")`): they are how cycles and layer breaks hide.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "collabcheck"
LAYERS = {"core": 0, "scoring": 1, "history": 2, "render": 3, "tui": 4, "plain": 4, "cli": 5}
SIDE_BY_SIDE = {"tui": "plain", "plain": "tui"}  # the same level; neither imports the other
NO_UI = {"core", "scoring", "history", "render", "plain"}
UI_PACKAGES = {
    "textual",
    "textual_serve",
    "textual_dev",
    "rich",
    "prompt_toolkit",
    "urwid",
    "blessed",
    "curses",
    "asciimatics",
    "npyscreen",
}
DYNAMIC = "<a name worked out while running>"  # what an import_module(variable) imports


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _runtime_nodes(tree: ast.AST):
    """Every node but those under `if TYPE_CHECKING:` (type hints only, never run)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
                continue
            stack.append(child)


def _dynamic_import(node: ast.AST) -> str | None:
    """The module a call like `importlib.import_module("x")` or `__import__("x")` imports
    (DYNAMIC when the name is not written in the call), or None for any other node."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if called not in ("import_module", "__import__"):
        return None
    first = node.args[0] if node.args else None
    if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
        return first.value
    return DYNAMIC


def _imports(name: str, path: Path) -> set[str]:
    """Every module this one imports, anywhere in its body (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if (dynamic := _dynamic_import(node)) is not None:
            found.add(dynamic)
            if dynamic != DYNAMIC:  # the packages it passes through are imported too
                parts = dynamic.split(".")
                found.update(".".join(parts[:n]) for n in range(1, len(parts)))
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            for alias in node.names:  # `from collabcheck.core import bank` imports a module
                if f"{base}.{alias.name}" in MODULES:
                    found.add(f"{base}.{alias.name}")
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "collabcheck" and parts[1] in LAYERS else None


@cache
def raw() -> dict[str, set[str]]:
    """Every module's imports, read once, by the first test that needs them (not while the
    tests are collected: every worker collects, and reading the whole package took seconds)."""
    return {name: _imports(name, path) for name, path in MODULES.items()}


@cache
def graph() -> dict[str, set[str]]:
    """Every module's imports of collabcheck's own modules."""
    return {name: {m for m in found if m in MODULES and m != name} for name, found in raw().items()}


def test_every_module_lives_in_a_layer() -> None:
    loose = [
        m for m in MODULES if m.count(".") >= 1 and _layer(m) is None and m not in ("collabcheck.__main__",)
    ]
    assert not loose, f"modules outside core/scoring/history/render/tui/plain/cli: {loose}"


def _upward(module: str, imports: set[str]) -> list[str]:
    """What `module` imports from a layer above its own."""
    mine = _layer(module)
    if mine is None:
        return []
    return sorted(m for m in imports if (other := _layer(m)) is not None and LAYERS[other] > LAYERS[mine])


def _sibling(module: str, imports: set[str]) -> list[str]:
    """What a front end (`tui` or `plain`) imports from the other one."""
    other = SIDE_BY_SIDE.get(_layer(module) or "")
    return sorted(m for m in imports if other is not None and _layer(m) == other)


def _ui(module: str, imports: set[str]) -> list[str]:
    """The user-interface packages a module of a layer that must not have one imports."""
    if _layer(module) not in NO_UI:
        return []
    return sorted(m for m in imports if m.split(".")[0] in UI_PACKAGES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_it(module: str) -> None:
    upward = _upward(module, graph()[module])
    assert not upward, f"{module} ({_layer(module)}) imports from a layer above it: {upward}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in SIDE_BY_SIDE))
def test_the_two_front_ends_never_import_each_other(module: str) -> None:
    bad = _sibling(module, graph()[module])
    assert not bad, f"{module} imports from the other front end: {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in NO_UI))
def test_lower_layers_never_import_a_user_interface_package(module: str) -> None:
    bad = _ui(module, raw()[module])
    assert not bad, f"{module} imports {bad}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_dynamic_import_names_its_module(module: str) -> None:
    """An import whose name is worked out while running cannot be checked, so there is none."""
    assert DYNAMIC not in raw()[module], f"{module} imports a module named only at run time"


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components over every import, function-level included."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph()[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            # A package's __init__ importing its own submodules is not a cycle worth failing on.
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph()):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    """The checker itself: an import hidden in a function body is found (how cycles hid before)."""
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from collabcheck.tui import app\n    import textual.widgets\n")
    found = _imports("collabcheck.core.m", src)
    assert {"collabcheck.tui", "collabcheck.tui.app", "textual.widgets"} <= found


def test_the_checker_sees_dynamic_imports(tmp_path: Path) -> None:
    """`importlib.import_module` and `__import__` count as imports, the packages on the way
    included; a name worked out while running is flagged rather than missed."""
    src = tmp_path / "m.py"
    src.write_text(
        "import importlib\nfrom importlib import import_module\n"
        "def f(name):\n"
        "    importlib.import_module('collabcheck.tui.app')\n"
        "    __import__('textual_serve.server')\n"
        "    import_module(name)\n"
    )
    found = _imports("collabcheck.core.m", src)
    assert {
        "collabcheck.tui",
        "collabcheck.tui.app",
        "textual_serve",
        "textual_serve.server",
        DYNAMIC,
    } <= found


def test_the_rules_catch_each_kind_of_break(tmp_path: Path) -> None:
    """Each rule, applied to a made-up module that breaks it, fails it."""

    def imports_of(name: str, source: str) -> set[str]:
        path = tmp_path / f"{name.replace('.', '_')}.py"
        path.write_text(source)
        return _imports(name, path)

    hidden = imports_of(
        "collabcheck.core.m", "import importlib\nimportlib.import_module('collabcheck.tui.app')\n"
    )
    assert _upward("collabcheck.core.m", hidden) == ["collabcheck.tui", "collabcheck.tui.app"]
    for a, b in (("plain", "tui"), ("tui", "plain")):
        crossed = imports_of(f"collabcheck.{a}.m", f"from collabcheck.{b} import flow\n")
        assert f"collabcheck.{b}" in _sibling(f"collabcheck.{a}.m", crossed)
        assert _upward(f"collabcheck.{a}.m", crossed) == []  # the same level, so only this rule
    served = imports_of(
        "collabcheck.render.m",
        "def f():\n    __import__('textual_serve')\n    from rich.table import Table\n",
    )
    assert _ui("collabcheck.render.m", served) == ["rich.table", "textual_serve"]
    assert _ui("collabcheck.tui.m", served) == []  # the Textual app may use them
