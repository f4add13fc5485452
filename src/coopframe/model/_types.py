"""The value types a document is made of: sources, parties, agencies, axes, activities, periods
and reported figures (the roadmap and the agreement that hold them are in ``_documents``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeAlias

import attrs

from coopframe.model._enums import AgencyKind, Basis, Counting, FigureUnit, Pillar, Status

PartyId: TypeAlias = str
"""An ISO 3166-1 alpha-3 country code such as ``"BOL"`` or ``"PER"``."""
AgencyId: TypeAlias = str
"""The id of an :class:`~coopframe.model.Agency`, unique within its roadmap."""
AxisId: TypeAlias = str
"""The id of an :class:`~coopframe.model.Axis`, unique within its roadmap."""
ActivityId: TypeAlias = str
"""The id of an :class:`~coopframe.model.Activity`, unique within its roadmap."""
SourceId: TypeAlias = str
"""The id of a :class:`~coopframe.model.Source`, unique within its document."""


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
