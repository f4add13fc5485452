"""Whole documents: roadmaps and agreements."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from coopframe.model import (
    ActivityId,
    Agency,
    Agreement,
    Axis,
    Party,
    ReportedFigure,
    Roadmap,
    Source,
    Status,
)
from coopframe.testing._base import (
    _AGREEMENT_ID,
    _AS_OF_KIND,
    _DATE,
    _INSTRUMENT,
    _MAX_REPORTED,
    _OPTIONAL_DATE,
    _OPTIONAL_TEXT,
    _PICK,
    _ROADMAP_ID,
    _TEXT,
    _check_sizes,
    _ids,
    _tuples,
    parties,
    sources,
)
from coopframe.testing._items import (
    _PERIOD,
    _activity_drafts,
    _agency_drafts,
    _axis_drafts,
    _BuildActivity,
    _Draft,
    _draft_id,
    _figure_drafts,
    _Known,
    _within,
)


@attrs.frozen
class _Parts:
    """The strategies a roadmap is drawn from, made once per call of :func:`roadmaps`."""

    parties: SearchStrategy[tuple[Party, ...]]
    sources: SearchStrategy[tuple[Source, ...]]
    agencies: SearchStrategy[tuple[_Draft[Agency], ...]]
    axes: SearchStrategy[tuple[_Draft[Axis], ...]]
    nonempty_axes: SearchStrategy[tuple[_Draft[Axis], ...]]
    activities: SearchStrategy[tuple[tuple[str, int, _BuildActivity], ...]]
    figures: SearchStrategy[tuple[_Draft[ReportedFigure], ...]]


def _parts(
    *,
    min_activities: int,
    max_activities: int,
    min_parties: int,
    max_parties: int,
    max_axes: int,
    max_agencies: int,
    max_sources: int,
    statuses: tuple[Status, ...],
) -> _Parts:
    axis_drafts = _axis_drafts(_ids("X", max_axes))
    activity_drafts = _activity_drafts(_ids("A", max_activities), st.sampled_from(statuses))
    return _Parts(
        parties=parties(min_size=min_parties, max_size=max_parties),
        sources=sources(max_size=max_sources),
        agencies=_tuples(_agency_drafts(_ids("G", max_agencies)), _draft_id, 0, max_agencies),
        axes=_tuples(axis_drafts, _draft_id, 1 if min_activities else 0, max_axes),
        nonempty_axes=_tuples(axis_drafts, _draft_id, 1, max_axes),
        activities=_tuples(activity_drafts, _draft_id, min_activities, max_activities),
        figures=_tuples(_figure_drafts(), _draft_id, 0, _MAX_REPORTED),
    )


def _draw_roadmap(draw: DrawFn, parts: _Parts, road_parties: tuple[Party, ...]) -> Roadmap:
    period = draw(_PERIOD)
    road_sources = draw(parts.sources)
    known = _Known(
        parties=tuple(party.id for party in road_parties),
        sources=tuple(source.id for source in road_sources),
    )
    road_agencies = tuple(build(known) for _, build in draw(parts.agencies))
    road_axes = tuple(build(known) for _, build in draw(parts.axes))
    known = attrs.evolve(
        known,
        agencies=tuple(agency.id for agency in road_agencies),
        axes=tuple(axis.id for axis in road_axes),
    )
    drafts = draw(parts.activities) if road_axes else ()
    # The drafts come in a topological order; the document order is another one.
    ids = tuple(ActivityId(activity_id) for activity_id, _, _ in drafts)
    built = [(place, build(known, period, ids[:i])) for i, (_, place, build) in enumerate(drafts)]
    road_activities = tuple(activity for _, activity in sorted(built, key=lambda b: b[0]))
    figures = draw(parts.figures) if road_sources else ()
    as_of = draw(_AS_OF_KIND)
    return Roadmap(
        id=draw(_ROADMAP_ID),
        title=draw(_TEXT),
        parties=road_parties,
        period=period,
        signed_on=draw(_OPTIONAL_DATE),
        signed_at=draw(_OPTIONAL_TEXT),
        as_of=(
            None
            if as_of == "none"
            else _within(period, draw(_PICK))
            if as_of == "inside"
            else draw(_DATE)
        ),
        agencies=road_agencies,
        axes=road_axes,
        activities=road_activities,
        reported=tuple(build(known) for _, build in figures),
        sources=road_sources,
        description=draw(_OPTIONAL_TEXT),
    )


@st.composite
def _roadmaps(draw: DrawFn, parts: _Parts, fixed: tuple[Party, ...] | None) -> Roadmap:
    return _draw_roadmap(draw, parts, draw(parts.parties) if fixed is None else fixed)


def roadmaps(
    *,
    min_activities: int = 0,
    max_activities: int = 8,
    min_parties: int = 2,
    max_parties: int = 3,
    parties: Sequence[Party] | None = None,
    max_axes: int = 4,
    max_agencies: int = 6,
    max_sources: int = 3,
    statuses: Sequence[Status] | None = None,
) -> SearchStrategy[Roadmap]:
    """Valid roadmaps of any size, with every optional field sometimes present.

    Activities are drawn in a topological order, each depending only on activities drawn before
    it, and then written in another order (a dependency may point further down the list). Each
    activity has zero to three responsible agencies of any of the parties, a lead among them or
    none, start and due dates inside the period, outside it or absent, any status, a progress
    in [0, 1] or none, and a weight of 1 (the default), 0 or anything up to 1000. Each reported
    figure cites a source, and no metric is reported twice in one roadmap.

    Parameters
    ----------
    min_activities, max_activities
        How many activities. A roadmap with activities has at least one axis.
    min_parties, max_parties
        How many parties, when ``parties`` is not given; at least two.
    parties
        Use exactly these parties instead of drawing them.
    max_axes, max_agencies, max_sources
        At most this many axes, agencies and sources.
    statuses
        Draw activity statuses from these only (default: every :class:`~coopframe.Status`).

    Returns
    -------
    SearchStrategy of Roadmap
        Valid roadmaps; ids ``R1``, activities ``A1``, agencies ``G1``, axes ``X1``,
        sources ``S1``.

    Raises
    ------
    ValueError
        If a size range is empty, fewer than two parties are asked for, activities are asked
        for without axes, or ``statuses`` is empty.

    See Also
    --------
    shuffled_pairs, renamed_pairs, party_swapped_pairs : the same roadmap, written differently.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(roadmaps(min_activities=1, statuses=[cf.Status.COMPLETED]))
    ... def test_all_completed(road):
    ...     assert road.activities
    ...     assert all(a.status is cf.Status.COMPLETED for a in road.activities)
    >>> test_all_completed()
    """
    _check_sizes("activities", min_activities, max_activities)
    _check_sizes("parties", min_parties, max_parties, floor=2)
    _check_sizes("axes", 1 if min_activities else 0, max_axes)
    _check_sizes("agencies", 0, max_agencies)
    _check_sizes("sources", 0, max_sources)
    if statuses is not None and not statuses:
        raise ValueError("The 'statuses' parameter of roadmaps must not be empty. Got [].")
    if parties is not None and len(parties) < 2:
        raise ValueError(
            f"The 'parties' parameter of roadmaps must hold two or more parties. Got {parties!r}."
        )
    parts = _parts(
        min_activities=min_activities,
        max_activities=max_activities,
        min_parties=min_parties,
        max_parties=max_parties,
        max_axes=max_axes,
        max_agencies=max_agencies,
        max_sources=max_sources,
        statuses=tuple(Status) if statuses is None else tuple(statuses),
    )
    return _roadmaps(parts, None if parties is None else tuple(parties))


@st.composite
def _agreements(
    draw: DrawFn,
    parts: _Parts,
    road_ids: SearchStrategy[tuple[str, ...]],
    agreement_sources: SearchStrategy[tuple[Source, ...]],
) -> Agreement:
    agreement_parties = draw(parts.parties)
    drawn = []
    for road_id in draw(road_ids):
        road_parties = draw(
            st.lists(
                st.sampled_from(agreement_parties),
                min_size=2,
                max_size=len(agreement_parties),
                unique=True,
            )
        )
        road = _draw_roadmap(draw, parts, tuple(road_parties))
        drawn.append(attrs.evolve(road, id=road_id))
    return Agreement(
        id=draw(_AGREEMENT_ID),
        title=draw(_TEXT),
        parties=agreement_parties,
        instrument=draw(_INSTRUMENT),
        signed_on=draw(_OPTIONAL_DATE),
        signed_at=draw(_OPTIONAL_TEXT),
        roadmaps=sorted(drawn, key=lambda road: road.period.start),
        sources=draw(agreement_sources),
        description=draw(_OPTIONAL_TEXT),
    )


def agreements(
    *,
    min_roadmaps: int = 0,
    max_roadmaps: int = 3,
    min_parties: int = 2,
    max_parties: int = 3,
    max_activities: int = 4,
) -> SearchStrategy[Agreement]:
    """Valid agreements: parties, any instrument, and roadmaps in chronological order.

    Each roadmap is drawn as by :func:`~coopframe.testing.roadmaps`, among two or more of the
    agreement's parties (so a trilateral agreement may carry a bilateral roadmap).

    Parameters
    ----------
    min_roadmaps, max_roadmaps
        How many roadmaps (ids ``R1``, ``R2``, ...).
    min_parties, max_parties
        How many parties; at least two.
    max_activities
        At most this many activities in each roadmap.

    Returns
    -------
    SearchStrategy of Agreement
        Valid agreements, ids ``T1``, ``T2``, ...

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(agreements())
    ... def test_roadmaps_in_order(deal):
    ...     starts = [road.period.start for road in deal.roadmaps]
    ...     assert starts == sorted(starts)
    >>> test_roadmaps_in_order()
    """
    _check_sizes("roadmaps", min_roadmaps, max_roadmaps)
    _check_sizes("parties", min_parties, max_parties, floor=2)
    _check_sizes("activities", 0, max_activities)
    parts = _parts(
        min_activities=0,
        max_activities=max_activities,
        min_parties=min_parties,
        max_parties=max_parties,
        max_axes=3,
        max_agencies=4,
        max_sources=2,
        statuses=tuple(Status),
    )
    road_ids = st.lists(
        _ids("R", max_roadmaps), min_size=min_roadmaps, max_size=max_roadmaps, unique=True
    ).map(tuple)
    return _agreements(parts, road_ids, sources(max_size=2))
