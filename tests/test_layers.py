"""The architecture, checked: packages by role, data flowing one way, no cycles, no Textual below.

files → core → scoring → history → render → (tui | plain) → cli. A module may import from its
own layer or any layer below, never above; `core`, `scoring`, `history` and `render` never
import Textual (so scripts, CI and reports stay fast and the rule can be read without a UI).
Function-level imports count too: they are how cycles hid before.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "collabcheck"
LAYERS = {"core": 0, "scoring": 1, "history": 2, "render": 3, "tui": 4, "plain": 4, "cli": 5}
NO_TEXTUAL = {"core", "scoring", "history", "render", "plain"}


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


def _imports(name: str, path: Path) -> set[str]:
    """Every module this one imports, anywhere in its body (absolute names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.Import):
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


GRAPH = {name: {m for m in _imports(name, path) if m in MODULES and m != name}
         for name, path in MODULES.items()}
RAW = {name: _imports(name, path) for name, path in MODULES.items()}


def test_every_module_lives_in_a_layer() -> None:
    loose = [m for m in MODULES if m.count(".") >= 1 and _layer(m) is None
             and m not in ("collabcheck.__main__",)]
    assert not loose, f"modules outside core/scoring/history/render/tui/plain/cli: {loose}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_it(module: str) -> None:
    mine = _layer(module)
    if mine is None:
        return
    upward = sorted(m for m in GRAPH[module]
                    if (other := _layer(m)) is not None and LAYERS[other] > LAYERS[mine])
    assert not upward, f"{module} ({mine}) imports from a layer above it: {upward}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m) in NO_TEXTUAL))
def test_lower_layers_never_import_textual(module: str) -> None:
    bad = sorted(m for m in RAW[module] if m.split(".")[0] in ("textual", "rich"))
    assert not bad, f"{module} imports {bad}"


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
        for w in GRAPH[v]:
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

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert not cycles, f"import cycles: {cycles}"


def test_the_checker_sees_imports_inside_functions(tmp_path: Path) -> None:
    """The checker itself: an import hidden in a function body is found (how cycles hid before)."""
    src = tmp_path / "m.py"
    src.write_text("def f():\n    from collabcheck.tui import app\n    import textual.widgets\n")
    found = _imports("collabcheck.core.m", src)
    assert {"collabcheck.tui", "collabcheck.tui.app", "textual.widgets"} <= found
