"""The import graph of ``app/``: layers point one way, no cycles (lazy imports too), no Flask below.

Every ``import`` statement counts wherever it stands (in functions, under ``TYPE_CHECKING``). An
import of ``a.b.c`` is an edge to module ``a.b.c``; the parent packages Python loads on the way
are not edges. ``ARCHITECTURE.md`` describes the same layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
# Lowest first; a module may import its own layer and those below, never one above.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("app.errors", "app.models", "app.config")),
    (
        "core",
        (
            "app.metrics",
            "app.jobs",
            "app.lanes",
            "app.audio",
            "app.store",
            "app.fetch",
            "app.extract",
            "app.clean",
            "app.speech",
        ),
    ),
    ("services", ("app.services",)),
    (
        "pipeline",
        (
            "app.pipeline",
            "app.identity",
            "app.planning",
            "app.audiostate",
            "app.deletion",
            "app.portal",
            "app.recovery",
            "app.pronunciation",
            "app.trial",
            "app.remake",
            "app.watch",
        ),
    ),
    ("worker", ("app.worker",)),
    ("interface", ("app.web", "app.cli", "app.serve", "app.channels", "app")),
)
WEB_FRAMEWORKS = ("flask", "werkzeug", "jinja2")


def module_name(path: Path) -> str:
    """``app/store/local.py`` -> ``app.store.local``; a package is its ``__init__``."""
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(APP.rglob("*.py"))}


def imported(module: str) -> set[str]:
    """Every module ``module`` names in an import statement (ours resolved to modules)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return found


GRAPH = {module: {m for m in imported(module) if m in MODULES} for module in MODULES}


def layer_of(module: str) -> int:
    """The index of the layer ``module`` belongs to (longest prefix wins)."""
    best, rank = -1, -1
    for index, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def test_every_module_belongs_to_a_layer() -> None:
    assert [m for m in MODULES if layer_of(m) < 0] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_layer_above_it(module: str) -> None:
    upward = [m for m in GRAPH[module] if layer_of(m) > layer_of(module)]
    assert upward == [], f"{module} ({LAYERS[layer_of(module)][0]}) imports {upward}"


def test_the_import_graph_has_no_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def reachable(module: str) -> set[str]:
    """Every module of ours that importing ``module`` can import, itself included."""
    seen, pending = set(), [module]
    while pending:
        current = pending.pop()
        if current not in seen:
            seen.add(current)
            pending.extend(GRAPH[current])
    return seen


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer_of(m) < len(LAYERS) - 1))
def test_core_modules_never_import_flask(module: str) -> None:
    flask_users = [
        m for m in reachable(module) if any(i.split(".")[0] in WEB_FRAMEWORKS for i in imported(m))
    ]
    assert flask_users == []


def test_the_checker_sees_lazy_and_type_checking_imports() -> None:
    assert "app.pipeline" in GRAPH["app.worker"]
    assert "app.jobs" in GRAPH["app.store"]  # under TYPE_CHECKING
    assert "app.speech.engines.espeak" in GRAPH["app.speech.engines"]  # inside a function


MAX_LINES = 400  # the house style's bound: a longer module holds more than one concept


def test_every_module_of_app_is_under_400_lines() -> None:
    lengths = {m: len(p.read_text(encoding="utf-8").splitlines()) for m, p in MODULES.items()}
    assert {m: n for m, n in lengths.items() if n >= MAX_LINES} == {}


def test_the_map_names_every_package_of_app() -> None:
    text = (APP.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    packages = sorted({m for m, p in MODULES.items() if m.count(".") == 1})
    assert [p for p in packages if f"`{p.replace('.', '/')}" not in text] == []
