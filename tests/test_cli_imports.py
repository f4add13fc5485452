"""Each command of ``coopframe`` imports only what it needs.

The commands import the analysis, the reports and the plots inside their functions, so
``coopframe --help`` and ``coopframe datasets`` load none of them. The package face
(``coopframe/__init__.py``) imports every subpackage for ``cf.analysis`` and the like, so these
tests load the command line in a fresh interpreter past the face: ``coopframe`` is registered
as a bare package whose ``__init__`` is not run, and what the command line itself loads is what
``sys.modules`` then holds.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_RUN = """
import importlib.util, io, json, sys, types
from contextlib import redirect_stdout

spec = importlib.util.find_spec("coopframe")
face = types.ModuleType("coopframe")
face.__path__ = list(spec.submodule_search_locations)
face.__spec__ = spec
sys.modules["coopframe"] = face

from coopframe.cli import main

with redirect_stdout(io.TextIOWrapper(io.BytesIO(), encoding="utf-8")):
    try:
        main(json.loads(sys.argv[1]), prog_name="coopframe")
    except SystemExit as done:
        assert not done.code, done.code
print(json.dumps(sorted(name for name in sys.modules if name.startswith("coopframe."))))
"""

HEAVY = ("coopframe.analysis", "coopframe.report", "coopframe.render", "coopframe.plot")
"""What a command that needs no analysis, report or figure must not load."""


def _loaded(*arguments: str) -> list[str]:
    """The coopframe modules loaded by running ``coopframe ARGUMENTS`` past the face."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, json.dumps(list(arguments))],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def _heavy(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(f"{h}.") for h in HEAVY)]


@pytest.mark.parametrize(
    "arguments",
    [("--help",), ("--version",), ("datasets", "--help"), ("evaluate", "--help"), ("schema",)],
)
def test_help_and_plain_commands_load_no_analysis(arguments: tuple[str, ...]) -> None:
    """Importing the command line, its help (a command's too, but for ``rank``, whose help
    shows the analysis' largest number of samples) and ``schema`` load no analysis, report or
    plot module."""
    assert _heavy(_loaded(*arguments)) == []


def test_datasets_loads_the_reports_but_no_plot() -> None:
    """``coopframe datasets`` prints a table, so it loads the reports, but no plot module."""
    loaded = _loaded("datasets")
    assert [m for m in loaded if m.startswith(("coopframe.report", "coopframe.render"))]
    assert not [m for m in loaded if m.startswith("coopframe.plot")]


@pytest.mark.xfail(
    strict=True,
    reason="coopframe.render imports coopframe.analysis at module level for its result types, "
    "so the table of `coopframe datasets` loads the analysis with it",
)
def test_datasets_loads_no_analysis() -> None:
    """``coopframe datasets`` lists bundled files: nothing in it needs the analysis."""
    assert not [m for m in _loaded("datasets") if m.startswith("coopframe.analysis")]


def test_commands_that_need_the_analysis_load_it() -> None:
    """The check can tell: ``compare`` loads the analysis and the reports when it runs."""
    loaded = _loaded("compare", "bolivia-peru-2021-2022", "bolivia-peru-2025-2026")
    assert "coopframe.analysis" in loaded
    assert [m for m in loaded if m.startswith(("coopframe.report", "coopframe.render"))]
    assert "coopframe.analysis" in _loaded("rank", "--help")
