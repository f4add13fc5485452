"""The coopframe command: subcommands, formats, exit codes, errors with file and path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner, Result

import coopframe as cf
from coopframe import cli
from coopframe.cli import _evaluate
from coopframe.io import json_schema, unstructure

DATASET = "bolivia-peru-2021-2022"
LATER = "bolivia-peru-2025-2026"
FRAMEWORK = "bolivia-peru-framework"
SUBCOMMANDS = ("validate", "evaluate", "compare", "rank", "graph", "schema", "datasets")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


def _document(name: str = LATER) -> dict[str, Any]:
    road = cf.datasets.load(name)
    return unstructure(road)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A valid roadmap, one with an unknown dependency, one with a warning, bad YAML, a folder."""
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(_document(), allow_unicode=True), encoding="utf-8")
    invalid = _document()
    invalid["roadmap"]["activities"][3]["depends_on"] = ["A-12"]
    invalid["roadmap"]["activities"][0]["axis"] = "nowhere"
    bad = tmp_path / "roadmap.yaml"
    bad.write_text(yaml.safe_dump(invalid, allow_unicode=True), encoding="utf-8")
    warned = _document()
    warned["roadmap"]["axes"].append({"id": "empty", "name": "Eje vacío"})
    warning = tmp_path / "warning.json"
    warning.write_text(json.dumps(warned, ensure_ascii=False), encoding="utf-8")
    syntax = tmp_path / "syntax.yaml"
    syntax.write_text("coopframe: 1\nroadmap: [\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    return {
        "good": good,
        "bad": bad,
        "warning": warning,
        "syntax": syntax,
        "folder": folder,
    }


def _no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


# Help and entry points -----------------------------------------------------------------------


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help_with_examples(command: str) -> None:
    """--help works on every subcommand and shows its usage line and examples."""
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: coopframe {command} [OPTIONS]")
    assert "Examples:" in result.stdout
    assert f"coopframe {command}" in result.stdout.split("Examples:")[1]


def test_python_m_coopframe_help() -> None:
    """`python -m coopframe --help` runs the command and lists the subcommands."""
    done = subprocess.run(
        [sys.executable, "-m", "coopframe", "--help"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("Usage: coopframe [OPTIONS] COMMAND")
    for command in SUBCOMMANDS:
        assert command in done.stdout


def test_unknown_option_is_a_usage_error() -> None:
    """A usage error exits with status 2 (click's own)."""
    assert run("evaluate", DATASET, "--colour").exit_code == 2
    assert run("evaluate").exit_code == 2
    assert run("nonsense").exit_code == 2


# datasets and schema -------------------------------------------------------------------------


def test_datasets_lists_the_bundled_ones() -> None:
    """The text table names every dataset; JSON gives one object per dataset."""
    result = run("datasets")
    assert result.exit_code == 0
    for name in cf.datasets.names():
        assert name in result.stdout
    data = json.loads(run("datasets", "--format", "json").stdout)
    assert [row["Name"] for row in data] == cf.datasets.names()
    assert {row["Kind"] for row in data} == {"roadmap", "agreement"}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_datasets_other_formats(fmt: str) -> None:
    """Markdown and HTML listings hold every name."""
    result = run("datasets", "-f", fmt)
    assert result.exit_code == 0
    assert all(name in result.stdout for name in cf.datasets.names())


def test_schema_prints_and_writes_the_json_schema(tmp_path: Path) -> None:
    """schema prints io.json_schema() and --output writes the same to a file."""
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    target = tmp_path / "schema.json"
    written = run("schema", "--output", str(target))
    assert written.exit_code == 0
    assert written.stdout == ""
    assert target.read_text(encoding="utf-8") == result.stdout


# validate ------------------------------------------------------------------------------------


def test_validate_a_valid_file_and_a_dataset(files: dict[str, Path]) -> None:
    """Valid inputs exit 0 and are reported valid."""
    result = run("validate", str(files["good"]), DATASET)
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[5:]
    assert len(rows) == 2
    assert all(row.endswith("  valid") for row in rows)
    assert result.stderr == ""


def test_validate_prints_every_problem_with_file_and_path(files: dict[str, Path]) -> None:
    """An invalid document exits 1 with each problem on stderr as `file: path: message`."""
    result = run("validate", str(files["bad"]), str(files["good"]))
    assert result.exit_code == 1
    _no_traceback(result)
    bad = str(files["bad"])
    assert f"{bad}: activities[3].depends_on[0]: unknown activity 'A-12'" in result.stderr
    assert f"{bad}: activities[0].axis: unknown axis 'nowhere'" in result.stderr
    assert "invalid: 2 problems" in result.stdout


def test_validate_warnings_exit_zero_unless_strict(files: dict[str, Path]) -> None:
    """Soft findings are warnings: exit 0, or 1 with --strict."""
    result = run("validate", str(files["warning"]))
    assert result.exit_code == 0
    assert f"warning: {files['warning']}: axes[4]: axis 'empty' has no activities" in result.stderr
    assert "valid, 1 warning" in result.stdout
    assert run("validate", "--strict", str(files["warning"])).exit_code == 1


def test_validate_json(files: dict[str, Path]) -> None:
    """JSON output gives each input's problems and warnings with their paths."""
    result = run("validate", "-f", "json", str(files["bad"]), str(files["warning"]))
    records = json.loads(result.stdout)
    assert [r["valid"] for r in records] == [False, True]
    assert {"path": "activities[3].depends_on[0]", "message": "unknown activity 'A-12'"} in (
        records[0]["problems"]
    )
    assert records[1]["warnings"][0]["path"] == "axes[4]"


@pytest.mark.parametrize("command", ["validate", "evaluate", "graph"])
@pytest.mark.parametrize(
    ("which", "expected"),
    [
        ("missing", "missing.yaml: no such file, and no bundled dataset of that name"),
        ("folder", "is a directory, not a file"),
        ("syntax", "syntax.yaml, line 3, column 1: "),
        ("bad", "activities[3].depends_on[0]: unknown activity 'A-12'"),
        ("dataset", "bundled datasets: bolivia-peru-2021-2022, bolivia-peru-2025-2026"),
    ],
)
def test_bad_input_exits_1_without_traceback(
    files: dict[str, Path], tmp_path: Path, command: str, which: str, expected: str
) -> None:
    """Missing files, folders, bad syntax, invalid documents and unknown datasets: status 1."""
    argument = {
        "missing": str(tmp_path / "missing.yaml"),
        "dataset": "bolivia-peru-1999",
    }.get(which) or str(files[which])
    result = run(command, argument)
    assert result.exit_code == 1
    _no_traceback(result)
    assert expected in result.stderr
    if command != "validate":
        assert result.stdout == ""


# evaluate ------------------------------------------------------------------------------------


def test_evaluate_text_report() -> None:
    """The default report is a terminal table with the headline figures."""
    result = run("evaluate", DATASET)
    assert result.exit_code == 0
    assert "Composite             0.849 (substantial)" in result.stdout
    assert "reported 0.92, computed 0.923" in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_evaluate_formats(fmt: str) -> None:
    """Each format renders; JSON is the evaluation's dict."""
    result = run("evaluate", DATASET, "--format", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        expected = cf.evaluate(cf.datasets.load(DATASET)).to_dict()  # type: ignore[arg-type]
        assert json.loads(result.stdout) == expected
    elif fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>")
        assert "<svg " in result.stdout
    else:
        assert result.stdout.startswith("# Evaluation of ")


def test_evaluate_profile_and_as_of() -> None:
    """--profile and --as-of reach evaluate()."""
    result = run(
        "evaluate", DATASET, "--profile", "delivery", "--as-of", "2023-06-30", "-f", "json"
    )
    data = json.loads(result.stdout)
    assert data["composite"]["profile"] == "delivery"
    assert data["as_of"] == "2023-06-30"


@pytest.mark.parametrize("value", ["2022-13-01", "yesterday", "2022/01/01"])
def test_evaluate_bad_as_of_is_a_usage_error(value: str) -> None:
    """A bad date exits 2 with click's message, no traceback."""
    result = run("evaluate", DATASET, "--as-of", value)
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output


def test_evaluate_unknown_profile_is_a_usage_error() -> None:
    """An unknown profile name is rejected by click with status 2."""
    assert run("evaluate", DATASET, "--profile", "lavish").exit_code == 2


def test_evaluate_many_and_an_agreement(files: dict[str, Path]) -> None:
    """Several inputs (or an agreement) give a summary and one report each; JSON a list."""
    result = run("evaluate", str(files["good"]), FRAMEWORK, "-f", "json")
    assert result.exit_code == 0
    ids = [item["roadmap"]["id"] for item in json.loads(result.stdout)]
    assert ids == [LATER, DATASET, LATER]
    text = run("evaluate", DATASET, LATER).stdout
    assert text.startswith("Evaluations of 2 roadmaps")


def test_evaluate_output_file(tmp_path: Path) -> None:
    """--output writes the report to the file, nothing to stdout, and leaves no temporary."""
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    result = run("evaluate", DATASET, "-f", "html", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_output_into_missing_directory_exits_1(tmp_path: Path) -> None:
    """An output file that cannot be written is an error with status 1, not a traceback."""
    result = run("schema", "-o", str(tmp_path / "nowhere" / "schema.json"))
    assert result.exit_code == 1
    _no_traceback(result)
    assert "schema.json" in result.stderr


def test_unexpected_errors_still_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only coopframe errors are caught: a bug still surfaces as its exception."""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(_evaluate, "evaluate", broken)
    result = run("evaluate", DATASET)
    assert isinstance(result.exception, RuntimeError)


# compare -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_compare_two_roadmaps(fmt: str) -> None:
    """compare A B reports carried-over, new and dropped activities in every format."""
    result = run("compare", DATASET, LATER, "--no-match-ids", "-f", fmt)
    assert result.exit_code == 0
    if fmt == "json":
        counts = json.loads(result.stdout)["activities"]["counts"]
        assert (counts["carried_over"], counts["new"], counts["dropped"]) == (3, 8, 10)
    else:
        assert "8 new, 10 dropped" in result.stdout


def test_compare_an_agreement_follows_its_roadmaps() -> None:
    """One agreement gives its trajectory."""
    result = run("compare", FRAMEWORK, "--no-match-ids", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["roadmap"]["id"] for p in data["periods"]] == [DATASET, LATER]


def test_compare_usage_errors() -> None:
    """One roadmap alone, three inputs, or an agreement beside a roadmap: status 2."""
    assert run("compare", DATASET).exit_code == 2
    assert run("compare", DATASET, LATER, DATASET).exit_code == 2
    assert run("compare", DATASET, FRAMEWORK).exit_code == 2
    assert run("compare", DATASET, LATER, "--threshold", "2").exit_code == 2


# rank ----------------------------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, road in enumerate(cf.synthetic.synthetic_corpus(3, n_activities=8, seed=11)):
        cf.dump(road, folder / f"r{i}.yaml")
    return folder


def test_rank_a_directory_and_a_dataset(corpus: Path) -> None:
    """rank takes directories and dataset names, and prints every roadmap ranked."""
    result = run("rank", str(corpus), DATASET, "--samples", "20", "--seed", "3", "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["rank"] for r in data["ranks"]] == [1, 2, 3, 4]
    assert data["n_samples"] == 20
    assert data["seed"] == 3
    text = run("rank", str(corpus), "--samples", "20", "--top-k", "2")
    assert text.exit_code == 0
    assert "In top 2" in text.stdout


def test_rank_reports_failed_files_and_exits_1(corpus: Path, files: dict[str, Path]) -> None:
    """A bad file in the corpus is reported with its path; the rest are still ranked."""
    (corpus / "roadmap.yaml").write_text(files["bad"].read_text(encoding="utf-8"), "utf-8")
    result = run("rank", str(corpus), "--samples", "10")
    assert result.exit_code == 1
    _no_traceback(result)
    assert "roadmap.yaml: activities[3].depends_on[0]: unknown activity 'A-12'" in result.stderr
    assert "Ranking of 3 roadmaps" in result.stdout


def test_rank_with_a_process_pool(corpus: Path) -> None:
    """--jobs 2 gives the same ranking as one process."""
    serial = run("rank", str(corpus), "--samples", "10", "-f", "json")
    pooled = run("rank", str(corpus), "--samples", "10", "-f", "json", "--jobs", "2")
    assert pooled.exit_code == 0
    assert pooled.stdout == serial.stdout


def test_rank_unknown_input_exits_1(tmp_path: Path) -> None:
    """An input that is neither a path nor a dataset stops the run before any work."""
    result = run("rank", str(tmp_path / "ghost"))
    assert result.exit_code == 1
    _no_traceback(result)
    assert "no bundled dataset of that name" in result.stderr


# graph ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "dot", "mermaid"])
def test_graph_formats_to_stdout(fmt: str) -> None:
    """Every graph format can be written to stdout."""
    result = run("graph", LATER, "--format", fmt)
    assert result.exit_code == 0
    first = {
        "graphml": "<?xml",
        "gexf": "<?xml",
        "json": "{",
        "dot": "digraph {",
        "mermaid": "flowchart LR",
    }[fmt]
    assert result.stdout.startswith(first)


def test_graph_format_from_the_output_suffix(tmp_path: Path) -> None:
    """--output picks the format from its suffix; the file reads back as the same graph."""
    target = tmp_path / "agencies.graphml"
    result = run("graph", LATER, "--kind", "agency", "-o", str(target))
    assert result.exit_code == 0
    road = cf.datasets.load(LATER)
    assert isinstance(road, cf.Roadmap)
    assert sorted(nx.read_graphml(target)) == sorted(cf.graph.agency_network(road))


def test_graph_usage_errors(tmp_path: Path) -> None:
    """An unknown suffix, or an agreement without --roadmap, is a usage error."""
    assert run("graph", LATER, "-o", str(tmp_path / "g.txt")).exit_code == 2
    result = run("graph", FRAMEWORK)
    assert result.exit_code == 2
    assert "--roadmap" in result.stderr
    chosen = run("graph", FRAMEWORK, "--roadmap", LATER, "-f", "dot")
    assert chosen.exit_code == 0
