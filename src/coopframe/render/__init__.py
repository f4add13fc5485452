"""Results as text for people: plain text, Markdown, self-contained HTML, and JSON.

:func:`render` turns a result into text, by single dispatch on its type: an
:class:`~coopframe.Evaluation` (the headline figures, every score with what it measures, a
section per scoring family, the findings), several evaluations (a summary table first), a
:class:`~coopframe.Comparison`, a :class:`~coopframe.Trajectory`, a
:class:`~coopframe.analysis.Ranking` or :class:`~coopframe.analysis.Robustness`, or a
:class:`Table`. Each result type is built once into the document model (:class:`Document`,
:class:`Section`, :class:`Facts`, :class:`Paragraph`, :class:`Table`, :class:`Chart`), and
each format writes that model its own way (:data:`RENDER_FORMATS`):

``text``
    Aligned plain text for a terminal; no colour, no dependency.
``markdown``
    GitHub-flavoured Markdown with tables.
``html``
    One self-contained HTML5 page (inline CSS, no script) with bar charts drawn as inline SVG.

``json`` is not a rendering: it is the result's own data (``to_dict()``) as indented JSON. A
new format is one call to :func:`register_render_format`. :func:`comparison_summary` and
:func:`trajectory_summary` give shorter plain-text accounts.

Every rendering ends with a newline and is deterministic: the same result gives the same bytes
(no timestamps; lists in the result's sorted order), whatever the order of the roadmap's lists.
Text that comes from the input (titles, ids) is escaped for the format, so a roadmap titled
``<script>alert(1)</script>`` shows that text and runs nothing. Line breaks and tabs in it are
written as spaces, and every other control character, bidirectional override or mark,
zero-width character and noncharacter is spelt out as an escape (``\\u202e``, ``\\x1b``), so that
no field can reorder, hide or colour what a reader sees; in JSON those characters are ``\\u``
escapes (the values are unchanged).

Examples
--------
>>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
>>> print(cf.render.render(ev).splitlines()[0])
Evaluation of Hoja de Ruta Binacional 2021–2022 Bolivia–Perú contra la trata de personas, ...
>>> "<svg" in cf.render.render(ev, format="html")
True
"""

from coopframe.render._document import Block, Chart, Document, Facts, Paragraph, Section, Table
from coopframe.render._formats import (
    RENDER_FORMATS,
    FormatName,
    Renderer,
    get_render_format_names,
    register_render_format,
    unregister_render_format,
)
from coopframe.render._render import (
    render,
    render_comparison,
    render_evaluation,
    render_evaluations,
    render_ranking,
    render_table,
    render_trajectory,
)
from coopframe.render._summary import comparison_summary, trajectory_summary

__all__ = [
    "RENDER_FORMATS",
    "Block",
    "Chart",
    "Document",
    "Facts",
    "FormatName",
    "Paragraph",
    "Renderer",
    "Section",
    "Table",
    "comparison_summary",
    "get_render_format_names",
    "register_render_format",
    "render",
    "render_comparison",
    "render_evaluation",
    "render_evaluations",
    "render_ranking",
    "render_table",
    "render_trajectory",
    "trajectory_summary",
    "unregister_render_format",
]
