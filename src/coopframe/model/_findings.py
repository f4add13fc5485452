"""The soft findings about a roadmap: things worth a look that are not errors."""

from __future__ import annotations

import warnings
from collections.abc import Callable

from coopframe.exceptions import Problem
from coopframe.model._documents import Roadmap
from coopframe.model._enums import Status
from coopframe.model._types import Activity, Period

_Add = Callable[[Problem], None]


def findings(roadmap: Roadmap) -> tuple[Problem, ...]:
    """Soft findings about a valid roadmap: things worth a look that are not errors.

    Parameters
    ----------
    roadmap
        Any roadmap (it is valid, since it exists).

    Returns
    -------
    tuple of Problem
        The findings in document order; empty when there is nothing to say. Each has the path
        of the element it is about:

        - ``as_of``: the status date is outside the period;
        - ``activities[i].start`` / ``activities[i].due``: the activity starts before, or is
          due after, the roadmap's period;
        - ``activities[i].depends_on[j]``: the activity is due before its ``j``-th prerequisite
          is due (both ids and both dates are named): the work would have to be finished
          before the work it needs;
        - ``activities[i].responsible``: the activity has no responsible agency;
        - ``activities[i].progress``: the status and the progress disagree: ``completed``
          with a progress below 1, or ``not_started`` with a progress above 0;
        - ``axes[i]``: the axis has no activities;
        - ``agencies[i]``: the agency is responsible for no activity.

    Examples
    --------
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> [str(p) for p in cf.findings(road)]
    []
    """
    found: list[Problem] = []
    add = found.append
    period = roadmap.period
    if roadmap.as_of is not None and not period.start <= roadmap.as_of <= period.end:
        add(Problem("as_of", f"status date {roadmap.as_of} is outside the period {_span(period)}"))
    used_agencies: set[str] = set()
    used_axes: set[str] = set()
    for i, activity in enumerate(roadmap.activities):
        used_axes.add(activity.axis)
        used_agencies.update(activity.responsible)
        _activity_findings(roadmap, f"activities[{i}]", activity, add)
    for i, axis in enumerate(roadmap.axes):
        if axis.id not in used_axes:
            add(Problem(f"axes[{i}]", f"axis {axis.id!r} has no activities"))
    for i, agency in enumerate(roadmap.agencies):
        if agency.id not in used_agencies:
            add(Problem(f"agencies[{i}]", f"agency {agency.id!r} is responsible for no activity"))
    return tuple(found)


def _activity_findings(roadmap: Roadmap, here: str, activity: Activity, add: _Add) -> None:
    """The findings about one activity (at path ``here``): its dates, agencies and progress."""
    period = roadmap.period
    if activity.start is not None and activity.start < period.start:
        add(
            Problem(
                f"{here}.start",
                f"activity {activity.id!r} starts on {activity.start}, before the roadmap's "
                f"period {_span(period)}",
            )
        )
    if activity.due is not None and activity.due > period.end:
        add(
            Problem(
                f"{here}.due",
                f"activity {activity.id!r} is due on {activity.due}, after the roadmap's "
                f"period {_span(period)}",
            )
        )
    if activity.due is not None and activity.depends_on:
        for j, prerequisite_id in enumerate(activity.depends_on):
            prerequisite_due = roadmap.activity(prerequisite_id).due
            if prerequisite_due is not None and activity.due < prerequisite_due:
                add(
                    Problem(
                        f"{here}.depends_on[{j}]",
                        f"activity {activity.id!r} is due on {activity.due}, before its "
                        f"prerequisite {prerequisite_id!r} is due on {prerequisite_due}",
                    )
                )
    if not activity.responsible:
        add(Problem(f"{here}.responsible", f"activity {activity.id!r} has no responsible agency"))
    _progress_findings(here, activity, add)


def _progress_findings(here: str, activity: Activity, add: _Add) -> None:
    """A finding when the status and the progress of an activity disagree."""
    progress = activity.progress
    if progress is None:
        return
    if activity.status is Status.COMPLETED and progress < 1.0:
        add(
            Problem(
                f"{here}.progress",
                f"activity {activity.id!r} is completed, but its progress is "
                f"{progress!r} (below 1)",
            )
        )
    elif activity.status is Status.NOT_STARTED and progress > 0.0:
        add(
            Problem(
                f"{here}.progress",
                f"activity {activity.id!r} is not started, but its progress is "
                f"{progress!r} (above 0)",
            )
        )


def _span(period: Period) -> str:
    return f"{period.start}..{period.end}"


def validate(roadmap: Roadmap) -> tuple[Problem, ...]:
    """Deprecated alias of :func:`coopframe.findings`; it will be removed in the next release.

    It returns only soft findings (a roadmap that exists already obeys every hard rule), so it
    was renamed for what it returns.

    Warns
    -----
    DeprecationWarning
        Always: call :func:`coopframe.findings` instead.
    """
    warnings.warn(
        "coopframe.validate() is deprecated and will be removed in the next release: "
        "it returns soft findings only; call coopframe.findings() instead",
        DeprecationWarning,
        stacklevel=2,
    )
    return findings(roadmap)
