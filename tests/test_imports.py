"""No import loops in the project's packages, counting imports inside functions too.

An import inside a function, or under ``TYPE_CHECKING``, hides a loop from Python but not from
the reader: the two modules still cannot be understood, tested or moved one without the other.
The graph below counts every ``import`` statement wherever it stands. ``from package import
module`` is an edge to the module, not to the package's ``__init__`` (importing a submodule of
a package being initialised is the ordinary package layout, not a loop).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGES = ("build_tools", "bench")


def modules(root: Path, packages: tuple[str, ...]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def import_graph(root: Path, packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Module → the project's modules it imports anywhere in its source."""
    found = modules(root, packages)
    graph: dict[str, set[str]] = {}
    for name, path in found.items():
        base = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    package = base
                    for _ in range(node.level - 1):
                        package = package.rpartition(".")[0]
                    source = f"{package}.{node.module}" if node.module else package
                else:
                    source = node.module or ""
                submodules = {f"{source}.{alias.name}" for alias in node.names} & found.keys()
                targets.update(submodules)
                if len(submodules) < len(node.names):
                    targets.add(source)
        graph[name] = {target for target in targets if target in found and target != name}
    return graph


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_project_has_no_import_loop() -> None:
    graph = import_graph(ROOT, PACKAGES)
    assert {"build_tools.cli", "bench.generate"} <= graph.keys(), "the packages were not found"
    assert loops(graph) == []


@pytest.mark.parametrize(
    "where",
    [
        "from pkg.b import g",  # at the top
        "def f():\n    from pkg.b import g",  # hidden in a function
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import b",  # for types only
        "from . import b",  # relative
    ],
)
def test_a_loop_is_found_wherever_its_import_stands(tmp_path: Path, where: str) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text(where + "\n")
    (package / "b.py").write_text("from pkg.a import f\n")
    (package / "c.py").write_text("from pkg import a, b\n")  # imports both, in no loop
    assert loops(import_graph(tmp_path, ("pkg",))) == [["pkg.a", "pkg.b"]]


def test_a_submodule_of_the_package_being_initialised_is_not_a_loop(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from pkg.a import f\n")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("")
    assert loops(import_graph(tmp_path, ("pkg",))) == []
