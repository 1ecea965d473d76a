"""The layout keeps its promises: packages import one way only (the layers in docs/architecture.md),
there is no import cycle between packages, and the library reads no environment variable (the CLI
reads the documented ones and passes them down as arguments)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "cuidado"
DOC = ROOT / "docs" / "architecture.md"


def _layers() -> dict[str, int]:
    """Package → layer, from the table in docs/architecture.md ("| 7 | `report`, `scan` | … |")."""
    layers = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        row = re.match(r"^\|\s*(\d+)\s*\|([^|]*)\|", line)
        if row:
            for name in re.findall(r"`(\w+)`", row.group(2)):
                layers[name] = int(row.group(1))
    return layers


def _package_of(module: str) -> str | None:
    """cuidado.scan.pipeline → scan; cuidado.models → models; the root package (its version) → None."""
    parts = module.split(".")
    if parts[0] != "cuidado" or len(parts) == 1:
        return None
    return "cli" if parts[1] == "__main__" else parts[1]  # `python -m cuidado` is the CLI's entry point


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Every cuidado module imported by `module` (at the top or inside a function), with its line."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from .metadata import …
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.append((name, node.lineno))
    return [(name, line) for name, line in found if name == "cuidado" or name.startswith("cuidado.")]


def _edges() -> list[tuple[str, str, str]]:
    """(importing package, imported package, where) for every import that crosses a package boundary."""
    edges = []
    for module, path in _modules().items():
        source = _package_of(module)
        for name, line in _imports(module, path):
            target = _package_of(name)
            if source and target and target != source:
                edges.append((source, target, f"{path.relative_to(ROOT)}:{line} imports {name}"))
    return edges


def test_every_package_is_placed_in_a_layer_in_the_docs():
    packages = {_package_of(module) for module in _modules()} - {None}
    layers = _layers()
    assert packages - set(layers) == set(), "add these packages to the layer table in docs/architecture.md"
    assert set(layers) - packages == set(), "the layer table in docs/architecture.md names packages that do not exist"


def test_imports_go_down_the_layers_only():
    """A package imports only packages in lower layers: never one in its own layer or above."""
    layers = _layers()
    wrong = [
        f"{where} ({source}, layer {layers[source]} → {target}, layer {layers[target]})"
        for source, target, where in _edges()
        if layers[target] >= layers[source]
    ]
    assert not wrong, (
        "imports against the direction in docs/architecture.md; move the code to the right "
        "package (or, if the direction is right, change the table there):\n" + "\n".join(wrong)
    )


def test_no_import_cycle_between_packages():
    graph: dict[str, set[str]] = {}
    for source, target, _ in _edges():
        graph.setdefault(source, set()).add(target)
    cycle = _find_cycle(graph)
    assert cycle is None, "import cycle between packages: " + " → ".join(cycle or [])


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in `graph` as a path that returns to its start, or None (iterative depth-first search)."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once fully explored
    for start in sorted(graph):
        if start in state:
            continue
        path, stack = [start], [iter(sorted(graph.get(start, ())))]
        state[start] = "open"
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = "done"
                stack.pop()
            elif state.get(nxt) == "open":
                return path[path.index(nxt) :] + [nxt]
            elif nxt not in state:
                state[nxt] = "open"
                path.append(nxt)
                stack.append(iter(sorted(graph.get(nxt, ()))))
    return None


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, ["a", "b", "c", "a"]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set(), "d": {"d"}}, ["d", "d"]),
    ],
)
def test_the_cycle_finder_finds_cycles_and_only_cycles(graph, cycle):
    assert _find_cycle(graph) == cycle


def _environment_reads(path: Path) -> list[int]:
    """Lines that read an environment variable: os.environ.get/[…]/os.getenv. Handing the whole
    environment to a child process ({**os.environ, …}) is not a read of a setting."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        target = node.func if isinstance(node, ast.Call) else node.value if isinstance(node, ast.Subscript) else None
        text = ast.unparse(target) if target is not None else ""
        if text in ("os.getenv", "os.environ.get") or (isinstance(node, ast.Subscript) and text == "os.environ"):
            lines.append(node.lineno)
    return lines


def test_only_the_cli_reads_environment_variables():
    reads = {
        f"{path.relative_to(ROOT)}:{line}"
        for module, path in _modules().items()
        if _package_of(module) != "cli"
        for line in _environment_reads(path)
    }
    assert not reads, "the library takes settings as arguments; read $CUIDADO_… in cuidado/cli/ only: " + str(reads)
    cli_reads = [line for path in (PACKAGE / "cli").glob("*.py") for line in _environment_reads(path)]
    assert cli_reads, "the check finds nothing at all: it would pass whatever the library did"
