"""``coopframe schema`` and ``coopframe datasets``: what the command knows without an input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from coopframe import datasets
from coopframe.cli._main import main
from coopframe.cli._options import _OUTPUT, _TABLE_FORMAT_CHOICES, _epilog, _format_option
from coopframe.cli._output import _emit
from coopframe.io import json_schema
from coopframe.model import Roadmap

if TYPE_CHECKING:
    from coopframe.cli._report import ReportFormat


@main.command(
    epilog=_epilog(
        "coopframe schema",
        "coopframe schema -o coopframe.schema.json",
    )
)
@_OUTPUT
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the document format (draft 2020-12).

    Editors use it to complete and check roadmap files as they are written; the rules across
    objects (unique ids, references that resolve, no cycles) are checked by `coopframe
    validate`.
    """
    _emit(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", output)


# datasets ------------------------------------------------------------------------------------


@main.command(
    "datasets",
    epilog=_epilog(
        "coopframe datasets",
        "coopframe datasets --format json",
        "coopframe evaluate bolivia-peru-2021-2022",
    ),
)
@_format_option(_TABLE_FORMAT_CHOICES)
@_OUTPUT
def datasets_command(fmt: ReportFormat, output: Path | None) -> None:
    """List the bundled datasets, whose names every subcommand accepts as INPUT."""
    from coopframe.cli._report import render_table

    rows = []
    for name in datasets.names():
        document = datasets.load(name)
        if isinstance(document, Roadmap):
            kind, activities = "roadmap", len(document.activities)
        else:
            kind = "agreement"
            activities = sum(len(roadmap.activities) for roadmap in document.roadmaps)
        rows.append((name, kind, activities, document.title))
    headers = ("Name", "Kind", "Activities", "Title")
    _emit(render_table(headers, rows, format=fmt, title="Bundled datasets"), output)
