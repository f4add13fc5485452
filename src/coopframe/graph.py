"""networkx views of a roadmap: pure builders of plain graphs.

Four pure builders turn a :class:`~coopframe.model.Roadmap` into a plain networkx graph (never a
subclass), built anew on each call:

- :func:`dependency_graph`: activities and the dependencies between them (a DAG);
- :func:`responsibility_graph`: agencies and the activities they are responsible for (bipartite);
- :func:`agency_network`: agencies joined when they share an activity;
- :func:`roadmap_graph`: parties, agencies, axes and activities with typed edges.

Node keys are the roadmap's own ids where a graph holds one kind of node
(:func:`dependency_graph`: activity ids; :func:`agency_network`: agency ids). Where a graph holds
several kinds, ids of different kinds may be equal, so keys carry the kind as a prefix:
``"party:BOL"``, ``"agency:PNP"``, ``"axis:prev"``, ``"activity:A1"``; the bare id is the node's
``id`` attribute and the kind its ``kind`` attribute. Nodes and edges are added in document
order.

Graph values are Python values: dates stay :class:`datetime.date`, tuples stay tuples, missing
values are ``None``. Graph files (GraphML, GEXF, node-link JSON, DOT, Mermaid) are written by
:mod:`coopframe.io` (:func:`~coopframe.io.write_graph`, :func:`~coopframe.io.graph_bytes`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx

from coopframe._util import gc_paused

if TYPE_CHECKING:
    from coopframe.model import Activity, Roadmap

__all__ = [
    "agency_network",
    "dependency_graph",
    "responsibility_graph",
    "roadmap_graph",
]


def dependency_graph(roadmap: Roadmap) -> nx.DiGraph[str]:
    """The activities of a roadmap and the dependencies between them.

    Parameters
    ----------
    roadmap
        Any roadmap. Its dependencies have no cycle, so the graph is a DAG.

    Returns
    -------
    networkx.DiGraph
        One node per activity, keyed by activity id, in document order, with attributes:

        - ``kind``: ``"activity"``;
        - ``title``, ``axis`` (axis id), ``status`` (the :class:`~coopframe.model.Status` value,
          such as ``"completed"``);
        - ``start``, ``due``: :class:`datetime.date` or ``None``;
        - ``weight``: float; ``progress``: float in [0, 1] or ``None``;
        - ``parties``: sorted tuple of the ids of the parties whose agencies are responsible;
        - ``responsible``: tuple of the responsible agencies' ids, in document order;
        - ``lead``: the lead agency's id, or ``None``.

        An edge runs from each prerequisite to the activity that depends on it, with
        ``kind="depends_on"``. The graph attribute ``roadmap`` is the roadmap's id.

    See Also
    --------
    roadmap_graph : the same activities with their agencies, axes and parties.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="FGE", name="Fiscalía General del Estado", party="BOL"),
    ...         cf.Agency(id="PNP", name="Policía Nacional del Perú", party="PER"),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación y sanción"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Protocol", axis="inv", responsible=("FGE", "PNP")),
    ...         cf.Activity(id="A2", title="Joint team", axis="inv", depends_on=("A1",)),
    ...     ),
    ... )
    >>> graph = cf.graph.dependency_graph(road)
    >>> list(graph.edges(data="kind"))
    [('A1', 'A2', 'depends_on')]
    >>> graph.nodes["A1"]["parties"], graph.nodes["A1"]["status"]
    (('BOL', 'PER'), 'unknown')
    """
    with gc_paused():
        party_of: dict[str, str] = {agency.id: agency.party for agency in roadmap.agencies}
        graph: nx.DiGraph[str] = nx.DiGraph(roadmap=roadmap.id)
        graph.add_nodes_from(
            (activity.id, _activity_attributes(activity, party_of))
            for activity in roadmap.activities
        )
        graph.add_edges_from(
            (
                (prerequisite, activity.id)
                for activity in roadmap.activities
                for prerequisite in activity.depends_on
            ),
            kind="depends_on",
        )
        return graph


def responsibility_graph(roadmap: Roadmap) -> nx.Graph[str]:
    """Agencies and the activities they are responsible for, as a bipartite graph.

    Parameters
    ----------
    roadmap
        Any roadmap.

    Returns
    -------
    networkx.Graph
        Every agency (keyed ``"agency:<id>"``), then every activity (keyed ``"activity:<id>"``),
        each in document order; agencies without activities and activities without agencies
        are included. Agency nodes have ``kind="agency"``, ``id``, ``party``, ``agency_kind``
        (the :class:`~coopframe.model.AgencyKind` value), ``name``, ``acronym`` (or ``None``)
        and ``bipartite=0``; activity nodes have ``kind="activity"``, ``id``, ``title``,
        ``axis``, ``status`` (the :class:`~coopframe.model.Status` value) and ``bipartite=1``.
        An edge joins an agency to each activity it is responsible for, with ``lead``: whether
        it is the activity's lead agency. The graph attribute ``roadmap`` is the roadmap's id.

    See Also
    --------
    agency_network : the projection of this graph onto its agencies.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="FGE", name="Fiscalía General del Estado", party="BOL"),
    ...         cf.Agency(id="PNP", name="Policía Nacional del Perú", party="PER"),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación y sanción"),),
    ...     activities=(
    ...         cf.Activity(
    ...             id="A1", title="Protocol", axis="inv", responsible=("FGE", "PNP"), lead="PNP"
    ...         ),
    ...     ),
    ... )
    >>> graph = cf.graph.responsibility_graph(road)
    >>> sorted(graph.edges(data="lead"))
    [('agency:FGE', 'activity:A1', False), ('agency:PNP', 'activity:A1', True)]
    >>> graph.nodes["agency:PNP"]["bipartite"], graph.nodes["activity:A1"]["bipartite"]
    (0, 1)
    """
    with gc_paused():
        graph: nx.Graph[str] = nx.Graph(roadmap=roadmap.id)
        graph.add_nodes_from(
            (
                _AGENCY + agency.id,
                {
                    "kind": "agency",
                    "id": agency.id,
                    "party": agency.party,
                    "agency_kind": agency.kind.value,
                    "name": agency.name,
                    "acronym": agency.acronym,
                    "bipartite": 0,
                },
            )
            for agency in roadmap.agencies
        )
        graph.add_nodes_from(
            (
                _ACTIVITY + activity.id,
                {
                    "kind": "activity",
                    "id": activity.id,
                    "title": activity.title,
                    "axis": activity.axis,
                    "status": activity.status.value,
                    "bipartite": 1,
                },
            )
            for activity in roadmap.activities
        )
        graph.add_edges_from(
            (_AGENCY + agency_id, _ACTIVITY + activity.id, {"lead": agency_id == activity.lead})
            for activity in roadmap.activities
            for agency_id in activity.responsible
        )
        return graph


def agency_network(roadmap: Roadmap) -> nx.Graph[str]:
    """Agencies joined when they share an activity: who has to work with whom.

    Parameters
    ----------
    roadmap
        Any roadmap.

    Returns
    -------
    networkx.Graph
        Every agency of the roadmap, keyed by agency id, in document order, including agencies
        that share no activity (isolated nodes), with attributes ``kind="agency"``, ``party``,
        ``agency_kind`` (the :class:`~coopframe.model.AgencyKind` value), ``name`` and
        ``acronym`` (or ``None``). Two agencies are joined when both are responsible for at
        least one activity; the edge has ``weight`` (int >= 1: how many activities they
        share), ``cross_border`` (whether they belong to different parties) and ``activities``
        (sorted tuple of the shared activities' ids). There are no self-loops. The graph
        attribute ``roadmap`` is the roadmap's id.

    Notes
    -----
    Building it takes time proportional to the sum, over activities, of the square of the
    number of responsible agencies.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="FGE", name="Fiscalía General del Estado", party="BOL"),
    ...         cf.Agency(id="PNP", name="Policía Nacional del Perú", party="PER"),
    ...         cf.Agency(id="MIGRA", name="Superintendencia Nacional de Migraciones",
    ...                   party="PER"),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación y sanción"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Protocol", axis="inv", responsible=("FGE", "PNP")),
    ...         cf.Activity(id="A2", title="Joint team", axis="inv", responsible=("PNP", "FGE")),
    ...     ),
    ... )
    >>> network = cf.graph.agency_network(road)
    >>> list(network)
    ['FGE', 'PNP', 'MIGRA']
    >>> network.edges["FGE", "PNP"]
    {'weight': 2, 'cross_border': True, 'activities': ('A1', 'A2')}
    """
    with gc_paused():
        party_of: dict[str, str] = {agency.id: agency.party for agency in roadmap.agencies}
        position = {agency.id: i for i, agency in enumerate(roadmap.agencies)}
        shared: dict[tuple[str, str], list[str]] = {}
        for activity in roadmap.activities:
            responsible = sorted(activity.responsible, key=position.__getitem__)
            for i, first in enumerate(responsible):
                for second in responsible[i + 1 :]:
                    shared.setdefault((first, second), []).append(activity.id)
        graph: nx.Graph[str] = nx.Graph(roadmap=roadmap.id)
        graph.add_nodes_from(
            (
                agency.id,
                {
                    "kind": "agency",
                    "party": agency.party,
                    "agency_kind": agency.kind.value,
                    "name": agency.name,
                    "acronym": agency.acronym,
                },
            )
            for agency in roadmap.agencies
        )
        graph.add_edges_from(
            (
                first,
                second,
                {
                    "weight": len(activities),
                    "cross_border": party_of[first] != party_of[second],
                    "activities": tuple(sorted(activities)),
                },
            )
            for (first, second), activities in shared.items()
        )
        return graph


def roadmap_graph(roadmap: Roadmap) -> nx.MultiDiGraph[str]:
    """The whole roadmap as one typed graph: parties, agencies, axes and activities.

    Parameters
    ----------
    roadmap
        Any roadmap.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes, each kind in document order: parties, agencies, axes, then activities, keyed
        ``"party:<id>"``, ``"agency:<id>"``, ``"axis:<id>"`` and ``"activity:<id>"``. Every node
        has ``kind`` (``"party"``, ``"agency"``, ``"axis"`` or ``"activity"``) and ``id`` (the
        bare id). Parties also have ``name``; agencies ``name``, ``party``, ``agency_kind`` and
        ``acronym``; axes ``name`` and ``pillars`` (tuple of
        :class:`~coopframe.model.Pillar` values); activities the attributes of
        :func:`dependency_graph` nodes.

        Edges are keyed by their ``kind`` attribute:

        - ``"belongs_to"``: agency → its party;
        - ``"in_axis"``: activity → its axis;
        - ``"responsible"``: agency → activity, with ``lead`` (bool);
        - ``"depends_on"``: prerequisite activity → dependent activity.

        The graph attribute ``roadmap`` is the roadmap's id.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(cf.Agency(id="PNP", name="Policía Nacional del Perú", party="PER"),),
    ...     axes=(cf.Axis(id="prev", name="Prevención", pillars=(cf.Pillar.PREVENTION,)),),
    ...     activities=(
    ...         cf.Activity(
    ...             id="A1", title="Campaign", axis="prev", responsible=("PNP",), lead="PNP"
    ...         ),
    ...     ),
    ... )
    >>> graph = cf.graph.roadmap_graph(road)
    >>> list(graph)
    ['party:BOL', 'party:PER', 'agency:PNP', 'axis:prev', 'activity:A1']
    >>> for edge in graph.edges(keys=True):
    ...     print(edge)
    ('agency:PNP', 'party:PER', 'belongs_to')
    ('agency:PNP', 'activity:A1', 'responsible')
    ('activity:A1', 'axis:prev', 'in_axis')
    >>> graph.nodes["axis:prev"]["pillars"]
    ('prevention',)
    """
    with gc_paused():
        party_of: dict[str, str] = {agency.id: agency.party for agency in roadmap.agencies}
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(roadmap=roadmap.id)
        graph.add_nodes_from(_roadmap_nodes(roadmap, party_of))
        graph.add_edges_from(_roadmap_edges(roadmap))
        return graph


def _roadmap_nodes(
    roadmap: Roadmap, party_of: Mapping[str, str]
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The nodes of :func:`roadmap_graph`: parties, agencies, axes, activities, in order."""
    yield from (
        (_PARTY + party.id, {"kind": "party", "id": party.id, "name": party.name})
        for party in roadmap.parties
    )
    yield from (
        (
            _AGENCY + agency.id,
            {
                "kind": "agency",
                "id": agency.id,
                "name": agency.name,
                "party": agency.party,
                "agency_kind": agency.kind.value,
                "acronym": agency.acronym,
            },
        )
        for agency in roadmap.agencies
    )
    yield from (
        (
            _AXIS + axis.id,
            {
                "kind": "axis",
                "id": axis.id,
                "name": axis.name,
                "pillars": tuple(pillar.value for pillar in axis.pillars),
            },
        )
        for axis in roadmap.axes
    )
    yield from (
        (
            _ACTIVITY + activity.id,
            {"id": activity.id, **_activity_attributes(activity, party_of)},
        )
        for activity in roadmap.activities
    )


def _roadmap_edges(roadmap: Roadmap) -> Iterable[Any]:
    """The ``(u, v, key, data)`` edges of :func:`roadmap_graph`, in order."""
    # Typed as Any: the networkx stubs only type the unkeyed forms of edges.
    return itertools.chain(
        (
            (_AGENCY + agency.id, _PARTY + agency.party, "belongs_to", {"kind": "belongs_to"})
            for agency in roadmap.agencies
        ),
        (
            (_ACTIVITY + activity.id, _AXIS + activity.axis, "in_axis", {"kind": "in_axis"})
            for activity in roadmap.activities
        ),
        (
            (
                _AGENCY + agency_id,
                _ACTIVITY + activity.id,
                "responsible",
                {"kind": "responsible", "lead": agency_id == activity.lead},
            )
            for activity in roadmap.activities
            for agency_id in activity.responsible
        ),
        (
            (
                _ACTIVITY + prerequisite,
                _ACTIVITY + activity.id,
                "depends_on",
                {"kind": "depends_on"},
            )
            for activity in roadmap.activities
            for prerequisite in activity.depends_on
        ),
    )


_PARTY = "party:"
_AGENCY = "agency:"
_AXIS = "axis:"
_ACTIVITY = "activity:"


def _activity_attributes(activity: Activity, party_of: Mapping[str, str]) -> dict[str, Any]:
    """The node attributes of an activity, shared by the graphs that hold activities."""
    return {
        "kind": "activity",
        "title": activity.title,
        "axis": activity.axis,
        "status": activity.status.value,
        "start": activity.start,
        "due": activity.due,
        "weight": float(activity.weight),
        "progress": None if activity.progress is None else float(activity.progress),
        "parties": tuple(sorted({party_of[agency_id] for agency_id in activity.responsible})),
        "responsible": activity.responsible,
        "lead": activity.lead,
    }
