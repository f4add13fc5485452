"""Private helpers shared by the families of scores."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from coopframe._checks import check_choice
from coopframe.model import Counting

__all__ = ["FrozenMap", "check_counting", "evenness"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only mapping that keeps its insertion order, pickles, and hashes by value.

    Unlike :class:`types.MappingProxyType` it can be sent to a worker process with the result
    that holds it, and it hashes when its values do (``hash`` raises ``TypeError`` otherwise).
    Equal to any mapping with the same items.
    """

    __slots__ = ("_items",)

    _items: dict[K, V]

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        object.__setattr__(self, "_items", dict(items))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self._items,))


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
    return Counting(check_choice("counting", value, func, [rule.value for rule in Counting]))
