"""``coopframe graph``: export a roadmap's graph."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from coopframe.cli._inputs import _read_all, _Source
from coopframe.cli._main import main
from coopframe.cli._options import _OUTPUT, _epilog
from coopframe.cli._output import _emit
from coopframe.io import (
    GRAPH_FORMATS,
    graph_bytes,
    graph_format_for_path,
)
from coopframe.model import Roadmap

_KINDS = ("roadmap", "dependency", "responsibility", "agency")
"""The graphs ``--kind`` names (built by :func:`_build`)."""


@main.command(
    epilog=_epilog(
        "coopframe graph bolivia-peru-2025-2026 -o roadmap.graphml",
        "coopframe graph roadmap.yaml --kind agency --format mermaid",
        "coopframe graph roadmap.yaml --kind dependency --format dot | dot -Tsvg > deps.svg",
        "coopframe graph bolivia-peru-framework --roadmap bolivia-peru-2025-2026 -o r.gexf",
    )
)
@click.argument("input_", metavar="INPUT")
@click.option(
    "--kind",
    type=click.Choice(list(_KINDS)),
    default="roadmap",
    show_default=True,
    help="Which graph: everything, activity dependencies, agencies and their activities, or "
    "agencies tied by shared activities.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(sorted(GRAPH_FORMATS)),
    default=None,
    help="The graph format (default: from the --output suffix, else graphml).",
)
@click.option("--roadmap", "roadmap_id", default=None, help="For an agreement: which roadmap.")
@_OUTPUT
def graph(
    input_: str, kind: str, fmt: str | None, roadmap_id: str | None, output: Path | None
) -> None:
    """Export a roadmap's graph: GraphML, GEXF, node-link JSON, Graphviz DOT or Mermaid."""
    (source,) = _read_all([input_])
    roadmap = _pick_roadmap(source, roadmap_id)
    chosen = fmt
    if chosen is None and output is not None:
        chosen = graph_format_for_path(output)
        if chosen is None:
            raise click.UsageError(
                f"cannot tell the graph format from {output.name!r}; pass --format "
                f"({', '.join(sorted(GRAPH_FORMATS))})."
            )
    built = _build(kind, roadmap)
    _emit(graph_bytes(built, format="graphml" if chosen is None else chosen), output)


def _build(kind: str, roadmap: Roadmap) -> Any:
    """The graph of ``kind`` built from ``roadmap``."""
    from coopframe.graph import (
        agency_network,
        dependency_graph,
        responsibility_graph,
        roadmap_graph,
    )

    builders: dict[str, Callable[[Roadmap], Any]] = {
        "roadmap": roadmap_graph,
        "dependency": dependency_graph,
        "responsibility": responsibility_graph,
        "agency": agency_network,
    }
    return builders[kind](roadmap)


def _pick_roadmap(source: _Source, roadmap_id: str | None) -> Roadmap:
    document = source.document
    if isinstance(document, Roadmap):
        if roadmap_id is not None and roadmap_id != document.id:
            raise click.UsageError(
                f"{source.label} holds the roadmap {document.id!r}, not {roadmap_id!r}."
            )
        return document
    ids = [roadmap.id for roadmap in document.roadmaps]
    if roadmap_id is None or roadmap_id not in ids:
        given = "" if roadmap_id is None else f"{roadmap_id!r} is not one of them; "
        raise click.UsageError(
            f"{source.label} holds an agreement with the roadmaps {', '.join(ids) or 'none'}; "
            f"{given}choose one with --roadmap."
        )
    return document.roadmap(roadmap_id)
