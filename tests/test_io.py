"""Reading and writing documents: formats, errors with paths, atomic and deterministic saves."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import jsonschema
import pytest

import coopframe as cf
from coopframe import io

MINIMAL = """\
coopframe: 1
roadmap:
  id: demo
  title: Hoja de ruta de ejemplo
  parties: [{id: BOL, name: Bolivia}, {id: PER, name: Perú}]
  period: {start: 2025-01-01, end: 2026-12-31}
  agencies:
    - {id: pnp, name: Policía Nacional del Perú, party: PER, kind: police}
    - {id: fgn, name: Fiscalía General del Estado, party: BOL, kind: prosecution}
  axes: [{id: prev, name: Prevención, pillars: [prevention]}]
  activities:
    - id: A1
      title: Campaña binacional
      axis: prev
      responsible: [pnp, fgn]
      lead: pnp
      due: 2025-06-30
      status: completed
    - {id: A2, title: Evaluación, axis: prev, depends_on: [A1], weight: 2}
"""


def problems_of(text: str, fmt: io.Format = "yaml") -> list[str]:
    with pytest.raises(cf.InvalidDocumentError) as info:
        cf.loads(text, format=fmt)
    return [str(problem) for problem in info.value.problems]


def test_minimal_document_loads() -> None:
    """A small YAML document gives a Roadmap with typed fields."""
    road = cf.loads(MINIMAL)
    assert isinstance(road, cf.Roadmap)
    assert road.activity("A1").status is cf.Status.COMPLETED
    assert road.activity("A1").due == dt.date(2025, 6, 30)
    assert road.activity("A2").weight == 2.0
    assert isinstance(road.activity("A2").weight, float)
    assert road.party("PER").name == "Perú"


@pytest.mark.parametrize("fmt", io.FORMATS)
def test_round_trip_every_format(fmt: io.Format) -> None:
    """dumps then loads gives an equal roadmap, in every format."""
    road = cf.loads(MINIMAL)
    assert cf.loads(cf.dumps(road, format=fmt), format=fmt) == road


@pytest.mark.parametrize("fmt", io.FORMATS)
def test_dumps_is_deterministic_and_utf8(fmt: io.Format) -> None:
    """The same roadmap gives the same text; accented names are written as they are."""
    road = cf.loads(MINIMAL)
    text = cf.dumps(road, format=fmt)
    assert text == cf.dumps(cf.loads(MINIMAL), format=fmt)
    assert "Perú" in text


def test_unstructure_gives_json_primitives_only() -> None:
    """The unstructured document holds only dicts, lists, str, int, float and bool."""

    def check(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        else:
            assert isinstance(value, str | int | float | bool), value

    check(io.unstructure(cf.loads(MINIMAL)))


def test_every_problem_reported_with_its_path() -> None:
    """Shape errors are all reported together, each at its path."""
    bad = MINIMAL.replace("title: Hoja de ruta de ejemplo", "title: 3")
    bad = bad.replace("{id: PER, name: Perú}", "{id: PER, name: Perú, capital: Lima}")
    bad = bad.replace("pillars: [prevention]", "pillars: [prevent]")
    bad = bad.replace("status: completed", "status: done")
    found = problems_of(bad)
    assert "title: expected a string, got an integer" in found
    assert "parties[1].capital: unknown key" in found
    assert any(p.startswith("axes[0].pillars[0]: 'prevent' is not one of") for p in found)
    assert any(p.startswith("activities[0].status: 'done' is not one of") for p in found)
    assert len(found) == 4


def test_reference_problems_have_paths() -> None:
    """Broken references found after structuring keep their model paths."""
    bad = MINIMAL.replace("depends_on: [A1]", "depends_on: [A9]").replace("lead: pnp", "lead: x")
    assert problems_of(bad) == [
        "activities[0].lead: unknown agency 'x'",
        "activities[1].depends_on[0]: unknown activity 'A9'",
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("due: 2025-06-30", "due: 20250630", "activities[0].due: expected a date as YYYY-MM-DD"),
        ("due: 2025-06-30", "due: '2025-02-30'", "activities[0].due: '2025-02-30' is not a valid"),
        ("due: 2025-06-30", "due: 2025-13-01", "activities[0].due: '2025-13-01' is not a valid"),
        ("due: 2025-06-30", "due: 2025-06-30T10:00:00", "activities[0].due: expected a date"),
        ("responsible: [pnp, fgn]", "responsible: pnp", "activities[0].responsible: expected a"),
        ("lead: pnp", "lead: yes", "activities[0].lead: expected a string, got a boolean"),
        ("status: completed", "status: 1", "activities[0].status: expected one of"),
    ],
)
def test_scalars_are_strict(old: str, new: str, expected: str) -> None:
    """A value of the wrong kind is refused with its path, never silently converted."""
    found = problems_of(MINIMAL.replace(old, new))
    assert any(p.startswith(expected) for p in found), found


def test_number_is_not_a_string_and_string_is_not_a_number() -> None:
    """An id written as a number, or a weight written as text, is refused with its path."""
    found = problems_of(MINIMAL.replace("id: A1", "id: 1").replace("weight: 2", "weight: '2'"))
    assert "activities[0].id: expected a string, got an integer" in found
    assert "activities[1].weight: expected a number, got a string" in found


def test_missing_field_reported() -> None:
    """A required field that is missing is named."""
    found = problems_of(MINIMAL.replace("      title: Campaña binacional\n", ""))
    assert found == ["activities[0].title: required field missing"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the document is empty"),
        ("[1, 2]", "must be a mapping"),
        ("coopframe: 2\nroadmap: {}", "unsupported format version 2"),
        ("roadmap: {}", "the format version is missing"),
        ("coopframe: 1", "neither a 'roadmap' nor an 'agreement'"),
        ("coopframe: 1\nroadmap: []", "expected a mapping, got a list"),
        ("coopframe: 1\nroadmap: {}\nextra: 1", "extra: unknown key"),
    ],
)
def test_document_shape_errors(text: str, fragment: str) -> None:
    """A document of the wrong shape gets an InvalidDocumentError saying what is wrong."""
    with pytest.raises(cf.InvalidDocumentError, match=fragment):
        cf.loads(text)


@pytest.mark.parametrize(
    ("text", "fmt", "line", "column"),
    [
        ("coopframe: 1\nroadmap: [\n", "yaml", 3, 1),
        ('{"coopframe": 1,\n "roadmap": }', "json", 2, 13),
        ("coopframe = 1\nroadmap = \n", "toml", 2, 11),
    ],
)
def test_syntax_errors_say_line_and_column(
    text: str, fmt: io.Format, line: int, column: int
) -> None:
    """Unparseable text raises DocumentSyntaxError with the position."""
    with pytest.raises(cf.DocumentSyntaxError) as info:
        cf.loads(text, format=fmt)
    assert (info.value.line, info.value.column) == (line, column)
    assert f"line {line}, column {column}" in str(info.value)


def test_yaml_python_tags_are_refused() -> None:
    """A YAML tag that would construct a Python object is never honoured."""
    with pytest.raises(cf.DocumentSyntaxError, match="could not determine a constructor"):
        cf.loads("!!python/object/apply:os.system ['echo unsafe']")


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("a: 1\na: 2\n", "yaml"), ('{"a": 1, "a": 2}', "json")],
)
def test_duplicate_keys_are_refused(text: str, fmt: io.Format) -> None:
    """A key given twice is an error, not a silent overwrite."""
    with pytest.raises(cf.DocumentSyntaxError, match="duplicate key"):
        cf.loads(text, format=fmt)


def test_non_finite_numbers_are_refused() -> None:
    """NaN and infinities are refused in JSON and YAML."""
    with pytest.raises(cf.DocumentSyntaxError, match="NaN is not allowed"):
        cf.loads('{"coopframe": NaN}', format="json")
    found = problems_of(MINIMAL.replace("weight: 2", "weight: .nan"))
    assert any(p.startswith("activities[1].weight: expected a finite number") for p in found)


def test_bytes_with_bom_and_bad_utf8() -> None:
    """UTF-8 bytes with a BOM load; invalid UTF-8 is a syntax error with its position."""
    road = cf.loads(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8"))
    assert road.id == "demo"
    with pytest.raises(cf.DocumentSyntaxError, match="not valid UTF-8") as info:
        cf.loads(b"coopframe: 1\nroadmap: \xff\n")
    assert info.value.line == 2


def test_windows_line_endings() -> None:
    """A document saved with CRLF line endings loads the same."""
    assert cf.loads(MINIMAL.replace("\n", "\r\n")) == cf.loads(MINIMAL)


def test_bad_format_parameter() -> None:
    """An unknown format is a parameter error naming the choices."""
    with pytest.raises(cf.InvalidParameterError, match="must be one of 'yaml', 'json', 'toml'"):
        cf.loads(MINIMAL, format="xml")  # type: ignore[arg-type]


def test_load_file_errors(tmp_path: Path) -> None:
    """A missing file, a directory and an unknown suffix each give a DocumentFileError."""
    with pytest.raises(cf.DocumentFileError, match="no such file"):
        cf.load(tmp_path / "missing.yaml")
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(cf.DocumentFileError, match="is a directory"):
        cf.load(folder)
    with pytest.raises(cf.DocumentFileError, match="cannot tell the format"):
        cf.load(tmp_path / "roadmap.txt")
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    with pytest.raises(cf.DocumentSyntaxError):
        cf.load(empty)
    garbage = tmp_path / "garbage.yaml"
    garbage.write_bytes(bytes(range(256)))
    with pytest.raises(cf.DocumentSyntaxError):
        cf.load(garbage)


def test_syntax_error_names_the_file(tmp_path: Path) -> None:
    """An error while loading a file names the file."""
    path = tmp_path / "bad.yaml"
    path.write_text("coopframe: 1\nroadmap: [\n", encoding="utf-8")
    with pytest.raises(cf.DocumentSyntaxError) as info:
        cf.load(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".toml"])
def test_dump_and_load_file(tmp_path: Path, suffix: str) -> None:
    """dump writes a file that load reads back equal; the format comes from the suffix."""
    road = cf.loads(MINIMAL)
    path = tmp_path / f"roadmap{suffix}"
    cf.dump(road, path)
    assert cf.load(path) == road
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_dump_replaces_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save that fails midway leaves the old file whole and no temporary file behind."""
    road = cf.loads(MINIMAL)
    path = tmp_path / "roadmap.json"
    cf.dump(road, path)
    before = path.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(cf.DocumentFileError, match="cannot be written"):
        cf.dump(cf.loads(MINIMAL.replace("Evaluación", "Otra")), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["roadmap.json"]


def test_dump_into_missing_directory(tmp_path: Path) -> None:
    """Saving into a directory that does not exist is a DocumentFileError."""
    with pytest.raises(cf.DocumentFileError, match="directory does not exist"):
        cf.dump(cf.loads(MINIMAL), tmp_path / "nowhere" / "r.yaml")


def test_dump_rejects_other_objects() -> None:
    """Only roadmaps and agreements can be written."""
    with pytest.raises(cf.InvalidParameterError, match="Roadmap or an Agreement"):
        cf.dumps({"not": "a roadmap"})  # type: ignore[arg-type]


def test_agreement_document_round_trip_and_nested_paths() -> None:
    """An agreement holds full roadmaps; problems inside them carry the roadmap's index."""
    road = cf.loads(MINIMAL)
    agreement = cf.Agreement(
        id="bol-per",
        title="Acuerdo",
        parties=road.parties,
        instrument=cf.InstrumentKind.MEMORANDUM,
        roadmaps=(road,),
    )
    text = cf.dumps(agreement, format="json")
    assert cf.loads(text, format="json") == agreement
    broken = json.loads(text)
    broken["agreement"]["roadmaps"][0]["activities"][1]["depends_on"] = ["A7"]
    with pytest.raises(cf.InvalidDocumentError) as info:
        cf.loads(json.dumps(broken), format="json")
    assert [str(p) for p in info.value.problems] == [
        "roadmaps[0].activities[1].depends_on[0]: unknown activity 'A7'"
    ]


def test_json_schema_validates_documents() -> None:
    """The JSON Schema accepts a written document and refuses one with an unknown key."""
    schema = io.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    document = io.unstructure(cf.loads(MINIMAL))
    jsonschema.validate(document, schema)
    document["roadmap"]["colour"] = "blue"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_json_schema_follows_the_model() -> None:
    """Every attrs field of Activity appears in the schema, with its enum values."""
    import attrs

    activity = io.json_schema()["$defs"]["Activity"]
    assert set(activity["properties"]) == {f.name for f in attrs.fields(cf.Activity) if f.init}
    status = activity["properties"]["status"]
    assert status["enum"] == [s.value for s in cf.Status]
    assert "description" in activity["properties"]["progress"]


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1, "a": 2}',
        '{"a" : 1, "a" : 2}',
        '{"a":\n1,\n"a"\n:2}',
        '{"x": "say \\": hi", "a": 1, "a": 2}',
        '{"x": {"b": 1, "b": 2}, "y": "\\":\\":"}',
        '{"k\\\\": 1, "k\\\\": 2}',
        '[{"a": 1}, {"b": 2, "b": 3}]',
    ],
)
def test_json_duplicates_found_however_written(text: str) -> None:
    """Duplicate keys are refused whatever the spacing and whatever the strings hold."""
    with pytest.raises(cf.DocumentSyntaxError, match="duplicate key"):
        cf.loads(text, format="json")


def test_json_colons_inside_strings_are_not_keys() -> None:
    """Quotes and colons inside values, and spaces before colons, do not upset the reader."""
    road = cf.loads(MINIMAL)
    document = io.unstructure(road)
    document["roadmap"]["title"] = 'Plan "A": \\": fase 1'
    text = json.dumps(document, separators=(", ", " : "), ensure_ascii=False)
    assert cf.loads(text, format="json").title == 'Plan "A": \\": fase 1'


@pytest.mark.parametrize("name", cf.datasets.names())
def test_bundled_data_validates_against_the_schema(name: str) -> None:
    """Every bundled dataset, as written and as loaded then dumped, follows the JSON Schema."""
    import yaml

    schema = io.json_schema()
    as_written = yaml.safe_load(cf.datasets.path(name).read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(as_written, default=str)), schema)
    jsonschema.validate(io.unstructure(cf.datasets.load(name)), schema)
