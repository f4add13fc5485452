"""Private helpers shared by the families of scores."""

from __future__ import annotations

import math
from collections.abc import Iterable

from coopframe.exceptions import InvalidParameterError
from coopframe.model import Counting

__all__ = ["check_bool", "check_counting", "evenness"]


def check_bool(name: str, value: object, caller: str) -> None:
    """Raise the parameter error unless ``value`` is a bool."""
    if not isinstance(value, bool):
        raise InvalidParameterError(
            f"The {name!r} parameter of {caller} must be True or False. Got {value!r} instead."
        )


def evenness(loads: Iterable[float]) -> float:
    """Pielou's evenness ``H / ln k`` of non-negative loads over all ``k`` of them.

    ``nan`` when ``k < 2`` or the loads add up to zero; exactly 1 when the loads are equal.
    Summed with :func:`math.fsum`, so the
    result does not depend on the order of the loads.
    """
    values = list(loads)
    total = math.fsum(values)
    if len(values) < 2 or total <= 0.0:
        return math.nan
    if min(values) == max(values):
        return 1.0  # exactly, where the sum of k equal terms may round below ln k
    shares = [value / total for value in values]
    entropy = -math.fsum(share * math.log(share) for share in shares if share > 0.0)
    return min(1.0, max(0.0, entropy / math.log(len(values))))


def check_counting(value: object, func: str) -> Counting:
    """A counting rule given as a :class:`Counting` or its value; the parameter error otherwise."""
    if isinstance(value, Counting):
        return value
    if isinstance(value, str):
        for rule in Counting:
            if rule.value == value:
                return rule
    allowed = ", ".join(repr(rule.value) for rule in Counting)
    raise InvalidParameterError(
        f"The 'counting' parameter of {func} must be one of {allowed}. Got {value!r} instead."
    )
