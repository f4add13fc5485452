"""The model: frozen value objects, equality by value, lookups."""

import datetime as dt
import pickle

import attrs
import pytest
from hypothesis import given

from coopframe import (
    Activity,
    Agency,
    AgencyKind,
    Agreement,
    Axis,
    InvalidDocumentError,
    Party,
    Period,
    Pillar,
    ReportedFigure,
    Roadmap,
    Source,
    Status,
)
from coopframe.testing import roadmaps, shuffled_pairs


def demo(**changes):
    """A small Bolivia–Peru roadmap; ``changes`` replace its fields."""
    fields = {
        "id": "bol-per",
        "title": "Hoja de Ruta Binacional",
        "parties": [Party(id="BOL", name="Bolivia"), Party(id="PER", name="Perú")],
        "period": Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
        "agencies": [
            Agency(id="pnp", name="Policía Nacional del Perú", party="PER", kind=AgencyKind.POLICE),
            Agency(id="mj", name="Ministerio de Justicia", party="BOL", kind=AgencyKind.JUSTICE),
            Agency(id="mp", name="Ministerio Público", party="PER"),
        ],
        "axes": [
            Axis(id="prev", name="Prevención", pillars=[Pillar.PREVENTION]),
            Axis(id="aten", name="Atención y protección"),
        ],
        "activities": [
            Activity(id="A1", title="Mesas de trabajo", axis="prev", responsible=["pnp", "mj"]),
            Activity(id="A2", title="Campaña", axis="prev", depends_on=["A1"]),
            Activity(
                id="A3",
                title="Equipo de respuesta",
                axis="aten",
                responsible=["pnp"],
                depends_on=["A1"],
            ),
        ],
        "sources": [Source(id="S1", title="Comunicado")],
        "reported": [ReportedFigure(metric="compliance", value=0.92, source="S1")],
    }
    fields.update(changes)
    return Roadmap(**fields)


def test_roadmap_is_frozen():
    """No attribute of a roadmap or its items can be assigned."""
    road = demo()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        road.title = "x"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        road.activities[0].status = Status.COMPLETED


def test_lists_become_tuples():
    """Lists given to the constructors are stored as tuples."""
    road = demo()
    assert isinstance(road.parties, tuple)
    assert isinstance(road.activities, tuple)
    assert isinstance(road.axes[0].pillars, tuple)
    assert road.activities[0].responsible == ("pnp", "mj")


def test_equality_and_hash_by_value():
    """Two roadmaps built from equal data are equal and hash alike; any change makes them differ."""
    assert demo() == demo()
    assert hash(demo()) == hash(demo())
    assert demo() != demo(title="Otra")
    assert len({demo(), demo()}) == 1


@given(roadmaps())
def test_generated_roadmaps_hash_and_rebuild(road):
    """Every valid roadmap hashes, equals its rebuild, and survives pickling."""
    assert attrs.evolve(road) == road
    assert hash(attrs.evolve(road)) == hash(road)
    assert pickle.loads(pickle.dumps(road)) == road


@given(shuffled_pairs(nested=False))
def test_order_is_part_of_equality(pair):
    """Roadmaps are values in document order: a reordered copy equals the original only when
    no list moved."""
    road, copy = pair
    same_order = all(
        getattr(road, kind) == getattr(copy, kind)
        for kind in ("parties", "agencies", "axes", "activities", "reported", "sources")
    )
    assert (road == copy) is same_order


def test_evolve_revalidates():
    """attrs.evolve makes a changed copy and runs the validation again."""
    road = demo()
    later = attrs.evolve(road, as_of=dt.date(2025, 6, 30))
    assert later.as_of == dt.date(2025, 6, 30)
    assert road.as_of is None
    with pytest.raises(InvalidDocumentError):
        attrs.evolve(road, axes=road.axes[:1])


def test_lookups_by_id():
    """party(), agency(), axis(), activity() and source() find items by id; KeyError otherwise."""
    road = demo()
    assert road.party("PER").name == "Perú"
    assert road.agency("pnp").kind is AgencyKind.POLICE
    assert road.axis("aten").name == "Atención y protección"
    assert road.activity("A2").title == "Campaña"
    assert road.source("S1").title == "Comunicado"
    for lookup in (road.party, road.agency, road.axis, road.activity, road.source):
        with pytest.raises(KeyError):
            lookup("nope")


def test_activities_of_axis():
    """activities_of_axis keeps document order and is empty for an unknown axis."""
    road = demo()
    assert [a.id for a in road.activities_of_axis("prev")] == ["A1", "A2"]
    assert [a.id for a in road.activities_of_axis("aten")] == ["A3"]
    assert road.activities_of_axis("nope") == ()


def test_agencies_of_party():
    """agencies_of_party keeps document order and is empty for an unknown party."""
    road = demo()
    assert [g.id for g in road.agencies_of_party("PER")] == ["pnp", "mp"]
    assert [g.id for g in road.agencies_of_party("BOL")] == ["mj"]
    assert road.agencies_of_party("ECU") == ()


def test_activities_of_agency():
    """activities_of_agency lists what an agency is responsible for, in document order."""
    road = demo()
    assert [a.id for a in road.activities_of_agency("pnp")] == ["A1", "A3"]
    assert road.activities_of_agency("mp") == ()


def test_dependents():
    """dependents gives the activities depending directly on one, in document order."""
    road = demo()
    assert [a.id for a in road.dependents("A1")] == ["A2", "A3"]
    assert road.dependents("A3") == ()


def test_parties_of_activity():
    """parties_of_activity is the set of parties of the responsible agencies."""
    road = demo()
    assert road.parties_of_activity("A1") == frozenset({"PER", "BOL"})
    assert road.parties_of_activity("A3") == frozenset({"PER"})
    assert road.parties_of_activity("A2") == frozenset()
    with pytest.raises(KeyError):
        road.parties_of_activity("nope")


def test_reported_figure():
    """reported_figure gives the first figure for a metric, or None."""
    road = demo()
    assert road.reported_figure("compliance").value == 0.92
    assert road.reported_figure("activities") is None


@given(roadmaps())
def test_lookups_agree_with_lists(road):
    """Every lookup agrees with a plain scan of the roadmap's lists."""
    for axis in road.axes:
        assert road.activities_of_axis(axis.id) == tuple(
            a for a in road.activities if a.axis == axis.id
        )
    for party in road.parties:
        assert road.agencies_of_party(party.id) == tuple(
            g for g in road.agencies if g.party == party.id
        )
    for activity in road.activities:
        assert road.activity(activity.id) is activity
        assert road.dependents(activity.id) == tuple(
            a for a in road.activities if activity.id in a.depends_on
        )
        assert road.parties_of_activity(activity.id) == frozenset(
            road.agency(g).party for g in activity.responsible
        )


def test_period_days_counts_both_ends():
    """A period's length in days includes its first and last day."""
    assert Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 1)).days == 1
    assert Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)).days == 730


def test_defaults():
    """Optional fields default to None, empty tuples, unknown status and weight 1."""
    activity = Activity(id="A", title="t", axis="x")
    assert activity.status is Status.UNKNOWN
    assert activity.weight == 1.0
    assert activity.progress is None
    assert activity.responsible == activity.depends_on == activity.sources == ()


def test_agreement_lookup():
    """Agreement.roadmap finds a roadmap by id; KeyError otherwise."""
    deal = Agreement(id="T", title="Acuerdo", parties=demo().parties, roadmaps=[demo()])
    assert deal.roadmap("bol-per") == demo()
    assert isinstance(deal.roadmaps, tuple)
    with pytest.raises(KeyError):
        deal.roadmap("nope")


def test_the_model_has_one_public_path_per_object():
    """coopframe.model lists in its __all__ only what the package face does not re-export; the
    types and enums the face re-exports are the same objects in both places, and
    coopframe.validation is gone."""
    import importlib

    import coopframe as cf
    from coopframe import model

    assert model.__all__ == sorted(model.__all__, key=lambda n: (not n.isupper(), n))
    assert not set(model.__all__) & set(cf.__all__)
    for name in ("Roadmap", "Agreement", "Activity", "Status", "Pillar", "findings"):
        assert getattr(model, name) is getattr(cf, name)
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("coopframe.validation")
