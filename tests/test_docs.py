"""Every example in the documentation runs, and the documentation site builds.

From every ``docs/*.md`` page and ``README.md``:

- fenced ```` ```python ```` blocks run in order, one fresh namespace per page, from the
  repository root; a block whose info string says more than ``python`` (```` ```python title=
  ```` ...) or that follows an ``<!-- skip -->`` line is deliberately not run;
- ```` ```yaml ```` blocks that start with ``coopframe: 1``, ```` ```json ```` blocks holding a
  ``"coopframe"`` key and ```` ```toml ```` blocks that start with ``coopframe = 1`` are read
  with :func:`coopframe.loads`;
- every ``$ coopframe ...`` line of a ```` ```console ```` or ```` ```bash ```` block runs
  through the command and must exit with status 0.

The site itself (``mkdocs build --strict``) is built when the ``docs`` extra is installed.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pkgutil
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import coopframe as cf

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = [*sorted(DOCS.glob("*.md")), ROOT / "README.md"]

_FENCE = re.compile(
    r"^(?P<indent> *)```(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$", re.M | re.S
)
_SKIP = "<!-- skip -->"


def _blocks(page: Path) -> list[tuple[str, str, bool]]:
    """``(info, body, skipped)`` for every fenced block of a page, in order."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in _FENCE.finditer(text):
        before = text[: match.start()].rstrip().rsplit("\n", 1)[-1].strip()
        found.append((match.group("info").strip(), match.group("body"), before == _SKIP))
    return found


def _python_blocks(page: Path) -> list[str]:
    return [body for info, body, skipped in _blocks(page) if info == "python" and not skipped]


def _documents(page: Path) -> list[tuple[str, str]]:
    """``(format, text)`` of the coopframe documents written out on a page."""
    documents = []
    for info, body, skipped in _blocks(page):
        if skipped:
            continue
        first = body.lstrip().split("\n", 1)[0].strip()
        if info == "yaml" and first.startswith("coopframe: 1"):
            documents.append(("yaml", body))
        elif info == "toml" and first.startswith("coopframe = 1"):
            documents.append(("toml", body))
        elif info == "json" and '"coopframe"' in body:
            documents.append(("json", body))
    return documents


def _commands(page: Path) -> list[str]:
    """Every ``$ coopframe ...`` line of the console and bash blocks of a page."""
    commands = []
    for info, body, skipped in _blocks(page):
        if skipped or info not in {"console", "bash", "shell", "sh"}:
            continue
        for line in body.splitlines():
            line = line.strip()
            if line.startswith("$ coopframe ") or line == "$ coopframe":
                commands.append(line[2:])
    return commands


def _ids(pages: list[Path]) -> list[str]:
    return [page.relative_to(ROOT).as_posix() for page in pages]


def test_the_pages_are_found() -> None:
    """The collection finds the pages and their examples (so the tests below test something)."""
    names = {page.name for page in PAGES}
    assert {"index.md", "getting-started.md", "tutorial.md", "methodology.md"} <= names
    assert len(_python_blocks(DOCS / "tutorial.md")) >= 5
    assert _commands(DOCS / "cli.md")
    assert _documents(DOCS / "getting-started.md")


def test_fences_are_parsed(tmp_path: Path) -> None:
    """Info strings, skip markers and bodies are read as written."""
    page_text = (
        "Text\n\n```python\nx = 1\n```\n\n<!-- skip -->\n```python\nraise SystemExit\n```\n\n"
        '```python title="sketch.py"\nnot python\n```\n\n```console\n$ coopframe datasets\n'
        "$ echo hi\n```\n"
    )
    page = tmp_path / "sample.md"
    page.write_text(page_text, encoding="utf-8")
    assert _python_blocks(page) == ["x = 1\n"]
    assert _commands(page) == ["coopframe datasets"]


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_python_blocks_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python block of the page runs, in order, in one namespace, from the repo root."""
    blocks = _python_blocks(page)
    if not blocks:
        pytest.skip("no python block on this page")
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for number, body in enumerate(blocks, start=1):
        code = compile(body, f"{page.name}[python block {number}]", "exec")
        exec(code, namespace)


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_documents_load(page: Path) -> None:
    """Every coopframe document written out on the page is read without a problem."""
    documents = _documents(page)
    if not documents:
        pytest.skip("no coopframe document on this page")
    for fmt, text in documents:
        if fmt == "json":
            json.loads(text)
        document = cf.loads(text, format=fmt)  # type: ignore[arg-type]
        assert isinstance(document, cf.Roadmap | cf.Agreement)


@pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
def test_commands_run(page: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every ``$ coopframe ...`` command on the page exits with status 0 (files go to a temporary
    directory)."""
    commands = _commands(page)
    if not commands:
        pytest.skip("no coopframe command on this page")
    if importlib.util.find_spec("coopframe.cli") is None:
        pytest.skip("coopframe.cli is not there yet")
    from click.testing import CliRunner

    from coopframe.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command in commands:
        result = runner.invoke(main, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{command}\n{result.output}"


def _public_modules() -> set[str]:
    names = {"coopframe"}
    for info in pkgutil.walk_packages(cf.__path__, prefix="coopframe."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.add(info.name)
    return names


def test_every_public_module_has_a_reference_page() -> None:
    """Each public module has its page in docs/reference, rendered with ``::: module``."""
    for name in sorted(_public_modules()):
        short = name.removeprefix("coopframe.") if name != "coopframe" else "coopframe"
        page = DOCS / "reference" / f"{short}.md"
        assert page.exists(), f"no reference page for {name}"
        assert f"::: {name}" in page.read_text(encoding="utf-8")


def test_every_page_is_in_the_navigation() -> None:
    """mkdocs.yml's nav lists every page of docs/ (a page left out is unreachable)."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in sorted(DOCS.rglob("*.md")):
        relative = page.relative_to(DOCS).as_posix()
        if relative.startswith("_"):
            continue
        assert f": {relative}" in config, f"{relative} is not in the nav of mkdocs.yml"


def test_images_exist() -> None:
    """Every image a page embeds is in docs/."""
    for page in sorted(DOCS.glob("*.md")):
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if "://" not in target:
                assert (page.parent / target).exists(), f"{page.name}: missing image {target}"


def test_site_builds(tmp_path: Path) -> None:
    """``mkdocs build --strict`` succeeds: no broken link, no docstring warning."""
    if os.environ.get("COOPFRAME_DOCS_BUILT"):
        pytest.skip("this run already built the docs with mkdocs build --strict (.ci/run)")
    for module in ("mkdocs", "material", "mkdocstrings_handlers.python"):
        if importlib.util.find_spec(module.split(".")[0]) is None:
            pytest.skip(f"{module} is not installed (the docs extra)")
    if importlib.util.find_spec("mkdocstrings_handlers") is None:
        pytest.skip("mkdocstrings-python is not installed (the docs extra)")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert (tmp_path / "site" / "index.html").exists()
