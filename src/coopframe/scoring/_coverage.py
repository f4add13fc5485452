"""Coverage and balance: does a roadmap reach every axis and pillar, and how evenly?

Four scores, each in [0, 1], higher is better:

``axis_coverage``
    The share of the roadmap's axes that hold at least one activity:
    ``|{axes with activities}| / |axes|``.
``pillar_coverage``
    The share of the reference pillars that are covered, a pillar being covered when an axis
    serving it (:attr:`Axis.pillars <coopframe.model.Axis.pillars>`) holds at least one
    activity: ``|covered ∩ P| / |P|``. ``P`` is the four pillars of the 4P paradigm by default
    (prevention, protection, prosecution, partnership); pass ``pillars`` to read a roadmap
    against another set, such as the 3P paradigm without partnership.
``axis_balance``
    How evenly the activities spread over the axes: Pielou's evenness, the normalised Shannon
    entropy ``J = H / ln k`` with ``H = -Σ p_i ln p_i``, where ``p_i`` is the share of the
    activities in axis ``i`` and ``k`` counts *every* axis of the roadmap, so an empty axis
    lowers the score. ``J = 1`` when every axis holds as many activities; ``J = 0`` when one
    axis holds them all. By default each activity counts once; with ``weighted=True`` each
    counts its :attr:`Activity.weight <coopframe.model.Activity.weight>`.
``pillar_balance``
    The same evenness over the reference pillars. An activity is split equally among the
    reference pillars its axis serves (an axis serving protection and prosecution gives half
    of each of its activities to each); activities of axes serving none of the reference
    pillars are left out.

Undefined cases are ``nan``, never a made-up 0 or 1:

- every score is ``nan`` for a roadmap without activities (nothing is covered or spread yet);
- ``pillar_coverage`` is ``nan`` when no axis of the roadmap names a pillar (the roadmap was
  never read against the pillars, which is not the same as covering none of them);
- a balance is ``nan`` when there is only one category to spread over (``k = 1``, where
  ``ln k = 0`` and evenness means nothing; Pielou's ``J`` is undefined there too) or when the
  total to spread is zero (no activity in a pillar-mapped axis, or all weights zero).

:func:`coverage_detail` returns every number together with what it came from: the empty axes,
the axes mapped to no pillar, the covered and missing pillars, and the activity counts per axis
and per pillar.

Reference vocabularies
----------------------
The four pillars are those of the 3P/4P paradigm (prevention, protection, prosecution, plus
partnership for coordination and cooperation). UNODC's International Framework for Action
against trafficking in persons has five pillars: prosecution, protection, prevention, national
cooperation and coordination, and international cooperation and coordination. The first three
are the 3P pillars of the same name; UNODC's two cooperation pillars both map onto
``partnership``. coopframe does not separate them: in a bilateral or trinational roadmap almost
every coordination activity is international by construction, and a roadmap that wishes to
show national coordination does so through its axes' names, not through a fifth pillar. A
roadmap covering all four pillars therefore covers UNODC's five in the coarse sense in which
``partnership`` stands for both of its cooperation pillars.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from coopframe._checks import check_bool, refusal
from coopframe._util import json_float
from coopframe.model import AxisId, Pillar, Roadmap
from coopframe.scoring._common import evenness
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._registry import register_scorer

__all__ = [
    "FAMILY",
    "CoverageDetail",
    "axis_balance_score",
    "axis_coverage_score",
    "coverage_detail",
    "pillar_balance_score",
    "pillar_coverage_score",
]


@attrs.frozen(kw_only=True)
class CoverageDetail:
    """The coverage and balance of a roadmap, with what the numbers came from.

    Axis ids are sorted; pillars follow the order of :class:`~coopframe.model.Pillar`
    (prevention, protection, prosecution, partnership).

    Parameters
    ----------
    activity_count
        How many activities the roadmap has.
    weighted
        Whether the loads are sums of activity weights (``True``) or activity counts.
    axis_activity_counts
        ``(axis id, number of activities)`` for every axis of the roadmap.
    axis_loads
        ``(axis id, load)`` for every axis: what :attr:`axis_balance` spreads, the activity
        count or the sum of the activities' weights.
    empty_axes
        The axes without activities.
    unmapped_axes
        The axes that name no pillar at all.
    pillars
        The reference pillars the roadmap is read against.
    pillar_activity_counts
        ``(pillar, number of activities)`` for every reference pillar, counting an activity in
        every reference pillar its axis serves (so the counts may add up to more than
        ``activity_count``).
    pillar_loads
        ``(pillar, load)`` for every reference pillar: each activity's load split equally
        among the reference pillars its axis serves. What :attr:`pillar_balance` spreads.
    covered_pillars
        The reference pillars served by an axis with at least one activity.
    missing_pillars
        The reference pillars that are not covered.
    """

    activity_count: int
    weighted: bool
    axis_activity_counts: tuple[tuple[AxisId, int], ...]
    axis_loads: tuple[tuple[AxisId, float], ...]
    empty_axes: tuple[AxisId, ...]
    unmapped_axes: tuple[AxisId, ...]
    pillars: tuple[Pillar, ...]
    pillar_activity_counts: tuple[tuple[Pillar, int], ...]
    pillar_loads: tuple[tuple[Pillar, float], ...]
    covered_pillars: tuple[Pillar, ...]
    missing_pillars: tuple[Pillar, ...]

    @property
    def axis_coverage(self) -> float:
        """Share of the axes with at least one activity; ``nan`` without activities."""
        axes = len(self.axis_activity_counts)
        if self.activity_count == 0 or axes == 0:
            return math.nan
        return (axes - len(self.empty_axes)) / axes

    @property
    def pillar_coverage(self) -> float:
        """Share of the reference pillars covered; ``nan`` without activities or pillar tags."""
        mapped = len(self.unmapped_axes) < len(self.axis_activity_counts)
        if self.activity_count == 0 or not mapped:
            return math.nan
        return len(self.covered_pillars) / len(self.pillars)

    @property
    def axis_balance(self) -> float:
        """Evenness of the axis loads over all axes; ``nan`` for one axis or a zero total."""
        return evenness(load for _, load in self.axis_loads)

    @property
    def pillar_balance(self) -> float:
        """Evenness of the pillar loads over the reference pillars; ``nan`` when undefined."""
        return evenness(load for _, load in self.pillar_loads)

    def scores(self) -> dict[str, float]:
        """Every score of the family by registry name."""
        return {
            "axis_coverage": self.axis_coverage,
            "pillar_coverage": self.pillar_coverage,
            "axis_balance": self.axis_balance,
            "pillar_balance": self.pillar_balance,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary: ``nan`` becomes ``None``, pillars their values."""
        return {
            "scores": {name: json_float(value) for name, value in self.scores().items()},
            "activity_count": self.activity_count,
            "weighted": self.weighted,
            "axis_activity_counts": dict(self.axis_activity_counts),
            "axis_loads": dict(self.axis_loads),
            "empty_axes": list(self.empty_axes),
            "unmapped_axes": list(self.unmapped_axes),
            "pillars": [pillar.value for pillar in self.pillars],
            "pillar_activity_counts": {p.value: n for p, n in self.pillar_activity_counts},
            "pillar_loads": {p.value: load for p, load in self.pillar_loads},
            "covered_pillars": [pillar.value for pillar in self.covered_pillars],
            "missing_pillars": [pillar.value for pillar in self.missing_pillars],
        }


def coverage_detail(
    roadmap: Roadmap,
    *,
    pillars: Iterable[Pillar | str] | None = None,
    weighted: bool = False,
) -> CoverageDetail:
    """Coverage and balance of a roadmap, with the axes and pillars behind them.

    Parameters
    ----------
    roadmap
        Any roadmap.
    pillars
        The reference pillars: :class:`~coopframe.model.Pillar` members or their values.
        ``None`` (default) means all four.
    weighted
        Count each activity by its weight instead of once, in the loads the balances spread.

    Returns
    -------
    CoverageDetail
        The numbers and what they came from; its :meth:`~CoverageDetail.scores` gives every
        score of the family.

    Raises
    ------
    InvalidParameterError
        ``pillars`` is empty, repeats a pillar or names an unknown one; ``weighted`` is not a
        bool.

    See Also
    --------
    axis_coverage_score, pillar_coverage_score, axis_balance_score, pillar_balance_score

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import coverage_detail
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=[cf.Axis(id="prev", name="Prevención", pillars=[cf.Pillar.PREVENTION]),
    ...           cf.Axis(id="prot", name="Protección", pillars=[cf.Pillar.PROTECTION])],
    ...     activities=[cf.Activity(id="A1", title="Campaign", axis="prev")],
    ... )
    >>> detail = coverage_detail(road)
    >>> detail.empty_axes, [p.value for p in detail.missing_pillars]
    (('prot',), ['protection', 'prosecution', 'partnership'])
    """
    return _coverage(roadmap, pillars=pillars, weighted=weighted, caller="coverage_detail")


def axis_coverage_score(roadmap: Roadmap) -> float:
    """Share of the roadmap's axes that hold at least one activity.

    Parameters
    ----------
    roadmap
        Any roadmap.

    Returns
    -------
    float
        In [0, 1], higher is better: 1 when no axis is empty. ``nan`` when the roadmap has no
        activities.

    See Also
    --------
    coverage_detail : names the empty axes.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import axis_coverage_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=[cf.Axis(id="prev", name="Prevención"), cf.Axis(id="prot", name="Protección")],
    ...     activities=[cf.Activity(id="A1", title="Campaign", axis="prev")],
    ... )
    >>> axis_coverage_score(road)
    0.5
    """
    return _coverage(
        roadmap, pillars=None, weighted=False, caller="axis_coverage_score"
    ).axis_coverage


def pillar_coverage_score(
    roadmap: Roadmap, *, pillars: Iterable[Pillar | str] | None = None
) -> float:
    """Share of the reference pillars served by an axis that holds activities.

    Parameters
    ----------
    roadmap
        Any roadmap.
    pillars
        The reference pillars: :class:`~coopframe.model.Pillar` members or their values.
        ``None`` (default) means the four of the 4P paradigm; pass
        ``["prevention", "protection", "prosecution"]`` for the 3P paradigm.

    Returns
    -------
    float
        In [0, 1], higher is better: 1 when every reference pillar is covered. ``nan`` when
        the roadmap has no activities or none of its axes names a pillar.

    Raises
    ------
    InvalidParameterError
        ``pillars`` is empty, repeats a pillar or names an unknown one.

    See Also
    --------
    coverage_detail : names the missing pillars.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import pillar_coverage_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=[cf.Axis(id="prev", name="Prevención", pillars=[cf.Pillar.PREVENTION]),
    ...           cf.Axis(id="inv", name="Investigación", pillars=[cf.Pillar.PROSECUTION])],
    ...     activities=[cf.Activity(id="A1", title="Campaign", axis="prev"),
    ...                 cf.Activity(id="A2", title="Joint operation", axis="inv")],
    ... )
    >>> pillar_coverage_score(road)
    0.5
    >>> pillar_coverage_score(road, pillars=["prevention", "prosecution"])
    1.0
    """
    detail = _coverage(roadmap, pillars=pillars, weighted=False, caller="pillar_coverage_score")
    return detail.pillar_coverage


def axis_balance_score(roadmap: Roadmap, *, weighted: bool = False) -> float:
    """How evenly the activities spread over all the roadmap's axes (Pielou's evenness).

    ``H / ln k``, the Shannon entropy of the activities' shares per axis over its maximum,
    with ``k`` the number of axes, empty ones included.

    Parameters
    ----------
    roadmap
        Any roadmap.
    weighted
        Count each activity by its weight instead of once.

    Returns
    -------
    float
        In [0, 1], higher is better: 1 when every axis holds the same number (or weight) of
        activities, 0 when one axis holds them all. ``nan`` when the roadmap has a single
        axis, no activities, or (weighted) a total weight of zero.

    Raises
    ------
    InvalidParameterError
        ``weighted`` is not a bool.

    See Also
    --------
    coverage_detail : the load of each axis.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import axis_balance_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=[cf.Axis(id="prev", name="Prevención"), cf.Axis(id="prot", name="Protección")],
    ...     activities=[cf.Activity(id="A1", title="Campaign", axis="prev"),
    ...                 cf.Activity(id="A2", title="Shelter", axis="prot", weight=3.0)],
    ... )
    >>> axis_balance_score(road)
    1.0
    >>> round(axis_balance_score(road, weighted=True), 4)
    0.8113
    """
    detail = _coverage(roadmap, pillars=None, weighted=weighted, caller="axis_balance_score")
    return detail.axis_balance


def pillar_balance_score(
    roadmap: Roadmap,
    *,
    pillars: Iterable[Pillar | str] | None = None,
    weighted: bool = False,
) -> float:
    """How evenly the activities spread over the reference pillars (Pielou's evenness).

    Each activity is split equally among the reference pillars its axis serves; activities of
    axes serving none of them are left out. Every reference pillar counts in ``k``, so a
    pillar without activities lowers the score.

    Parameters
    ----------
    roadmap
        Any roadmap.
    pillars
        The reference pillars: :class:`~coopframe.model.Pillar` members or their values.
        ``None`` (default) means all four.
    weighted
        Count each activity by its weight instead of once.

    Returns
    -------
    float
        In [0, 1], higher is better: 1 when every reference pillar carries the same load.
        ``nan`` when there is a single reference pillar or no activity in an axis serving one
        (including a roadmap without activities).

    Raises
    ------
    InvalidParameterError
        ``pillars`` is empty, repeats a pillar or names an unknown one; ``weighted`` is not a
        bool.

    See Also
    --------
    coverage_detail : the load of each pillar.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import pillar_balance_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=[cf.Axis(id="prev", name="Prevención", pillars=[cf.Pillar.PREVENTION]),
    ...           cf.Axis(id="inv", name="Investigación", pillars=[cf.Pillar.PROSECUTION])],
    ...     activities=[cf.Activity(id="A1", title="Campaign", axis="prev"),
    ...                 cf.Activity(id="A2", title="Joint operation", axis="inv")],
    ... )
    >>> pillar_balance_score(road)
    0.5
    >>> pillar_balance_score(road, pillars=["prevention", "prosecution"])
    1.0
    """
    detail = _coverage(roadmap, pillars=pillars, weighted=weighted, caller="pillar_balance_score")
    return detail.pillar_balance


def _coverage(
    roadmap: Roadmap,
    *,
    pillars: Iterable[Pillar | str] | None,
    weighted: bool,
    caller: str,
) -> CoverageDetail:
    reference = _reference_pillars(pillars, caller)
    check_bool("weighted", weighted, caller)
    chosen = frozenset(reference)
    axis_counts: list[tuple[AxisId, int]] = []
    axis_loads: list[tuple[AxisId, float]] = []
    pillar_counts = dict.fromkeys(reference, 0)
    pillar_parts: dict[Pillar, list[float]] = {pillar: [] for pillar in reference}
    unmapped: list[AxisId] = []
    for axis in roadmap.axes:
        activities = roadmap.activities_of_axis(axis.id)
        load = (
            math.fsum(activity.weight for activity in activities)
            if weighted
            else float(len(activities))
        )
        axis_counts.append((axis.id, len(activities)))
        axis_loads.append((axis.id, load))
        if not axis.pillars:
            unmapped.append(axis.id)
        served = [pillar for pillar in dict.fromkeys(axis.pillars) if pillar in chosen]
        for pillar in served:
            pillar_counts[pillar] += len(activities)
            pillar_parts[pillar].append(load / len(served))
    axis_counts.sort()
    axis_loads.sort()
    return CoverageDetail(
        activity_count=len(roadmap.activities),
        weighted=weighted,
        axis_activity_counts=tuple(axis_counts),
        axis_loads=tuple(axis_loads),
        empty_axes=tuple(axis_id for axis_id, count in axis_counts if count == 0),
        unmapped_axes=tuple(sorted(unmapped)),
        pillars=reference,
        pillar_activity_counts=tuple(pillar_counts.items()),
        pillar_loads=tuple((p, math.fsum(parts)) for p, parts in pillar_parts.items()),
        covered_pillars=tuple(p for p, count in pillar_counts.items() if count > 0),
        missing_pillars=tuple(p for p, count in pillar_counts.items() if count == 0),
    )


def _reference_pillars(pillars: Iterable[Pillar | str] | None, caller: str) -> tuple[Pillar, ...]:
    """The reference pillars in :class:`Pillar` order, or the parameter error."""
    if pillars is None:
        return tuple(Pillar)
    problem = refusal(
        "pillars",
        caller,
        "a non-empty collection of distinct pillars (Pillar members or their values: "
        f"{', '.join(repr(p.value) for p in Pillar)})",
        repr(pillars),
    )
    if isinstance(pillars, str | bytes | Mapping) or not isinstance(pillars, Iterable):
        raise problem
    chosen: set[Pillar] = set()
    for item in pillars:
        try:
            pillar = Pillar(item)
        except (ValueError, TypeError):
            raise problem from None
        if pillar in chosen:
            raise problem
        chosen.add(pillar)
    if not chosen:
        raise problem
    return tuple(pillar for pillar in Pillar if pillar in chosen)


def _family_detail(context: EvaluationContext) -> CoverageDetail:
    return coverage_detail(context.roadmap)


FAMILY = Family(
    name="coverage",
    description="Which axes and pillars the activities cover, and how evenly.",
    detail=_family_detail,
    scores=CoverageDetail.scores,
    to_data=CoverageDetail.to_dict,
    scorers=(
        register_scorer(
            "axis_coverage",
            axis_coverage_score,
            family="coverage",
            description="Share of the roadmap's axes that hold at least one activity.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "pillar_coverage",
            pillar_coverage_score,
            family="coverage",
            description="Share of the four pillars (4P) served by an axis that holds activities.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "axis_balance",
            axis_balance_score,
            family="coverage",
            description="Evenness (normalised Shannon entropy) of the activities over the axes.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "pillar_balance",
            pillar_balance_score,
            family="coverage",
            description="Evenness (normalised Shannon entropy) of the activities over the pillars.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
    ),
)
"""The coverage family: its detail, its scores and their registry entries."""
