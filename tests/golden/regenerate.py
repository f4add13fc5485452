"""Record coopframe's outputs byte for byte, so that a change of shape can prove it changed nothing.

Run ``python tests/golden/regenerate.py`` to write every output under ``tests/golden/outputs/``;
``tests/test_golden.py`` produces the same outputs again and compares them with these files.
Regenerate only when an output changes on purpose, and record why in CHANGELOG.md.

The inputs are the bundled datasets and seeded synthetic roadmaps of 0, 1, 50 and 500 activities;
the outputs are every command of the command line in every output format, ``coopframe.dumps`` in
every document format, and evaluations, comparisons, rankings and their robustness as JSON.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from click.testing import CliRunner

import coopframe as cf
from coopframe.cli import main as cli

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUTPUTS = HERE / "outputs"
INPUTS = HERE / "inputs"
SIZES = (0, 1, 50, 500)
DATASET_ROADMAPS = ("bolivia-peru-2021-2022", "bolivia-peru-2025-2026")
DATASETS = (*DATASET_ROADMAPS, "bolivia-peru-framework")
REPORT_FORMATS = ("text", "json", "markdown", "html")
GRAPH_KINDS = ("roadmap", "dependency", "responsibility", "agency")
GRAPH_FORMATS = ("dot", "gexf", "graphml", "json", "mermaid")
DOCUMENT_FORMATS = ("yaml", "json", "toml")
LARGE = 100_000
"""Outputs longer than this many bytes are kept as their SHA-256 only (the 500-activity ones)."""

Produce = Callable[[], bytes]


def synthetic_inputs() -> dict[str, Path]:
    """Write the synthetic roadmaps as JSON files (once) and return them by name.

    The paths are relative to the repository's root, where every output is produced, so that
    outputs naming their input read the same on every machine.
    """
    INPUTS.mkdir(parents=True, exist_ok=True)
    paths = {}
    for size in SIZES:
        path = INPUTS / f"synthetic-{size}.json"
        if not path.exists():
            cf.dump(cf.synthetic.synthetic_roadmap(size, seed=size), path)
        paths[f"synthetic-{size}"] = path.relative_to(ROOT)
    return paths


def _cli(*arguments: str) -> Produce:
    def produce() -> bytes:
        result = CliRunner().invoke(cli, list(arguments), catch_exceptions=False)
        status = f"exit {result.exit_code}\n".encode()
        return status + result.stdout_bytes + b"\n--- stderr\n" + result.stderr_bytes

    return produce


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def cases() -> Iterator[tuple[str, Produce]]:
    """Every recorded output, as (relative file name, function producing its bytes)."""
    inputs = {name: name for name in DATASETS} | {
        name: str(path) for name, path in synthetic_inputs().items()
    }
    roadmaps = [name for name in inputs if name != "bolivia-peru-framework"]
    for name, argument in inputs.items():
        for fmt in REPORT_FORMATS:
            yield f"cli/validate/{name}.{fmt}", _cli("validate", argument, "-f", fmt)
            yield f"cli/evaluate/{name}.{fmt}", _cli("evaluate", argument, "-f", fmt)
        for profile in ("delivery", "design"):
            yield (
                f"cli/evaluate/{name}.{profile}.json",
                _cli("evaluate", argument, "--profile", profile, "-f", "json"),
            )
    for name in roadmaps:
        for kind in GRAPH_KINDS:
            for fmt in GRAPH_FORMATS:
                yield (
                    f"cli/graph/{name}.{kind}.{fmt}",
                    _cli("graph", inputs[name], "--kind", kind, "-f", fmt),
                )
    pairs = [
        ("datasets", ["bolivia-peru-2021-2022", "bolivia-peru-2025-2026", "--no-match-ids"]),
        ("datasets-ids", ["bolivia-peru-2021-2022", "bolivia-peru-2025-2026"]),
        ("framework", ["bolivia-peru-framework", "--no-match-ids"]),
        ("synthetic-50-500", [inputs["synthetic-50"], inputs["synthetic-500"]]),
    ]
    for label, arguments in pairs:
        for fmt in REPORT_FORMATS:
            yield f"cli/compare/{label}.{fmt}", _cli("compare", *arguments, "-f", fmt)
    everything = list(inputs.values())
    for fmt in REPORT_FORMATS:
        yield f"cli/rank/all.{fmt}", _cli("rank", *everything, "--samples", "200", "-f", fmt)
        yield f"cli/datasets.{fmt}", _cli("datasets", "-f", fmt)
    yield "cli/schema.json", _cli("schema")

    for name, argument in inputs.items():
        for fmt in DOCUMENT_FORMATS:
            yield f"dumps/{name}.{fmt}", _dumps(argument, fmt)
    for name in roadmaps:
        yield f"evaluation/{name}.json", _evaluation(inputs[name])
    yield "python/rank-robustness.json", _robustness(everything)


def _document(argument: str) -> cf.io.Document:
    return cf.datasets.load(argument) if argument in DATASETS else cf.load(argument)


def _dumps(argument: str, fmt: cf.io.Format) -> Produce:
    return lambda: cf.dumps(_document(argument), format=fmt).encode()


def _evaluation(argument: str) -> Produce:
    def produce() -> bytes:
        road = _document(argument)
        assert isinstance(road, cf.Roadmap)
        return _json(cf.evaluate(road).to_dict())

    return produce


def _robustness(arguments: list[str]) -> Produce:
    def produce() -> bytes:
        roads = []
        for argument in arguments:
            document = _document(argument)
            roads += document.roadmaps if isinstance(document, cf.Agreement) else [document]
        batch = cf.analysis.evaluate_many(roads)
        robustness = cf.analysis.rank_robustness(batch, n_samples=300, seed=7)
        return _json({"ranking": cf.analysis.rank(batch).to_dict(), "robust": robustness.to_dict()})

    return produce


def recorded(data: bytes) -> bytes:
    """What is kept of an output: itself, or its SHA-256 when it is large."""
    if len(data) <= LARGE:
        return data
    return f"sha256 {hashlib.sha256(data).hexdigest()} ({len(data)} bytes)\n".encode()


def main() -> int:
    written = 0
    with contextlib.chdir(ROOT):
        for name, produce in cases():
            path = OUTPUTS / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(recorded(produce()))
            written += 1
    print(f"wrote {written} outputs under {OUTPUTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
