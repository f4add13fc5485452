"""The Python examples of README.md and docs/*.md pass ``mypy --strict``.

Each page's runnable blocks (those tests/test_docs.py runs, in order, as one namespace) become
one module in a temporary folder, and one mypy run checks them all against this checkout's
``src``. Skipped when mypy is not installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_docs import PAGES, ROOT, _python_blocks


def _module_name(page: Path) -> str:
    """A module name of its own for each page: ``readme``, ``docs_getting_started``, ..."""
    stem = page.stem.lower() if page.parent == ROOT else f"docs_{page.stem}"
    return re.sub(r"\W", "_", stem.lower())


def _page_module(page: Path) -> str:
    """The page's runnable blocks at their own lines, every other line left empty.

    So a line mypy reports is the line of the page.
    """
    text = page.read_text(encoding="utf-8")
    lines = [""] * text.count("\n")
    cursor = 0
    for body in _python_blocks(page):
        start = text.index(body, cursor)
        first = text.count("\n", 0, start)
        for offset, line in enumerate(body.splitlines()):
            lines[first + offset] = line
        cursor = start + len(body)
    return "\n".join(lines) + "\n"


def _write_examples(folder: Path) -> dict[str, Path]:
    """One module per page with runnable Python blocks, keyed by module file name."""
    written = {}
    for page in PAGES:
        if not _python_blocks(page):
            continue
        path = folder / f"{_module_name(page)}.py"
        path.write_text(_page_module(page), encoding="utf-8")
        written[path.name] = page
    return written


def test_examples_keep_their_page_lines(tmp_path: Path) -> None:
    """Each block's lines stand at the page's own line numbers, so errors point at the page."""
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n```python\nx = 1\n```\n\ntext\n```python\ny = x\n```\n")
    lines = _page_module(page).splitlines()
    assert lines[3] == "x = 1"
    assert lines[8] == "y = x"
    assert [line for line in lines if line] == ["x = 1", "y = x"]


def test_module_names_are_distinct() -> None:
    """No two pages would share a module (one would hide the other's errors)."""
    names = [_module_name(page) for page in PAGES]
    assert len(names) == len(set(names))
    assert all(name.isidentifier() for name in names)


def test_the_examples_pass_mypy_strict(tmp_path: Path) -> None:
    """One ``mypy --strict`` run over every page's examples reports no error."""
    pytest.importorskip("mypy.api")
    written = _write_examples(tmp_path)
    assert "readme.py" in written, "README.md has no runnable Python block"
    environment = {**os.environ, "MYPYPATH": str(ROOT / "src")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--enable-error-code=ignore-without-code",
            "--no-error-summary",
            "--hide-error-context",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            *sorted(str(tmp_path / name) for name in written),
        ],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    report = result.stdout.replace(str(tmp_path) + os.sep, "")
    for name, page in written.items():
        report = report.replace(name, os.path.relpath(page, ROOT))
    assert result.returncode == 0, report + result.stderr
