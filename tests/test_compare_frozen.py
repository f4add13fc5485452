"""Results of coopframe.analysis are frozen all the way down, compare by value and hash.

Comparisons and trajectories first, then batches, outcomes, rankings and robustness reports.
"""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from types import MappingProxyType

import attrs
import pytest

import coopframe as cf
from coopframe.analysis import (
    ActivityMatch,
    Batch,
    Outcome,
    RankEntry,
    Ranking,
    RankStability,
    Robustness,
    ScoreChange,
    evaluate_many,
    rank,
    rank_robustness,
)
from coopframe.synthetic import synthetic_corpus

EARLIER = cf.datasets.load("bolivia-peru-2021-2022")
LATER = cf.datasets.load("bolivia-peru-2025-2026")
OUR_MODULE = "coopframe.analysis"
# Every score of this roadmap is defined: results made from it twice are equal (a nan is
# equal to nothing, not even another nan, so results that hold one are never equal).
DEFINED = EARLIER


def plain_containers(value: object, path: str = "$") -> list[str]:
    """Where a list, dict or set can be reached from a result of this package.

    Roadmaps, evaluations and profiles are other packages' types, checked in their own tests.
    """
    if isinstance(value, list | dict | set):
        return [f"{path}: {type(value).__name__}"]
    if isinstance(value, tuple):
        return [p for k, item in enumerate(value) for p in plain_containers(item, f"{path}[{k}]")]
    if isinstance(value, Mapping):
        return [p for k, item in value.items() for p in plain_containers(item, f"{path}[{k!r}]")]
    if attrs.has(type(value)) and type(value).__module__.startswith(OUR_MODULE):
        return [
            p
            for field in attrs.fields(type(value))
            for p in plain_containers(getattr(value, field.name), f"{path}.{field.name}")
        ]
    return []


def test_comparison_holds_no_plain_container() -> None:
    """No list, dict or set is reachable from a Comparison; its scores are read-only."""
    comparison = cf.compare(EARLIER, LATER, match_ids=False)
    assert plain_containers(comparison) == []
    assert isinstance(comparison.scores, MappingProxyType)
    with pytest.raises(TypeError):
        comparison.scores["compliance"] = comparison.composite  # type: ignore[index]


def test_trajectory_holds_no_plain_container() -> None:
    """No list, dict or set is reachable from a Trajectory, its steps included."""
    path = cf.trajectory(cf.datasets.load("bolivia-peru-framework"), match_ids=False)
    assert plain_containers(path) == []
    assert isinstance(path.roadmaps, tuple)
    assert isinstance(path.evaluations, tuple)


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: cf.compare(EARLIER, LATER), "new"),
        (lambda: cf.compare(EARLIER, LATER), "scores"),
        (lambda: cf.compare(LATER, LATER).carried_over[0], "similarity"),
        (lambda: cf.compare(EARLIER, LATER).composite, "difference"),
        (lambda: cf.trajectory(cf.datasets.load("bolivia-peru-framework")), "steps"),
    ],
)
def test_setting_an_attribute_raises(make: object, field: str) -> None:
    """Comparison, ActivityMatch, ScoreChange and Trajectory refuse to be changed."""
    result = make()  # type: ignore[operator]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(result, field, None)


def test_lists_given_become_tuples() -> None:
    """A comparison built by hand with lists and a dict still holds tuples and a proxy."""
    made = cf.compare(DEFINED, DEFINED, match_ids=False)
    again = attrs.evolve(made, new=list(made.new), scores=dict(made.scores))
    assert isinstance(again.new, tuple)
    assert isinstance(again.scores, MappingProxyType)
    assert again == made


def test_equal_results_hash_equal() -> None:
    """Equal comparisons, matches, changes and trajectories have equal hashes."""
    first = cf.compare(DEFINED, DEFINED, match_ids=False)
    second = cf.compare(DEFINED, DEFINED, match_ids=False)
    assert first == second
    assert hash(first) == hash(second)
    match = first.carried_over[0]
    assert hash(match) == hash(ActivityMatch(**attrs.asdict(match)))
    change = ScoreChange.between("compliance", 0.5, 0.75)
    assert hash(change) == hash(ScoreChange.between("compliance", 0.5, 0.75))
    deal = cf.datasets.load("bolivia-peru-framework")
    path = cf.trajectory(deal)
    assert hash(path) == hash(attrs.evolve(path)) == hash(cf.trajectory(deal))
    assert len({first, second}) == 1


def test_comparison_pickles() -> None:
    """A comparison survives pickling with its scores read-only (copies too)."""
    comparison = cf.compare(EARLIER, LATER, match_ids=False)
    again = pickle.loads(pickle.dumps(comparison))
    assert isinstance(again.scores, MappingProxyType)
    assert again.to_dict() == comparison.to_dict()
    same = cf.compare(LATER, LATER)
    assert pickle.loads(pickle.dumps(same)).to_dict() == same.to_dict()


# Every score of these two is defined, so results made from them twice are equal.
ROADS = synthetic_corpus(5, n_activities=8, seed=3)[2:4]


def _batch() -> Batch:
    return evaluate_many([*ROADS, "missing.yaml"], progress=False)


def test_batch_results_hold_no_plain_container() -> None:
    """No list, dict or set is reachable from a batch, a ranking or a robustness report."""
    batch = _batch()
    assert plain_containers(batch) == []
    assert plain_containers(rank(batch)) == []
    assert plain_containers(rank_robustness(batch, n_samples=20)) == []


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: _batch(), "outcomes"),
        (lambda: _batch().outcomes[0], "evaluation"),
        (lambda: _batch().failures[0], "problems"),
        (lambda: rank(_batch()), "entries"),
        (lambda: rank(_batch()).entries[0], "rank"),
        (lambda: rank_robustness(_batch(), n_samples=10), "entries"),
        (lambda: rank_robustness(_batch(), n_samples=10).entries[0], "median"),
    ],
)
def test_setting_a_batch_attribute_raises(make: object, field: str) -> None:
    """Batch, Outcome, Ranking, RankEntry, Robustness and RankStability refuse to be changed."""
    result = make()  # type: ignore[operator]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(result, field, None)


def test_lists_given_to_batch_results_become_tuples() -> None:
    """Results built by hand with lists hold tuples."""
    outcome = Outcome(index=0, source="x", evaluation=None, problems=[cf.Problem("", "bad")])
    assert outcome.problems == (cf.Problem("", "bad"),)
    batch = Batch(outcomes=[outcome], profile=cf.scoring.get_profile(None))
    assert isinstance(batch.outcomes, tuple)
    ranking = Ranking(profile=batch.profile, entries=[], failures=["x"])
    assert ranking.entries == ()
    assert ranking.failures == ("x",)
    report = rank_robustness(batch, n_samples=5)
    again = attrs.evolve(report, entries=list(report.entries))
    assert isinstance(again.entries, tuple)
    assert again.entries == report.entries


def test_equal_batch_results_hash_equal() -> None:
    """Equal batches, outcomes, rankings, entries and reports have equal hashes."""
    first, second = _batch(), _batch()
    assert first == second
    assert hash(first) == hash(second)
    assert hash(first.outcomes[0]) == hash(second.outcomes[0])
    assert hash(first.failures[0]) == hash(second.failures[0])
    ranking = rank(first)
    assert hash(ranking) == hash(rank(second))
    entry = ranking.entries[0]
    assert hash(entry) == hash(RankEntry(**attrs.asdict(entry)))
    report = rank_robustness(first, n_samples=20, seed=4)
    assert hash(report) == hash(rank_robustness(second, n_samples=20, seed=4))
    stability = report.entries[0]
    assert hash(stability) == hash(RankStability(**attrs.asdict(stability)))
    assert isinstance(report, Robustness)
