"""The format registries: a document or graph format is one entry, and everything follows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

import coopframe as cf
from coopframe import cli
from coopframe import io as cio

ROADMAP = "bolivia-peru-2025-2026"


def _compact(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


@pytest.fixture
def compact_json() -> Iterator[cio.DocumentFormat]:
    """A format defined here: JSON on one line, under its own name and suffixes."""
    fmt = cio.register_format(
        cio.DocumentFormat(
            name="compact-json",
            suffixes=(".cjson", ".jsonc1"),
            parse=cio.get_format("json").parse,
            dump=_compact,
        )
    )
    yield fmt
    cio.unregister_format("compact-json")


def test_built_in_formats_are_registry_entries() -> None:
    """FORMATS lists the registry, sorted, each name with the suffixes that select it."""
    assert dict(cio.FORMATS) == {
        "json": (".json",),
        "toml": (".toml",),
        "yaml": (".yaml", ".yml"),
    }
    for name, suffixes in cio.FORMATS.items():
        assert cio.get_format(name).suffixes == suffixes


def test_a_registered_format_works_everywhere(
    compact_json: cio.DocumentFormat, tmp_path: Path
) -> None:
    """A format registered by one call is read and written by load, loads, dump, dumps and the
    typed loaders, chosen by its name or its suffix, with no other edit."""
    road = cf.datasets.load(ROADMAP)
    assert "compact-json" in cio.FORMATS
    assert cio.FORMATS["compact-json"] == (".cjson", ".jsonc1")
    assert cio.format_for_path("road.CJSON") == "compact-json"
    text = cf.dumps(road, format="compact-json")
    assert text.count("\n") == 1
    assert cf.loads(text, format="compact-json") == road
    assert cf.loads_roadmap(text, format="compact-json") == road
    path = tmp_path / "road.cjson"
    cf.dump(road, path)
    assert path.read_text(encoding="utf-8") == text
    assert cf.load(path) == road
    assert cf.load_roadmap(tmp_path / "road.cjson") == road


def test_a_registered_format_is_read_by_the_command(
    compact_json: cio.DocumentFormat, tmp_path: Path
) -> None:
    """The command guesses an input's format from the registry too."""
    path = tmp_path / "road.jsonc1"
    cf.dump(cf.datasets.load(ROADMAP), path)
    result = CliRunner().invoke(cli.main, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_a_registered_format_is_offered_in_messages(compact_json: cio.DocumentFormat) -> None:
    """Messages listing the formats or suffixes list the registered one."""
    with pytest.raises(cf.InvalidParameterError, match="'compact-json'"):
        cf.dumps(cf.datasets.load(ROADMAP), format="xml")  # type: ignore[arg-type]
    with pytest.raises(cf.DocumentFileError, match=r"\.toml, \.cjson or \.jsonc1"):
        cio.format_for_path("road.xml")


def test_unregistered_format_is_gone(compact_json: cio.DocumentFormat) -> None:
    """Unregistering returns the entry and removes it from every reader."""
    assert cio.unregister_format("compact-json") is compact_json
    assert "compact-json" not in cio.FORMATS
    with pytest.raises(cf.DocumentFileError):
        cio.format_for_path("road.cjson")
    cio.register_format(compact_json)  # for the fixture to remove


def test_registering_refuses_taken_names_and_suffixes() -> None:
    """A taken name needs replace=True; a suffix selecting another format is refused."""
    json_format = cio.get_format("json")
    with pytest.raises(cf.InvalidParameterError, match="already registered"):
        cio.register_format(json_format)
    assert cio.register_format(json_format, replace=True) is json_format
    assert list(cio.FORMATS) == ["json", "toml", "yaml"]
    thief = cio.DocumentFormat(
        name="other", suffixes=(".yml",), parse=json_format.parse, dump=json_format.dump
    )
    with pytest.raises(cf.InvalidParameterError, match=r"'\.yml', which selects 'yaml'"):
        cio.register_format(thief)
    with pytest.raises(cf.InvalidParameterError, match="DocumentFormat"):
        cio.register_format("json")  # type: ignore[arg-type]
    assert "other" not in cio.FORMATS


@pytest.mark.parametrize("suffixes", [(), ("json",), (".JSON",), ".json", (".",)])
def test_format_suffixes_are_checked(suffixes: Any) -> None:
    """Suffixes are a non-empty tuple of lower-case suffixes with their dot."""
    json_format = cio.get_format("json")
    with pytest.raises(cf.InvalidParameterError, match="'suffixes' parameter of DocumentFormat"):
        cio.DocumentFormat(
            name="x", suffixes=suffixes, parse=json_format.parse, dump=json_format.dump
        )


def test_unknown_format_names_are_refused() -> None:
    """get_format and unregister_format refuse an unknown name, listing the known ones."""
    with pytest.raises(cf.UnknownNameError, match="known formats: json, toml, yaml"):
        cio.get_format("xml")
    with pytest.raises(cf.UnknownNameError):
        cio.unregister_format("xml")


def test_registries_are_read_only() -> None:
    """FORMATS and GRAPH_FORMATS cannot be written; only the register functions change them."""
    with pytest.raises(TypeError):
        cio.FORMATS["xml"] = (".xml",)  # type: ignore[index]
    with pytest.raises(TypeError):
        cio.GRAPH_FORMATS["svg"] = (".svg",)  # type: ignore[index]


# Graph formats -----------------------------------------------------------------------------


def _edge_list(graph: nx.Graph[Any]) -> bytes:
    return "".join(f"{u} {v}\n" for u, v in graph.edges()).encode("utf-8")


@pytest.fixture
def edge_list() -> Iterator[cio.GraphFormat]:
    """A graph format defined here: one line per edge."""
    fmt = cio.register_graph_format(
        cio.GraphFormat(name="edgelist", suffixes=(".edges",), render=_edge_list)
    )
    yield fmt
    cio.unregister_graph_format("edgelist")


def test_built_in_graph_formats_are_registry_entries() -> None:
    """GRAPH_FORMATS lists the graph registry, sorted, and the command offers exactly those."""
    assert dict(cio.GRAPH_FORMATS) == {
        "dot": (".dot", ".gv"),
        "gexf": (".gexf",),
        "graphml": (".graphml",),
        "json": (".json",),
        "mermaid": (".mmd",),
    }
    option = next(p for p in cli.main.commands["graph"].params if p.name == "fmt")
    assert list(option.type.choices) == sorted(cio.GRAPH_FORMATS)  # type: ignore[attr-defined]


def test_a_registered_graph_format_works_everywhere(
    edge_list: cio.GraphFormat, tmp_path: Path
) -> None:
    """A graph format registered by one call is written by graph_bytes and write_graph, chosen
    by its name or its suffix, and by the command from the --output suffix."""
    road = cf.datasets.load(ROADMAP)
    graph = cf.graph.dependency_graph(road)
    expected = _edge_list(graph)
    assert cio.GRAPH_FORMATS["edgelist"] == (".edges",)
    assert cio.graph_format_for_path("deps.EDGES") == "edgelist"
    assert cio.graph_bytes(graph, format="edgelist") == expected
    cio.write_graph(graph, tmp_path / "deps.edges")
    assert (tmp_path / "deps.edges").read_bytes() == expected
    cio.write_graph(graph, tmp_path / "deps.txt", format="edgelist")
    assert (tmp_path / "deps.txt").read_bytes() == expected
    out = tmp_path / "cli.edges"
    result = CliRunner().invoke(
        cli.main, ["graph", ROADMAP, "--kind", "dependency", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == expected


def test_graph_registry_refuses_taken_names_and_unknown_ones(edge_list: cio.GraphFormat) -> None:
    """Names and suffixes are checked as for documents; unknown names are refused."""
    with pytest.raises(cf.InvalidParameterError, match="already registered"):
        cio.register_graph_format(edge_list)
    with pytest.raises(cf.InvalidParameterError, match="which selects 'dot'"):
        cio.register_graph_format(
            cio.GraphFormat(name="graphviz", suffixes=(".gv",), render=_edge_list)
        )
    with pytest.raises(cf.UnknownNameError, match="unknown graph format 'svg'"):
        cio.get_graph_format("svg")
    with pytest.raises(cf.InvalidParameterError, match="'edgelist'"):
        cio.graph_bytes(nx.Graph(), format="svg")
    assert cio.graph_format_for_path("deps.svg") is None
