"""The document model: what a result becomes before it is written in a format.

A :class:`Document` has a title and :class:`Section` s; a section holds blocks: :class:`Facts`
(label and value pairs), a :class:`Paragraph`, a :class:`Table` or a :class:`Chart`. Every node
is frozen and holds only strings, numbers and tuples, so a document compares and hashes by
value. Each renderer (:data:`~coopframe.render.RENDER_FORMATS`) writes the same nodes its own
way; a format that cannot draw a chart leaves it out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

__all__ = ["Block", "Chart", "Document", "Facts", "Paragraph", "Section", "Table"]


def _as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """A node's collection as a tuple, so that the node compares and hashes by value."""
    return tuple(values)


@attrs.frozen
class Facts:
    """Label -> value pairs, in the order given."""

    items: tuple[tuple[str, str], ...] = attrs.field(converter=_as_tuple)


@attrs.frozen
class Paragraph:
    """A paragraph of explanation."""

    text: str


@attrs.frozen(kw_only=True)
class Table:
    """Rows of cells under headers; ``numeric`` marks the columns to align right."""

    headers: tuple[str, ...] = attrs.field(converter=_as_tuple)
    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_as_tuple)
    numeric: tuple[bool, ...] = attrs.field(converter=_as_tuple)


@attrs.frozen(kw_only=True)
class Chart:
    """Horizontal bars of values in [0, 1] (``nan`` drawn as no bar).

    Each bar is ``(label, values)``, one value per series; ``series`` names them when there is
    more than one.
    """

    title: str
    bars: tuple[tuple[str, tuple[float, ...]], ...] = attrs.field(converter=_as_tuple)
    series: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple)


Block: TypeAlias = Facts | Paragraph | Table | Chart
"""What a section holds."""


@attrs.frozen(kw_only=True)
class Section:
    """A titled run of blocks (an empty title: no heading)."""

    title: str
    blocks: tuple[Block, ...] = attrs.field(converter=_as_tuple)


@attrs.frozen(kw_only=True)
class Document:
    """A titled run of sections.

    ``headless`` asks the formats that can show the blocks alone (text, Markdown) to leave the
    title out; a format that needs a title (an HTML page) uses it all the same.
    """

    title: str
    sections: tuple[Section, ...] = attrs.field(converter=_as_tuple)
    headless: bool = False


def _single(items: Iterable[tuple[str, float]]) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """Bars of one series."""
    return tuple((label, (value,)) for label, value in items)
