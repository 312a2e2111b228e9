"""The package's shape, read from its imports (nothing is imported or run): no import circles,
detectors are leaves that never import one another, rules are pure, and every module imports
only from its own layer or the layers below it."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vmscreen"

# Lowest first. A module may import from its own layer and the layers before it.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("vmscreen._version", "vmscreen.hashing", "vmscreen.findings", "vmscreen.codes",
     "vmscreen.models", "vmscreen.setup_files", "vmscreen.zones", "vmscreen.policy",
     "vmscreen.policies",
     # A fixed vocabulary, like Category: the policy checks its [scene_model] places against it.
     "vmscreen.rules.place_kinds"),
    ("vmscreen.rules",),
    ("vmscreen.media",),
    ("vmscreen.analyses",),
    ("vmscreen.detectors",),
    ("vmscreen.result", "vmscreen.report"),
    ("vmscreen.engine",),
    ("vmscreen.cli", "vmscreen.__main__", "vmscreen"),
)
# Libraries that read files, images or models: a rule takes text and numbers instead.
IMPURE = ("numpy", "cv2", "PIL", "onnxruntime", "zxingcpp", "pytesseract", "io", "os",
          "pathlib", "importlib", "subprocess", "shutil")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path) -> set[str]:
    """Every name a module imports, at any depth of its code (functions, TYPE_CHECKING too)."""
    base = name if path.name == "__init__.py" else name.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parent = ".".join(base.split(".")[: len(base.split(".")) - node.level + 1])
                target = f"{parent}.{node.module}" if node.module else parent
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        edges = set()
        for target in _imports(name, path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return circles


def _layer(module: str) -> int:
    """The layer of the longest prefix that names the module."""
    matches = [(len(prefix), level) for level, prefixes in enumerate(LAYERS)
               for prefix in prefixes if module == prefix or module.startswith(prefix + ".")]
    assert matches, f"{module} belongs to no layer: add it to LAYERS"
    return max(matches)[1]


def test_there_are_no_import_circles():
    assert _circles(_graph()) == []


def test_detectors_are_leaves():
    graph = _graph()
    detectors = {m for m in graph if m.startswith("vmscreen.detectors.")}
    shared = {"vmscreen.detectors", "vmscreen.detectors.base"}
    crossing = sorted(f"{m} -> {t}" for m in detectors - shared for t in graph[m]
                      if t in detectors and t not in shared)
    assert crossing == []


def test_rules_are_pure():
    modules = _modules()
    for name, path in modules.items():
        if not name.startswith("vmscreen.rules"):
            continue
        for target in _imports(name, path):
            root = target.split(".")[0]
            assert root not in IMPURE, f"{name} imports {target}"
            if root == "vmscreen":
                assert target.startswith("vmscreen.rules"), f"{name} imports {target}"


def test_every_module_imports_only_from_its_own_layer_or_below():
    upward = sorted(f"{module} -> {target}" for module, targets in _graph().items()
                    for target in targets if _layer(target) > _layer(module))
    assert upward == []


def test_the_check_finds_what_it_looks_for():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _layer("vmscreen.engine.screener") > _layer("vmscreen.detectors.faces") > _layer(
        "vmscreen.analyses.frame") > _layer("vmscreen.media.frames")
