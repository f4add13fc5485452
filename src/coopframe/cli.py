"""The ``coopframe`` command: validate, evaluate, compare, rank and export roadmaps.

Every subcommand takes files (YAML, JSON or TOML) or the names of bundled datasets
(``coopframe evaluate bolivia-peru-2021-2022``): an argument that names an existing path is
read as a file, otherwise as a dataset name. Reports go to standard output, or atomically to
``--output FILE``.

Exit codes: 0 on success; 1 when an input is invalid or cannot be read, or the output cannot
be written (every problem is printed to standard error with its file and path, such as
``roadmap.yaml: activities[3].depends_on[0]: unknown activity 'A-12'``); 2 for a usage error
(an unknown option, a value out of range, an input path the system refuses, such as one too
long or inside a directory that cannot be read, or ``--output`` naming one of the inputs);
141 (128 + SIGPIPE), quietly, when the reader of standard output goes away, as for other
Unix tools. Everything written to standard error, and every report printed to a terminal,
has its control, bidirectional and zero-width characters spelt out
(:func:`coopframe._text.visible`), so text from an input cannot drive the terminal.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import io
import json
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from coopframe import datasets
from coopframe._text import visible
from coopframe._util import write_atomically
from coopframe.analysis import MAX_SAMPLES
from coopframe.exceptions import (
    MAX_SHOWN_PROBLEMS,
    CoopframeError,
    DocumentFileError,
    InvalidDocumentError,
    InvalidParameterError,
    Problem,
)
from coopframe.graph import (
    agency_network,
    dependency_graph,
    responsibility_graph,
    roadmap_graph,
)
from coopframe.io import (
    GRAPH_FORMATS,
    Document,
    find_documents,
    graph_bytes,
    graph_format_for_path,
    json_schema,
)
from coopframe.io import load as load_document
from coopframe.model import Agreement, Roadmap, findings
from coopframe.render import (
    FormatName as ReportFormat,
)
from coopframe.render import (
    render_comparison,
    render_evaluation,
    render_evaluations,
    render_ranking,
    render_table,
    render_trajectory,
)
from coopframe.scoring import PROFILES, Evaluation, evaluate

__all__ = ["MAX_JOBS", "main"]

MAX_JOBS = 256
"""The most worker processes ``coopframe rank --jobs`` starts."""

if TYPE_CHECKING:
    from click.decorators import FC

    from coopframe.analysis import Item

_T = TypeVar("_T")

# ---------------------------------------------------------------------------------------------
# Inputs


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


# ---------------------------------------------------------------------------------------------
# Output


def _emit(text: str | bytes, output: Path | None) -> None:
    """Write a report to standard output, or to ``output`` (see :func:`write_atomically`).

    On a terminal, hidden and control characters are spelt out. A write error on standard
    output (a full disk) is an error with status 1; a closed pipe ends the command quietly.
    """
    if output is not None:
        context = click.get_current_context(silent=True)
        if context is not None:
            _refuse_to_overwrite_input(output, context.meta.get(_INPUTS, []))
        data = text.encode("utf-8") if isinstance(text, str) else text
        write_atomically(output, data)
        return
    stream = sys.stdout.buffer
    if _is_terminal(sys.stdout):
        shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
        data = visible(shown).encode("utf-8")
    else:
        data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_standard_streams(errors_too=False)
        raise DocumentFileError(
            f"standard output: cannot be written ({exc.strerror or exc})"
        ) from None


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError):
        return False


def _silence_standard_streams(*, errors_too: bool = True) -> None:
    """Point standard output (and error) at the null device, so that what is still buffered
    for a closed pipe or a full disk is dropped at exit instead of raising there."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        for stream in (sys.stdout, sys.stderr) if errors_too else (sys.stdout,):
            try:
                os.dup2(null, stream.fileno())
            except (OSError, ValueError, AttributeError):
                continue
    finally:
        os.close(null)


_BROKEN_PIPE_STATUS = 128 + int(getattr(signal, "SIGPIPE", 13))


@contextmanager
def _progress(items: Sequence[_T], label: str) -> Iterator[Iterable[_T]]:
    """A progress bar on standard error, only when it is a terminal and there is a lot to do."""
    if len(items) > 1 and sys.stderr.isatty():
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield bar
    else:
        yield items


# ---------------------------------------------------------------------------------------------
# Options shared by the subcommands


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


# ---------------------------------------------------------------------------------------------
# The command group


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


# validate ------------------------------------------------------------------------------------


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


# evaluate ------------------------------------------------------------------------------------


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


# compare -------------------------------------------------------------------------------------


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


# rank ----------------------------------------------------------------------------------------


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
    type=click.IntRange(min=1, max=MAX_SAMPLES),
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


# graph ---------------------------------------------------------------------------------------

_GRAPHS: dict[str, Callable[[Roadmap], Any]] = {
    "roadmap": roadmap_graph,
    "dependency": dependency_graph,
    "responsibility": responsibility_graph,
    "agency": agency_network,
}


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
    type=click.Choice(list(_GRAPHS)),
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
    built = _GRAPHS[kind](roadmap)
    _emit(graph_bytes(built, format="graphml" if chosen is None else chosen), output)


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


# schema --------------------------------------------------------------------------------------


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
