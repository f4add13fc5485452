"""Tests for coopframe.graph: the networkx views of a roadmap and their exports."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import pytest

import coopframe as cf
from coopframe import graph as cg
from coopframe import io as cio
from coopframe.exceptions import InvalidParameterError

D = dt.date


def bolivia_peru() -> cf.Roadmap:
    """A small Bolivia–Peru roadmap with known graphs.

    FGE (BOL) and PNP (PER) share A1 and A2; MJTI (BOL) and PNP share A3; DGM (BOL) is isolated.
    A2 depends on A1, A3 on A1 and A2. The agency "A1" has the same id as an activity.
    """
    return cf.Roadmap(
        id="bol-per",
        title="Hoja de Ruta Binacional",
        parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
        period=cf.Period(start=D(2025, 1, 1), end=D(2026, 12, 31)),
        agencies=(
            cf.Agency(
                id="FGE",
                name="Fiscalía General del Estado",
                party="BOL",
                kind=cf.AgencyKind.PROSECUTION,
                acronym="FGE",
            ),
            cf.Agency(id="MJTI", name="Ministerio de Justicia", party="BOL"),
            cf.Agency(
                id="PNP",
                name='Policía Nacional del Perú "PNP"',
                party="PER",
                kind=cf.AgencyKind.POLICE,
            ),
            cf.Agency(id="DGM", name="Dirección General de Migración", party="BOL"),
            cf.Agency(id="A1", name="Agencia Uno", party="PER"),
        ),
        axes=(
            cf.Axis(id="prev", name="Prevención", pillars=(cf.Pillar.PREVENTION,)),
            cf.Axis(id="inv", name="Investigación y sanción"),
        ),
        activities=(
            cf.Activity(
                id="A1",
                title='Campaña "Corazón Azul" <anual> #1',
                axis="prev",
                responsible=("PNP", "FGE"),
                lead="PNP",
                start=D(2025, 3, 1),
                due=D(2025, 12, 31),
                status=cf.Status.COMPLETED,
                progress=1.0,
                weight=2.0,
            ),
            cf.Activity(
                id="A2",
                title="Mesa de trabajo\npolicía–fiscalía",
                axis="inv",
                responsible=("FGE", "PNP"),
                depends_on=("A1",),
            ),
            cf.Activity(
                id="A3",
                title="Equipo de respuesta",
                axis="inv",
                responsible=("MJTI", "PNP"),
                depends_on=("A2", "A1"),
                status=cf.Status.IN_PROGRESS,
            ),
        ),
    )


def trinational() -> cf.Roadmap:
    """A Colombia–Brazil–Peru roadmap: one activity carried by an agency of each party."""
    return cf.Roadmap(
        id="col-bra-per",
        title="Plan trinacional",
        parties=(
            cf.Party(id="COL", name="Colombia"),
            cf.Party(id="BRA", name="Brasil"),
            cf.Party(id="PER", name="Perú"),
        ),
        period=cf.Period(start=D(2024, 1, 1), end=D(2025, 12, 31)),
        agencies=(
            cf.Agency(id="CO-POL", name="Policía Nacional de Colombia", party="COL"),
            cf.Agency(id="BR-PF", name="Polícia Federal", party="BRA"),
            cf.Agency(id="PE-PNP", name="Policía Nacional del Perú", party="PER"),
            cf.Agency(id="PE-MIN", name="Ministerio del Interior", party="PER"),
        ),
        axes=(cf.Axis(id="x", name="Cooperación"),),
        activities=(
            cf.Activity(
                id="T1",
                title="Operativo conjunto",
                axis="x",
                responsible=("CO-POL", "BR-PF", "PE-PNP"),
            ),
            cf.Activity(id="T2", title="Mesa", axis="x", responsible=("PE-PNP", "PE-MIN")),
        ),
    )


def snapshot(graph: nx.Graph[Any]) -> Any:
    """Everything about a graph, deep-copied, for checking that it was not changed."""
    return copy.deepcopy(
        (
            type(graph),
            graph.graph,
            list(graph.nodes(data=True)),
            list(graph.edges(data=True)),
        )
    )


BUILDERS = [cg.dependency_graph, cg.responsibility_graph, cg.agency_network, cg.roadmap_graph]


# Builders ---------------------------------------------------------------------------------------


def test_dependency_graph_nodes_edges_and_attributes() -> None:
    """One node per activity in document order with the documented attributes; edges run from
    prerequisite to dependent with kind depends_on."""
    graph = cg.dependency_graph(bolivia_peru())
    assert type(graph) is nx.DiGraph
    assert list(graph) == ["A1", "A2", "A3"]
    assert set(graph.edges) == {("A1", "A2"), ("A2", "A3"), ("A1", "A3")}
    assert all(kind == "depends_on" for _, _, kind in graph.edges(data="kind"))
    assert graph.nodes["A1"] == {
        "kind": "activity",
        "title": 'Campaña "Corazón Azul" <anual> #1',
        "axis": "prev",
        "status": "completed",
        "start": D(2025, 3, 1),
        "due": D(2025, 12, 31),
        "weight": 2.0,
        "progress": 1.0,
        "parties": ("BOL", "PER"),
        "responsible": ("PNP", "FGE"),
        "lead": "PNP",
    }
    a3 = graph.nodes["A3"]
    assert a3["start"] is None
    assert a3["due"] is None
    assert a3["progress"] is None
    assert a3["lead"] is None
    assert a3["status"] == "in_progress"
    assert isinstance(a3["weight"], float)
    assert graph.graph == {"roadmap": "bol-per"}
    assert nx.is_directed_acyclic_graph(graph)


def test_dependency_graph_activity_without_agencies_has_no_parties() -> None:
    """An activity with no responsible agency has empty parties and responsible tuples."""
    road = cf.Roadmap(
        id="r",
        title="r",
        parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
        period=cf.Period(start=D(2025, 1, 1), end=D(2025, 12, 31)),
        axes=(cf.Axis(id="x", name="x"),),
        activities=(cf.Activity(id="A", title="a", axis="x"),),
    )
    node = cg.dependency_graph(road).nodes["A"]
    assert node["parties"] == ()
    assert node["responsible"] == ()


def test_responsibility_graph_is_bipartite_with_lead_flags() -> None:
    """Agencies (bipartite=0) and activities (bipartite=1) have prefixed keys, so an agency and
    an activity with the same id stay apart; edges carry the lead flag."""
    graph = cg.responsibility_graph(bolivia_peru())
    assert type(graph) is nx.Graph
    assert list(graph) == [
        "agency:FGE",
        "agency:MJTI",
        "agency:PNP",
        "agency:DGM",
        "agency:A1",
        "activity:A1",
        "activity:A2",
        "activity:A3",
    ]
    assert {n for n, b in graph.nodes(data="bipartite") if b == 0} == {
        n for n in graph if n.startswith("agency:")
    }
    assert nx.is_bipartite(graph)
    assert graph.nodes["agency:FGE"] == {
        "kind": "agency",
        "id": "FGE",
        "party": "BOL",
        "agency_kind": "prosecution",
        "name": "Fiscalía General del Estado",
        "acronym": "FGE",
        "bipartite": 0,
    }
    assert graph.nodes["activity:A1"] == {
        "kind": "activity",
        "id": "A1",
        "title": 'Campaña "Corazón Azul" <anual> #1',
        "axis": "prev",
        "status": "completed",
        "bipartite": 1,
    }
    assert {frozenset((u, v)): lead for u, v, lead in graph.edges(data="lead")} == {
        frozenset(("agency:PNP", "activity:A1")): True,
        frozenset(("agency:FGE", "activity:A1")): False,
        frozenset(("agency:FGE", "activity:A2")): False,
        frozenset(("agency:PNP", "activity:A2")): False,
        frozenset(("agency:MJTI", "activity:A3")): False,
        frozenset(("agency:PNP", "activity:A3")): False,
    }
    assert graph.degree["agency:DGM"] == 0
    assert graph.degree["agency:A1"] == 0


def test_agency_network_weights_cross_border_and_isolated_agencies() -> None:
    """Every agency is a node, isolated ones included; an edge per pair of agencies sharing an
    activity, weighted by the number shared, with cross_border and the sorted shared ids."""
    graph = cg.agency_network(bolivia_peru())
    assert type(graph) is nx.Graph
    assert list(graph) == ["FGE", "MJTI", "PNP", "DGM", "A1"]
    assert graph.nodes["PNP"] == {
        "kind": "agency",
        "party": "PER",
        "agency_kind": "police",
        "name": 'Policía Nacional del Perú "PNP"',
        "acronym": None,
    }
    assert graph.number_of_edges() == 2
    assert graph.edges["PNP", "FGE"] == {
        "weight": 2,
        "cross_border": True,
        "activities": ("A1", "A2"),
    }
    assert graph.edges["MJTI", "PNP"] == {
        "weight": 1,
        "cross_border": True,
        "activities": ("A3",),
    }
    assert isinstance(graph.edges["FGE", "PNP"]["weight"], int)
    assert not graph.has_edge("FGE", "MJTI")
    assert nx.number_of_selfloops(graph) == 0
    assert set(nx.isolates(graph)) == {"DGM", "A1"}


def test_agency_network_trinational() -> None:
    """With three parties, a shared activity joins every pair; same-party pairs are not
    cross-border."""
    graph = cg.agency_network(trinational())
    assert set(graph) == {"CO-POL", "BR-PF", "PE-PNP", "PE-MIN"}
    cross = {frozenset((u, v)): c for u, v, c in graph.edges(data="cross_border")}
    assert cross == {
        frozenset(("CO-POL", "BR-PF")): True,
        frozenset(("CO-POL", "PE-PNP")): True,
        frozenset(("BR-PF", "PE-PNP")): True,
        frozenset(("PE-PNP", "PE-MIN")): False,
    }
    assert all(w == 1 for _, _, w in graph.edges(data="weight"))
    assert cg.dependency_graph(trinational()).nodes["T1"]["parties"] == ("BRA", "COL", "PER")


def test_agency_network_does_not_depend_on_responsible_order() -> None:
    """Listing the responsible agencies in another order gives the same network."""
    road = bolivia_peru()
    swapped = attrs.evolve(
        road,
        activities=tuple(
            attrs.evolve(a, responsible=tuple(reversed(a.responsible))) for a in road.activities
        ),
    )
    first, second = cg.agency_network(road), cg.agency_network(swapped)
    assert nx.utils.graphs_equal(first, second)
    assert list(first.edges) == list(second.edges)


def test_roadmap_graph_typed_nodes_and_edges() -> None:
    """Parties, agencies, axes and activities with prefixed keys, kind and id; edges keyed by
    kind: belongs_to, in_axis, responsible (with lead) and depends_on."""
    road = bolivia_peru()
    graph = cg.roadmap_graph(road)
    assert type(graph) is nx.MultiDiGraph
    kinds: dict[str, list[str]] = {}
    for node, kind in graph.nodes(data="kind"):
        kinds.setdefault(kind, []).append(node)
    assert kinds == {
        "party": ["party:BOL", "party:PER"],
        "agency": ["agency:FGE", "agency:MJTI", "agency:PNP", "agency:DGM", "agency:A1"],
        "axis": ["axis:prev", "axis:inv"],
        "activity": ["activity:A1", "activity:A2", "activity:A3"],
    }
    for node, data in graph.nodes(data=True):
        assert node == f"{data['kind']}:{data['id']}"
    assert graph.nodes["party:PER"] == {"kind": "party", "id": "PER", "name": "Perú"}
    assert graph.nodes["axis:prev"]["pillars"] == ("prevention",)
    dependency = cg.dependency_graph(road)
    assert graph.nodes["activity:A1"] == {"id": "A1", **dependency.nodes["A1"]}

    edges = {(u, v, k) for u, v, k in graph.edges(keys=True)}
    assert ("agency:A1", "party:PER", "belongs_to") in edges
    assert ("activity:A2", "axis:inv", "in_axis") in edges
    assert ("agency:PNP", "activity:A1", "responsible") in edges
    assert ("activity:A1", "activity:A3", "depends_on") in edges
    counts: dict[str, int] = {}
    for _, _, key, kind in graph.edges(keys=True, data="kind"):
        assert key == kind
        counts[kind] = counts.get(kind, 0) + 1
    assert counts == {"belongs_to": 5, "in_axis": 3, "responsible": 6, "depends_on": 3}
    assert graph.edges["agency:PNP", "activity:A1", "responsible"]["lead"] is True
    assert graph.edges["agency:FGE", "activity:A1", "responsible"]["lead"] is False


@pytest.mark.parametrize("builder", BUILDERS)
def test_builders_are_pure_and_repeatable(builder: Any) -> None:
    """Each call builds a new graph equal to the last, and changing it leaves the next intact."""
    road = bolivia_peru()
    first = builder(road)
    second = builder(road)
    assert first is not second
    assert nx.utils.graphs_equal(first, second)
    first.add_node("extra")
    first.graph["changed"] = True
    assert "extra" not in builder(road)
    assert "changed" not in builder(road).graph


# Exports ----------------------------------------------------------------------------------------

FILE_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "dot": ".dot"}
FILE_FORMATS["mermaid"] = ".mmd"


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("fmt", sorted(FILE_FORMATS))
def test_exports_do_not_mutate_the_graph(builder: Any, fmt: str, tmp_path: Path) -> None:
    """Writing a graph in any format leaves its nodes, edges and attribute values untouched."""
    graph = builder(bolivia_peru())
    before = snapshot(graph)
    cio.write_graph(graph, tmp_path / f"out{FILE_FORMATS[fmt]}")
    cio.to_node_link(graph)
    cio.to_mermaid(graph)
    cio.to_dot(graph)
    assert snapshot(graph) == before


@pytest.mark.parametrize("builder", BUILDERS)
def test_graphml_round_trip(builder: Any, tmp_path: Path) -> None:
    """GraphML read back by networkx has the same nodes and edges; values are converted."""
    graph = builder(bolivia_peru())
    path = tmp_path / "g.graphml"
    cio.write_graph(graph, path)
    back = nx.read_graphml(path, force_multigraph=graph.is_multigraph())
    assert back.is_directed() == graph.is_directed()
    assert list(back) == list(graph)
    if graph.is_multigraph():
        assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    elif graph.is_directed():
        assert set(back.edges) == set(graph.edges)
    else:
        assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in graph.edges}
    if builder is cg.dependency_graph:
        a1 = back.nodes["A1"]
        assert a1["start"] == "2025-03-01"
        assert json.loads(a1["parties"]) == ["BOL", "PER"]
        assert a1["weight"] == 2.0
        assert "progress" not in back.nodes["A3"]
    if builder is cg.agency_network:
        assert back.edges["FGE", "PNP"]["weight"] == 2
        assert back.edges["FGE", "PNP"]["cross_border"] is True


@pytest.mark.parametrize("builder", BUILDERS)
def test_gexf_round_trip(builder: Any, tmp_path: Path) -> None:
    """GEXF read back by networkx has the same nodes and edges; reserved names get a suffix."""
    graph = builder(bolivia_peru())
    path = tmp_path / "g.gexf"
    cio.write_graph(graph, path)
    back = nx.read_gexf(path)
    assert back.is_directed() == graph.is_directed()
    assert list(back) == list(graph)
    if graph.is_directed():
        assert set(back.edges()) == set(graph.edges())
    else:
        assert {frozenset(e) for e in back.edges()} == {frozenset(e) for e in graph.edges()}
    if builder is cg.roadmap_graph:
        assert back.nodes["party:BOL"]["id_"] == "BOL"
        assert back.graph["mode"] == "static"
    if builder is cg.dependency_graph:
        assert back.nodes["A1"]["start_"] == "2025-03-01"


@pytest.mark.parametrize("builder", BUILDERS)
def test_node_link_round_trip(builder: Any, tmp_path: Path) -> None:
    """Node-link JSON read back by nx.node_link_graph has the same nodes and edges."""
    graph = builder(bolivia_peru())
    path = tmp_path / "g.json"
    cio.write_graph(graph, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(cio.to_node_link(graph)))
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_directed() == graph.is_directed()
    assert back.is_multigraph() == graph.is_multigraph()
    assert list(back) == list(graph)
    if graph.is_multigraph():
        assert sorted(back.edges(keys=True)) == sorted(graph.edges(keys=True))
    else:
        assert sorted(back.edges) == sorted(graph.edges)


def test_node_link_values_are_json_values() -> None:
    """Dates become ISO strings, tuples lists, None stays null, and the id attribute of a typed
    node is renamed id_ so that it does not clash with the node key."""
    road = bolivia_peru()
    data = cio.to_node_link(cg.dependency_graph(road))
    a1 = data["nodes"][0]
    assert a1["id"] == "A1"
    assert a1["start"] == "2025-03-01"
    assert a1["parties"] == ["BOL", "PER"]
    assert data["nodes"][2]["progress"] is None
    assert data["graph"] == {"roadmap": "bol-per"}
    typed = cio.to_node_link(cg.roadmap_graph(road))
    assert typed["nodes"][0] == {
        "id": "party:BOL",
        "id_": "BOL",
        "kind": "party",
        "name": "Bolivia",
    }
    json.dumps(typed, allow_nan=False)


def test_converted_values_of_user_graphs() -> None:
    """Sets are sorted, enums become their values and mappings JSON text, in user graphs too."""
    graph: nx.Graph[Any] = nx.Graph()
    graph.add_node(
        "x",
        tags=frozenset({"b", "a"}),
        status=cf.Status.COMPLETED,
        extra={"z": 1, "a": (1, 2)},
        missing=None,
    )
    node = cio.to_node_link(graph)["nodes"][0]
    assert node == {
        "id": "x",
        "tags": ["a", "b"],
        "status": "completed",
        "extra": {"z": 1, "a": [1, 2]},
        "missing": None,
    }


def test_mermaid_text() -> None:
    """Mermaid: a flowchart declaring every node with its escaped label, and edges with kinds."""
    text = cio.to_mermaid(cg.dependency_graph(bolivia_peru()))
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert '    n0["Campaña #quot;Corazón Azul#quot; #lt;anual#gt; #35;1"]' in lines
    assert '    n1["Mesa de trabajo policía–fiscalía"]' in lines
    assert '    n2["Equipo de respuesta"]' in lines
    assert '    n0 -->|"depends_on"| n1' in lines
    assert '    n1 -->|"depends_on"| n2' in lines
    assert text.endswith("\n")
    undirected = cio.to_mermaid(cg.agency_network(bolivia_peru()))
    assert '    n0["Fiscalía General del Estado"]' in undirected
    assert '    n2["Policía Nacional del Perú #quot;PNP#quot;"]' in undirected
    assert "    n0 --- n2" in undirected
    assert "-->" not in undirected


def test_dot_text() -> None:
    """DOT: quoted ids, escaped labels (quotes, backslashes, line breaks), -> or -- edges."""
    text = cio.to_dot(cg.roadmap_graph(bolivia_peru()))
    assert text.startswith("digraph {\n")
    assert text.endswith("}\n")
    assert '    "party:PER" [label="Perú"];' in text
    assert '    "agency:PNP" [label="Policía Nacional del Perú \\"PNP\\""];' in text
    assert '    "activity:A2" [label="Mesa de trabajo\\npolicía–fiscalía"];' in text
    assert '    "activity:A1" -> "activity:A2" [label="depends_on"];' in text
    for node in cg.roadmap_graph(bolivia_peru()):
        assert f'"{node}" [label=' in text

    graph: nx.Graph[Any] = nx.Graph()
    graph.add_edge('a"b', "c\\d")
    assert cio.to_dot(graph) == (
        'graph {\n    "a\\"b" [label="a\\"b"];\n    "c\\\\d" [label="c\\\\d"];\n'
        '    "a\\"b" -- "c\\\\d";\n}\n'
    )


# The node keys of each graph of bolivia_peru(), in graph order, and one text that must be
# written as it is (an activity title or an agency name with quotes, markup and accents).
WRITTEN_NODES = {
    "dependency_graph": ["A1", "A2", "A3"],
    "responsibility_graph": [
        *("agency:FGE", "agency:MJTI", "agency:PNP", "agency:DGM", "agency:A1"),
        *("activity:A1", "activity:A2", "activity:A3"),
    ],
    "agency_network": ["FGE", "MJTI", "PNP", "DGM", "A1"],
    "roadmap_graph": [
        *("party:BOL", "party:PER"),
        *("agency:FGE", "agency:MJTI", "agency:PNP", "agency:DGM", "agency:A1"),
        *("axis:prev", "axis:inv", "activity:A1", "activity:A2", "activity:A3"),
    ],
}
WRITTEN_TEXT = {
    "dependency_graph": 'Campaña "Corazón Azul" <anual> #1',
    "responsibility_graph": 'Policía Nacional del Perú "PNP"',
    "agency_network": 'Policía Nacional del Perú "PNP"',
    "roadmap_graph": 'Policía Nacional del Perú "PNP"',
}
_DOT_NODE = re.compile(r'^    "((?:[^"\\]|\\.)*)" \[label="((?:[^"\\]|\\.)*)"\];$', re.MULTILINE)
_MERMAID_NODE = re.compile(r'^    (n\d+)\["([^"]*)"\]$', re.MULTILINE)


def written_nodes_and_texts(fmt: str, text: str) -> tuple[list[str], list[str]]:
    """The node keys and the text values a file holds, read back by a parser of its format
    (for Mermaid, which has no keys, the node names n0, n1, ... and their labels, unescaped)."""
    if fmt in ("graphml", "gexf"):
        root = ET.fromstring(text.encode("utf-8"))
        nodes = [e.get("id", "") for e in root.iter() if e.tag.endswith("}node")]
        values = [e.text or "" for e in root.iter() if e.tag.endswith("}data")]
        values += [e.get("value", "") for e in root.iter() if e.tag.endswith("}attvalue")]
        return nodes, values
    if fmt == "json":
        data = json.loads(text)
        return [n["id"] for n in data["nodes"]], [
            v for n in data["nodes"] for v in n.values() if isinstance(v, str)
        ]
    if fmt == "dot":
        pairs = _DOT_NODE.findall(text)
        unescape = functools.partial(re.sub, r"\\(.)", r"\1")
        return [unescape(key) for key, _ in pairs], [unescape(label) for _, label in pairs]
    pairs = _MERMAID_NODE.findall(text)
    entities = {"#quot;": '"', "#lt;": "<", "#gt;": ">", "#35;": "#"}
    labels = [re.sub("#quot;|#lt;|#gt;|#35;", lambda m: entities[m.group()], v) for _, v in pairs]
    return [name for name, _ in pairs], labels


@pytest.mark.parametrize("builder", BUILDERS)
@pytest.mark.parametrize("fmt", sorted(FILE_FORMATS))
def test_written_bytes_are_deterministic(builder: Any, fmt: str, tmp_path: Path) -> None:
    """Two graphs built from the same roadmap are written to the same bytes, in UTF-8; read
    back, the file holds exactly the graph's nodes in order and the roadmap's text as written."""
    first, second = tmp_path / f"a{FILE_FORMATS[fmt]}", tmp_path / f"b{FILE_FORMATS[fmt]}"
    cio.write_graph(builder(bolivia_peru()), first)
    cio.write_graph(builder(bolivia_peru()), second)
    content = first.read_bytes()
    assert content == second.read_bytes()
    text = content.decode("utf-8")
    expected = WRITTEN_NODES[builder.__name__]
    nodes, values = written_nodes_and_texts(fmt, text)
    assert nodes == (expected if fmt != "mermaid" else [f"n{i}" for i in range(len(expected))])
    assert WRITTEN_TEXT[builder.__name__] in values
    assert "lastmodifieddate" not in text


def test_format_argument_overrides_the_suffix(tmp_path: Path) -> None:
    """An explicit format wins over the suffix; .gv is DOT; suffixes are case-insensitive."""
    graph = cg.dependency_graph(bolivia_peru())
    cio.write_graph(graph, tmp_path / "g.txt", format="mermaid")
    assert (tmp_path / "g.txt").read_text(encoding="utf-8").startswith("flowchart LR\n")
    cio.write_graph(graph, tmp_path / "g.gv")
    assert (tmp_path / "g.gv").read_text(encoding="utf-8").startswith("digraph {")
    cio.write_graph(graph, str(tmp_path / "G.GraphML"))
    assert nx.read_graphml(tmp_path / "G.GraphML").number_of_nodes() == 3
    assert set(cio.GRAPH_FORMATS) == {"dot", "gexf", "graphml", "json", "mermaid"}


def test_bad_format_is_rejected(tmp_path: Path) -> None:
    """An unknown format raises InvalidParameterError (a ValueError) in the sklearn form, and
    writes nothing."""
    graph = cg.dependency_graph(bolivia_peru())
    with pytest.raises(InvalidParameterError) as info:
        cio.write_graph(graph, tmp_path / "g.graphml", format="x")
    assert str(info.value) == (
        "The 'format' parameter of write_graph must be one of 'dot', 'gexf', 'graphml', 'json', "
        "'mermaid' or None. Got 'x' instead."
    )
    assert isinstance(info.value, ValueError)
    with pytest.raises(InvalidParameterError, match="The 'format' parameter of write_graph"):
        cio.write_graph(graph, tmp_path / "g.txt")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_path_raises_document_file_error(tmp_path: Path) -> None:
    """A file that cannot be written raises DocumentFileError, an OSError."""
    with pytest.raises(cf.DocumentFileError) as info:
        cio.write_graph(cg.agency_network(bolivia_peru()), tmp_path / "missing" / "g.json")
    assert isinstance(info.value, OSError)


def test_empty_graph_exports() -> None:
    """A roadmap without agencies and activities still exports valid text."""
    road = cf.Roadmap(
        id="empty",
        title="Empty",
        parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
        period=cf.Period(start=D(2025, 1, 1), end=D(2025, 12, 31)),
    )
    graph = cg.dependency_graph(road)
    assert cio.to_mermaid(graph) == "flowchart LR\n"
    assert cio.to_dot(graph) == "digraph {\n}\n"
    assert cio.to_node_link(graph)["nodes"] == []
    assert cg.agency_network(road).number_of_nodes() == 0
