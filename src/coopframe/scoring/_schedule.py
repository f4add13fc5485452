"""Schedule scores: the critical path, deadlines and the order in which work gets done.

A roadmap's activities may depend on others (``depends_on``): the 2016 Bolivia–Peru roadmap put
binational police operations after intelligence work. This family reads those dependencies
together with the activities' dates and statuses.

Durations
    An activity with both dates lasts ``(due - start).days + 1`` days (both ends included, like
    :attr:`~coopframe.model.Period.days`). An activity missing either date lasts
    ``default_duration`` days (0 unless told otherwise) and is listed in
    :attr:`ScheduleDetail.undated`.

Critical path
    The Critical Path Method (Kelley & Walker, 1959) without calendar slack: the earliest finish
    of an activity is its duration plus the latest earliest finish among its prerequisites, and
    the critical path is the chain of dependencies with the greatest total duration. Among chains
    of equal length the one with more activities wins, then the one whose activities have the
    smaller ids (compared step by step from the end), so the path never depends on the order of
    the document's lists. The computation is a hand-written Kahn topological order with dynamic
    programming over plain lists: O(activities + dependencies).

Deadline violations
    A dependency whose activity is due *before* its prerequisite is due (``B`` depends on ``A``,
    ``B`` due 2024-03-31, ``A`` due 2024-06-30) cannot be kept as written: the work would have
    to be finished before the work it needs. Each such dependency is listed as ``(activity,
    its due date, prerequisite, the prerequisite's due date)``. Only dependencies whose two
    activities both have a due date are judged (*dated dependencies*); the same due date for
    both is allowed. :func:`coopframe.findings` reports each one as a soft finding too.

``schedule_feasibility_score``
    Whether the schedule as written can be kept: the product of two shares, each counted when
    it is defined. *Fit*: ``1`` when the critical path fits in the roadmap's period
    (``chain_days <= period_days``), else ``period_days / chain_days``, the share of the chain
    the period can hold (undefined when the chain lasts 0 days: no activities, or none with a
    known or default duration). *Order*: ``1 - deadline_violations / dated_dependencies``, the
    share of the dated dependencies whose deadlines come in the order of the work (undefined
    without dated dependencies). ``nan`` when neither is defined.

As of a date
    Statuses are read as they stand in the document; ``as_of`` (default: the roadmap's
    ``as_of``) only decides which due dates have passed. An activity is *overdue* when it is due
    before ``as_of`` and neither completed nor cancelled (``unknown`` counts as not completed:
    there is no evidence it was done). An activity is *at risk* when it is not overdue, neither
    completed nor cancelled, and depends, directly or through other unfinished activities, on an
    overdue one (one breadth-first search from all overdue activities; a completed or cancelled
    activity neither is at risk nor passes risk on).

``on_time_score``
    ``1 - overdue / due``, where *due* counts the activities due before ``as_of`` that were not
    cancelled (a cancelled activity is no longer a commitment). This is the "share of activities
    due" that SIGMA's implementation rate is computed over, without SIGMA's banding. ``nan`` when
    there is no ``as_of`` or nothing is due before it.

Blocked activities
    Activities neither completed nor cancelled with at least one prerequisite that is not
    completed. Listed in the detail; not a score (early in a roadmap most dependents are blocked
    by design).

``sequencing_score``
    ``1 - out_of_sequence / completed_with_prerequisites``: among the completed activities that
    have prerequisites, the share completed while every prerequisite was completed too. An
    activity completed while a prerequisite is not completed (including a cancelled one: the
    work was done without it) is *out of sequence*, and each such pair is listed. Only completed
    activities can break the order, so only they are counted: an activity not yet done has not
    respected the order, it has simply not been measured. ``nan`` when no completed activity has
    prerequisites.

IATI 2.03, the reference standard for reporting activities, has no precedence relation between
activities; dependencies are coopframe's own addition to that vocabulary.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import attrs

from coopframe._checks import as_date, check_int
from coopframe._util import json_float
from coopframe.model import Roadmap
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._registry import register_scorer
from coopframe.scoring._schedule_walks import (
    _at_risk,
    _blocked,
    _deadline_violations,
    _feasibility,
    _kept_share,
    _longest_chain,
    _overdue,
    _violations,
)

__all__ = [
    "FAMILY",
    "ScheduleDetail",
    "on_time_score",
    "schedule_detail",
    "schedule_feasibility_score",
    "sequencing_score",
]

_FAMILY = "schedule"


@attrs.frozen(kw_only=True)
class ScheduleDetail:
    """The schedule scores of a roadmap and what they came from.

    Build one with :func:`schedule_detail`. Activity ids are sorted, except the critical path,
    which runs from its first activity to its last.

    Attributes
    ----------
    as_of
        The date used for deadlines, or ``None`` when there was none.
    default_duration
        The duration, in days, given to activities missing a start or due date.
    period_days
        Length of the roadmap's period, both ends included.
    activities
        Number of activities.
    undated
        Activities missing a start or due date (they last ``default_duration`` days).
    critical_path
        The longest chain of dependencies, first activity first.
    critical_path_days
        Its total duration in days.
    due_before_as_of
        Activities due before ``as_of`` and not cancelled: the denominator of the on-time score.
    overdue
        Activities due before ``as_of`` and neither completed nor cancelled.
    at_risk
        Unfinished activities downstream of an overdue one (transitively), not overdue themselves.
    blocked
        Unfinished activities with at least one prerequisite not completed.
    completed_with_prerequisites
        Completed activities that have prerequisites: the denominator of the sequencing score.
    out_of_sequence
        Completed activities with at least one prerequisite not completed.
    violations
        ``(activity, prerequisite)`` pairs behind ``out_of_sequence``.
    dated_dependencies
        Dependencies whose activity and prerequisite both have a due date: the denominator of
        the order share of the feasibility score.
    deadline_violations
        ``(activity, due, prerequisite, prerequisite_due)`` for every dependency whose activity
        is due before its prerequisite, sorted.
    schedule_feasibility_score, on_time_score, sequencing_score
        The scores; see the module documentation.
    """

    as_of: dt.date | None
    default_duration: int
    period_days: int
    activities: int
    undated: tuple[str, ...]
    critical_path: tuple[str, ...]
    critical_path_days: int
    due_before_as_of: int
    overdue: tuple[str, ...]
    at_risk: tuple[str, ...]
    blocked: tuple[str, ...]
    completed_with_prerequisites: int
    out_of_sequence: tuple[str, ...]
    violations: tuple[tuple[str, str], ...]
    dated_dependencies: int
    deadline_violations: tuple[tuple[str, dt.date, str, dt.date], ...]
    schedule_feasibility_score: float
    on_time_score: float
    sequencing_score: float

    def scores(self) -> dict[str, float]:
        """The family's scores by registry name."""
        return {
            "on_time": self.on_time_score,
            "schedule_feasibility": self.schedule_feasibility_score,
            "sequencing": self.sequencing_score,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready rendering: dates in ISO form, ``nan`` as ``None``, ids sorted."""
        return {
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "default_duration": self.default_duration,
            "period_days": self.period_days,
            "activities": self.activities,
            "undated": list(self.undated),
            "critical_path": list(self.critical_path),
            "critical_path_days": self.critical_path_days,
            "due_before_as_of": self.due_before_as_of,
            "overdue": list(self.overdue),
            "at_risk": list(self.at_risk),
            "blocked": list(self.blocked),
            "completed_with_prerequisites": self.completed_with_prerequisites,
            "out_of_sequence": list(self.out_of_sequence),
            "violations": [list(pair) for pair in self.violations],
            "dated_dependencies": self.dated_dependencies,
            "deadline_violations": [
                [activity, due.isoformat(), prerequisite, prerequisite_due.isoformat()]
                for activity, due, prerequisite, prerequisite_due in self.deadline_violations
            ],
            "scores": {name: json_float(value) for name, value in self.scores().items()},
        }


def schedule_detail(
    roadmap: Roadmap, *, as_of: dt.date | str | None = None, default_duration: int = 0
) -> ScheduleDetail:
    """The schedule scores of a roadmap, with the activities behind them.

    Parameters
    ----------
    roadmap
        Any roadmap.
    as_of
        The date deadlines are judged at; default the roadmap's ``as_of``. With neither, the
        as-of-dependent findings are empty and :func:`on_time_score` is ``nan``.
    default_duration
        Days given to an activity missing its start or due date (an integer >= 0).

    Returns
    -------
    ScheduleDetail
        The critical path, the overdue, at-risk, blocked and out-of-sequence activities, the
        dependencies whose deadlines run backwards, and the three scores (each in [0, 1],
        higher is better, ``nan`` where undefined).

    Raises
    ------
    InvalidParameterError
        ``as_of`` is not a date, or ``default_duration`` is not an integer >= 0.

    See Also
    --------
    schedule_feasibility_score, on_time_score, sequencing_score

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
    ...     as_of=dt.date(2025, 7, 1),
    ...     axes=(cf.Axis(id="inv", name="Investigación"),),
    ...     activities=(
    ...         cf.Activity(id="intel", title="Intelligence", axis="inv",
    ...                     start=dt.date(2025, 1, 1), due=dt.date(2025, 3, 31),
    ...                     status=cf.Status.IN_PROGRESS),
    ...         cf.Activity(id="ops", title="Joint operations", axis="inv",
    ...                     depends_on=("intel",), start=dt.date(2025, 4, 1),
    ...                     due=dt.date(2025, 9, 30), status=cf.Status.NOT_STARTED),
    ...     ),
    ... )
    >>> detail = schedule_detail(road)
    >>> detail.critical_path, detail.critical_path_days
    (('intel', 'ops'), 273)
    >>> detail.overdue, detail.at_risk, detail.blocked
    (('intel',), ('ops',), ('ops',))
    >>> detail.scores()
    {'on_time': 0.0, 'schedule_feasibility': 1.0, 'sequencing': nan}
    """
    given = _check_options("schedule_detail", as_of, default_duration)
    when = roadmap.as_of if given is None else given
    path, chain_days, undated = _longest_chain(roadmap, default_duration)
    due, overdue = _overdue(roadmap, when)
    completed, violations = _violations(roadmap)
    out_of_sequence = sorted({activity for activity, _ in violations})
    dated, deadline_violations = _deadline_violations(roadmap)
    return ScheduleDetail(
        as_of=when,
        default_duration=default_duration,
        period_days=roadmap.period.days,
        activities=len(roadmap.activities),
        undated=tuple(sorted(undated)),
        critical_path=tuple(path),
        critical_path_days=chain_days,
        due_before_as_of=due,
        overdue=tuple(sorted(overdue)),
        at_risk=tuple(sorted(_at_risk(roadmap, overdue))),
        blocked=tuple(sorted(_blocked(roadmap))),
        completed_with_prerequisites=completed,
        out_of_sequence=tuple(out_of_sequence),
        violations=tuple(sorted(violations)),
        dated_dependencies=dated,
        deadline_violations=tuple(sorted(deadline_violations)),
        schedule_feasibility_score=_feasibility(
            roadmap.period.days, chain_days, len(deadline_violations), dated
        ),
        on_time_score=_kept_share(len(overdue), due),
        sequencing_score=_kept_share(len(out_of_sequence), completed),
    )


def schedule_feasibility_score(roadmap: Roadmap, *, default_duration: int = 0) -> float:
    """Whether the schedule can be kept: the chain fits the period, deadlines follow the work.

    Parameters
    ----------
    roadmap
        Any roadmap.
    default_duration
        Days given to an activity missing its start or due date (an integer >= 0).

    Returns
    -------
    float
        In [0, 1], higher is better: the product of the *fit* (``1`` when the critical path's
        total duration fits in the period, else ``period_days / chain_days``) and the *order*
        (``1 - deadline_violations / dated_dependencies``: the share of the dependencies between
        two dated activities where the activity is not due before its prerequisite), each
        counted when defined. ``nan`` when neither is: the chain lasts 0 days (no activities, or
        none with a known or default duration) and no dependency joins two due dates.

    Raises
    ------
    InvalidParameterError
        ``default_duration`` is not an integer >= 0.

    See Also
    --------
    schedule_detail : the critical path and the deadline violations themselves.

    Examples
    --------
    >>> import attrs, datetime as dt
    >>> def step(i, prev=()):
    ...     start = dt.date(2025, 1, 1) + dt.timedelta(days=300 * i)
    ...     return cf.Activity(id=f"S{i}", title="Step", axis="ax", depends_on=prev,
    ...                        start=start, due=start + dt.timedelta(days=299))
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=(cf.Axis(id="ax", name="Axis"),),
    ...     activities=(step(0), step(1, ("S0",)), step(2, ("S1",))),
    ... )
    >>> schedule_feasibility_score(road)  # 730 days for a 900-day chain
    0.8111111111111111

    With S1 undated but due before S0, the chain fits (600 days), but one of the two dated
    dependencies runs backwards:

    >>> s0, s1, s2 = road.activities
    >>> early = attrs.evolve(s1, start=None, due=dt.date(2025, 6, 30))  # before S0 is due
    >>> schedule_feasibility_score(attrs.evolve(road, activities=(s0, early, s2)))
    0.5
    """
    _check_options("schedule_feasibility_score", None, default_duration)
    _, chain_days, _ = _longest_chain(roadmap, default_duration)
    dated, deadline_violations = _deadline_violations(roadmap)
    return _feasibility(roadmap.period.days, chain_days, len(deadline_violations), dated)


def on_time_score(roadmap: Roadmap, *, as_of: dt.date | str | None = None) -> float:
    """The share of activities due before a date that are not overdue.

    Parameters
    ----------
    roadmap
        Any roadmap.
    as_of
        The date deadlines are judged at; default the roadmap's ``as_of``.

    Returns
    -------
    float
        In [0, 1], higher is better: ``1 - overdue / due``, over the activities due before
        ``as_of`` that were not cancelled. ``nan`` when there is no ``as_of`` (neither given nor
        in the roadmap) or nothing is due before it.

    Raises
    ------
    InvalidParameterError
        ``as_of`` is not a date.

    See Also
    --------
    schedule_detail : which activities are overdue, and which are at risk because of them.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Campaign", axis="prev", due=dt.date(2025, 3, 1),
    ...                     status=cf.Status.COMPLETED),
    ...         cf.Activity(id="A2", title="Alert system", axis="prev", due=dt.date(2025, 5, 1)),
    ...     ),
    ... )
    >>> on_time_score(road, as_of=dt.date(2025, 4, 1))
    1.0
    >>> on_time_score(road, as_of=dt.date(2025, 6, 1))
    0.5
    >>> on_time_score(road)  # the roadmap has no as_of
    nan
    """
    when = _check_options("on_time_score", as_of, 0)
    due, overdue = _overdue(roadmap, roadmap.as_of if when is None else when)
    return _kept_share(len(overdue), due)


def sequencing_score(roadmap: Roadmap) -> float:
    """The share of completed activities whose prerequisites were all completed too.

    Parameters
    ----------
    roadmap
        Any roadmap.

    Returns
    -------
    float
        In [0, 1], higher is better: ``1 - out_of_sequence / completed_with_prerequisites``.
        ``nan`` when no completed activity has prerequisites.

    See Also
    --------
    schedule_detail : the out-of-sequence activities and the prerequisites they skipped.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
    ...     axes=(cf.Axis(id="inv", name="Investigación"),),
    ...     activities=(
    ...         cf.Activity(id="intel", title="Intelligence", axis="inv",
    ...                     status=cf.Status.IN_PROGRESS),
    ...         cf.Activity(id="ops", title="Joint operations", axis="inv",
    ...                     depends_on=("intel",), status=cf.Status.COMPLETED),
    ...     ),
    ... )
    >>> sequencing_score(road)
    0.0
    """
    completed, violations = _violations(roadmap)
    return _kept_share(len({activity for activity, _ in violations}), completed)


def _check_options(function: str, as_of: object, default_duration: object) -> dt.date | None:
    when = as_date("as_of", as_of, function)
    check_int("default_duration", default_duration, function, minimum=0)
    return when


def _family_detail(context: EvaluationContext) -> ScheduleDetail:
    return schedule_detail(context.roadmap, as_of=context.as_of)


FAMILY = Family(
    name="schedule",
    description="Whether the schedule is feasible, on time and followed in order.",
    detail=_family_detail,
    scores=ScheduleDetail.scores,
    to_data=ScheduleDetail.to_dict,
    scorers=(
        register_scorer(
            "schedule_feasibility",
            schedule_feasibility_score,
            family=_FAMILY,
            description=(
                "Whether the longest chain of dependent activities fits in the roadmap's period."
            ),
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "on_time",
            on_time_score,
            family=_FAMILY,
            description="Share of activities due before the as-of date that are not overdue.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "sequencing",
            sequencing_score,
            family=_FAMILY,
            description="Share of completed activities whose prerequisites were all completed.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
    ),
)
"""The schedule family: its detail, its scores and their registry entries."""
