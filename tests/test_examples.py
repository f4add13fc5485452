"""The bundled examples run and print the figures they promise."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def load_example(name: str) -> dict[str, Any]:
    return runpy.run_path(str(EXAMPLES / name), run_name="example")


def test_bolivia_peru_example_figures() -> None:
    """The reproduction computes 12/13, agrees with 92%, and rules out 11 activities."""
    example = load_example("bolivia_peru_evaluation.py")
    figures = example["summary"]()
    check = figures["check"]
    assert (check.met, check.total) == (12, 13)
    assert check.agrees
    assert (11, 12) in figures["pairs"]
    assert (23, 25) in figures["pairs"]
    assert all(total != 11 for _, total in figures["pairs"])
    assert len(figures["current"].activities) == 11
    assert len(figures["current"].axes) == 4


def test_bolivia_peru_example_prints() -> None:
    """Run as a script, the example prints the check and the 2025–2026 design."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "bolivia_peru_evaluation.py")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    out = result.stdout
    assert "12 of 13 = 92.3%" in out
    assert "Agrees with the reported figure at its rounding: yes" in out
    assert "With 11 activities, 92% is impossible" in out
    assert "11 activities in 4 axes" in out
    assert result.stderr == ""


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.py")), ids=lambda p: p.name)
def test_every_example_runs(path: Path) -> None:
    """Every script in examples/ runs to the end without error."""
    subprocess.run([sys.executable, str(path)], capture_output=True, check=True, timeout=300)
