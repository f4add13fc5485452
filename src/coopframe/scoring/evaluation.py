"""Evaluate a roadmap: every score, the detail behind it, and a composite under a profile.

:func:`evaluate` builds each graph once, runs every family of scores, adds any scorer registered
by the user, checks a reported rate against the computed one, and weighs the scores into a
composite under a :class:`Profile`.

The composite is the weighted mean of the profile's scores that are defined: a score that is
``nan`` (undefined for this roadmap, such as on-time delivery before anything is due) leaves the
mean, and the remaining weights are scaled to sum to one. Each score's contribution is its share
of the composite; the contributions sum to the composite. Bands read the composite the way
SIGMA's implementation-rate scale reads a rate (see :data:`BANDS`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import attrs

from coopframe._util import gc_paused, json_float
from coopframe.exceptions import InvalidParameterError, UnknownNameError
from coopframe.graph import agency_network
from coopframe.model import Roadmap, findings
from coopframe.scoring._registry import SCORERS, get_scorer
from coopframe.scoring.compliance import ComplianceDetail, compliance_detail
from coopframe.scoring.coordination import CoordinationDetail, coordination_detail
from coopframe.scoring.coverage import CoverageDetail, coverage_detail
from coopframe.scoring.reciprocity import ReciprocityDetail, reciprocity_detail
from coopframe.scoring.reported import ReportedCheck, reported_check
from coopframe.scoring.schedule import ScheduleDetail, schedule_detail
from coopframe.scoring.specificity import SpecificityDetail, specificity_detail

__all__ = [
    "BANDS",
    "PROFILES",
    "Composite",
    "Evaluation",
    "Profile",
    "composite_score",
    "evaluate",
    "get_profile",
    "rating_band",
]


def _sorted_weights(weights: Mapping[str, float]) -> dict[str, float]:
    return dict(sorted(dict(weights).items()))


@attrs.frozen(kw_only=True)
class Profile:
    """Named weights over registered scores, for a composite.

    Parameters
    ----------
    name
        The profile's name.
    weights
        Registry name -> weight (>= 0, not all zero). Kept sorted by name.
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
        weights = self.weights
        bad = {k: v for k, v in weights.items() if not (_is_number(v) and v >= 0)}
        if bad or not weights or not any(weights.values()):
            raise InvalidParameterError(
                "The 'weights' parameter of Profile must be a non-empty mapping of scorer names "
                f"to non-negative numbers, not all zero. Got {dict(weights)!r} instead."
            )

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


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


PROFILES: dict[str, Profile] = {
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
"""The built-in profiles by name: ``balanced`` (the default), ``design`` and ``delivery``."""

DEFAULT_PROFILE = "balanced"

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


def composite_score(
    scores: Mapping[str, float], *, profile: Profile | str | None = None
) -> Composite:
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

    Examples
    --------
    >>> c = cf.scoring.composite_score(
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
            "The 'scores' parameter of composite_score must hold every score of the profile "
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


@attrs.frozen(kw_only=True)
class Evaluation:
    """Every score of a roadmap, and what each came from.

    Attributes
    ----------
    roadmap_id, roadmap_title
        Which roadmap.
    as_of
        The status date the evaluation used (the roadmap's own unless one was given).
    scores
        Registry name -> value, sorted by name; ``nan`` where undefined.
    compliance, coverage, reciprocity, coordination, schedule, specificity
        The detail of each family of scores.
    reported
        The check of a reported rate against the computed one, when the roadmap carries one.
    composite
        The composite under the profile.
    findings
        The messages of the soft findings of :func:`coopframe.findings`, sorted (each names
        the element it is about, so the list does not depend on the order of the roadmap's
        lists).
    """

    roadmap_id: str
    roadmap_title: str
    as_of: dt.date | None
    scores: Mapping[str, float]
    compliance: ComplianceDetail
    coverage: CoverageDetail
    reciprocity: ReciprocityDetail
    coordination: CoordinationDetail
    schedule: ScheduleDetail
    specificity: SpecificityDetail
    reported: ReportedCheck | None
    composite: Composite
    findings: tuple[str, ...]

    def score(self, name: str) -> float:
        """One score by registry name."""
        try:
            return self.scores[name]
        except KeyError:
            known = ", ".join(self.scores)
            raise UnknownNameError(f"no score {name!r} here; scores: {known}") from None

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready (``nan`` as ``None``) and deterministic."""
        return {
            "roadmap": {"id": self.roadmap_id, "title": self.roadmap_title},
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "scores": {name: json_float(value) for name, value in self.scores.items()},
            "composite": self.composite.to_dict(),
            "reported": None if self.reported is None else self.reported.to_dict(),
            "details": {
                "compliance": self.compliance.to_dict(),
                "coverage": self.coverage.to_dict(),
                "reciprocity": self.reciprocity.to_dict(),
                "coordination": self.coordination.to_dict(),
                "schedule": self.schedule.to_dict(),
                "specificity": self.specificity.to_dict(),
            },
            "findings": list(self.findings),
        }


def evaluate(
    roadmap: Roadmap,
    *,
    profile: Profile | str | None = None,
    as_of: dt.date | None = None,
) -> Evaluation:
    """Evaluate a roadmap: every registered score, its detail, and a composite.

    Parameters
    ----------
    roadmap
        Any valid roadmap.
    profile
        The composite's weights: a :class:`Profile`, a built-in name (``"balanced"``,
        ``"design"``, ``"delivery"``), or ``None`` for ``"balanced"``.
    as_of
        The status date for date-dependent scores (overdue, on time); by default the roadmap's
        own ``as_of``. It may not be earlier than the roadmap's own ``as_of``: statuses are
        known only as they stood on that date, so work completed by then would be counted as
        done at an earlier date it may not have been done by. A later date (deadlines passed
        since) is allowed, and any date when the roadmap has no ``as_of``.

    Returns
    -------
    Evaluation
        Scores in [0, 1] (higher is better, ``nan`` where undefined) with their details.

    Raises
    ------
    InvalidParameterError
        ``as_of`` is not a date, or is earlier than the roadmap's own ``as_of``.
    UnknownNameError
        ``profile`` names no built-in profile.

    Examples
    --------
    >>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
    >>> round(ev.scores["compliance"], 2)
    0.92
    >>> ev.reported.agrees
    True
    """
    if not isinstance(roadmap, Roadmap):
        raise InvalidParameterError(
            f"The 'roadmap' parameter of evaluate must be a Roadmap. Got {type(roadmap).__name__} "
            "instead."
        )
    if as_of is not None and type(as_of) is not dt.date:
        raise InvalidParameterError(
            f"The 'as_of' parameter of evaluate must be a date. Got {as_of!r} instead."
        )
    if as_of is not None and roadmap.as_of is not None and as_of < roadmap.as_of:
        raise InvalidParameterError(
            f"The 'as_of' parameter of evaluate must not be earlier than the roadmap's own "
            f"status date {roadmap.as_of.isoformat()}. Got {as_of.isoformat()} instead: the "
            f"statuses of {roadmap.id!r} are known only as of {roadmap.as_of.isoformat()}, so "
            "work completed by then would be counted as done at an earlier date."
        )
    chosen = get_profile(profile)
    chosen.check()
    with gc_paused():
        return _evaluate(roadmap, chosen, as_of if as_of is not None else roadmap.as_of)


def _evaluate(roadmap: Roadmap, chosen: Profile, when: dt.date | None) -> Evaluation:
    network = agency_network(roadmap)
    compliance = compliance_detail(roadmap)
    coverage = coverage_detail(roadmap)
    reciprocity = reciprocity_detail(roadmap)
    coordination = coordination_detail(roadmap, network=network)
    schedule = schedule_detail(roadmap, as_of=when)
    specificity = specificity_detail(roadmap)
    scores: dict[str, float] = {}
    for detail in (compliance, coverage, reciprocity, coordination, schedule, specificity):
        scores.update(detail.scores())
    for name, scorer in SCORERS.items():
        if name not in scores:
            scores[name] = float(scorer(roadmap))
    ordered = dict(sorted(scores.items()))
    return Evaluation(
        roadmap_id=roadmap.id,
        roadmap_title=roadmap.title,
        as_of=when,
        scores=ordered,
        compliance=compliance,
        coverage=coverage,
        reciprocity=reciprocity,
        coordination=coordination,
        schedule=schedule,
        specificity=specificity,
        reported=reported_check(roadmap),
        composite=composite_score(ordered, profile=chosen),
        findings=tuple(sorted(finding.message for finding in findings(roadmap))),
    )
