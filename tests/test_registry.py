"""Registry-driven properties: every registered scorer keeps the promises of its classification."""

from __future__ import annotations

import datetime as dt
import math

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe import testing
from coopframe.scoring import SCORERS, Scorer, get_scorer, get_scorer_names, register_scorer

# Every built-in scorer, with the classification a reviewer checked. Registering a new scorer
# makes test_every_scorer_is_classified fail until it is added here.
CLASSIFIED: dict[str, tuple[str, bool]] = {
    "axis_balance": ("coverage", True),
    "axis_coverage": ("coverage", True),
    "cohesion": ("coordination", True),
    "compliance": ("compliance", True),
    "compliance_lenient": ("compliance", True),
    "compliance_partial": ("compliance", True),
    "cross_border": ("coordination", True),
    "implementation_rate": ("compliance", True),
    "joint_share": ("reciprocity", True),
    "on_time": ("schedule", True),
    "pillar_balance": ("coverage", True),
    "pillar_coverage": ("coverage", True),
    "redundancy": ("coordination", True),
    "responsibility_balance": ("reciprocity", True),
    "schedule_feasibility": ("schedule", True),
    "sequencing": ("schedule", True),
    "smart_share": ("specificity", True),
    "specificity": ("specificity", True),
    "triad_linkage": ("coordination", True),
}

PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow], max_examples=25)
SMALL = testing.roadmaps(max_activities=6, max_agencies=5, max_axes=3, max_sources=2)


def same(a: float, b: float) -> bool:
    """Equal, or both nan (floats may differ in the last bits after reordering a sum)."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def all_scores(roadmap: cf.Roadmap) -> dict[str, float]:
    return {name: get_scorer(name)(roadmap) for name in get_scorer_names()}


def test_every_scorer_is_classified() -> None:
    """The registry holds exactly the classified scorers, with the classification above."""
    assert get_scorer_names() == sorted(CLASSIFIED)
    for name, (family, symmetric) in CLASSIFIED.items():
        scorer = get_scorer(name)
        assert (scorer.family, scorer.party_symmetric) == (family, symmetric), name
        assert isinstance(scorer.on_empty, float)


def test_scorer_names_are_sorted_and_unknown_names_listed() -> None:
    """get_scorer_names is sorted; an unknown name's error lists the known ones."""
    assert get_scorer_names() == sorted(SCORERS)
    with pytest.raises(cf.UnknownNameError, match="known scorers: axis_balance"):
        get_scorer("nope")


def test_register_and_unregister_a_custom_scorer() -> None:
    """A user's scorer joins the registry and every evaluation, and can be removed again."""

    def agencies_per_activity(roadmap: cf.Roadmap) -> float:
        if not roadmap.activities:
            return math.nan
        mean = sum(len(a.responsible) for a in roadmap.activities) / len(roadmap.activities)
        return min(1.0, mean / 4)

    scorer = register_scorer(
        "agencies_per_activity",
        agencies_per_activity,
        family="custom",
        description="mean responsible agencies per activity, capped at four",
        party_symmetric=True,
        on_empty=math.nan,
    )
    try:
        assert isinstance(scorer, Scorer)
        road = cf.datasets.load("bolivia-peru-2025-2026")
        assert isinstance(road, cf.Roadmap)
        evaluation = cf.evaluate(road)
        assert evaluation.scores["agencies_per_activity"] == agencies_per_activity(road)
        with pytest.raises(cf.InvalidParameterError, match="already registered"):
            register_scorer(
                "agencies_per_activity",
                agencies_per_activity,
                family="custom",
                description="again",
                party_symmetric=True,
                on_empty=math.nan,
            )
    finally:
        cf.scoring.unregister_scorer("agencies_per_activity")
    assert "agencies_per_activity" not in get_scorer_names()


def test_on_empty_must_be_in_range() -> None:
    """A classification outside [0, 1] is refused at registration."""
    with pytest.raises(cf.InvalidParameterError, match="'on_empty' parameter"):
        register_scorer(
            "bad",
            lambda road: 0.0,
            family="custom",
            description="bad",
            party_symmetric=True,
            on_empty=2.0,
        )
    assert "bad" not in SCORERS


@PROPERTY
@given(SMALL)
def test_deterministic_and_in_range(roadmap: cf.Roadmap) -> None:
    """Every scorer gives the same value twice, in [0, 1] or nan."""
    first = all_scores(roadmap)
    second = all_scores(roadmap)
    for name, value in first.items():
        assert isinstance(value, float), name
        assert same(value, second[name]), name
        assert math.isnan(value) or 0.0 <= value <= 1.0, (name, value)


@PROPERTY
@given(testing.shuffled_pairs(SMALL))
def test_invariant_to_the_order_of_lists(pair: tuple[cf.Roadmap, cf.Roadmap]) -> None:
    """Reordering activities, agencies, axes (and the lists inside them) changes no score."""
    original, reordered = pair
    before, after = all_scores(original), all_scores(reordered)
    for name in before:
        assert same(before[name], after[name]), (name, before[name], after[name])


@PROPERTY
@given(testing.renamed_pairs(SMALL))
def test_invariant_to_renaming_ids(pair: tuple[cf.Roadmap, cf.Roadmap]) -> None:
    """Renaming every id consistently changes no score."""
    original, renamed = pair
    before, after = all_scores(original), all_scores(renamed)
    for name in before:
        assert same(before[name], after[name]), (name, before[name], after[name])


@PROPERTY
@given(testing.party_swapped_pairs(SMALL))
def test_symmetric_under_swapping_parties(pair: tuple[cf.Roadmap, cf.Roadmap]) -> None:
    """Scorers classified as party-symmetric do not change when two parties swap ids."""
    original, swapped = pair
    for name in get_scorer_names():
        scorer = get_scorer(name)
        if scorer.party_symmetric:
            assert same(scorer(original), scorer(swapped)), name


@PROPERTY
@given(testing.roadmaps(min_activities=0, max_activities=0))
def test_empty_input_policy(roadmap: cf.Roadmap) -> None:
    """On a roadmap without activities each scorer gives exactly its declared on_empty value."""
    for name in get_scorer_names():
        scorer = get_scorer(name)
        assert same(scorer(roadmap), scorer.on_empty), name


@PROPERTY
@given(SMALL, st.data())
def test_completing_an_activity_never_lowers_strict_compliance(
    roadmap: cf.Roadmap, data: st.DataObject
) -> None:
    """Marking one more activity completed never lowers strict compliance."""
    if not roadmap.activities:
        return
    index = data.draw(st.integers(0, len(roadmap.activities) - 1))
    activities = list(roadmap.activities)
    activities[index] = attrs.evolve(activities[index], status=cf.Status.COMPLETED, progress=None)
    done = attrs.evolve(roadmap, activities=tuple(activities))
    before = get_scorer("compliance")(roadmap)
    after = get_scorer("compliance")(done)
    if not math.isnan(before):
        assert after >= before - 1e-12


@PROPERTY
@given(SMALL)
def test_adding_a_joint_activity_never_lowers_the_joint_share(roadmap: cf.Roadmap) -> None:
    """A new activity with agencies of two parties never lowers the joint share."""
    first, second = roadmap.parties[0].id, roadmap.parties[1].id
    extra_agencies = (
        cf.Agency(id="zz-joint-1", name="Uno", party=first),
        cf.Agency(id="zz-joint-2", name="Dos", party=second),
    )
    axes = roadmap.axes or (cf.Axis(id="zz-axis", name="Eje"),)
    joint = cf.Activity(
        id="zz-joint",
        title="Actividad conjunta",
        axis=axes[0].id,
        responsible=("zz-joint-1", "zz-joint-2"),
        start=roadmap.period.start,
        due=roadmap.period.start + dt.timedelta(days=1),
    )
    bigger = attrs.evolve(
        roadmap,
        agencies=roadmap.agencies + extra_agencies,
        axes=axes,
        activities=(*roadmap.activities, joint),
    )
    before = get_scorer("joint_share")(roadmap)
    after = get_scorer("joint_share")(bigger)
    assert math.isnan(before) or after >= before - 1e-12
