"""The agencies, coloured by party, joined by the activities they share."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from coopframe import graph as _graph
from coopframe.exceptions import InvalidParameterError
from coopframe.model import AgencyKind, Roadmap
from coopframe.plot._style import (
    _ALERT,
    _INK,
    _LITERAL,
    _MUTED,
    _canvas,
    _check_roadmap,
    _literal_legend,
    _palette,
    _require,
    _titles,
    _wrap,
)
from coopframe.scoring import CoordinationDetail, coordination_detail

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


Layout = Literal["spring", "shell", "circular", "party"]

LAYOUTS: Final[tuple[str, ...]] = ("spring", "shell", "circular", "party")
"""The layouts :func:`agency_network_figure` draws.

``spring``: force-directed (Fruchterman–Reingold, seeded), agencies that share more activities
pulled closer; ``shell``: one ring per party; ``circular``: every agency on one circle, grouped
by party; ``party``: one column per party, so every cross-border tie runs across.
"""


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
