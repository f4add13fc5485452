"""Bounds on the documents coopframe reads, and the checks made before parsing."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

import attrs

from coopframe._checks import check_int, refuse
from coopframe.exceptions import DocumentSyntaxError
from coopframe.io._values import _short


def _at_least(low: int) -> Callable[[Any, attrs.Attribute[int], object], None]:
    def check(_: Any, attribute: attrs.Attribute[int], value: object) -> None:
        check_int(attribute.name, value, "Limits", minimum=low)

    return check


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds on the documents :func:`~coopframe.load`, :func:`~coopframe.loads` and
    :func:`structure` accept.

    A document beyond any bound is refused with a :class:`~coopframe.exceptions.CoopframeError`
    that names the limit, before it can cost much time or memory. The defaults admit any
    realistic roadmap (some 60,000 activities, about 30 MB of JSON); raise them with
    ``attrs.evolve(cf.io.DEFAULT_LIMITS, max_bytes=...)`` for bigger ones.

    Parameters
    ----------
    max_bytes
        Largest document, in bytes of UTF-8 (default 128 MiB). Checked before parsing.
    max_depth
        Deepest nesting of lists and mappings, the document's own mapping counting 1
        (default 32; a valid agreement needs 7). YAML is checked while it is read, before
        anything is built; JSON and TOML are also bounded by the interpreter's recursion limit.
    max_string_length
        Longest text in any field, in characters (default 100,000).
    max_list_length
        Most items in any list of the model (default 1,000,000).
    max_aliases
        YAML only: most values that aliases (``*name``) may repeat, each alias counting every
        value it stands for (default 10,000; ``0`` refuses aliases). This bounds "billion
        laughs" documents, whose few aliases stand for billions of values. Aliases are also
        counted by the text they stand for: written out, the document must still be within
        ``max_bytes``, so that what loads can be saved and loaded again.
    max_nodes
        Most values (scalars, lists and mappings, keys included) in the document, each YAML
        alias counting every value it stands for (default 2,000,000; a roadmap holds about 30
        per activity, so some 60,000 activities fit). YAML is counted while the text is read,
        before anything is built; JSON and TOML by a quick count on the text, before parsing,
        that may count too many but never too few. Parsed values take far more memory than
        their text: this bounds it (``docs/limits.md`` gives the figures).

    Examples
    --------
    >>> strict = cf.io.Limits(max_bytes=1_000, max_aliases=0)
    >>> try:
    ...     cf.loads("coopframe: 1\\nroadmap: " + "x" * 2_000, limits=strict)
    ... except cf.DocumentSyntaxError as exc:
    ...     print(exc.reason)
    the document is 2,022 bytes, more than the limit of 1,000 (Limits.max_bytes)
    """

    max_bytes: int = attrs.field(default=128 * 1024 * 1024, validator=_at_least(1))
    max_depth: int = attrs.field(default=32, validator=_at_least(1))
    max_string_length: int = attrs.field(default=100_000, validator=_at_least(1))
    max_list_length: int = attrs.field(default=1_000_000, validator=_at_least(1))
    max_aliases: int = attrs.field(default=10_000, validator=_at_least(0))
    max_nodes: int = attrs.field(default=2_000_000, validator=_at_least(1))


DEFAULT_LIMITS: Final = Limits()
"""The limits used when none are given."""


def _check_limits(limits: object, function: str) -> Limits:
    if limits is None:
        return DEFAULT_LIMITS
    if not isinstance(limits, Limits):
        refuse("limits", function, "a coopframe.io.Limits or None", _short(limits))
    return limits


def _check_size(text: str | bytes, limits: Limits, source: str) -> None:
    """Refuse a document larger than ``limits.max_bytes``, before parsing it."""
    size = len(text)
    if isinstance(text, str) and size * 4 > limits.max_bytes and not text.isascii():
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise DocumentSyntaxError(
            f"the document is {size:,} bytes, more than the limit of {limits.max_bytes:,} "
            "(Limits.max_bytes)",
            source=source,
        )


def _check_node_estimate(
    text: str, marks: str, strings: re.Pattern[str], limits: Limits, source: str
) -> None:
    """Refuse text that may hold more than ``limits.max_nodes`` values.

    Every value and key after the first of a JSON container follows a ``,``, and the first a
    ``[``, ``{`` or ``:``; in TOML each ``=``, ``[``, ``,`` and ``.`` (a dotted key's table)
    starts at most one: those are the ``marks`` of each format. Counting them is quick and
    never undercounts; when the count is over the limit, it is taken again without the
    ``strings`` (and comments), which may hold any of them.
    """
    if sum(text.count(mark) for mark in marks) < limits.max_nodes:
        return
    bare = strings.sub("", text)
    count = sum(bare.count(mark) for mark in marks)
    if count >= limits.max_nodes:
        raise DocumentSyntaxError(
            f"the document may hold up to {count + 1:,} values, more than the limit of "
            f"{limits.max_nodes:,} (Limits.max_nodes)",
            source=source,
        )
