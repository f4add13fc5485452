"""Tests for the coverage family of coopframe.scoring: axis and pillar coverage and balance."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopframe.exceptions import InvalidParameterError
from coopframe.model import Activity, Axis, Party, Period, Pillar, Roadmap
from coopframe.scoring import (
    axis_balance_score,
    axis_coverage_score,
    coverage_detail,
    get_scorer,
    pillar_balance_score,
    pillar_coverage_score,
)
from coopframe.testing import renamed_pairs, roadmaps, shuffled_pairs

# Drawing a whole valid roadmap is slow, so input generation may trip the health check.
SLOW = settings(suppress_health_check=[HealthCheck.too_slow])

NAMES = ("axis_coverage", "pillar_coverage", "axis_balance", "pillar_balance")
P = Pillar


def road(
    axes: Sequence[tuple[str, Sequence[Pillar]]],
    activities: Sequence[tuple[str, str] | tuple[str, str, float]],
) -> Roadmap:
    """A bilateral roadmap with ``(axis id, pillars)`` axes and ``(id, axis[, weight])`` items."""
    return Roadmap(
        id="R",
        title="Test",
        parties=[Party(id="BOL", name="Bolivia"), Party(id="PER", name="Perú")],
        period=Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
        axes=[Axis(id=axis_id, name=axis_id, pillars=pillars) for axis_id, pillars in axes],
        activities=[
            Activity(id=item[0], title=item[0], axis=item[1], weight=float(item[2]))
            if len(item) == 3
            else Activity(id=item[0], title=item[0], axis=item[1])
            for item in activities
        ],
    )


FOUR_AXES = [
    ("plan", [P.PARTNERSHIP]),
    ("prev", [P.PREVENTION]),
    ("prot", [P.PROTECTION]),
    ("inv", [P.PROSECUTION]),
]


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


# Axis coverage


def test_axis_coverage_is_the_share_of_axes_with_activities() -> None:
    """Three of four axes hold activities: coverage 3/4, and the fourth is named empty."""
    r = road(FOUR_AXES, [("A1", "prev"), ("A2", "prev"), ("A3", "prot"), ("A4", "inv")])
    assert axis_coverage_score(r) == 0.75
    detail = coverage_detail(r)
    assert detail.empty_axes == ("plan",)
    assert detail.axis_activity_counts == (("inv", 1), ("plan", 0), ("prev", 2), ("prot", 1))


def test_axis_coverage_is_one_when_no_axis_is_empty() -> None:
    """Every axis with an activity gives full coverage."""
    r = road(FOUR_AXES, [(f"A{i}", axis) for i, (axis, _) in enumerate(FOUR_AXES)])
    assert axis_coverage_score(r) == 1.0
    assert coverage_detail(r).empty_axes == ()


# Pillar coverage


def test_pillar_coverage_counts_pillars_of_axes_with_activities() -> None:
    """The partnership axis is empty: three of the four pillars are covered."""
    r = road(FOUR_AXES, [("A1", "prev"), ("A2", "prot"), ("A3", "inv")])
    assert pillar_coverage_score(r) == 0.75
    detail = coverage_detail(r)
    assert detail.missing_pillars == (P.PARTNERSHIP,)
    assert detail.covered_pillars == (P.PREVENTION, P.PROTECTION, P.PROSECUTION)


def test_pillar_coverage_against_the_3p_paradigm() -> None:
    """Read against prevention, protection and prosecution only, the same roadmap is complete."""
    r = road(FOUR_AXES, [("A1", "prev"), ("A2", "prot"), ("A3", "inv")])
    assert pillar_coverage_score(r, pillars=["prosecution", P.PREVENTION, "protection"]) == 1.0
    assert pillar_coverage_score(r, pillars=[P.PARTNERSHIP]) == 0.0


def test_an_axis_serving_two_pillars_covers_both() -> None:
    """One axis mapped to protection and prosecution covers both pillars with one activity."""
    r = road([("x", [P.PROTECTION, P.PROSECUTION]), ("y", [])], [("A1", "x")])
    assert pillar_coverage_score(r) == 0.5
    assert coverage_detail(r).pillar_activity_counts == (
        (P.PREVENTION, 0),
        (P.PROTECTION, 1),
        (P.PROSECUTION, 1),
        (P.PARTNERSHIP, 0),
    )


def test_pillar_coverage_is_nan_when_no_axis_names_a_pillar() -> None:
    """A roadmap never mapped onto pillars is not scored 0: the score is undefined."""
    r = road([("x", []), ("y", [])], [("A1", "x")])
    assert math.isnan(pillar_coverage_score(r))
    assert coverage_detail(r).unmapped_axes == ("x", "y")


def test_pillar_coverage_is_zero_when_only_unmapped_axes_have_activities() -> None:
    """A mapped roadmap whose activities all sit in an unmapped axis covers no pillar."""
    r = road([("x", []), ("y", [P.PREVENTION])], [("A1", "x")])
    assert pillar_coverage_score(r) == 0.0
    assert coverage_detail(r).unmapped_axes == ("x",)


# Axis balance


def test_axis_balance_is_normalised_entropy_over_all_axes() -> None:
    """Activities 2, 1, 1 over three axes: J = 1.5 ln 2 / ln 3."""
    r = road(
        [("a", []), ("b", []), ("c", [])],
        [("A1", "a"), ("A2", "a"), ("A3", "b"), ("A4", "c")],
    )
    assert axis_balance_score(r) == pytest.approx(1.5 * math.log(2) / math.log(3))


def test_an_empty_axis_lowers_axis_balance() -> None:
    """One activity in each of two axes, a third axis empty: J = ln 2 / ln 3, not 1."""
    r = road([("a", []), ("b", []), ("c", [])], [("A1", "a"), ("A2", "b")])
    assert axis_balance_score(r) == pytest.approx(math.log(2) / math.log(3))


def test_axis_balance_extremes() -> None:
    """Even spread scores exactly 1; every activity in one axis scores exactly 0."""
    even = road([("a", []), ("b", [])], [("A1", "a"), ("A2", "b")])
    lopsided = road([("a", []), ("b", [])], [("A1", "a"), ("A2", "a")])
    assert axis_balance_score(even) == 1.0
    assert axis_balance_score(lopsided) == 0.0


def test_axis_balance_is_nan_for_a_single_axis() -> None:
    """With one axis there is nothing to spread over: ln k = 0 and the score is nan."""
    r = road([("a", [])], [("A1", "a"), ("A2", "a")])
    assert math.isnan(axis_balance_score(r))


def test_axis_balance_weighted_uses_activity_weights() -> None:
    """Weights 1 and 3 in two axes: J = H(1/4, 3/4) / ln 2 weighted, 1 unweighted."""
    r = road([("a", []), ("b", [])], [("A1", "a", 1.0), ("A2", "b", 3.0)])
    expected = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75)) / math.log(2)
    assert axis_balance_score(r) == 1.0
    assert axis_balance_score(r, weighted=True) == pytest.approx(expected)
    assert dict(coverage_detail(r, weighted=True).axis_loads) == {"a": 1.0, "b": 3.0}


def test_axis_balance_weighted_is_nan_when_weights_are_zero() -> None:
    """All weights zero: nothing to spread, so the weighted balance is nan."""
    r = road([("a", []), ("b", [])], [("A1", "a", 0.0), ("A2", "b", 0.0)])
    assert math.isnan(axis_balance_score(r, weighted=True))
    assert axis_balance_score(r) == 1.0


# Pillar balance


def test_pillar_balance_splits_an_activity_among_its_axis_pillars() -> None:
    """Two activities in a prevention+protection axis and one in prosecution: loads 1, 1, 1."""
    r = road(
        [("x", [P.PREVENTION, P.PROTECTION]), ("y", [P.PROSECUTION])],
        [("A1", "x"), ("A2", "x"), ("A3", "y")],
    )
    three = ["prevention", "protection", "prosecution"]
    assert pillar_balance_score(r, pillars=three) == 1.0
    assert pillar_balance_score(r) == pytest.approx(math.log(3) / math.log(4))
    assert coverage_detail(r).pillar_loads == (
        (P.PREVENTION, 1.0),
        (P.PROTECTION, 1.0),
        (P.PROSECUTION, 1.0),
        (P.PARTNERSHIP, 0.0),
    )


def test_pillar_balance_splits_only_among_reference_pillars() -> None:
    """Against 3P, an axis serving protection and partnership gives its whole load to protection."""
    r = road(
        [("x", [P.PROTECTION, P.PARTNERSHIP]), ("y", [P.PREVENTION])],
        [("A1", "x"), ("A2", "y")],
    )
    detail = coverage_detail(r, pillars=["prevention", "protection", "prosecution"])
    assert dict(detail.pillar_loads) == {P.PREVENTION: 1.0, P.PROTECTION: 1.0, P.PROSECUTION: 0.0}


def test_pillar_balance_leaves_out_unmapped_axes() -> None:
    """Activities in an axis without pillars carry no pillar load."""
    r = road(
        [("x", []), ("y", [P.PREVENTION]), ("z", [P.PROTECTION])],
        [("A1", "x"), ("A2", "x"), ("A3", "y"), ("A4", "z")],
    )
    assert pillar_balance_score(r, pillars=["prevention", "protection"]) == 1.0


def test_pillar_balance_is_nan_when_undefined() -> None:
    """One reference pillar, or no activity in a mapped axis: the balance is nan."""
    r = road([("x", []), ("y", [P.PREVENTION])], [("A1", "x")])
    assert math.isnan(pillar_balance_score(r))
    mapped = road([("y", [P.PREVENTION])], [("A1", "y")])
    assert math.isnan(pillar_balance_score(mapped, pillars=["prevention"]))


def test_pillar_balance_weighted() -> None:
    """Weights 3 (prevention) and 1 (protection) over two reference pillars."""
    r = road(
        [("y", [P.PREVENTION]), ("z", [P.PROTECTION])],
        [("A1", "y", 3.0), ("A2", "z", 1.0)],
    )
    expected = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75)) / math.log(2)
    pair = ["prevention", "protection"]
    assert pillar_balance_score(r, pillars=pair, weighted=True) == pytest.approx(expected)
    assert pillar_balance_score(r, pillars=pair) == 1.0


# Undefined cases and parameters


def test_every_score_is_nan_without_activities() -> None:
    """A roadmap with axes but no activities has nothing to cover: every score is nan."""
    r = road(FOUR_AXES, [])
    detail = coverage_detail(r)
    assert all(math.isnan(value) for value in detail.scores().values())
    assert detail.empty_axes == ("inv", "plan", "prev", "prot")
    for name in NAMES:
        scorer = get_scorer(name)
        assert math.isnan(scorer(r))
        assert math.isnan(scorer.on_empty)
        assert scorer.family == "coverage"
        assert scorer.party_symmetric


@pytest.mark.parametrize(
    "pillars",
    [[], "prevention", ["prevention", "prevention"], ["fourth"], [1], {"prevention": 1}, 3],
)
def test_bad_pillars_are_rejected(pillars: object) -> None:
    """Empty, repeated, unknown, a bare string, a mapping or a non-iterable: one message form."""
    pattern = r"^The 'pillars' parameter of pillar_coverage_score must be .* Got .* instead\.$"
    r = road(FOUR_AXES, [("A1", "prev")])
    with pytest.raises(InvalidParameterError, match=pattern):
        pillar_coverage_score(r, pillars=pillars)  # type: ignore[arg-type]


@pytest.mark.parametrize("weighted", [1, "yes", None])
def test_weighted_must_be_a_bool(weighted: object) -> None:
    """A truthy non-bool is not quietly accepted; the error names the function called."""
    r = road(FOUR_AXES, [("A1", "prev")])
    with pytest.raises(InvalidParameterError, match=r"^The 'weighted' parameter of axis_balance"):
        axis_balance_score(r, weighted=weighted)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"^The 'weighted' parameter of pillar_bal"):
        pillar_balance_score(r, weighted=weighted)  # type: ignore[arg-type]


# The detail


def test_to_dict_is_json_ready() -> None:
    """The detail's dictionary dumps as strict JSON, nan scores becoming null."""
    r = road([("x", []), ("y", [P.PREVENTION])], [("A1", "x")])
    data = coverage_detail(r).to_dict()
    text = json.dumps(data, allow_nan=False, sort_keys=True)
    assert json.loads(text)["scores"] == {
        "axis_balance": 0.0,
        "axis_coverage": 0.5,
        "pillar_balance": None,
        "pillar_coverage": 0.0,
    }
    assert data["missing_pillars"] == ["prevention", "protection", "prosecution", "partnership"]
    assert data["axis_activity_counts"] == {"x": 1, "y": 0}


@SLOW
@given(shuffled_pairs())
def test_detail_and_scores_ignore_the_order_of_the_lists(pair: tuple[Roadmap, Roadmap]) -> None:
    """Reordering every list leaves the detail, its dictionary and every score unchanged."""
    first, second = pair
    assert coverage_detail(first) == coverage_detail(second)
    assert json.dumps(coverage_detail(first).to_dict()) == json.dumps(
        coverage_detail(second).to_dict()
    )
    for weighted in (False, True):
        a = coverage_detail(first, weighted=weighted).scores()
        b = coverage_detail(second, weighted=weighted).scores()
        assert all(same(a[name], b[name]) for name in NAMES)


@SLOW
@given(renamed_pairs())
def test_scores_ignore_the_ids(pair: tuple[Roadmap, Roadmap]) -> None:
    """Renaming every id, parties included, changes no score."""
    first, second = pair
    a, b = coverage_detail(first).scores(), coverage_detail(second).scores()
    assert all(same(a[name], b[name]) for name in NAMES)


@SLOW
@given(roadmaps(), st.booleans())
def test_scores_are_in_range_and_agree_with_the_registry(road_: Roadmap, weighted: bool) -> None:
    """Each score is nan or in [0, 1]; the functions and the registry give the detail's values."""
    detail = coverage_detail(road_, weighted=weighted)
    for value in detail.scores().values():
        assert math.isnan(value) or 0.0 <= value <= 1.0
    assert json.dumps(detail.to_dict(), allow_nan=False)
    plain = coverage_detail(road_).scores()
    assert same(axis_coverage_score(road_), plain["axis_coverage"])
    assert same(pillar_coverage_score(road_), plain["pillar_coverage"])
    assert same(axis_balance_score(road_, weighted=weighted), detail.axis_balance)
    assert same(pillar_balance_score(road_, weighted=weighted), detail.pillar_balance)
    for name in NAMES:
        assert same(get_scorer(name)(road_), plain[name])


@SLOW
@given(roadmaps(min_activities=1))
def test_axis_coverage_is_one_exactly_when_no_axis_is_empty(road_: Roadmap) -> None:
    """Full axis coverage and an empty list of empty axes go together."""
    detail = coverage_detail(road_)
    assert (detail.axis_coverage == 1.0) == (detail.empty_axes == ())
    assert set(detail.covered_pillars).isdisjoint(detail.missing_pillars)
    assert set(detail.covered_pillars) | set(detail.missing_pillars) == set(Pillar)


@SLOW
@given(roadmaps(min_activities=1))
def test_an_empty_axis_lowers_coverage_and_filling_it_raises_it(road_: Roadmap) -> None:
    """Adding an axis without activities lowers axis coverage and never raises axis balance;
    giving that axis an activity raises axis coverage and covers the axis's pillar."""
    axis = Axis(id="new-axis", name="New", pillars=[Pillar.PROTECTION])
    wider = attrs.evolve(road_, axes=(*road_.axes, axis))
    fuller = attrs.evolve(
        wider, activities=(*wider.activities, Activity(id="new", title="New", axis=axis.id))
    )
    before, empty, filled = map(coverage_detail, (road_, wider, fuller))
    assert empty.axis_coverage < before.axis_coverage
    assert empty.empty_axes == tuple(sorted((*before.empty_axes, "new-axis")))
    if not math.isnan(before.axis_balance):
        assert empty.axis_balance <= before.axis_balance + 1e-12
    assert filled.axis_coverage > empty.axis_coverage
    assert filled.pillar_coverage >= empty.pillar_coverage
    assert Pillar.PROTECTION in filled.covered_pillars
