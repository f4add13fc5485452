"""``coopframe validate``: check documents against the format and the rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coopframe.cli._inputs import _error_lines, _read, _say, _Source
from coopframe.cli._main import main
from coopframe.cli._options import _OUTPUT, _TABLE_FORMAT_CHOICES, _epilog, _format_option
from coopframe.cli._output import _emit
from coopframe.exceptions import (
    CoopframeError,
    InvalidDocumentError,
    Problem,
)
from coopframe.io import Document
from coopframe.model import Roadmap, findings

if TYPE_CHECKING:
    from coopframe.cli._report import ReportFormat


@main.command(
    epilog=_epilog(
        "coopframe validate roadmap.yaml",
        "coopframe validate data/*.yaml --strict",
        "coopframe validate roadmap.yaml --format json -o check.json",
    )
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--strict", is_flag=True, help="Exit with status 1 on warnings too.")
@_format_option(_TABLE_FORMAT_CHOICES)
@_OUTPUT
def validate(inputs: tuple[str, ...], strict: bool, fmt: ReportFormat, output: Path | None) -> None:
    """Check documents against the format and the model's rules.

    Every problem is printed to standard error with its file and path. Soft findings (an axis
    without activities, an agency responsible for nothing) are printed as warnings and do not
    fail the check unless --strict is given. Standard output gets one row per input.
    """
    from coopframe.cli._report import render_table

    records: list[dict[str, Any]] = []
    failed = False
    for argument in inputs:
        try:
            source = _read(argument)
        except CoopframeError as error:
            failed = True
            for line in _error_lines(error):
                _say(line)
            records.append(_validation_record(argument, None, _problems(error), []))
            continue
        warnings = _warnings(source)
        for problem in warnings:
            _say(f"warning: {argument}: {problem}")
        failed = failed or (strict and bool(warnings))
        records.append(_validation_record(argument, source.document, [], warnings))
    if fmt == "json":
        _emit(json.dumps(records, ensure_ascii=False, indent=2) + "\n", output)
    else:
        rows = [
            (r["input"], r["kind"] or "", r["id"] or "", _blank(r["activities"]), r["result"])
            for r in records
        ]
        headers = ("Input", "Kind", "Id", "Activities", "Result")
        _emit(render_table(headers, rows, format=fmt, title="Validation"), output)
    if failed:
        raise click.exceptions.Exit(1)


def _blank(value: object) -> object:
    return "" if value is None else value


def _problems(error: CoopframeError) -> list[Problem]:
    if isinstance(error, InvalidDocumentError) and error.problems:
        return list(error.problems)
    return [Problem("", line) for line in _error_lines(error)]


def _warnings(source: _Source) -> list[Problem]:
    document = source.document
    if isinstance(document, Roadmap):
        return list(findings(document))
    return [
        Problem(f"roadmaps[{i}].{finding.path}".rstrip("."), finding.message)
        for i, roadmap in enumerate(document.roadmaps)
        for finding in findings(roadmap)
    ]


def _validation_record(
    argument: str, document: Document | None, problems: list[Problem], warnings: list[Problem]
) -> dict[str, Any]:
    if document is None:
        kind = identifier = None
        activities = None
        result = f"invalid: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
    else:
        kind = "roadmap" if isinstance(document, Roadmap) else "agreement"
        identifier = document.id
        activities = (
            len(document.activities)
            if isinstance(document, Roadmap)
            else sum(len(roadmap.activities) for roadmap in document.roadmaps)
        )
        count = len(warnings)
        result = f"valid, {count} warning{'s' if count != 1 else ''}" if count else "valid"
    return {
        "input": argument,
        "valid": document is not None,
        "kind": kind,
        "id": identifier,
        "activities": activities,
        "result": result,
        "problems": [{"path": p.path, "message": p.message} for p in problems],
        "warnings": [{"path": p.path, "message": p.message} for p in warnings],
    }
