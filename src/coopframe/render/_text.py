"""The ``text`` format: aligned plain text for a terminal."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Final

from coopframe.render._document import Document, Facts, Paragraph, Table
from coopframe.render._words import _plain

__all__ = ["render_text"]

_WIDTH: Final = 100


def _text_table(table: Table) -> list[str]:
    rows = [table.headers, *table.rows]
    cells = [[_plain(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]

    def line(row: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if numeric else cell.ljust(width)
            for cell, width, numeric in zip(row, widths, table.numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(cells[0]), "  ".join("-" * width for width in widths)] + [
        line(row) for row in cells[1:]
    ]


def _text_facts(facts: Facts) -> list[str]:
    labels = [_plain(label) for label, _ in facts.items]
    width = max((len(label) for label in labels), default=0)
    return [
        f"{label.ljust(width)}  {_plain(value)}"
        for label, (_, value) in zip(labels, facts.items, strict=True)
    ]


def _text_document(document: Document) -> str:
    title = _plain(document.title)
    lines = [] if document.headless else [title, "=" * min(len(title), _WIDTH)]
    for section in document.sections:
        lines.append("")
        if section.title:
            heading = _plain(section.title)
            lines += [heading, "-" * len(heading)]
        for block in section.blocks:
            if isinstance(block, Facts):
                lines += _text_facts(block)
            elif isinstance(block, Paragraph):
                lines += textwrap.wrap(_plain(block.text), width=_WIDTH)
            elif isinstance(block, Table):
                lines += _text_table(block)
            else:
                continue
            lines.append("")
        if lines[-1] == "":
            lines.pop()
    if document.headless and lines and lines[0] == "":
        del lines[0]
    return "\n".join(lines) + "\n"


def render_text(documents: Sequence[Document]) -> str:
    """Aligned plain text for a terminal: no colour, no markup; charts are left out.

    Documents are separated by a blank line; the text ends in one newline.
    """
    if len(documents) == 1:
        return _text_document(documents[0])
    return "\n\n".join(_text_document(document).rstrip("\n") for document in documents) + "\n"
