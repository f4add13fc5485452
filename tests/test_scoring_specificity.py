"""Tests for the specificity family of coopframe.scoring: the SMART criteria of a roadmap's
activities."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopframe.exceptions import InvalidParameterError
from coopframe.model import Activity, Agency, Axis, Party, Period, Roadmap
from coopframe.scoring import (
    SmartCriterion,
    get_scorer,
    smart_share_score,
    specificity_detail,
    specificity_score,
)
from coopframe.testing import renamed_pairs, roadmaps, shuffled_pairs

# Drawing a whole valid roadmap is slow, so input generation may trip the health check.
SLOW = settings(suppress_health_check=[HealthCheck.too_slow])

C = SmartCriterion
DUE = dt.date(2026, 6, 30)


def road(*activities: Activity) -> Roadmap:
    """A bilateral roadmap with one axis (``x``) and one agency (``pnp``)."""
    return Roadmap(
        id="R",
        title="Test",
        parties=[Party(id="BOL", name="Bolivia"), Party(id="PER", name="Perú")],
        period=Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
        agencies=[Agency(id="pnp", name="Policía Nacional del Perú", party="PER")],
        axes=[Axis(id="x", name="Prevención")],
        activities=activities,
    )


def act(activity_id: str, **fields: Any) -> Activity:
    return Activity(id=activity_id, title=activity_id, axis="x", **fields)


FULL: dict[str, Any] = {
    "indicator": "Campaigns held",
    "target": "One a year",
    "due": DUE,
    "responsible": ["pnp"],
    "verification": "Campaign report",
}


def three() -> Roadmap:
    """A1 meets all five criteria, A2 only the due date, A3 indicator, target, responsible."""
    return road(
        act("A1", **FULL),
        act("A2", due=DUE),
        act("A3", indicator="Cases", target="10", responsible=["pnp"]),
    )


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def test_specificity_is_the_mean_share_of_criteria_met() -> None:
    """(5 + 1 + 3) / 15 criteria met on average; one activity in three is fully SMART."""
    r = three()
    assert specificity_score(r) == pytest.approx(9 / 15)
    assert smart_share_score(r) == pytest.approx(1 / 3)


def test_detail_names_the_activities_missing_each_criterion() -> None:
    """Each criterion lists exactly the activities that miss it, and its share of activities."""
    detail = specificity_detail(three())
    assert dict(detail.missing) == {
        C.INDICATOR: ("A2",),
        C.TARGET: ("A2",),
        C.DUE: ("A3",),
        C.RESPONSIBLE: ("A2",),
        C.VERIFICATION: ("A2", "A3"),
    }
    assert detail.criterion_shares == {
        C.INDICATOR: pytest.approx(2 / 3),
        C.TARGET: pytest.approx(2 / 3),
        C.DUE: pytest.approx(2 / 3),
        C.RESPONSIBLE: pytest.approx(2 / 3),
        C.VERIFICATION: pytest.approx(1 / 3),
    }
    assert detail.smart_ids == ("A1",)


def test_blank_text_does_not_count_as_set() -> None:
    """An indicator, target or verification of only blanks is missing."""
    r = road(act("A1", **{**FULL, "indicator": "  ", "target": "", "verification": "\t"}))
    detail = specificity_detail(r)
    assert detail.specificity == pytest.approx(2 / 5)
    assert detail.smart_ids == ()


def test_a_fully_specified_roadmap_scores_exactly_one() -> None:
    """Every activity meeting every criterion gives 1.0 for both scores, not 0.999..."""
    r = road(*(act(f"A{i}", **FULL) for i in range(7)))
    assert specificity_score(r) == 1.0
    assert smart_share_score(r) == 1.0


def test_criterion_weights() -> None:
    """Indicator weighs 2, due 1, the rest 0: A1 3/3, A2 1/3, A3 2/3, a mean of 2/3."""
    r = three()
    assert specificity_score(r, weights={"indicator": 2, "due": 1}) == pytest.approx(2 / 3)
    assert specificity_score(r, weights={C.INDICATOR: 2.0, C.DUE: 1.0}) == pytest.approx(2 / 3)
    detail = specificity_detail(r, weights={"due": 1})
    assert dict(detail.criterion_weights) == {
        C.INDICATOR: 0.0,
        C.TARGET: 0.0,
        C.DUE: 1.0,
        C.RESPONSIBLE: 0.0,
        C.VERIFICATION: 0.0,
    }
    assert detail.specificity == pytest.approx(2 / 3)


def test_equal_criterion_weights_change_nothing() -> None:
    """Five equal weights, whatever their size, give the unweighted score."""
    r = three()
    weights = {criterion.value: 7.5 for criterion in C}
    assert specificity_score(r, weights=weights) == pytest.approx(specificity_score(r))


def test_activity_weights() -> None:
    """Weighted by activity weights 2, 1, 1: specificity (2 + 0.2 + 0.6) / 4, SMART share 2/4."""
    r = road(
        act("A1", weight=2.0, **FULL),
        act("A2", due=DUE),
        act("A3", indicator="Cases", target="10", responsible=["pnp"]),
    )
    assert specificity_score(r, weighted=True) == pytest.approx(0.7)
    assert smart_share_score(r, weighted=True) == pytest.approx(0.5)
    assert specificity_score(r) == pytest.approx(0.6)


def test_scores_are_nan_without_activities_or_weight() -> None:
    """No activities, or (weighted) only zero-weight activities: both scores are nan."""
    for name in ("specificity", "smart_share"):
        scorer = get_scorer(name)
        assert math.isnan(scorer(road()))
        assert math.isnan(scorer.on_empty)
        assert scorer.family == "specificity"
        assert scorer.party_symmetric
    weightless = road(act("A1", weight=0.0, **FULL))
    assert math.isnan(specificity_score(weightless, weighted=True))
    assert math.isnan(smart_share_score(weightless, weighted=True))
    assert specificity_score(weightless) == 1.0
    detail = specificity_detail(road())
    assert all(math.isnan(share) for share in detail.criterion_shares.values())


@pytest.mark.parametrize(
    "weights",
    [
        {"realistic": 1},
        {"due": -1},
        {"due": float("nan")},
        {"due": float("inf")},
        {"due": True},
        {"due": "1"},
        {"due": 0, "target": 0},
        {},
        {"due": 1, C.DUE: 2},
        [("due", 1)],
    ],
)
def test_bad_weights_are_rejected(weights: object) -> None:
    """Unknown criteria, negative, non-finite, non-numeric, all-zero or repeated weights."""
    pattern = r"^The 'weights' parameter of specificity_score must be a mapping .* Got .* instead\."
    with pytest.raises(InvalidParameterError, match=pattern):
        specificity_score(three(), weights=weights)  # type: ignore[arg-type]


@pytest.mark.parametrize("weighted", [1, "yes", None])
def test_weighted_must_be_a_bool(weighted: object) -> None:
    """The error names the function that was called."""
    with pytest.raises(InvalidParameterError, match=r"^The 'weighted' parameter of smart_share"):
        smart_share_score(three(), weighted=weighted)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match=r"^The 'weighted' parameter of specificity_d"):
        specificity_detail(three(), weighted=weighted)  # type: ignore[arg-type]


def test_to_dict_is_json_ready() -> None:
    """The detail's dictionary dumps as strict JSON, with criteria by value and nan as null."""
    data = specificity_detail(three()).to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text)["missing"]["verification"] == ["A2", "A3"]
    assert data["smart_ids"] == ["A1"]
    empty = specificity_detail(road()).to_dict()
    json.dumps(empty, allow_nan=False)
    assert empty["scores"] == {"specificity": None, "smart_share": None}
    assert empty["criterion_shares"]["due"] is None


@SLOW
@given(roadmaps(), st.booleans())
def test_scores_in_range_and_smart_share_never_exceeds_specificity(
    road_: Roadmap, weighted: bool
) -> None:
    """Both scores are nan together or in [0, 1], and a fully SMART share <= mean share."""
    detail = specificity_detail(road_, weighted=weighted)
    spec, smart = detail.specificity, detail.smart_share
    assert math.isnan(spec) == math.isnan(smart)
    if not math.isnan(spec):
        assert 0.0 <= smart <= spec + 1e-12 <= 1.0 + 1e-12
    assert same(specificity_score(road_, weighted=weighted), spec)
    assert same(smart_share_score(road_, weighted=weighted), smart)
    assert same(get_scorer("specificity")(road_), specificity_score(road_))
    json.dumps(detail.to_dict(), allow_nan=False)


@SLOW
@given(roadmaps())
def test_missing_ids_match_the_activities_fields(road_: Roadmap) -> None:
    """An activity is listed as missing a criterion exactly when its field is absent or blank."""
    missing = dict(specificity_detail(road_).missing)
    for activity in road_.activities:
        checks = {
            C.INDICATOR: bool(activity.indicator and activity.indicator.strip()),
            C.TARGET: bool(activity.target and activity.target.strip()),
            C.DUE: activity.due is not None,
            C.RESPONSIBLE: bool(activity.responsible),
            C.VERIFICATION: bool(activity.verification and activity.verification.strip()),
        }
        for criterion, met in checks.items():
            assert (activity.id in missing[criterion]) != met


@SLOW
@given(roadmaps(min_activities=1), st.data())
def test_completing_an_activity_never_lowers_the_scores(
    road_: Roadmap, data: st.DataObject
) -> None:
    """Filling in every SMART field of one activity never lowers either score."""
    index = data.draw(st.integers(0, len(road_.activities) - 1))
    agencies = (*road_.agencies, Agency(id="new-agency", name="New", party=road_.parties[0].id))
    activities = list(road_.activities)
    activities[index] = attrs.evolve(
        activities[index], **{**FULL, "responsible": ["new-agency"], "lead": None, "start": None}
    )
    better = attrs.evolve(road_, agencies=agencies, activities=activities)
    for weighted in (False, True):
        before = specificity_detail(road_, weighted=weighted)
        after = specificity_detail(better, weighted=weighted)
        if not math.isnan(before.specificity):
            assert after.specificity >= before.specificity - 1e-12
            assert after.smart_share >= before.smart_share - 1e-12


@SLOW
@given(shuffled_pairs())
def test_detail_ignores_the_order_of_the_lists(pair: tuple[Roadmap, Roadmap]) -> None:
    """Reordering every list leaves the detail, and so every score, unchanged."""
    first, second = pair
    for weighted in (False, True):
        assert specificity_detail(first, weighted=weighted) == specificity_detail(
            second, weighted=weighted
        )


@SLOW
@given(renamed_pairs())
def test_scores_ignore_the_ids(pair: tuple[Roadmap, Roadmap]) -> None:
    """Renaming every id changes no score."""
    a, b = (specificity_detail(road_).scores() for road_ in pair)
    assert all(same(a[name], b[name]) for name in a)
