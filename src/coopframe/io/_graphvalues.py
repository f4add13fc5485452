"""Graph attributes as each file format holds them, and node-link JSON written as it goes."""

from __future__ import annotations

import datetime as dt
import enum
import json
import numbers
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from coopframe._text import json_escaped

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
