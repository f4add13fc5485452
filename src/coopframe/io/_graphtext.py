"""Diagram text of a graph: Mermaid flowcharts and Graphviz DOT, one statement per line."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from coopframe._text import visible


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
    >>> print(cf.io.to_mermaid(cf.graph.dependency_graph(road)), end="")
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
    >>> print(cf.io.to_dot(cf.graph.dependency_graph(road)), end="")
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
