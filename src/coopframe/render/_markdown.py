"""The ``markdown`` format: GitHub-flavoured Markdown with tables."""

from __future__ import annotations

import re
from collections.abc import Sequence

from coopframe.render._document import Document, Facts, Paragraph, Table
from coopframe.render._words import _plain

__all__ = ["render_markdown"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def _md(text: str) -> str:
    """Text on one line with the characters that can start Markdown markup backslash-escaped.

    Everything we write goes inside a line (after a list marker, a heading marker or a table
    pipe), so what can start a block at the beginning of a line needs no escape.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _plain(text))


def _markdown_table(table: Table) -> list[str]:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_md(cell) for cell in cells) + " |"

    rule = "| " + " | ".join("---:" if n else "---" for n in table.numeric) + " |"
    return [row(table.headers), rule, *(row(cells) for cells in table.rows)]


def _markdown_document(document: Document, *, level: int = 1) -> str:
    lines = [] if document.headless else [f"{'#' * level} {_md(document.title)}"]
    for section in document.sections:
        if section.title:
            lines += ["", f"{'#' * (level + 1)} {_md(section.title)}"]
        for block in section.blocks:
            if isinstance(block, Facts):
                lines.append("")
                lines += [f"- **{_md(label)}:** {_md(value)}" for label, value in block.items]
            elif isinstance(block, Paragraph):
                lines += ["", _md(block.text)]
            elif isinstance(block, Table):
                lines.append("")
                lines += _markdown_table(block)
    if document.headless and lines and lines[0] == "":
        del lines[0]
    return "\n".join(lines) + "\n"


def render_markdown(documents: Sequence[Document]) -> str:
    """GitHub-flavoured Markdown with tables, one top-level heading per document; charts are
    left out."""
    return "\n".join(_markdown_document(document) for document in documents)
