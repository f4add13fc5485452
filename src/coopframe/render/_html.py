"""The ``html`` format: one self-contained HTML5 page with bar charts as inline SVG."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Final

from coopframe.render._document import Block, Chart, Document, Facts, Paragraph, Table
from coopframe.render._words import _NA, _plain

__all__ = ["render_html"]

_STYLE: Final = """\
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;\
max-width:60rem;padding:0 1rem;color:#1f2328;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.75rem 0}
th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dt{font-weight:600}dd{margin:0}p.note{color:#57606a}figure{margin:.75rem 0}
svg text{font:12px system-ui,sans-serif;fill:#1f2328}
"""


def _h(text: str) -> str:
    return html.escape(_plain(text), quote=True)


def _html_block(block: Block) -> list[str]:
    if isinstance(block, Facts):
        items = "".join(f"<dt>{_h(label)}</dt><dd>{_h(value)}</dd>" for label, value in block.items)
        return [f"<dl>{items}</dl>"]
    if isinstance(block, Paragraph):
        return [f'<p class="note">{_h(block.text)}</p>']
    if isinstance(block, Table):
        return _html_table(block)
    return _svg_bars(block)


def _html_table(table: Table) -> list[str]:
    def cells(tag: str, row: Sequence[str]) -> str:
        return "".join(
            f'<{tag} class="num">{_h(cell)}</{tag}>' if numeric else f"<{tag}>{_h(cell)}</{tag}>"
            for cell, numeric in zip(row, table.numeric, strict=True)
        )

    lines = ["<table>", f"<thead><tr>{cells('th', table.headers)}</tr></thead>", "<tbody>"]
    lines += [f"<tr>{cells('td', row)}</tr>" for row in table.rows]
    lines += ["</tbody>", "</table>"]
    return lines


_BAR_LABEL: Final = 200
_BAR_WIDTH: Final = 320
_BAR_ROW: Final = 22


def _bar_colour(value: float) -> str:
    if value >= 0.7:
        return "#2da44e"
    if value >= 0.5:
        return "#bf8700"
    return "#cf222e"


_SERIES_COLOURS: Final = ("#0969da", "#bc4c00", "#8250df", "#1a7f37")


def _svg_bars(chart: Chart) -> list[str]:
    """Horizontal bars drawn by hand as inline SVG: one row per label, one bar per series.

    With one series the bars are coloured by value (green from 0.7, amber from 0.5, red
    below); with several, by series, with a legend above.
    """
    count = max(1, len(chart.series))
    legend = _BAR_ROW if chart.series else 0
    row = _BAR_ROW + (count - 1) * (_BAR_ROW - 8)
    width = _BAR_LABEL + _BAR_WIDTH + 60
    height = legend + row * len(chart.bars) + 8
    title = _h(chart.title)
    lines = [
        "<figure>",
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{title}">',
        f"<title>{title}</title>",
    ]
    for k, name in enumerate(chart.series):
        x = _BAR_LABEL + k * 110
        lines.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{_SERIES_COLOURS[k % 4]}"/>'
            f'<text x="{x + 18}" y="16">{_h(name)}</text>'
        )
    bar_height = _BAR_ROW - 8 if chart.series else _BAR_ROW - 6
    for i, (label, values) in enumerate(chart.bars):
        top = legend + 4 + i * row
        lines.append(
            f'<text x="{_BAR_LABEL - 8}" y="{top + row // 2 + 4}" text-anchor="end">'
            f"{_h(label)}</text>"
        )
        for k, value in enumerate(values):
            y = top + 3 + k * bar_height
            middle = y + bar_height // 2 + 4
            lines.append(
                f'<rect x="{_BAR_LABEL}" y="{y}" width="{_BAR_WIDTH}" height="{bar_height}" '
                'fill="#eaeef2"/>'
            )
            if math.isnan(value):
                lines.append(f'<text x="{_BAR_LABEL + 6}" y="{middle}">{_NA}</text>')
                continue
            share = min(1.0, max(0.0, value))
            colour = _SERIES_COLOURS[k % 4] if chart.series else _bar_colour(share)
            lines.append(
                f'<rect x="{_BAR_LABEL}" y="{y}" width="{share * _BAR_WIDTH:.1f}" '
                f'height="{bar_height}" fill="{colour}"/>'
                f'<text x="{_BAR_LABEL + _BAR_WIDTH + 6}" y="{middle}">{value:.3f}</text>'
            )
    lines += ["</svg>", f"<figcaption>{title}</figcaption>", "</figure>"]
    return lines


def _html_article(document: Document) -> list[str]:
    lines = ["<article>", f"<h1>{_h(document.title)}</h1>"]
    for section in document.sections:
        lines.append("<section>")
        if section.title:
            lines.append(f"<h2>{_h(section.title)}</h2>")
        for block in section.blocks:
            lines += _html_block(block)
        lines.append("</section>")
    lines.append("</article>")
    return lines


def _html_page(title: str, documents: Sequence[Document]) -> str:
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    for document in documents:
        lines += _html_article(document)
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def render_html(documents: Sequence[Document]) -> str:
    """One self-contained HTML5 page (inline CSS, no script), one article per document, with
    the charts drawn as inline SVG; the page takes the first document's title."""
    return _html_page(documents[0].title, documents)
