"""The document format registry: each format's name, suffixes, reader and writer, in one place.

A format is one :class:`DocumentFormat` entry. :func:`~coopframe.load`,
:func:`~coopframe.dump`, their text forms, :data:`FORMATS`, :func:`format_for_path` and the
command line read the registry, so registering a format is all it takes to read and write it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal, TypeAlias

import attrs

from coopframe._checks import check_choice, check_instance, refuse
from coopframe.exceptions import DocumentFileError, InvalidParameterError, UnknownNameError
from coopframe.io._json import _dump_json, _parse_json
from coopframe.io._limits import Limits
from coopframe.io._toml import _dump_toml, _parse_toml
from coopframe.io._yaml import _dump_yaml, _parse_yaml

Format: TypeAlias = Literal["yaml", "json", "toml"]
"""The names of the built-in formats; ``format=`` also takes any registered name."""


def _suffixes(value: object, owner: str) -> tuple[str, ...]:
    if not (
        isinstance(value, tuple | list)
        and value
        and all(
            isinstance(suffix, str)
            and len(suffix) > 1
            and suffix.startswith(".")
            and suffix == suffix.lower()
            for suffix in value
        )
    ):
        expected = "a non-empty tuple of lower-case file suffixes such as ('.yaml', '.yml')"
        refuse("suffixes", owner, expected, repr(value))
    return tuple(value)


def _document_suffixes(value: object) -> tuple[str, ...]:
    return _suffixes(value, "DocumentFormat")


@attrs.frozen(kw_only=True)
class DocumentFormat:
    """A document format: its name, the file suffixes that select it, its reader and writer.

    Parameters
    ----------
    name
        The name ``format=`` takes (``"yaml"``).
    suffixes
        The file suffixes that select it, lower case with the dot (``(".yaml", ".yml")``); a
        file's suffix is compared in lower case.
    parse
        ``parse(text, source, limits)``: the document in ``text`` as plain data (dicts, lists
        and scalars), for :func:`~coopframe.io.structure`. ``source`` names the text in
        messages; text beyond the :class:`~coopframe.io.Limits` or that cannot be parsed raises
        :class:`~coopframe.exceptions.DocumentSyntaxError`.
    dump
        ``dump(document)``: the text of a document given as JSON primitives, which ``parse``
        reads back as the same data.

    Examples
    --------
    >>> cf.io.get_format("yaml").suffixes
    ('.yaml', '.yml')
    """

    name: str
    suffixes: tuple[str, ...] = attrs.field(converter=_document_suffixes)
    parse: Callable[[str, str, Limits], object]
    dump: Callable[[dict[str, Any]], str]


_REGISTRY: dict[str, DocumentFormat] = {}  # in the order of registration
_SUFFIXES: dict[str, tuple[str, ...]] = {}  # the same, by name, sorted

FORMATS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(_SUFFIXES)
"""The registered formats, sorted by name, each with the file suffixes that select it
(read-only; it follows :func:`register_format` and :func:`unregister_format`)."""


def _update() -> None:
    _SUFFIXES.clear()
    _SUFFIXES.update(sorted((name, fmt.suffixes) for name, fmt in _REGISTRY.items()))


def register_format(fmt: DocumentFormat, *, replace: bool = False) -> DocumentFormat:
    """Add a document format to the registry, so every reader and writer knows it.

    Parameters
    ----------
    fmt
        The format.
    replace
        Replace a format of the same name (it keeps its place in the registry).

    Returns
    -------
    DocumentFormat
        ``fmt``.

    Raises
    ------
    InvalidParameterError
        ``fmt`` is not a :class:`DocumentFormat`, its name is taken (and ``replace`` is
        false), or one of its suffixes selects another format.
    """
    check_instance("fmt", fmt, "register_format", DocumentFormat, "a coopframe.io.DocumentFormat")
    if fmt.name in _REGISTRY and not replace:
        raise InvalidParameterError(
            "The 'fmt' parameter of register_format must have a new format name. Got "
            f"{fmt.name!r}, which is already registered; pass replace=True to replace it."
        )
    for other in _REGISTRY.values():
        taken = sorted(set(fmt.suffixes) & set(other.suffixes))
        if other.name != fmt.name and taken:
            raise InvalidParameterError(
                "The 'fmt' parameter of register_format must have suffixes no other format "
                f"has. Got {fmt.name!r} with {taken[0]!r}, which selects {other.name!r}."
            )
    _REGISTRY[fmt.name] = fmt
    _update()
    return fmt


def unregister_format(name: str) -> DocumentFormat:
    """Remove a document format from the registry and return it.

    Raises
    ------
    UnknownNameError
        No format has that name.
    """
    fmt = get_format(name)
    del _REGISTRY[name]
    _update()
    return fmt


def get_format(name: str) -> DocumentFormat:
    """The registered document format called ``name``.

    Raises
    ------
    UnknownNameError
        No format has that name; the message lists the known names.
    """
    fmt = _REGISTRY.get(name) if isinstance(name, str) else None
    if fmt is None:
        known = ", ".join(_SUFFIXES)
        raise UnknownNameError(f"unknown document format {name!r}; known formats: {known}")
    return fmt


def _check_format(fmt: object, function: str) -> DocumentFormat:
    return _REGISTRY[check_choice("format", fmt, function, _REGISTRY)]


def _format_of_path(path: str | os.PathLike[str]) -> DocumentFormat:
    suffix = Path(path).suffix.lower()
    for fmt in _REGISTRY.values():
        if suffix in fmt.suffixes:
            return fmt
    suffixes = [suffix for fmt in _REGISTRY.values() for suffix in fmt.suffixes]
    listed = ", ".join(suffixes[:-1]) + " or " + suffixes[-1] if len(suffixes) > 1 else suffixes[0]
    raise DocumentFileError(
        f"{os.fspath(path)}: cannot tell the format from the suffix {suffix!r}; use "
        f"{listed}, or pass format="
    )


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The name of the format a file's suffix selects (``.yaml``/``.yml``, ``.json``, ``.toml``,
    or the suffixes of a registered format), compared in lower case.

    Raises
    ------
    DocumentFileError
        The suffix selects no registered format.

    Examples
    --------
    >>> cf.io.format_for_path("roadmap.YML")
    'yaml'
    """
    return _format_of_path(path).name


register_format(
    DocumentFormat(name="yaml", suffixes=(".yaml", ".yml"), parse=_parse_yaml, dump=_dump_yaml)
)
register_format(
    DocumentFormat(name="json", suffixes=(".json",), parse=_parse_json, dump=_dump_json)
)
register_format(
    DocumentFormat(name="toml", suffixes=(".toml",), parse=_parse_toml, dump=_dump_toml)
)
