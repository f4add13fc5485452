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
YAML is read with the safe loader only (the C loader when PyYAML has it).
"""

from __future__ import annotations

import datetime as dt
import enum
import gc
import json
import math
import os
import re
import tempfile
import tomllib
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
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

from coopframe.exceptions import (
    DocumentFileError,
    DocumentSyntaxError,
    InvalidDocumentError,
    InvalidParameterError,
    Problem,
)
from coopframe.model import Agreement, Roadmap

__all__ = [
    "FORMATS",
    "FORMAT_VERSION",
    "Document",
    "Format",
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


class _ValueProblem(ValueError):
    """A scalar that does not fit its field; its message is shown as is."""


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise _ValueProblem(f"expected a string, got {_kind_of(value)}")


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        raise _ValueProblem(f"expected a finite number, got {value!r}")
    if isinstance(value, int) and not isinstance(value, bool):
        result = float(value)
        if math.isfinite(result):
            return result
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
        raise _ValueProblem(f"expected a date as YYYY-MM-DD, got {value!r}")
    raise _ValueProblem(f"expected a date as YYYY-MM-DD, got {_kind_of(value)}")


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    members = {member.value: member for member in cls}
    allowed = ", ".join(repr(v) for v in sorted(members))

    def structure(value: object, _: type) -> enum.Enum:
        if isinstance(value, str):
            member = members.get(value)
            if member is not None:
                return member
            raise _ValueProblem(f"{value!r} is not one of {allowed}")
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


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    """The converter; ``detailed`` makes it collect every problem with its path.

    Both variants are built from the same hooks. The quick one stops at the first problem; it
    reads valid documents about twice as fast, and a document it refuses is read again by the
    detailed one to report every problem.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )

    def optional_hook(type_: Any) -> Callable[[object, type], Any]:
        inner_type = next(arg for arg in typing.get_args(type_) if arg is not type(None))
        inner_hook = converter.get_structure_hook(inner_type)
        if inner_hook is _structure_str:
            return lambda value, _: (
                value if value is None or type(value) is str else _structure_str(value, str)
            )
        return lambda value, _: None if value is None else inner_hook(value, inner_type)

    converter.register_structure_hook_factory(_is_optional, optional_hook)

    def tuple_hook(type_: Any) -> Callable[[object, type], tuple[Any, ...]]:
        item_type = typing.get_args(type_)[0]
        item_hook = converter.get_structure_hook(item_type)

        def quick(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _ValueProblem(f"expected a list, got {_kind_of(value)}")
            if item_hook is _structure_str:
                for item in value:
                    if type(item) is not str:
                        raise _ValueProblem("expected a string")
                return tuple(value)
            return tuple([item_hook(item, item_type) for item in value])

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _ValueProblem(f"expected a list, got {_kind_of(value)}")
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

    converter.register_structure_hook_factory(attrs.has, attrs_hook)
    return converter


def _list_unstructurer(converter: cattrs.Converter, item_type: Any) -> Callable[[Any], list[Any]]:
    if item_type is str or (isinstance(item_type, type) and issubclass(item_type, str)):
        return list
    item_hook = converter.get_unstructure_hook(item_type)
    return lambda items: [item_hook(item) for item in items]


_CONVERTER: Final = _make_converter(detailed=True)
_QUICK_CONVERTER: Final = _make_converter(detailed=False)


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
            Problem(_join(path, key), "unknown key") for key in sorted(exc.extra_fields, key=str)
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


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def structure(data: object, *, source: str | None = None) -> Document:
    """Build a roadmap or agreement from a parsed document (dicts, lists and scalars).

    Raises
    ------
    InvalidDocumentError
        With every problem found, each with its path.
    """
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
    elif isinstance(version, bool) or version != FORMAT_VERSION:
        problems.append(
            Problem(
                "coopframe",
                f"unsupported format version {version!r}; this coopframe reads version "
                f"{FORMAT_VERSION}",
            )
        )
    kinds = [key for key in _KINDS if key in data]
    for key in sorted((k for k in data if k != "coopframe" and k not in _KINDS), key=str):
        problems.append(Problem(str(key), "unknown key"))
    if not kinds:
        problems.append(Problem("", "the document holds neither a 'roadmap' nor an 'agreement'"))
    elif len(kinds) > 1:
        problems.append(Problem("", "a document holds one 'roadmap' or one 'agreement', not both"))
    if problems:
        raise InvalidDocumentError(problems, source=source)
    kind = kinds[0]
    with _gc_paused():
        try:
            quick: Document = _QUICK_CONVERTER.structure(data[kind], _KINDS[kind])
        except Exception:  # read again below to report every problem
            pass
        else:
            return quick
    try:
        with _gc_paused():
            result: Document = _CONVERTER.structure(data[kind], _KINDS[kind])
    except (ClassValidationError, IterableValidationError, InvalidDocumentError) as exc:
        raise InvalidDocumentError(_problems_from(exc), source=source) from None
    except _ValueProblem as exc:
        raise InvalidDocumentError([Problem(kind, str(exc))], source=source) from None
    return result


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


_SafeLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

_SafeDumper: Final = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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


def _parse(text: str, fmt: Format, source: str) -> object:
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise DocumentSyntaxError(
                exc.msg, source=source, line=exc.lineno, column=exc.colno
            ) from None
        except _DuplicateKey as exc:
            raise DocumentSyntaxError(f"duplicate key {exc.args[0]!r}", source=source) from None
        except _ValueProblem as exc:
            raise DocumentSyntaxError(str(exc), source=source) from None
        except RecursionError:
            raise DocumentSyntaxError("the document is nested too deeply", source=source) from None
    if fmt == "toml":
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            found = re.search(r"\(at line (\d+), column (\d+)\)", message)
            reason = message[: found.start()].strip() if found else message
            line = int(found.group(1)) if found else None
            column = int(found.group(2)) if found else None
            raise DocumentSyntaxError(reason, source=source, line=line, column=column) from None
        except RecursionError:
            raise DocumentSyntaxError("the document is nested too deeply", source=source) from None
    try:
        return yaml.load(text, Loader=_SafeLoader)
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


def loads(text: str | bytes, *, format: Format = "yaml") -> Document:
    """Read a roadmap or agreement from text.

    Parameters
    ----------
    text
        The document, as text or UTF-8 bytes (a byte-order mark is allowed).
    format
        ``"yaml"`` (default), ``"json"`` or ``"toml"``.

    Returns
    -------
    Roadmap or Agreement
        Whichever the document holds.

    Raises
    ------
    DocumentSyntaxError
        The text cannot be parsed; says where.
    InvalidDocumentError
        The document breaks the format or the model's rules; lists every problem with its path.
    InvalidParameterError
        Unknown format.

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
    source = f"<{fmt} text>"
    if isinstance(text, bytes | bytearray):
        text = _decode(bytes(text), source)
    elif not isinstance(text, str):
        raise InvalidParameterError(
            "The 'text' parameter of loads must be str or bytes. "
            f"Got {type(text).__name__} instead."
        )
    return structure(_parse(text.removeprefix("\ufeff"), fmt, source), source=source)


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


def load(path: str | os.PathLike[str], *, format: Format | None = None) -> Document:
    """Read a roadmap or agreement from a file.

    Parameters
    ----------
    path
        The file; its suffix gives the format unless ``format`` is given.
    format
        ``"yaml"``, ``"json"`` or ``"toml"``, overriding the suffix.

    Returns
    -------
    Roadmap or Agreement
        Whichever the document holds.

    Raises
    ------
    DocumentFileError
        The file is missing, a directory, unreadable, or of an unknown type.
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
    source = os.fspath(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DocumentFileError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise DocumentFileError(f"{source}: is a directory, not a file") from None
    except PermissionError:
        raise DocumentFileError(f"{source}: permission denied") from None
    except OSError as exc:
        raise DocumentFileError(f"{source}: cannot be read ({exc.strerror or exc})") from None
    return structure(_parse(_decode(data, source), fmt, source), source=source)


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
    data = dumps(obj, format=fmt).encode("utf-8")
    target = Path(path)
    directory = target.parent
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except FileNotFoundError:
        raise DocumentFileError(f"{os.fspath(path)}: the directory does not exist") from None
    except OSError as exc:
        raise DocumentFileError(
            f"{os.fspath(path)}: cannot write here ({exc.strerror or exc})"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, IsADirectoryError):
            raise DocumentFileError(f"{os.fspath(path)}: is a directory") from None
        if isinstance(exc, OSError):
            raise DocumentFileError(
                f"{os.fspath(path)}: cannot be written ({exc.strerror or exc})"
            ) from None
        raise
    _fsync_directory(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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
