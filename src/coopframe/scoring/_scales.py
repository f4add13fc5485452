"""Rating scales a compliance rate is read on: SIGMA's implementation-rate score and the OGP
IRM completion categories."""

from __future__ import annotations

import enum
import math

from coopframe._checks import check_unit_interval

__all__ = ["SIGMA_CEILING", "SIGMA_FLOOR", "Completion", "completion_category", "sigma_scale"]

SIGMA_FLOOR = 0.25
"""Below this implementation rate, SIGMA scores 0."""
SIGMA_CEILING = 0.90
"""From this implementation rate up, SIGMA scores in full."""


class Completion(enum.Enum):
    """The OGP IRM completion scale, read from a rate by :func:`completion_category`."""

    NO_EVIDENCE = "no_evidence"
    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"


def sigma_scale(rate: float) -> float:
    """Map an implementation rate to SIGMA's score scale, in [0, 1].

    0 below 0.25; ``(rate - 0.25) / 0.65``, linear from 0 at 0.25 to 1 at 0.90; 1 from 0.90
    up. ``nan`` stays ``nan``.

    Parameters
    ----------
    rate
        A rate in [0, 1], or ``nan``.

    Returns
    -------
    float
        In [0, 1], higher is better; ``nan`` for a ``nan`` rate.

    Raises
    ------
    InvalidParameterError
        ``rate`` is not ``nan`` nor a number in [0, 1].

    Examples
    --------
    >>> from coopframe.scoring import sigma_scale
    >>> sigma_scale(0.2), sigma_scale(0.25), sigma_scale(0.575), sigma_scale(0.92)
    (0.0, 0.0, 0.5, 1.0)
    """
    _check_rate(rate, "sigma_scale")
    if math.isnan(rate):
        return math.nan
    if rate < SIGMA_FLOOR:
        return 0.0
    if rate >= SIGMA_CEILING:
        return 1.0
    # (rate - 0.25) / 0.65 written over twentieths, (20 rate - 5) / 13, so that round rates
    # give round scores: 0.575 gives 0.5, not 0.4999999999999999.
    return (20.0 * rate - 5.0) / 13.0


def completion_category(rate: float) -> Completion:
    """Read a rate on the OGP IRM completion scale.

    ``nan`` → no evidence; 0 → not started; below 0.5 → limited; from 0.5 to below 1 →
    substantial; 1 → complete. The IRM scale is qualitative: these thresholds are coopframe's.

    Parameters
    ----------
    rate
        A compliance rate in [0, 1], or ``nan``.

    Returns
    -------
    Completion

    Raises
    ------
    InvalidParameterError
        ``rate`` is not ``nan`` nor a number in [0, 1].

    Examples
    --------
    >>> from coopframe.scoring import completion_category
    >>> [completion_category(x).value for x in (0.0, 0.3, 0.92, 1.0, float("nan"))]
    ['not_started', 'limited', 'substantial', 'complete', 'no_evidence']
    """
    _check_rate(rate, "completion_category")
    if math.isnan(rate):
        return Completion.NO_EVIDENCE
    if rate == 0.0:
        return Completion.NOT_STARTED
    if rate < 0.5:
        return Completion.LIMITED
    if rate < 1.0:
        return Completion.SUBSTANTIAL
    return Completion.COMPLETE


def _check_rate(rate: object, func: str) -> None:
    check_unit_interval("rate", rate, func, nan=True)
