"""Figures of a roadmap and its evaluation, drawn with matplotlib.

Needs the ``plot`` extra (``pip install "coopframe[plot]"``); without it each function raises
:class:`~coopframe.exceptions.OptionalDependencyError`. matplotlib is imported only when a
function is called.

Each function returns a :class:`matplotlib.figure.Figure`. Without ``ax`` it makes a new figure
of its own, built with the object-oriented API and never registered with :mod:`matplotlib.pyplot`:
nothing is shown, no display is needed, and the figure is freed like any Python object once it
is no longer referenced. Save it with ``fig.savefig("file.svg")`` (or ``.png``, ``.pdf``). With
``ax``, the function draws on that axes and returns the figure that holds it, so plots can be
combined in a grid of your own.

- :func:`axis_compliance_figure`: the compliance rate of each strategic axis, against the overall
  rate;
- :func:`agency_network_figure`: the agencies, coloured by party, joined by the activities they
  share;
- :func:`timeline_figure`: the activities on a calendar, with their dependencies, the roadmap's
  period and the status date;
- :func:`scores_figure`: every score of an evaluation, with the composite.

Colours come from the Okabe–Ito palette, which readers with the common colour vision
deficiencies can tell apart (past eight parties or axes, matplotlib's ``tab20``). Parties are
coloured in the order of their ids and axes in the roadmap's order, so a figure does not depend
on the order of the roadmap's lists (but for the vertical order of :func:`timeline_figure`'s rows,
which follows the axes, then the activities, as the document lists them). Layouts are seeded.

All text is drawn as written: titles, tick labels, legends, annotations and notes are never read
as mathtext or TeX (``parse_math=False``, ``usetex=False``), so a roadmap titled ``$x^$`` shows
those four characters, whatever the ``text.parse_math`` and ``text.usetex`` settings (only the
numbers of the value and date axes follow them).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from coopframe import graph as _graph
from coopframe._optional import require
from coopframe.exceptions import InvalidParameterError
from coopframe.model import AgencyKind, Counting, Roadmap, Status
from coopframe.scoring import (
    ComplianceDetail,
    CoordinationDetail,
    Evaluation,
    GroupCompliance,
    check_counting,
    compliance_detail,
    coordination_detail,
    schedule_detail,
)

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "LAYOUTS",
    "agency_network_figure",
    "axis_compliance_figure",
    "scores_figure",
    "timeline_figure",
]

Layout = Literal["spring", "shell", "circular", "party"]

LAYOUTS: Final[tuple[str, ...]] = ("spring", "shell", "circular", "party")
"""The layouts :func:`agency_network_figure` draws.

``spring``: force-directed (Fruchterman–Reingold, seeded), agencies that share more activities
pulled closer; ``shell``: one ring per party; ``circular``: every agency on one circle, grouped
by party; ``party``: one column per party, so every cross-border tie runs across.
"""

_OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#999999",  # grey
    "#F0E442",  # yellow
)
_ALERT: Final = "#C00000"
_INK: Final = "#222222"
_MUTED: Final = "#666666"


# Public functions ------------------------------------------------------------------------------


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


def agency_network_figure(
    roadmap: Roadmap,
    *,
    layout: Layout = "spring",
    seed: int = 0,
    ax: Axes | None = None,
) -> Figure:
    """The agency network: agencies coloured by party, joined when they share activities.

    Parameters
    ----------
    roadmap
        Any roadmap.
    layout
        Where the agencies go, one of :data:`LAYOUTS`: ``"spring"`` (default), ``"shell"``,
        ``"circular"`` or ``"party"``. ``"spring"`` for networks of 500 agencies or more also
        needs SciPy.
    seed
        The seed of the ``"spring"`` layout: the same seed gives the same picture, whatever the
        order of the roadmap's lists.
    ax
        The axes to draw on; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        One node per agency of :func:`coopframe.graph.agency_network`, coloured by party and
        labelled with its acronym (else its name), with one line per tie: solid and dark
        across a border, dashed and light within a party, wider the more activities the two
        agencies share. Single points of failure (the articulation points of
        :func:`~coopframe.scoring.coordination_detail`) are ringed and named
        under the plot. The legend names the parties, then the kinds of ties.

    Raises
    ------
    OptionalDependencyError
        matplotlib is not installed.
    InvalidParameterError
        ``roadmap`` is not a roadmap, ``layout`` is not one of :data:`LAYOUTS`, or ``seed`` is
        not an integer.

    See Also
    --------
    coopframe.graph.agency_network : the graph drawn.
    coopframe.scoring.coordination_detail : its ties, components and brokers.

    Examples
    --------
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> fig = cf.plot.agency_network_figure(road, layout="party")
    >>> type(fig).__name__
    'Figure'
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['Bolivia', 'Perú', 'cross-border tie', 'tie within a party']
    """
    _require("agency_network_figure")
    function = "agency_network_figure"
    _check_roadmap(function, roadmap)
    if not isinstance(layout, str) or layout not in LAYOUTS:
        known = ", ".join(repr(name) for name in LAYOUTS)
        raise InvalidParameterError(
            f"The 'layout' parameter of {function} must be one of {known}. Got {layout!r} instead."
        )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidParameterError(
            f"The 'seed' parameter of {function} must be an integer. Got {seed!r} instead."
        )
    network = _graph.agency_network(roadmap)
    fig, axes = _canvas(function, ax, width=8.0, height=6.5)
    _draw_agency_network(axes, roadmap, network, layout, seed)
    return fig


def timeline_figure(
    roadmap: Roadmap,
    *,
    as_of: dt.date | None = None,
    ax: Axes | None = None,
) -> Figure:
    """A Gantt-like timeline of the activities, with their dependencies.

    Parameters
    ----------
    roadmap
        Any roadmap.
    as_of
        The status date to mark, and to judge which activities are overdue; default the
        roadmap's ``as_of`` (none is marked when both are ``None``).
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
    if as_of is not None and not isinstance(as_of, dt.date):
        raise InvalidParameterError(
            f"The 'as_of' parameter of {function} must be a date or None. Got {as_of!r} instead."
        )
    when = as_of if as_of is not None else roadmap.as_of
    rows = max(len(roadmap.activities), 1)
    fig, axes = _canvas(function, ax, width=11.0, height=2.6 + 0.34 * rows)
    _draw_timeline(axes, roadmap, when)
    return fig


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


# Shared helpers --------------------------------------------------------------------------------


def _require(function: str) -> None:
    require("matplotlib", extra="plot", feature=f"coopframe.plot.{function}()")


def _canvas(function: str, ax: object, *, width: float, height: float) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: a new pair, or the given axes and its root figure."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if ax is None:
        fig = Figure(figsize=(width, height), layout="constrained")
        return fig, fig.add_subplot()
    if not isinstance(ax, Axes):
        raise InvalidParameterError(
            f"The 'ax' parameter of {function} must be a matplotlib Axes or None. "
            f"Got {_short(ax)} instead."
        )
    parent: Any = ax.figure
    while not isinstance(parent, Figure):  # a SubFigure: climb to the figure that holds it
        parent = parent.figure
    return parent, ax


def _check_roadmap(function: str, roadmap: object) -> None:
    if not isinstance(roadmap, Roadmap):
        raise InvalidParameterError(
            f"The 'roadmap' parameter of {function} must be a Roadmap. "
            f"Got {_short(roadmap)} instead."
        )


def _short(value: object) -> str:
    """A value for an error message: its repr, or its type for a large object."""
    if isinstance(value, Roadmap):
        return f"the roadmap {value.id!r}"
    if isinstance(value, Evaluation):
        return f"an evaluation of {value.roadmap_id!r}"
    text = repr(value)
    return text if len(text) <= 80 else f"a {type(value).__name__}"


def _palette(count: int) -> list[str]:
    """``count`` distinct colours: Okabe–Ito up to eight, else tab20 (cycled past 20)."""
    if count <= len(_OKABE_ITO):
        return list(_OKABE_ITO[:count])
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["tab20"]
    return [to_hex(cmap(i % 20)) for i in range(count)]


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width)) or text


def _percent(rate: float) -> str:
    """``0.923 -> '92.3%'``, ``1.0 -> '100%'``."""
    text = f"{rate:.1%}"
    return text.replace(".0%", "%")


_LITERAL: Final[dict[str, Any]] = {"parse_math": False, "usetex": False}
"""Text properties that draw a text as written: no mathtext (``$x^$`` would not parse), no TeX."""


def _titles(axes: Axes, title: str, roadmap_id: str) -> None:
    axes.set_title(title, loc="left", fontweight="bold", **_LITERAL)
    axes.set_title(roadmap_id, loc="right", fontsize="small", color=_MUTED, **_LITERAL)


def _literal_legend(axes: Axes, **options: Any) -> None:
    """A legend whose labels and title are drawn as written."""
    legend = axes.legend(**options)
    for text in (*legend.get_texts(), legend.get_title()):
        text.update(_LITERAL)


# axis_compliance --------------------------------------------------------------------------------


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

    colours = _palette(len(groups))
    positions = list(range(len(groups)))
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
    axes.set_yticks(positions, [_wrap(label, 18) for label, _ in groups], **_LITERAL)
    axes.set_xlim(0.0, 1.0)
    bottom = len(groups) - 0.5 + 0.6  # a spare strip under the bars for the overall label
    axes.set_ylim(bottom, -0.6)
    axes.xaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    axes.set_xlabel(f"Compliance ({detail.counting.value} counting)", **_LITERAL)
    axes.grid(axis="x", color="0.88", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    overall = detail.rate
    if math.isnan(overall):
        axes.text(
            0.5,
            bottom - 0.3,
            "no activity counts: the overall rate is undefined",
            transform=label_transform,
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
    _titles(axes, "Compliance by axis", roadmap_id)


# agency_network ---------------------------------------------------------------------------------


def _draw_agency_network(
    axes: Axes, roadmap: Roadmap, network: nx.Graph[str], layout: str, seed: int
) -> None:
    party_ids = sorted(party.id for party in roadmap.parties)
    colour_of = dict(zip(party_ids, _palette(len(party_ids)), strict=True))
    position = _layout(network, party_ids, layout, seed)
    detail = coordination_detail(roadmap, network=network)
    fragile = list(detail.articulation_points)
    _draw_ties(axes, network, position, layout)
    _draw_agencies(axes, network, position, colour_of, fragile)
    _network_legend(axes, roadmap, colour_of, fragile)
    _network_note(axes, network, detail, fragile)
    axes.set_aspect("equal", adjustable="datalim")
    axes.margins(0.12)
    axes.autoscale_view()
    axes.set_axis_off()
    _titles(axes, "Agency network", roadmap.id)


def _draw_ties(
    axes: Axes, network: nx.Graph[str], position: Mapping[str, tuple[float, float]], layout: str
) -> None:
    """The ties: solid across borders, dashed within a party, as wide as the activities shared."""
    from matplotlib.collections import PathCollection

    edges = sorted(
        ((*_pair(u, v), data) for u, v, data in network.edges.data()), key=lambda e: e[:2]
    )
    heaviest = max((data.get("weight", 1) for _, _, data in edges), default=1)
    centre = (
        math.fsum(x for x, _ in position.values()) / max(len(position), 1),
        math.fsum(y for _, y in position.values()) / max(len(position), 1),
    )
    ties: dict[bool, tuple[list[Any], list[float]]] = {True: ([], []), False: ([], [])}
    for u, v, data in edges:
        cross = bool(data.get("cross_border"))
        # In columns, ties within a party would overlap along the column: bend them outwards.
        bend = 0.0 if cross or layout != "party" else 0.22
        paths, widths = ties[cross]
        paths.append(_tie_path(position[u], position[v], centre, bend))
        widths.append(0.8 + 3.7 * data.get("weight", 1) / heaviest)
    styles: dict[bool, dict[str, Any]] = {
        True: {
            "edgecolors": _INK,
            "linestyles": "solid",
            "alpha": 0.75,
            "gid": "cross-border-ties",
        },
        False: {
            "edgecolors": "0.55",
            "linestyles": (0, (4, 2)),
            "alpha": 0.9,
            "gid": "domestic-ties",
        },
    }
    for cross in (True, False):
        paths, widths = ties[cross]
        if paths:
            collection = PathCollection(
                paths, facecolors="none", linewidths=widths, zorder=1, **styles[cross]
            )
            collection.set_transform(axes.transData)
            axes.add_collection(collection)


def _draw_agencies(
    axes: Axes,
    network: nx.Graph[str],
    position: Mapping[str, tuple[float, float]],
    colour_of: Mapping[str, str],
    fragile: Sequence[str],
) -> None:
    """The agencies in their party's colour, single points of failure ringed, and their names."""
    nodes = sorted(network.nodes)
    points = [position[node] for node in nodes]
    axes.scatter(
        [x for x, _ in points],
        [y for _, y in points],
        s=260,
        c=[colour_of[network.nodes[node]["party"]] for node in nodes],
        edgecolors="white",
        linewidths=1.2,
        zorder=3,
        gid="agencies",
    )
    if fragile:
        axes.scatter(
            [position[node][0] for node in fragile],
            [position[node][1] for node in fragile],
            s=700,
            facecolors="none",
            edgecolors=_ALERT,
            linewidths=2.2,
            zorder=2,
            gid="single-points-of-failure",
        )
    for node in nodes:
        data = network.nodes[node]
        label = data.get("acronym") or _wrap(str(data.get("name") or node), 16)
        axes.annotate(
            label,
            position[node],
            xytext=(0, 11),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8.5,
            color=_INK,
            zorder=4,
            bbox={
                "boxstyle": "round,pad=0.15",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.8,
            },
            gid="agency-label",
            **_LITERAL,
        )


def _network_legend(
    axes: Axes, roadmap: Roadmap, colour_of: Mapping[str, str], fragile: Sequence[str]
) -> None:
    from matplotlib.lines import Line2D

    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=10,
            color=colour_of[party.id],
            label=party.name,
        )
        for party in sorted(roadmap.parties, key=lambda party: party.id)
    ]
    handles.append(Line2D([], [], color=_INK, linewidth=2.5, label="cross-border tie"))
    handles.append(
        Line2D(
            [], [], color="0.55", linewidth=1.5, linestyle=(0, (4, 2)), label="tie within a party"
        )
    )
    if fragile:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=14,
                markerfacecolor="none",
                markeredgecolor=_ALERT,
                markeredgewidth=2,
                label="single point of failure",
            )
        )
    _literal_legend(
        axes,
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize="small",
    )


def _network_note(
    axes: Axes, network: nx.Graph[str], detail: CoordinationDetail, fragile: Sequence[str]
) -> None:
    nodes = network.nodes
    names = ", ".join(
        network.nodes[node].get("acronym") or str(network.nodes[node].get("name") or node)
        for node in fragile
    )
    note = (
        f"{network.number_of_nodes()} agencies, {detail.ties} ties "
        f"({detail.cross_border_ties} cross-border); line width: activities shared.\n"
        f"Single points of failure: {names or 'none'}."
    )
    if not nodes:
        note = "No agencies."
    axes.text(
        0.0,
        -0.02,
        note,
        transform=axes.transAxes,
        va="top",
        ha="left",
        fontsize="small",
        color=_MUTED,
        gid="network-note",
        **_LITERAL,
    )


def _layout(
    network: nx.Graph[str], party_ids: Sequence[str], layout: str, seed: int
) -> dict[str, tuple[float, float]]:
    """Node positions, computed on a copy with nodes and edges in sorted order.

    Within a party, agencies go by kind (in :class:`~coopframe.model.AgencyKind` order), then
    by id, so that counterparts (police and police) face each other in the ``party`` layout.
    """
    import networkx as nx

    kinds = {node: str(network.nodes[node].get("agency_kind")) for node in network.nodes}
    canonical: nx.Graph[str] = nx.Graph()
    for node in sorted(network.nodes):
        canonical.add_node(node, party=network.nodes[node]["party"])
    canonical.add_edges_from(
        sorted(
            (
                (*_pair(u, v), {"weight": weight})
                for u, v, weight in network.edges.data("weight", default=1)
            ),
            key=lambda e: e[:2],
        )
    )
    if canonical.number_of_nodes() == 0:
        return {}
    rank = {kind.value: i for i, kind in enumerate(AgencyKind)}
    by_kind = sorted(canonical, key=lambda node: (rank.get(kinds[node], len(rank)), node))
    groups = [
        [node for node in by_kind if canonical.nodes[node]["party"] == party] for party in party_ids
    ]
    groups = [group for group in groups if group]
    raw: Mapping[str, Any]
    if layout == "spring":
        raw = nx.spring_layout(canonical, seed=seed, weight="weight")
    elif layout == "shell":
        raw = nx.shell_layout(canonical, nlist=groups)
    elif layout == "circular":
        ordered: nx.Graph[str] = nx.Graph()
        ordered.add_nodes_from(node for group in groups for node in group)
        raw = nx.circular_layout(ordered)
    else:
        raw = _column_layout(groups)
    return {node: (float(xy[0]), float(xy[1])) for node, xy in raw.items()}


def _column_layout(groups: Sequence[Sequence[str]]) -> dict[str, tuple[float, float]]:
    """One column per party, left to right; agencies evenly spaced, top to bottom."""
    position: dict[str, tuple[float, float]] = {}
    tallest = max((len(group) for group in groups), default=1)
    spacing = max(1.0, 0.9 * (tallest - 1))  # columns about as far apart as they are tall
    for column, group in enumerate(groups):
        offset = (tallest - len(group)) / 2
        for row, node in enumerate(group):
            position[node] = (column * spacing, float(-(row + offset)))
    return position


def _tie_path(
    start: tuple[float, float], stop: tuple[float, float], centre: tuple[float, float], bend: float
) -> Any:
    """A straight tie, or one bent away from ``centre`` by ``bend`` times its length."""
    from matplotlib.path import Path

    if not bend:
        return Path([start, stop])
    (x0, y0), (x1, y1) = start, stop
    middle = ((x0 + x1) / 2, (y0 + y1) / 2)
    normal = (y0 - y1, x1 - x0)  # perpendicular, as long as the tie
    outwards = (middle[0] - centre[0]) * normal[0] + (middle[1] - centre[1]) * normal[1]
    sign = -1.0 if outwards < 0 else 1.0
    control = (middle[0] + sign * bend * normal[0], middle[1] + sign * bend * normal[1])
    return Path([start, control, stop], [Path.MOVETO, Path.CURVE3, Path.CURVE3])


def _pair(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u <= v else (v, u)


# timeline ---------------------------------------------------------------------------------------

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


# scores -----------------------------------------------------------------------------------------


def _draw_scores(axes: Axes, evaluation: Evaluation) -> None:
    from matplotlib.patches import Patch

    def family(name: str) -> str:
        scorer = evaluation.scorer(name)
        return scorer.family if scorer is not None else "other"

    names = sorted(evaluation.scores, key=lambda name: (family(name), name))
    families = sorted({family(name) for name in names})
    colour_of = dict(zip(families, _palette(len(families)), strict=True))
    values = [evaluation.scores[name] for name in names]
    positions = list(range(len(names)))
    axes.barh(
        positions,
        [0.0 if math.isnan(value) else value for value in values],
        height=0.65,
        color=[colour_of[family(name)] for name in names],
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
    axes.set_yticks(positions, names, fontsize="small", **_LITERAL)
    axes.set_xlim(0.0, 1.0)
    axes.set_ylim(len(names) - 0.5 + 0.8, -0.6)
    axes.set_xlabel("Score (higher is better)", **_LITERAL)
    axes.grid(axis="x", color="0.88", linewidth=0.8)
    axes.set_axisbelow(True)
    axes.spines[["top", "right"]].set_visible(False)
    composite = evaluation.composite
    if not math.isnan(composite.value):
        axes.axvline(composite.value, color=_INK, linestyle="--", linewidth=1.2, gid="composite")
        axes.text(
            composite.value,
            len(names) - 0.5 + 0.4,
            f" composite ({composite.profile}) {composite.value:.2f} ",
            ha="right" if composite.value > 0.5 else "left",
            va="center",
            fontsize="small",
            gid="composite-label",
            **_LITERAL,
        )
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
