"""The compliance rate of each strategic axis, against the overall rate."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coopframe.exceptions import InvalidParameterError
from coopframe.model import Counting, Roadmap
from coopframe.plot._style import (
    _INK,
    _LITERAL,
    _MUTED,
    _canvas,
    _palette,
    _percent,
    _require,
    _short,
    _titles,
    _wrap,
)
from coopframe.scoring import (
    ComplianceDetail,
    Evaluation,
    GroupCompliance,
    check_counting,
    compliance_detail,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def axis_compliance_figure(
    evaluation_or_roadmap: Evaluation | Roadmap,
    *,
    counting: Counting | str | None = None,
    roadmap: Roadmap | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The compliance rate of each strategic axis, as horizontal bars on a 0–100% scale.

    Parameters
    ----------
    evaluation_or_roadmap
        A roadmap, whose compliance is computed here
        (:func:`~coopframe.scoring.compliance_detail`), or an evaluation from
        :func:`coopframe.evaluate`, whose compliance detail is drawn as it is.
    counting
        The counting rule: ``"strict"``, ``"partial"`` or ``"lenient"`` (a
        :class:`~coopframe.model.Counting` or its value). ``None`` (the default) means
        ``"strict"`` for a roadmap, and the evaluation's own rule for an evaluation, which can
        only be drawn under that rule.
    roadmap
        With an evaluation: the roadmap it evaluated, so that axes are labelled by name and
        drawn in the roadmap's order. Without it an evaluation's axes are labelled by id, in the
        order of their ids. Must be ``None`` when a roadmap is drawn.
    ax
        The axes to draw on; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per axis of the roadmap, top to bottom, coloured by axis, its length the axis's
        rate (higher is better), with the rate and ``met of counted`` weight beside it. An axis
        with no counted activity (its rate is ``nan``) has an empty bar and says so. A dashed
        vertical line marks the overall rate.

    Raises
    ------
    OptionalDependencyError
        matplotlib is not installed.
    InvalidParameterError
        An argument has a type or value outside those listed, or ``roadmap`` is not the
        evaluated roadmap.

    See Also
    --------
    coopframe.scoring.compliance_detail : the numbers drawn.

    Examples
    --------
    >>> fig = cf.plot.axis_compliance_figure(cf.datasets.load("bolivia-peru-2021-2022"))
    >>> type(fig).__name__
    'Figure'
    >>> [label.get_text().replace("\\n", " ") for label in fig.axes[0].get_yticklabels()]
    ['Planificación y monitoreo', 'Prevención', 'Atención y protección', 'Investigación y sanción']
    >>> [round(float(bar.get_width()), 3) for bar in fig.axes[0].containers[0]]
    [1.0, 0.667, 1.0, 1.0]
    """
    _require("axis_compliance_figure")
    function = "axis_compliance_figure"
    if isinstance(evaluation_or_roadmap, Roadmap):
        if roadmap is not None:
            raise InvalidParameterError(
                f"The 'roadmap' parameter of {function} must be None when a roadmap is drawn. "
                f"Got {_short(roadmap)} instead."
            )
        rule = Counting.STRICT if counting is None else check_counting(counting, function)
        detail = compliance_detail(evaluation_or_roadmap, counting=rule)
        named: Roadmap | None = evaluation_or_roadmap
        roadmap_id = evaluation_or_roadmap.id
    elif isinstance(evaluation_or_roadmap, Evaluation):
        detail = evaluation_or_roadmap.compliance
        if counting is not None and check_counting(counting, function) is not detail.counting:
            raise InvalidParameterError(
                f"The 'counting' parameter of {function} must be None or "
                f"{detail.counting.value!r} (the evaluation's rule) when an evaluation is drawn; "
                f"draw the roadmap to use another rule. Got {counting!r} instead."
            )
        if roadmap is not None and (
            not isinstance(roadmap, Roadmap) or roadmap.id != evaluation_or_roadmap.roadmap_id
        ):
            raise InvalidParameterError(
                f"The 'roadmap' parameter of {function} must be None or the evaluated roadmap "
                f"(id {evaluation_or_roadmap.roadmap_id!r}). Got {_short(roadmap)} instead."
            )
        named = roadmap
        roadmap_id = evaluation_or_roadmap.roadmap_id
    else:
        raise InvalidParameterError(
            f"The 'evaluation_or_roadmap' parameter of {function} must be an Evaluation or a "
            f"Roadmap. Got {_short(evaluation_or_roadmap)} instead."
        )
    groups = _ordered_groups(detail, named)
    fig, axes = _canvas(function, ax, width=8.0, height=1.6 + 0.55 * max(len(groups), 1))
    _draw_axis_compliance(axes, detail, groups, named, roadmap_id)
    return fig


def _ordered_groups(
    detail: ComplianceDetail, roadmap: Roadmap | None
) -> list[tuple[str, GroupCompliance]]:
    """``(label, group)`` per axis: the roadmap's names and order when known, else ids."""
    if roadmap is None:
        return [(group.id, group) for group in detail.axes]
    by_id = {group.id: group for group in detail.axes}
    return [(axis.name, by_id[axis.id]) for axis in roadmap.axes if axis.id in by_id]


def _draw_axis_compliance(
    axes: Axes,
    detail: ComplianceDetail,
    groups: Sequence[tuple[str, GroupCompliance]],
    roadmap: Roadmap | None,
    roadmap_id: str,
) -> None:
    from matplotlib.ticker import PercentFormatter

    positions = list(range(len(groups)))
    _axis_bars(axes, groups, positions)
    axes.set_yticks(positions, [_wrap(label, 18) for label, _ in groups], **_LITERAL)
    axes.set_xlim(0.0, 1.0)
    bottom = len(groups) - 0.5 + 0.6  # a spare strip under the bars for the overall label
    axes.set_ylim(bottom, -0.6)
    axes.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    axes.set_xlabel(f"Compliance ({detail.counting.value} counting)", **_LITERAL)
    axes.grid(axis="x", color="0.88", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    _overall_rate(axes, detail.rate, bottom)
    _titles(axes, "Compliance by axis", roadmap_id)


def _axis_bars(
    axes: Axes, groups: Sequence[tuple[str, GroupCompliance]], positions: Sequence[int]
) -> None:
    """One bar per axis, with its rate and weights (or a note for an axis that counts none)."""
    colours = _palette(len(groups))
    widths = [0.0 if math.isnan(group.rate) else group.rate for _, group in groups]
    axes.barh(positions, widths, height=0.6, color=colours, edgecolor=_INK, linewidth=0.6)
    label_transform = axes.get_yaxis_transform()  # x in axes fraction, y in data
    for position, (_, group) in zip(positions, groups, strict=True):
        if math.isnan(group.rate):
            axes.text(
                0.01,
                position,
                "no counted activity",
                transform=label_transform,
                va="center",
                fontstyle="italic",
                color=_MUTED,
                gid="empty-axis-note",
                **_LITERAL,
            )
            figure = "n/a"
        else:
            figure = f"{_percent(group.rate)}  ({group.met_weight:g} of {group.counted_weight:g})"
        axes.text(
            1.02,
            position,
            figure,
            transform=label_transform,
            va="center",
            ha="left",
            clip_on=False,
            gid="axis-figure",
            **_LITERAL,
        )


def _overall_rate(axes: Axes, overall: float, bottom: float) -> None:
    """The overall rate as a dashed line labelled in the strip under the bars, or a note."""
    if math.isnan(overall):
        axes.text(
            0.5,
            bottom - 0.3,
            "no activity counts: the overall rate is undefined",
            transform=axes.get_yaxis_transform(),
            ha="center",
            va="center",
            fontstyle="italic",
            color=_MUTED,
            **_LITERAL,
        )
    else:
        axes.axvline(overall, color=_INK, linestyle="--", linewidth=1.2, gid="overall-rate")
        axes.text(
            overall,
            bottom - 0.3,
            f" overall {_percent(overall)} ",
            ha="right" if overall > 0.5 else "left",
            va="center",
            fontsize="small",
            color=_INK,
            gid="overall-label",
            **_LITERAL,
        )
