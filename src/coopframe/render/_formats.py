"""The registry of rendering formats: a format name and the function that writes documents.

A renderer takes the documents of one result (one, or several such as a summary followed by
each evaluation) and returns the text, ending in a newline. ``json`` is not a rendering: it is
the result's own data (``to_dict()``), written by :func:`~coopframe.render.render` itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Final, TypeAlias

from coopframe.exceptions import InvalidParameterError
from coopframe.render._document import Document
from coopframe.render._html import render_html
from coopframe.render._markdown import render_markdown
from coopframe.render._text import render_text

__all__ = [
    "RENDER_FORMATS",
    "FormatName",
    "Renderer",
    "get_render_format_names",
    "register_render_format",
    "unregister_render_format",
]

FormatName: TypeAlias = str
"""The name of a rendering format (``"text"``, ``"markdown"``, ``"html"``, ``"json"``, ...)."""

Renderer: TypeAlias = Callable[[Sequence[Document]], str]
"""What writes documents in a format: documents in, text ending in a newline out."""

_JSON: Final = "json"
_NAME = re.compile(r"[a-z][a-z0-9_-]*")

_RENDERERS: dict[str, Renderer] = {
    "html": render_html,
    "markdown": render_markdown,
    "text": render_text,
}

RENDER_FORMATS: Mapping[FormatName, Renderer] = MappingProxyType(_RENDERERS)
"""The rendering formats, name -> renderer (a read-only view; ``json`` is the results' data)."""


def get_render_format_names() -> list[FormatName]:
    """The names :func:`~coopframe.render.render` accepts as ``format``, sorted.

    Examples
    --------
    >>> cf.render.get_render_format_names()
    ['html', 'json', 'markdown', 'text']
    """
    return sorted({_JSON, *_RENDERERS})


def register_render_format(name: FormatName, renderer: Renderer, *, replace: bool = False) -> None:
    """Add a rendering format: from then on ``render(result, format=name)`` uses ``renderer``.

    Parameters
    ----------
    name
        Lower-case letters, digits, ``_`` and ``-``, starting with a letter; not ``"json"``.
    renderer
        Takes a sequence of :class:`~coopframe.render.Document` and returns the text, ending
        in a newline.
    replace
        Replace a format of the same name instead of refusing it.

    Raises
    ------
    InvalidParameterError
        ``name`` is not such a name, is ``"json"``, or is taken and ``replace`` is false;
        ``renderer`` is not callable.

    Examples
    --------
    >>> def titles(documents):
    ...     return "".join(document.title + "\\n" for document in documents)
    >>> cf.render.register_render_format("titles", titles)
    >>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2025-2026"))
    >>> cf.render.render(ev, format="titles")[:14]
    'Evaluation of '
    >>> cf.render.unregister_render_format("titles")
    """
    where = "register_render_format"
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name == _JSON:
        raise InvalidParameterError(
            f"The 'name' parameter of {where} must be a lower-case format name other than "
            f"'json'. Got {name!r} instead."
        )
    if not callable(renderer):
        raise InvalidParameterError(
            f"The 'renderer' parameter of {where} must be callable. "
            f"Got {type(renderer).__name__} instead."
        )
    if name in _RENDERERS and not replace:
        raise InvalidParameterError(
            f"The 'name' parameter of {where} must not name a registered format unless "
            f"replace=True. Got {name!r} instead."
        )
    _RENDERERS[name] = renderer


def unregister_render_format(name: FormatName) -> None:
    """Remove a rendering format added by :func:`register_render_format`.

    Raises
    ------
    InvalidParameterError
        ``name`` is not a registered format, or is one of the built-in ones.
    """
    if name not in _RENDERERS or name in _BUILT_IN:
        raise InvalidParameterError(
            "The 'name' parameter of unregister_render_format must name a format added by "
            f"register_render_format. Got {name!r} instead."
        )
    del _RENDERERS[name]


def _check_format(format: object, function: str) -> FormatName:
    if not isinstance(format, str) or (format != _JSON and format not in _RENDERERS):
        known = ", ".join(repr(name) for name in get_render_format_names())
        raise InvalidParameterError(
            f"The 'format' parameter of {function} must be one of {known}. Got {format!r} instead."
        )
    return format


_BUILT_IN: Final = frozenset(_RENDERERS)
