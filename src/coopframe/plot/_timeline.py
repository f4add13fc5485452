"""The activities on a calendar, with their dependencies, the period and the status date."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from coopframe._checks import as_date
from coopframe.model import Roadmap, Status
from coopframe.plot._style import (
    _ALERT,
    _LITERAL,
    _MUTED,
    _canvas,
    _check_roadmap,
    _literal_legend,
    _palette,
    _require,
    _titles,
)
from coopframe.scoring import schedule_detail

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def timeline_figure(
    roadmap: Roadmap,
    *,
    as_of: dt.date | str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """A Gantt-like timeline of the activities, with their dependencies.

    Parameters
    ----------
    roadmap
        Any roadmap.
    as_of
        The status date to mark, and to judge which activities are overdue; default the
        roadmap's ``as_of`` (none is marked when both are ``None``); a date or an ISO
        ``YYYY-MM-DD`` string.
    ax
        The axes to draw on; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        One row per activity, grouped by axis in the roadmap's order, labelled with its id and
        title. An activity with both dates is a bar from its start to the end of its due day,
        coloured by axis; its fill tells its status (solid: completed; hatched: in progress;
        outlined: not started; dotted: suspended; grey and crossed: cancelled; pale: unknown).
        An activity with a due date only is a diamond on it, one with a start date only a
        triangle on it, and an undated one is written "undated". Overdue activities (see
        :func:`~coopframe.scoring.schedule_detail`) have a red edge. Each dependency
        is an arrow from the end of the prerequisite to the start of the dependent activity
        (red when the dependent was completed out of sequence); an undated end is taken at the
        start of the period. Dashed vertical lines mark the roadmap's period (from its first
        day to the end of its last) and a red line the end of the status date.

    Raises
    ------
    OptionalDependencyError
        matplotlib is not installed.
    InvalidParameterError
        ``roadmap`` is not a roadmap or ``as_of`` is not a date.

    See Also
    --------
    coopframe.scoring.schedule_detail : overdue and out-of-sequence activities.

    Examples
    --------
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> fig = cf.plot.timeline_figure(road)
    >>> type(fig).__name__
    'Figure'
    >>> arrows = [p for p in fig.axes[0].patches if p.get_gid() == "dependency"]
    >>> len(arrows) == sum(len(activity.depends_on) for activity in road.activities)
    True
    """
    _require("timeline_figure")
    function = "timeline_figure"
    _check_roadmap(function, roadmap)
    chosen = as_date("as_of", as_of, function)
    when = chosen if chosen is not None else roadmap.as_of
    rows = max(len(roadmap.activities), 1)
    fig, axes = _canvas(function, ax, width=11.0, height=2.6 + 0.34 * rows)
    _draw_timeline(axes, roadmap, when)
    return fig


_ONE_DAY: Final = dt.timedelta(days=1)

# How each status fills an activity's bar: (fill alpha, hatch, edge line style); cancelled is grey.
_STATUS_STYLE: Final[Mapping[Status, tuple[float, str | None, str]]] = {
    Status.COMPLETED: (1.0, None, "solid"),
    Status.IN_PROGRESS: (0.45, "////", "solid"),
    Status.NOT_STARTED: (0.0, None, "solid"),
    Status.SUSPENDED: (0.3, "....", "solid"),
    Status.CANCELLED: (1.0, "xxx", "solid"),
    Status.UNKNOWN: (0.2, None, "dotted"),
}
_STATUS_LABEL: Final[Mapping[Status, str]] = {
    Status.COMPLETED: "completed",
    Status.IN_PROGRESS: "in progress",
    Status.NOT_STARTED: "not started",
    Status.SUSPENDED: "suspended",
    Status.CANCELLED: "cancelled",
    Status.UNKNOWN: "status unknown",
}


def _day(day: dt.date) -> float:
    """A date as a matplotlib date number (days since the epoch of :mod:`matplotlib.dates`)."""
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _bar_style(status: Status, colour: str) -> dict[str, Any]:
    from matplotlib.colors import to_rgba

    alpha, hatch, line = _STATUS_STYLE[status]
    if status is Status.CANCELLED:
        return {"facecolor": "0.88", "edgecolor": "0.45", "hatch": hatch, "linestyle": line}
    return {
        "facecolor": to_rgba(colour, alpha) if alpha else "white",
        "edgecolor": colour,
        "hatch": hatch,
        "linestyle": line,
    }


class _Rows:
    """The timeline's rows: activities grouped by axis, and where each bar begins and ends."""

    __slots__ = ("activities", "by_id", "period", "row")

    def __init__(self, roadmap: Roadmap, axis_rank: Mapping[str, int]) -> None:
        self.period = roadmap.period
        self.activities = sorted(
            roadmap.activities, key=lambda a: axis_rank.get(a.axis, len(axis_rank))
        )
        self.row = {activity.id: i for i, activity in enumerate(self.activities)}
        self.by_id = {activity.id: activity for activity in self.activities}

    def begin(self, activity_id: str) -> float:
        activity = self.by_id[activity_id]
        return _day(activity.start or activity.due or self.period.start)

    def end(self, activity_id: str) -> float:
        activity = self.by_id[activity_id]
        if activity.start is not None and activity.due is not None:
            return _day(activity.due + _ONE_DAY)
        return _day(activity.due or activity.start or self.period.start)


def _draw_timeline(axes: Axes, roadmap: Roadmap, when: dt.date | None) -> None:
    period = roadmap.period
    axis_rank = {axis.id: i for i, axis in enumerate(roadmap.axes)}
    rows = _Rows(roadmap, axis_rank)
    activities = rows.activities
    colour_of = dict(zip(axis_rank, _palette(len(axis_rank)), strict=True))
    schedule = schedule_detail(roadmap, as_of=when)
    overdue = set(schedule.overdue)
    out_of_sequence = set(schedule.violations)  # (activity, prerequisite)
    days = [period.start, period.end + _ONE_DAY]
    days += [day for a in activities for day in (a.start, a.due) if day is not None]
    if when is not None:
        days.append(when + _ONE_DAY)
    low, high = _day(min(days)), _day(max(days))
    margin = max((high - low) * 0.03, 5.0)
    _timeline_bars(axes, rows, colour_of, overdue, margin=margin, minimum=(high - low) * 0.004)
    _timeline_dependencies(axes, rows, out_of_sequence)
    _timeline_guides(axes, rows, when)
    _timeline_frame(axes, rows, low - margin, high + margin)
    _timeline_legend(axes, roadmap, rows, colour_of, overdue, out_of_sequence, when)
    _titles(axes, "Timeline", roadmap.id)


def _timeline_bars(
    axes: Axes,
    rows: _Rows,
    colour_of: Mapping[str, str],
    overdue: set[str],
    *,
    margin: float,
    minimum: float,
) -> None:
    """A bar per dated activity (at least ``minimum`` wide), a marker per half-dated one."""
    from matplotlib.patches import Rectangle

    period = rows.period
    for activity in rows.activities:
        y = rows.row[activity.id]
        colour = colour_of.get(activity.axis, _MUTED)
        late = activity.id in overdue
        edge = {"edgecolor": _ALERT, "linewidth": 2.0} if late else {"linewidth": 1.2}
        if activity.start is not None and activity.due is not None:
            left = _day(activity.start)
            width = max(rows.end(activity.id) - left, minimum)
            style = _bar_style(activity.status, colour) | edge
            axes.add_patch(
                Rectangle((left, y - 0.3), width, 0.6, zorder=2, gid="activity", **style)
            )
        elif (day := activity.due or activity.start) is not None:
            milestone = activity.due is not None
            done = activity.status is Status.COMPLETED
            axes.plot(
                [_day(day)],
                [y],
                marker="D" if milestone else ">",
                markersize=8,
                linestyle="",
                markerfacecolor=colour if done else "white",
                markeredgecolor=_ALERT if late else colour,
                markeredgewidth=2.0 if late else 1.5,
                zorder=3,
                gid="due-only" if milestone else "start-only",
            )
        else:
            axes.text(
                _day(period.start) + margin / 3,
                y,
                "undated",
                va="center",
                fontstyle="italic",
                fontsize="small",
                color=_MUTED,
                gid="undated",
                **_LITERAL,
            )


def _timeline_dependencies(axes: Axes, rows: _Rows, out_of_sequence: set[tuple[str, str]]) -> None:
    from matplotlib.patches import FancyArrowPatch

    for activity in rows.activities:
        for prerequisite in activity.depends_on:
            if prerequisite not in rows.row:
                continue
            broken = (activity.id, prerequisite) in out_of_sequence
            axes.add_patch(
                FancyArrowPatch(
                    (rows.end(prerequisite), rows.row[prerequisite]),
                    (rows.begin(activity.id), rows.row[activity.id]),
                    arrowstyle="-|>",
                    mutation_scale=9,
                    connectionstyle="arc3,rad=-0.15",
                    color=_ALERT if broken else "0.3",
                    linewidth=0.9,
                    shrinkA=1,
                    shrinkB=2,
                    zorder=4,
                    gid="dependency",
                )
            )


def _timeline_guides(axes: Axes, rows: _Rows, when: dt.date | None) -> None:
    """Lines between the axes' groups, at the period's bounds and at the status date."""
    activities, period = rows.activities, rows.period
    for boundary in range(1, len(activities)):
        if activities[boundary].axis != activities[boundary - 1].axis:
            axes.axhline(boundary - 0.5, color="0.8", linewidth=0.8, zorder=0)
    for day in (period.start, period.end + _ONE_DAY):
        axes.axvline(
            _day(day),
            color=_MUTED,
            linestyle="--",
            linewidth=1.0,
            zorder=1,
            gid="period",
        )
    if when is not None:
        axes.axvline(_day(when + _ONE_DAY), color=_ALERT, linewidth=1.5, zorder=5, gid="as-of")


def _timeline_frame(axes: Axes, rows: _Rows, left: float, right: float) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    activities = rows.activities
    axes.set_yticks(
        range(len(activities)),
        [f"{a.id}  {textwrap.shorten(a.title, width=46, placeholder=' …')}" for a in activities],
        fontsize="small",
        **_LITERAL,
    )
    axes.set_ylim(max(len(activities), 1) - 0.4, -0.6)
    axes.set_xlim(left, right)
    locator = AutoDateLocator()  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    axes.grid(axis="x", color="0.9", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    if not activities:
        axes.text(
            0.5,
            0.5,
            "No activities.",
            transform=axes.transAxes,
            ha="center",
            va="center",
            fontstyle="italic",
            color=_MUTED,
            **_LITERAL,
        )


def _timeline_legend(
    axes: Axes,
    roadmap: Roadmap,
    rows: _Rows,
    colour_of: Mapping[str, str],
    overdue: set[str],
    out_of_sequence: set[tuple[str, str]],
    when: dt.date | None,
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    activities = rows.activities
    handles: list[Any] = [
        Patch(facecolor=colour_of[axis.id], edgecolor=colour_of[axis.id], label=axis.name)
        for axis in roadmap.axes
    ]
    present = {activity.status for activity in activities}
    handles += [
        Patch(label=_STATUS_LABEL[status], **_bar_style(status, "0.35"))
        for status in Status
        if status in present
    ]
    if overdue:
        handles.append(Patch(facecolor="white", edgecolor=_ALERT, linewidth=2.0, label="overdue"))
    if any(a.depends_on for a in activities):
        handles.append(Line2D([], [], color="0.3", marker=">", markersize=5, label="dependency"))
    if out_of_sequence:
        handles.append(
            Line2D(
                [], [], color=_ALERT, marker=">", markersize=5, label="completed out of sequence"
            )
        )
    handles.append(Line2D([], [], color=_MUTED, linestyle="--", label="roadmap period"))
    if when is not None:
        handles.append(
            Line2D([], [], color=_ALERT, linewidth=1.5, label=f"as of {when.isoformat()}")
        )
    _literal_legend(
        axes,
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.06),
        ncol=4,
        frameon=False,
        fontsize="small",
    )
