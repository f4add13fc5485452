"""Fuzzing: whatever the input, loading gives a document or a CoopframeError, nothing else.

Inputs are arbitrary text and bytes, arbitrary JSON values (bare or in a document's shape),
valid documents with characters flipped, inserted or deleted, and valid documents with any value
replaced by an arbitrary one. Scorers and ``evaluate`` are fuzzed with generated roadmaps, and
the command line with generated files.

The heavier tests run ``FACTOR`` times the profile's ``max_examples`` (the ``ci`` profile's 100
gives thousands of cases in all); ``COOPFRAME_FUZZ_EXAMPLES=N`` sets every one of them to ``N``
for a longer run.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Any

import pytest
import tomli_w
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe import io
from coopframe.scoring import SCORERS
from coopframe.testing import agreements, roadmaps

FACTOR = 5


def examples(factor: int = FACTOR) -> int:
    """Examples for a fuzz test: ``COOPFRAME_FUZZ_EXAMPLES``, or the profile's times ``factor``."""
    chosen = os.environ.get("COOPFRAME_FUZZ_EXAMPLES")
    if chosen:
        return int(chosen)
    return int(settings().max_examples) * factor


FUZZ = settings(
    max_examples=examples(),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
FEW = settings(
    max_examples=examples(1),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

FIELD_NAMES = sorted(
    {
        "coopframe",
        "roadmap",
        "agreement",
        "id",
        "title",
        "parties",
        "period",
        "start",
        "end",
        "name",
        "agencies",
        "axes",
        "activities",
        "party",
        "kind",
        "axis",
        "responsible",
        "lead",
        "depends_on",
        "due",
        "status",
        "progress",
        "weight",
        "pillars",
        "sources",
        "reported",
        "metric",
        "value",
        "unit",
        "source",
        "roadmaps",
        "instrument",
        "signed_on",
        "as_of",
    }
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["2025-01-01", "2025-13-01", "BOL", "PER", "A1", "G1", "X1", "S1", "rate"]),
    st.sampled_from([1, 0, -1, 2**63, 1.0, 0.5, -0.0]),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8))
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)
    ),
    max_leaves=16,
)
SMALL_ROADMAPS = roadmaps(max_activities=4, max_agencies=4, max_sources=2)


def serialise(value: object, fmt: io.Format) -> str | None:
    """``value`` as text of ``fmt``, or None when that format cannot hold it."""
    try:
        if fmt == "json":
            return json.dumps(value, ensure_ascii=False)
        if fmt == "toml":
            return tomli_w.dumps(value) if isinstance(value, dict) else None
        return str(yaml.safe_dump(value, allow_unicode=True))
    except (TypeError, ValueError, yaml.YAMLError):
        return None


def outcome(text: str | bytes, fmt: io.Format) -> cf.Roadmap | cf.Agreement | None:
    """Load ``text``: a document, or None after checking the error is a well-formed one."""
    error: cf.CoopframeError | None = None
    try:
        document = cf.loads(text, format=fmt)
    except cf.CoopframeError as exc:
        error = exc
    if error is None:
        assert isinstance(document, cf.Roadmap | cf.Agreement)
        return document
    assert str(error).strip()
    if isinstance(error, cf.InvalidDocumentError):
        assert error.problems
        for problem in error.problems:
            assert isinstance(problem.path, str)
            assert problem.message.strip()
    if isinstance(error, cf.DocumentSyntaxError):
        assert error.reason.strip()
    return None


def reloads(document: cf.Roadmap | cf.Agreement) -> None:
    """Whatever loads is written and read back equal, in every format."""
    for fmt in io.FORMATS:
        assert cf.loads(cf.dumps(document, format=fmt), format=fmt) == document


@FUZZ
@given(st.text(), st.sampled_from(sorted(io.FORMATS)))
def test_arbitrary_text(text: str, fmt: io.Format) -> None:
    """Any text gives a document or a CoopframeError with a message."""
    outcome(text, fmt)


@FUZZ
@given(st.binary(), st.sampled_from(sorted(io.FORMATS)))
def test_arbitrary_bytes(data: bytes, fmt: io.Format) -> None:
    """Any bytes give a document or a CoopframeError with a message."""
    outcome(data, fmt)


@FUZZ
@given(
    JSON_VALUES,
    st.sampled_from(["bare", "roadmap", "agreement", "version"]),
    st.sampled_from(sorted(io.FORMATS)),
)
def test_arbitrary_values_in_a_document_shape(value: Any, shape: str, fmt: io.Format) -> None:
    """Any JSON value, bare or where a roadmap, an agreement or the version goes, is handled."""
    if shape == "version":
        value = {"coopframe": value, "roadmap": {}}
    elif shape != "bare":
        value = {"coopframe": 1, shape: value}
    text = serialise(value, fmt)
    if text is not None:
        outcome(text, fmt)


def _slots(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) of a parsed document, so that any value can be replaced."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        item = stack.pop()
        pairs: Any = (
            item.items()
            if isinstance(item, dict)
            else enumerate(item)
            if isinstance(item, list)
            else ()
        )
        for key, child in pairs:
            found.append((item, key))
            stack.append(child)
    return found


@st.composite
def replaced_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid roadmap's document with one to three values replaced by arbitrary ones."""
    document = io.unstructure(draw(SMALL_ROADMAPS))
    for _ in range(draw(st.integers(1, 3))):
        container, key = draw(st.sampled_from(_slots(document)))
        container[key] = draw(JSON_VALUES)
    return document


@FUZZ
@given(replaced_documents(), st.sampled_from(sorted(io.FORMATS)))
def test_valid_documents_with_values_replaced(document: dict[str, Any], fmt: io.Format) -> None:
    """Replacing values of a valid document by anything gives a document or a clean refusal."""
    text = serialise(document, fmt)
    if text is not None:
        loaded = outcome(text, fmt)
        if loaded is not None:
            reloads(loaded)


STRUCTURAL = st.sampled_from(
    [*"{}[]:,\"'\n -&*!#|>=.\\\t\r", "\ufeff", "\x00", "é", "!!bool ", "!!int ", "!!map "]
)


@st.composite
def mutated_texts(draw: st.DrawFn) -> tuple[str, io.Format]:
    """A valid document's text in any format, with characters flipped, inserted or deleted."""
    fmt = draw(st.sampled_from(sorted(io.FORMATS)))
    text = cf.dumps(draw(SMALL_ROADMAPS), format=fmt)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "duplicate"]))
        if action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
        elif action == "duplicate":
            text = text[:at] + text[at : at + draw(st.integers(1, 40))] + text[at:]
        else:
            piece = draw(st.one_of(STRUCTURAL, st.characters(), st.text(max_size=4)))
            text = text[:at] + piece + text[at + (1 if action == "flip" else 0) :]
    return text, fmt


@FUZZ
@given(mutated_texts())
def test_mutated_valid_documents(mutated: tuple[str, io.Format]) -> None:
    """A valid document with its text damaged gives a document or a clean refusal."""
    text, fmt = mutated
    loaded = outcome(text, fmt)
    if loaded is not None:
        reloads(loaded)
    outcome(text.encode("utf-8", "surrogatepass"), fmt)


YAML_TAGS = st.sampled_from(
    [
        *(
            f"!!{name}"
            for name in [
                "null",
                "bool",
                "int",
                "float",
                "str",
                "timestamp",
                "binary",
                "seq",
                "map",
                "set",
                "omap",
                "pairs",
                "merge",
                "value",
                "yaml",
            ]
        ),
        "!",
        "!custom",
        "!<tag:yaml.org,2002:int>",
        "!!python/object:os.system",
    ]
)
TAGGED_VALUES = st.one_of(
    st.sampled_from(
        ["", "maybe", "-", "+", ".", "0b", "0x", "1e400", "12:30", "2025-13-45", "[]", "{}"]
    ),
    st.sampled_from(["[a: 1]", "{a: 1}", "[1, [2]]", "'x'", '"y"', "~", "=", "<<", "aGk="]),
    st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=6),
)
_VALUE_START = re.compile(r"(?:: |- )")


@st.composite
def tagged_yaml_texts(draw: st.DrawFn) -> str:
    """A valid roadmap's YAML with explicit tags put before values, some values replaced."""
    text = cf.dumps(draw(SMALL_ROADMAPS), format="yaml")
    starts = [match.end() for match in _VALUE_START.finditer(text)]
    for at in sorted(draw(st.lists(st.sampled_from(starts), min_size=1, max_size=3)))[::-1]:
        tag = draw(YAML_TAGS)
        if draw(st.booleans()):
            end = text.find("\n", at)
            text = text[:at] + f"{tag} {draw(TAGGED_VALUES)}" + text[end:]
        else:
            text = text[:at] + f"{tag} " + text[at:]
    return text


@FUZZ
@given(tagged_yaml_texts())
def test_valid_documents_with_explicit_yaml_tags(text: str) -> None:
    """Explicit YAML tags on any value, fitting it or not, give a document or a clean refusal."""
    loaded = outcome(text, "yaml")
    if loaded is not None:
        reloads(loaded)


@FEW
@given(agreements(max_roadmaps=2, max_activities=3), st.data())
def test_mutated_agreements(deal: cf.Agreement, data: st.DataObject) -> None:
    """Agreements are fuzzed like roadmaps: one value replaced by anything."""
    document = io.unstructure(deal)
    container, key = data.draw(st.sampled_from(_slots(document)))
    container[key] = data.draw(JSON_VALUES)
    for fmt in io.FORMATS:
        text = serialise(document, fmt)
        if text is not None:
            outcome(text, fmt)


@FEW
@given(roadmaps(max_activities=12))
def test_every_scorer_and_evaluate_on_valid_roadmaps(road: cf.Roadmap) -> None:
    """Every registered scorer gives a number in [0, 1] or nan; evaluate never raises."""
    for name, scorer in SCORERS.items():
        value = scorer(road)
        assert isinstance(value, float), name
        assert math.isnan(value) or 0.0 <= value <= 1.0, (name, value)
    result = cf.evaluate(road)
    json.dumps(result.to_dict(), allow_nan=False)


def _cli_main() -> Any:
    cli = pytest.importorskip("coopframe.cli")
    return cli.main


@FEW
@given(
    generated=st.one_of(
        mutated_texts(),
        st.tuples(st.text(max_size=200), st.sampled_from(sorted(io.FORMATS))),
        SMALL_ROADMAPS.flatmap(
            lambda road: st.sampled_from(sorted(io.FORMATS)).map(
                lambda fmt: (cf.dumps(road, format=fmt), fmt)
            )
        ),
    ),
    command=st.sampled_from(["validate", "evaluate"]),
)
def test_command_line_never_shows_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, generated: tuple[str, io.Format], command: str
) -> None:
    """``coopframe validate|evaluate FILE`` exits 0, 1 or 2 with a message, never a traceback."""
    from click.testing import CliRunner

    main = _cli_main()
    text, fmt = generated
    path: Path = tmp_path_factory.mktemp("cli") / f"input.{fmt}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = CliRunner().invoke(main, [command, str(path)])
    assert result.exit_code in {0, 1, 2}, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
