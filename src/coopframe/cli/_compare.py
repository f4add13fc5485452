"""``coopframe compare``: two roadmaps, or an agreement's roadmaps in turn."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from coopframe.cli._inputs import _read_all, _Source
from coopframe.cli._main import main
from coopframe.cli._options import (
    _OUTPUT,
    _PROFILE,
    _REPORT_FORMAT_CHOICES,
    _epilog,
    _format_option,
)
from coopframe.cli._output import _emit
from coopframe.model import Agreement, Roadmap

if TYPE_CHECKING:
    from coopframe.cli._report import ReportFormat


@main.command(
    epilog=_epilog(
        "coopframe compare bolivia-peru-2021-2022 bolivia-peru-2025-2026 --no-match-ids",
        "coopframe compare bolivia-peru-framework --no-match-ids --format markdown",
        "coopframe compare old.yaml new.yaml --format html -o comparison.html",
    )
)
@click.argument("inputs", nargs=-1, required=True, metavar="A [B]")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.6,
    show_default=True,
    help="Title similarity needed to match two activities by title.",
)
@click.option(
    "--match-ids/--no-match-ids",
    default=True,
    show_default=True,
    help="Match activities with the same id first (turn off when ids are positional codes).",
)
@_PROFILE
@_format_option(_REPORT_FORMAT_CHOICES)
@_OUTPUT
def compare(
    inputs: tuple[str, ...],
    threshold: float,
    match_ids: bool,
    profile: str | None,
    fmt: ReportFormat,
    output: Path | None,
) -> None:
    """Compare roadmap B with roadmap A, or follow an agreement's roadmaps.

    With two inputs: which activities were carried over, which are new and which were dropped,
    what changed in axes, agencies and parties, and every score of both with its difference.
    With one agreement: each roadmap's scores and each step from one roadmap to the next.
    """
    from coopframe.analysis import compare as compare_roadmaps
    from coopframe.analysis import trajectory
    from coopframe.cli._report import render_comparison, render_trajectory

    if len(inputs) > 2:
        raise click.UsageError("compare takes one agreement, or two roadmaps A and B.")
    sources = _read_all(inputs)
    if len(sources) == 1:
        (source,) = sources
        if not isinstance(source.document, Agreement):
            raise click.UsageError(
                f"{source.label} holds a roadmap: give two roadmaps, A and B, or one agreement."
            )
        path = trajectory(
            source.document, threshold=threshold, match_ids=match_ids, profile=profile
        )
        _emit(render_trajectory(path, format=fmt), output)
        return
    first, second = (_single_roadmap(source) for source in sources)
    result = compare_roadmaps(
        first, second, threshold=threshold, match_ids=match_ids, profile=profile
    )
    _emit(render_comparison(result, format=fmt), output)


def _single_roadmap(source: _Source) -> Roadmap:
    if isinstance(source.document, Roadmap):
        return source.document
    ids = ", ".join(roadmap.id for roadmap in source.document.roadmaps) or "none"
    raise click.UsageError(
        f"{source.label} holds an agreement (roadmaps: {ids}); give a roadmap here, or the "
        "agreement alone to follow its roadmaps."
    )
