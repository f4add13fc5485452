"""Checks and text helpers shared by the modules of :mod:`coopframe.analysis`."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from coopframe._checks import (
    check_bool,
    check_instance,
    check_int,
    check_non_negative_int,
    check_unit_interval,
)
from coopframe.model import Roadmap


def frozen_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    """A result's collection as a tuple: the converter of every tuple field of a result."""
    return tuple(values)


def _check_top(top: object, where: str) -> None:
    check_non_negative_int("top", top, where)


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.4f}"


def _label(roadmap_id: str, source: str) -> str:
    return roadmap_id if source == roadmap_id else f"{roadmap_id} ({source})"


def _check_limit(limit: object, function: str) -> None:
    if limit is not None:
        check_int("limit", limit, function, minimum=0, expected="a whole number >= 0 or None")


def _check_roadmap(value: object, name: str, where: str) -> None:
    check_instance(name, value, where, Roadmap, "a Roadmap")


def _check_options(threshold: object, match_ids: object, where: str) -> float:
    limit = check_unit_interval("threshold", threshold, where)
    check_bool("match_ids", match_ids, where)
    return limit
