"""Nothing is lost: every valid document survives every format, and every extra key is refused.

Properties over :func:`coopframe.testing.roadmaps` and :func:`coopframe.testing.agreements`,
which draw every optional field; arbitrary Unicode text is added on top of their alphabet.
"""

from __future__ import annotations

import json
import random
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe import io
from coopframe.testing import agreements, roadmaps, shuffled_pairs

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = st.sampled_from(sorted(io.FORMATS))
DOCUMENTS = st.one_of(roadmaps(max_activities=6), agreements(max_roadmaps=2, max_activities=3))
# Any text but lone surrogates (not characters; refused by UTF-8) and blank strings for ids.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30)


@st.composite
def with_any_text(draw: st.DrawFn) -> cf.Roadmap:
    """A roadmap whose free text (titles, names, descriptions, indicators) is any Unicode."""
    road = draw(roadmaps(max_activities=5))
    activities = tuple(
        attrs.evolve(
            activity,
            title=draw(ANY_TEXT),
            description=draw(st.none() | ANY_TEXT),
            indicator=draw(st.none() | ANY_TEXT),
        )
        for activity in road.activities
    )
    agencies = tuple(attrs.evolve(agency, name=draw(ANY_TEXT)) for agency in road.agencies)
    return attrs.evolve(
        road,
        title=draw(ANY_TEXT),
        signed_at=draw(st.none() | ANY_TEXT),
        description=draw(st.none() | ANY_TEXT),
        activities=activities,
        agencies=agencies,
    )


@SETTINGS
@given(DOCUMENTS, FORMATS)
def test_round_trip_in_every_format(document: cf.Roadmap | cf.Agreement, fmt: io.Format) -> None:
    """``loads(dumps(d, format=f), format=f) == d`` for every valid document and format."""
    text = cf.dumps(document, format=fmt)
    assert cf.loads(text, format=fmt) == document
    assert cf.loads(text.encode("utf-8"), format=fmt) == document


@SETTINGS
@given(with_any_text(), FORMATS)
def test_round_trip_of_any_unicode_text(road: cf.Roadmap, fmt: io.Format) -> None:
    """Any text (accents, scripts, emoji, control characters, line separators) comes back."""
    assert cf.loads(cf.dumps(road, format=fmt), format=fmt) == road


@SETTINGS
@given(DOCUMENTS, FORMATS, FORMATS)
def test_across_formats(
    document: cf.Roadmap | cf.Agreement, first: io.Format, second: io.Format
) -> None:
    """A document read from one format and written in another reads back equal."""
    once = cf.loads(cf.dumps(document, format=first), format=first)
    again = cf.loads(cf.dumps(once, format=second), format=second)
    assert again == document


def _only_json_primitives(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_json_primitives(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_json_primitives(item) for item in value)
    return value is None or isinstance(value, str | int | float | bool)


@SETTINGS
@given(DOCUMENTS)
def test_unstructure_then_structure(document: cf.Roadmap | cf.Agreement) -> None:
    """unstructure gives only JSON primitives, and structuring them gives an equal object."""
    data = io.unstructure(document)
    assert _only_json_primitives(data)
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert io.structure(data) == document


def _mappings(value: Any, path: str = "") -> list[tuple[dict[str, Any], str]]:
    """Every mapping of a document with its path, in the model's terms (``activities[0]``)."""
    found: list[tuple[dict[str, Any], str]] = []
    if isinstance(value, dict):
        found.append((value, path))
        for key, child in value.items():
            found.extend(
                _mappings(child, path if key in ("roadmap", "agreement") else _join(path, key))
            )
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found.extend(_mappings(child, f"{path}[{i}]"))
    return found


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


@SETTINGS
@given(DOCUMENTS, st.data(), FORMATS)
def test_every_extra_key_is_refused_with_its_path(
    document: cf.Roadmap | cf.Agreement, data: st.DataObject, fmt: io.Format
) -> None:
    """An unknown key inserted in any mapping is refused, reported at its own path."""
    parsed = io.unstructure(document)
    mapping, path = data.draw(st.sampled_from(_mappings(parsed)))
    key = data.draw(st.sampled_from(["extra", "Title", "ids", "activity", "x-note"]))
    mapping[key] = data.draw(st.sampled_from([1, "text", [1, 2], {"a": 1}, True]))
    text = _serialise(parsed, fmt)
    with pytest.raises(cf.InvalidDocumentError) as info:
        cf.loads(text, format=fmt)
    where = _join(path, key)
    assert where in [problem.path for problem in info.value.problems]
    assert all(p.message == "unknown key" for p in info.value.problems if p.path == where)


def _serialise(data: dict[str, Any], fmt: io.Format) -> str:
    if fmt == "json":
        return json.dumps(data)
    if fmt == "toml":
        import tomli_w

        return tomli_w.dumps(data)
    import yaml

    return str(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(shuffled_pairs(roadmaps(max_activities=8)), FORMATS)
def test_reordered_lists_load_the_same(pair: tuple[cf.Roadmap, cf.Roadmap], fmt: io.Format) -> None:
    """Reordering a document's lists loads the reordered roadmap, valid as the original."""
    road, copy = pair
    loaded = cf.loads(cf.dumps(copy, format=fmt), format=fmt)
    assert loaded == copy
    assert sorted(a.id for a in loaded.activities) == sorted(a.id for a in road.activities)
    assert {a.id: set(a.depends_on) for a in loaded.activities} == {
        a.id: set(a.depends_on) for a in road.activities
    }


def _shuffle_lists(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        return {key: _shuffle_lists(child, rng) for key, child in value.items()}
    if isinstance(value, list):
        items = [_shuffle_lists(child, rng) for child in value]
        rng.shuffle(items)
        return items
    return value


@SETTINGS
@given(roadmaps(max_activities=6), st.data(), st.randoms(use_true_random=False))
def test_reordering_never_changes_validity(
    road: cf.Roadmap, data: st.DataObject, rng: random.Random
) -> None:
    """With a value broken or not, a document and its reordering are valid or invalid together,
    and when invalid they have as many problems."""
    parsed = io.unstructure(road)
    body = parsed["roadmap"]
    if data.draw(st.booleans(), label="break"):
        activity_keys = ("axis", "responsible", "depends_on", "lead", "start", "due", "weight")
        if body.get("activities"):
            activity = data.draw(st.sampled_from(body["activities"]))
            activity[data.draw(st.sampled_from(activity_keys))] = data.draw(
                st.sampled_from(["nope", ["A1", "A1"], -1.0, ["G9"], "2025-02-30", None, 3])
            )
    reordered = {"coopframe": 1, "roadmap": _shuffle_lists(body, rng)}

    def result(document: dict[str, Any]) -> int:
        try:
            cf.loads(json.dumps(document), format="json")
        except cf.InvalidDocumentError as exc:
            return len(exc.problems)
        return 0

    assert result(parsed) == result(reordered)


def _share_equal_scalars(node: Any, seen: dict[tuple[str, str], Any]) -> Any:
    """The YAML node graph with equal scalar values (not keys) made one node, for aliases."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return seen.setdefault((node.tag, node.value), node)
    if isinstance(node, yaml.SequenceNode):
        node.value = [_share_equal_scalars(item, seen) for item in node.value]
    elif isinstance(node, yaml.MappingNode):
        node.value = [(key, _share_equal_scalars(value, seen)) for key, value in node.value]
    return node


@SETTINGS
@given(roadmaps(max_activities=6), st.floats(0.5, 1.5), st.text(min_size=20, max_size=200))
def test_what_loads_with_aliases_dumps_to_what_loads_within_the_same_limits(
    road: cf.Roadmap, scale: float, long_title: str
) -> None:
    """Aliases cannot make a document load whose own dump is then refused by the same limits.

    The roadmap's YAML is written with every repeated value as an alias, so the text is smaller
    than its dump; whatever limits the aliased text loads within, the dump loads within too.
    """
    import yaml

    road = attrs.evolve(
        road, activities=tuple(attrs.evolve(a, title=long_title) for a in road.activities)
    )
    dumped = cf.dumps(road)
    root = _share_equal_scalars(yaml.compose(dumped, Loader=yaml.SafeLoader), {})
    aliased = yaml.serialize(root, Dumper=yaml.SafeDumper, allow_unicode=True, width=100)
    size = len(dumped.encode())
    limits = attrs.evolve(io.DEFAULT_LIMITS, max_bytes=max(1, int(size * scale)))
    try:
        loaded = cf.loads(aliased, limits=limits)
    except cf.DocumentSyntaxError as exc:
        reason = exc.reason
    else:
        reason = None
    if reason is not None:
        assert "Limits.max_bytes" in reason
        return
    assert loaded == road
    assert cf.loads(cf.dumps(loaded), limits=limits) == road
