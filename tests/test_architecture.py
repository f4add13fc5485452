"""The layers of the package, read from the imports of every module (``ast``, nothing imported).

Data flows one way: ``model`` <- ``io``, ``graph`` <- ``scoring`` <- ``analysis`` <- ``render``,
``plot`` <- ``cli``. A module imports only from its own layer or the layers below it; a private
name (``_x``) is never imported from another package; ``io`` is imported only by the command line,
the datasets and the analysis (``docs/architecture.md``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "coopframe"

LAYERS: dict[str, int] = {
    "exceptions": 0,
    "_checks": 0,
    "_optional": 0,
    "_text": 0,
    "_util": 0,
    "model": 1,
    "io": 2,
    "graph": 2,
    "synthetic": 2,
    "testing": 2,
    "datasets": 3,
    "scoring": 3,
    "analysis": 4,
    "render": 5,
    "plot": 5,
    "cli": 6,
    "__main__": 6,
}
"""Each top-level module or package of coopframe and its layer (0 is the bottom)."""

IO_USERS = {"io", "cli", "datasets", "analysis", "__main__"}


def _modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE
    )


def _top(path: Path) -> str:
    """The top-level module or package of coopframe that ``path`` belongs to."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> list[tuple[int, list[str]]]:
    """Every coopframe import of ``path`` (module-level or inside functions), as the dotted
    parts after ``coopframe``, with the line it is on."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "coopframe":
                    found.append((node.lineno, parts[1:]))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                parts = base + (node.module.split(".") if node.module else [])
            else:
                parts = (node.module or "").split(".")
            if parts and parts[0] == "coopframe":
                for alias in node.names:
                    found.append((node.lineno, [*parts[1:], alias.name]))
    return found


def test_every_module_has_a_layer() -> None:
    """A new top-level module or package is placed in a layer before it is used."""
    assert {_top(path) for path in _modules()} <= set(LAYERS)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_down_the_layers(path: Path) -> None:
    """A module imports only from its own layer or below."""
    own = _top(path)
    wrong = []
    for line, parts in _imports(path):
        if not parts or parts[0] not in LAYERS or parts[0] == own:
            continue
        if LAYERS[parts[0]] > LAYERS[own]:
            wrong.append(f"line {line}: coopframe.{'.'.join(parts)}")
    assert not wrong, f"{own} (layer {LAYERS[own]}) imports from above: {wrong}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_crosses_a_package(path: Path) -> None:
    """Private modules and names of one package are used only inside it (the shared private
    modules at the top, such as ``coopframe._util``, are for everyone)."""
    own = _top(path)
    wrong = []
    for line, parts in _imports(path):
        if len(parts) < 2 or parts[0] == own or parts[0].startswith("_"):
            continue
        if any(part.startswith("_") for part in parts[1:]):
            wrong.append(f"line {line}: coopframe.{'.'.join(parts)}")
    assert not wrong, f"{own} uses private names of other packages: {wrong}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_io_is_imported_only_at_the_edges(path: Path) -> None:
    """Only the command line, the datasets and the analysis read and write bytes through io."""
    own = _top(path)
    if own in IO_USERS:
        return
    wrong = [f"line {line}" for line, parts in _imports(path) if parts and parts[0] == "io"]
    assert not wrong, f"{own} imports coopframe.io: {wrong}"
