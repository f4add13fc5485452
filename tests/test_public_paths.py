"""One public path per object: every public module lists its names in ``__all__``, no object is
listed by two of them, and every public module has its reference page."""

from __future__ import annotations

import importlib
import pkgutil
import re
import types
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

import coopframe

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference"
_TARGET = re.compile(r"^:::\s+(\S+)\s*$", re.MULTILINE)


def public_module_names() -> list[str]:
    """``coopframe`` and every module under it with no ``_`` at the start of any part."""
    names = ["coopframe"]
    for info in pkgutil.walk_packages(coopframe.__path__, "coopframe."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


PUBLIC = public_module_names()


def _key(name: str, value: object) -> tuple[Any, ...]:
    """What makes two listings the same object.

    Classes, functions and other objects are the same when they are identical. Numbers,
    strings, tuples and type aliases may be shared by the interpreter or by the aliases
    themselves (small ints, interned strings, cached ``Literal[...]``, ``AxisId`` and
    ``PartyId`` both being ``str``), so those count as the same only under the same name.
    """
    shared = (int, float, complex, str, bytes, bool, type(None), tuple, frozenset)
    if (
        isinstance(value, shared)
        or type(value).__module__ in ("typing", "types")
        or getattr(value, "__module__", None) == "builtins"
    ):
        return ("value", name, repr(value))
    return ("object", id(value))


def test_the_walk_finds_the_public_modules() -> None:
    """The walk reaches the package face and its public subpackages, never a private module."""
    assert {"coopframe", "coopframe.analysis", "coopframe.io", "coopframe.scoring"} <= set(PUBLIC)
    assert not [name for name in PUBLIC if "._" in name]


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_module_lists_existing_names_once(name: str) -> None:
    """Each public module has an ``__all__``; every name in it exists and appears once."""
    module = importlib.import_module(name)
    listed = getattr(module, "__all__", None)
    assert listed is not None, f"{name} has no __all__"
    assert len(listed) == len(set(listed)), f"{name}.__all__ lists a name twice"
    missing = [entry for entry in listed if not hasattr(module, entry)]
    assert not missing, f"{name}.__all__ lists names it does not have: {missing}"


def test_every_public_object_has_one_public_path() -> None:
    """No object (modules aside) is listed in the ``__all__`` of two public modules."""
    paths: dict[tuple[Any, ...], list[str]] = defaultdict(list)
    for name in PUBLIC:
        module = importlib.import_module(name)
        for entry in getattr(module, "__all__", ()):
            value = getattr(module, entry, None)
            if value is None or isinstance(value, types.ModuleType):
                continue
            paths[_key(entry, value)].append(f"{name}.{entry}")
    repeated = sorted(found for found in paths.values() if len(found) > 1)
    assert not repeated, f"objects with more than one public path: {repeated}"


def _targets(page: Path) -> list[str]:
    return _TARGET.findall(page.read_text(encoding="utf-8"))


def _resolves(target: str) -> bool:
    """Whether a ``:::`` target names a module, or an attribute of one."""
    module_name, _, attribute = target.rpartition(".")
    try:
        importlib.import_module(target)
    except ImportError:
        pass
    else:
        return True
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return False
    return hasattr(module, attribute)


def _is_module(target: str) -> bool:
    try:
        importlib.import_module(target)
    except ImportError:
        return False
    return True


def test_every_public_module_has_a_reference_page() -> None:
    """A ``::: module`` line in docs/reference/ for each public module."""
    documented = {target for page in REFERENCE.glob("*.md") for target in _targets(page)}
    assert not [name for name in PUBLIC if name not in documented]


@pytest.mark.parametrize("page", sorted(REFERENCE.glob("*.md")), ids=lambda page: page.name)
def test_every_reference_page_names_existing_modules(page: Path) -> None:
    """Each page names at least one public module, and each of its targets exists."""
    targets = _targets(page)
    assert any(target in PUBLIC for target in targets), f"{page.name} names no public module"
    assert all(_resolves(target) for target in targets), targets
    assert not [t for t in targets if _is_module(t) and t not in PUBLIC], "a private module"
