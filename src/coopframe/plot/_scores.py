"""Every score of an evaluation, with the composite."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coopframe.exceptions import InvalidParameterError
from coopframe.plot._style import (
    _INK,
    _LITERAL,
    _MUTED,
    _canvas,
    _literal_legend,
    _palette,
    _require,
    _short,
    _titles,
)
from coopframe.scoring import Evaluation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def scores_figure(evaluation: Evaluation, *, ax: Axes | None = None) -> Figure:
    """Every score of an evaluation as a horizontal bar, with the composite.

    Parameters
    ----------
    evaluation
        An evaluation from :func:`coopframe.evaluate`.
    ax
        The axes to draw on; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        One bar per score of ``evaluation.scores``, grouped by family (the registry's, in the
        order of their names) and coloured by it, each bar's length the score in [0, 1]
        (higher is better), its value beside it; an undefined score (``nan``) has an empty bar
        marked "undefined". A dashed vertical line marks the composite.

    Raises
    ------
    OptionalDependencyError
        matplotlib is not installed.
    InvalidParameterError
        ``evaluation`` is not an evaluation.

    Examples
    --------
    >>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
    >>> fig = cf.plot.scores_figure(ev)
    >>> len(fig.axes[0].containers[0]) == len(ev.scores)
    True
    """
    _require("scores_figure")
    if not isinstance(evaluation, Evaluation):
        raise InvalidParameterError(
            "The 'evaluation' parameter of scores must be an Evaluation. "
            f"Got {_short(evaluation)} instead."
        )
    fig, axes = _canvas(
        "scores_figure", ax, width=8.0, height=1.8 + 0.3 * max(len(evaluation.scores), 1)
    )
    _draw_scores(axes, evaluation)
    return fig


def _draw_scores(axes: Axes, evaluation: Evaluation) -> None:
    from matplotlib.patches import Patch

    def family(name: str) -> str:
        scorer = evaluation.scorer(name)
        return scorer.family if scorer is not None else "other"

    names = sorted(evaluation.scores, key=lambda name: (family(name), name))
    families = sorted({family(name) for name in names})
    colour_of = dict(zip(families, _palette(len(families)), strict=True))
    _score_bars(axes, evaluation, names, [colour_of[family(name)] for name in names])
    axes.set_yticks(list(range(len(names))), names, fontsize="small", **_LITERAL)
    axes.set_xlim(0.0, 1.0)
    axes.set_ylim(len(names) - 0.5 + 0.8, -0.6)
    axes.set_xlabel("Score (higher is better)", **_LITERAL)
    axes.grid(axis="x", color="0.88", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    _composite_line(axes, evaluation, len(names))
    _literal_legend(
        axes,
        handles=[Patch(facecolor=colour_of[f], edgecolor=_INK, label=f) for f in families],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=3,
        frameon=False,
        fontsize="small",
        title="family",
        title_fontsize="small",
    )
    _titles(axes, "Scores", evaluation.roadmap_id)


def _score_bars(
    axes: Axes, evaluation: Evaluation, names: Sequence[str], colours: Sequence[str]
) -> None:
    """One bar per score, in ``names``' order, each with its value written after it."""
    values = [evaluation.scores[name] for name in names]
    positions = list(range(len(names)))
    axes.barh(
        positions,
        [0.0 if math.isnan(value) else value for value in values],
        height=0.65,
        color=list(colours),
        edgecolor=_INK,
        linewidth=0.5,
    )
    label_transform = axes.get_yaxis_transform()
    for position, value in zip(positions, values, strict=True):
        undefined = math.isnan(value)
        axes.text(
            1.02,
            position,
            "undefined" if undefined else f"{value:.2f}",
            transform=label_transform,
            va="center",
            fontsize="small",
            fontstyle="italic" if undefined else "normal",
            color=_MUTED if undefined else _INK,
            clip_on=False,
            gid="score-value",
            **_LITERAL,
        )


def _composite_line(axes: Axes, evaluation: Evaluation, rows: int) -> None:
    """The composite as a dashed line, labelled under the last bar (none when undefined)."""
    composite = evaluation.composite
    if not math.isnan(composite.value):
        axes.axvline(composite.value, color=_INK, linestyle="--", linewidth=1.2, gid="composite")
        axes.text(
            composite.value,
            rows - 0.5 + 0.4,
            f" composite ({composite.profile}) {composite.value:.2f} ",
            ha="right" if composite.value > 0.5 else "left",
            va="center",
            fontsize="small",
            gid="composite-label",
            **_LITERAL,
        )
