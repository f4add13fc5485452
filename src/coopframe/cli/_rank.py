"""``coopframe rank``: many roadmaps by their composite, with how robust the ranking is."""

from __future__ import annotations

import concurrent.futures
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coopframe.cli._inputs import (
    _error_lines,
    _fail,
    _look_up,
    _problem_lines,
    _read,
    _remember_input,
    _say,
    _usage_exit,
)
from coopframe.cli._main import main
from coopframe.cli._options import (
    _OUTPUT,
    _PROFILE,
    _REPORT_FORMAT_CHOICES,
    _epilog,
    _format_option,
)
from coopframe.cli._output import _emit
from coopframe.exceptions import CoopframeError
from coopframe.io import find_documents

if TYPE_CHECKING:
    from coopframe.analysis import Item
    from coopframe.cli._report import ReportFormat


MAX_JOBS = 256
"""The most worker processes ``coopframe rank --jobs`` starts."""


class _SamplesRange(click.IntRange):
    """1 to :data:`coopframe.analysis.MAX_SAMPLES`, the maximum read from the analysis only
    when ``rank`` runs or shows its help, so that the other commands do not load it."""

    def __init__(self) -> None:
        super().__init__(min=1)

    @property
    def max(self) -> int:
        from coopframe.analysis import MAX_SAMPLES

        return MAX_SAMPLES

    @max.setter
    def max(self, value: object) -> None:
        """click's constructor sets ``max``; the analysis' maximum is kept."""


@main.command(
    epilog=_epilog(
        "coopframe rank roadmaps/",
        "coopframe rank roadmaps/ --samples 2000 --top-k 5 --seed 1 --jobs 2",
        "coopframe rank a.yaml b.yaml bolivia-peru-2025-2026 --format markdown",
    )
)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT_OR_DIRECTORY...")
@_PROFILE
@click.option(
    "--samples",
    type=_SamplesRange(),
    default=1000,
    show_default=True,
    help="Random weightings drawn to test how robust the ranking is.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of those draws.")
@click.option(
    "--top-k",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="How often each roadmap stays in the top K.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1, max=MAX_JOBS),
    default=1,
    show_default=True,
    help="Evaluate in this many worker processes.",
)
@_format_option(_REPORT_FORMAT_CHOICES)
@_OUTPUT
def rank(
    inputs: tuple[str, ...],
    profile: str | None,
    samples: int,
    seed: int,
    top_k: int,
    jobs: int,
    fmt: ReportFormat,
    output: Path | None,
) -> None:
    """Rank many roadmaps by their composite, with how robust the ranking is.

    Takes files, bundled dataset names and directories (every .yaml, .yml, .json and .toml
    file in them). Robustness: the share of random weightings of the profile's scores under
    which each roadmap keeps its place or stays in the top K.
    """
    _rank(inputs, profile, samples, seed, top_k, jobs, fmt, output)


def _rank(
    inputs: Sequence[str],
    profile: str | None,
    samples: int,
    seed: int,
    top_k: int,
    jobs: int,
    fmt: ReportFormat,
    output: Path | None,
) -> None:
    from coopframe.analysis import evaluate_many, rank_robustness
    from coopframe.cli._report import render_ranking

    items: list[Item] = []
    problems: list[str] = []
    for argument in inputs:
        status = _look_up(argument)
        try:
            if status is not None and stat.S_ISDIR(status.st_mode):
                _check_listable(argument)
                found = find_documents(argument)
                if not found:
                    _say(f"warning: {argument}: no roadmap files in this directory")
                for file in found:
                    _remember_input(os.fspath(file))
                items += [os.fspath(file) for file in found]
            elif status is not None:
                _remember_input(argument)
                items.append(argument)
            else:
                items.append(_read(argument).document)
        except CoopframeError as error:
            problems += _error_lines(error)
    if problems:
        _fail(problems)
    with _executor(jobs) as executor:
        batch = evaluate_many(items, profile=profile, executor=executor, progress=None)
    for failure in batch.failures:
        if failure.problems:
            for line in _problem_lines(f"{failure.source}: ", failure.problems):
                _say(line)
        else:
            _say(failure.error or f"{failure.source}: {failure.error_kind}")
    robustness = rank_robustness(batch, profile=profile, n_samples=samples, top_k=top_k, seed=seed)
    _emit(render_ranking(robustness, format=fmt), output)
    if batch.failures:
        raise click.exceptions.Exit(1)


def _check_listable(argument: str) -> None:
    """A directory given to rank must be listable: otherwise a usage error, status 2."""
    try:
        with os.scandir(argument):
            pass
    except OSError as exc:
        _usage_exit(f"{argument}: the directory cannot be read ({exc.strerror or exc})")


@contextmanager
def _executor(jobs: int) -> Iterator[concurrent.futures.Executor | None]:
    """A pool of ``jobs`` worker processes, or ``None`` (this process) for one job."""
    if jobs == 1:
        yield None
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        yield pool
