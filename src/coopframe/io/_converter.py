"""THE converter: one private :mod:`cattrs` converter, in a quick and a detailed variant.

Strict scalar hooks (a number is not silently a string), unknown keys rejected, strings and
lists bounded by the limits. The quick variant stops at the first problem; a document it
refuses is read again by the detailed one, which reports every problem with its path.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote

from coopframe import model
from coopframe.io._limits import DEFAULT_LIMITS
from coopframe.io._values import _kind_of, _long_list, _long_string, _short, _ValueProblem

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    structure_str = _string_hook(max_string_length)
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
    converter.register_structure_hook_factory(
        _is_optional,
        lambda type_: _optional_hook(type_, converter, structure_str, max_string_length),
    )
    converter.register_structure_hook_factory(
        _is_tuple_of,
        lambda type_: _tuple_hook(
            type_,
            converter,
            structure_str,
            detailed=detailed,
            max_string_length=max_string_length,
            max_list_length=max_list_length,
        ),
    )
    converter.register_unstructure_hook_factory(
        _is_tuple_of,
        lambda t: _list_unstructurer(converter, typing.get_args(t)[0]),
    )
    if detailed:
        converter.register_structure_hook_factory(
            attrs.has, lambda cls: _attrs_hook(cls, converter)
        )
    else:
        converter.register_structure_hook_factory(
            attrs.has,
            lambda cls: _quick_attrs_hook(converter, cls, max_string_length, max_list_length),
        )
    return converter


def _string_hook(max_string_length: int) -> Callable[[object, type], str]:
    def structure_str(value: object, _: type) -> str:
        if isinstance(value, str):
            if len(value) <= max_string_length:
                return value
            raise _long_string(value, max_string_length)
        raise _ValueProblem(f"expected a string, got {_kind_of(value)}")

    return structure_str


def _optional_hook(
    type_: Any,
    converter: cattrs.Converter,
    structure_str: Callable[[object, type], str],
    max_string_length: int,
) -> Callable[[object, type], Any]:
    inner_type = next(arg for arg in typing.get_args(type_) if arg is not type(None))
    inner_hook = converter.get_structure_hook(inner_type)
    if inner_hook is structure_str:
        return lambda value, _: (
            value
            if value is None or (type(value) is str and len(value) <= max_string_length)
            else structure_str(value, str)
        )
    return lambda value, _: None if value is None else inner_hook(value, inner_type)


def _tuple_hook(
    type_: Any,
    converter: cattrs.Converter,
    structure_str: Callable[[object, type], str],
    *,
    detailed: bool,
    max_string_length: int,
    max_list_length: int,
) -> Callable[[object, type], tuple[Any, ...]]:
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


def _attrs_hook(cls: type, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    inner: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, dict):
            raise _ValueProblem(f"expected a mapping, got {_kind_of(value)}")
        return inner(value, cls)

    return structure


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
