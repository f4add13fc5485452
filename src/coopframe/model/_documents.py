"""The documents: a :class:`Roadmap` and an :class:`Agreement`, valid by construction.

Building one runs the hard rules of ``_rules``. The rules are handed to this module through
:func:`install_rules` (``coopframe.model`` does it once, when it is imported), so that the rules
can be typed against these classes without the two modules importing each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import attrs

from coopframe.exceptions import InvalidDocumentError, Problem
from coopframe.model._enums import InstrumentKind
from coopframe.model._index import RoadmapIndex
from coopframe.model._types import (
    Activity,
    Agency,
    Axis,
    Party,
    PartyId,
    Period,
    ReportedFigure,
    Source,
)

RoadmapRules = Callable[["Roadmap", RoadmapIndex], list[Problem]]
"""Every broken hard rule of a roadmap, given its lookups."""
AgreementRules = Callable[["Agreement"], list[Problem]]
"""Every broken hard rule of an agreement."""


def _not_installed(*_: object) -> list[Problem]:
    raise RuntimeError("the rules of coopframe.model are not installed")


@attrs.define
class _Rules:
    roadmap: RoadmapRules = _not_installed
    agreement: AgreementRules = _not_installed


_RULES = _Rules()


def install_rules(*, roadmap: RoadmapRules, agreement: AgreementRules) -> None:
    """Set the hard rules that every roadmap and agreement runs when built."""
    _RULES.roadmap = roadmap
    _RULES.agreement = agreement


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

    Building one checks every cross-object rule (see :mod:`coopframe.model`) and raises
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

    _index: RoadmapIndex = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index = RoadmapIndex(
            parties=self.parties,
            agencies=self.agencies,
            axes=self.axes,
            activities=self.activities,
            sources=self.sources,
        )
        problems = _RULES.roadmap(self, index)
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
        problems = _RULES.agreement(self)
        if problems:
            raise InvalidDocumentError(problems)

    def roadmap(self, roadmap_id: str) -> Roadmap:
        """The roadmap with this id; ``KeyError`` if there is none."""
        for roadmap in self.roadmaps:
            if roadmap.id == roadmap_id:
                return roadmap
        raise KeyError(roadmap_id)
