"""Reported versus computed: does a published compliance rate fit the roadmap behind it?

Parties publish rounded rates ("92% of the 2021–2022 roadmap was fulfilled"). A rounded rate
says more than it seems: with ``n`` activities counted once each, the rate is some ``k / n``,
so a published 92% is impossible with 11 activities (10/11 is 90.9%, 11/11 is 100%) and needs
at least 12 (11/12 is 91.7%).

Rounding
    A rate published with ``d`` decimals (as a fraction: 0.92 has 2, 0.823 has 3) stands for
    every ratio in the half-open interval ``[rate - h, rate + h)`` with ``h = 5 / 10 ** (d + 1)``:
    ties round up (half up), as published percentages usually are, so 0.92 stands for
    ``[0.915, 0.925)``. Every comparison is made in exact rational arithmetic
    (:class:`fractions.Fraction`), the published rate being read from its shortest decimal
    form (``repr``), so boundaries such as 183/200 = 0.915 are never decided by binary
    floating-point error.

Decimals
    When not given, the decimals are those of the rate's shortest decimal form, and at least 2:
    rates are published as percentages, and a float loses a percentage's trailing zeros (50%
    is ``0.5``, 100% is ``1.0``), so whole-percent precision is the least a rate can carry.
    0.823 (82.3%) has 3. Pass ``decimals`` to say otherwise (``decimals=1`` for "about 0.9").

The check
    :func:`reported_check` recomputes a roadmap's compliance with the counting rule of its
    reported figure (strict when the figure does not say), each activity counted once, as
    published figures count them, and tells whether the two agree at the reported rounding, and
    whether the reported rate is attainable at all with the roadmap's number of activities.
    It is a check, not a registered score: agreement is a yes or no with reasons, and no
    [0, 1] number would carry more than :attr:`ReportedCheck.agrees` does.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from coopframe._checks import (
    check_choice,
    check_int,
    check_non_negative_int,
    check_positive_int,
    check_unit_interval,
    refuse,
)
from coopframe.model import Basis, Counting, FigureUnit, Roadmap, SourceId
from coopframe.scoring._compliance import CancelledRule, _check_cancelled, _detail

__all__ = [
    "ReportedCheck",
    "counts_consistent_with",
    "is_attainable",
    "min_total_for",
    "reported_check",
    "reported_decimals",
]

_CHECKABLE_METRICS: tuple[str, ...] = ("compliance",)
_MIN_DECIMALS = 2


@attrs.frozen(kw_only=True)
class ReportedCheck:
    """A reported compliance rate set against the one computed from the roadmap.

    Built by :func:`reported_check`.

    Parameters
    ----------
    metric
        The reported figure's metric (``"compliance"``).
    reported
        The reported rate, in [0, 1].
    decimals
        The decimals it was rounded to.
    computed
        The compliance computed with ``counting``, each activity counted once; ``nan`` when no
        activity counts.
    counting
        The counting rule used: the figure's, or strict when it names none.
    counting_assumed
        Whether the figure names no counting rule (strict was assumed).
    cancelled
        How cancelled activities were counted: ``"exclude"``, ``"unmet"`` or ``"met"``.
    met
        The number of activities met (fractional under partial counting).
    total
        The number of activities counted.
    agrees
        Whether ``computed`` rounds to ``reported``; ``None`` when nothing was computed.
    attainable
        Whether any whole number of ``total`` activities gives the reported rate; ``None`` when
        no activity counts (the activity list may be unknown).
    consistent_pairs
        ``(met, total)`` pairs with this ``total`` that give the reported rate.
    min_total
        The fewest activities with which the reported rate is possible.
    source
        Id of the source that reports the figure.
    basis
        That source's basis: reported, reconstructed or assumed.
    as_of
        The date the figure refers to, when given.
    """

    metric: str
    reported: float
    decimals: int
    computed: float
    counting: Counting
    counting_assumed: bool
    cancelled: CancelledRule
    met: float
    total: int
    agrees: bool | None
    attainable: bool | None
    consistent_pairs: tuple[tuple[int, int], ...]
    min_total: int
    source: SourceId
    basis: Basis
    as_of: dt.date | None

    @property
    def difference(self) -> float:
        """``computed - reported``: positive when the roadmap shows more than was reported."""
        return self.computed - self.reported

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and deterministic: ``nan`` becomes ``None``, enums their values."""
        return {
            "metric": self.metric,
            "reported": self.reported,
            "decimals": self.decimals,
            "computed": None if math.isnan(self.computed) else self.computed,
            "difference": None if math.isnan(self.computed) else self.difference,
            "counting": self.counting.value,
            "counting_assumed": self.counting_assumed,
            "cancelled": self.cancelled,
            "met": self.met,
            "total": self.total,
            "agrees": self.agrees,
            "attainable": self.attainable,
            "consistent_pairs": [list(pair) for pair in self.consistent_pairs],
            "min_total": self.min_total,
            "source": self.source,
            "basis": self.basis.value,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
        }


def reported_decimals(rate: float) -> int:
    """The decimals a reported rate is taken to be rounded to, when not given.

    Those of its shortest decimal form, and at least 2 (whole percent).

    Parameters
    ----------
    rate
        A rate in [0, 1].

    Returns
    -------
    int
        2 or more.

    Raises
    ------
    InvalidParameterError
        ``rate`` is not a number in [0, 1].

    Examples
    --------
    >>> from coopframe.scoring import reported_decimals
    >>> reported_decimals(0.92), reported_decimals(0.823), reported_decimals(0.5)
    (2, 3, 2)
    """
    _check_rate(rate, "reported_decimals")
    return _inferred_decimals(rate)


def counts_consistent_with(
    rate: float, *, max_total: int = 30, decimals: int | None = None
) -> list[tuple[int, int]]:
    """The ``(completed, total)`` pairs whose ratio rounds to a reported rate.

    Parameters
    ----------
    rate
        The reported rate, in [0, 1].
    max_total
        The largest total to consider, >= 1; totals run from 1 to ``max_total``.
    decimals
        The decimals ``rate`` was rounded to (at least as many as it shows); by default those
        of its shortest decimal form, and at least 2 (see :func:`reported_decimals`).

    Returns
    -------
    list of (int, int)
        Every pair with ``1 <= total <= max_total`` and ``completed / total`` in
        ``[rate - h, rate + h)``, ``h`` half a unit of the last decimal (ties round up);
        sorted by total, then completed.

    Raises
    ------
    InvalidParameterError
        ``rate`` is not in [0, 1], ``max_total`` is not a positive integer, or ``decimals`` is
        not a non-negative integer at least as large as the rate's own.

    See Also
    --------
    is_attainable, min_total_for

    Examples
    --------
    >>> from coopframe.scoring import counts_consistent_with
    >>> counts_consistent_with(0.92, max_total=25)
    [(11, 12), (12, 13), (22, 24), (23, 25)]
    >>> counts_consistent_with(0.823, max_total=100)  # Argentina 2022–2024
    [(51, 62), (65, 79), (79, 96)]
    """
    func = "counts_consistent_with"
    low, high = _interval(rate, decimals, func)
    _check_count(max_total, "max_total", func, minimum=1)
    return [(met, total) for total in range(1, max_total + 1) for met in _mets(low, high, total)]


def is_attainable(rate: float, total: int, *, decimals: int | None = None) -> bool:
    """Whether a reported rate can come from ``total`` activities counted once each.

    Parameters
    ----------
    rate
        The reported rate, in [0, 1].
    total
        The number of activities, >= 0 (no rate comes from 0 activities).
    decimals
        As in :func:`counts_consistent_with`.

    Returns
    -------
    bool
        Whether some whole number of the ``total`` activities gives the rate at its rounding.

    Raises
    ------
    InvalidParameterError
        As in :func:`counts_consistent_with`; or ``total`` is not a non-negative integer.

    Examples
    --------
    >>> from coopframe.scoring import is_attainable
    >>> is_attainable(0.92, 11), is_attainable(0.92, 12)
    (False, True)
    """
    low, high = _interval(rate, decimals, "is_attainable")
    _check_count(total, "total", "is_attainable", minimum=0)
    return total > 0 and len(_mets(low, high, total)) > 0


def min_total_for(rate: float, *, decimals: int | None = None) -> int:
    """The fewest activities with which a reported rate is possible.

    Found exactly, without trying totals one by one, as the smallest denominator of a fraction
    in the rate's rounding interval (a continued-fraction search).

    Parameters
    ----------
    rate
        The reported rate, in [0, 1].
    decimals
        As in :func:`counts_consistent_with`.

    Returns
    -------
    int
        >= 1; the first total :func:`counts_consistent_with` lists.

    Raises
    ------
    InvalidParameterError
        As in :func:`counts_consistent_with`.

    Examples
    --------
    >>> from coopframe.scoring import min_total_for
    >>> min_total_for(0.92), min_total_for(0.823), min_total_for(0.8)
    (12, 62, 5)
    """
    low, high = _interval(rate, decimals, "min_total_for")
    # Ratios of activities lie in [0, 1]: a high end above 1 becomes a closed 1.
    top, top_closed = (high, False) if high <= 1 else (Fraction(1), True)
    return _simplest(max(low, Fraction(0)), True, top, top_closed).denominator


def reported_check(
    roadmap: Roadmap, *, metric: str = "compliance", cancelled: CancelledRule = "exclude"
) -> ReportedCheck | None:
    """Set a roadmap's reported compliance rate against the one its activities give.

    Parameters
    ----------
    roadmap
        Any roadmap.
    metric
        The reported figure to check: the roadmap's first figure of this metric reported as a
        rate. ``"compliance"`` is the one metric coopframe recomputes.
    cancelled
        How cancelled activities count in the recomputation: ``"exclude"`` (default),
        ``"unmet"`` or ``"met"``.

    Returns
    -------
    ReportedCheck or None
        ``None`` when the roadmap reports no rate for ``metric`` (a figure reported as a count
        is not checked).

    Raises
    ------
    InvalidParameterError
        ``metric`` is not one coopframe recomputes, or ``cancelled`` is not one of the listed
        values.

    See Also
    --------
    coopframe.scoring.compliance_detail : the recomputation, in full.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import reported_check
    >>> done, open_ = cf.Status.COMPLETED, cf.Status.IN_PROGRESS
    >>> road = cf.Roadmap(
    ...     id="bol-per-2021", title="Hoja de Ruta 2021–2022",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2021, 1, 1), end=dt.date(2022, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=[
    ...         cf.Activity(id=f"A{i}", title="Task", axis="prev", status=done if i < 12 else open_)
    ...         for i in range(13)
    ...     ],
    ...     reported=(cf.ReportedFigure(metric="compliance", value=0.92, source="cancilleria"),),
    ...     sources=(cf.Source(id="cancilleria", title="Cancillería de Bolivia"),),
    ... )
    >>> check = reported_check(road)
    >>> check.agrees, check.computed, check.consistent_pairs, check.min_total
    (True, 0.9230769230769231, ((12, 13),), 12)
    """
    func = "reported_check"
    check_choice("metric", metric, func, _CHECKABLE_METRICS)
    _check_cancelled(cancelled, func)
    figure = next(
        (f for f in roadmap.reported if f.metric == metric and f.unit is FigureUnit.RATE), None
    )
    if figure is None:
        return None
    counting = Counting.STRICT if figure.counting is None else figure.counting
    decimals = _inferred_decimals(figure.value)
    low, high = _interval(figure.value, decimals, func)
    detail = _detail(roadmap, counting, cancelled, False, None)
    total = len(detail.counted)
    pairs = tuple((met, total) for met in _mets(low, high, total))
    agrees = None
    if total:
        # Unweighted, met_weight and counted_weight are exact sums: compare them exactly.
        exact = Fraction(detail.met_weight) / Fraction(detail.counted_weight)
        agrees = low <= exact < high
    return ReportedCheck(
        metric=metric,
        reported=figure.value,
        decimals=decimals,
        computed=detail.rate,
        counting=counting,
        counting_assumed=figure.counting is None,
        cancelled=cancelled,
        met=detail.met_weight,
        total=total,
        agrees=agrees,
        attainable=bool(pairs) if total else None,
        consistent_pairs=pairs,
        min_total=min_total_for(figure.value, decimals=decimals),
        source=figure.source,
        basis=roadmap.source(figure.source).basis,
        as_of=figure.as_of,
    )


# Exact arithmetic.


def _inferred_decimals(rate: float) -> int:
    # A finite rate has a whole-number exponent.
    exponent = int(Decimal(repr(rate)).normalize().as_tuple().exponent)
    return max(_MIN_DECIMALS, -exponent)


def _interval(rate: float, decimals: int | None, func: str) -> tuple[Fraction, Fraction]:
    """The half-open interval ``[low, high)`` of ratios that round to ``rate``."""
    _check_rate(rate, func)
    own = _inferred_decimals(float(rate))
    if decimals is None:
        decimals = own
    else:
        check_int("decimals", decimals, func, minimum=0, expected="None or a non-negative integer")
    value = Fraction(repr(float(rate)))
    scale = 10**decimals
    if (value * scale).denominator != 1:
        refuse(
            "decimals", func, f"at least the {own} decimals of the rate {rate!r}", repr(decimals)
        )
    half = Fraction(1, 2 * scale)
    return value - half, value + half


def _mets(low: Fraction, high: Fraction, total: int) -> range:
    """The whole numbers ``met`` in [0, total] with ``low <= met / total < high``."""
    first = max(0, math.ceil(low * total))
    stop = min(total + 1, math.ceil(high * total))
    return range(first, stop)


def _simplest(
    low: Fraction, low_closed: bool, high: Fraction | None, high_closed: bool
) -> Fraction:
    """The fraction of smallest denominator between ``low`` >= 0 and ``high`` (``None`` is
    infinity), each end open or closed; the interval must not be empty.

    Take the smallest whole number in the interval if there is one. Otherwise the interval lies
    between ``n`` and ``n + 1``: write ``x = n + 1 / y``, so that the smallest denominator of
    ``x`` is the smallest numerator of ``y``, which the same search finds in the reflected
    interval (the Stern–Brocot simplest fraction has both). A loop, not recursion: a rate with
    hundreds of decimals has a continued fraction of hundreds of terms.
    """
    wholes: list[int] = []
    while True:
        whole = math.floor(low)
        first = whole if low_closed and low == whole else whole + 1
        if high is None or first < high or (high_closed and first == high):
            break
        wholes.append(whole)
        low, low_closed, high, high_closed = (
            1 / (high - whole),
            high_closed,
            None if low == whole else 1 / (low - whole),
            low_closed,
        )
    value = Fraction(first)
    for whole in reversed(wholes):
        value = whole + 1 / value
    return value


# Parameter checks, one message form.


def _check_rate(rate: object, func: str) -> None:
    check_unit_interval("rate", rate, func)


def _check_count(value: object, name: str, func: str, *, minimum: int) -> None:
    if minimum == 1:
        check_positive_int(name, value, func)
    else:
        check_non_negative_int(name, value, func)
