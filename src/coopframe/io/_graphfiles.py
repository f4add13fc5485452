"""The graph format registry, and graph files: GraphML, GEXF, node-link JSON, DOT, Mermaid.

A graph format is one :class:`GraphFormat` entry: :func:`write_graph`, :func:`graph_bytes`,
:data:`GRAPH_FORMATS`, :func:`graph_format_for_path` and the command line read the registry.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import attrs
import networkx as nx

from coopframe._checks import check_instance, did_you_mean, refuse
from coopframe._util import gc_paused, write_atomically
from coopframe.exceptions import InvalidParameterError, UnknownNameError
from coopframe.io._formats import _suffixes
from coopframe.io._graphtext import _dot_lines, _mermaid_lines
from coopframe.io._graphvalues import (
    _NODE_LINK_RESERVED,
    _converted_copy,
    _json_lines,
    _json_value,
)
from coopframe.io._graphxml import _gexf_lines, _graphml_lines


def _graph_suffixes(value: object) -> tuple[str, ...]:
    return _suffixes(value, "GraphFormat")


@attrs.frozen(kw_only=True)
class GraphFormat:
    """A graph file format: its name, the file suffixes that select it, and its writer.

    Parameters
    ----------
    name
        The name ``format=`` takes (``"graphml"``).
    suffixes
        The file suffixes that select it, lower case with the dot (``(".dot", ".gv")``).
    render
        ``render(graph)``: the file's bytes for any networkx graph, which it must not modify.
    pause_gc
        Whether :func:`graph_bytes` renders with the cyclic garbage collector paused (quicker
        for writers that make no reference cycles).

    Examples
    --------
    >>> cf.io.get_graph_format("dot").suffixes
    ('.dot', '.gv')
    """

    name: str
    suffixes: tuple[str, ...] = attrs.field(converter=_graph_suffixes)
    render: Callable[[nx.Graph[Any]], bytes]
    pause_gc: bool = True


_REGISTRY: dict[str, GraphFormat] = {}
_SUFFIXES: dict[str, tuple[str, ...]] = {}  # by name, sorted

GRAPH_FORMATS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(_SUFFIXES)
"""The formats :func:`write_graph` writes, sorted by name, each with the file suffixes that
select it (read-only; it follows :func:`register_graph_format`).

``json`` is networkx's node-link JSON (:func:`to_node_link`); ``mermaid`` a Mermaid
``flowchart`` (:func:`to_mermaid`); ``dot`` Graphviz DOT text (:func:`to_dot`).
"""


def _update() -> None:
    _SUFFIXES.clear()
    _SUFFIXES.update(sorted((name, fmt.suffixes) for name, fmt in _REGISTRY.items()))


def register_graph_format(fmt: GraphFormat, *, replace: bool = False) -> GraphFormat:
    """Add a graph format to the registry, so :func:`write_graph` and the command write it.

    Parameters
    ----------
    fmt
        The format.
    replace
        Replace a format of the same name.

    Returns
    -------
    GraphFormat
        ``fmt``.

    Raises
    ------
    InvalidParameterError
        ``fmt`` is not a :class:`GraphFormat`, its name is taken (and ``replace`` is false),
        or one of its suffixes selects another format.
    """
    check_instance("fmt", fmt, "register_graph_format", GraphFormat, "a coopframe.io.GraphFormat")
    if fmt.name in _REGISTRY and not replace:
        raise InvalidParameterError(
            "The 'fmt' parameter of register_graph_format must have a new format name. Got "
            f"{fmt.name!r}, which is already registered; pass replace=True to replace it."
        )
    for other in _REGISTRY.values():
        taken = sorted(set(fmt.suffixes) & set(other.suffixes))
        if other.name != fmt.name and taken:
            raise InvalidParameterError(
                "The 'fmt' parameter of register_graph_format must have suffixes no other "
                f"format has. Got {fmt.name!r} with {taken[0]!r}, which selects {other.name!r}."
            )
    _REGISTRY[fmt.name] = fmt
    _update()
    return fmt


def unregister_graph_format(name: str) -> GraphFormat:
    """Remove a graph format from the registry and return it.

    Raises
    ------
    UnknownNameError
        No graph format has that name.
    """
    fmt = get_graph_format(name)
    del _REGISTRY[name]
    _update()
    return fmt


def get_graph_format(name: str) -> GraphFormat:
    """The registered graph format called ``name``.

    Raises
    ------
    UnknownNameError
        No graph format has that name; the message lists the known names.
    """
    fmt = _REGISTRY.get(name) if isinstance(name, str) else None
    if fmt is None:
        known = ", ".join(_SUFFIXES)
        raise UnknownNameError(f"unknown graph format {name!r}; known formats: {known}")
    return fmt


def graph_format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The name of the graph format a file's suffix selects (in lower case), or ``None``.

    Examples
    --------
    >>> cf.io.graph_format_for_path("deps.GV"), cf.io.graph_format_for_path("deps.svg")
    ('dot', None)
    """
    suffix = Path(path).suffix.lower()
    return next((name for name, suffixes in _SUFFIXES.items() if suffix in suffixes), None)


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
    >>> data = cf.io.to_node_link(cf.graph.dependency_graph(road))
    >>> node = data["nodes"][0]
    >>> node["id"], node["due"], node["start"], node["parties"]
    ('A1', '2025-06-30', None, [])
    """
    with gc_paused():
        plain = _converted_copy(graph, _json_value, keep_none=True, reserved=_NODE_LINK_RESERVED)
        data: dict[str, Any] = nx.node_link_data(plain, edges="edges")
    return data


def write_graph(
    graph: nx.Graph[Any], path: str | os.PathLike[str], *, format: str | None = None
) -> None:
    """Write a graph to a file, in a format chosen by name or by the file's suffix.

    Parameters
    ----------
    graph
        Any networkx graph, such as one built by :func:`roadmap_graph`; it is not modified.
    path
        The file to write, created or replaced as :func:`~coopframe.dump` does it: atomically,
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
    ...     cf.io.write_graph(graph, path)
    ...     sorted(nx.read_graphml(path))
    ['activity:A1', 'axis:prev', 'party:BOL', 'party:PER']
    """
    target = Path(path)
    if format is None:
        chosen = graph_format_for_path(target)
        if chosen is None:
            suffixes = ", ".join(sorted(suffix for names in _SUFFIXES.values() for suffix in names))
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
    >>> cf.io.graph_bytes(graph, format="mermaid").startswith(b"flowchart")
    True
    """
    fmt = _REGISTRY[_check_graph_format(format, "graph_bytes", none_too=False)]
    if not fmt.pause_gc:
        return fmt.render(graph)
    with gc_paused():
        return fmt.render(graph)


def _check_graph_format(format: object, function: str, *, none_too: bool) -> str:
    if not (isinstance(format, str) and format in _REGISTRY):
        known = ", ".join(repr(name) for name in _SUFFIXES) + (" or None" if none_too else "")
        hint = did_you_mean(format, _REGISTRY)
        refuse("format", function, f"one of {known}", repr(format), hint=hint)
    return format


def _encoded(lines: Iterable[str]) -> bytes:
    """``lines`` joined and encoded as UTF-8, one piece at a time (no list of all of them)."""
    buffer = io.BytesIO()
    for line in lines:
        buffer.write(line.encode("utf-8"))
    return buffer.getvalue()


def _writer(lines: Callable[[nx.Graph[Any]], Iterable[str]]) -> Callable[[nx.Graph[Any]], bytes]:
    def render(graph: nx.Graph[Any]) -> bytes:
        return _encoded(lines(graph))

    return render


for _fmt in (
    GraphFormat(name="dot", suffixes=(".dot", ".gv"), render=_writer(_dot_lines)),
    GraphFormat(name="gexf", suffixes=(".gexf",), render=_writer(_gexf_lines)),
    GraphFormat(name="graphml", suffixes=(".graphml",), render=_writer(_graphml_lines)),
    # json's indenting encoder leaves reference cycles for the collector
    GraphFormat(name="json", suffixes=(".json",), render=_writer(_json_lines), pause_gc=False),
    GraphFormat(name="mermaid", suffixes=(".mmd",), render=_writer(_mermaid_lines)),
):
    register_graph_format(_fmt)
del _fmt
