"""Golden outputs: every command, format and result type gives the bytes recorded before.

``tests/golden/regenerate.py`` records them; an output that changes on purpose is regenerated and
the change is recorded in CHANGELOG.md.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib.util
from pathlib import Path

import pytest

_SCRIPT = Path(__file__).parent / "golden" / "regenerate.py"
_spec = importlib.util.spec_from_file_location("coopframe_golden", _SCRIPT)
assert _spec is not None
assert _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

with contextlib.chdir(golden.ROOT):
    CASES = dict(golden.cases())


def test_every_recorded_output_has_a_case() -> None:
    """No golden file is left without the case that produces it (a renamed case is noticed)."""
    recorded = {p.relative_to(golden.OUTPUTS).as_posix() for p in golden.OUTPUTS.rglob("*")}
    recorded = {name for name in recorded if (golden.OUTPUTS / name).is_file()}
    assert recorded == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_unchanged(name: str) -> None:
    """The output is byte for byte the recorded one."""
    expected = (golden.OUTPUTS / name).read_bytes()
    with contextlib.chdir(golden.ROOT):
        actual = golden.recorded(CASES[name]())
    if actual != expected:
        diff = difflib.unified_diff(
            expected.decode("utf-8", "replace").splitlines(),
            actual.decode("utf-8", "replace").splitlines(),
            "recorded",
            "now",
            lineterm="",
            n=1,
        )
        pytest.fail(f"{name} changed:\n" + "\n".join(list(diff)[:40]))
