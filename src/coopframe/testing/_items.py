"""The items of a roadmap, drawn as drafts that resolve their references once the ids before
them are known: agencies, axes, activities, periods and reported figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from coopframe.model import (
    MAX_DATE,
    Activity,
    ActivityId,
    Agency,
    AgencyId,
    Axis,
    AxisId,
    FigureUnit,
    PartyId,
    Period,
    ReportedFigure,
    SourceId,
    Status,
)
from coopframe.testing._base import (
    _ACRONYM,
    _AGENCY_KIND,
    _BOOL,
    _CITATIONS,
    _COUNT,
    _COUNTING,
    _DATE,
    _DEPENDENCIES,
    _LENGTH,
    _METRIC,
    _OPTIONAL_DATE,
    _OPTIONAL_PICK,
    _OPTIONAL_TEXT,
    _PICK,
    _PILLARS,
    _PLACE,
    _PROGRESS,
    _RATE,
    _RESPONSIBLE,
    _T,
    _TEXT,
    _TWO_DATES,
    _TWO_PICKS,
    _UNIT,
    _WEIGHT,
    _check_sizes,
    _ids,
    _pick,
    _picks,
    _tuples,
)


@attrs.frozen
class _Known:
    """The ids an item may refer to, known once the items before it are drawn."""

    parties: tuple[PartyId, ...] = ()
    sources: tuple[SourceId, ...] = ()
    agencies: tuple[AgencyId, ...] = ()
    axes: tuple[AxisId, ...] = ()


# A draft is an item's id and a function building the item once the ids it may refer to are known.
_Draft = tuple[str, Callable[[_Known], _T]]


@st.composite
def _agency_drafts(draw: DrawFn, ids: SearchStrategy[str]) -> _Draft[Agency]:
    agency_id = AgencyId(draw(ids))
    name = draw(_TEXT)
    party = draw(_PICK)
    kind = draw(_AGENCY_KIND)
    acronym = draw(_ACRONYM)
    cited = draw(_CITATIONS)

    def build(known: _Known) -> Agency:
        return Agency(
            id=agency_id,
            name=name,
            party=_pick(known.parties, party),
            kind=kind,
            acronym=acronym,
            sources=_picks(known.sources, cited),
        )

    return agency_id, build


def agencies(
    party_ids: Sequence[str],
    *,
    min_size: int = 0,
    max_size: int = 6,
    source_ids: Sequence[str] = (),
) -> SearchStrategy[tuple[Agency, ...]]:
    """Responsible agencies of the given parties: unique ids ``G1``, ``G2``, every kind.

    Parameters
    ----------
    party_ids
        The ids of the parties the agencies may belong to (at least one).
    min_size, max_size
        How many agencies.
    source_ids
        Ids of sources the agencies may cite.

    Returns
    -------
    SearchStrategy of tuple of Agency
        Agencies whose acronym and cited sources are sometimes absent.

    Examples
    --------
    >>> from hypothesis import find
    >>> found = find(agencies(["BOL", "PER"], min_size=1), lambda gs: gs[0].party == "PER")
    >>> found[0].id, found[0].party
    ('G1', 'PER')
    """
    if not party_ids:
        raise ValueError("The 'party_ids' parameter of agencies must not be empty. Got [].")
    _check_sizes("agencies", min_size, max_size)
    known = _Known(parties=tuple(map(PartyId, party_ids)), sources=tuple(map(SourceId, source_ids)))
    drafts = _tuples(_agency_drafts(_ids("G", max_size)), _draft_id, min_size, max_size)
    return drafts.map(lambda items: tuple(build(known) for _, build in items))


def _draft_id(draft: tuple[object, ...]) -> object:
    return draft[0]


@st.composite
def _axis_drafts(draw: DrawFn, ids: SearchStrategy[str]) -> _Draft[Axis]:
    axis_id = AxisId(draw(ids))
    name = draw(_TEXT)
    pillars = draw(_PILLARS)
    description = draw(_OPTIONAL_TEXT)
    cited = draw(_CITATIONS)

    def build(known: _Known) -> Axis:
        return Axis(
            id=axis_id,
            name=name,
            pillars=pillars,
            description=description,
            sources=_picks(known.sources, cited),
        )

    return axis_id, build


def axes(
    *, min_size: int = 0, max_size: int = 4, source_ids: Sequence[str] = ()
) -> SearchStrategy[tuple[Axis, ...]]:
    """Strategic axes: unique ids ``X1``, ``X2``, zero to two pillars, optional description.

    Parameters
    ----------
    min_size, max_size
        How many axes.
    source_ids
        Ids of sources the axes may cite.

    Returns
    -------
    SearchStrategy of tuple of Axis
        Axes whose description and cited sources are sometimes absent.
    """
    _check_sizes("axes", min_size, max_size)
    known = _Known(sources=tuple(map(SourceId, source_ids)))
    drafts = _tuples(_axis_drafts(_ids("X", max_size)), _draft_id, min_size, max_size)
    return drafts.map(lambda items: tuple(build(known) for _, build in items))


def _within(period: Period, offset: int) -> dt.date:
    return period.start + dt.timedelta(days=offset % period.days)


_BuildActivity = Callable[[_Known, Period, tuple[ActivityId, ...]], Activity]


@st.composite
def _activity_drafts(
    draw: DrawFn, ids: SearchStrategy[str], statuses: SearchStrategy[Status]
) -> tuple[str, int, _BuildActivity]:
    """An activity's id, its place in the document, and a builder.

    The builder takes the known ids, the period, and the ids of the activities drawn before
    this one (the only ones it may depend on).
    """
    activity_id = ActivityId(draw(ids))
    place = draw(_PLACE)
    dependencies = draw(_DEPENDENCIES)
    title = draw(_TEXT)
    axis = draw(_PICK)
    responsible = draw(_RESPONSIBLE)
    lead = draw(_OPTIONAL_PICK)
    # Dates inside the period (as offsets), or anywhere; start and due each sometimes absent.
    inside = draw(_BOOL)
    offsets = draw(_TWO_PICKS) if inside else []
    anywhere = [] if inside else draw(_TWO_DATES)
    has_start, has_due = draw(_BOOL), draw(_BOOL)
    indicator, target, verification, description = (draw(_OPTIONAL_TEXT) for _ in range(4))
    status = draw(statuses)
    progress = draw(_PROGRESS)
    weight = draw(_WEIGHT)
    cited = draw(_CITATIONS)

    def build(known: _Known, period: Period, earlier: tuple[ActivityId, ...]) -> Activity:
        ends = [_within(period, offset) for offset in offsets] if inside else anywhere
        first, second = sorted(ends)
        agencies = _picks(known.agencies, responsible)
        return Activity(
            id=activity_id,
            title=title,
            axis=_pick(known.axes, axis),
            responsible=agencies,
            lead=_pick(agencies, lead) if agencies and lead is not None else None,
            # Only activities drawn earlier: the dependencies cannot form a cycle.
            depends_on=_picks(earlier, dependencies),
            start=first if has_start else None,
            due=second if has_due else None,
            indicator=indicator,
            target=target,
            verification=verification,
            status=status,
            progress=progress,
            weight=weight,
            description=description,
            sources=_picks(known.sources, cited),
        )

    return activity_id, place, build


@st.composite
def _periods(draw: DrawFn) -> Period:
    start = draw(_DATE)
    room = (MAX_DATE - start).days
    length = draw(_LENGTH)
    return Period(start=start, end=start + dt.timedelta(days=min(length, room)))


_PERIOD = _periods()


@st.composite
def _figure_drafts(draw: DrawFn) -> _Draft[ReportedFigure]:
    metric = draw(_METRIC)
    unit = draw(_UNIT)
    value = draw(_RATE if unit is FigureUnit.RATE else _COUNT)
    source = draw(_PICK)
    counting = draw(_COUNTING)
    as_of = draw(_OPTIONAL_DATE)
    note = draw(_OPTIONAL_TEXT)

    def build(known: _Known) -> ReportedFigure:
        return ReportedFigure(
            metric=metric,
            value=value,
            unit=unit,
            source=_pick(known.sources, source),
            counting=counting,
            as_of=as_of,
            note=note,
        )

    return metric, build
