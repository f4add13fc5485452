"""networkx views of a roadmap, and their export to graph files and diagram text.

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
values are ``None``. The exporters convert them for each format without touching the graph they
are given:

- GraphML (:func:`networkx.write_graphml_xml`) and GEXF (:func:`networkx.write_gexf`): ``None``
  is dropped; dates become ISO strings; enums their values; tuples, lists, sets and mappings
  JSON text (``'["BOL", "PER"]'``, sets sorted);
- node-link JSON (:func:`to_node_link`): ``None`` stays ``null``; tuples and sets become lists;
- Mermaid (:func:`to_mermaid`) and Graphviz DOT (:func:`to_dot`): nodes and edges with labels
  only (a node's ``label``, ``name`` or ``title``, else its key; an edge's ``label`` or ``kind``).

Attribute names a format keeps for its own fields are written with a trailing underscore: in
GEXF, node ``id``, ``pid``, ``start``, ``end``, ``viz``, ``parents``, ``spells``, ``slices`` and
edge ``id``, ``key``, ``type``, ``start``, ``end``, ``viz``, ``spells``, ``slices`` and
``networkx_key`` (``label``, and an edge's ``weight``, keep their GEXF meaning); in node-link
JSON, node ``id`` and edge ``source``, ``target`` and ``key``. So the ``id`` attribute of
:func:`roadmap_graph` nodes is written as ``id_`` there. Output is deterministic: the same graph
gives the same bytes, and written text is UTF-8.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import itertools
import json
import numbers
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import networkx as nx

from coopframe._util import gc_paused, write_atomically
from coopframe.exceptions import InvalidParameterError

if TYPE_CHECKING:
    from coopframe.model import Activity, Roadmap

__all__ = [
    "GRAPH_FORMATS",
    "agency_network",
    "dependency_graph",
    "graph_bytes",
    "responsibility_graph",
    "roadmap_graph",
    "to_dot",
    "to_mermaid",
    "to_node_link",
    "write_graph",
]

GRAPH_FORMATS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "dot": (".dot", ".gv"),
        "gexf": (".gexf",),
        "graphml": (".graphml",),
        "json": (".json",),
        "mermaid": (".mmd",),
    }
)
"""The formats :func:`write_graph` writes, each with the file suffixes that select it.

``json`` is networkx's node-link JSON (:func:`to_node_link`); ``mermaid`` a Mermaid
``flowchart`` (:func:`to_mermaid`); ``dot`` Graphviz DOT text (:func:`to_dot`).
"""

_FORMAT_OF_SUFFIX = {
    suffix: name for name, suffixes in GRAPH_FORMATS.items() for suffix in suffixes
}


# Builders ---------------------------------------------------------------------------------------


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
        graph.add_nodes_from(
            (_PARTY + party.id, {"kind": "party", "id": party.id, "name": party.name})
            for party in roadmap.parties
        )
        graph.add_nodes_from(
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
        graph.add_nodes_from(
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
        graph.add_nodes_from(
            (
                _ACTIVITY + activity.id,
                {"id": activity.id, **_activity_attributes(activity, party_of)},
            )
            for activity in roadmap.activities
        )
        # (u, v, key, data) edges: the networkx stubs only type the unkeyed forms.
        edges: Iterable[Any] = itertools.chain(
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
        graph.add_edges_from(edges)
        return graph


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


# Exports ----------------------------------------------------------------------------------------


def to_node_link(graph: nx.Graph[Any]) -> dict[str, Any]:
    """A graph as networkx node-link data, ready for :func:`json.dumps`.

    Parameters
    ----------
    graph
        Any networkx graph; it is not modified.

    Returns
    -------
    dict
        :func:`networkx.node_link_data` of a converted copy, with edges under ``"edges"``
        (read it back with ``networkx.node_link_graph(data, edges="edges")``). Values are JSON
        values: dates become ISO strings, enums their values, tuples and sets lists (sets
        sorted), ``None`` stays ``None``. A node attribute named ``id``, or an edge attribute
        named ``source``, ``target`` or ``key``, is renamed with a trailing underscore
        (``id_``), since node-link data uses those names for the graph's structure.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Campaign", axis="prev", due=dt.date(2025, 6, 30)),
    ...     ),
    ... )
    >>> data = cf.graph.to_node_link(cf.graph.dependency_graph(road))
    >>> node = data["nodes"][0]
    >>> node["id"], node["due"], node["start"], node["parties"]
    ('A1', '2025-06-30', None, [])
    """
    with gc_paused():
        plain = _converted_copy(graph, _json_value, keep_none=True, reserved=_NODE_LINK_RESERVED)
        data: dict[str, Any] = nx.node_link_data(plain, edges="edges")
    return data


def to_mermaid(graph: nx.Graph[Any]) -> str:
    """A graph as a Mermaid ``flowchart``, left to right.

    Parameters
    ----------
    graph
        Any networkx graph; it is not modified.

    Returns
    -------
    str
        Mermaid text ending in a newline. Nodes are declared in graph order as ``n0``, ``n1``,
        ... with a quoted label: the node's ``label``, ``name`` or ``title`` attribute, else its
        key. Edges follow graph order (``-->`` when directed, ``---`` when not), labelled with
        the edge's ``label`` or ``kind`` attribute when it has one. Quotes, ``#``, ``<``, ``>``,
        backticks and ``|`` in labels are written as Mermaid entity codes (``#quot;``), and
        line breaks as spaces.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title='Campaign "Corazón Azul"', axis="prev"),
    ...         cf.Activity(id="A2", title="Evaluation", axis="prev", depends_on=("A1",)),
    ...     ),
    ... )
    >>> print(cf.graph.to_mermaid(cf.graph.dependency_graph(road)), end="")
    flowchart LR
        n0["Campaign #quot;Corazón Azul#quot;"]
        n1["Evaluation"]
        n0 -->|"depends_on"| n1
    """
    arrow = "-->" if graph.is_directed() else "---"
    lines = ["flowchart LR"]
    name_of: dict[Any, str] = {}
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        name_of[node] = f"n{i}"
        lines.append(f'    n{i}["{_mermaid_text(_node_label(node, data))}"]')
    for u, v, data in graph.edges(data=True):
        label = _edge_label(data)
        link = arrow if label is None else f'{arrow}|"{_mermaid_text(label)}"|'
        lines.append(f"    {name_of[u]} {link} {name_of[v]}")
    return "\n".join(lines) + "\n"


def to_dot(graph: nx.Graph[Any]) -> str:
    """A graph as Graphviz DOT text.

    Parameters
    ----------
    graph
        Any networkx graph; it is not modified.

    Returns
    -------
    str
        A ``digraph`` (directed graphs) or ``graph`` ending in a newline. Node ids are the
        quoted node keys, declared in graph order with a ``label``: the node's ``label``,
        ``name`` or ``title`` attribute, else its key. Edges follow graph order (``->`` or
        ``--``), with a ``label`` from the edge's ``label`` or ``kind`` attribute when it has
        one. Backslashes and quotes are escaped and line breaks written as ``\\n``; other
        attributes are not written.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title='Campaign "Corazón Azul"', axis="prev"),
    ...         cf.Activity(id="A2", title="Evaluation", axis="prev", depends_on=("A1",)),
    ...     ),
    ... )
    >>> print(cf.graph.to_dot(cf.graph.dependency_graph(road)), end="")
    digraph {
        "A1" [label="Campaign \\"Corazón Azul\\""];
        "A2" [label="Evaluation"];
        "A1" -> "A2" [label="depends_on"];
    }
    """
    directed = graph.is_directed()
    arrow = "->" if directed else "--"
    lines = ["digraph {" if directed else "graph {"]
    for node, data in graph.nodes(data=True):
        lines.append(
            f'    "{_dot_text(str(node))}" [label="{_dot_text(_node_label(node, data))}"];'
        )
    for u, v, data in graph.edges(data=True):
        label = _edge_label(data)
        attributes = "" if label is None else f' [label="{_dot_text(label)}"]'
        lines.append(f'    "{_dot_text(str(u))}" {arrow} "{_dot_text(str(v))}"{attributes};')
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_graph(
    graph: nx.Graph[Any], path: str | os.PathLike[str], *, format: str | None = None
) -> None:
    """Write a graph to a file, in a format chosen by name or by the file's suffix.

    Parameters
    ----------
    graph
        Any networkx graph, such as one built by :func:`roadmap_graph`; it is not modified.
    path
        The file to write (created or replaced).
    format
        One of the keys of :data:`GRAPH_FORMATS`: ``"graphml"``, ``"gexf"``, ``"json"``
        (node-link JSON), ``"dot"`` or ``"mermaid"``. ``None`` (the default) picks it from the
        suffix of ``path``: ``.graphml``, ``.gexf``, ``.json``, ``.dot`` or ``.gv``, ``.mmd``.

    Raises
    ------
    InvalidParameterError
        ``format`` is not a known format, or is ``None`` and the suffix selects none.
    DocumentFileError
        The file cannot be written.

    Notes
    -----
    GraphML is written by :func:`networkx.write_graphml_xml` and GEXF (version 1.2) by
    :func:`networkx.write_gexf`, from a converted copy of the graph (see the module
    documentation); the GEXF ``lastmodifieddate`` is left out so that the same graph always
    gives the same bytes. JSON is :func:`to_node_link` with sorted keys and an indent of 2. All
    text is UTF-8.

    Examples
    --------
    >>> import datetime as dt, pathlib, tempfile
    >>> import networkx as nx
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=(cf.Activity(id="A1", title="Campaign", axis="prev"),),
    ... )
    >>> graph = cf.graph.roadmap_graph(road)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder, "demo.graphml")
    ...     cf.graph.write_graph(graph, path)
    ...     sorted(nx.read_graphml(path))
    ['activity:A1', 'axis:prev', 'party:BOL', 'party:PER']
    """
    target = Path(path)
    if format is None:
        chosen = _FORMAT_OF_SUFFIX.get(target.suffix.lower())
        if chosen is None:
            suffixes = ", ".join(sorted(_FORMAT_OF_SUFFIX))
            raise InvalidParameterError(
                "The 'format' parameter of write_graph must be given when the path's suffix is "
                f"not one of {suffixes}. Got None with the path {str(target)!r} instead."
            )
    else:
        chosen = _check_graph_format(format, "write_graph", none_too=True)
    write_atomically(target, graph_bytes(graph, format=chosen))


def graph_bytes(graph: nx.Graph[Any], *, format: str) -> bytes:
    """A graph rendered in one of :data:`GRAPH_FORMATS`, as the bytes :func:`write_graph` writes.

    Parameters
    ----------
    graph
        Any networkx graph; it is not modified.
    format
        ``"graphml"``, ``"gexf"``, ``"json"``, ``"dot"`` or ``"mermaid"``.

    Raises
    ------
    InvalidParameterError
        ``format`` is not a known format.

    Examples
    --------
    >>> graph = cf.graph.agency_network(cf.datasets.load("bolivia-peru-2025-2026"))
    >>> cf.graph.graph_bytes(graph, format="mermaid").startswith(b"flowchart")
    True
    """
    chosen = _check_graph_format(format, "graph_bytes", none_too=False)
    with gc_paused():
        return _RENDERERS[chosen](graph)


def _check_graph_format(format: object, function: str, *, none_too: bool) -> str:
    if isinstance(format, str) and format in GRAPH_FORMATS:
        return format
    known = ", ".join(repr(name) for name in GRAPH_FORMATS) + (" or None" if none_too else "")
    raise InvalidParameterError(
        f"The 'format' parameter of {function} must be one of {known}. Got {format!r} instead."
    )


def _graphml_bytes(graph: nx.Graph[Any]) -> bytes:
    plain = _converted_copy(graph, _xml_value, keep_none=False, reserved=_GRAPHML_RESERVED)
    buffer = io.BytesIO()
    nx.write_graphml_xml(plain, buffer)
    return buffer.getvalue()


def _gexf_bytes(graph: nx.Graph[Any]) -> bytes:
    plain = _converted_copy(graph, _xml_value, keep_none=False, reserved=_GEXF_RESERVED)
    name = graph.graph.get("name")
    plain.graph = {"name": name} if isinstance(name, str) else {}
    buffer = io.BytesIO()
    nx.write_gexf(plain, buffer)
    return _LAST_MODIFIED.sub(b"", buffer.getvalue(), count=1)


def _json_bytes(graph: nx.Graph[Any]) -> bytes:
    text = json.dumps(to_node_link(graph), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


_RENDERERS: dict[str, Callable[[nx.Graph[Any]], bytes]] = {
    "dot": lambda graph: to_dot(graph).encode("utf-8"),
    "gexf": _gexf_bytes,
    "graphml": _graphml_bytes,
    "json": _json_bytes,
    "mermaid": lambda graph: to_mermaid(graph).encode("utf-8"),
}

_LAST_MODIFIED = re.compile(rb' lastmodifieddate="[^"]*"')

# Attribute names each format keeps for itself, by scope: graph, node, edge.
_Reserved = tuple[frozenset[str], frozenset[str], frozenset[str]]
_GRAPHML_RESERVED: _Reserved = (
    frozenset({"node_default", "edge_default"}),
    frozenset(),
    frozenset(),
)
_GEXF_RESERVED: _Reserved = (
    frozenset(),
    frozenset({"id", "pid", "start", "end", "viz", "parents", "spells", "slices"}),
    frozenset({"id", "key", "type", "start", "end", "viz", "spells", "slices", "networkx_key"}),
)
_NODE_LINK_RESERVED: _Reserved = (
    frozenset(),
    frozenset({"id"}),
    frozenset({"source", "target", "key"}),
)


def _converted_copy(
    graph: nx.Graph[Any],
    convert: Callable[[Any], Any],
    *,
    keep_none: bool,
    reserved: _Reserved,
) -> nx.Graph[Any]:
    """A new plain graph of the same kind, with every attribute converted by ``convert``."""
    graph_names, node_names, edge_names = reserved

    def attributes(data: Mapping[Any, Any], names: Collection[str]) -> dict[str, Any]:
        converted: dict[str, Any] = {}
        for name, value in data.items():
            if value is None and not keep_none:
                continue
            converted[str(name)] = convert(value)
        for name in sorted(names & converted.keys()):
            free = name + "_"
            while free in converted:
                free += "_"
            converted[free] = converted.pop(name)
        return converted

    plain: nx.Graph[Any]
    if graph.is_multigraph():
        plain = nx.MultiDiGraph() if graph.is_directed() else nx.MultiGraph()
    else:
        plain = nx.DiGraph() if graph.is_directed() else nx.Graph()
    plain.graph.update(attributes(graph.graph, graph_names))
    plain.add_nodes_from((node, attributes(data, node_names)) for node, data in graph.nodes.items())
    edges: Iterable[Any]
    if isinstance(graph, nx.MultiGraph):
        edges = (
            (u, v, key, attributes(data, edge_names))
            for u, v, key, data in graph.edges(keys=True, data=True)
        )
    else:
        edges = ((u, v, attributes(data, edge_names)) for u, v, data in graph.edges(data=True))
    plain.add_edges_from(edges)
    return plain


def _json_value(value: Any) -> Any:
    """A JSON value for an attribute value: dates as ISO text, enums as values, sets sorted."""
    kind = type(value)
    if value is None or kind in _JSON_SCALARS:
        return value
    if kind is tuple or kind is list:
        return [_json_value(item) for item in value]
    if isinstance(value, str | bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, enum.Enum):
        return _json_value(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): _json_value(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((_json_value(item) for item in value), key=_json_sort_key)
    if isinstance(value, Iterable):
        return [_json_value(item) for item in value]
    return str(value)


_JSON_SCALARS = frozenset({str, int, float, bool})


def _json_sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _xml_value(value: Any) -> Any:
    """A GraphML/GEXF value: a str, int, float or bool; containers as JSON text."""
    if type(value) in _JSON_SCALARS:
        return value
    converted = _json_value(value)
    if isinstance(converted, list | dict):
        return json.dumps(converted, sort_keys=True, ensure_ascii=False)
    return converted


def _node_label(node: Any, data: Mapping[str, Any]) -> str:
    for name in ("label", "name", "title"):
        value = data.get(name)
        if value is not None:
            return str(value)
    return str(node)


def _edge_label(data: Mapping[str, Any]) -> str | None:
    for name in ("label", "kind"):
        value = data.get(name)
        if value is not None:
            return str(value)
    return None


_MERMAID_ENTITIES = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "`": "#96;",
        "|": "#124;",
        "\r": " ",
        "\n": " ",
    }
)


def _mermaid_text(text: str) -> str:
    return text.translate(_MERMAID_ENTITIES)


_DOT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\r": "", "\n": "\\n"})


def _dot_text(text: str) -> str:
    return text.translate(_DOT_ESCAPES)
