"""Hostile documents: each is read correctly or refused with a clear error, quickly.

The limits are those of :class:`coopframe.io.Limits`; ``docs/limits.md`` lists what each input
here gives.
"""

from __future__ import annotations

import copy
import json
import os
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import attrs
import pytest
import tomli_w
import yaml

import coopframe as cf
from coopframe import io

FORMATS: tuple[io.Format, ...] = ("json", "toml", "yaml")

BASE: dict[str, Any] = {
    "coopframe": 1,
    "roadmap": {
        "id": "demo",
        "title": "Hoja de ruta",
        "parties": [{"id": "BOL", "name": "Bolivia"}, {"id": "PER", "name": "Perú"}],
        "period": {"start": "2025-01-01", "end": "2026-12-31"},
        "agencies": [
            {"id": "G1", "name": "Policía", "party": "BOL"},
            {"id": "G2", "name": "Fiscalía", "party": "PER"},
        ],
        "axes": [{"id": "X1", "name": "Prevención", "pillars": ["prevention"]}],
        "activities": [
            {"id": "A1", "title": "Campaña", "axis": "X1", "responsible": ["G1", "G2"]},
            {"id": "A2", "title": "Mesa", "axis": "X1", "depends_on": ["A1"], "weight": 2.0},
        ],
    },
}


def document(**changes: Any) -> dict[str, Any]:
    """The base document with roadmap fields (``title=...``) or activity fields (``A1_x=...``)."""
    result = copy.deepcopy(BASE)
    road = result["roadmap"]
    for key, value in changes.items():
        if key.startswith("A1_"):
            road["activities"][0][key[3:]] = value
        else:
            road[key] = value
    return result


def text_of(data: dict[str, Any], fmt: io.Format) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False)
    if fmt == "toml":
        return tomli_w.dumps(data)
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """The block must finish within ``seconds`` (generous: shared machines are slow)."""
    start = time.perf_counter()
    yield
    assert time.perf_counter() - start < seconds


def refused(
    call: Callable[[], object], error: type[cf.CoopframeError], fragment: str
) -> cf.CoopframeError:
    """``call`` raises ``error`` whose message holds ``fragment``; the error is returned."""
    with within(5.0), pytest.raises(error) as info:
        call()
    assert fragment in str(info.value)
    return info.value


def test_base_document_loads_in_every_format() -> None:
    """The base document of these tests is valid, so every refusal below is the change's."""
    for fmt in FORMATS:
        road = cf.loads(text_of(BASE, fmt), format=fmt)
        assert isinstance(road, cf.Roadmap)
        assert [a.id for a in road.activities] == ["A1", "A2"]


# --- YAML aliases and tags --------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels + 1):
        refs = ", ".join(f"*a{level - 1}" for _ in range(width))
        lines.append(f"a{level}: &a{level} [{refs}]")
    lines.append(f"coopframe: 1\nroadmap: *a{levels}")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_quickly() -> None:
    """Nine levels of ten aliases stand for 10**9 values: refused while reading, in no time."""
    error = refused(
        lambda: cf.loads(billion_laughs()), cf.DocumentSyntaxError, "Limits.max_aliases"
    )
    assert isinstance(error, cf.DocumentSyntaxError)
    assert error.line is not None


def test_billion_laughs_in_a_model_field_is_refused() -> None:
    """Aliases nested where the model has lists (activities' responsible) are counted too."""
    text = (
        "coopframe: 1\nroadmap:\n  id: r\n  title: t\n"
        "  parties: [{id: BOL, name: B}, {id: PER, name: P}]\n"
        "  period: {start: 2025-01-01, end: 2025-12-31}\n"
        "  axes: [{id: X1, name: x}]\n"
        "  agencies: [{id: G1, name: g, party: BOL}]\n"
        "  activities: &acts\n"
        + "".join(f"  - &a{i} {{id: A{i}, title: t, axis: X1}}\n" for i in range(3))
        + "  description: &d [*acts, *acts, *acts, *acts, *acts, *acts, *acts, *acts]\n"
        + "  signed_at: ["
        + ", ".join(["*d"] * 2000)
        + "]\n"
    )
    refused(lambda: cf.loads(text), cf.DocumentSyntaxError, "Limits.max_aliases")


def test_a_few_aliases_are_fine_and_can_be_refused() -> None:
    """Anchors and aliases for repeated lists load; ``max_aliases=0`` refuses every alias."""
    text = text_of(BASE, "yaml").replace("responsible:\n", "responsible: &both\n", 1) + ""
    road = cf.loads(text)
    assert isinstance(road, cf.Roadmap)
    aliased = text.replace("depends_on:", "responsible: *both\n    depends_on:", 1)
    road = cf.loads(aliased)
    assert isinstance(road, cf.Roadmap)
    assert road.activity("A2").responsible == ("G1", "G2")
    refused(
        lambda: cf.loads(aliased, limits=io.Limits(max_aliases=0)),
        cf.DocumentSyntaxError,
        "Limits.max_aliases",
    )


def test_recursive_alias_is_refused() -> None:
    """An alias inside the value it names would make a cyclic document."""
    refused(lambda: cf.loads("coopframe: 1\nroadmap: &r [*r]\n"), cf.DocumentSyntaxError, "*r")


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo unsafe']",
        "!!python/object/new:os.system ['echo unsafe']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!custom {a: 1}",
        "!!binary aGVsbG8=",
        "!!set {a: null}",
        "!!omap [a: 1]",
        "!<tag:example.org,2024:thing> 1",
    ],
)
def test_yaml_tags_are_never_honoured(tag: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only plain values are read: any tag that constructs something else is refused."""
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args))
    for text in (f"coopframe: 1\nroadmap: {tag}\n", f"coopframe: {tag}\n"):
        refused(partial(cf.loads, text), cf.DocumentSyntaxError, "YAML tag")
    assert calls == []


def test_plain_yaml_tags_are_fine() -> None:
    """Explicit standard tags of plain values (``!!str``) are read as usual."""
    text = text_of(BASE, "yaml").replace("title: Hoja de ruta", "title: !!str 2025", 1)
    road = cf.loads(text)
    assert isinstance(road, cf.Roadmap)
    assert road.title == "2025"


# --- Nesting and size -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("yaml", "coopframe: 1\nroadmap: " + "[" * 200_000),
        ("yaml", "coopframe: 1\nroadmap:\n" + "- " * 100_000 + "x\n"),
        ("yaml", "a: " + "{a: " * 100_000),
        ("json", '{"coopframe": 1, "roadmap": ' + "[" * 200_000),
        ("json", "[" * 100_000 + "]" * 100_000),
        ("toml", "coopframe = 1\nroadmap = " + "[" * 200_000),
    ],
)
def test_deep_nesting_is_refused(fmt: io.Format, text: str) -> None:
    """Nesting far beyond the model is refused at once, never crashing the interpreter."""
    with within(5.0), pytest.raises(cf.DocumentSyntaxError) as info:
        cf.loads(text, format=fmt)
    assert info.value.source == f"<{fmt} text>"
    assert str(info.value).startswith(f"<{fmt} text>")


def test_yaml_depth_limit_names_the_limit_and_the_line() -> None:
    """A YAML document one level deeper than ``max_depth`` is refused where it goes too deep."""
    text = "a:\n  b:\n    c: [1]\n"
    assert cf.io.Limits(max_depth=4).max_depth == 4
    error = refused(
        lambda: cf.loads(text, limits=io.Limits(max_depth=3)),
        cf.DocumentSyntaxError,
        "Limits.max_depth",
    )
    assert isinstance(error, cf.DocumentSyntaxError)
    assert error.line == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_depth_limit_below_the_model_refuses_valid_documents(fmt: io.Format) -> None:
    """``max_depth`` is enforced in every format, even on documents that are otherwise valid."""
    text = text_of(BASE, fmt)
    assert isinstance(cf.loads(text, format=fmt, limits=io.Limits(max_depth=5)), cf.Roadmap)
    with pytest.raises(cf.CoopframeError, match=r"Limits\.max_depth"):
        cf.loads(text, format=fmt, limits=io.Limits(max_depth=4))


@pytest.mark.parametrize("fmt", FORMATS)
def test_oversize_text_is_refused_before_parsing(fmt: io.Format) -> None:
    """A document over ``max_bytes`` is refused by its size alone: even garbage gives that."""
    limits = io.Limits(max_bytes=1_000)
    for text in (text_of(document(description="x" * 2_000), fmt), "{[" * 1_000):
        refused(
            partial(cf.loads, text, format=fmt, limits=limits),
            cf.DocumentSyntaxError,
            "Limits.max_bytes",
        )
        refused(
            partial(cf.loads, text.encode(), format=fmt, limits=limits),
            cf.DocumentSyntaxError,
            "Limits.max_bytes",
        )


def test_size_counts_utf8_bytes() -> None:
    """``max_bytes`` counts bytes of UTF-8, not characters: 400 'ñ' are 800 bytes."""
    text = text_of(document(description="ñ" * 400), "json")
    size = len(text.encode())
    assert isinstance(cf.loads(text, format="json", limits=io.Limits(max_bytes=size)), cf.Roadmap)
    with pytest.raises(cf.DocumentSyntaxError, match=r"Limits\.max_bytes"):
        cf.loads(text, format="json", limits=io.Limits(max_bytes=size - 1))


def test_oversize_file_is_not_read_whole(tmp_path: Path) -> None:
    """``load`` reads at most ``max_bytes + 1`` bytes of a file before refusing it."""
    path = tmp_path / "big.json"
    path.write_text(text_of(document(description="x" * 5_000), "json"), encoding="utf-8")
    refused(
        lambda: cf.load(path, limits=io.Limits(max_bytes=1_000)),
        cf.DocumentSyntaxError,
        "Limits.max_bytes",
    )
    assert isinstance(cf.load(path), cf.Roadmap)


@pytest.mark.parametrize("fmt", FORMATS)
def test_huge_strings_are_refused_with_their_path(fmt: io.Format) -> None:
    """A string over ``max_string_length`` is refused with its path; raising the limit reads it."""
    big = "x" * 150_000
    for data, path in (
        (document(description=big), "description"),
        (document(A1_title=big), "activities[0].title"),
        (document(A1_responsible=["G1", big]), "activities[0].responsible[1]"),
        (document(A1_lead=big), "activities[0].lead"),
    ):
        text = text_of(data, fmt)
        error = refused(
            partial(cf.loads, text, format=fmt),
            cf.InvalidDocumentError,
            "Limits.max_string_length",
        )
        assert isinstance(error, cf.InvalidDocumentError)
        assert path in [problem.path for problem in error.problems]
        assert len(str(error)) < 1_000  # the message does not repeat the string
    road = cf.loads(
        text_of(document(description=big), fmt),
        format=fmt,
        limits=io.Limits(max_string_length=200_000),
    )
    assert isinstance(road, cf.Roadmap)
    assert road.description == big


@pytest.mark.parametrize("fmt", FORMATS)
def test_long_lists_are_refused_with_their_path(fmt: io.Format) -> None:
    """A list over ``max_list_length`` is refused with its path."""
    text = text_of(BASE, fmt)
    error = refused(
        lambda: cf.loads(text, format=fmt, limits=io.Limits(max_list_length=1)),
        cf.InvalidDocumentError,
        "Limits.max_list_length",
    )
    assert isinstance(error, cf.InvalidDocumentError)
    paths = {problem.path for problem in error.problems}
    assert {"parties", "agencies", "activities"} <= paths


def test_long_unknown_keys_are_shortened_in_messages() -> None:
    """An unknown key a million characters long is reported, shortened."""
    data = document()
    data["roadmap"]["k" * 1_000_000] = 1
    error = refused(
        lambda: cf.loads(json.dumps(data), format="json"), cf.InvalidDocumentError, "unknown key"
    )
    assert len(str(error)) < 500


def test_limits_are_checked() -> None:
    """Limits take integers in range, and ``limits=`` takes a Limits or None."""
    for bad in ({"max_bytes": 0}, {"max_depth": -1}, {"max_aliases": -1}, {"max_depth": 2.5}):
        with pytest.raises(cf.InvalidParameterError, match="parameter of Limits"):
            io.Limits(**bad)
    with pytest.raises(cf.InvalidParameterError, match="'limits' parameter of loads"):
        cf.loads("", limits={"max_bytes": 10})  # type: ignore[arg-type]
    assert io.Limits() == io.DEFAULT_LIMITS
    assert attrs.evolve(io.DEFAULT_LIMITS, max_aliases=0).max_aliases == 0


# --- Numbers, dates and text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", text_of(BASE, "json").replace('"weight": 2.0', '"weight": NaN')),
        ("json", text_of(BASE, "json").replace('"weight": 2.0', '"weight": Infinity')),
        ("json", text_of(BASE, "json").replace('"weight": 2.0', '"weight": -Infinity')),
        ("json", text_of(BASE, "json").replace('"weight": 2.0', '"weight": 1e400')),
        ("yaml", text_of(BASE, "yaml").replace("weight: 2.0", "weight: .nan")),
        ("yaml", text_of(BASE, "yaml").replace("weight: 2.0", "weight: -.inf")),
        ("yaml", text_of(BASE, "yaml").replace("weight: 2.0", "weight: 1e400")),
        ("toml", text_of(BASE, "toml").replace("weight = 2.0", "weight = nan")),
        ("toml", text_of(BASE, "toml").replace("weight = 2.0", "weight = inf")),
        ("json", text_of(BASE, "json").replace('"weight": 2.0', '"weight": 1' + "0" * 400)),
    ],
)
def test_nan_and_infinities_are_refused(fmt: io.Format, text: str) -> None:
    """A weight that is not a finite number never loads."""
    assert "weight" in text
    assert "2.0" not in text.split("weight")[1][:8]
    with within(5.0), pytest.raises(cf.CoopframeError) as info:
        cf.loads(text, format=fmt)
    assert "weight" in str(info.value) or "NaN" in str(info.value) or "Infinity" in str(info.value)


@pytest.mark.parametrize("fmt", FORMATS)
def test_integers_beyond_the_interpreter_are_refused(fmt: io.Format) -> None:
    """An integer of 5,000 digits (beyond Python's conversion limit) is a syntax error."""
    text = text_of(BASE, fmt)
    text = text.replace("1", "1" + "7" * 5_000, 1)
    refused(lambda: cf.loads(text, format=fmt), cf.DocumentSyntaxError, "digits")


def test_duplicate_keys_are_refused() -> None:
    """A key given twice is refused in YAML, JSON and TOML alike."""
    refused(
        lambda: cf.loads('{"coopframe": 1, "coopframe": 1}', format="json"),
        cf.DocumentSyntaxError,
        "duplicate key",
    )
    refused(lambda: cf.loads("coopframe: 1\ncoopframe: 1\n"), cf.DocumentSyntaxError, "duplicate")
    refused(
        lambda: cf.loads("coopframe = 1\ncoopframe = 1\n", format="toml"),
        cf.DocumentSyntaxError,
        "overwrite",
    )


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (20250101, "expected a date"),
        ("2025-13-01", "not a valid date"),
        ("2025-02-30", "not a valid date"),
        ("1850-01-01", "outside"),
        ("9999-12-31", "outside"),
        ("0001-01-01", "outside"),
        ("25-01-01", "expected a date"),
        (True, "expected a date"),
    ],
)
def test_bad_dates_are_refused_with_their_path(value: object, fragment: str) -> None:
    """Integers, impossible dates and dates out of range are refused where they are."""
    for fmt in ("json", "yaml"):
        text = text_of(document(A1_start=value), fmt)
        error = refused(
            partial(cf.loads, text, format=fmt),
            cf.InvalidDocumentError,
            fragment,
        )
        assert isinstance(error, cf.InvalidDocumentError)
        assert [p.path for p in error.problems] == ["activities[0].start"]


def test_yaml_unquoted_dates_out_of_range() -> None:
    """YAML's own dates: year 0 and month 13 stay text and are refused; 9999 is out of range."""
    base = text_of(BASE, "yaml")
    for date, fragment in (
        ("0000-01-01", "not a valid date"),
        ("2025-13-01", "not a valid"),
        ("9999-12-31", "outside"),
        ("2025-01-01 10:00:00", "date and time"),
    ):
        text = base.replace("start: '2025-01-01'", f"start: {date}", 1)
        assert text != base
        refused(partial(cf.loads, text), cf.InvalidDocumentError, fragment)


def test_bad_utf8_bom_and_windows_line_endings() -> None:
    """Bad bytes are refused with a position; a BOM and CRLF line endings read fine."""
    for fmt in FORMATS:
        text = text_of(BASE, fmt)
        expected = cf.loads(text, format=fmt)
        assert cf.loads("\ufeff" + text, format=fmt) == expected
        assert cf.loads(b"\xef\xbb\xbf" + text.encode(), format=fmt) == expected
        crlf = text.replace("\n", "\r\n")
        assert cf.loads(crlf.encode(), format=fmt) == expected
        bad = text.encode().replace("Perú".encode(), b"Per\xfa")
        error = refused(
            partial(cf.loads, bad, format=fmt),
            cf.DocumentSyntaxError,
            "not valid UTF-8",
        )
        assert isinstance(error, cf.DocumentSyntaxError)
        assert error.line is not None
        assert error.column is not None


def test_lone_surrogates_are_refused_on_load_and_save(tmp_path: Path) -> None:
    """A JSON escape for half a character is refused; a roadmap holding one cannot be saved."""
    text = text_of(BASE, "json").replace("Campaña", "Campa\\ud800a")
    refused(lambda: cf.loads(text, format="json"), cf.DocumentSyntaxError, "surrogate")
    pair = text_of(BASE, "json").replace("Campaña", "Campa\\ud83d\\ude00")
    road = cf.loads(pair, format="json")
    assert isinstance(road, cf.Roadmap)
    assert road.activity("A1").title == "Campa\U0001f600"
    odd = attrs.evolve(road, title="\ud800")
    target = tmp_path / "odd.json"
    refused(lambda: cf.dump(odd, target), cf.InvalidDocumentError, "surrogate")
    assert list(tmp_path.iterdir()) == []
    refused(lambda: cf.loads("title: \ud800"), cf.DocumentSyntaxError, "surrogate")


# --- Ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_very_long_ids_load_and_round_trip(fmt: io.Format) -> None:
    """A 10,000-character id is an id like any other; one over the string limit is refused."""
    long_id = "A" * 10_000
    data = document(A1_id=long_id)
    data["roadmap"]["activities"][1]["depends_on"] = [long_id]
    road = cf.loads(text_of(data, fmt), format=fmt)
    assert isinstance(road, cf.Roadmap)
    assert road.activity(long_id).id == long_id
    assert cf.loads(cf.dumps(road, format=fmt), format=fmt) == road
    with pytest.raises(cf.InvalidDocumentError, match=r"Limits\.max_string_length"):
        cf.loads(text_of(data, fmt), format=fmt, limits=io.Limits(max_string_length=9_999))


def test_ids_equal_after_unicode_normalisation_are_refused() -> None:
    """'é' as one code point and as 'e' + combining accent are the same id: refused, not merged."""
    composed, decomposed = "Acci\u00f3n", "Accio\u0301n"
    assert composed != decomposed
    assert unicodedata.normalize("NFC", decomposed) == composed
    data = document(A1_id=composed)
    data["roadmap"]["activities"][1]["id"] = decomposed
    data["roadmap"]["activities"][1]["depends_on"] = [composed]
    for fmt in FORMATS:
        error = refused(
            partial(cf.loads, text_of(data, fmt), format=fmt),
            cf.InvalidDocumentError,
            "Unicode-normalised",
        )
        assert isinstance(error, cf.InvalidDocumentError)
        assert [p.path for p in error.problems] == ["activities[1].id"]


def test_decomposed_ids_alone_load_as_written() -> None:
    """An id written decomposed, with no twin, loads unchanged (coopframe does not rewrite ids)."""
    decomposed = "Accio\u0301n"
    data = document(A1_id=decomposed)
    data["roadmap"]["activities"][1]["depends_on"] = [decomposed]
    road = cf.loads(text_of(data, "json"), format="json")
    assert isinstance(road, cf.Roadmap)
    assert road.activities[0].id == decomposed


def test_normalisation_twins_in_an_agreement_are_refused() -> None:
    """The rule holds inside each roadmap of an agreement, with the roadmap in the path."""
    road = copy.deepcopy(BASE["roadmap"])
    road["agencies"][1]["id"] = "Poli\u0301"
    road["agencies"][0]["id"] = "Pol\u00ed"
    road["activities"][0]["responsible"] = ["Pol\u00ed"]
    data = {
        "coopframe": 1,
        "agreement": {
            "id": "T1",
            "title": "Acuerdo",
            "parties": BASE["roadmap"]["parties"],
            "roadmaps": [road],
        },
    }
    error = refused(
        lambda: cf.loads(json.dumps(data), format="json"),
        cf.InvalidDocumentError,
        "Unicode-normalised",
    )
    assert isinstance(error, cf.InvalidDocumentError)
    assert [p.path for p in error.problems] == ["roadmaps[0].agencies[1].id"]


# --- Files and the version ----------------------------------------------------------------------


def test_a_fifo_input_is_refused_at_once(tmp_path: Path) -> None:
    """A FIFO with no writer is refused as not a regular file, instead of blocking forever."""
    import threading

    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            cf.load(path)
        except BaseException as exc:
            errors.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10.0)
    assert not reader.is_alive(), "load blocked on a FIFO"
    assert len(errors) == 1
    assert isinstance(errors[0], cf.DocumentFileError)
    assert str(path) in str(errors[0])
    assert "not a regular file" in str(errors[0])


def test_character_devices_are_refused() -> None:
    """A device given as input (``/dev/zero`` would never end) is refused up front."""
    refused(lambda: cf.load("/dev/zero", format="yaml"), cf.DocumentFileError, "regular file")


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda tmp: tmp / ("x" * 5_000 + ".yaml"), "name too long"),
        (lambda tmp: Path(str(tmp) + "/x" * 3_000 + ".yaml"), "name too long"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: tmp / "missing" / "x.yaml", "no such file"),
    ],
)
def test_unreadable_paths_are_document_file_errors(
    tmp_path: Path, make: Callable[[Path], Path], fragment: str
) -> None:
    """Paths too long, directories and missing files give a DocumentFileError with a reason."""
    path = make(tmp_path)
    error = refused(lambda: cf.load(path, format="yaml"), cf.DocumentFileError, fragment)
    assert isinstance(error, OSError)


def test_symlink_loops_are_document_file_errors(tmp_path: Path) -> None:
    """A symbolic link that leads back to itself is refused with the path and the reason."""
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    refused(lambda: cf.load(tmp_path / "a.yaml"), cf.DocumentFileError, "symbolic links")


def test_permission_denied_is_a_document_file_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unreadable file (simulated: the tests may run as root) is refused, with its path."""
    path = tmp_path / "secret.yaml"
    path.write_text(text_of(BASE, "yaml"), encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    error = refused(lambda: cf.load(path), cf.DocumentFileError, "permission denied")
    assert str(path) in str(error)


@pytest.mark.parametrize(
    ("fmt", "written"),
    [
        ("yaml", "1.0"),
        ("yaml", "0x1"),
        ("yaml", "0o1"),
        ("yaml", "+1"),
        ("yaml", "01"),
        ("yaml", "0b1"),
        ("yaml", "!!float 1"),
        ("json", "1.0"),
        ("json", "1e0"),
        ("toml", "1.0"),
        ("toml", "0x1"),
        ("toml", "+1"),
    ],
)
def test_only_the_integer_1_is_the_version(fmt: io.Format, written: str) -> None:
    """``coopframe: 1.0``, ``0x1`` and the like are refused, saying how to write it."""
    text = text_of(BASE, fmt)
    old = {"yaml": "coopframe: 1", "json": '"coopframe": 1', "toml": "coopframe = 1"}[fmt]
    assert old in text
    text = text.replace(old, old[:-1] + written, 1)
    with pytest.raises(cf.CoopframeError) as info:
        cf.loads(text, format=fmt)
    error = info.value
    if isinstance(error, cf.InvalidDocumentError):
        assert [p.path for p in error.problems] == ["coopframe"]
    else:
        assert isinstance(error, cf.DocumentSyntaxError)
        assert error.line == 1
    assert "version" in str(error)
    assert "coopframe: 1" in str(error)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_version_given_as_text_is_told_as_such(fmt: io.Format) -> None:
    """``coopframe: "1"`` is refused, and the message says the version is a string."""
    data = document()
    data["coopframe"] = "1"
    error = refused(
        lambda: cf.loads(text_of(data, fmt), format=fmt), cf.InvalidDocumentError, "string"
    )
    assert isinstance(error, cf.InvalidDocumentError)
    assert [p.path for p in error.problems] == ["coopframe"]


# --- Memory -------------------------------------------------------------------------------------


def peak_memory(call: Callable[[], object]) -> int:
    """Bytes of memory ``call`` allocates at its peak (as tracemalloc counts them)."""
    import tracemalloc

    tracemalloc.start()
    try:
        call()
    except cf.CoopframeError:
        pass
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_toml_dotted_keys_deeper_than_the_limit_are_refused_cheaply() -> None:
    """A 64 KB dotted key of 32,000 parts is refused on the text, in little memory."""
    text = "coopframe = 1\nroadmap." + ".".join(["a"] * 32_000) + " = 1\n"
    error = refused(
        lambda: cf.loads(text, format="toml"), cf.DocumentSyntaxError, "Limits.max_depth"
    )
    assert isinstance(error, cf.DocumentSyntaxError)
    assert error.line == 2
    assert error.column is not None
    assert peak_memory(lambda: cf.loads(text, format="toml")) < 50 * len(text)


@pytest.mark.parametrize(
    "line",
    ["[" + ".".join(["t"] * 40) + "]", "[[" + ".".join(['"q"'] * 40) + "]]", "a . " * 40 + "b = 1"],
)
def test_toml_table_headers_and_spaced_keys_count_too(line: str) -> None:
    """Table headers, quoted parts and spaces around the dots are counted like dotted keys."""
    text = text_of(BASE, "toml") + line + "\n"
    refused(lambda: cf.loads(text, format="toml"), cf.DocumentSyntaxError, "Limits.max_depth")


def test_dotted_text_inside_toml_strings_and_comments_is_not_a_key() -> None:
    """Long dotted chains in strings and comments are text: the document loads."""
    chain = ".".join(["x"] * 100)
    data = document(description=f"{chain}\n{chain} = 1\n")
    text = tomli_w.dumps(data, multiline_strings=True) + f"# {chain}\n"
    assert '"""' in text
    road = cf.loads(text, format="toml")
    assert isinstance(road, cf.Roadmap)
    assert road.description == f"{chain}\n{chain} = 1\n"


def aliased_titles(length: int, count: int) -> str:
    """A roadmap whose ``count`` activities all take as title one text of ``length`` characters."""
    return (
        "coopframe: 1\nroadmap:\n  id: r\n  title: &t " + "x" * length + "\n"
        "  parties: [{id: BOL, name: B}, {id: PER, name: P}]\n"
        "  period: {start: 2025-01-01, end: 2025-12-31}\n"
        "  axes: [{id: X1, name: x}]\n"
        "  activities:\n"
        + "".join(f"  - {{id: A{i}, title: *t, axis: X1}}\n" for i in range(count))
    )


def test_aliases_count_the_text_they_stand_for() -> None:
    """151 KB that alias a 100,000-character title 1,400 times (140 MB written out) is refused.

    Loading it would give a roadmap whose own dump is beyond ``max_bytes``: refused on reload.
    """
    text = aliased_titles(100_000, 1_400)
    assert len(text) < 160_000
    error = refused(lambda: cf.loads(text), cf.DocumentSyntaxError, "Limits.max_bytes")
    assert isinstance(error, cf.DocumentSyntaxError)
    assert error.line is not None
    assert "aliases written out" in error.reason


def test_aliases_within_the_size_limit_load_and_reload() -> None:
    """Aliased text that, written out, fits ``max_bytes`` loads, and its dump loads again."""
    limits = io.Limits(max_bytes=200_000)
    text = aliased_titles(1_000, 100)
    road = cf.loads(text, limits=limits)
    assert isinstance(road, cf.Roadmap)
    assert cf.loads(cf.dumps(road), limits=limits) == road
    refused(
        lambda: cf.loads(text, limits=io.Limits(max_bytes=90_000)),
        cf.DocumentSyntaxError,
        "Limits.max_bytes",
    )


@pytest.mark.parametrize(
    "roadmap",
    [
        "[" + "[]," * 40_000 + "]",
        "[" + "{}," * 40_000 + "]",
        "[" + "a," * 40_000 + "]",
        "{" + ", ".join(f"k{i}: v" for i in range(20_000)) + "}",
    ],
)
def test_yaml_values_are_counted_while_reading(roadmap: str) -> None:
    """More values than ``max_nodes`` are refused while the text is read, before building any."""
    text = f"coopframe: 1\nroadmap: {roadmap}\n"
    limits = io.Limits(max_nodes=30_000)
    error = refused(lambda: cf.loads(text, limits=limits), cf.DocumentSyntaxError, "max_nodes")
    assert isinstance(error, cf.DocumentSyntaxError)
    assert error.line == 2
    with pytest.raises(cf.InvalidDocumentError):
        cf.loads(text, limits=io.Limits(max_nodes=100_000))


def test_aliases_count_as_the_values_they_stand_for() -> None:
    """An alias of a list of 100 values adds 101 values to the count of ``max_nodes``."""
    text = "coopframe: 1\nroadmap:\n  a: &a [" + "x, " * 100 + "]\n  b: [" + "*a, " * 50 + "]\n"
    with pytest.raises(cf.InvalidDocumentError):
        cf.loads(text, limits=io.Limits(max_nodes=5_300))
    refused(
        lambda: cf.loads(text, limits=io.Limits(max_nodes=5_000)),
        cf.DocumentSyntaxError,
        "max_nodes",
    )


def test_the_default_node_limit_admits_large_roadmaps() -> None:
    """``DEFAULT_LIMITS.max_nodes`` admits 50,000 activities such as ``synthetic_roadmap``'s."""
    from coopframe.synthetic import synthetic_roadmap

    road = synthetic_roadmap(200, seed=3)
    text = cf.dumps(road)
    values = sum(
        isinstance(event, yaml.ScalarEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent)
        for event in yaml.parse(text, Loader=yaml.SafeLoader)
    )
    assert values * 250 < io.DEFAULT_LIMITS.max_nodes
    refused(
        lambda: cf.loads(text, limits=io.Limits(max_nodes=values - 1)),
        cf.DocumentSyntaxError,
        "max_nodes",
    )
    assert cf.loads(text, limits=io.Limits(max_nodes=values)) == road


def test_refusal_messages_stay_short_for_hostile_documents() -> None:
    """A 101 KB file aliasing a 50,000-character id 2,000 times gives a short ``str(error)``.

    Every problem is kept in ``.problems``, whole; the message lists the first 50, each cut
    short, and says how many more there are.
    """
    text = (
        "coopframe: 1\nroadmap:\n  id: r\n  title: t\n"
        "  parties: [{id: BOL, name: B}, {id: PER, name: P}]\n"
        "  period: {start: 2025-01-01, end: 2025-12-31}\n"
        "  axes: [{id: X1, name: x}]\n"
        "  description: &i "
        + "y" * 50_000
        + "\n  activities:\n"
        + "  - {id: *i, title: t, axis: X1, depends_on: [*i]}\n" * 1_000
    )
    error = refused(lambda: cf.loads(text), cf.InvalidDocumentError, "more problems")
    assert isinstance(error, cf.InvalidDocumentError)
    assert len(error.problems) > 1_000
    message = str(error)
    assert len(message) < 60 * (cf.exceptions.MAX_PROBLEM_LENGTH + 40)
    assert message.count("\n") == cf.exceptions.MAX_SHOWN_PROBLEMS + 1
    assert message.endswith(f"... and {len(error.problems) - 50:,} more problems")
    assert any(len(problem.message) > 50_000 for problem in error.problems)


def test_hidden_characters_in_messages_are_spelt_out() -> None:
    """An unknown key holding a terminal escape appears in the message as ``\\x1b``."""
    data = document()
    data["roadmap"]["\x1b[2Jbad\u202e"] = 1
    error = refused(
        lambda: cf.loads(json.dumps(data), format="json"), cf.InvalidDocumentError, "unknown key"
    )
    assert isinstance(error, cf.InvalidDocumentError)
    assert "\x1b" not in str(error)
    assert "\u202e" not in str(error)
    assert "\\x1b[2Jbad\\u202e" in str(error)
    assert [p.path for p in error.problems] == ["\x1b[2Jbad\u202e"]


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", '{"coopframe": 1, "roadmap": [' + "[]," * 20_000 + "[]]}"),
        ("toml", "coopframe = 1\nroadmap = [" + "{}," * 20_000 + "]\n"),
        ("toml", "coopframe = 1\n" + "".join(f"[t{i}]\n" for i in range(20_000))),
        ("toml", "coopframe = 1\n" + "".join(f"k{i}.a.a.a = 1\n" for i in range(6_000))),
    ],
)
def test_json_and_toml_values_are_counted_before_parsing(fmt: io.Format, text: str) -> None:
    """JSON and TOML that may hold more than ``max_nodes`` values are refused before parsing."""
    limits = io.Limits(max_nodes=20_000)
    refused(lambda: cf.loads(text, format=fmt, limits=limits), cf.DocumentSyntaxError, "max_nodes")
    assert peak_memory(lambda: cf.loads(text, format=fmt, limits=limits)) < 4 * len(text)


@pytest.mark.parametrize("fmt", FORMATS)
def test_punctuation_inside_strings_is_not_counted_as_values(fmt: io.Format) -> None:
    """A description full of commas, brackets and dots loads under a tight ``max_nodes``."""
    text = text_of(document(description=",[{:=." * 5_000), fmt)
    road = cf.loads(text, format=fmt, limits=io.Limits(max_nodes=100))
    assert isinstance(road, cf.Roadmap)
