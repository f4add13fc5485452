"""The typed domain model: parties, agencies, axes, activities, roadmaps and agreements.

Every type here is a frozen :mod:`attrs` class: instances compare and hash by value, collections
are tuples, and a change is made with :func:`attrs.evolve`. A :class:`Roadmap` or
:class:`Agreement` that exists is consistent: building one runs every rule in
:mod:`coopframe.validation` and raises :class:`~coopframe.exceptions.InvalidDocumentError` with
all the problems found.

The model knows no file format, no graph and no score.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from coopframe.exceptions import InvalidDocumentError
from coopframe.validation import agreement_problems, roadmap_problems

__all__ = [
    "Activity",
    "ActivityId",
    "Agency",
    "AgencyId",
    "AgencyKind",
    "Agreement",
    "Axis",
    "AxisId",
    "Basis",
    "Counting",
    "FigureUnit",
    "InstrumentKind",
    "Party",
    "PartyId",
    "Period",
    "Pillar",
    "ReportedFigure",
    "Roadmap",
    "Source",
    "SourceId",
    "Status",
]

PartyId: TypeAlias = str
"""An ISO 3166-1 alpha-3 country code such as ``"BOL"`` or ``"PER"``."""
AgencyId: TypeAlias = str
"""The id of an :class:`Agency`, unique within its roadmap."""
AxisId: TypeAlias = str
"""The id of an :class:`Axis`, unique within its roadmap."""
ActivityId: TypeAlias = str
"""The id of an :class:`Activity`, unique within its roadmap."""
SourceId: TypeAlias = str
"""The id of a :class:`Source`, unique within its document."""


class Pillar(enum.Enum):
    """The reference pillars of anti-trafficking policy (the 4P paradigm)."""

    PREVENTION = "prevention"
    PROTECTION = "protection"
    PROSECUTION = "prosecution"
    PARTNERSHIP = "partnership"


class AgencyKind(enum.Enum):
    """What kind of institution an agency is."""

    POLICE = "police"
    PROSECUTION = "prosecution"
    JUDICIARY = "judiciary"
    MIGRATION = "migration"
    FOREIGN_AFFAIRS = "foreign_affairs"
    INTERIOR = "interior"
    JUSTICE = "justice"
    SOCIAL_PROTECTION = "social_protection"
    LABOUR = "labour"
    HEALTH = "health"
    EDUCATION = "education"
    OMBUDSMAN = "ombudsman"
    CIVIL_SOCIETY = "civil_society"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    OTHER = "other"


class Status(enum.Enum):
    """Where an activity stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"


class Basis(enum.Enum):
    """How much a source's facts can be trusted.

    ``reported``: published by a public source. ``reconstructed``: built by coopframe's authors
    from reported facts to fill a gap (plausible, not published). ``assumed``: a working
    assumption with no public backing.
    """

    REPORTED = "reported"
    RECONSTRUCTED = "reconstructed"
    ASSUMED = "assumed"


class InstrumentKind(enum.Enum):
    """The legal form of an agreement."""

    TREATY = "treaty"
    AGREEMENT = "agreement"
    MEMORANDUM = "memorandum"
    DECLARATION = "declaration"
    PROTOCOL = "protocol"
    ACTION_PLAN = "action_plan"
    OTHER = "other"


class Counting(enum.Enum):
    """Counting rules for a compliance rate.

    ``strict``: completed activities only. ``partial``: progress counts pro rata.
    ``lenient``: completed and in-progress activities count (the rule behind Argentina's
    2022–2024 figure of 82.3%).
    """

    STRICT = "strict"
    PARTIAL = "partial"
    LENIENT = "lenient"


class FigureUnit(enum.Enum):
    """The unit of a reported figure: a rate in [0, 1] or a count."""

    RATE = "rate"
    COUNT = "count"


# Converters: any iterable given in code becomes a tuple, so instances hash and compare by value.


def _ids(items: Iterable[str]) -> tuple[str, ...]:
    if isinstance(items, str):
        # A lone id where a list belongs: kept whole so that validation reports it.
        return items  # type: ignore[return-value]
    return tuple(items)


def _pillars(items: Iterable[Pillar]) -> tuple[Pillar, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Source:
    """A public (or not) source of the facts in a document.

    Parameters
    ----------
    id
        Unique within the document.
    title
        The source's title, as published.
    url
        Where it can be read, when online.
    date
        Its publication date.
    basis
        ``reported`` for a public source; ``reconstructed`` or ``assumed`` for elements built
        to fill a gap. Elements citing a reconstructed source are themselves reconstructed.
    publisher
        Who published it.
    note
        What the source supports, or how a reconstruction was made.
    """

    id: SourceId
    title: str
    url: str | None = None
    date: dt.date | None = None
    basis: Basis = Basis.REPORTED
    publisher: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Party:
    """A state party to an agreement or roadmap.

    Parameters
    ----------
    id
        ISO 3166-1 alpha-3 code (three capital letters): ``"BOL"``, ``"PER"``.
    name
        The state's name, in any language: ``"Perú"``.
    """

    id: PartyId
    name: str


@attrs.frozen(kw_only=True)
class Agency:
    """An institution that carries activities on behalf of a party.

    Parameters
    ----------
    id
        Unique within the roadmap.
    name
        Full name: ``"Policía Nacional del Perú"``.
    party
        Id of the :class:`Party` it belongs to.
    kind
        What kind of institution it is.
    acronym
        Short name: ``"PNP"``.
    sources
        Ids of the sources that name it.
    """

    id: AgencyId
    name: str
    party: PartyId
    kind: AgencyKind = AgencyKind.OTHER
    acronym: str | None = None
    sources: tuple[SourceId, ...] = attrs.field(default=(), converter=_ids)


@attrs.frozen(kw_only=True)
class Axis:
    """A strategic axis (eje estratégico) grouping activities.

    Parameters
    ----------
    id
        Unique within the roadmap.
    name
        ``"Atención y protección"``.
    pillars
        The reference pillars the axis serves.
    description
        What the axis covers.
    sources
        Ids of the sources that name it.
    """

    id: AxisId
    name: str
    pillars: tuple[Pillar, ...] = attrs.field(default=(), converter=_pillars)
    description: str | None = None
    sources: tuple[SourceId, ...] = attrs.field(default=(), converter=_ids)


@attrs.frozen(kw_only=True)
class Activity:
    """One commitment of a roadmap.

    Parameters
    ----------
    id
        Unique within the roadmap.
    title
        What is to be done.
    axis
        Id of the :class:`Axis` it belongs to.
    responsible
        Ids of the agencies responsible for it.
    lead
        Id of the lead agency, one of ``responsible``.
    depends_on
        Ids of the activities that must be done first.
    start, due
        Planned start and due dates.
    indicator, target, verification
        How progress is measured, the value to reach, and the means of verification.
    status
        Where it stands as of the roadmap's ``as_of`` date.
    progress
        Share done, in [0, 1], when known.
    weight
        Relative weight in weighted scores, >= 0 (default 1).
    description
        Longer text.
    sources
        Ids of the sources that support it.
    """

    id: ActivityId
    title: str
    axis: AxisId
    responsible: tuple[AgencyId, ...] = attrs.field(default=(), converter=_ids)
    lead: AgencyId | None = None
    depends_on: tuple[ActivityId, ...] = attrs.field(default=(), converter=_ids)
    start: dt.date | None = None
    due: dt.date | None = None
    indicator: str | None = None
    target: str | None = None
    verification: str | None = None
    status: Status = Status.UNKNOWN
    progress: float | None = None
    weight: float = 1.0
    description: str | None = None
    sources: tuple[SourceId, ...] = attrs.field(default=(), converter=_ids)


@attrs.frozen(kw_only=True)
class Period:
    """A closed date interval: the time a roadmap covers."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        """Length in days, both ends included."""
        return (self.end - self.start).days + 1


@attrs.frozen(kw_only=True)
class ReportedFigure:
    """A figure the parties or a source reported about a roadmap.

    Parameters
    ----------
    metric
        What was measured: ``"compliance"``, ``"activities"``.
    value
        The figure; a rate in [0, 1] when ``unit`` is ``rate``.
    unit
        ``rate`` (default) or ``count``.
    source
        Id of the source that reports it.
    counting
        The counting rule behind a compliance rate, when known.
    as_of
        The date the figure refers to.
    note
        Context, such as the exact wording of the source.
    """

    metric: str
    value: float
    source: SourceId
    unit: FigureUnit = FigureUnit.RATE
    counting: Counting | None = None
    as_of: dt.date | None = None
    note: str | None = None


def _parties(items: Iterable[Party]) -> tuple[Party, ...]:
    return tuple(items)


def _agencies(items: Iterable[Agency]) -> tuple[Agency, ...]:
    return tuple(items)


def _axes(items: Iterable[Axis]) -> tuple[Axis, ...]:
    return tuple(items)


def _activities(items: Iterable[Activity]) -> tuple[Activity, ...]:
    return tuple(items)


def _figures(items: Iterable[ReportedFigure]) -> tuple[ReportedFigure, ...]:
    return tuple(items)


def _sources(items: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Roadmap:
    """A time-boxed roadmap (hoja de ruta) of two or more parties.

    Building one checks every cross-object rule (see :mod:`coopframe.validation`) and raises
    :class:`~coopframe.exceptions.InvalidDocumentError` listing all problems found.

    Parameters
    ----------
    id, title
        Identity and title.
    parties
        Two or more parties.
    period
        The dates the roadmap covers.
    signed_on, signed_at
        Signing date and place.
    as_of
        The date the activities' statuses refer to.
    agencies, axes, activities
        The roadmap's content.
    reported
        Figures reported about it (e.g. compliance 0.92).
    sources
        Every source cited in the document.
    description
        Longer text.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     axes=(cf.Axis(id="prev", name="Prevención"),),
    ...     activities=(cf.Activity(id="A1", title="Campaign", axis="prev"),),
    ... )
    >>> road.activity("A1").title
    'Campaign'
    """

    id: str
    title: str
    parties: tuple[Party, ...] = attrs.field(converter=_parties)
    period: Period
    signed_on: dt.date | None = None
    signed_at: str | None = None
    as_of: dt.date | None = None
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_agencies)
    axes: tuple[Axis, ...] = attrs.field(default=(), converter=_axes)
    activities: tuple[Activity, ...] = attrs.field(default=(), converter=_activities)
    reported: tuple[ReportedFigure, ...] = attrs.field(default=(), converter=_figures)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    description: str | None = None

    _index: _RoadmapIndex = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index = _RoadmapIndex(self)
        problems = roadmap_problems(self, index)
        if problems:
            raise InvalidDocumentError(problems)
        object.__setattr__(self, "_index", index)

    # Lookups: dictionaries built once, when the roadmap is built.

    def party(self, party_id: str) -> Party:
        """The party with this id; ``KeyError`` if there is none."""
        return self._index.parties[party_id]

    def agency(self, agency_id: str) -> Agency:
        """The agency with this id; ``KeyError`` if there is none."""
        return self._index.agencies[agency_id]

    def axis(self, axis_id: str) -> Axis:
        """The axis with this id; ``KeyError`` if there is none."""
        return self._index.axes[axis_id]

    def activity(self, activity_id: str) -> Activity:
        """The activity with this id; ``KeyError`` if there is none."""
        return self._index.activities[activity_id]

    def source(self, source_id: str) -> Source:
        """The source with this id; ``KeyError`` if there is none."""
        return self._index.sources[source_id]

    def activities_of_axis(self, axis_id: str) -> tuple[Activity, ...]:
        """The activities of an axis, in document order (empty for an unknown axis)."""
        return self._index.by_axis.get(axis_id, ())

    def agencies_of_party(self, party_id: str) -> tuple[Agency, ...]:
        """The agencies of a party, in document order (empty for an unknown party)."""
        return self._index.by_party.get(party_id, ())

    def activities_of_agency(self, agency_id: str) -> tuple[Activity, ...]:
        """The activities an agency is responsible for, in document order."""
        return self._index.by_agency.get(agency_id, ())

    def dependents(self, activity_id: str) -> tuple[Activity, ...]:
        """The activities that depend directly on this one, in document order."""
        return self._index.dependents.get(activity_id, ())

    def parties_of_activity(self, activity_id: str) -> frozenset[PartyId]:
        """The parties whose agencies are responsible for an activity."""
        agencies = self._index.agencies
        return frozenset(agencies[a].party for a in self.activity(activity_id).responsible)

    def reported_figure(self, metric: str) -> ReportedFigure | None:
        """The first reported figure for ``metric``, or ``None``."""
        return next((f for f in self.reported if f.metric == metric), None)


class _RoadmapIndex:
    """Lookups over a roadmap's contents: the maps by id at once, the groupings when first used."""

    def __init__(self, roadmap: Roadmap) -> None:
        self._activities = roadmap.activities
        self._agencies = roadmap.agencies
        # First occurrence wins; duplicates are reported by validation.
        self.parties: Mapping[str, Party] = _first_by_id(roadmap.parties)
        self.agencies: Mapping[str, Agency] = _first_by_id(roadmap.agencies)
        self.axes: Mapping[str, Axis] = _first_by_id(roadmap.axes)
        self.activities: Mapping[str, Activity] = _first_by_id(roadmap.activities)
        self.sources: Mapping[str, Source] = _first_by_id(roadmap.sources)

    @functools.cached_property
    def by_axis(self) -> Mapping[str, tuple[Activity, ...]]:
        groups: dict[str, list[Activity]] = {}
        for activity in self._activities:
            groups.setdefault(activity.axis, []).append(activity)
        return _freeze(groups)

    @functools.cached_property
    def by_agency(self) -> Mapping[str, tuple[Activity, ...]]:
        groups: dict[str, list[Activity]] = {}
        for activity in self._activities:
            for agency_id in dict.fromkeys(activity.responsible):
                groups.setdefault(agency_id, []).append(activity)
        return _freeze(groups)

    @functools.cached_property
    def dependents(self) -> Mapping[str, tuple[Activity, ...]]:
        groups: dict[str, list[Activity]] = {}
        for activity in self._activities:
            for prerequisite in dict.fromkeys(activity.depends_on):
                groups.setdefault(prerequisite, []).append(activity)
        return _freeze(groups)

    @functools.cached_property
    def by_party(self) -> Mapping[str, tuple[Agency, ...]]:
        groups: dict[str, list[Agency]] = {}
        for agency in self._agencies:
            groups.setdefault(agency.party, []).append(agency)
        return _freeze(groups)


def _first_by_id(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in reversed(items)}


def _freeze(groups: dict[str, list[Any]]) -> dict[str, tuple[Any, ...]]:
    return {key: tuple(values) for key, values in groups.items()}


def _roadmaps(items: Iterable[Roadmap]) -> tuple[Roadmap, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Agreement:
    """A bilateral or multilateral agreement and the roadmaps that carry it out.

    Parameters
    ----------
    id, title
        Identity and title.
    parties
        Two or more parties.
    instrument
        Its legal form.
    signed_on, signed_at
        Signing date and place.
    roadmaps
        Its roadmaps, in chronological order.
    sources
        Sources for the agreement itself.
    description
        Longer text.
    """

    id: str
    title: str
    parties: tuple[Party, ...] = attrs.field(converter=_parties)
    instrument: InstrumentKind = InstrumentKind.OTHER
    signed_on: dt.date | None = None
    signed_at: str | None = None
    roadmaps: tuple[Roadmap, ...] = attrs.field(default=(), converter=_roadmaps)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    description: str | None = None

    def __attrs_post_init__(self) -> None:
        problems = agreement_problems(self)
        if problems:
            raise InvalidDocumentError(problems)

    def roadmap(self, roadmap_id: str) -> Roadmap:
        """The roadmap with this id; ``KeyError`` if there is none."""
        for roadmap in self.roadmaps:
            if roadmap.id == roadmap_id:
                return roadmap
        raise KeyError(roadmap_id)
