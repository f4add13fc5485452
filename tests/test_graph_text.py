"""Graph files that other programs parse: valid XML and DOT whatever the text, nothing hidden.

GraphML and GEXF must be well-formed XML 1.0 for every character a roadmap or a user graph can
hold, and an XML parser must read back the same strings for every character XML can represent
(``\\r`` included); DOT and Mermaid must keep one statement per line; no format may write a
terminal escape sequence, a bidi override or a zero-width character raw.
"""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe import graph as cg
from coopframe import io as cio
from coopframe._text import HIDDEN, XML_INVALID, visible

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
FORMATS = ("dot", "gexf", "graphml", "json", "mermaid")

# Every C0 control, DEL and the C1 controls, the noncharacters, and the marks that hide or
# reorder text: the characters the issue found breaking the exports.
CONTROLS = "".join(chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)))
HOSTILE = CONTROLS + "\ufffe\uffff\u202e\u2066\u200b\u200d\ufeff\u2028\u2029" + "\x1b[2J"
REPRESENTABLE = "a\rb\r\nc\nd\te \u202e\u200b\x85\x9b & < > \" ' ]]> \U0001f600"


def expected_xml(text: str) -> str:
    """What an XML parser reads back: the text, with only what XML cannot hold spelt out."""
    return XML_INVALID.sub(lambda match: visible(match.group()), text)


def hostile_graph(text: str, *, multigraph: bool = False) -> nx.Graph[Any]:
    """Two nodes keyed by ``text`` and ``text + "2"``, with ``text`` in every kind of value."""
    graph: nx.Graph[Any] = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    graph.graph["roadmap"] = text
    graph.add_node(text, title=text, tags=(text,))
    graph.add_node(text + "2", name=text)
    graph.add_edge(text, text + "2", kind=text, label=text)
    return graph


def graphml_strings(data: bytes) -> dict[str, Any]:
    """Node ids, edge ends and every <data> text of a GraphML file, parsed by ElementTree."""
    root = ET.fromstring(data)
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None
    return {
        "nodes": [node.get("id") for node in graph.iter(f"{GRAPHML}node")],
        "edges": [(e.get("source"), e.get("target")) for e in graph.iter(f"{GRAPHML}edge")],
        "data": [element.text or "" for element in root.iter(f"{GRAPHML}data")],
    }


def gexf_strings(data: bytes) -> dict[str, Any]:
    """Node ids, edge ends and every attvalue of a GEXF file, parsed by ElementTree."""
    root = ET.fromstring(data)
    return {
        "nodes": [node.get("id") for node in root.iter(f"{GEXF}node")],
        "edges": [(e.get("source"), e.get("target")) for e in root.iter(f"{GEXF}edge")],
        "labels": [e.get("label") for e in root.iter(f"{GEXF}edge")],
        "values": [value.get("value") for value in root.iter(f"{GEXF}attvalue")],
    }


def raw_hidden(text: str) -> list[str]:
    """The characters of ``text`` that are controls (tab and line feed aside) or hidden."""
    return sorted(
        {char for char in text if HIDDEN.match(char) or unicodedata.category(char) == "Cc"}
        - {"\t", "\n"}
    )


def bolivia_peru_titled(text: str) -> cf.Roadmap:
    """The Bolivia–Peru demo roadmap with ``text`` in its title, an activity title, an agency
    name, a party name and an axis name."""
    road = cf.datasets.load("bolivia-peru-2025-2026")
    assert isinstance(road, cf.Roadmap)
    first, *rest = road.activities
    return attrs.evolve(
        road,
        title=text,
        activities=(attrs.evolve(first, title=text), *rest),
        agencies=(attrs.evolve(road.agencies[0], name=text), *road.agencies[1:]),
        parties=(attrs.evolve(road.parties[0], name=text), *road.parties[1:]),
        axes=(attrs.evolve(road.axes[0], name=text), *road.axes[1:]),
    )


# XML: valid whatever the text ------------------------------------------------------------------


@pytest.mark.parametrize("multigraph", [False, True])
def test_graphml_is_valid_xml_for_every_control_character(multigraph: bool) -> None:
    """GraphML with every control character, U+FFFE and U+FFFF in ids and values parses, and
    reads back with only the characters XML cannot hold spelt out."""
    data = cio.graph_bytes(hostile_graph(HOSTILE, multigraph=multigraph), format="graphml")
    strings = graphml_strings(data)
    text = expected_xml(HOSTILE)
    assert strings["nodes"] == [text, text + "2"]
    assert strings["edges"] == [(text, text + "2")]
    assert text in strings["data"]
    assert "\\x00" in text
    assert "\\ufffe" in text
    assert "\x1b" not in text


@pytest.mark.parametrize("multigraph", [False, True])
def test_gexf_is_valid_xml_for_every_control_character(multigraph: bool) -> None:
    """GEXF with every control character, U+FFFE and U+FFFF in ids and values parses, and
    reads back with only the characters XML cannot hold spelt out."""
    data = cio.graph_bytes(hostile_graph(HOSTILE, multigraph=multigraph), format="gexf")
    strings = gexf_strings(data)
    text = expected_xml(HOSTILE)
    assert strings["nodes"] == [text, text + "2"]
    assert strings["edges"] == [(text, text + "2")]
    assert strings["labels"] == [text]
    assert text in strings["values"]


def test_lone_surrogates_are_spelt_out_in_every_format() -> None:
    """A lone surrogate (which UTF-8 cannot encode) is spelt out, never an encoding error."""
    graph = hostile_graph("x\ud800y")
    for fmt in FORMATS:
        text = cio.graph_bytes(graph, format=fmt).decode("utf-8")
        assert "\\ud800" in text, fmt
    assert graphml_strings(cio.graph_bytes(graph, format="graphml"))["nodes"][0] == "x\\ud800y"
    back = json.loads(cio.graph_bytes(graph, format="json"))
    assert back["nodes"][0]["id"] == "x\ud800y"


@pytest.mark.parametrize("multigraph", [False, True])
def test_graphml_round_trip_keeps_carriage_returns_and_whitespace(
    multigraph: bool, tmp_path: Path
) -> None:
    """networkx.read_graphml reads back the same ids and values, with \\r, \\r\\n, tabs and
    line breaks, markup characters, bidi marks and C1 controls, in ids and in values."""
    path = tmp_path / "g.graphml"
    cio.write_graph(hostile_graph(REPRESENTABLE, multigraph=multigraph), path)
    back = nx.read_graphml(path, force_multigraph=multigraph)
    assert list(back) == [REPRESENTABLE, REPRESENTABLE + "2"]
    assert back.nodes[REPRESENTABLE]["title"] == REPRESENTABLE
    assert json.loads(back.nodes[REPRESENTABLE]["tags"]) == [REPRESENTABLE]
    assert back.graph["roadmap"] == REPRESENTABLE
    ((_, _, data),) = back.edges(data=True)
    assert data["kind"] == REPRESENTABLE
    assert data["label"] == REPRESENTABLE


def test_gexf_round_trip_keeps_carriage_returns_and_whitespace(tmp_path: Path) -> None:
    """networkx.read_gexf reads back the same ids, attribute values and edge labels."""
    path = tmp_path / "g.gexf"
    cio.write_graph(hostile_graph(REPRESENTABLE), path)
    back = nx.read_gexf(path)
    assert list(back) == [REPRESENTABLE, REPRESENTABLE + "2"]
    assert back.nodes[REPRESENTABLE]["title"] == REPRESENTABLE
    assert back.nodes[REPRESENTABLE + "2"]["name"] == REPRESENTABLE
    ((_, _, data),) = back.edges(data=True)
    assert data["kind"] == REPRESENTABLE
    assert data["label"] == REPRESENTABLE


def test_carriage_return_is_a_character_reference() -> None:
    """\\r is written as &#13; in GraphML text and GEXF attributes, never raw."""
    for fmt in ("graphml", "gexf"):
        data = cio.graph_bytes(hostile_graph("a\rb"), format=fmt)
        assert b"\r" not in data
        assert b"a&#13;b" in data


# DOT and Mermaid: one statement per line -------------------------------------------------------


def test_dot_escapes_nul_and_controls_one_statement_per_line() -> None:
    """DOT with NUL, ESC and every other control in ids and labels has one statement per line,
    no raw control character, and names the characters as escapes."""
    graph = hostile_graph(HOSTILE)
    text = cio.to_dot(graph)
    assert raw_hidden(text) == []
    lines = text.splitlines()
    assert len(lines) == 2 + graph.number_of_nodes() + graph.number_of_edges()
    assert all(line.endswith(";") for line in lines[1:-1])
    assert "\\\\x00" in text
    assert "\\\\x1b[2J" in text
    assert "\\\\u202e" in text
    assert cio.graph_bytes(graph, format="dot") == text.encode("utf-8")


def test_dot_writes_every_line_break_as_an_escape() -> None:
    """\\r\\n, \\r, \\n, U+2028 and U+2029 in a DOT label are each one \\n escape."""
    graph: nx.Graph[Any] = nx.Graph()
    graph.add_node("x", label="a\r\nb\rc\nd\u2028e\u2029f")
    assert '"x" [label="a\\nb\\nc\\nd\\ne\\nf"];' in cio.to_dot(graph)


def test_mermaid_escapes_controls_one_statement_per_line() -> None:
    """Mermaid labels with every control have one statement per line and no raw control."""
    graph = hostile_graph(HOSTILE)
    text = cio.to_mermaid(graph)
    assert raw_hidden(text) == []
    assert len(text.splitlines()) == 1 + graph.number_of_nodes() + graph.number_of_edges()
    assert "\\x00" in text
    assert "\\x1b[2J" in text
    assert "\\u202e" in text
    assert cio.graph_bytes(graph, format="mermaid") == text.encode("utf-8")


# No format writes hidden characters raw --------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_writes_terminal_escapes_or_bidi_raw(fmt: str) -> None:
    """A roadmap whose titles and names hold ESC sequences, bidi overrides and zero-width
    characters exports without any of them raw, in every format and every graph."""
    road = bolivia_peru_titled("Mesa\x1b[2J\x1b]0;pwned\x07 \u202ebinacional\u200b\x9b31m")
    for build in (cg.roadmap_graph, cg.dependency_graph, cg.agency_network):
        text = cio.graph_bytes(build(road), format=fmt).decode("utf-8")
        assert raw_hidden(text) == [], build.__name__


def test_json_keeps_every_value_with_hidden_characters_escaped() -> None:
    """Node-link JSON holds the same values as to_node_link, hidden characters as \\u escapes."""
    graph = hostile_graph(HOSTILE)
    data = cio.graph_bytes(graph, format="json")
    assert json.loads(data) == json.loads(json.dumps(cio.to_node_link(graph)))
    assert raw_hidden(data.decode("utf-8")) == []
    assert b"\\u202e" in data


# Properties -------------------------------------------------------------------------------------

ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@settings(max_examples=60)
@given(ANY_TEXT, ANY_TEXT, st.booleans())
def test_any_text_gives_valid_xml_and_dot(key: str, value: str, multigraph: bool) -> None:
    """For any text in ids, titles and labels, GraphML and GEXF parse with ElementTree and read
    back as written (but for what XML cannot hold, spelt out), and DOT has no raw control
    character and one statement per line."""
    graph: nx.Graph[Any] = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    graph.graph["roadmap"] = value
    graph.add_node(key, title=value)
    graph.add_node("other", name=value)
    graph.add_edge(key, "other", kind=value)
    ids = [expected_xml(key), "other"] if key != "other" else ["other"]

    graphml = graphml_strings(cio.graph_bytes(graph, format="graphml"))
    assert graphml["nodes"] == ids
    assert graphml["edges"] == [(expected_xml(key), "other")]
    assert graphml["data"].count(expected_xml(value)) >= 3

    gexf = gexf_strings(cio.graph_bytes(graph, format="gexf"))
    assert gexf["nodes"] == ids
    assert gexf["edges"] == [(expected_xml(key), "other")]
    assert expected_xml(value) in gexf["values"]

    dot = cio.to_dot(graph)
    assert raw_hidden(dot) == []
    assert len(dot.splitlines()) == 2 + graph.number_of_nodes() + graph.number_of_edges()
    mermaid = cio.to_mermaid(graph)
    assert raw_hidden(mermaid) == []
    assert len(mermaid.splitlines()) == 1 + graph.number_of_nodes() + graph.number_of_edges()


@settings(max_examples=20)
@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=12))
def test_any_roadmap_title_exports_as_valid_xml(title: str) -> None:
    """A roadmap with any text as titles and names exports GraphML and GEXF that parse, with
    the titles read back as written (what XML cannot hold spelt out)."""
    road = bolivia_peru_titled(title)
    graph = cg.roadmap_graph(road)
    assert expected_xml(title) in graphml_strings(cio.graph_bytes(graph, format="graphml"))["data"]
    assert expected_xml(title) in gexf_strings(cio.graph_bytes(graph, format="gexf"))["values"]
    assert raw_hidden(cio.to_dot(graph)) == []
