"""The ``coopframe`` command group, which turns coopframe errors into messages."""

from __future__ import annotations

import io
from typing import Any

import click

from coopframe._text import visible
from coopframe.cli._inputs import _error_lines, _fail
from coopframe.cli._options import _epilog
from coopframe.cli._output import _BROKEN_PIPE_STATUS, _silence_standard_streams
from coopframe.exceptions import CoopframeError


class _Group(click.Group):
    """Turns a coopframe error into its message on standard error and exit status 1.

    Usage errors keep click's form, with hidden and control characters of their message spelt
    out; a closed pipe on standard output or error ends the command quietly with status 141.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CoopframeError as error:
            _fail(_error_lines(error))
        except click.ClickException as error:
            shown = io.StringIO()
            error.show(file=shown)
            click.echo(visible(shown.getvalue()), err=True, nl=False)
            raise click.exceptions.Exit(error.exit_code) from None
        except BrokenPipeError:
            _silence_standard_streams()
            raise click.exceptions.Exit(_BROKEN_PIPE_STATUS) from None


@click.group(
    "coopframe",
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_epilog(
        "coopframe datasets",
        "coopframe validate roadmap.yaml",
        "coopframe evaluate bolivia-peru-2021-2022 --format html -o report.html",
    ),
)
@click.version_option(package_name="coopframe", prog_name="coopframe")
def main() -> None:
    """Model, graph and score anti-trafficking cooperation roadmaps.

    Every INPUT is a roadmap or agreement file (.yaml, .yml, .json, .toml) or the name of a
    bundled dataset (see `coopframe datasets`). Exit status: 0 on success, 1 when an input is
    invalid or cannot be read or the output cannot be written, 2 for a usage error (including
    an input path the system refuses, and --output naming an input), 141 when the reader of
    standard output has gone.
    """
