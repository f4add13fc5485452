"""Tests for the bundled datasets (coopframe.datasets) and the facts they must hold."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from coopframe import datasets, findings, io
from coopframe.exceptions import UnknownNameError
from coopframe.model import (
    Activity,
    AgencyKind,
    Agreement,
    Basis,
    Counting,
    FigureUnit,
    Pillar,
    Roadmap,
    Status,
)

ROADMAPS = ["bolivia-peru-2021-2022", "bolivia-peru-2025-2026"]
ALL = [*ROADMAPS, "bolivia-peru-framework"]
EJU = "https://eju.tv/?p=4596932"


def _roadmap(name: str) -> Roadmap:
    document = datasets.load(name)
    assert isinstance(document, Roadmap)
    return document


def _bases(roadmap: Roadmap, activity: Activity) -> set[Basis]:
    return {roadmap.source(source_id).basis for source_id in activity.sources}


def _named(roadmap: Roadmap, words: str) -> Activity:
    matches = [a for a in roadmap.activities if words in a.title.lower()]
    assert len(matches) == 1, f"expected one activity titled with {words!r}, got {matches}"
    return matches[0]


# Loading and naming


def test_names_are_sorted_and_complete() -> None:
    """names() lists every bundled dataset, sorted."""
    assert datasets.names() == sorted(ALL)


@pytest.mark.parametrize("name", ALL)
def test_every_dataset_loads(name: str) -> None:
    """Every dataset loads through coopframe.io from its package file, to a valid document."""
    document = datasets.load(name)
    assert isinstance(document, Roadmap | Agreement)
    assert document.id == name
    assert document == io.load(datasets.path(name))


@pytest.mark.parametrize("name", ALL)
def test_path_is_a_commented_utf8_yaml_file(name: str) -> None:
    """path() gives the YAML file, which opens with a comment header and keeps its accents."""
    file = datasets.path(name)
    assert file.is_file()
    assert file.name == f"{name}.yaml"
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "Reported" in text
    assert "Perú" in text


@pytest.mark.parametrize("name", ALL)
def test_every_dataset_round_trips(name: str) -> None:
    """Every dataset survives a YAML and a JSON round trip unchanged."""
    document = datasets.load(name)
    for fmt in ("yaml", "json"):
        assert io.loads(io.dumps(document, format=fmt), format=fmt) == document


@pytest.mark.parametrize(
    ("function", "unknown"),
    [
        (datasets.load, "bolivia-peru-1999"),
        (datasets.path, "bolivia-peru-1999"),
        (datasets.sources, "bolivia-peru-1999"),
        (datasets.load, "../bolivia-peru-2025-2026"),
        (datasets.load, "bolivia-peru-2025-2026.yaml"),
    ],
)
def test_unknown_name_is_an_error_listing_known_names(function: Any, unknown: str) -> None:
    """An unknown dataset name raises UnknownNameError (a KeyError) whose message names it and
    then every known dataset, sorted; a path or a file name is not a dataset name."""
    with pytest.raises(UnknownNameError) as info:
        function(unknown)
    assert isinstance(info.value, KeyError)
    assert str(info.value) == (
        f"unknown dataset {unknown!r}; known datasets: "
        "bolivia-peru-2021-2022, bolivia-peru-2025-2026, bolivia-peru-framework"
    )


def test_each_lookup_answers_a_known_name() -> None:
    """The three lookups that refuse an unknown name answer a known one with its own value."""
    assert datasets.path("bolivia-peru-2025-2026").name == "bolivia-peru-2025-2026.yaml"
    assert datasets.load("bolivia-peru-2025-2026").id == "bolivia-peru-2025-2026"
    assert "cancilleria-bo-2025" in {s.id for s in datasets.sources("bolivia-peru-2025-2026")}


# Sources and provenance


@pytest.mark.parametrize("name", ALL)
def test_every_source_has_title_and_basis(name: str) -> None:
    """Every source has a title and a basis; reported ones say where and by whom, the others
    say how they were made."""
    found = datasets.sources(name)
    assert found
    for source in found:
        assert source.title.strip()
        assert isinstance(source.basis, Basis)
        if source.basis is Basis.REPORTED:
            assert source.url is not None
            assert source.url.startswith("https://")
            assert source.publisher
        else:
            assert source.note
            assert source.url is None


@pytest.mark.parametrize("name", ALL)
def test_a_source_id_means_one_source(name: str) -> None:
    """Within a dataset, a source id always stands for the same source (same title, note...)."""
    ids = [source.id for source in datasets.sources(name)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", ROADMAPS)
def test_every_activity_cites_its_basis(name: str) -> None:
    """Every activity cites a source; one citing only reconstructed sources says it is
    reconstructed, one citing reported and reconstructed sources says which part is which."""
    roadmap = _roadmap(name)
    for activity in roadmap.activities:
        bases = _bases(roadmap, activity)
        assert bases, activity.id
        assert activity.description is not None, activity.id
        if Basis.REPORTED not in bases:
            assert bases <= {Basis.RECONSTRUCTED, Basis.ASSUMED}
            assert activity.description.startswith("Reconstructed"), activity.id
        elif len(bases) > 1:
            assert activity.description.startswith("Partly reconstructed"), activity.id
            assert "Reported:" in activity.description, activity.id
            assert "Reconstructed:" in activity.description, activity.id


@pytest.mark.parametrize("name", ROADMAPS)
def test_reported_figures_cite_reported_sources(name: str) -> None:
    """A reported figure is backed by a reported source, never by a reconstruction."""
    roadmap = _roadmap(name)
    assert roadmap.reported
    for figure in roadmap.reported:
        assert roadmap.source(figure.source).basis is Basis.REPORTED


@pytest.mark.parametrize("name", ROADMAPS)
def test_roadmaps_have_no_soft_findings(name: str) -> None:
    """Every activity lies inside the period, every axis has activities and every agency
    carries at least one."""
    assert findings(_roadmap(name)) == ()


# Hoja de Ruta 2025–2026


def test_2025_has_11_activities_in_the_4_reported_axes() -> None:
    """The 2025–2026 roadmap has 11 activities in the 4 reported axes, of both parties."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    assert len(roadmap.activities) == 11
    assert [axis.name for axis in roadmap.axes] == [
        "Planificación y monitoreo",
        "Prevención",
        "Atención y protección",
        "Investigación y sanción",
    ]
    assert all(roadmap.activities_of_axis(axis.id) for axis in roadmap.axes)
    assert [party.id for party in roadmap.parties] == ["BOL", "PER"]
    assert roadmap.party("PER").name == "Perú"
    figure = roadmap.reported_figure("activities")
    assert figure is not None
    assert figure.unit is FigureUnit.COUNT
    assert figure.value == len(roadmap.activities)


def test_2025_is_as_of_signing() -> None:
    """Signed on 2025-04-24 at the CEBAF; statuses are as of signing, nothing started."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    assert roadmap.signed_on == dt.date(2025, 4, 24)
    assert roadmap.as_of == roadmap.signed_on
    assert roadmap.signed_at is not None
    assert "CEBAF" in roadmap.signed_at
    assert {activity.status for activity in roadmap.activities} == {Status.NOT_STARTED}
    for activity in roadmap.activities:
        assert activity.start is not None
        assert activity.due is not None
        assert roadmap.signed_on <= activity.start <= activity.due <= roadmap.period.end


@pytest.mark.parametrize(
    "words",
    [
        "respuesta inmediata",
        "alerta temprana en las fronteras",
        "mesas de trabajo entre policías, fiscales y autoridades",
        "campaña binacional anual de prevención",
    ],
)
def test_2025_named_actions_cite_the_reported_sources(words: str) -> None:
    """Each of the four actions named in public sources cites the reported sources, and is
    partly reconstructed only through its details (dates, agencies, dependencies)."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    activity = _named(roadmap, words)
    reported = {s for s in activity.sources if roadmap.source(s).basis is Basis.REPORTED}
    assert {"cancilleria-bo-2025", "guik-2025"} <= reported
    assert roadmap.source("cancilleria-bo-2025").url == EJU


def test_2025_other_seven_activities_are_reconstructed() -> None:
    """Exactly seven activities cite no reported source, and each cites a reconstruction."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    reconstructed = [a for a in roadmap.activities if Basis.REPORTED not in _bases(roadmap, a)]
    assert len(reconstructed) == 7
    for activity in reconstructed:
        assert Basis.RECONSTRUCTED in _bases(roadmap, activity)


def test_2025_dates_are_marked_reconstructed() -> None:
    """No public source gives the activities' dates, so every dated activity cites a
    reconstruction."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    for activity in roadmap.activities:
        if activity.start is not None or activity.due is not None:
            assert Basis.RECONSTRUCTED in _bases(roadmap, activity), activity.id


def test_2025_agencies_of_both_parties() -> None:
    """Both foreign ministries, Peru's interior and Bolivia's justice ministry, and the police,
    prosecutors and migration authorities of both parties are responsible agencies."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    kinds = {(agency.party, agency.kind) for agency in roadmap.agencies}
    for party in ("BOL", "PER"):
        for kind in (
            AgencyKind.FOREIGN_AFFAIRS,
            AgencyKind.POLICE,
            AgencyKind.PROSECUTION,
            AgencyKind.MIGRATION,
        ):
            assert (party, kind) in kinds
    assert ("PER", AgencyKind.INTERIOR) in kinds
    assert ("BOL", AgencyKind.JUSTICE) in kinds
    names = {agency.name for agency in roadmap.agencies}
    assert "Ministerio de Justicia y Transparencia Institucional" in names
    assert "Policía Nacional del Perú" in names


def test_2025_working_tables_join_police_prosecution_migration_across_the_border() -> None:
    """The working tables hold the police, prosecutors and migration authorities of both
    parties, so the agency network joins them across the border."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    tables = _named(roadmap, "mesas de trabajo")
    held = {(roadmap.agency(a).party, roadmap.agency(a).kind) for a in tables.responsible}
    assert held == {
        (party, kind)
        for party in ("BOL", "PER")
        for kind in (AgencyKind.POLICE, AgencyKind.PROSECUTION, AgencyKind.MIGRATION)
    }
    assert roadmap.parties_of_activity(tables.id) == {"BOL", "PER"}


def test_2025_dependencies() -> None:
    """The early warning mechanism follows a diagnosis, and police operations follow the
    intelligence exchange (the order of the 2016 Puno roadmap)."""
    roadmap = _roadmap("bolivia-peru-2025-2026")
    warning = _named(roadmap, "alerta temprana en las fronteras")
    assert [roadmap.activity(a).title.split()[0] for a in warning.depends_on] == ["Diagnóstico"]
    operations = _named(roadmap, "operativos")
    assert [roadmap.activity(a).title.split()[0] for a in operations.depends_on] == ["Intercambio"]
    for activity in roadmap.activities:
        for prerequisite in activity.depends_on:
            before = roadmap.activity(prerequisite)
            assert before.due is not None
            assert activity.start is not None
            assert before.due < activity.start, (activity.id, prerequisite)


@pytest.mark.parametrize("name", ROADMAPS)
def test_axes_carry_pillars(name: str) -> None:
    """Every axis carries a pillar, and together they cover the 4P paradigm."""
    roadmap = _roadmap(name)
    assert all(axis.pillars for axis in roadmap.axes)
    assert {pillar for axis in roadmap.axes for pillar in axis.pillars} == set(Pillar)


# Hoja de Ruta 2021–2022


def test_2021_strict_completed_share_matches_the_reported_figure() -> None:
    """The strict completed share rounds to 0.92 and equals the reported figure at two
    decimals; the figure is a strict rate cited to the reported source."""
    roadmap = _roadmap("bolivia-peru-2021-2022")
    done = sum(activity.status is Status.COMPLETED for activity in roadmap.activities)
    share = done / len(roadmap.activities)
    figure = roadmap.reported_figure("compliance")
    assert figure is not None
    assert figure.value == 0.92
    assert round(share, 2) == figure.value
    assert figure.unit is FigureUnit.RATE
    assert figure.counting is Counting.STRICT
    source = roadmap.source(figure.source)
    assert source.basis is Basis.REPORTED
    assert source.url == EJU
    assert source.date == dt.date(2025, 4, 24)


def test_2021_activity_list_is_reconstructed() -> None:
    """The activity list is not public: every activity cites the reconstruction, and only the
    monitoring meeting also cites a reported source."""
    roadmap = _roadmap("bolivia-peru-2021-2022")
    partly_reported = []
    for activity in roadmap.activities:
        bases = _bases(roadmap, activity)
        assert Basis.RECONSTRUCTED in bases, activity.id
        if Basis.REPORTED in bases:
            partly_reported.append(activity.id)
    assert len(partly_reported) == 1
    meeting = roadmap.activity(partly_reported[0])
    assert meeting.start == dt.date(2022, 11, 3)
    assert meeting.due == dt.date(2022, 11, 4)
    reported = [
        roadmap.source(s) for s in meeting.sources if roadmap.source(s).basis is Basis.REPORTED
    ]
    assert [source.id for source in reported] == ["oim-bolivia-2022"]
    assert str(reported[0].url).startswith("https://bolivia.iom.int/")


def test_2021_status_date_and_period() -> None:
    """Statuses are as of the end of the 2021–2022 period, after the November 2022 meeting."""
    roadmap = _roadmap("bolivia-peru-2021-2022")
    assert roadmap.period.start == dt.date(2021, 1, 1)
    assert roadmap.period.end == dt.date(2022, 12, 31)
    assert roadmap.as_of == roadmap.period.end


# The agreement


def test_framework_holds_both_roadmaps_in_order() -> None:
    """The agreement holds the 2021–2022 and the 2025–2026 roadmaps, in that order, equal to the
    standalone datasets."""
    agreement = datasets.load("bolivia-peru-framework")
    assert isinstance(agreement, Agreement)
    assert [party.id for party in agreement.parties] == ["BOL", "PER"]
    assert agreement.roadmaps == tuple(_roadmap(name) for name in ROADMAPS)
    starts = [roadmap.period.start for roadmap in agreement.roadmaps]
    assert starts == sorted(starts)


def test_sources_of_the_framework_cover_its_roadmaps() -> None:
    """sources() of the agreement lists its own sources and every roadmap's, once each."""
    found = datasets.sources("bolivia-peru-framework")
    ids = {source.id for source in found}
    for name in ROADMAPS:
        assert {source.id for source in datasets.sources(name)} <= ids
    assert "oim-bolivia-2022" in ids
