"""Profiles, the composite of an evaluation's scores, and its rating bands.

The composite is the weighted mean of the profile's scores that are defined: a score that is
``nan`` (undefined for this roadmap, such as on-time delivery before anything is due) leaves the
mean, and the remaining weights are scaled to sum to one. Each score's contribution is its share
of the composite; the contributions sum to the composite. Bands read the composite the way
SIGMA's implementation-rate scale reads a rate (see :data:`BANDS`).
"""

from __future__ import annotations

import math
import types
from collections.abc import Mapping
from typing import Any

import attrs

from coopframe._checks import check_weights
from coopframe._util import json_float
from coopframe.exceptions import InvalidParameterError, UnknownNameError
from coopframe.scoring._common import FrozenMap
from coopframe.scoring._registry import get_scorer

__all__ = [
    "BANDS",
    "DEFAULT_PROFILE",
    "PROFILES",
    "Composite",
    "Profile",
    "composite",
    "composite_score",
    "get_profile",
    "rating_band",
]


def _sorted_weights(weights: Mapping[str, float]) -> FrozenMap[str, float]:
    return FrozenMap(sorted(dict(weights).items()))


@attrs.frozen(kw_only=True)
class Profile:
    """Named weights over registered scores, for a composite.

    Parameters
    ----------
    name
        The profile's name.
    weights
        Registry name -> weight (>= 0, not all zero). Kept sorted by name, read-only.
    description
        What the profile is for.

    Raises
    ------
    InvalidParameterError
        A weight is negative or not finite, all weights are zero, or there are none.
    """

    name: str
    weights: Mapping[str, float] = attrs.field(converter=_sorted_weights)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        check_weights("weights", self.weights, "Profile", keys="scorer names", not_all_zero=True)

    def check(self) -> None:
        """Raise ``UnknownNameError`` if a weight names no registered scorer."""
        for name in self.weights:
            get_scorer(name)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "name": self.name,
            "description": self.description,
            "weights": {k: float(v) for k, v in self.weights.items()},
        }


PROFILES: Mapping[str, Profile] = types.MappingProxyType(
    {
        profile.name: profile
        for profile in (
            Profile(
                name="balanced",
                description=(
                    "The default: delivery (compliance, timeliness) and design (coverage, "
                    "reciprocity, coordination, specificity, schedule) weigh about equally."
                ),
                weights={
                    "compliance": 0.25,
                    "on_time": 0.05,
                    "pillar_coverage": 0.10,
                    "axis_balance": 0.05,
                    "joint_share": 0.10,
                    "responsibility_balance": 0.05,
                    "cross_border": 0.10,
                    "triad_linkage": 0.05,
                    "schedule_feasibility": 0.05,
                    "sequencing": 0.05,
                    "specificity": 0.15,
                },
            ),
            Profile(
                name="design",
                description=(
                    "The roadmap as written, before any delivery: coverage, reciprocity, "
                    "coordination, specificity and a feasible schedule."
                ),
                weights={
                    "pillar_coverage": 0.15,
                    "axis_coverage": 0.05,
                    "axis_balance": 0.05,
                    "joint_share": 0.15,
                    "responsibility_balance": 0.10,
                    "cross_border": 0.15,
                    "triad_linkage": 0.10,
                    "schedule_feasibility": 0.05,
                    "specificity": 0.20,
                },
            ),
            Profile(
                name="delivery",
                description="What was done: compliance, partial progress, timeliness, sequencing.",
                weights={
                    "compliance": 0.5,
                    "compliance_partial": 0.2,
                    "on_time": 0.2,
                    "sequencing": 0.1,
                },
            ),
        )
    }
)
"""The built-in profiles by name, read-only: ``balanced`` (the default), ``design`` and
``delivery``."""

DEFAULT_PROFILE = "balanced"
"""The name of the profile used when none is given."""

BANDS: tuple[tuple[float, str], ...] = (
    (0.90, "strong"),
    (0.70, "substantial"),
    (0.50, "moderate"),
    (0.25, "limited"),
    (0.0, "weak"),
)
"""Rating bands, highest first: a composite at or above the bound takes the label.

The bounds echo SIGMA's implementation-rate scale (below 25% scores nothing, 90% and above is
full) with the middle split at 50% and 70%.
"""


def rating_band(value: float) -> str:
    """The band of a composite in [0, 1] (see :data:`BANDS`); ``"undefined"`` for ``nan``.

    Examples
    --------
    >>> cf.scoring.rating_band(0.92), cf.scoring.rating_band(0.3)
    ('strong', 'limited')
    """
    if math.isnan(value):
        return "undefined"
    for bound, label in BANDS:
        if value >= bound:
            return label
    return BANDS[-1][1]


def get_profile(profile: Profile | str | None) -> Profile:
    """A profile by name (``None`` gives the default), or the profile given.

    Raises
    ------
    UnknownNameError
        No built-in profile has that name.
    """
    if profile is None:
        return PROFILES[DEFAULT_PROFILE]
    if isinstance(profile, Profile):
        return profile
    try:
        return PROFILES[profile]
    except KeyError:
        known = ", ".join(sorted(PROFILES))
        raise UnknownNameError(f"unknown profile {profile!r}; known profiles: {known}") from None


@attrs.frozen(kw_only=True)
class Composite:
    """A composite score and how each score contributed to it.

    Attributes
    ----------
    profile
        The profile's name.
    value
        Weighted mean of the defined scores, in [0, 1]; ``nan`` when none is defined.
    band
        Its rating band.
    contributions
        Score name -> its part of ``value`` (weight share x score); they sum to ``value``.
    undefined
        Scores of the profile left out because they are ``nan`` here.
    """

    profile: str
    value: float
    band: str
    contributions: tuple[tuple[str, float], ...]
    undefined: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "profile": self.profile,
            "value": json_float(self.value),
            "band": self.band,
            "contributions": {name: json_float(v) for name, v in self.contributions},
            "undefined": list(self.undefined),
        }


def composite(scores: Mapping[str, float], *, profile: Profile | str | None = None) -> Composite:
    """Weigh named scores into a composite under a profile.

    Parameters
    ----------
    scores
        Registry name -> value, such as :attr:`Evaluation.scores`.
    profile
        A :class:`Profile`, a built-in profile's name, or ``None`` for ``balanced``.

    Returns
    -------
    Composite
        The value in [0, 1] (higher is better; ``nan`` when no score of the profile is
        defined), its band, and each score's contribution.

    Raises
    ------
    InvalidParameterError
        A score the profile weighs is missing from ``scores``.

    See Also
    --------
    composite_score : the value alone.

    Examples
    --------
    >>> c = cf.scoring.composite(
    ...     {"compliance": 1.0, "specificity": 0.5, "on_time": float("nan")},
    ...     profile=cf.scoring.Profile(
    ...         name="mine", weights={"compliance": 3, "specificity": 1, "on_time": 1}
    ...     ),
    ... )
    >>> c.value, c.band, c.undefined
    (0.875, 'substantial', ('on_time',))
    """
    chosen = get_profile(profile)
    missing = sorted(set(chosen.weights) - set(scores))
    if missing:
        raise InvalidParameterError(
            "The 'scores' parameter of composite must hold every score of the profile "
            f"{chosen.name!r}. Got none for {missing} instead."
        )
    defined = {
        name: weight
        for name, weight in chosen.weights.items()
        if weight > 0 and not math.isnan(scores[name])
    }
    undefined = tuple(
        name for name, w in chosen.weights.items() if w > 0 and math.isnan(scores[name])
    )
    total = math.fsum(defined.values())
    if total == 0:
        return Composite(
            profile=chosen.name,
            value=math.nan,
            band="undefined",
            contributions=(),
            undefined=undefined,
        )
    contributions = tuple(
        (name, weight / total * float(scores[name])) for name, weight in defined.items()
    )
    value = min(1.0, max(0.0, math.fsum(part for _, part in contributions)))
    return Composite(
        profile=chosen.name,
        value=value,
        band=rating_band(value),
        contributions=contributions,
        undefined=undefined,
    )


def composite_score(scores: Mapping[str, float], *, profile: Profile | str | None = None) -> float:
    """The composite of named scores under a profile: :attr:`Composite.value` of :func:`composite`.

    Returns
    -------
    float
        In [0, 1], higher is better; ``nan`` when no score of the profile is defined.

    Raises
    ------
    InvalidParameterError
        A score the profile weighs is missing from ``scores``.

    Examples
    --------
    >>> cf.scoring.composite_score({"compliance": 0.5}, profile=cf.scoring.Profile(
    ...     name="mine", weights={"compliance": 1}))
    0.5
    """
    return composite(scores, profile=profile).value
