"""Reports show every character a reader must see: nothing from the input can hide or reorder.

Bidi overrides (U+202E), isolates, zero-width characters, the byte order mark, C1 controls and
terminal escape sequences in any field taken from the input are spelt out (``\\u202e``) in the
text, Markdown and HTML reports, and written as ``\\u`` escapes in JSON, in every kind of report.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

import coopframe as cf
from coopframe import compare, render, trajectory
from coopframe._text import HIDDEN
from coopframe.analysis import evaluate_many, rank_robustness

PAYLOAD = "\u202e\u2066\u200b\ufeff\x9b\x1b[31m"
SPELT = ("\\u202e", "\\u2066", "\\u200b", "\\ufeff", "\\x9b", "\\x1b")
# Fields that hold ids (and the references to them) and fields that hold names; party ids are
# ISO 3166-1 codes, so they are left as they are.
ID_FIELDS = frozenset({"id", "axis", "lead", "source"})
ID_LISTS = frozenset({"responsible", "depends_on", "sources"})
NAME_FIELDS = frozenset({"title", "name", "acronym"})


def hostile(value: Any, *, party: bool = False) -> Any:
    """A document's JSON data with the payload after every id but a party's (and after every
    reference) and around every title and name, so ids stay unique and references resolve."""
    if isinstance(value, list):
        return [hostile(item, party=party) for item in value]
    if not isinstance(value, dict):
        return value
    changed: dict[str, Any] = {}
    for key, item in value.items():
        if key in ID_FIELDS and isinstance(item, str) and not party:
            changed[key] = item + PAYLOAD
        elif key in ID_LISTS and isinstance(item, list) and all(isinstance(e, str) for e in item):
            changed[key] = [entry + PAYLOAD for entry in item]
        elif key in NAME_FIELDS and isinstance(item, str):
            changed[key] = PAYLOAD + item + PAYLOAD
        else:
            changed[key] = hostile(item, party=key == "parties")
    return changed


def load_hostile(name: str) -> Any:
    """A bundled dataset with the payload in every id, reference, title and name."""
    data = json.loads(cf.io.dumps(cf.datasets.load(name), format="json"))
    return cf.io.loads(json.dumps(hostile(data)), format="json")


@pytest.fixture(scope="module")
def reports() -> dict[str, Callable[[str], str]]:
    """Every report kind, each a function of the format."""
    earlier = load_hostile("bolivia-peru-2021-2022")
    later = load_hostile("bolivia-peru-2025-2026")
    agreement = load_hostile("bolivia-peru-framework")
    assert isinstance(earlier, cf.Roadmap)
    assert isinstance(later, cf.Roadmap)
    evaluations = [cf.evaluate(earlier), cf.evaluate(later)]
    comparison = compare(earlier, later, match_ids=False)
    path = trajectory(agreement, match_ids=False)
    robustness = rank_robustness(evaluate_many([earlier, later], progress=False), n_samples=10)
    rows = [[earlier.id, earlier.title, 0.5], [later.id, later.title, None]]
    return {
        "evaluation": lambda fmt: render.render_evaluation(evaluations[0], format=fmt),
        "evaluations": lambda fmt: render.render_evaluations(evaluations, format=fmt),
        "comparison": lambda fmt: render.render_comparison(comparison, format=fmt),
        "trajectory": lambda fmt: render.render_trajectory(path, format=fmt),
        "ranking": lambda fmt: render.render_ranking(robustness, format=fmt),
        "table": lambda fmt: render.render_table(
            ["id" + PAYLOAD, "title", "score"],
            rows,
            format=fmt,
            title=PAYLOAD + "Tabla",
        ),
    }


def raw_hidden(text: str) -> list[str]:
    """The characters of ``text`` that are hidden, or controls other than tab and line feed."""
    return sorted(
        {char for char in text if HIDDEN.match(char) or unicodedata.category(char) == "Cc"}
        - {"\n", "\t"}
    )


def strings(value: Any) -> list[str]:
    """Every string in parsed JSON data, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [string for item in value for string in strings(item)]
    if isinstance(value, dict):
        return [string for pair in value.items() for item in pair for string in strings(item)]
    return []


KINDS = ("evaluation", "evaluations", "comparison", "trajectory", "ranking", "table")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_hidden_characters_are_spelt_out_in_every_report(
    reports: dict[str, Callable[[str], str]], kind: str, fmt: str
) -> None:
    """No bidi, zero-width or control character from the input reaches a report raw: each is
    spelt out as an escape (backslash-escaped once more in Markdown)."""
    text = reports[kind](fmt)
    assert raw_hidden(text) == []
    for escape in SPELT:
        assert (escape.replace("\\", "\\\\") if fmt == "markdown" else escape) in text


@pytest.mark.parametrize("kind", KINDS)
def test_json_reports_escape_hidden_characters_and_keep_the_values(
    reports: dict[str, Callable[[str], str]], kind: str
) -> None:
    """JSON reports write hidden characters as \\u escapes; the values read back unchanged."""
    text = reports[kind]("json")
    assert raw_hidden(text) == []
    assert "\\u202e" in text
    assert any(PAYLOAD in string for string in strings(json.loads(text)))


def test_line_breaks_and_tabs_are_spaces_in_the_text_report() -> None:
    """A title's line breaks (\\r\\n, \\r, \\n, U+2028) and tabs become spaces, one each, and
    its other control characters are spelt out, not blanked."""
    table = render.render_table(["a"], [["x\r\ny\rz\nw\u2028v\tu\x00"]])
    assert table.splitlines()[2] == "x y z w v u\\x00"
