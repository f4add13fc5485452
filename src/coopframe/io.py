"""Reading and writing coopframe documents: YAML, JSON and TOML.

A document is a mapping with the format version and one roadmap or agreement::

    coopframe: 1
    roadmap:
      id: bolivia-peru-2025-2026
      ...

Field names are those of :mod:`coopframe.model`, dates are ISO strings (``2025-04-24``), enums
are written by their lower-case value. The full format is described in ``docs/format.md`` and,
machine-readably, by :func:`json_schema`.

Everything passes through one private :mod:`cattrs` converter with strict scalar hooks (a number
is not silently a string), unknown keys rejected, and every problem reported with its path.
YAML is read with the safe loader only (the C loader when PyYAML has it), and no YAML tag
that would construct anything but plain values is honoured.

Reading is bounded: a document larger, deeper or with longer strings or lists than its
:class:`Limits` allow is refused before it can cost much time or memory. The limits, their
defaults and what each hostile input gives are described in ``docs/limits.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import math
import os
import re
import stat
import sys
import tomllib
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final, Literal, TypeAlias

import attrs
import cattrs
import tomli_w
import yaml
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from coopframe import model
from coopframe._text import visible
from coopframe._util import gc_paused, write_atomically
from coopframe.exceptions import (
    CoopframeError,
    DocumentFileError,
    DocumentSyntaxError,
    InvalidDocumentError,
    InvalidParameterError,
    Problem,
)
from coopframe.model import Agreement, Roadmap

__all__ = [
    "DEFAULT_LIMITS",
    "FORMATS",
    "FORMAT_VERSION",
    "Document",
    "Format",
    "Limits",
    "dump",
    "dumps",
    "format_for_path",
    "json_schema",
    "load",
    "loads",
    "structure",
    "unstructure",
]

FORMAT_VERSION: Final = 1
"""The version of the document format this coopframe reads and writes."""

Format: TypeAlias = Literal["yaml", "json", "toml"]
Document: TypeAlias = Roadmap | Agreement

FORMATS: Final[tuple[Format, ...]] = ("json", "toml", "yaml")
"""The supported formats."""

_SUFFIXES: Final[dict[str, Format]] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".toml": "toml",
}
_KINDS: Final[dict[str, type[Roadmap] | type[Agreement]]] = {
    "roadmap": Roadmap,
    "agreement": Agreement,
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _at_least(low: int) -> Callable[[Any, attrs.Attribute[int], object], None]:
    def check(_: Any, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InvalidParameterError(
                f"The '{attribute.name}' parameter of Limits must be an integer >= {low}. "
                f"Got {value!r} instead."
            )

    return check


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds on the documents :func:`load`, :func:`loads` and :func:`structure` accept.

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

_MODEL_DEPTH: Final = 7
"""How deeply a valid document nests: document, agreement, roadmaps, roadmap, activities,
activity, responsible."""

# ---------------------------------------------------------------------------------------------
# The converter


def _kind_of(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _short(value: object) -> str:
    """A value for a message: its repr, cut short; the kind of value for containers."""
    if isinstance(value, str):
        if len(value) > _SHORT:
            return f"{value[:_SHORT]!r}... ({len(value):,} characters)"
        return repr(value)
    if isinstance(value, bool | float | dt.date) or value is None:
        return repr(value)
    if isinstance(value, int):
        digits = value.bit_length() * 0.302
        return repr(value) if digits < _SHORT else f"an integer of about {digits:,.0f} digits"
    return _kind_of(value)


_SHORT: Final = 60


def _key_text(key: object) -> str:
    """A mapping key as it appears in a path."""
    if isinstance(key, str):
        return key if len(key) <= _SHORT else f"{key[:_SHORT]}...({len(key):,} characters)"
    return _short(key)


class _ValueProblem(ValueError):
    """A scalar that does not fit its field; its message is shown as is."""


def _long_string(value: str, limit: int) -> _ValueProblem:
    return _ValueProblem(
        f"the text is {len(value):,} characters long, more than the limit of {limit:,} "
        "(Limits.max_string_length)"
    )


def _long_list(value: list[Any] | tuple[Any, ...], limit: int) -> _ValueProblem:
    return _ValueProblem(
        f"the list holds {len(value):,} items, more than the limit of {limit:,} "
        "(Limits.max_list_length)"
    )


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise _ValueProblem(f"expected a finite number, got {value!r}")
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return float(value)
        except OverflowError:
            raise _ValueProblem(f"expected a finite number, got {_short(value)}") from None
    raise _ValueProblem(f"expected a number, got {_kind_of(value)}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _ValueProblem(f"expected an integer, got {_kind_of(value)}")


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise _ValueProblem(f"expected true or false, got {_kind_of(value)}")


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _ValueProblem(f"{value!r} is not a valid date") from None
    if isinstance(value, str):
        raise _ValueProblem(f"expected a date as YYYY-MM-DD, got {_short(value)}")
    raise _ValueProblem(f"expected a date as YYYY-MM-DD, got {_kind_of(value)}")


_MODEL_ENUMS = tuple(
    value
    for value in vars(model).values()
    if isinstance(value, type) and issubclass(value, enum.Enum) and value is not enum.Enum
)


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    members = {member.value: member for member in cls}
    allowed = ", ".join(repr(v) for v in sorted(members))

    def structure(value: object, _: type) -> enum.Enum:
        if isinstance(value, str):
            member = members.get(value)
            if member is not None:
                return member
            raise _ValueProblem(f"{_short(value)} is not one of {allowed}")
        raise _ValueProblem(f"expected one of {allowed}, got {_kind_of(value)}")

    return structure


def _is_tuple_of(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(type_: Any) -> bool:
    args = typing.get_args(type_)
    return (
        typing.get_origin(type_) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _make_converter(
    *, detailed: bool, max_string_length: int, max_list_length: int
) -> cattrs.Converter:
    """The converter; ``detailed`` makes it collect every problem with its path.

    Both variants are built from the same hooks. The quick one stops at the first problem; it
    reads valid documents about twice as fast, and a document it refuses is read again by the
    detailed one to report every problem. Strings and lists longer than the limits are refused
    here, where each is looked at anyway.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)

    def structure_str(value: object, _: type) -> str:
        if isinstance(value, str):
            if len(value) <= max_string_length:
                return value
            raise _long_string(value, max_string_length)
        raise _ValueProblem(f"expected a string, got {_kind_of(value)}")

    converter.register_structure_hook(str, structure_str)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    # Registered for each enum of the model: cattrs before 26 dispatches enums ahead of hook
    # factories, which would give its own message instead of coopframe's.
    for enum_type in _MODEL_ENUMS:
        converter.register_structure_hook(enum_type, _enum_hook(enum_type))

    def optional_hook(type_: Any) -> Callable[[object, type], Any]:
        inner_type = next(arg for arg in typing.get_args(type_) if arg is not type(None))
        inner_hook = converter.get_structure_hook(inner_type)
        if inner_hook is structure_str:
            return lambda value, _: (
                value
                if value is None or (type(value) is str and len(value) <= max_string_length)
                else structure_str(value, str)
            )
        return lambda value, _: None if value is None else inner_hook(value, inner_type)

    converter.register_structure_hook_factory(_is_optional, optional_hook)

    def tuple_hook(type_: Any) -> Callable[[object, type], tuple[Any, ...]]:
        item_type = typing.get_args(type_)[0]
        item_hook = converter.get_structure_hook(item_type)

        def quick(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _ValueProblem(f"expected a list, got {_kind_of(value)}")
            if len(value) > max_list_length:
                raise _long_list(value, max_list_length)
            if item_hook is structure_str:
                for item in value:
                    if type(item) is not str or len(item) > max_string_length:
                        raise _ValueProblem("expected a string")
                return tuple(value)
            return tuple([item_hook(item, item_type) for item in value])

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _ValueProblem(f"expected a list, got {_kind_of(value)}")
            if len(value) > max_list_length:
                raise _long_list(value, max_list_length)
            items = []
            errors: list[Exception] = []
            for i, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {type_} @ index {i}", i, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {type_}", errors, type_)
            return tuple(items)

        return structure if detailed else quick

    converter.register_structure_hook_factory(_is_tuple_of, tuple_hook)
    converter.register_unstructure_hook_factory(
        _is_tuple_of,
        lambda t: _list_unstructurer(converter, typing.get_args(t)[0]),
    )

    def attrs_hook(cls: type) -> Callable[[object, type], Any]:
        inner: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=detailed
        )

        def structure(value: object, _: type) -> Any:
            if not isinstance(value, dict):
                raise _ValueProblem(f"expected a mapping, got {_kind_of(value)}")
            return inner(value, cls)

        return structure

    if detailed:
        converter.register_structure_hook_factory(attrs.has, attrs_hook)
    else:
        converter.register_structure_hook_factory(
            attrs.has,
            lambda cls: _quick_attrs_hook(converter, cls, max_string_length, max_list_length),
        )
    return converter


def _quick_attrs_hook(
    converter: cattrs.Converter, cls: type, max_string_length: int, max_list_length: int
) -> Callable[[object, type], Any]:
    """A structuring function for the quick path, generated from the class's attrs fields.

    It checks what cattrs' generated function checks (a mapping, no unknown key, the type of
    every value), but tests strings and lists of strings inline instead of calling a hook for
    each: most fields of a roadmap are text. Any failure raises, and the document is then read
    again by the detailed converter, which reports every problem with its path.
    """
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "allowed": frozenset(field.name for field in attrs.fields(cls) if field.init),
        "fail": _ValueProblem,
        "L": max_string_length,
        "N": max_list_length,
    }
    lines = [
        "def structure(o, _):",
        "    if type(o) is not dict or not allowed.issuperset(o):",
        "        raise fail('not a mapping of known keys')",
        "    kw = {}",
    ]
    for field in attrs.fields(cls):
        if not field.init:
            continue
        name, type_ = field.name, hints[field.name]
        if field.default is attrs.NOTHING:
            lines.append(f"    v = o[{name!r}]")
            pad = "    "
        else:
            lines += [f"    if {name!r} in o:", f"        v = o[{name!r}]"]
            pad = "        "
        if type_ is str:
            check = ["if type(v) is not str or len(v) > L:", "    raise fail('text')"]
        elif _is_optional(type_) and str in typing.get_args(type_):
            check = [
                "if v is not None and (type(v) is not str or len(v) > L):",
                "    raise fail('text')",
            ]
        elif _is_tuple_of(type_) and typing.get_args(type_)[0] is str:
            check = [
                "if (type(v) is not list and type(v) is not tuple) or len(v) > N:",
                "    raise fail('list')",
                "for x in v:",
                "    if type(x) is not str or len(x) > L:",
                "        raise fail('text')",
                "v = tuple(v)",
            ]
        else:
            check = _quick_check(name, type_, converter, namespace)
        lines += [pad + line for line in check]
        lines.append(f"{pad}kw[{name!r}] = v")
    lines.append("    return cls(**kw)")
    exec(
        compile("\n".join(lines), f"<coopframe quick structure {cls.__name__}>", "exec"), namespace
    )
    structure: Callable[[object, type], Any] = namespace["structure"]
    return structure


def _quick_check(
    name: str, type_: Any, converter: cattrs.Converter, namespace: dict[str, Any]
) -> list[str]:
    """Inline lines checking (and converting) ``v`` for a field that is not text."""
    optional = _is_optional(type_)
    inner = (
        next(arg for arg in typing.get_args(type_) if arg is not type(None)) if optional else type_
    )
    guard = ["if v is not None:"] if optional else []
    pad = "    " if optional else ""
    if inner is dt.date:
        namespace.update(iso=_ISO_DATE.fullmatch, from_iso=dt.date.fromisoformat, date=dt.date)
        body = [
            "if type(v) is str and iso(v):",
            "    v = from_iso(v)",
            "elif type(v) is not date:",
            "    raise fail('date')",
        ]
    elif inner is float:
        namespace.update(finite=math.isfinite)
        body = [
            "if type(v) is int:",
            "    v = float(v)",
            "if type(v) is not float or not finite(v):",
            "    raise fail('number')",
        ]
    elif isinstance(inner, type) and issubclass(inner, enum.Enum):
        namespace[f"members_{name}"] = {member.value: member for member in inner}
        body = [f"v = members_{name}[v]"]
    else:
        namespace[f"h_{name}"] = converter.get_structure_hook(inner)
        namespace[f"t_{name}"] = inner
        body = [f"v = h_{name}(v, t_{name})"]
    return guard + [pad + line for line in body]


def _list_unstructurer(converter: cattrs.Converter, item_type: Any) -> Callable[[Any], list[Any]]:
    if item_type is str or (isinstance(item_type, type) and issubclass(item_type, str)):
        return list
    item_hook = converter.get_unstructure_hook(item_type)
    return lambda items: [item_hook(item) for item in items]


@functools.lru_cache(maxsize=8)
def _converters(
    max_string_length: int, max_list_length: int
) -> tuple[cattrs.Converter, cattrs.Converter]:
    """The quick and the detailed converter for these limits, built once per pair of limits."""
    return (
        _make_converter(
            detailed=False, max_string_length=max_string_length, max_list_length=max_list_length
        ),
        _make_converter(
            detailed=True, max_string_length=max_string_length, max_list_length=max_list_length
        ),
    )


_QUICK_CONVERTER, _CONVERTER = _converters(
    DEFAULT_LIMITS.max_string_length, DEFAULT_LIMITS.max_list_length
)


def _problems_from(exc: BaseException, path: str = "") -> list[Problem]:
    """Flatten a cattrs exception tree into problems with model-relative paths."""
    if isinstance(exc, InvalidDocumentError):
        return [
            Problem(_join(path, problem.path) if problem.path else path, problem.message)
            for problem in exc.problems
        ]
    if isinstance(exc, IterableValidationError):
        problems = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            problems.extend(_problems_from(sub, f"{path}[{note.index!r}]"))
        for sub in without:
            problems.extend(_problems_from(sub, path))
        return problems
    if isinstance(exc, ClassValidationError):
        problems = []
        class_notes, without = exc.group_exceptions()
        for sub, class_note in class_notes:
            problems.extend(_problems_from(sub, _join(path, class_note.name)))
        for sub in without:
            problems.extend(_problems_from(sub, path))
        return problems
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem(_join(path, _key_text(key)), "unknown key")
            for key in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(exc, _ValueProblem):
        return [Problem(path, str(exc))]
    return [Problem(path, f"invalid value: {exc}")]


def _join(path: str, name: str) -> str:
    if not path:
        return name
    if name.startswith("["):
        return path + name
    return f"{path}.{name}"


def structure(data: object, *, source: str | None = None, limits: Limits | None = None) -> Document:
    """Build a roadmap or agreement from a parsed document (dicts, lists and scalars).

    Parameters
    ----------
    data
        The parsed document: a mapping with the format version and a roadmap or agreement.
    source
        Where it came from, for messages.
    limits
        Bounds on nesting depth, string and list lengths (default :data:`DEFAULT_LIMITS`).

    Raises
    ------
    InvalidDocumentError
        With every problem found, each with its path.
    """
    limits = _check_limits(limits, "structure")
    if data is None:
        raise InvalidDocumentError([Problem("", "the document is empty")], source=source)
    if not isinstance(data, dict):
        raise InvalidDocumentError(
            [
                Problem(
                    "",
                    "a coopframe document must be a mapping with the keys 'coopframe' and "
                    f"'roadmap' or 'agreement', got {_kind_of(data)}",
                )
            ],
            source=source,
        )
    problems: list[Problem] = []
    version = data.get("coopframe", None)
    if "coopframe" not in data:
        problems.append(
            Problem(
                "coopframe", f"the format version is missing: add 'coopframe: {FORMAT_VERSION}'"
            )
        )
    elif isinstance(version, str):
        problems.append(
            Problem(
                "coopframe",
                f"the format version is given as the string {_short(version)}; write it as an "
                f"integer, not quoted: 'coopframe: {FORMAT_VERSION}'",
            )
        )
    elif type(version) is not int or version != FORMAT_VERSION:
        problems.append(
            Problem(
                "coopframe",
                f"unsupported format version {_short(version)}; this coopframe reads version "
                f"{FORMAT_VERSION}, written 'coopframe: {FORMAT_VERSION}'",
            )
        )
    kinds = [key for key in _KINDS if key in data]
    for key in sorted((k for k in data if k != "coopframe" and k not in _KINDS), key=str):
        problems.append(Problem(_key_text(key), "unknown key"))
    if not kinds:
        problems.append(Problem("", "the document holds neither a 'roadmap' nor an 'agreement'"))
    elif len(kinds) > 1:
        problems.append(Problem("", "a document holds one 'roadmap' or one 'agreement', not both"))
    if problems:
        raise InvalidDocumentError(problems, source=source)
    kind = kinds[0]
    if limits.max_depth < _MODEL_DEPTH:
        # Deeper than the model is refused below anyway; shallower limits need a look.
        _check_depth(data, limits.max_depth, source)
    quick_converter, converter = _converters(limits.max_string_length, limits.max_list_length)
    result: Document
    with gc_paused():
        try:
            result = quick_converter.structure(data[kind], _KINDS[kind])
        except Exception:  # read again below to report every problem
            pass
        else:
            return result
    try:
        with gc_paused():
            result = converter.structure(data[kind], _KINDS[kind])
    except (ClassValidationError, IterableValidationError, InvalidDocumentError) as exc:
        raise InvalidDocumentError(_problems_from(exc), source=source) from None
    except _ValueProblem as exc:
        raise InvalidDocumentError([Problem(kind, str(exc))], source=source) from None
    return result


def _check_limits(limits: object, function: str) -> Limits:
    if limits is None:
        return DEFAULT_LIMITS
    if isinstance(limits, Limits):
        return limits
    raise InvalidParameterError(
        f"The 'limits' parameter of {function} must be a coopframe.io.Limits or None. "
        f"Got {_short(limits)} instead."
    )


def _check_depth(data: object, max_depth: int, source: str | None) -> None:
    """Refuse parsed data nested more than ``max_depth`` lists and mappings deep."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        if depth > max_depth:
            raise InvalidDocumentError(
                [
                    Problem(
                        "",
                        f"the document is nested more than {max_depth} lists and mappings deep "
                        "(Limits.max_depth)",
                    )
                ],
                source=source,
            )
        stack.extend((child, depth + 1) for child in children)


def unstructure(obj: Document) -> dict[str, Any]:
    """The document for a roadmap or agreement, as JSON primitives (dicts, lists, scalars)."""
    if isinstance(obj, Roadmap):
        kind = "roadmap"
    elif isinstance(obj, Agreement):
        kind = "agreement"
    else:
        raise InvalidParameterError(
            "The 'obj' parameter must be a Roadmap or an Agreement. "
            f"Got {type(obj).__name__} instead."
        )
    body: dict[str, Any] = _CONVERTER.unstructure(obj)
    return {"coopframe": FORMAT_VERSION, kind: body}


# ---------------------------------------------------------------------------------------------
# Text in and out


class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader (C when present) refusing duplicate keys in a mapping."""


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found an unhashable key",
                key_node.start_mark,
            ) from None
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"found duplicate key {key!r}",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> object:
    """A YAML date or time; an impossible one (2025-13-01) stays text, reported with its path."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


def _checked_scalar(
    tag: str, construct: Callable[[Any, yaml.ScalarNode], object]
) -> Callable[[Any, yaml.ScalarNode], object]:
    """``construct`` for ``tag``, refusing a value the tag cannot hold with its position.

    PyYAML's constructors trust the resolver: given an explicit tag on a value of another
    shape (``!!bool maybe``, ``!!int -``, ``!!timestamp tomorrow``) they fail with a KeyError,
    an IndexError, an AttributeError or a ValueError. Here each becomes a syntax error.
    """
    shown = tag.replace("tag:yaml.org,2002:", "!!")

    def checked(loader: Any, node: yaml.ScalarNode) -> object:
        try:
            return construct(loader, node)
        except (KeyError, IndexError, AttributeError, TypeError, ValueError, OverflowError):
            value = node.value if isinstance(node.value, str) else ""
            if tag.endswith(":int") and len(value) > sys.get_int_max_str_digits() > 0:
                reason = (
                    f"the integer has {len(value):,} digits, more than the "
                    f"{sys.get_int_max_str_digits():,} digits Python converts"
                )
            else:
                reason = f"{_short(value)} is not a valid {shown} value"
            raise _YamlRefused(reason, node.start_mark) from None

    return checked


_SafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
for _tag in ("bool", "int", "float", "timestamp"):
    _SafeLoader.add_constructor(
        f"tag:yaml.org,2002:{_tag}",
        _checked_scalar(
            f"tag:yaml.org,2002:{_tag}", _SafeLoader.yaml_constructors[f"tag:yaml.org,2002:{_tag}"]
        ),
    )
del _tag

_SafeDumper: Final = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_PLAIN_TAGS: Final = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map", "merge", "value")
)
"""The YAML tags of plain values; any other (``!!python/...``, ``!!binary``, ``!custom``) is
refused before anything is built."""


class _YamlRefused(Exception):
    """A YAML document beyond the limits or with a tag that is not allowed."""

    def __init__(self, reason: str, mark: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.mark = mark


_COLLECTION_TAGS: Final[dict[str, type[yaml.Node]]] = {
    "tag:yaml.org,2002:seq": yaml.SequenceNode,
    "tag:yaml.org,2002:map": yaml.MappingNode,
}
_NODE_KINDS: Final[dict[type[yaml.Node], str]] = {
    yaml.ScalarNode: "a single value",
    yaml.SequenceNode: "a list",
    yaml.MappingNode: "a mapping",
}


def _yaml_tag(loader: Any, event: Any, kind: type[yaml.Node]) -> str:
    tag: str | None = event.tag
    if tag is None or tag == "!":
        resolved: str = loader.resolve(kind, getattr(event, "value", None), event.implicit)
        return resolved
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    if tag not in _PLAIN_TAGS:
        raise _YamlRefused(
            f"could not determine a constructor for the YAML tag {_short(shown)}: coopframe "
            "documents hold plain values only",
            event.start_mark,
        )
    needed = _COLLECTION_TAGS.get(tag, yaml.ScalarNode)
    if kind is not needed:
        raise _YamlRefused(
            f"the YAML tag {shown} needs {_NODE_KINDS[needed]}, not {_NODE_KINDS[kind]}",
            event.start_mark,
        )
    return tag


def _compose_yaml(loader: Any, limits: Limits, text: str) -> yaml.Node | None:
    """Build the node graph of a single YAML document, within ``limits``, without recursion.

    It replaces PyYAML's composer, which recurses (the C one crashes the interpreter on
    documents nested some 100,000 deep) and lets a few aliases stand for billions of values.
    Here nesting beyond ``limits.max_depth`` is refused as soon as it is read; every alias adds
    the number of values it stands for to a count bounded by ``limits.max_aliases``; every
    value, aliases counted as what they stand for, to a count bounded by ``limits.max_nodes``;
    and every alias adds the length of the text it stands for (in bytes of UTF-8) to the
    document's own, which with its aliases written out must stay within ``limits.max_bytes``.
    """
    events = yaml.events
    get_event = loader.get_event
    get_event()  # stream start
    if loader.check_event(events.StreamEndEvent):
        get_event()
        return None
    get_event()  # document start
    anchors: dict[str, yaml.Node] = {}
    sizes: dict[int, tuple[int, int]] = {}  # values and characters each anchored node stands for
    open_nodes: set[int] = set()  # anchored collections not yet closed
    aliased = 0
    nodes = 0
    length = -1  # bytes of the document with its aliases written out; measured at the first
    stack: list[list[Any]] = []  # [node, anchor, values, characters added by aliases]
    max_depth, max_nodes = limits.max_depth, limits.max_nodes
    root: yaml.Node
    while True:
        event = get_event()
        kind = type(event)
        size = 1
        extra = 0
        node: yaml.Node
        if kind is events.ScalarEvent:
            node = yaml.ScalarNode(
                _yaml_tag(loader, event, yaml.ScalarNode),
                event.value,
                event.start_mark,
                event.start_mark,  # one mark per node: nothing reads the end, and marks are big
                style=event.style,
            )
            if event.anchor is not None:
                _anchor(anchors, event, node)
                sizes[id(node)] = (1, _span(text, event.start_mark, event.end_mark))
        elif kind is events.AliasEvent:
            target = anchors.get(event.anchor)
            if target is None:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            if id(target) in open_nodes:
                raise _YamlRefused(
                    f"the alias *{event.anchor} refers to a value that holds it", event.start_mark
                )
            node = target
            size, characters = sizes[id(target)]
            aliased += size
            if aliased > limits.max_aliases:
                raise _YamlRefused(
                    f"the aliases repeat more than {limits.max_aliases:,} values "
                    "(Limits.max_aliases)",
                    event.start_mark,
                )
            extra = characters
            if length < 0:
                length = _utf8_length(text)
            length += characters - (event.end_mark.index - event.start_mark.index)
            if length > limits.max_bytes:
                raise _YamlRefused(
                    "with its aliases written out, the document is more than "
                    f"{limits.max_bytes:,} bytes (Limits.max_bytes)",
                    event.start_mark,
                )
        elif kind is events.SequenceStartEvent or kind is events.MappingStartEvent:
            if len(stack) >= max_depth:
                raise _YamlRefused(
                    f"the document is nested more than {max_depth} lists and mappings deep "
                    "(Limits.max_depth)",
                    event.start_mark,
                )
            node_kind = yaml.SequenceNode if kind is events.SequenceStartEvent else yaml.MappingNode
            node = node_kind(
                _yaml_tag(loader, event, node_kind),
                [],
                event.start_mark,
                None,
                flow_style=event.flow_style,
            )
            if event.anchor is not None:
                _anchor(anchors, event, node)
                open_nodes.add(id(node))
            stack.append([node, event.anchor, 1, 0])
            nodes += 1
            if nodes > max_nodes:
                raise _too_many_nodes(max_nodes, event.start_mark)
            continue
        elif kind is events.SequenceEndEvent or kind is events.MappingEndEvent:
            node, anchor, size, extra = stack.pop()
            node.end_mark = node.start_mark
            if kind is events.MappingEndEvent:
                items = iter(node.value)
                node.value = list(zip(items, items, strict=True))
            if anchor is not None:
                sizes[id(node)] = (size, _span(text, node.start_mark, event.end_mark) + extra)
                open_nodes.discard(id(node))
        if kind is events.ScalarEvent or kind is events.AliasEvent:
            nodes += size
            if nodes > max_nodes:
                raise _too_many_nodes(max_nodes, event.start_mark)
        if not stack:
            root = node
            break
        parent = stack[-1]
        parent[0].value.append(node)
        parent[2] += size
        parent[3] += extra
    get_event()  # document end
    if not loader.check_event(events.StreamEndEvent):
        event = get_event()
        raise yaml.composer.ComposerError(
            "expected a single document in the stream",
            root.start_mark,
            "but found another document",
            event.start_mark,
        )
    get_event()
    return root


def _utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _span(text: str, start: Any, end: Any) -> int:
    """Bytes of UTF-8 from mark ``start`` to mark ``end`` (character indexes) of ``text``."""
    return _utf8_length(text[start.index : end.index])


def _too_many_nodes(max_nodes: int, mark: Any) -> _YamlRefused:
    return _YamlRefused(
        f"the document holds more than {max_nodes:,} values, aliases counted as the values "
        "they stand for (Limits.max_nodes)",
        mark,
    )


def _anchor(anchors: dict[str, yaml.Node], event: Any, node: yaml.Node) -> None:
    if event.anchor in anchors:
        raise yaml.composer.ComposerError(
            f"found duplicate anchor {event.anchor!r}; first occurrence",
            anchors[event.anchor].start_mark,
            "second occurrence",
            event.start_mark,
        )
    anchors[event.anchor] = node


def _load_yaml(text: str, limits: Limits, source: str) -> object:
    loader = _SafeLoader(text)
    try:
        node = _compose_yaml(loader, limits, text)
        if node is None:
            return None
        version = _yaml_version_node(node)
        data = loader.construct_document(node)
        if version is not None and version.value != str(FORMAT_VERSION):
            _check_written_version(data, version.value, source)
        return data
    finally:
        loader.dispose()


_INT_TAG: Final = "tag:yaml.org,2002:int"


def _yaml_version_node(root: yaml.Node) -> yaml.ScalarNode | None:
    """The integer scalar holding a document's format version, if it has one."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "coopframe"
            and isinstance(value, yaml.ScalarNode)
            and value.tag == _INT_TAG
        ):
            return value
    return None


def _check_written_version(data: object, written: str, source: str) -> None:
    """Refuse a version read as 1 but written otherwise (``0x1``, ``+1``, ``01``)."""
    if not isinstance(data, dict):
        return
    version = data.get("coopframe")
    if type(version) is not int or version != FORMAT_VERSION:
        return  # reported with the document's other problems
    raise InvalidDocumentError(
        [
            Problem(
                "coopframe",
                f"the format version is written {_short(written)}; this coopframe reads version "
                f"{FORMAT_VERSION}, written 'coopframe: {FORMAT_VERSION}'",
            )
        ],
        source=source,
    )


_TOML_VERSION: Final = re.compile(
    r"""^[ \t]*(?:coopframe|"coopframe"|'coopframe')[ \t]*=[ \t]*([^\s#]*)""", re.MULTILINE
)


_TOML_PART: Final = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_TOML_STRING_OR_COMMENT: Final = re.compile(
    r'"""[\s\S]*?"""' + r"|'''[\s\S]*?'''" + r'|"(?:[^"\\\n]|\\.)*"' + r"|'[^'\n]*'|#[^\n]*"
)


@functools.lru_cache(maxsize=8)
def _toml_chain(max_depth: int) -> re.Pattern[str]:
    """``max_depth`` dots joining parts of a key: a key or table header deeper than the limit."""
    return re.compile(rf"\.[ \t]*{_TOML_PART}(?:[ \t]*\.[ \t]*{_TOML_PART}){{{max_depth - 1}}}")


def _check_toml_keys(text: str, limits: Limits, source: str) -> None:
    """Refuse a dotted key or table header of more than ``limits.max_depth`` parts.

    ``tomllib`` keeps every prefix of every dotted key, so a key of n parts costs memory
    quadratic in n (a 64 KB key of 32,000 parts takes gigabytes). A key deeper than the limit
    is refused on the text, before parsing. The quick search runs on the raw text; only when
    it finds a chain is the text searched again without its strings and comments, where a
    chain would not be a key.
    """
    if text.count(".") < limits.max_depth:
        return
    chain = _toml_chain(limits.max_depth)
    if chain.search(text) is None:
        return
    bare = _TOML_STRING_OR_COMMENT.sub(
        lambda match: (
            "" if match.group().startswith("#") else "Q" + "\n" * match.group().count("\n")
        ),
        text,
    )
    found = chain.search(bare)
    if found is None:
        return
    line = bare.count("\n", 0, found.start()) + 1
    column = found.start() - (bare.rfind("\n", 0, found.start()) + 1) + 1
    raise DocumentSyntaxError(
        f"a dotted key or table header of more than {limits.max_depth} parts (Limits.max_depth)",
        source=source,
        line=line,
        column=column,
    )


_JSON_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"')


def _check_node_estimate(text: str, fmt: Format, limits: Limits, source: str) -> None:
    """Refuse JSON or TOML text that may hold more than ``limits.max_nodes`` values.

    Every value and key after the first of a JSON container follows a ``,``, and the first a
    ``[``, ``{`` or ``:``; in TOML each ``=``, ``[``, ``,`` and ``.`` (a dotted key's table)
    starts at most one. Counting them is quick and never undercounts; when the count is over
    the limit, it is taken again without the strings, which may hold any of them.
    """
    marks = ",[{:" if fmt == "json" else ",[=."
    if sum(text.count(mark) for mark in marks) < limits.max_nodes:
        return
    bare = (_JSON_STRING if fmt == "json" else _TOML_STRING_OR_COMMENT).sub("", text)
    count = sum(bare.count(mark) for mark in marks)
    if count >= limits.max_nodes:
        raise DocumentSyntaxError(
            f"the document may hold up to {count + 1:,} values, more than the limit of "
            f"{limits.max_nodes:,} (Limits.max_nodes)",
            source=source,
        )


def _check_toml_version(data: dict[str, Any], text: str, source: str) -> None:
    """Refuse a version that TOML reads as 1 but is written otherwise (``0x1``, ``+1``)."""
    if "coopframe" not in text:
        return
    written = [match.group(1) for match in _TOML_VERSION.finditer(text)]
    if written and str(FORMAT_VERSION) not in written:
        _check_written_version(data, written[0], source)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _DuplicateKey(Exception):
    pass


def _reject_constant(name: str) -> float:
    raise _ValueProblem(f"{name} is not allowed: numbers must be finite")


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def _parse(text: str, fmt: Format, source: str, limits: Limits) -> object:
    try:
        return _parse_within(text, fmt, source, limits)
    except ValueError as exc:  # a number beyond the interpreter's limits, and the like
        if isinstance(exc, CoopframeError):
            raise
        raise DocumentSyntaxError(f"cannot read a value: {exc}", source=source) from None


def _parse_within(text: str, fmt: Format, source: str, limits: Limits) -> object:
    if fmt != "yaml":
        _check_node_estimate(text, fmt, limits, source)
    if fmt == "json":
        try:
            data = json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise DocumentSyntaxError(
                exc.msg, source=source, line=exc.lineno, column=exc.colno
            ) from None
        except _DuplicateKey as exc:
            raise DocumentSyntaxError(
                f"duplicate key {_short(exc.args[0])}", source=source
            ) from None
        except _ValueProblem as exc:
            raise DocumentSyntaxError(str(exc), source=source) from None
        except RecursionError:
            raise DocumentSyntaxError("the document is nested too deeply", source=source) from None
        if "\\" in text and _SURROGATE_ESCAPE.search(text):  # the first test is quicker
            _check_no_surrogates(data, source)
        return data
    if fmt == "toml":
        _check_toml_keys(text, limits, source)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            found = re.search(r"\(at line (\d+), column (\d+)\)", message)
            reason = message[: found.start()].strip() if found else message
            line = int(found.group(1)) if found else None
            column = int(found.group(2)) if found else None
            raise DocumentSyntaxError(reason, source=source, line=line, column=column) from None
        except RecursionError:
            raise DocumentSyntaxError("the document is nested too deeply", source=source) from None
        _check_toml_version(data, text, source)
        return data
    try:
        return _load_yaml(text, limits, source)
    except UnicodeEncodeError as exc:
        raise DocumentSyntaxError(
            f"the text holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at character "
            f"{exc.start + 1:,}, which is not a character",
            source=source,
        ) from None
    except _YamlRefused as exc:
        raise DocumentSyntaxError(
            exc.reason, source=source, line=exc.mark.line + 1, column=exc.mark.column + 1
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise DocumentSyntaxError(
            reason,
            source=source,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentSyntaxError(str(exc), source=source) from None
    except RecursionError:
        raise DocumentSyntaxError("the document is nested too deeply", source=source) from None


def _check_no_surrogates(data: object, source: str) -> None:
    """Refuse text holding a lone surrogate (``"\\ud800"``): it is not a character."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            texts: Any = (value,)
        elif isinstance(value, dict):
            texts = value.keys()
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
            continue
        else:
            continue
        for piece in texts:
            if isinstance(piece, str) and not piece.isascii():
                try:
                    piece.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise DocumentSyntaxError(
                        f"the text {_short(piece)} holds a lone surrogate "
                        f"(\\u{ord(piece[exc.start]):04x}), which is not a character",
                        source=source,
                    ) from None


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


def _check_format(fmt: object, function: str) -> Format:
    if fmt in FORMATS:
        return fmt
    raise InvalidParameterError(
        f"The 'format' parameter of {function} must be one of 'yaml', 'json', 'toml'. "
        f"Got {fmt!r} instead."
    )


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentSyntaxError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            source=source,
            line=line,
            column=column,
        ) from None


def loads(text: str | bytes, *, format: Format = "yaml", limits: Limits | None = None) -> Document:
    """Read a roadmap or agreement from text.

    Parameters
    ----------
    text
        The document, as text or UTF-8 bytes (a byte-order mark is allowed).
    format
        ``"yaml"`` (default), ``"json"`` or ``"toml"``.
    limits
        Bounds on size, nesting, strings, lists and YAML aliases (default
        :data:`DEFAULT_LIMITS`); a document beyond them is refused.

    Returns
    -------
    Roadmap or Agreement
        Whichever the document holds.

    Raises
    ------
    DocumentSyntaxError
        The text cannot be parsed, or is beyond the size, nesting or alias limits; says where.
    InvalidDocumentError
        The document breaks the format or the model's rules, or holds a string or list beyond
        the limits; lists every problem with its path.
    InvalidParameterError
        Unknown format, or ``limits`` is not a :class:`Limits`.

    Examples
    --------
    >>> road = cf.loads('''
    ... coopframe: 1
    ... roadmap:
    ...   id: demo
    ...   title: Hoja de ruta de ejemplo
    ...   parties: [{id: BOL, name: Bolivia}, {id: PER, name: Perú}]
    ...   period: {start: 2025-01-01, end: 2026-12-31}
    ...   axes: [{id: prev, name: Prevención, pillars: [prevention]}]
    ...   activities: [{id: A1, title: Campaña binacional, axis: prev}]
    ... ''')
    >>> road.activity("A1").title
    'Campaña binacional'
    """
    fmt = _check_format(format, "loads")
    limits = _check_limits(limits, "loads")
    source = f"<{fmt} text>"
    if isinstance(text, bytes | bytearray):
        _check_size(text, limits, source)
        text = _decode(bytes(text), source)
    elif isinstance(text, str):
        _check_size(text, limits, source)
    else:
        raise InvalidParameterError(
            "The 'text' parameter of loads must be str or bytes. "
            f"Got {type(text).__name__} instead."
        )
    return _read(text.removeprefix("\ufeff"), fmt, source, limits)


def _read(text: str, fmt: Format, source: str, limits: Limits) -> Document:
    with gc_paused():
        data = _parse(text, fmt, source, limits)
        return structure(data, source=source, limits=limits)


def format_for_path(path: str | os.PathLike[str]) -> Format:
    """The format a file's suffix names (``.yaml``/``.yml``, ``.json``, ``.toml``).

    Raises
    ------
    DocumentFileError
        The suffix names no supported format.
    """
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        raise DocumentFileError(
            f"{os.fspath(path)}: cannot tell the format from the suffix {suffix!r}; use .yaml, "
            ".yml, .json or .toml, or pass format="
        ) from None


_FILE_KINDS: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _read_file(source: str, size: int) -> bytes:
    """At most ``size`` bytes of the regular file ``source``; anything else is refused.

    The file is opened without blocking and checked on its descriptor before anything is read:
    a FIFO with no writer would block forever, and a device such as ``/dev/zero`` never ends.
    """
    shown = visible(source, one_line=True)
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DocumentFileError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise DocumentFileError(f"{shown}: is a directory, not a file") from None
    except PermissionError:
        raise DocumentFileError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise DocumentFileError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
        if kind == "a directory":
            raise DocumentFileError(f"{shown}: is a directory, not a file")
        raise DocumentFileError(f"{shown}: is {kind}, not a regular file; save it first")
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "rb") as stream:
        try:
            return stream.read(size)
        except OSError as exc:
            raise DocumentFileError(f"{shown}: cannot be read ({exc.strerror or exc})") from None


def load(
    path: str | os.PathLike[str], *, format: Format | None = None, limits: Limits | None = None
) -> Document:
    """Read a roadmap or agreement from a file.

    Parameters
    ----------
    path
        The file; its suffix gives the format unless ``format`` is given.
    format
        ``"yaml"``, ``"json"`` or ``"toml"``, overriding the suffix.
    limits
        Bounds on size, nesting, strings, lists and YAML aliases (default
        :data:`DEFAULT_LIMITS`); a file larger than ``limits.max_bytes`` is not even read.

    Returns
    -------
    Roadmap or Agreement
        Whichever the document holds.

    Raises
    ------
    DocumentFileError
        The file is missing, a directory, not a regular file (a FIFO, a device), unreadable,
        or its suffix names no format.
    DocumentSyntaxError
        The file cannot be parsed; says the line and column.
    InvalidDocumentError
        The document breaks the format or the model's rules; lists every problem with its path.

    Examples
    --------
    >>> road = cf.load(cf.datasets.path("bolivia-peru-2025-2026"))
    >>> len(road.activities)
    11
    """
    fmt = _check_format(format, "load") if format is not None else format_for_path(path)
    limits = _check_limits(limits, "load")
    source = os.fspath(path)
    data = _read_file(source, limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise DocumentSyntaxError(
            f"the file is larger than the limit of {limits.max_bytes:,} bytes (Limits.max_bytes)",
            source=source,
        )
    return _read(_decode(data, source), fmt, source, limits)


def dumps(obj: Document, *, format: Format = "yaml") -> str:
    """Write a roadmap or agreement as text.

    The output is deterministic (the same object gives the same text) and ``loads`` gives the
    object back: ``loads(dumps(r, format=f), format=f) == r``. Optional fields left at their
    defaults are omitted.

    Parameters
    ----------
    obj
        A roadmap or agreement.
    format
        ``"yaml"`` (default), ``"json"`` or ``"toml"``.

    Examples
    --------
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> cf.loads(cf.dumps(road, format="json"), format="json") == road
    True
    """
    fmt = _check_format(format, "dumps")
    document = unstructure(obj)
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if fmt == "toml":
        return tomli_w.dumps(document)
    text: str = yaml.dump(
        document,
        Dumper=_SafeDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text


def dump(obj: Document, path: str | os.PathLike[str], *, format: Format | None = None) -> None:
    """Write a roadmap or agreement to a file, atomically.

    The text goes to a temporary file in the same directory, is flushed to disk, and then
    replaces ``path`` in one step: an interrupted save leaves the old file or the new one, whole.
    A replaced file keeps its permissions, and its owner and group where the process may set
    them; a new one gets what the umask gives. A symbolic link is followed and kept. Anything
    that is not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is written
    through, as a shell redirection would, never replaced.

    Parameters
    ----------
    obj
        A roadmap or agreement.
    path
        The file; its suffix gives the format unless ``format`` is given.
    format
        ``"yaml"``, ``"json"`` or ``"toml"``, overriding the suffix.

    Raises
    ------
    DocumentFileError
        The directory does not exist or cannot be written, or the suffix names no format.
    """
    fmt = _check_format(format, "dump") if format is not None else format_for_path(path)
    text = dumps(obj, format=fmt)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidDocumentError(
            [
                Problem(
                    "",
                    f"the text holds a lone surrogate (\\u{ord(text[exc.start]):04x}), which "
                    "is not a character and cannot be written as UTF-8",
                )
            ],
            source=os.fspath(path),
        ) from None
    write_atomically(path, data)


# ---------------------------------------------------------------------------------------------
# JSON Schema, derived from the model


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the document format, derived from the model's types.

    It describes the shape of a document: keys, types, enums and required fields. The
    cross-object rules (unique ids, references that resolve, no cycles) are beyond JSON Schema
    and are checked when a document is loaded.

    Examples
    --------
    >>> schema = cf.io.json_schema()
    >>> sorted(schema["$defs"]["Activity"]["required"])
    ['axis', 'id', 'title']
    """
    definitions: dict[str, Any] = {}
    for cls in (Roadmap, Agreement):
        _schema_for(cls, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://coopframe.readthedocs.io/schema/coopframe-1.json",
        "title": "coopframe document",
        "description": "A coopframe roadmap or agreement document, format version 1.",
        "type": "object",
        "properties": {
            "coopframe": {"const": FORMAT_VERSION, "description": "The format version."},
            "roadmap": {"$ref": "#/$defs/Roadmap"},
            "agreement": {"$ref": "#/$defs/Agreement"},
        },
        "required": ["coopframe"],
        "oneOf": [{"required": ["roadmap"]}, {"required": ["agreement"]}],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


_DOC_PARAM = re.compile(r"^(\w+(?:, \w+)*)\n((?:    .*\n?)+)", re.MULTILINE)


def _field_docs(cls: type) -> dict[str, str]:
    """Field descriptions from a numpydoc ``Parameters`` section."""
    doc = cls.__doc__ or ""
    if "Parameters\n" not in doc:
        return {}
    section = doc.split("Parameters\n", 1)[1]
    section = re.sub(r"^ {4}", "", section, flags=re.MULTILINE)
    section = section.split("\nExamples\n", 1)[0]
    docs: dict[str, str] = {}
    for match in _DOC_PARAM.finditer(section):
        text = " ".join(line.strip() for line in match.group(2).splitlines()).strip()
        for name in match.group(1).split(", "):
            docs[name] = text
    return docs


def _schema_for(type_: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    if type_ is str:
        return {"type": "string"}
    if type_ is float:
        return {"type": "number"}
    if type_ is int:
        return {"type": "integer"}
    if type_ is bool:
        return {"type": "boolean"}
    if type_ is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return {"type": "string", "enum": [member.value for member in type_]}
    supertype = getattr(type_, "__supertype__", None)
    if supertype is not None:
        return _schema_for(supertype, definitions)
    if _is_tuple_of(type_):
        return {"type": "array", "items": _schema_for(typing.get_args(type_)[0], definitions)}
    origin = typing.get_origin(type_)
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in typing.get_args(type_) if arg is not type(None)]
        schemas = [_schema_for(option, definitions) for option in options]
        return {"anyOf": [*schemas, {"type": "null"}]}
    if attrs.has(type_):
        name = type_.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(type_)
            docs = _field_docs(type_)
            properties: dict[str, Any] = {}
            required: list[str] = []
            for field in attrs.fields(type_):
                if not field.init:
                    continue
                schema = dict(_schema_for(hints[field.name], definitions))
                if field.name in docs:
                    schema["description"] = docs[field.name]
                properties[field.name] = schema
                if field.default is attrs.NOTHING:
                    required.append(field.name)
            summary = (type_.__doc__ or "").strip().split("\n\n", 1)[0]
            definitions[name] = {
                "type": "object",
                "description": " ".join(summary.split()),
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {type_!r}")  # pragma: no cover - the model is fixed
