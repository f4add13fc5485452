"""YAML tags: every standard tag, with any value, gives a document or a CoopframeError.

A sweep over every tag of the YAML 1.1 type repository, explicit on values of many shapes, at
several places in an otherwise valid document. Each combination must load or be refused with a
:class:`coopframe.CoopframeError`, a syntax error saying the line and column where there is one.
"""

from __future__ import annotations

import pytest

import coopframe as cf

BASE = """\
coopframe: 1
roadmap:
  id: demo
  title: Hoja de ruta
  parties: [{id: BOL, name: Bolivia}, {id: PER, name: Peru}]
  period: {start: 2025-01-01, end: 2026-12-31}
  axes: [{id: prev, name: Prevencion}]
  activities: [{id: A1, title: Campana, axis: prev, weight: 1.0}]
"""

TAGS = [
    "!!null",
    "!!bool",
    "!!int",
    "!!float",
    "!!str",
    "!!timestamp",
    "!!binary",
    "!!seq",
    "!!map",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!merge",
    "!!value",
    "!!yaml",
]
VALUES = [
    "",
    "maybe",
    "1",
    "0x1",
    "-1.5",
    "-",
    "+",
    "~",
    ".",
    "0b",
    "0x",
    "0b_",
    "1e400",
    "12:30:00",
    "2025-01-01",
    "2025-13-45",
    "2025-01-01T10:00:00Z",
    "true",
    "'quoted'",
    '"\\u00e9"',
    "aGVsbG8=",
    "[]",
    "{}",
    "[1, 2]",
    "[a: 1]",
    "{a: 1}",
    "{a: [1]}",
    "[[1]]",
    "<<",
    "=",
]
PLACES = [
    ("coopframe: 1", "coopframe: {}"),
    ("title: Hoja de ruta", "title: {}"),
    ("weight: 1.0", "weight: {}"),
    ("start: 2025-01-01", "start: {}"),
    ("axes: [{id: prev, name: Prevencion}]", "axes: {}"),
    ("activities: [{id: A1,", "activities: [{id: A1, due: {},"),
]


def outcome(text: str) -> cf.Roadmap | cf.CoopframeError:
    """Load ``text``: the roadmap, or the CoopframeError it was refused with."""
    try:
        road = cf.loads(text)
    except cf.CoopframeError as exc:
        return exc
    assert isinstance(road, cf.Roadmap)
    return road


def test_base_document_loads() -> None:
    """The document the sweep changes is valid, so each refusal is the tag's."""
    assert isinstance(cf.loads(BASE), cf.Roadmap)


@pytest.mark.parametrize("tag", TAGS)
def test_every_tag_with_any_value_loads_or_is_refused_cleanly(tag: str) -> None:
    """Each tag x value x place loads or is refused with a CoopframeError, never a bare error."""
    for value in VALUES:
        for old, new in PLACES:
            text = BASE.replace(old, new.replace("{}", f"{tag} {value}"), 1)
            assert text != BASE
            result = outcome(text)
            if isinstance(result, cf.CoopframeError):
                assert str(result).strip()


@pytest.mark.parametrize(
    ("value", "line"),
    [
        ("!!bool maybe", 1),
        ("!!int '-'", 1),
        ("!!int 0b", 1),
        ("!!float '-'", 1),
        ("!!float ''", 1),
        ("!!timestamp tomorrow", 1),
        ("!!map [a: 1]", 1),
        ("!!seq {a: 1}", 1),
        ("!!int [1]", 1),
    ],
)
def test_tagged_values_that_do_not_fit_their_tag_are_syntax_errors(value: str, line: int) -> None:
    """A value its tag cannot hold is a DocumentSyntaxError naming the tag, with its position."""
    with pytest.raises(cf.DocumentSyntaxError) as info:
        cf.loads(BASE.replace("coopframe: 1", f"coopframe: {value}", 1))
    assert info.value.line == line
    assert info.value.column is not None
    assert value.split()[0] in info.value.reason


def test_a_bad_tag_deep_in_the_document_says_where() -> None:
    """The line and column point at the tagged value, not at the document's start."""
    text = BASE.replace("weight: 1.0", "weight: !!float nope", 1)
    with pytest.raises(cf.DocumentSyntaxError) as info:
        cf.loads(text)
    assert info.value.line == 8
    assert info.value.column == text.splitlines()[7].index("!!float") + 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [("!!float 2", 2.0), ("!!float 2.5", 2.5), ("!!int 3", 3.0), ("!!str 2", None)],
)
def test_tagged_values_that_fit_load(value: str, expected: float | None) -> None:
    """Tags on values that fit them are honoured as YAML says (``!!float 2`` is 2.0)."""
    text = BASE.replace("weight: 1.0", f"weight: {value}", 1)
    if expected is None:
        with pytest.raises(cf.InvalidDocumentError) as info:
            cf.loads(text)
        assert [p.path for p in info.value.problems] == ["activities[0].weight"]
        return
    road = cf.loads(text)
    assert isinstance(road, cf.Roadmap)
    assert road.activities[0].weight == expected
