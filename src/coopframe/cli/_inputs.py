"""The inputs of every command: files or bundled datasets, read, and their errors."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn

import click

from coopframe import datasets
from coopframe._text import visible
from coopframe.exceptions import (
    MAX_SHOWN_PROBLEMS,
    CoopframeError,
    DocumentFileError,
    InvalidDocumentError,
    Problem,
)
from coopframe.io import Document
from coopframe.io import load as load_document
from coopframe.model import Roadmap


class _Source:
    """One command-line input, read: its label (the argument) and the document it holds."""

    def __init__(self, label: str, document: Document) -> None:
        self.label = label
        self.document = document

    def roadmaps(self) -> list[tuple[str, Roadmap]]:
        """The roadmaps it holds, each with a label (an agreement's are numbered)."""
        if isinstance(self.document, Roadmap):
            return [(self.label, self.document)]
        return [
            (f"{self.label}: roadmaps[{i}]", roadmap)
            for i, roadmap in enumerate(self.document.roadmaps)
        ]


def _usage_exit(message: str) -> NoReturn:
    """A usage error in one line on standard error, and exit status 2."""
    click.echo(visible(f"Error: {message}"), err=True)
    raise click.exceptions.Exit(2)


def _look_up(argument: str) -> os.stat_result | None:
    """What ``argument`` names on disk, or ``None`` when it names nothing there.

    A path the system refuses to look up (too long, inside a directory that cannot be
    searched) is a usage error, exit status 2.
    """
    try:
        return os.stat(argument)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _usage_exit(f"{argument}: cannot be used as an input path ({reason})")


def _remember_input(argument: str) -> None:
    """Note an input file; refuse (status 2) if ``--output`` would overwrite it."""
    context = click.get_current_context(silent=True)
    if context is None:
        return
    context.meta.setdefault(_INPUTS, []).append(argument)
    _refuse_to_overwrite_input(context.params.get("output"), [argument])


_INPUTS = "coopframe.inputs"


def _refuse_to_overwrite_input(output: Path | None, inputs: Iterable[str]) -> None:
    if output is None:
        return
    try:
        if not stat.S_ISREG(os.stat(output).st_mode):
            return
    except (OSError, ValueError):
        return
    for argument in inputs:
        try:
            same = os.path.samefile(argument, output)
        except (OSError, ValueError):
            continue
        if same:
            _usage_exit(
                f"--output {os.fspath(output)} is the input {argument}; "
                "refusing to overwrite an input"
            )


def _read(argument: str) -> _Source:
    """An existing path, else a bundled dataset's name; otherwise a clear error."""
    found = _look_up(argument)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise DocumentFileError(f"{argument}: is a directory, not a file")
    if found is not None:
        _remember_input(argument)
        return _Source(argument, load_document(Path(argument)))
    known = datasets.names()
    if argument in known:
        return _Source(argument, datasets.load(argument))
    raise DocumentFileError(
        f"{argument}: no such file, and no bundled dataset of that name; "
        f"bundled datasets: {', '.join(known)}"
    )


def _error_lines(error: CoopframeError) -> list[str]:
    """An error as lines for standard error: one per problem, each with its file and path.

    At most :data:`~coopframe.exceptions.MAX_SHOWN_PROBLEMS` problems are listed, then how many
    more there are, so that a hostile document cannot flood the terminal.
    """
    if isinstance(error, InvalidDocumentError) and error.problems:
        return _problem_lines(f"{error.source}: " if error.source else "", error.problems)
    return str(error).splitlines() or [type(error).__name__]


def _problem_lines(where: str, problems: Sequence[Problem]) -> list[str]:
    """The first :data:`~coopframe.exceptions.MAX_SHOWN_PROBLEMS` problems, then a count."""
    lines = [f"{where}{problem}" for problem in problems[:MAX_SHOWN_PROBLEMS]]
    hidden = len(problems) - MAX_SHOWN_PROBLEMS
    if hidden > 0:
        lines.append(f"{where}... and {hidden:,} more problems")
    return lines


def _say(line: str) -> None:
    """One line (or several) on standard error, with hidden and control characters spelt out."""
    click.echo(visible(line), err=True)


def _fail(lines: Iterable[str]) -> NoReturn:
    for line in lines:
        _say(line)
    raise click.exceptions.Exit(1)


def _read_all(arguments: Sequence[str]) -> list[_Source]:
    """Read every input; if any fails, print every problem and exit with status 1."""
    sources: list[_Source] = []
    problems: list[str] = []
    for argument in arguments:
        try:
            sources.append(_read(argument))
        except CoopframeError as error:
            problems += _error_lines(error)
    if problems:
        _fail(problems)
    return sources


def _roadmaps_of(sources: Sequence[_Source]) -> list[tuple[str, Roadmap]]:
    return [item for source in sources for item in source.roadmaps()]
