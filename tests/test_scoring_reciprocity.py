"""Tests for the reciprocity family of coopframe.scoring: joint activities and the parties'
loads."""

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
from coopframe.model import Activity, Agency, Axis, Party, Period, Roadmap
from coopframe.scoring import (
    get_scorer,
    joint_share_score,
    reciprocity_detail,
    responsibility_balance_score,
)
from coopframe.testing import party_swapped_pairs, renamed_pairs, roadmaps, shuffled_pairs

# Drawing a whole valid roadmap is slow, so input generation may trip the health check.
SLOW = settings(suppress_health_check=[HealthCheck.too_slow])

NAMES = ("joint_share", "responsibility_balance")
AGENCIES = {
    "pnp": "PER",
    "mp-pe": "PER",
    "pb": "BOL",
    "fgb": "BOL",
    "pnc": "COL",
}
PARTY_NAMES = {"BOL": "Bolivia", "PER": "Perú", "COL": "Colombia"}


def road(
    activities: Sequence[tuple[str, Sequence[str]] | tuple[str, Sequence[str], float]],
    parties: Sequence[str] = ("BOL", "PER"),
) -> Roadmap:
    """A roadmap of ``parties`` with ``(id, responsible agencies[, weight])`` activities."""
    return Roadmap(
        id="R",
        title="Test",
        parties=[Party(id=p, name=PARTY_NAMES[p]) for p in parties],
        period=Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
        agencies=[
            Agency(id=agency, name=agency, party=party)
            for agency, party in AGENCIES.items()
            if party in parties
        ],
        axes=[Axis(id="x", name="Investigación y sanción")],
        activities=[
            Activity(
                id=item[0],
                title=item[0],
                axis="x",
                responsible=item[1],
                weight=float(item[2]) if len(item) == 3 else 1.0,
            )
            for item in activities
        ],
    )


def entropy(*shares: float) -> float:
    return -sum(p * math.log(p) for p in shares if p > 0)


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def test_joint_single_and_unassigned_activities() -> None:
    """One joint, one Peruvian, one unassigned activity: joint share 1/3; loads 0.5 and 1.5."""
    r = road([("A1", ["pnp", "pb"]), ("A2", ["pnp", "mp-pe"]), ("A3", [])])
    detail = reciprocity_detail(r)
    assert detail.joint_ids == ("A1",)
    assert detail.single_party_ids == (("BOL", ()), ("PER", ("A2",)))
    assert detail.unassigned_ids == ("A3",)
    assert detail.party_loads == (("BOL", 0.5), ("PER", 1.5))
    assert joint_share_score(r) == pytest.approx(1 / 3)
    expected = entropy(0.25, 0.75) / math.log(2)
    assert responsibility_balance_score(r) == pytest.approx(expected)


def test_an_activity_of_two_agencies_of_one_party_is_not_joint() -> None:
    """Joint means two parties, not two agencies."""
    r = road([("A1", ["pnp", "mp-pe"])])
    assert joint_share_score(r) == 0.0
    assert reciprocity_detail(r).single_party_ids == (("BOL", ()), ("PER", ("A1",)))


def test_balance_extremes() -> None:
    """Equal loads score exactly 1; one party carrying everything scores exactly 0."""
    even = road([("A1", ["pnp"]), ("A2", ["pb"]), ("A3", ["pnp", "fgb"])])
    lopsided = road([("A1", ["pnp"]), ("A2", ["mp-pe"])])
    assert responsibility_balance_score(even) == 1.0
    assert responsibility_balance_score(lopsided) == 0.0


def test_split_by_agencies() -> None:
    """Two Peruvian agencies and one Bolivian: 1/2 each by parties, 2/3 and 1/3 by agencies."""
    r = road([("A1", ["pnp", "mp-pe", "pb"])])
    assert responsibility_balance_score(r) == 1.0
    by_agencies = responsibility_balance_score(r, split="agencies")
    assert by_agencies == pytest.approx(entropy(1 / 3, 2 / 3) / math.log(2))
    loads = dict(reciprocity_detail(r, split="agencies").party_loads)
    assert loads == {"BOL": pytest.approx(1 / 3), "PER": pytest.approx(2 / 3)}


def test_weighted() -> None:
    """A joint activity of weight 3 and a Peruvian one of weight 1: joint share 3/4 weighted."""
    r = road([("A1", ["pnp", "pb"], 3.0), ("A2", ["pnp"], 1.0)])
    assert joint_share_score(r) == 0.5
    assert joint_share_score(r, weighted=True) == 0.75
    assert dict(reciprocity_detail(r, weighted=True).party_loads) == {"BOL": 1.5, "PER": 2.5}
    expected = entropy(1.5 / 4, 2.5 / 4) / math.log(2)
    assert responsibility_balance_score(r, weighted=True) == pytest.approx(expected)


def test_trinational_roadmap_counts_every_party() -> None:
    """Three parties, one carrying nothing: balance ln 2 / ln 3, and that party's load is 0."""
    parties = ("BOL", "COL", "PER")
    r = road([("A1", ["pnp"]), ("A2", ["pb"])], parties=parties)
    assert responsibility_balance_score(r) == pytest.approx(math.log(2) / math.log(3))
    detail = reciprocity_detail(r)
    assert detail.party_loads == (("BOL", 1.0), ("COL", 0.0), ("PER", 1.0))
    assert detail.single_party_ids == (("BOL", ("A2",)), ("COL", ()), ("PER", ("A1",)))
    full = road([("A1", ["pnp", "pb", "pnc"])], parties=parties)
    assert responsibility_balance_score(full) == 1.0
    assert joint_share_score(full) == 1.0


def test_nan_policy() -> None:
    """No activities: both nan. Only unassigned activities: joint share 0, balance nan."""
    for name in NAMES:
        scorer = get_scorer(name)
        assert math.isnan(scorer(road([])))
        assert math.isnan(scorer.on_empty)
        assert scorer.family == "reciprocity"
        assert scorer.party_symmetric
    unassigned = road([("A1", []), ("A2", [])])
    assert joint_share_score(unassigned) == 0.0
    assert math.isnan(responsibility_balance_score(unassigned))
    weightless = road([("A1", ["pnp", "pb"], 0.0)])
    assert math.isnan(joint_share_score(weightless, weighted=True))
    assert math.isnan(responsibility_balance_score(weightless, weighted=True))


@pytest.mark.parametrize("split", ["party", "Agencies", None, 2])
def test_bad_split_is_rejected(split: object) -> None:
    """Only 'parties' and 'agencies' are splitting rules; one message form, naming the
    closest rule when there is one."""
    pattern = (
        r"^The 'split' parameter of responsibility_balance_score must be one of "
        r"'parties', 'agencies'\. Got .* instead(\.|; did you mean '(parties|agencies)'\?)$"
    )
    with pytest.raises(InvalidParameterError, match=pattern):
        responsibility_balance_score(road([]), split=split)  # type: ignore[arg-type]


@pytest.mark.parametrize("weighted", [1, "yes", None])
def test_weighted_must_be_a_bool(weighted: object) -> None:
    """The error names the function that was called."""
    with pytest.raises(InvalidParameterError, match=r"^The 'weighted' parameter of joint_share"):
        joint_share_score(road([]), weighted=weighted)  # type: ignore[arg-type]


def test_to_dict_is_json_ready() -> None:
    """The detail's dictionary dumps as strict JSON, every party listed, nan as null."""
    data = reciprocity_detail(road([("A1", [])])).to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == {
        "scores": {"joint_share": 0.0, "responsibility_balance": None},
        "activity_count": 1,
        "weighted": False,
        "split": "parties",
        "total_load": 1.0,
        "joint_load": 0.0,
        "joint_ids": [],
        "single_party_ids": {"BOL": [], "PER": []},
        "unassigned_ids": ["A1"],
        "party_loads": {"BOL": 0.0, "PER": 0.0},
    }


# Properties


@st.composite
def joint_additions(draw: st.DrawFn) -> tuple[Roadmap, Roadmap]:
    """A roadmap and the same roadmap with one more joint activity of any weight."""
    base = draw(roadmaps())
    first, second = draw(st.permutations([p.id for p in base.parties]))[:2]
    axis = Axis(id="new-axis", name="New")
    new = Activity(
        id="new-activity",
        title="Joint operation",
        axis=axis.id,
        responsible=["new-1", "new-2"],
        weight=draw(st.sampled_from([0.0, 1.0, 2.5, 1000.0])),
    )
    bigger = attrs.evolve(
        base,
        agencies=(
            *base.agencies,
            Agency(id="new-1", name="New 1", party=first),
            Agency(id="new-2", name="New 2", party=second),
        ),
        axes=(*base.axes, axis),
        activities=(*base.activities, new),
    )
    return base, bigger


@SLOW
@given(joint_additions())
def test_adding_a_joint_activity_never_lowers_the_joint_share(
    pair: tuple[Roadmap, Roadmap],
) -> None:
    """Whatever the roadmap, one more joint activity keeps or raises the joint share."""
    before, after = pair
    for weighted in (False, True):
        old = joint_share_score(before, weighted=weighted)
        new = joint_share_score(after, weighted=weighted)
        if not math.isnan(old):
            assert new >= old
        assert "new-activity" in reciprocity_detail(after, weighted=weighted).joint_ids


@SLOW
@given(party_swapped_pairs(), st.booleans(), st.sampled_from(["parties", "agencies"]))
def test_scores_are_symmetric_in_the_parties(
    pair: tuple[Roadmap, Roadmap], weighted: bool, split: str
) -> None:
    """Swapping two parties' ids leaves both scores unchanged and swaps their loads."""
    first, second = pair
    a = reciprocity_detail(first, weighted=weighted, split=split)  # type: ignore[arg-type]
    b = reciprocity_detail(second, weighted=weighted, split=split)  # type: ignore[arg-type]
    assert all(same(a.scores()[name], b.scores()[name]) for name in NAMES)
    swap = {old.id: new.id for old, new in zip(first.parties, second.parties, strict=True)}
    assert {swap[party]: load for party, load in a.party_loads} == dict(b.party_loads)
    assert a.joint_ids == b.joint_ids


@SLOW
@given(roadmaps(), st.booleans(), st.sampled_from(["parties", "agencies"]))
def test_loads_add_up_and_scores_are_in_range(road_: Roadmap, weighted: bool, split: str) -> None:
    """Party loads add up to the assigned load; the ids partition the activities; in range."""
    detail = reciprocity_detail(road_, weighted=weighted, split=split)  # type: ignore[arg-type]
    assigned = [a for a in road_.activities if a.id not in detail.unassigned_ids]
    total = sum(a.weight if weighted else 1.0 for a in assigned)
    assert sum(load for _, load in detail.party_loads) == pytest.approx(total, abs=1e-9)
    ids = [*detail.joint_ids, *detail.unassigned_ids]
    for _, alone in detail.single_party_ids:
        ids.extend(alone)
    assert sorted(ids) == sorted(a.id for a in road_.activities)
    assert [party for party, _ in detail.party_loads] == sorted(p.id for p in road_.parties)
    for value in detail.scores().values():
        assert math.isnan(value) or 0.0 <= value <= 1.0
    assert same(joint_share_score(road_, weighted=weighted), detail.joint_share)
    assert same(
        responsibility_balance_score(road_, weighted=weighted, split=split),  # type: ignore[arg-type]
        detail.responsibility_balance,
    )
    for name in NAMES:
        assert same(get_scorer(name)(road_), reciprocity_detail(road_).scores()[name])
    json.dumps(detail.to_dict(), allow_nan=False)


@SLOW
@given(shuffled_pairs())
def test_detail_ignores_the_order_of_the_lists(pair: tuple[Roadmap, Roadmap]) -> None:
    """Reordering every list leaves the detail, and so every score, unchanged."""
    first, second = pair
    for split in ("parties", "agencies"):
        assert reciprocity_detail(first, split=split) == reciprocity_detail(second, split=split)


@SLOW
@given(renamed_pairs())
def test_scores_ignore_the_ids(pair: tuple[Roadmap, Roadmap]) -> None:
    """Renaming every id, parties included, changes no score."""
    a, b = (reciprocity_detail(road_).scores() for road_ in pair)
    assert all(same(a[name], b[name]) for name in NAMES)
