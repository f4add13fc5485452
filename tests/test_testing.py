"""The public strategies of coopframe.testing draw valid, varied objects."""

import random
import re

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

from coopframe import (
    Activity,
    Agency,
    Agreement,
    Axis,
    Party,
    ReportedFigure,
    Roadmap,
    Source,
    Status,
)
from coopframe.model import MAX_DATE, MIN_DATE
from coopframe.testing import (
    agencies,
    agreements,
    axes,
    parties,
    party_ids,
    party_swapped_pairs,
    renamed,
    renamed_pairs,
    roadmaps,
    shuffled,
    shuffled_pairs,
    sources,
    swap_parties,
    texts,
)

# Searching without shrinking: a hit is all these tests need.
SEARCH = settings(
    max_examples=1000,
    database=None,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def search(strategy, condition):
    """An example of ``strategy`` meeting ``condition``; fails the test when there is none."""
    return find(strategy, condition, settings=SEARCH)


def collect(strategy, count):
    """``count`` examples of ``strategy``, the same on every run."""
    drawn = []

    @settings(SEARCH, max_examples=count, derandomize=True)
    @given(strategy)
    def keep(example):
        drawn.append(example)

    keep()
    return drawn


@pytest.fixture(scope="module")
def sample():
    """A fixed sample of default roadmaps, shared by the coverage tests."""
    return collect(roadmaps(), 400)


@pytest.fixture(scope="module")
def agreement_sample():
    """A fixed sample of default agreements."""
    return collect(agreements(), 100)


def items_of(road, cls):
    """Every object of class ``cls`` inside a roadmap."""
    found = {
        Party: road.parties,
        Agency: road.agencies,
        Axis: road.axes,
        Activity: road.activities,
        ReportedFigure: road.reported,
        Source: road.sources,
        Roadmap: (road,),
    }
    return found[cls]


def is_acyclic(road):
    """Whether the dependencies of a roadmap form no cycle (checked independently of the model)."""
    done, visiting = set(), set()

    def visit(activity_id):
        if activity_id in done:
            return True
        if activity_id in visiting:
            return False
        visiting.add(activity_id)
        ok = all(visit(dep) for dep in road.activity(activity_id).depends_on)
        visiting.discard(activity_id)
        done.add(activity_id)
        return ok

    return all(visit(activity.id) for activity in road.activities)


@given(roadmaps())
def test_roadmaps_are_valid(road):
    """A drawn roadmap passes every hard rule when rebuilt; its dependencies are acyclic."""
    assert attrs.evolve(road) == road
    assert len(road.parties) >= 2
    for kind in ("parties", "agencies", "axes", "activities", "sources"):
        ids = [item.id for item in getattr(road, kind)]
        assert len(ids) == len(set(ids)), kind
    assert all(re.fullmatch(r"[A-Z]{3}", party.id) for party in road.parties)
    assert is_acyclic(road)
    for activity in road.activities:
        if activity.lead is not None:
            assert activity.lead in activity.responsible
        for date in (activity.start, activity.due):
            assert date is None or MIN_DATE <= date <= MAX_DATE
    assert MIN_DATE <= road.period.start <= road.period.end <= MAX_DATE


@given(roadmaps(min_activities=3, max_activities=5, min_parties=3, max_parties=4))
def test_roadmaps_respect_sizes(road):
    """The size options bound the number of activities and parties drawn."""
    assert 3 <= len(road.activities) <= 5
    assert 3 <= len(road.parties) <= 4
    assert road.axes


@given(roadmaps(statuses=[Status.COMPLETED, Status.CANCELLED], min_activities=1))
def test_roadmaps_statuses_option(road):
    """Only the statuses asked for are drawn."""
    assert {a.status for a in road.activities} <= {Status.COMPLETED, Status.CANCELLED}


@given(st.data())
def test_roadmaps_with_fixed_parties(data):
    """With ``parties=``, the roadmap has exactly those parties."""
    fixed = (Party(id="BOL", name="Bolivia"), Party(id="PER", name="Perú"))
    road = data.draw(roadmaps(parties=fixed))
    assert road.parties == fixed


@given(agreements())
def test_agreements_are_valid(deal):
    """Drawn agreements are valid: roadmaps in order, with parties of the agreement."""
    assert attrs.evolve(deal) == deal
    ids = {party.id for party in deal.parties}
    starts = [road.period.start for road in deal.roadmaps]
    assert starts == sorted(starts)
    for road in deal.roadmaps:
        assert {party.id for party in road.parties} <= ids


@given(parties(min_size=2, max_size=5))
def test_parties_are_distinct(drawn):
    """Party ids are distinct three-letter codes."""
    ids = [party.id for party in drawn]
    assert 2 <= len(ids) == len(set(ids)) <= 5
    assert all(re.fullmatch(r"[A-Z]{3}", party_id) for party_id in ids)


@given(party_ids())
def test_party_ids_are_three_capitals(party_id):
    """Every drawn party id is three capital ASCII letters."""
    assert re.fullmatch(r"[A-Z]{3}", party_id)


@given(agencies(["BOL", "PER"], min_size=1, source_ids=["S1"]))
def test_agencies_refer_to_given_ids(drawn):
    """Agencies belong to the given parties and cite only the given sources."""
    assert drawn
    assert len({agency.id for agency in drawn}) == len(drawn)
    for agency in drawn:
        assert agency.party in {"BOL", "PER"}
        assert set(agency.sources) <= {"S1"}


@given(axes(min_size=1, source_ids=["S1", "S2"]), sources(min_size=1))
def test_axes_and_sources(drawn_axes, drawn_sources):
    """Axes and sources have unique ids; axes cite only the given sources."""
    assert len({axis.id for axis in drawn_axes}) == len(drawn_axes) >= 1
    assert all(set(axis.sources) <= {"S1", "S2"} for axis in drawn_axes)
    assert len({source.id for source in drawn_sources}) == len(drawn_sources) >= 1


@given(texts())
def test_texts_are_not_empty(text):
    """Texts are non-empty strings."""
    assert isinstance(text, str)
    assert text


@pytest.mark.parametrize(
    "factory",
    [
        lambda: roadmaps(min_activities=3, max_activities=2),
        lambda: roadmaps(min_parties=1),
        lambda: roadmaps(statuses=[]),
        lambda: roadmaps(min_activities=1, max_axes=0),
        lambda: roadmaps(parties=[Party(id="BOL", name="Bolivia")]),
        lambda: parties(min_size=3, max_size=2),
        lambda: agencies([]),
        lambda: agreements(min_parties=1),
    ],
)
def test_bad_options_are_refused(factory):
    """Impossible options raise ValueError at once, not when drawing."""
    with pytest.raises(ValueError, match=r"parameter|sizes"):
        factory()


def optional_fields(cls):
    """The fields of ``cls`` that have a default: each must sometimes keep it, sometimes not."""
    return [
        field.name
        for field in attrs.fields(cls)
        if field.init and field.default is not attrs.NOTHING
    ]


COVERED = [
    (cls, name)
    for cls in (Roadmap, Agency, Axis, Activity, ReportedFigure, Source)
    for name in optional_fields(cls)
]


@pytest.mark.parametrize(("cls", "name"), COVERED, ids=[f"{c.__name__}.{n}" for c, n in COVERED])
@pytest.mark.parametrize("default", [True, False], ids=["default", "set"])
def test_every_optional_field_varies(sample, cls, name, default):
    """Every field with a default is sometimes left at it and sometimes set (new fields too)."""
    field = attrs.fields_dict(cls)[name]
    value = field.default
    if isinstance(value, attrs.Factory):
        value = value.factory()

    def condition(road):
        return any((getattr(item, name) == value) is default for item in items_of(road, cls))

    assert any(map(condition, sample))


@pytest.mark.parametrize("name", optional_fields(Agreement))
@pytest.mark.parametrize("default", [True, False], ids=["default", "set"])
def test_every_optional_agreement_field_varies(agreement_sample, name, default):
    """Every agreement field with a default is sometimes left at it and sometimes set."""
    value = attrs.fields_dict(Agreement)[name].default
    assert any((getattr(deal, name) == value) is default for deal in agreement_sample)


@pytest.mark.parametrize("status", list(Status))
def test_every_status_is_drawn(sample, status):
    """Each status appears in some roadmap."""
    assert any(a.status is status for road in sample for a in road.activities)


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda r: len(r.parties) >= 3, id="trinational"),
        pytest.param(lambda r: any(a.weight == 0 for a in r.activities), id="zero-weight"),
        pytest.param(lambda r: any(a.progress == 0 for a in r.activities), id="zero-progress"),
        pytest.param(lambda r: any(a.progress == 1 for a in r.activities), id="full-progress"),
        pytest.param(
            lambda r: any(a.start and a.start < r.period.start for a in r.activities),
            id="starts-before-period",
        ),
        pytest.param(
            lambda r: any(a.due and a.due > r.period.end for a in r.activities),
            id="due-after-period",
        ),
        pytest.param(
            lambda r: any(
                a.start and a.due and r.period.start <= a.start <= a.due <= r.period.end
                for a in r.activities
            ),
            id="inside-period",
        ),
        pytest.param(
            lambda r: r.as_of and r.period.start <= r.as_of <= r.period.end, id="as-of-inside"
        ),
        pytest.param(
            lambda r: r.as_of and not r.period.start <= r.as_of <= r.period.end,
            id="as-of-outside",
        ),
        pytest.param(
            lambda r: any(not a.title.isascii() for a in r.activities), id="non-ascii-title"
        ),
        pytest.param(
            lambda r: any(
                r.activities.index(r.activity(d)) > i
                for i, a in enumerate(r.activities)
                for d in a.depends_on
            ),
            id="forward-dependency",
        ),
        pytest.param(
            lambda r: any(len(a.depends_on) >= 2 for a in r.activities), id="many-dependencies"
        ),
        pytest.param(
            lambda r: any(len(r.parties_of_activity(a.id)) >= 2 for a in r.activities),
            id="shared-activity",
        ),
        pytest.param(lambda r: any(f.unit.value == "count" for f in r.reported), id="count"),
        pytest.param(lambda r: any(f.unit.value == "rate" for f in r.reported), id="rate"),
        pytest.param(lambda r: len(r.activities) >= 8, id="largest"),
        pytest.param(lambda r: not r.activities and not r.axes, id="empty"),
    ],
)
def test_roadmaps_cover_cases(sample, condition):
    """Roadmaps of every shape of interest are drawn."""
    assert any(map(condition, sample))


def canonical(road):
    """A roadmap's content with every list, nested ones included, as an order-free set."""

    def flat(items):
        return frozenset(
            attrs.evolve(
                item,
                **{
                    name: tuple(sorted(getattr(item, name), key=str))
                    for name in ("pillars", "responsible", "depends_on", "sources")
                    if hasattr(item, name)
                },
            )
            for item in items
        )

    return {
        kind: flat(getattr(road, kind))
        for kind in ("parties", "agencies", "axes", "activities", "reported", "sources")
    }


@given(shuffled_pairs())
def test_shuffled_pairs_hold_the_same_items(pair):
    """A shuffled copy holds the same items, nested lists included, in any order."""
    road, copy = pair
    assert canonical(copy) == canonical(road)
    assert (copy.id, copy.period, copy.as_of) == (road.id, road.period, road.as_of)


def test_shuffled_pairs_reorder():
    """Shuffling does reorder: some drawn pair has its activities in another order."""
    search(shuffled_pairs(), lambda pair: pair[0].activities != pair[1].activities)


@given(roadmaps(), st.randoms(use_true_random=False))
def test_shuffled_not_nested_keeps_items(road, rng):
    """With ``nested=False`` only the roadmap's own lists move: items are unchanged."""
    copy = shuffled(road, rng, nested=False)
    assert set(copy.activities) == set(road.activities)
    assert set(copy.axes) == set(road.axes)


@given(renamed_pairs())
def test_renamed_pairs_rename_consistently(pair):
    """The renamed copy maps every id one-to-one and every reference follows its target."""
    road, copy = pair
    names = {}
    for kind in ("parties", "agencies", "axes", "activities", "sources"):
        old = [item.id for item in getattr(road, kind)]
        new = [item.id for item in getattr(copy, kind)]
        assert len(set(new)) == len(new)
        names[kind] = dict(zip(old, new, strict=True))
    for before, after in zip(road.activities, copy.activities, strict=True):
        assert after.axis == names["axes"][before.axis]
        assert after.responsible == tuple(names["agencies"][g] for g in before.responsible)
        assert after.depends_on == tuple(names["activities"][d] for d in before.depends_on)
        assert after.lead == (before.lead and names["agencies"][before.lead])
        assert after.title == before.title
    for before, after in zip(road.agencies, copy.agencies, strict=True):
        assert after.party == names["parties"][before.party]


def test_renamed_pairs_change_ids():
    """Renaming does change ids: some drawn pair has other activity ids."""
    search(
        renamed_pairs(roadmaps(min_activities=1)),
        lambda pair: pair[0].activities[0].id != pair[1].activities[0].id,
    )


@given(party_swapped_pairs())
def test_party_swapped_pairs_swap_two_parties(pair):
    """Exactly two party ids trade places; agencies follow their party's new id."""
    road, copy = pair
    changed = [(a.id, b.id) for a, b in zip(road.parties, copy.parties, strict=True) if a != b]
    assert len(changed) == 2
    (first, second), (third, fourth) = changed
    assert (first, second) == (fourth, third)
    swap = {first: second, second: first}
    for before, after in zip(road.agencies, copy.agencies, strict=True):
        assert after.party == swap.get(before.party, before.party)
    assert copy.activities == road.activities


def test_swap_parties_twice_is_identity():
    """Swapping the same two parties twice gives back the roadmap."""
    road = search(roadmaps(), lambda r: len(r.agencies) >= 2)
    first, second = road.parties[0].id, road.parties[1].id
    assert swap_parties(swap_parties(road, first, second), first, second) == road
    with pytest.raises(KeyError):
        swap_parties(road, first, "ZZZ" if first != "ZZZ" and second != "ZZZ" else "ZZY")


@given(roadmaps(), st.randoms(use_true_random=False))
def test_renamed_identity_and_shuffle_are_equal_as_sets(road, rng):
    """Renaming with empty mappings changes nothing; shuffling twice keeps every activity id."""
    assert renamed(road) == road
    twice = shuffled(shuffled(road, rng), rng)
    assert sorted(a.id for a in twice.activities) == sorted(a.id for a in road.activities)


def test_renamed_refuses_colliding_ids():
    """Renaming two activities to one id raises the model's error."""
    from coopframe import InvalidDocumentError

    road = search(roadmaps(), lambda r: len(r.activities) >= 2)
    first, second = (a.id for a in road.activities[:2])
    with pytest.raises(InvalidDocumentError, match="duplicate activity id"):
        renamed(road, activities={first: second})


def test_shuffled_with_same_seed_is_reproducible():
    """The same seed gives the same order."""
    road = search(roadmaps(), lambda r: len(r.activities) >= 4)
    assert shuffled(road, random.Random(7)) == shuffled(road, random.Random(7))


def test_the_package_face_lists_every_strategy():
    """coopframe.testing's sorted __all__ names exactly its public functions, each defined
    inside coopframe.testing."""
    import inspect

    import coopframe.testing as testing

    assert testing.__all__ == sorted(testing.__all__)
    public = {
        name
        for name, value in vars(testing).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert set(testing.__all__) == public
    for name in testing.__all__:
        assert getattr(testing, name).__module__.startswith("coopframe.testing."), name
