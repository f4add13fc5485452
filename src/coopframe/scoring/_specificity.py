"""Specificity: are a roadmap's activities written so that they can be checked?

Doran's S.M.A.R.T. criteria (1981) ask that an objective be specific, measurable, assignable,
realistic and time-related. A roadmap document can only show whether the elements that make
an activity checkable are written down, so coopframe reads five criteria per activity, each met
or not (:class:`SmartCriterion`):

- ``indicator``: :attr:`~coopframe.model.Activity.indicator` is set (Doran's *measurable*);
- ``target``: :attr:`~coopframe.model.Activity.target` is set (*specific*; see below on
  *realistic*);
- ``due``: :attr:`~coopframe.model.Activity.due` is set (*time-related*);
- ``responsible``: the activity has at least one responsible agency (*assignable*);
- ``verification``: :attr:`~coopframe.model.Activity.verification` is set (*measurable*).

A text counts as set when it holds more than blanks. ``verification`` is the means of
verification of logical-framework practice: a measurable activity names where the evidence
will be found. Departure from Doran: whether a target is *realistic* cannot be judged from the
document; the ``target`` criterion only records that a result to reach is stated.

Two scores, each in [0, 1], higher is better:

``specificity``
    The mean over activities of the share of criteria met:
    ``(1/n) Σ_a Σ_c w_c m_ac / Σ_c w_c``, with ``m_ac`` 1 when activity ``a`` meets criterion
    ``c``. The criterion weights ``w_c`` are equal by default (``weights``); with
    ``weighted=True`` the mean over activities is weighted by the activities' own weights.
``smart_share``
    The share of activities that meet all five criteria (weighted by the activities' weights
    with ``weighted=True``). It never exceeds ``specificity``.

Both are ``nan`` for a roadmap without activities, and with ``weighted=True`` when the
activities' weights add up to zero.

:func:`specificity_detail` gives the share of activities meeting each criterion and, for each
criterion, the ids of the activities that miss it.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping
from typing import Any

import attrs

from coopframe._checks import check_bool, refusal
from coopframe._util import json_float
from coopframe.model import Activity, ActivityId, Roadmap
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._registry import register_scorer

__all__ = [
    "FAMILY",
    "SmartCriterion",
    "SpecificityDetail",
    "smart_share_score",
    "specificity_detail",
    "specificity_score",
]

_NAN = float("nan")


class SmartCriterion(enum.Enum):
    """What an activity needs to be checkable: the criteria behind the specificity scores."""

    INDICATOR = "indicator"
    TARGET = "target"
    DUE = "due"
    RESPONSIBLE = "responsible"
    VERIFICATION = "verification"


def _is_set(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def _criteria_met(activity: Activity) -> tuple[bool, ...]:
    """Whether the activity meets each criterion, in :class:`SmartCriterion` order."""
    return (
        _is_set(activity.indicator),
        _is_set(activity.target),
        activity.due is not None,
        bool(activity.responsible),
        _is_set(activity.verification),
    )


@attrs.frozen(kw_only=True)
class SpecificityDetail:
    """The specificity of a roadmap's activities, criterion by criterion.

    Criteria follow the order of :class:`SmartCriterion`; activity ids are sorted.

    Parameters
    ----------
    activity_count
        How many activities the roadmap has.
    weighted
        Whether activities count by their weight (``True``) or once each.
    total_load
        The activity count, or the sum of the activities' weights.
    criterion_weights
        ``(criterion, weight)`` for every criterion: the weight it has in :attr:`specificity`.
    met_loads
        ``(criterion, load)`` for every criterion: how many activities (or how much weight)
        meet it.
    missing
        ``(criterion, activity ids)`` for every criterion: the activities that miss it.
    smart_ids
        The activities that meet every criterion.
    smart_load
        Their count, or the sum of their weights.
    """

    activity_count: int
    weighted: bool
    total_load: float
    criterion_weights: tuple[tuple[SmartCriterion, float], ...]
    met_loads: tuple[tuple[SmartCriterion, float], ...]
    missing: tuple[tuple[SmartCriterion, tuple[ActivityId, ...]], ...]
    smart_ids: tuple[ActivityId, ...]
    smart_load: float

    @property
    def criterion_shares(self) -> dict[SmartCriterion, float]:
        """Share of the activities (or weight) meeting each criterion; ``nan`` when undefined."""
        return {
            criterion: (load / self.total_load if self.total_load > 0.0 else _NAN)
            for criterion, load in self.met_loads
        }

    @property
    def specificity(self) -> float:
        """Mean share of (weighted) criteria met; ``nan`` without activities or weight."""
        weights = dict(self.criterion_weights)
        possible = math.fsum(weight * self.total_load for weight in weights.values())
        if possible <= 0.0:
            return _NAN
        met = math.fsum(weights[criterion] * load for criterion, load in self.met_loads)
        return min(1.0, met / possible)

    @property
    def smart_share(self) -> float:
        """Share of activities meeting every criterion; ``nan`` without activities or weight."""
        if self.total_load <= 0.0:
            return _NAN
        return min(1.0, self.smart_load / self.total_load)

    def scores(self) -> dict[str, float]:
        """Every score of the family by registry name."""
        return {"specificity": self.specificity, "smart_share": self.smart_share}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary: ``nan`` becomes ``None``, criteria their values."""
        return {
            "scores": {name: json_float(value) for name, value in self.scores().items()},
            "activity_count": self.activity_count,
            "weighted": self.weighted,
            "total_load": self.total_load,
            "criterion_weights": {c.value: weight for c, weight in self.criterion_weights},
            "criterion_shares": {
                c.value: json_float(share) for c, share in self.criterion_shares.items()
            },
            "met_loads": {c.value: load for c, load in self.met_loads},
            "missing": {c.value: list(ids) for c, ids in self.missing},
            "smart_ids": list(self.smart_ids),
            "smart_load": self.smart_load,
        }


def specificity_detail(
    roadmap: Roadmap,
    *,
    weights: Mapping[SmartCriterion, float] | Mapping[str, float] | None = None,
    weighted: bool = False,
) -> SpecificityDetail:
    """Which activities meet which criteria, and the specificity scores that follow.

    Parameters
    ----------
    roadmap
        Any roadmap.
    weights
        Weight of each criterion in :attr:`~SpecificityDetail.specificity`, keyed by
        :class:`SmartCriterion` members or their values. ``None`` (default) weighs them
        equally; a criterion left out of the mapping weighs 0.
    weighted
        Weigh each activity by its weight instead of counting it once.

    Returns
    -------
    SpecificityDetail
        The per-criterion shares, the activities missing each criterion, and the scores.

    Raises
    ------
    InvalidParameterError
        ``weights`` names an unknown criterion, holds a negative or non-finite weight, or
        weighs every criterion 0; ``weighted`` is not a bool.

    See Also
    --------
    specificity_score, smart_share_score

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import specificity_detail
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=[cf.Axis(id="prev", name="Prevención")],
    ...     activities=[
    ...         cf.Activity(id="A1", title="Campaign", axis="prev", indicator="Campaigns held",
    ...                     target="1 a year", due=dt.date(2025, 12, 31)),
    ...         cf.Activity(id="A2", title="Alerts", axis="prev", due=dt.date(2026, 6, 30)),
    ...     ],
    ... )
    >>> detail = specificity_detail(road)
    >>> {c.value: ids for c, ids in detail.missing}["indicator"]
    ('A2',)
    >>> {c.value: share for c, share in detail.criterion_shares.items()}
    {'indicator': 0.5, 'target': 0.5, 'due': 1.0, 'responsible': 0.0, 'verification': 0.0}
    """
    return _specificity(roadmap, weights=weights, weighted=weighted, caller="specificity_detail")


def specificity_score(
    roadmap: Roadmap,
    *,
    weights: Mapping[SmartCriterion, float] | Mapping[str, float] | None = None,
    weighted: bool = False,
) -> float:
    """Mean share of the SMART criteria the roadmap's activities meet.

    Parameters
    ----------
    roadmap
        Any roadmap.
    weights
        Weight of each criterion, keyed by :class:`SmartCriterion` members or their values.
        ``None`` (default) weighs the five equally; a criterion left out weighs 0.
    weighted
        Weigh each activity by its weight instead of counting it once.

    Returns
    -------
    float
        In [0, 1], higher is better: 1 when every activity meets every (weighted) criterion.
        ``nan`` when the roadmap has no activities or, weighted, a total weight of zero.

    Raises
    ------
    InvalidParameterError
        ``weights`` names an unknown criterion, holds a negative or non-finite weight, or
        weighs every criterion 0; ``weighted`` is not a bool.

    See Also
    --------
    specificity_detail : which activities miss which criterion.
    smart_share_score : the share of activities meeting all five.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import specificity_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=[cf.Axis(id="prev", name="Prevención")],
    ...     activities=[
    ...         cf.Activity(id="A1", title="Campaign", axis="prev", indicator="Campaigns held",
    ...                     target="1 a year", due=dt.date(2025, 12, 31)),
    ...         cf.Activity(id="A2", title="Alerts", axis="prev", due=dt.date(2026, 6, 30)),
    ...     ],
    ... )
    >>> specificity_score(road)  # (3/5 + 1/5) / 2
    0.4
    >>> specificity_score(road, weights={"due": 1})
    1.0
    """
    detail = _specificity(roadmap, weights=weights, weighted=weighted, caller="specificity_score")
    return detail.specificity


def smart_share_score(roadmap: Roadmap, *, weighted: bool = False) -> float:
    """Share of the roadmap's activities that meet all five SMART criteria.

    Parameters
    ----------
    roadmap
        Any roadmap.
    weighted
        Weigh each activity by its weight instead of counting it once.

    Returns
    -------
    float
        In [0, 1], higher is better. ``nan`` when the roadmap has no activities or, weighted,
        a total weight of zero.

    Raises
    ------
    InvalidParameterError
        ``weighted`` is not a bool.

    See Also
    --------
    specificity_score, specificity_detail

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import smart_share_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=[cf.Agency(id="pnp", name="Policía Nacional del Perú", party="PER")],
    ...     axes=[cf.Axis(id="prev", name="Prevención")],
    ...     activities=[
    ...         cf.Activity(id="A1", title="Campaign", axis="prev", responsible=["pnp"],
    ...                     indicator="Campaigns held", target="1 a year",
    ...                     due=dt.date(2025, 12, 31), verification="Campaign report"),
    ...         cf.Activity(id="A2", title="Alerts", axis="prev", due=dt.date(2026, 6, 30)),
    ...     ],
    ... )
    >>> smart_share_score(road)
    0.5
    """
    detail = _specificity(roadmap, weights=None, weighted=weighted, caller="smart_share_score")
    return detail.smart_share


def _specificity(
    roadmap: Roadmap,
    *,
    weights: Mapping[SmartCriterion, float] | Mapping[str, float] | None,
    weighted: bool,
    caller: str,
) -> SpecificityDetail:
    criterion_weights = _criterion_weights(weights, caller)
    check_bool("weighted", weighted, caller)
    criteria = tuple(SmartCriterion)
    met_parts: list[list[float]] = [[] for _ in criteria]
    missing: list[list[ActivityId]] = [[] for _ in criteria]
    loads: list[float] = []
    smart_parts: list[float] = []
    smart_ids: list[ActivityId] = []
    for activity in roadmap.activities:
        load = activity.weight if weighted else 1.0
        loads.append(load)
        met = _criteria_met(activity)
        for i, ok in enumerate(met):
            if ok:
                met_parts[i].append(load)
            else:
                missing[i].append(activity.id)
        if all(met):
            smart_parts.append(load)
            smart_ids.append(activity.id)
    return SpecificityDetail(
        activity_count=len(roadmap.activities),
        weighted=weighted,
        total_load=math.fsum(loads),
        criterion_weights=criterion_weights,
        met_loads=tuple(
            (criterion, math.fsum(parts))
            for criterion, parts in zip(criteria, met_parts, strict=True)
        ),
        missing=tuple(
            (criterion, tuple(sorted(ids)))
            for criterion, ids in zip(criteria, missing, strict=True)
        ),
        smart_ids=tuple(sorted(smart_ids)),
        smart_load=math.fsum(smart_parts),
    )


def _criterion_weights(
    weights: Mapping[SmartCriterion, float] | Mapping[str, float] | None, caller: str
) -> tuple[tuple[SmartCriterion, float], ...]:
    """Every criterion with its weight, in :class:`SmartCriterion` order, or the error."""
    if weights is None:
        return tuple((criterion, 1.0) for criterion in SmartCriterion)
    problem = refusal(
        "weights",
        caller,
        f"a mapping of SMART criteria ({', '.join(repr(c.value) for c in SmartCriterion)}) "
        "to non-negative numbers, not all zero",
        repr(weights),
    )
    if not isinstance(weights, Mapping):
        raise problem
    chosen: dict[SmartCriterion, float] = {}
    for key, value in weights.items():
        try:
            criterion = SmartCriterion(key)
        except (ValueError, TypeError):
            raise problem from None
        if (
            criterion in chosen
            or isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            raise problem
        chosen[criterion] = float(value)
    if not any(weight > 0.0 for weight in chosen.values()):
        raise problem
    return tuple((criterion, chosen.get(criterion, 0.0)) for criterion in SmartCriterion)


def _family_detail(context: EvaluationContext) -> SpecificityDetail:
    return specificity_detail(context.roadmap)


FAMILY = Family(
    name="specificity",
    description="Which SMART criteria the activities meet.",
    detail=_family_detail,
    scores=SpecificityDetail.scores,
    to_data=SpecificityDetail.to_dict,
    scorers=(
        register_scorer(
            "specificity",
            specificity_score,
            family="specificity",
            description="Mean share of the SMART criteria (indicator, target, due date, "
            "responsible agency, means of verification) the activities meet.",
            party_symmetric=True,
            on_empty=_NAN,
        ),
        register_scorer(
            "smart_share",
            smart_share_score,
            family="specificity",
            description="Share of activities that meet all five SMART criteria.",
            party_symmetric=True,
            on_empty=_NAN,
        ),
    ),
)
"""The specificity family: its detail, its scores and their registry entries."""
