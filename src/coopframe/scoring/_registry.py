"""The scorer registry: every score by name, with the properties it promises.

Tools that pick scores from a configuration file use :func:`get_scorer` and
:func:`get_scorer_names`. Each entry is classified for the invariants the test suite checks;
an entry cannot be made without that classification.
"""

from __future__ import annotations

import math
import types
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs

from coopframe._checks import check_unit_interval
from coopframe.exceptions import InvalidParameterError, UnknownNameError

if TYPE_CHECKING:
    from coopframe.model import Roadmap

__all__ = [
    "SCORERS",
    "Scorer",
    "get_scorer",
    "get_scorer_names",
    "register_scorer",
    "unregister_scorer",
]


@attrs.frozen(kw_only=True)
class Scorer:
    """A registered score.

    Parameters
    ----------
    name
        The registry name, also the key in :attr:`Evaluation.scores`.
    func
        ``func(roadmap) -> float``: the score with its default options, in [0, 1], higher is
        better, ``nan`` where it is undefined.
    family
        The family of scores it belongs to (``"compliance"``, ``"coverage"``, ...).
    description
        One line saying what it measures.
    party_symmetric
        Whether swapping the parties' ids leaves the score unchanged. True for every score that
        treats the parties alike.
    on_empty
        The score of a roadmap without activities: a number in [0, 1], or ``nan`` when the
        score is undefined there.
    """

    name: str
    func: Callable[[Roadmap], float] = attrs.field(eq=False)
    family: str
    description: str
    party_symmetric: bool
    on_empty: float

    def __call__(self, roadmap: Roadmap) -> float:
        return self.func(roadmap)

    @property
    def defined_on_empty(self) -> bool:
        """Whether the score has a value (not ``nan``) on a roadmap without activities."""
        return not math.isnan(self.on_empty)


_SCORERS: dict[str, Scorer] = {}

SCORERS: Mapping[str, Scorer] = types.MappingProxyType(_SCORERS)
"""Every registered scorer by name, read-only: add to it with :func:`register_scorer`.

A scorer for one evaluation only is better passed to :func:`~coopframe.evaluate` as
``scorers=[...]``: it then travels with the work to any worker process.
"""


def register_scorer(
    name: str,
    func: Callable[[Roadmap], float],
    *,
    family: str,
    description: str,
    party_symmetric: bool,
    on_empty: float,
    replace: bool = False,
) -> Scorer:
    """Register a score under ``name`` so tools can pick it by name.

    Parameters
    ----------
    name
        Registry name; must be new unless ``replace`` is true.
    func
        ``func(roadmap) -> float`` in [0, 1], higher is better, ``nan`` where undefined.
    family, description, party_symmetric, on_empty
        See :class:`Scorer`.
    replace
        Replace an existing entry of the same name.

    Returns
    -------
    Scorer
        The registered entry.

    Raises
    ------
    InvalidParameterError
        The name is taken (and ``replace`` is false), or ``on_empty`` is outside [0, 1].
    """
    if name in _SCORERS and not replace:
        raise InvalidParameterError(
            f"The 'name' parameter of register_scorer must be a new scorer name. Got {name!r}, "
            "which is already registered; pass replace=True to replace it."
        )
    check_unit_interval("on_empty", on_empty, "register_scorer", nan=True)
    scorer = Scorer(
        name=name,
        func=func,
        family=family,
        description=description,
        party_symmetric=party_symmetric,
        on_empty=on_empty,
    )
    _SCORERS[name] = scorer
    return scorer


def get_scorer(name: str) -> Scorer:
    """The registered scorer called ``name``.

    Raises
    ------
    UnknownNameError
        No scorer has that name; the message lists the known names.
    """
    try:
        return _SCORERS[name]
    except KeyError:
        known = ", ".join(get_scorer_names())
        raise UnknownNameError(f"unknown scorer {name!r}; known scorers: {known}") from None


def get_scorer_names() -> list[str]:
    """The names of all registered scorers, sorted."""
    return sorted(_SCORERS)


def unregister_scorer(name: str) -> Scorer:
    """Remove a scorer from the registry and return it.

    Raises
    ------
    UnknownNameError
        No scorer has that name.
    """
    scorer = get_scorer(name)
    del _SCORERS[name]
    return scorer
