"""How values are named in messages, and the problem a value that does not fit raises."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final


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
