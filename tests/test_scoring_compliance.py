"""Tests of the compliance family of coopframe.scoring: counting rules, weights, cancelled
activities,
breakdowns, the nan policy, SIGMA's scale and the registry entries."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopframe.exceptions import InvalidParameterError
from coopframe.model import Activity, Agency, Axis, Counting, Party, Period, Roadmap, Status
from coopframe.scoring import (
    Completion,
    completion_category,
    compliance_detail,
    compliance_score,
    get_scorer,
    implementation_rate_score,
    sigma_scale,
)
from coopframe.testing import party_swapped_pairs, renamed_pairs, shuffled_pairs

C, IP, NS = Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED
SU, UN, CA = Status.SUSPENDED, Status.UNKNOWN, Status.CANCELLED
NAMES = ("compliance", "compliance_partial", "compliance_lenient", "implementation_rate")


def act(ident: str, status: Status = NS, **fields: Any) -> Activity:
    fields.setdefault("axis", "prev")
    return Activity(id=ident, title=f"Activity {ident}", status=status, **fields)


def road(*activities: Activity, axes: tuple[str, ...] = ("prev", "prot")) -> Roadmap:
    return Roadmap(
        id="r",
        title="Hoja de ruta",
        parties=(Party(id="BOL", name="Bolivia"), Party(id="PER", name="Perú")),
        period=Period(start=dt.date(2021, 1, 1), end=dt.date(2022, 12, 31)),
        agencies=(
            Agency(id="pol-bo", name="Policía Boliviana", party="BOL"),
            Agency(id="pol-pe", name="Policía Nacional del Perú", party="PER"),
        ),
        axes=tuple(Axis(id=axis, name=axis.title()) for axis in axes),
        activities=activities,
    )


def same(a: float, b: float) -> bool:
    """Equal, counting nan as equal to nan."""
    return (math.isnan(a) and math.isnan(b)) or a == b


# One activity of each status, the in-progress and suspended ones with progress recorded.
MIXED = road(
    act("A1", C),
    act("A2", IP, progress=0.5),
    act("A3", NS),
    act("A4", SU, progress=0.4),
    act("A5", UN),
    act("A6", CA, progress=0.5),
)


# Counting rules.


def test_strict_counts_completed_only() -> None:
    """Strict: 1 completed of 5 (the cancelled one leaves the denominator)."""
    assert compliance_score(MIXED) == pytest.approx(1 / 5)


def test_partial_counts_progress_pro_rata() -> None:
    """Partial: completed 1, in progress 0.5, suspended keeps its 0.4, others 0: 1.9 / 5."""
    assert compliance_score(MIXED, counting="partial") == pytest.approx(1.9 / 5)


def test_lenient_counts_in_progress_as_met() -> None:
    """Lenient: completed and in-progress are met, suspended and unknown are not: 2 / 5."""
    assert compliance_score(MIXED, counting="lenient") == pytest.approx(2 / 5)


def test_counting_accepts_the_enum_or_its_value() -> None:
    """Counting.PARTIAL and "partial" give the same rate."""
    for rule in Counting:
        assert compliance_score(MIXED, counting=rule) == compliance_score(
            MIXED, counting=rule.value
        )


def test_completed_counts_in_full_whatever_its_progress() -> None:
    """A completed activity with a recorded progress below 1 still counts 1 under partial."""
    assert compliance_score(road(act("A1", C, progress=0.2)), counting="partial") == 1.0


def test_strict_rate_is_exact_for_whole_counts() -> None:
    """92 of 100 completed gives exactly 0.92 (Argentina 2020–2022)."""
    roadmap = road(*(act(f"A{i}", C if i < 92 else NS) for i in range(100)))
    assert compliance_score(roadmap) == 0.92


# Weights.


def test_weights_give_a_weighted_mean() -> None:
    """Completed of weight 3 and open of weight 1: 3/4 weighted, 1/2 unweighted."""
    roadmap = road(act("A1", C, weight=3.0), act("A2", NS, weight=1.0))
    assert compliance_score(roadmap) == 0.75
    assert compliance_score(roadmap, weighted=False) == 0.5


def test_zero_weight_counts_for_nothing() -> None:
    """A completed activity of weight 0 changes nothing, unless weights are ignored."""
    roadmap = road(act("A1", C, weight=0.0), act("A2", NS))
    detail = compliance_detail(roadmap)
    assert detail.rate == 0.0
    assert detail.zero_weight == ("A1",)
    assert detail.counted == ("A2",)
    assert compliance_score(roadmap, weighted=False) == 0.5


# Cancelled activities.


@pytest.mark.parametrize(
    ("cancelled", "expected"), [("exclude", 1 / 2), ("unmet", 1 / 3), ("met", 2 / 3)]
)
def test_cancelled_treatments(cancelled: Any, expected: float) -> None:
    """Completed, not started, cancelled: exclude 1/2, unmet 1/3, met 2/3."""
    roadmap = road(act("A1", C), act("A2", NS), act("A3", CA))
    assert compliance_score(roadmap, cancelled=cancelled) == pytest.approx(expected)


def test_unmet_cancelled_gets_no_credit_for_progress() -> None:
    """Under partial counting a cancelled activity counted as unmet scores 0, not its progress."""
    roadmap = road(act("A1", C), act("A2", CA, progress=0.9))
    assert compliance_score(roadmap, counting="partial", cancelled="unmet") == 0.5


def test_excluded_cancelled_are_listed() -> None:
    """Excluded cancelled activities are named, and leave the counted ones."""
    detail = compliance_detail(MIXED)
    assert detail.excluded == ("A6",)
    assert "A6" not in detail.counted
    assert compliance_detail(MIXED, cancelled="unmet").excluded == ()


# Detail and breakdowns.


def test_detail_lists_met_partly_met_and_counted() -> None:
    """Ids met, partly met and counted follow the counting rule, in document order."""
    strict = compliance_detail(MIXED)
    assert strict.counted == ("A1", "A2", "A3", "A4", "A5")
    assert strict.met == ("A1",)
    assert strict.partly_met == ()
    partial = compliance_detail(MIXED, counting=Counting.PARTIAL)
    assert partial.met == ("A1",)
    assert partial.partly_met == ("A2", "A4")
    assert compliance_detail(MIXED, counting="lenient").met == ("A1", "A2")


def test_detail_rates_under_every_rule() -> None:
    """The detail carries all three rates, and ``rate`` is the one asked for."""
    detail = compliance_detail(MIXED, counting="lenient")
    assert detail.strict_rate == pytest.approx(0.2)
    assert detail.partial_rate == pytest.approx(0.38)
    assert detail.lenient_rate == pytest.approx(0.4)
    assert detail.rate == detail.lenient_rate
    assert detail.counting is Counting.LENIENT


def test_status_counts_cover_every_status() -> None:
    """Each status is counted once per activity, zero counts included, in enum order."""
    detail = compliance_detail(road(act("A1", C), act("A2", C), act("A3", CA)))
    assert detail.status_counts == (
        (NS, 0),
        (IP, 0),
        (C, 2),
        (CA, 1),
        (SU, 0),
        (UN, 0),
    )


def test_axis_breakdown_names_empty_axes() -> None:
    """Per-axis rates; an axis with no counted activity is nan and named."""
    roadmap = road(
        act("A1", C, axis="prev"),
        act("A2", NS, axis="prev"),
        act("A3", CA, axis="prot"),
        axes=("prev", "prot", "inv"),
    )
    detail = compliance_detail(roadmap)
    assert detail.axis_rates["prev"] == 0.5
    assert math.isnan(detail.axis_rates["prot"])
    assert math.isnan(detail.axis_rates["inv"])
    assert detail.empty_axes == ("inv", "prot")
    assert [group.id for group in detail.axes] == ["inv", "prev", "prot"]


def test_party_breakdown_counts_joint_activities_for_both() -> None:
    """A joint activity counts for both parties; one with no agency for neither, and is listed."""
    roadmap = road(
        act("A1", C, responsible=("pol-bo", "pol-pe")),
        act("A2", NS, responsible=("pol-pe",)),
        act("A3", NS),
    )
    detail = compliance_detail(roadmap)
    assert detail.party_rates == {"BOL": 1.0, "PER": 0.5}
    assert detail.unassigned == ("A3",)
    assert detail.empty_parties == ()
    assert detail.rate == pytest.approx(1 / 3)
    bolivia = detail.parties[0]
    assert (bolivia.counted, bolivia.met_weight, bolivia.counted_weight) == (1, 1.0, 1.0)


def test_party_with_no_counted_activity_is_nan() -> None:
    """A party responsible for nothing counted has a nan rate and is named."""
    detail = compliance_detail(road(act("A1", C, responsible=("pol-pe",))))
    assert math.isnan(detail.party_rates["BOL"])
    assert detail.empty_parties == ("BOL",)


def test_breakdowns_follow_weights() -> None:
    """Per-axis and per-party rates are weighted like the overall rate."""
    roadmap = road(
        act("A1", C, weight=3.0, responsible=("pol-bo",)),
        act("A2", NS, weight=1.0, responsible=("pol-bo",)),
    )
    detail = compliance_detail(roadmap)
    assert detail.axis_rates["prev"] == 0.75
    assert detail.party_rates["BOL"] == 0.75


# Activities due.


def test_as_of_counts_only_activities_due() -> None:
    """With as_of, activities due later (undated ones: at the period's end) are left out."""
    roadmap = road(
        act("A1", C, due=dt.date(2021, 6, 30)),
        act("A2", NS, due=dt.date(2021, 6, 30)),
        act("A3", NS, due=dt.date(2022, 6, 30)),
        act("A4", NS),
    )
    detail = compliance_detail(roadmap, as_of=dt.date(2021, 12, 31))
    assert detail.rate == 0.5
    assert detail.not_due == ("A3", "A4")
    assert compliance_score(roadmap, as_of=dt.date(2022, 12, 31)) == 0.25
    assert compliance_score(roadmap) == 0.25


# The nan policy.


def test_no_activities_is_nan_everywhere() -> None:
    """A roadmap without activities has no compliance: every rate and score is nan."""
    detail = compliance_detail(road())
    assert all(math.isnan(value) for value in detail.scores().values())
    assert math.isnan(compliance_score(road()))
    assert math.isnan(implementation_rate_score(road()))
    assert detail.completion is Completion.NO_EVIDENCE


def test_all_zero_weight_is_nan() -> None:
    """Every weight 0: nothing counts, nan; ignoring weights makes it defined."""
    roadmap = road(act("A1", C, weight=0.0), act("A2", NS, weight=0.0))
    assert math.isnan(compliance_score(roadmap))
    assert compliance_score(roadmap, weighted=False) == 0.5


def test_all_cancelled_and_excluded_is_nan() -> None:
    """Every activity cancelled and excluded: nan; counted as unmet: 0."""
    roadmap = road(act("A1", CA), act("A2", CA))
    assert math.isnan(compliance_score(roadmap))
    assert compliance_score(roadmap, cancelled="unmet") == 0.0
    assert compliance_score(roadmap, cancelled="met") == 1.0


def test_nothing_due_is_nan() -> None:
    """No activity due by as_of: nan."""
    roadmap = road(act("A1", C))
    assert math.isnan(compliance_score(roadmap, as_of=dt.date(2021, 1, 1)))


# Parameter errors.


def test_bad_counting_message() -> None:
    """An unknown counting rule is refused with the one message form."""
    message = (
        "The 'counting' parameter of compliance_score must be one of 'strict', 'partial', "
        "'lenient'. Got 'x' instead."
    )
    with pytest.raises(InvalidParameterError) as info:
        compliance_score(MIXED, counting="x")
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"counting": 1}, "counting"),
        ({"counting": "STRICT"}, "counting"),
        ({"cancelled": "drop"}, "cancelled"),
        ({"cancelled": None}, "cancelled"),
        ({"weighted": 1}, "weighted"),
        ({"as_of": "2022/01/01"}, "as_of"),
        ({"as_of": dt.datetime(2022, 1, 1)}, "as_of"),
    ],
)
def test_bad_options_are_refused(options: dict[str, Any], name: str) -> None:
    """Each bad option raises InvalidParameterError naming the parameter and the function."""
    for func in (compliance_score, compliance_detail):
        with pytest.raises(InvalidParameterError, match=f"'{name}' parameter of {func.__name__}"):
            func(MIXED, **options)
    with pytest.raises(ValueError, match="as_of"):
        implementation_rate_score(MIXED, as_of="2022")  # type: ignore[arg-type]


# SIGMA and the OGP IRM scale.


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (0.0, 0.0),
        (0.24, 0.0),
        (0.25, 0.0),
        (0.3, 0.05 / 0.65),
        (0.575, 0.5),
        (0.89, 0.64 / 0.65),
        (0.9, 1.0),
        (0.92, 1.0),
        (1.0, 1.0),
    ],
)
def test_sigma_scale(rate: float, expected: float) -> None:
    """0 below 25%, linear from 0 at 25% to 1 at 90%, 1 from 90% up."""
    assert sigma_scale(rate) == pytest.approx(expected, abs=1e-15)


def test_sigma_scale_nan_and_errors() -> None:
    """nan stays nan; a rate outside [0, 1] is refused."""
    assert math.isnan(sigma_scale(math.nan))
    for bad in (1.5, -0.1, "0.5", True):
        with pytest.raises(InvalidParameterError, match="'rate' parameter of sigma_scale"):
            sigma_scale(bad)  # type: ignore[arg-type]


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_sigma_scale_is_monotone(a: float, b: float) -> None:
    """A higher implementation rate never gets a lower SIGMA score."""
    low, high = sorted((a, b))
    assert 0.0 <= sigma_scale(low) <= sigma_scale(high) <= 1.0


def test_implementation_rate_score() -> None:
    """6 of 10 completed: (0.6 - 0.25) / 0.65; as of mid-year only the 8 due count: 6/8."""
    roadmap = road(
        *(
            act(f"A{i}", C if i < 6 else NS, due=dt.date(2021, 6, 30) if i < 8 else None)
            for i in range(10)
        )
    )
    assert implementation_rate_score(roadmap) == pytest.approx(0.35 / 0.65)
    assert implementation_rate_score(roadmap, as_of=dt.date(2021, 6, 30)) == pytest.approx(
        0.5 / 0.65
    )
    assert implementation_rate_score(road(act("A1", C), act("A2", NS))) == pytest.approx(
        0.25 / 0.65
    )


def test_implementation_rate_defaults_to_the_status_date() -> None:
    """SIGMA's rate is taken at the roadmap's as_of by default; compliance counts everything."""
    roadmap = attrs.evolve(
        road(
            act("A1", C, due=dt.date(2021, 6, 30)),
            act("A2", C, due=dt.date(2021, 6, 30)),
            act("A3", NS, due=dt.date(2021, 6, 30)),
            act("A4", NS, due=dt.date(2022, 6, 30)),
            act("A5", C, due=dt.date(2022, 6, 30)),
        ),
        as_of=dt.date(2021, 12, 31),
    )
    detail = compliance_detail(roadmap)
    assert (detail.due_date, detail.due_rate) == (dt.date(2021, 12, 31), 2 / 3)
    assert detail.rate == 3 / 5
    assert implementation_rate_score(roadmap) == pytest.approx((2 / 3 - 0.25) / 0.65)
    assert detail.implementation_rate == implementation_rate_score(roadmap)
    # An explicit date wins over the status date.
    at_end = compliance_detail(roadmap, as_of=dt.date(2022, 12, 31))
    assert (at_end.due_date, at_end.due_rate) == (dt.date(2022, 12, 31), 3 / 5)
    # Without a status date, every activity is due.
    undated = compliance_detail(attrs.evolve(roadmap, as_of=None))
    assert (undated.due_date, undated.due_rate) == (None, 3 / 5)


def test_implementation_rate_nan_when_nothing_due() -> None:
    """Nothing due by the status date: SIGMA's score is nan, compliance is not."""
    roadmap = attrs.evolve(road(act("A1", C, due=dt.date(2022, 6, 30))), as_of=dt.date(2021, 6, 30))
    assert math.isnan(implementation_rate_score(roadmap))
    assert compliance_score(roadmap) == 1.0


@pytest.mark.parametrize(
    ("rate", "category"),
    [
        (math.nan, Completion.NO_EVIDENCE),
        (0.0, Completion.NOT_STARTED),
        (0.01, Completion.LIMITED),
        (0.49, Completion.LIMITED),
        (0.5, Completion.SUBSTANTIAL),
        (0.92, Completion.SUBSTANTIAL),
        (1.0, Completion.COMPLETE),
    ],
)
def test_completion_category(rate: float, category: Completion) -> None:
    """The OGP IRM categories, read with coopframe's thresholds."""
    assert completion_category(rate) is category


def test_completion_category_refuses_bad_rates() -> None:
    """A rate outside [0, 1] has no category."""
    with pytest.raises(InvalidParameterError, match="completion_category"):
        completion_category(2.0)


# Registry and detail.


def test_registry_entries_are_classified() -> None:
    """Each registered name is in the compliance family, party-symmetric and nan when empty."""
    for name in NAMES:
        scorer = get_scorer(name)
        assert scorer.family == "compliance"
        assert scorer.party_symmetric is True
        assert math.isnan(scorer.on_empty)
        assert math.isnan(scorer(road()))


def test_registry_defaults() -> None:
    """Registered scorers equal the functions with default options."""
    assert get_scorer("compliance")(MIXED) == compliance_score(MIXED)
    assert get_scorer("compliance_partial")(MIXED) == compliance_score(MIXED, counting="partial")
    assert get_scorer("compliance_lenient")(MIXED) == compliance_score(MIXED, counting="lenient")
    assert get_scorer("implementation_rate")(MIXED) == implementation_rate_score(MIXED)


def test_to_dict_is_json_ready_and_deterministic() -> None:
    """to_dict has JSON primitives only, nan as None, and is the same on every call."""
    roadmap = road(act("A1", C, responsible=("pol-pe",)), act("A2", CA), axes=("prev", "inv"))
    first = compliance_detail(roadmap, as_of=dt.date(2022, 12, 31)).to_dict()
    text = json.dumps(first, allow_nan=False, sort_keys=False)
    assert text == json.dumps(compliance_detail(roadmap, as_of=dt.date(2022, 12, 31)).to_dict())
    assert first["as_of"] == "2022-12-31"
    assert first["counting"] == "strict"
    assert first["status_counts"]["cancelled"] == 1
    assert first["parties"][0] == {
        "id": "BOL",
        "rate": None,
        "met_weight": 0.0,
        "counted_weight": 0.0,
        "counted": 0,
    }
    assert first["empty_axes"] == ["inv"]
    assert first["scores"]["compliance"] == 1.0
    json.dumps(compliance_detail(road()).to_dict(), allow_nan=False)


def test_detail_is_frozen_and_hashable() -> None:
    """The detail is a value: frozen, hashable, equal when computed twice."""
    detail = compliance_detail(MIXED)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        detail.counted = ()  # type: ignore[misc]
    assert hash(detail) == hash(compliance_detail(MIXED))


# Properties, on lean roadmaps: the fields compliance reads, drawn widely; the rest fixed.

PARTIES = (
    Party(id="BOL", name="Bolivia"),
    Party(id="PER", name="Perú"),
    Party(id="ECU", name="Ecuador"),
)
AGENCIES = tuple(
    Agency(id=f"{kind}-{party.id}", name=f"{kind} {party.name}", party=party.id)
    for party in PARTIES
    for kind in ("pol", "fis")
)
PERIOD = Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31))


@st.composite
def lean_roadmaps(draw: st.DrawFn, *, min_activities: int = 0, max_activities: int = 12) -> Roadmap:
    """Roadmaps with any statuses, progress, weights, axes, responsibilities and due dates."""
    n_parties = draw(st.integers(2, 3))
    parties = PARTIES[:n_parties]
    agencies = tuple(a for a in AGENCIES if a.party in {p.id for p in parties})
    axes = tuple(Axis(id=f"X{i}", name=f"Axis {i}") for i in range(draw(st.integers(1, 4))))
    count = draw(st.integers(min_activities, max_activities))
    activities = [
        Activity(
            id=f"A{i}",
            title="Task",
            axis=draw(st.sampled_from(axes)).id,
            responsible=draw(
                st.lists(st.sampled_from([a.id for a in agencies]), unique=True, max_size=3)
            ),
            status=draw(st.sampled_from(Status)),
            progress=draw(st.none() | st.floats(0.0, 1.0)),
            weight=draw(st.sampled_from([1.0, 0.0]) | st.floats(0.001, 1000.0)),
            due=draw(st.none() | st.dates(PERIOD.start, PERIOD.end)),
        )
        for i in range(count)
    ]
    return Roadmap(
        id="lean",
        title="Lean",
        parties=parties,
        period=PERIOD,
        agencies=agencies,
        axes=axes,
        activities=activities,
        as_of=draw(st.none() | st.dates(PERIOD.start, PERIOD.end)),
    )


@given(lean_roadmaps())
def test_rates_in_range_and_ordered(roadmap: Roadmap) -> None:
    """Every rate is nan or in [0, 1]; partial and lenient never fall below strict."""
    detail = compliance_detail(roadmap)
    for value in (*detail.scores().values(), *detail.axis_rates.values()):
        assert math.isnan(value) or 0.0 <= value <= 1.0
    if not math.isnan(detail.strict_rate):
        assert detail.partial_rate >= detail.strict_rate
        assert detail.lenient_rate >= detail.strict_rate
    assert math.isnan(detail.strict_rate) == (detail.counted == ())


@given(lean_roadmaps(), st.sampled_from(list(Counting)))
def test_scores_match_the_registry(roadmap: Roadmap, rule: Counting) -> None:
    """detail.scores() gives what each registered scorer gives, whatever the detail's counting."""
    scores = compliance_detail(roadmap, counting=rule).scores()
    assert sorted(scores) == sorted(NAMES)
    for name, value in scores.items():
        assert same(value, get_scorer(name)(roadmap))


@given(
    lean_roadmaps(min_activities=1),
    st.data(),
    st.sampled_from(list(Counting)),
    st.sampled_from(["exclude", "unmet", "met"]),
    st.booleans(),
)
def test_completing_an_activity_never_lowers_compliance(
    roadmap: Roadmap, data: st.DataObject, rule: Counting, cancelled: Any, weighted: bool
) -> None:
    """Marking any activity completed never lowers the rate, under any rule and option."""
    index = data.draw(st.integers(0, len(roadmap.activities) - 1))
    activities = list(roadmap.activities)
    activities[index] = attrs.evolve(activities[index], status=C)
    done = attrs.evolve(roadmap, activities=activities)
    options: dict[str, Any] = {"counting": rule, "cancelled": cancelled, "weighted": weighted}
    before = compliance_score(roadmap, **options)
    after = compliance_score(done, **options)
    assert math.isnan(before) or after >= before


@given(shuffled_pairs(lean_roadmaps()))
def test_order_of_lists_does_not_matter(pair: tuple[Roadmap, Roadmap]) -> None:
    """Reordering the roadmap's lists leaves every rate, axis and party rate unchanged."""
    first, second = (compliance_detail(r, counting="partial") for r in pair)
    for name, value in first.scores().items():
        assert same(value, second.scores()[name])
    for key, value in first.axis_rates.items():
        assert same(value, second.axis_rates[key])
    for key, value in first.party_rates.items():
        assert same(value, second.party_rates[key])
    assert sorted(first.met) == sorted(second.met)


@given(renamed_pairs(lean_roadmaps()))
def test_renaming_ids_does_not_matter(pair: tuple[Roadmap, Roadmap]) -> None:
    """Renaming every id leaves every score unchanged."""
    first, second = (compliance_detail(r).scores() for r in pair)
    for name, value in first.items():
        assert same(value, second[name])


@given(party_swapped_pairs(lean_roadmaps()))
def test_swapping_parties_does_not_matter(pair: tuple[Roadmap, Roadmap]) -> None:
    """Swapping two parties' ids leaves every registered score unchanged, as classified."""
    for name in NAMES:
        assert same(get_scorer(name)(pair[0]), get_scorer(name)(pair[1]))


@given(lean_roadmaps(), st.sampled_from(list(Counting)))
def test_detail_to_dict_json_for_any_roadmap(roadmap: Roadmap, rule: Counting) -> None:
    """to_dict is JSON-serialisable without nan, and its rates are the detail's."""
    detail = compliance_detail(roadmap, counting=rule)
    data = json.loads(json.dumps(detail.to_dict(), allow_nan=False))
    assert data["rate"] == (None if math.isnan(detail.rate) else detail.rate)
    assert len(data["axes"]) == len(roadmap.axes)
