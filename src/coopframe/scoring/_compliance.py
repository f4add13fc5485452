"""Compliance: how much of a roadmap was fulfilled.

The headline figure of a roadmap's review ("92% of the 2021–2022 roadmap was fulfilled") is a
compliance rate: the share of the committed activities that were met. This module computes it
from the activities' statuses, under a stated counting rule, and explains where it came from.

The rate
    For the activities that count (see below), each with weight ``w`` and credit ``c`` in
    [0, 1]: ``compliance = sum(w * c) / sum(w)``. ``weighted=False`` sets every ``w = 1``:
    each activity counts once, as published figures ("92 of 100 actions") count them. With
    ``weighted=True`` (the default) an activity of weight 0 counts for nothing: it is left out
    and listed as ``zero_weight``. Sums are exact (``math.fsum``), so the rate does not depend
    on the order of the activities.

Counting rules (:class:`~coopframe.model.Counting`): the credit ``c`` of an activity
    | status | strict | partial | lenient |
    |---|---|---|---|
    | completed | 1 | 1 | 1 |
    | in_progress | 0 | progress, else 0 | 1 |
    | not_started, suspended, unknown | 0 | progress, else 0 | 0 |

    ``strict`` (the default) counts completed activities only. ``partial`` counts recorded
    progress pro rata, whatever the status, so a suspended activity keeps the part that was
    done. ``lenient`` also counts in-progress activities as met: the rule behind Argentina's
    2022–2024 figure of 82.3%, which counted completed, continuous and in-progress actions.
    Suspended and unknown activities are never met. A completed activity scores 1 even if its
    recorded progress is below 1 (:func:`coopframe.findings` flags that).

Cancelled activities (the ``cancelled`` option)
    ``"exclude"`` (default): a cancelled activity leaves the denominator, as a commitment
    withdrawn by the parties; it is listed as ``excluded``. ``"unmet"``: it counts as not
    fulfilled (credit 0 under every rule). ``"met"``: it counts as fulfilled (credit 1).

Activities due (the ``as_of`` option)
    ``as_of=None`` (default) assesses every activity. With a date, only activities due on or
    before it count; an activity without a ``due`` date is due at the end of the roadmap's
    period. The others are listed as ``not_due``. Pass ``as_of=roadmap.as_of`` to assess the
    activities due by the status date.

Undefined cases
    When no activity counts (no activities, every weight 0, every activity cancelled and
    excluded, none due), the rate is ``nan``: never 0, never 1. An axis or a party with no
    counted activity has a ``nan`` rate and is named in ``empty_axes`` / ``empty_parties``.

Breakdowns
    Per axis (each activity in its axis) and per party: an activity counts for every party whose
    agencies are responsible for it, so a joint activity counts for both parties. Counted
    activities with no responsible agency count in the overall and axis rates, in no party's
    rate, and are listed as ``unassigned``.

SIGMA implementation rate
    OECD SIGMA scores the implementation rate ``x`` of the activities due: below 25% scores 0,
    90% and above scores in full, linear in between. :func:`sigma_scale` maps a rate to [0, 1]
    that way: 0 below 0.25, ``(x - 0.25) / 0.65`` from 0 at 0.25 to 1 at 0.90, and 1 from 0.90
    up. :func:`implementation_rate_score` applies it to the strict, weighted compliance of the
    activities due by ``as_of``, which defaults here to the roadmap's status date
    (``roadmap.as_of``), as SIGMA assesses what was due at the time of assessment; a roadmap
    without one is assessed on every activity. Activities not yet due are left out, even if
    completed early.

OGP IRM completion
    The Open Government Partnership's Independent Reporting Mechanism rates a commitment's
    completion as no evidence, not started, limited, substantial or complete. The scale is
    qualitative; :func:`completion_category` reads a rate on it with coopframe's thresholds:
    ``nan`` is no evidence, 0 not started, below 0.5 limited, from 0.5 to below 1 substantial,
    1 complete.

Registered scores (all of family ``"compliance"``, symmetric in the parties, ``nan`` on a
roadmap without activities): ``compliance`` (strict), ``compliance_partial``,
``compliance_lenient`` and ``implementation_rate``, each with the default options.
"""

from __future__ import annotations

import datetime as dt
import math

from coopframe._checks import as_date, check_bool, check_choice
from coopframe.model import ActivityId, Counting, Roadmap, Status
from coopframe.scoring._common import check_counting
from coopframe.scoring._compliance_detail import CancelledRule, ComplianceDetail, GroupCompliance
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._registry import register_scorer

__all__ = [
    "FAMILY",
    "CancelledRule",
    "ComplianceDetail",
    "GroupCompliance",
    "compliance_detail",
    "compliance_score",
    "implementation_rate_score",
]

_CANCELLED_RULES: tuple[str, ...] = ("exclude", "unmet", "met")


def compliance_detail(
    roadmap: Roadmap,
    *,
    counting: Counting | str = Counting.STRICT,
    cancelled: CancelledRule = "exclude",
    weighted: bool = True,
    as_of: dt.date | str | None = None,
) -> ComplianceDetail:
    """A roadmap's compliance, its breakdowns and the activities behind them.

    Parameters
    ----------
    roadmap
        Any roadmap.
    counting
        ``"strict"`` (completed only), ``"partial"`` (progress pro rata) or ``"lenient"``
        (completed and in progress), as a :class:`~coopframe.model.Counting` or its value.
    cancelled
        ``"exclude"`` (leave the denominator), ``"unmet"`` or ``"met"``.
    weighted
        Weigh activities by their ``weight``; ``False`` counts each activity once.
    as_of
        Count only activities due on or before this date (undated ones are due at the end of
        the period); ``None`` counts every activity. SIGMA's implementation rate is taken at
        this date, or at the roadmap's ``as_of`` when it is ``None``.

    Returns
    -------
    ComplianceDetail
        The rates under each counting rule, SIGMA's implementation rate, the per-axis and
        per-party rates under ``counting``, and the ids of the activities counted, met and
        left out.

    Raises
    ------
    InvalidParameterError
        An option has a value outside those listed.

    See Also
    --------
    compliance_score : the rate alone.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import compliance_detail
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(cf.Agency(id="fgn", name="Fiscalía", party="PER"),),
    ...     axes=(cf.Axis(id="prev", name="Prevención"), cf.Axis(id="inv", name="Investigación")),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Campaign", axis="prev", status=cf.Status.COMPLETED),
    ...         cf.Activity(id="A2", title="Alerts", axis="prev", responsible=("fgn",),
    ...                     status=cf.Status.IN_PROGRESS, progress=0.5),
    ...     ),
    ... )
    >>> detail = compliance_detail(road)
    >>> detail.rate, detail.met, detail.empty_axes
    (0.5, ('A1',), ('inv',))
    >>> detail.party_rates, detail.unassigned
    ({'BOL': nan, 'PER': 0.0}, ('A1',))
    >>> detail.partial_rate, detail.lenient_rate
    (0.75, 1.0)
    """
    rule = check_counting(counting, "compliance_detail")
    when = _check_options(cancelled, weighted, as_of, "compliance_detail")
    return _detail(roadmap, rule, cancelled, weighted, when)


def compliance_score(
    roadmap: Roadmap,
    *,
    counting: Counting | str = Counting.STRICT,
    cancelled: CancelledRule = "exclude",
    weighted: bool = True,
    as_of: dt.date | str | None = None,
) -> float:
    """The share of a roadmap's committed activities that were fulfilled.

    Parameters
    ----------
    roadmap
        Any roadmap.
    counting
        ``"strict"`` (completed only; default), ``"partial"`` (progress counts pro rata) or
        ``"lenient"`` (completed and in-progress activities count as met), as a
        :class:`~coopframe.model.Counting` or its value. Suspended and unknown activities are
        never met.
    cancelled
        ``"exclude"`` (default: cancelled activities leave the denominator), ``"unmet"`` (they
        count as not fulfilled) or ``"met"`` (they count as fulfilled).
    weighted
        Weigh activities by their ``weight`` (default; weight-0 activities count for nothing);
        ``False`` counts each activity once.
    as_of
        Count only activities due on or before this date (undated ones are due at the end of
        the period); ``None`` (default) counts every activity.

    Returns
    -------
    float
        In [0, 1], higher is better; ``nan`` when no activity counts (no activities, every
        weight 0, every activity cancelled and excluded, or none due).

    Raises
    ------
    InvalidParameterError
        An option has a value outside those listed.

    See Also
    --------
    compliance_detail : the rate with its breakdowns and the activities behind it.
    implementation_rate_score : the strict rate on SIGMA's scale.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import compliance_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="ARG", name="Argentina"), cf.Party(id="BOL", name="Bolivia")),
    ...     period=cf.Period(start=dt.date(2023, 1, 1), end=dt.date(2024, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Campaign", axis="prev", status=cf.Status.COMPLETED),
    ...         cf.Activity(id="A2", title="Training", axis="prev", status=cf.Status.IN_PROGRESS),
    ...         cf.Activity(id="A3", title="Protocol", axis="prev", status=cf.Status.CANCELLED),
    ...         cf.Activity(id="A4", title="Survey", axis="prev", status=cf.Status.NOT_STARTED),
    ...     ),
    ... )
    >>> compliance_score(road)
    0.3333333333333333
    >>> compliance_score(road, counting="lenient")
    0.6666666666666666
    >>> compliance_score(road, cancelled="unmet")
    0.25
    """
    rule = check_counting(counting, "compliance_score")
    when = _check_options(cancelled, weighted, as_of, "compliance_score")
    return _detail(roadmap, rule, cancelled, weighted, when).rate


def implementation_rate_score(roadmap: Roadmap, *, as_of: dt.date | str | None = None) -> float:
    """SIGMA's implementation-rate score of a roadmap.

    The strict, weighted compliance of the activities due (cancelled ones excluded), mapped by
    :func:`sigma_scale`: 0 below 25%, linear from 0 at 25% to 1 at 90%, 1 from 90% up.

    Parameters
    ----------
    roadmap
        Any roadmap.
    as_of
        Count only activities due on or before this date (undated ones are due at the end of
        the period). ``None`` (default) takes the roadmap's status date, ``roadmap.as_of``;
        when that is not set either, every activity counts, as at the roadmap's end.

    Returns
    -------
    float
        In [0, 1], higher is better; ``nan`` when no activity counts (none due, no activities,
        every weight 0, every activity cancelled).

    Raises
    ------
    InvalidParameterError
        ``as_of`` is not a date.

    See Also
    --------
    compliance_score, sigma_scale

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import implementation_rate_score
    >>> done, open_ = cf.Status.COMPLETED, cf.Status.NOT_STARTED
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="PER", name="Perú"), cf.Party(id="ECU", name="Ecuador")),
    ...     period=cf.Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
    ...     axes=(cf.Axis(id="prot", name="Protección"),),
    ...     activities=[
    ...         cf.Activity(id=f"A{i}", title="Task", axis="prot", status=done if i < 6 else open_,
    ...                     due=dt.date(2024, 6, 30) if i < 8 else None)
    ...         for i in range(10)
    ...     ],
    ... )
    >>> round(implementation_rate_score(road), 6)  # 6 of 10: (0.6 - 0.25) / 0.65
    0.538462
    >>> implementation_rate_score(road, as_of=dt.date(2024, 6, 30))  # 6 of the 8 due by June
    0.7692307692307693
    >>> import attrs
    >>> implementation_rate_score(attrs.evolve(road, as_of=dt.date(2024, 7, 1)))  # status date
    0.7692307692307693
    """
    when = as_date("as_of", as_of, "implementation_rate_score")
    return _detail(roadmap, Counting.STRICT, "exclude", True, when).implementation_rate


# The computation: one pass over the activities.

_RULE_INDEX = {Counting.STRICT: 0, Counting.PARTIAL: 1, Counting.LENIENT: 2}


def _credits(status: Status, progress: float | None, cancelled: str) -> tuple[float, float, float]:
    """The credit of an activity under the strict, partial and lenient rules."""
    if status is Status.COMPLETED:
        return (1.0, 1.0, 1.0)
    if status is Status.CANCELLED:
        return (1.0, 1.0, 1.0) if cancelled == "met" else (0.0, 0.0, 0.0)
    done = 0.0 if progress is None else progress
    return (0.0, done, 1.0 if status is Status.IN_PROGRESS else 0.0)


def _detail(
    roadmap: Roadmap,
    counting: Counting,
    cancelled: CancelledRule,
    weighted: bool,
    as_of: dt.date | None,
) -> ComplianceDetail:
    # Longer than most functions on purpose: one pass over the activities fills every rate,
    # group and id list at once; split into passes it would walk a large roadmap many times.
    chosen = _RULE_INDEX[counting]
    # Terms of the sums, added exactly (math.fsum) at the end so that the result does not
    # depend on the order of the activities. A group's terms are (numerator, denominator).
    strict_terms: list[float] = []
    partial_terms: list[float] = []
    lenient_terms: list[float] = []
    weights: list[float] = []
    due_terms: list[float] = []
    due_weights: list[float] = []
    due_date = roadmap.as_of if as_of is None else as_of
    axes: dict[str, tuple[list[float], list[float]]] = {a.id: ([], []) for a in roadmap.axes}
    parties: dict[str, tuple[list[float], list[float]]] = {p.id: ([], []) for p in roadmap.parties}
    party_of = {agency.id: agency.party for agency in roadmap.agencies}
    counted: list[ActivityId] = []
    met: list[ActivityId] = []
    partly_met: list[ActivityId] = []
    excluded: list[ActivityId] = []
    not_due: list[ActivityId] = []
    zero_weight: list[ActivityId] = []
    unassigned: list[ActivityId] = []
    period_end = roadmap.period.end
    exclude_cancelled = cancelled == "exclude"

    for activity in roadmap.activities:
        due = activity.due or period_end
        if as_of is not None and due > as_of:
            not_due.append(activity.id)
            continue
        status = activity.status
        if status is Status.CANCELLED and exclude_cancelled:
            excluded.append(activity.id)
            continue
        weight = activity.weight if weighted else 1.0
        if weight == 0.0:
            zero_weight.append(activity.id)
            continue
        credits = _credits(status, activity.progress, cancelled)
        strict_terms.append(weight * credits[0])
        partial_terms.append(weight * credits[1])
        lenient_terms.append(weight * credits[2])
        weights.append(weight)
        counted.append(activity.id)
        if due_date is None or due <= due_date:
            due_terms.append(weight * credits[0])
            due_weights.append(weight)
        credit = credits[chosen]
        if credit == 1.0:
            met.append(activity.id)
        elif credit > 0.0:
            partly_met.append(activity.id)
        term = weight * credit
        num, den = axes[activity.axis]
        num.append(term)
        den.append(weight)
        if not activity.responsible:
            unassigned.append(activity.id)
        for party_id in {party_of[agency_id] for agency_id in activity.responsible}:
            num, den = parties[party_id]
            num.append(term)
            den.append(weight)

    total = math.fsum(weights)
    overall = (strict_terms, partial_terms, lenient_terms)
    strict, partial, lenient = (_ratio(math.fsum(terms), total) for terms in overall)
    # list.count compares by identity first: a fast count of each (singleton) status.
    statuses = [activity.status for activity in roadmap.activities]
    return ComplianceDetail(
        counting=counting,
        cancelled=cancelled,
        weighted=weighted,
        as_of=as_of,
        strict_rate=strict,
        partial_rate=partial,
        lenient_rate=lenient,
        due_date=due_date,
        due_rate=_ratio(math.fsum(due_terms), math.fsum(due_weights)),
        met_weight=math.fsum(overall[chosen]),
        counted_weight=total,
        counted=tuple(sorted(counted)),
        met=tuple(sorted(met)),
        partly_met=tuple(sorted(partly_met)),
        excluded=tuple(sorted(excluded)),
        not_due=tuple(sorted(not_due)),
        zero_weight=tuple(sorted(zero_weight)),
        unassigned=tuple(sorted(unassigned)),
        status_counts=tuple((status, statuses.count(status)) for status in Status),
        axes=tuple(_group(axis_id, *terms) for axis_id, terms in sorted(axes.items())),
        parties=tuple(_group(party_id, *terms) for party_id, terms in sorted(parties.items())),
    )


def _group(group_id: str, num: list[float], den: list[float]) -> GroupCompliance:
    met, total = math.fsum(num), math.fsum(den)
    return GroupCompliance(
        id=group_id, rate=_ratio(met, total), met_weight=met, counted_weight=total, counted=len(den)
    )


def _ratio(met: float, total: float) -> float:
    return met / total if total > 0.0 else math.nan


# Parameter checks, one message form.


def _check_cancelled(value: object, func: str) -> None:
    check_choice("cancelled", value, func, _CANCELLED_RULES)


def _check_options(cancelled: object, weighted: object, as_of: object, func: str) -> dt.date | None:
    _check_cancelled(cancelled, func)
    check_bool("weighted", weighted, func)
    return as_date("as_of", as_of, func)


def _compliance(roadmap: Roadmap) -> float:
    return _detail(roadmap, Counting.STRICT, "exclude", True, None).strict_rate


def _compliance_partial(roadmap: Roadmap) -> float:
    return _detail(roadmap, Counting.PARTIAL, "exclude", True, None).partial_rate


def _compliance_lenient(roadmap: Roadmap) -> float:
    return _detail(roadmap, Counting.LENIENT, "exclude", True, None).lenient_rate


def _implementation_rate(roadmap: Roadmap) -> float:
    return _detail(roadmap, Counting.STRICT, "exclude", True, None).implementation_rate


def _family_detail(context: EvaluationContext) -> ComplianceDetail:
    return compliance_detail(context.roadmap)


FAMILY = Family(
    name="compliance",
    description="How much of the roadmap was done, under each counting rule.",
    detail=_family_detail,
    scores=ComplianceDetail.scores,
    to_data=ComplianceDetail.to_dict,
    scorers=(
        register_scorer(
            "compliance",
            _compliance,
            family="compliance",
            description="Weighted share of activities completed; cancelled ones excluded (strict).",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "compliance_partial",
            _compliance_partial,
            family="compliance",
            description="Weighted share of activities done, counting recorded progress pro rata.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "compliance_lenient",
            _compliance_lenient,
            family="compliance",
            description="Weighted share of activities completed or in progress.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "implementation_rate",
            _implementation_rate,
            family="compliance",
            description=(
                "SIGMA implementation-rate score: strict compliance, 0 below 25%, 1 from 90%."
            ),
            party_symmetric=True,
            on_empty=math.nan,
        ),
    ),
)
"""The compliance family: its detail, its scores and their registry entries."""
