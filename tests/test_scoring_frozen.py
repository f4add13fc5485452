"""Tests that scoring results are read-only all the way down, pickle, and hash where they can."""

from __future__ import annotations

import math
import pickle
from collections.abc import Iterator, Mapping

import attrs
import pytest

import coopframe as cf
from coopframe.scoring import PROFILES, SCORERS, Composite, composite, composite_score

ROAD = cf.datasets.load("bolivia-peru-2021-2022")
assert isinstance(ROAD, cf.Roadmap)


def _reachable(value: object, path: str = "$") -> Iterator[tuple[str, object]]:
    """Every value reachable from ``value`` through attrs fields, mappings and tuples."""
    yield path, value
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _reachable(getattr(value, field.name), f"{path}.{field.name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _reachable(item, f"{path}[{key!r}]")
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _reachable(item, f"{path}[{index}]")


@pytest.mark.parametrize("name", ["bolivia-peru-2021-2022", "bolivia-peru-2025-2026"])
def test_no_mutable_container_is_reachable_from_an_evaluation(name: str) -> None:
    """No dict, list or set anywhere in an evaluation, its details, composite or profile."""
    roadmap = cf.datasets.load(name)
    assert isinstance(roadmap, cf.Roadmap)
    ev = cf.evaluate(roadmap)
    found = [
        path
        for path, value in _reachable((ev, *PROFILES.values()))
        if isinstance(value, dict | list | set)
    ]
    assert found == []


def test_every_class_reachable_from_an_evaluation_is_frozen() -> None:
    """Each attrs class in an evaluation refuses attribute assignment."""
    ev = cf.evaluate(ROAD)
    classes = {type(value) for _, value in _reachable(ev) if attrs.has(type(value))}
    assert {"Evaluation", "ComplianceDetail", "Composite", "ReportedCheck"} <= {
        cls.__name__ for cls in classes
    }
    for _, value in _reachable(ev):
        if attrs.has(type(value)):
            first = attrs.fields(type(value))[0].name
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(value, first, None)


def test_an_evaluations_mappings_refuse_changes() -> None:
    """Scores and details are read-only mappings."""
    ev = cf.evaluate(ROAD)
    with pytest.raises(TypeError):
        ev.scores["compliance"] = 0.0  # type: ignore[index]
    with pytest.raises(TypeError):
        ev.details["compliance"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        ev.scores._items = {}  # type: ignore[attr-defined]
    assert ev.scores == dict(ev.scores)


def test_profiles_are_read_only() -> None:
    """A built-in profile's weights and the table of profiles refuse changes."""
    with pytest.raises(TypeError):
        PROFILES["balanced"].weights["compliance"] = 99  # type: ignore[index]
    with pytest.raises(TypeError):
        PROFILES["mine"] = cf.Profile(name="mine", weights={"compliance": 1})  # type: ignore[index]
    with pytest.raises(TypeError):
        del PROFILES["balanced"]  # type: ignore[attr-defined]
    assert PROFILES["balanced"].weights["compliance"] == 0.25


def test_the_scorer_table_is_read_only() -> None:
    """SCORERS is a view: it changes only through register_scorer and unregister_scorer."""
    with pytest.raises(TypeError):
        SCORERS["mine"] = SCORERS["compliance"]  # type: ignore[index]


def test_a_profile_hashes_and_compares_by_value() -> None:
    """Equal profiles hash alike, whatever the order their weights were given in."""
    one = cf.Profile(name="p", weights={"compliance": 1, "specificity": 2})
    two = cf.Profile(name="p", weights={"specificity": 2, "compliance": 1})
    assert one == two
    assert hash(one) == hash(two)
    assert list(two.weights) == ["compliance", "specificity"]
    assert {PROFILES["balanced"], PROFILES["balanced"]} == {PROFILES["balanced"]}


def test_results_hash_and_pickle() -> None:
    """An evaluation and its composite hash; an evaluation pickles to an equal document."""
    ev = cf.evaluate(ROAD)
    assert hash(ev) == hash(ev)
    assert isinstance(hash(ev.composite), int)
    assert isinstance(hash(ev.details["compliance"]), int)
    assert pickle.loads(pickle.dumps(ev)).to_dict() == ev.to_dict()
    assert pickle.loads(pickle.dumps(PROFILES["design"])) == PROFILES["design"]


def test_composite_score_is_a_float_and_composite_the_object() -> None:
    """composite_score returns the value alone; composite returns the Composite."""
    scores = {"compliance": 1.0, "specificity": 0.5, "on_time": math.nan}
    profile = cf.Profile(name="p", weights={"compliance": 3, "specificity": 1, "on_time": 1})
    whole = composite(scores, profile=profile)
    assert isinstance(whole, Composite)
    value = composite_score(scores, profile=profile)
    assert type(value) is float
    assert value == whole.value == pytest.approx(0.875)
