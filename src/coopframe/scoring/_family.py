"""A family of scores as one unit: how its detail is computed, its scores, its plain data.

Every built-in family module defines a ``FAMILY``; :func:`~coopframe.evaluate` loops over
:data:`FAMILIES` and over any family passed to it as ``families=[...]``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from coopframe._checks import refuse
from coopframe.scoring._registry import Scorer

if TYPE_CHECKING:
    import networkx as nx

    from coopframe.model import Roadmap

__all__ = ["EvaluationContext", "Family"]


@attrs.frozen(kw_only=True)
class EvaluationContext:
    """What every family of one evaluation shares, built once.

    Attributes
    ----------
    roadmap
        The roadmap evaluated.
    as_of
        The status date of the evaluation (the roadmap's own unless one was given).
    agency_network
        :func:`coopframe.graph.agency_network` of the roadmap. Read it; do not change it.
    """

    roadmap: Roadmap
    as_of: dt.date | None
    agency_network: nx.Graph[str] = attrs.field(eq=False, repr=False)


def _check_name(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.isidentifier():
        refuse("name", "Family", "a name made of letters, digits and underscores", repr(value))


def _scorer_tuple(scorers: Iterable[Scorer]) -> tuple[Scorer, ...]:
    return tuple(scorers)


def _check_scorers(
    instance: object, attribute: attrs.Attribute[tuple[Scorer, ...]], value: tuple[object, ...]
) -> None:
    if not all(isinstance(scorer, Scorer) for scorer in value):
        refuse("scorers", "Family", "Scorer entries", repr(value))


@attrs.frozen(kw_only=True)
class Family:
    """A family of scores: one detail, the scores read from it, and its plain data.

    The functions are called by :func:`~coopframe.evaluate`; to use a family in worker
    processes, give it functions defined at the top level of a module (they are pickled with
    the work, by reference, or by value under Dask).

    Parameters
    ----------
    name
        The key of its detail in :attr:`~coopframe.Evaluation.details` and in the ``details``
        of :meth:`~coopframe.Evaluation.to_dict`.
    detail
        ``detail(context) -> detail``: the family's detail from an :class:`EvaluationContext`.
    scores
        ``scores(detail) -> {score name: value}``: each in [0, 1], higher is better, ``nan``
        where undefined.
    to_data
        ``to_data(detail) -> mapping``: the detail as JSON-ready plain data.
    scorers
        The family's :class:`Scorer` entries: each score on its own, with its classification
        and what it measures (reports show the description).
    description
        One line saying what the family measures.
    """

    name: str = attrs.field(validator=_check_name)
    detail: Callable[[EvaluationContext], Any]
    scores: Callable[[Any], Mapping[str, float]]
    to_data: Callable[[Any], Mapping[str, Any]]
    scorers: tuple[Scorer, ...] = attrs.field(
        default=(), converter=_scorer_tuple, validator=_check_scorers
    )
    description: str = ""

    def scorer(self, name: str) -> Scorer | None:
        """The family's scorer called ``name``, or ``None``."""
        for scorer in self.scorers:
            if scorer.name == name:
                return scorer
        return None
