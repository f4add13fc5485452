"""Checks and text helpers shared by the modules of :mod:`coopframe.analysis`."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Any

from coopframe._checks import check_bool
from coopframe.exceptions import InvalidParameterError
from coopframe.model import Roadmap


def frozen_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """A result's collection as a tuple: the converter of every tuple field of a result."""
    return tuple(values)


def _check_top(top: object, where: str) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 0:
        raise InvalidParameterError(
            f"The 'top' parameter of {where} must be a non-negative integer. Got {top!r} instead."
        )


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.4f}"


def _label(roadmap_id: str, source: str) -> str:
    return roadmap_id if source == roadmap_id else f"{roadmap_id} ({source})"


def _check_limit(limit: object, function: str) -> None:
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise InvalidParameterError(
            f"The 'limit' parameter of {function} must be a whole number >= 0 or None. "
            f"Got {limit!r} instead."
        )


def _check_roadmap(value: object, name: str, where: str) -> None:
    if not isinstance(value, Roadmap):
        raise InvalidParameterError(
            f"The '{name}' parameter of {where} must be a Roadmap. "
            f"Got {type(value).__name__} instead."
        )


def _check_options(threshold: object, match_ids: object, where: str) -> float:
    if (
        not isinstance(threshold, int | float)
        or isinstance(threshold, bool)
        or not 0.0 <= threshold <= 1.0
    ):
        raise InvalidParameterError(
            f"The 'threshold' parameter of {where} must be a number in [0, 1]. "
            f"Got {threshold!r} instead."
        )
    check_bool("match_ids", match_ids, where)
    return float(threshold)


def _check_date(value: object, name: str) -> None:
    if value is not None and not isinstance(value, dt.date):
        raise InvalidParameterError(
            f"The '{name}' parameter of compare must be a date or None. Got {value!r} instead."
        )
