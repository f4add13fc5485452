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

- GraphML and GEXF 1.2 (both readable by :func:`networkx.read_graphml` and
  :func:`networkx.read_gexf`): ``None`` is dropped; dates become ISO strings; enums their
  values; tuples, lists, sets and mappings JSON text (``'["BOL", "PER"]'``, sets sorted);
  booleans ``true``/``false``; an attribute whose values have several types is written as a
  ``double`` (ints and floats) or a ``string``;
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

Text is written so that other programs parse it and read back what the graph holds, and so that
nothing hidden reaches a terminal:

- GraphML and GEXF are valid XML 1.0 whatever the text. Tabs, line breaks, carriage returns,
  C1 controls, bidirectional and zero-width marks are written as character references
  (``&#13;``), so an XML parser reads back the same strings, ``\\r`` included. The characters
  XML 1.0 cannot hold at all (the C0 controls but tab, line feed and carriage return, lone
  surrogates, U+FFFE and U+FFFF) are spelt out as escapes: a NUL is written as the four
  characters ``\\x00``, U+FFFE as ``\\ufffe``.
- Node-link JSON writes the same characters as ``\\u`` escapes (the value is unchanged).
- DOT and Mermaid write one statement per line: in DOT, line breaks (``\\r\\n``, ``\\r``,
  ``\\n``, U+2028, U+2029) become ``\\n`` escapes, in Mermaid spaces; every other control, bidi
  or zero-width character is spelt out as an escape (a tab as ``\\x09``, ESC as ``\\x1b``).

Every exporter writes as it goes, one node or edge at a time: memory beyond the graph grows
with the output only (about 2 to 4 bytes per byte of the roadmap's JSON document).
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import itertools
import json
import math
import numbers
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import networkx as nx

from coopframe._text import HIDDEN, XML_INVALID, json_escaped, visible
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
        backticks and ``|`` in labels are written as Mermaid entity codes (``#quot;``), line
        breaks as spaces, and tabs, controls, bidi and zero-width characters spelt out as
        escapes (``\\x1b``), so each statement is one line and nothing hidden is written.

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
    return "".join(_mermaid_lines(graph))


def _mermaid_lines(graph: nx.Graph[Any]) -> Iterator[str]:
    arrow = "-->" if graph.is_directed() else "---"
    yield "flowchart LR\n"
    name_of: dict[Any, str] = {}
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        name_of[node] = f"n{i}"
        yield f'    n{i}["{_mermaid_text(_node_label(node, data))}"]\n'
    for u, v, data in graph.edges(data=True):
        label = _edge_label(data)
        link = arrow if label is None else f'{arrow}|"{_mermaid_text(label)}"|'
        yield f"    {name_of[u]} {link} {name_of[v]}\n"


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
        one. Backslashes and quotes are escaped, line breaks written as ``\\n``, and tabs,
        controls (NUL included), bidi and zero-width characters spelt out as escapes
        (``\\x00``), so each statement is one line; other attributes are not written.

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
    return "".join(_dot_lines(graph))


def _dot_lines(graph: nx.Graph[Any]) -> Iterator[str]:
    directed = graph.is_directed()
    arrow = "->" if directed else "--"
    yield "digraph {\n" if directed else "graph {\n"
    for node, data in graph.nodes(data=True):
        yield f'    "{_dot_text(str(node))}" [label="{_dot_text(_node_label(node, data))}"];\n'
    for u, v, data in graph.edges(data=True):
        label = _edge_label(data)
        attributes = "" if label is None else f' [label="{_dot_text(label)}"]'
        yield f'    "{_dot_text(str(u))}" {arrow} "{_dot_text(str(v))}"{attributes};\n'
    yield "}\n"


def write_graph(
    graph: nx.Graph[Any], path: str | os.PathLike[str], *, format: str | None = None
) -> None:
    """Write a graph to a file, in a format chosen by name or by the file's suffix.

    Parameters
    ----------
    graph
        Any networkx graph, such as one built by :func:`roadmap_graph`; it is not modified.
    path
        The file to write, created or replaced as :func:`coopframe.io.dump` does it: atomically,
        keeping a replaced file's permissions and owner, and writing through to anything that is
        not a regular file (``/dev/stdout``, a named pipe).
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
    GraphML and GEXF (version 1.2) are written by coopframe itself, a node or an edge at a
    time, with values converted as the module documentation says; the GEXF has no
    ``lastmodifieddate``, so that the same graph always gives the same bytes. JSON is the text
    of :func:`to_node_link` with sorted keys and an indent of 2. All text is UTF-8, and text
    that other programs could misread is escaped for each format (see the module
    documentation).

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
    if chosen == "json":  # json's indenting encoder leaves reference cycles for the collector
        return _RENDERERS[chosen](graph)
    with gc_paused():
        return _RENDERERS[chosen](graph)


def _check_graph_format(format: object, function: str, *, none_too: bool) -> str:
    if isinstance(format, str) and format in GRAPH_FORMATS:
        return format
    known = ", ".join(repr(name) for name in GRAPH_FORMATS) + (" or None" if none_too else "")
    raise InvalidParameterError(
        f"The 'format' parameter of {function} must be one of {known}. Got {format!r} instead."
    )


def _encoded(lines: Iterable[str]) -> bytes:
    """``lines`` joined and encoded as UTF-8, one piece at a time (no list of all of them)."""
    buffer = io.BytesIO()
    for line in lines:
        buffer.write(line.encode("utf-8"))
    return buffer.getvalue()


def _dot_bytes(graph: nx.Graph[Any]) -> bytes:
    return _encoded(_dot_lines(graph))


def _mermaid_bytes(graph: nx.Graph[Any]) -> bytes:
    return _encoded(_mermaid_lines(graph))


_RENDERERS: dict[str, Callable[[nx.Graph[Any]], bytes]] = {
    "dot": _dot_bytes,
    "gexf": lambda graph: _encoded(_gexf_lines(graph)),
    "graphml": lambda graph: _encoded(_graphml_lines(graph)),
    "json": lambda graph: _encoded(_json_lines(graph)),
    "mermaid": _mermaid_bytes,
}

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


def _attributes(
    data: Mapping[Any, Any],
    convert: Callable[[Any], Any],
    *,
    keep_none: bool,
    reserved: Collection[str],
) -> dict[str, Any]:
    """An element's attributes converted by ``convert``; reserved names get a trailing ``_``."""
    converted: dict[str, Any] = {}
    for name, value in data.items():
        if value is None and not keep_none:
            continue
        converted[str(name)] = convert(value)
    if reserved:
        for name in sorted(converted.keys() & reserved):
            free = name + "_"
            while free in converted:
                free += "_"
            converted[free] = converted.pop(name)
    return converted


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
        return _attributes(data, convert, keep_none=keep_none, reserved=names)

    plain: nx.Graph[Any]
    if graph.is_multigraph():
        plain = nx.MultiDiGraph() if graph.is_directed() else nx.MultiGraph()
    else:
        plain = nx.DiGraph() if graph.is_directed() else nx.Graph()
    plain.graph.update(attributes(graph.graph, graph_names))
    plain.add_nodes_from((node, attributes(data, node_names)) for node, data in graph.nodes.items())
    edges: Iterable[Any]
    if graph.is_multigraph():
        edges = (
            (u, v, key, attributes(data, edge_names)) for u, v, key, data in _keyed_edges(graph)
        )
    else:
        edges = ((u, v, attributes(data, edge_names)) for u, v, _, data in _keyed_edges(graph))
    plain.add_edges_from(edges)
    return plain


def _keyed_edges(graph: nx.Graph[Any]) -> Iterator[tuple[Any, Any, Any, Mapping[str, Any]]]:
    """``(u, v, key, data)`` for every edge in graph order; ``key`` is ``None`` unless multi."""
    if isinstance(graph, nx.MultiGraph):
        yield from graph.edges(keys=True, data=True)
    else:
        for u, v, data in graph.edges(data=True):
            yield u, v, None, data


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


def _xml_value(value: Any) -> str | int | float | bool:
    """A GraphML/GEXF value: a str, int, float or bool; containers as JSON text."""
    if type(value) in _JSON_SCALARS:
        return value  # type: ignore[no-any-return]
    converted = _json_value(value)
    if isinstance(converted, list | dict):
        return json.dumps(converted, sort_keys=True, ensure_ascii=False)
    if converted is None:
        return "null"
    return converted  # type: ignore[no-any-return]


def _xml_type(value: Any) -> type:
    """The type of :func:`_xml_value` of ``value``, without converting a container."""
    kind = type(value)
    if kind in _JSON_SCALARS:
        return kind
    if kind is tuple or kind is list or isinstance(value, Mapping | set | frozenset):
        return str
    return type(_xml_value(value))


def _wider(known: type, kind: type) -> type:
    """One type for the values of an attribute whose values have the types ``known``, ``kind``."""
    if known is kind:
        return known
    if {known, kind} <= {int, float}:
        return float
    return str


# XML: every character that must be escaped, or that a reader must not see raw.
_XML_TEXT_SPECIAL = re.compile("[&<>" + HIDDEN.pattern[1:])
_XML_ATTRIBUTE_SPECIAL = re.compile('[&<>"\t\n' + HIDDEN.pattern[1:])
_XML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def _xml_character(match: re.Match[str]) -> str:
    char = match.group()
    entity = _XML_ENTITIES.get(char)
    if entity is not None:
        return entity
    if XML_INVALID.match(char):
        return visible(char)
    return f"&#{ord(char)};"


def _xml_text(text: str) -> str:
    """``text`` as XML character data; see :func:`_xml_attribute`."""
    return _XML_TEXT_SPECIAL.sub(_xml_character, text)


def _xml_attribute(text: str) -> str:
    """``text`` as a double-quoted XML attribute value that a parser reads back unchanged.

    Markup characters become entities; tabs, line breaks, carriage returns and the other
    characters :data:`~coopframe._text.HIDDEN` lists become character references (``&#13;``),
    which parsers neither normalise nor hide; the characters XML 1.0 cannot hold at all are
    spelt out by :func:`~coopframe._text.visible` (``\\x00``).
    """
    return _XML_ATTRIBUTE_SPECIAL.sub(_xml_character, text)


def _xml_scalar(value: str | int | float | bool) -> str:
    """The lexical form of an XML Schema ``string``, ``long``, ``double`` or ``boolean``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    return str(value)


_XML_TYPE_NAMES: dict[type, str] = {str: "string", int: "long", float: "double", bool: "boolean"}
_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


def _xml_attribute_types(
    elements: Iterable[tuple[str, Mapping[Any, Any]]], reserved: Mapping[str, Collection[str]]
) -> dict[tuple[str, str], type]:
    """``(scope, name) -> type`` of every attribute written, in order of first appearance."""
    types: dict[tuple[str, str], type] = {}
    for scope, data in elements:
        names = reserved[scope]
        for name, kind in _attributes(data, _xml_type, keep_none=False, reserved=names).items():
            known = types.get((scope, name))
            types[scope, name] = kind if known is None else _wider(known, kind)
    return types


def _xml_elements(graph: nx.Graph[Any], *, graph_data: bool) -> Iterator[tuple[str, Any]]:
    """``(scope, attributes)`` of the graph (optionally), each node and each edge, in order."""
    if graph_data:
        yield "graph", graph.graph
    for _, data in graph.nodes(data=True):
        yield "node", data
    for _, _, _, edge_data in _keyed_edges(graph):
        yield "edge", edge_data


_GRAPHML_OPEN = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_lines(graph: nx.Graph[Any]) -> Iterator[str]:
    """GraphML, written as it goes: a first pass finds the keys and their types, a second
    writes one line or element at a time, so nothing but the output grows with the graph."""
    reserved = dict(zip(("graph", "node", "edge"), _GRAPHML_RESERVED, strict=True))
    types = _xml_attribute_types(_xml_elements(graph, graph_data=True), reserved)
    key_of = {scoped: f"d{i}" for i, scoped in enumerate(types)}
    yield _XML_DECLARATION
    yield _GRAPHML_OPEN
    for (scope, name), kind in types.items():
        yield (
            f'  <key id="{key_of[scope, name]}" for="{scope}" attr.name="{_xml_attribute(name)}"'
            f' attr.type="{_XML_TYPE_NAMES[kind]}" />\n'
        )

    def data_lines(scope: str, data: Mapping[Any, Any], indent: str) -> str:
        items = _attributes(data, _xml_value, keep_none=False, reserved=reserved[scope])
        return "".join(
            f'{indent}<data key="{key_of[scope, name]}">{_xml_text(_xml_scalar(value))}</data>\n'
            for name, value in items.items()
        )

    direction = "directed" if graph.is_directed() else "undirected"
    yield f'  <graph edgedefault="{direction}">\n'
    yield data_lines("graph", graph.graph, "    ")
    for node, data in graph.nodes(data=True):
        head = f'    <node id="{_xml_attribute(str(node))}"'
        inner = data_lines("node", data, "      ")
        yield f"{head}>\n{inner}    </node>\n" if inner else f"{head} />\n"
    multigraph = graph.is_multigraph()
    for u, v, key, edge_data in _keyed_edges(graph):
        head = f'    <edge source="{_xml_attribute(str(u))}" target="{_xml_attribute(str(v))}"'
        if multigraph:
            head += f' id="{_xml_attribute(str(key))}"'
        inner = data_lines("edge", edge_data, "      ")
        yield f"{head}>\n{inner}    </edge>\n" if inner else f"{head} />\n"
    yield "  </graph>\n</graphml>\n"


_GEXF_OPEN = (
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
    "  <meta>\n    <creator>coopframe</creator>\n  </meta>\n"
)


def _gexf_lines(graph: nx.Graph[Any]) -> Iterator[str]:
    """GEXF 1.2, written as it goes, like :func:`_graphml_lines`.

    A node's ``label`` attribute is its GEXF label (else its key), an edge's ``label`` and
    numeric ``weight`` the edge's; a multigraph edge's key is the ``networkx_key`` attribute.
    """
    multigraph = graph.is_multigraph()
    reserved = {"node": _GEXF_RESERVED[1], "edge": _GEXF_RESERVED[2]}

    def node_items(data: Mapping[Any, Any], convert: Callable[[Any], Any]) -> dict[str, Any]:
        items = _attributes(data, convert, keep_none=False, reserved=reserved["node"])
        items.pop("label", None)
        return items

    def edge_items(
        data: Mapping[Any, Any], key: Any, convert: Callable[[Any], Any]
    ) -> dict[str, Any]:
        items = _attributes(data, convert, keep_none=False, reserved=reserved["edge"])
        items.pop("label", None)
        if _is_number(data.get("weight")):
            items.pop("weight", None)
        if multigraph:
            items["networkx_key"] = convert(key)
        return items

    types: dict[tuple[str, str], type] = {}
    for scope, names in itertools.chain(
        (("node", node_items(data, _xml_type)) for _, data in graph.nodes(data=True)),
        (("edge", edge_items(data, key, _xml_type)) for _, _, key, data in _keyed_edges(graph)),
    ):
        for name, kind in names.items():
            known = types.get((scope, name))
            types[scope, name] = kind if known is None else _wider(known, kind)
    id_of = {scoped: str(i) for i, scoped in enumerate(types)}

    yield _XML_DECLARATION
    yield _GEXF_OPEN
    direction = "directed" if graph.is_directed() else "undirected"
    graph_name = graph.graph.get("name")
    title = _xml_attribute(graph_name) if isinstance(graph_name, str) else ""
    yield f'  <graph defaultedgetype="{direction}" mode="static" name="{title}">\n'
    for scope in ("node", "edge"):
        declared = [(name, kind) for (where, name), kind in types.items() if where == scope]
        if declared:
            yield f'    <attributes mode="static" class="{scope}">\n'
            for name, kind in declared:
                yield (
                    f'      <attribute id="{id_of[scope, name]}" title="{_xml_attribute(name)}"'
                    f' type="{_XML_TYPE_NAMES[kind]}" />\n'
                )
            yield "    </attributes>\n"

    def attvalues(scope: str, items: Mapping[str, Any]) -> str:
        if not items:
            return ""
        values = "".join(
            f'          <attvalue for="{id_of[scope, name]}" '
            f'value="{_xml_attribute(_xml_scalar(value))}" />\n'
            for name, value in items.items()
        )
        return f"        <attvalues>\n{values}        </attvalues>\n"

    yield "    <nodes>\n"
    for node, data in graph.nodes(data=True):
        key = _xml_attribute(str(node))
        label = data.get("label")
        shown = key if label is None else _xml_attribute(str(_xml_value(label)))
        head = f'      <node id="{key}" label="{shown}"'
        inner = attvalues("node", node_items(data, _xml_value))
        yield f"{head}>\n{inner}      </node>\n" if inner else f"{head} />\n"
    yield "    </nodes>\n"
    yield "    <edges>\n"
    for number, (u, v, key, edge_data) in enumerate(_keyed_edges(graph)):
        head = (
            f'      <edge source="{_xml_attribute(str(u))}" target="{_xml_attribute(str(v))}"'
            f' id="{number}"'
        )
        label = edge_data.get("label")
        if label is not None:
            head += f' label="{_xml_attribute(str(_xml_value(label)))}"'
        weight = edge_data.get("weight")
        if _is_number(weight):
            head += f' weight="{_xml_scalar(_xml_value(weight))}"'
        inner = attvalues("edge", edge_items(edge_data, key, _xml_value))
        yield f"{head}>\n{inner}      </edge>\n" if inner else f"{head} />\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _json_lines(graph: nx.Graph[Any]) -> Iterator[str]:
    """The text of ``json.dumps(to_node_link(graph), indent=2, sort_keys=True)``, one node or
    edge at a time, with the characters :data:`~coopframe._text.HIDDEN` lists as ``\\u``
    escapes (the same JSON value, nothing hidden in the text)."""
    graph_names, node_names, edge_names = _NODE_LINK_RESERVED
    multigraph = graph.is_multigraph()

    def dumped(value: Any, indent: str) -> str:
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=True)
        return json_escaped(text.replace("\n", "\n" + indent))

    def items(records: Iterable[dict[str, Any]]) -> Iterator[str]:
        first = True
        for record in records:
            yield ("\n    " if first else ",\n    ") + dumped(record, "    ")
            first = False
        if not first:
            yield "\n  "

    def nodes() -> Iterator[dict[str, Any]]:
        for node, data in graph.nodes(data=True):
            record = _attributes(data, _json_value, keep_none=True, reserved=node_names)
            record["id"] = _json_value(node)
            yield record

    def edges() -> Iterator[dict[str, Any]]:
        for u, v, key, data in _keyed_edges(graph):
            record = _attributes(data, _json_value, keep_none=True, reserved=edge_names)
            record["source"] = _json_value(u)
            record["target"] = _json_value(v)
            if multigraph:
                record["key"] = _json_value(key)
            yield record

    graph_data = _attributes(graph.graph, _json_value, keep_none=True, reserved=graph_names)
    yield f'{{\n  "directed": {json.dumps(graph.is_directed())},\n  "edges": ['
    yield from items(edges())
    yield f'],\n  "graph": {dumped(graph_data, "  ")},\n'
    yield f'  "multigraph": {json.dumps(multigraph)},\n  "nodes": ['
    yield from items(nodes())
    yield "]\n}\n"


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


_LINE_BREAK = re.compile("\r\n|[\r\n\u2028\u2029]")

_MERMAID_ENTITIES = str.maketrans(
    {
        "#": "#35;",
        '"': "#quot;",
        "<": "#lt;",
        ">": "#gt;",
        "`": "#96;",
        "|": "#124;",
    }
)


def _mermaid_text(text: str) -> str:
    """Label text on one line: line breaks as spaces, hidden characters spelt out."""
    return visible(_LINE_BREAK.sub(" ", text), one_line=True).translate(_MERMAID_ENTITIES)


_DOT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"'})


def _dot_text(text: str) -> str:
    """A DOT quoted string's content on one line: line breaks as ``\\n``, hidden characters
    spelt out, backslashes and quotes escaped."""
    return "\\n".join(
        visible(line, one_line=True).translate(_DOT_ESCAPES) for line in _LINE_BREAK.split(text)
    )
