"""The options and the help text the commands share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coopframe.scoring import PROFILES

if TYPE_CHECKING:
    from click.decorators import FC


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """An ISO date, ``YYYY-MM-DD``; a usage error otherwise."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD.") from None


_OUTPUT = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=False, path_type=Path),
    default=None,
    help="Write to this file (atomically; devices and pipes are written through) instead of "
    "standard output. Never one of the inputs.",
)
_PROFILE = click.option(
    "--profile",
    type=click.Choice(sorted(PROFILES)),
    default=None,
    help="The composite's weights (default: balanced).",
)


def _format_option(choices: Sequence[str], default: str = "text") -> Callable[[FC], FC]:
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="The output format.",
    )


_REPORT_FORMAT_CHOICES = ("text", "markdown", "html", "json")
_TABLE_FORMAT_CHOICES = ("text", "json", "markdown", "html")


def _epilog(*lines: str) -> str:
    # \b keeps click from rewrapping the examples.
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
