"""``coopframe evaluate``: score roadmaps and report every score."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coopframe.cli._inputs import _read_all, _roadmaps_of, _usage_exit
from coopframe.cli._main import main
from coopframe.cli._options import (
    _OUTPUT,
    _PROFILE,
    _REPORT_FORMAT_CHOICES,
    _epilog,
    _format_option,
    _parse_date,
)
from coopframe.cli._output import _emit, _progress
from coopframe.exceptions import InvalidParameterError
from coopframe.scoring import Evaluation, evaluate

if TYPE_CHECKING:
    from coopframe.cli._report import ReportFormat


@main.command(
    "evaluate",
    epilog=_epilog(
        "coopframe evaluate bolivia-peru-2021-2022",
        "coopframe evaluate roadmap.yaml --profile delivery --as-of 2026-06-30",
        "coopframe evaluate roadmap.yaml --format html -o report.html",
        "coopframe evaluate a.yaml b.yaml --format json",
    ),
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@_PROFILE
@click.option(
    "--as-of",
    metavar="DATE",
    callback=_parse_date,
    default=None,
    help="Status date for date-dependent scores (default: each roadmap's own).",
)
@_format_option(_REPORT_FORMAT_CHOICES)
@_OUTPUT
def evaluate_command(
    inputs: tuple[str, ...],
    profile: str | None,
    as_of: dt.date | None,
    fmt: ReportFormat,
    output: Path | None,
) -> None:
    """Score roadmaps and report every score with what it came from.

    One roadmap gives a full report: the composite and its band, compliance, the reported rate
    against the computed one, compliance by axis, pillar coverage, the agency network and the
    critical path. Several (or an agreement) give a summary table, then each report.
    """
    from coopframe.cli._report import render_evaluation, render_evaluations

    roadmaps = _roadmaps_of(_read_all(inputs))
    evaluations: list[Evaluation] = []
    with _progress(roadmaps, "Evaluating") as items:
        for label, roadmap in items:
            try:
                evaluations.append(evaluate(roadmap, profile=profile, as_of=as_of))
            except InvalidParameterError as error:  # --as-of before the roadmap's own date
                _usage_exit(f"{label}: {error}")
    if len(evaluations) == 1:
        text = render_evaluation(evaluations[0], format=fmt)
    else:
        text = render_evaluations(evaluations, format=fmt)
    _emit(text, output)
