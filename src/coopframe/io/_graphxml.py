"""GraphML and GEXF 1.2, written by coopframe itself, a node or an edge at a time."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any

import networkx as nx

from coopframe._text import HIDDEN, XML_INVALID, visible
from coopframe.io._graphvalues import (
    _GEXF_RESERVED,
    _GRAPHML_RESERVED,
    _JSON_SCALARS,
    _attributes,
    _is_number,
    _json_value,
    _keyed_edges,
)


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
    types = _gexf_types(graph)
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
    yield "    <nodes>\n"
    yield from _gexf_nodes(graph, id_of)
    yield "    </nodes>\n"
    yield "    <edges>\n"
    yield from _gexf_edges(graph, id_of)
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _gexf_node_items(data: Mapping[Any, Any], convert: Callable[[Any], Any]) -> dict[str, Any]:
    """A node's GEXF attributes: all but its ``label``, which GEXF holds itself."""
    items = _attributes(data, convert, keep_none=False, reserved=_GEXF_RESERVED[1])
    items.pop("label", None)
    return items


def _gexf_edge_items(
    data: Mapping[Any, Any], key: Any, convert: Callable[[Any], Any], *, multigraph: bool
) -> dict[str, Any]:
    """An edge's GEXF attributes: all but its ``label`` and numeric ``weight``, which GEXF
    holds itself; a multigraph edge's key as ``networkx_key``."""
    items = _attributes(data, convert, keep_none=False, reserved=_GEXF_RESERVED[2])
    items.pop("label", None)
    if _is_number(data.get("weight")):
        items.pop("weight", None)
    if multigraph:
        items["networkx_key"] = convert(key)
    return items


def _gexf_types(graph: nx.Graph[Any]) -> dict[tuple[str, str], type]:
    """``(scope, name) -> type`` of every node and edge attribute, in order of appearance."""
    multigraph = graph.is_multigraph()
    types: dict[tuple[str, str], type] = {}
    for scope, names in itertools.chain(
        (("node", _gexf_node_items(data, _xml_type)) for _, data in graph.nodes(data=True)),
        (
            ("edge", _gexf_edge_items(data, key, _xml_type, multigraph=multigraph))
            for _, _, key, data in _keyed_edges(graph)
        ),
    ):
        for name, kind in names.items():
            known = types.get((scope, name))
            types[scope, name] = kind if known is None else _wider(known, kind)
    return types


def _gexf_attvalues(scope: str, items: Mapping[str, Any], id_of: Mapping[Any, str]) -> str:
    if not items:
        return ""
    values = "".join(
        f'          <attvalue for="{id_of[scope, name]}" '
        f'value="{_xml_attribute(_xml_scalar(value))}" />\n'
        for name, value in items.items()
    )
    return f"        <attvalues>\n{values}        </attvalues>\n"


def _gexf_nodes(graph: nx.Graph[Any], id_of: Mapping[Any, str]) -> Iterator[str]:
    for node, data in graph.nodes(data=True):
        key = _xml_attribute(str(node))
        label = data.get("label")
        shown = key if label is None else _xml_attribute(str(_xml_value(label)))
        head = f'      <node id="{key}" label="{shown}"'
        inner = _gexf_attvalues("node", _gexf_node_items(data, _xml_value), id_of)
        yield f"{head}>\n{inner}      </node>\n" if inner else f"{head} />\n"


def _gexf_edges(graph: nx.Graph[Any], id_of: Mapping[Any, str]) -> Iterator[str]:
    multigraph = graph.is_multigraph()
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
        items = _gexf_edge_items(edge_data, key, _xml_value, multigraph=multigraph)
        inner = _gexf_attvalues("edge", items, id_of)
        yield f"{head}>\n{inner}      </edge>\n" if inner else f"{head} />\n"
