"""Hypothesis strategies for coopframe's model, for coopframe's own tests and for yours.

Every strategy here produces *valid* objects: a drawn :class:`~coopframe.Roadmap` has two or more
parties, unique ids of each kind, references that all resolve, acyclic dependencies and dates
within :data:`~coopframe.model.MIN_DATE` and :data:`~coopframe.model.MAX_DATE`. Every
optional field is sometimes present and sometimes absent, and dates sometimes fall outside the
roadmap's period (a soft finding, not an error).

Generated ids are short and carry a prefix per kind, so that failing examples read well:
activities ``A1``, ``A2``; agencies ``G1``; axes ``X1``; sources ``S1``; roadmaps ``R1``. Party
ids are three capital letters. Items are drawn whole, one after the other, so a failing example
shrinks by dropping items and references.

The pair strategies (:func:`shuffled_pairs`, :func:`renamed_pairs`, :func:`party_swapped_pairs`)
and the plain functions behind them (:func:`shuffled`, :func:`renamed`, :func:`swap_parties`)
serve invariance tests: a score must not change when the same roadmap is written in another
order, under other ids, or with its parties swapped.

Examples
--------
A property test of your own, over roadmaps of up to 20 activities:

>>> from hypothesis import given, settings
>>> from coopframe.testing import roadmaps
>>> @settings(max_examples=20)
... @given(roadmaps(max_activities=20))
... def test_dependencies_are_activities(road):
...     for activity in road.activities:
...         assert all(road.activity(other) for other in activity.depends_on)
>>> test_dependencies_are_activities()
"""

from __future__ import annotations

import datetime as dt
import random
import string
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from coopframe.model import (
    MAX_DATE,
    MIN_DATE,
    Activity,
    ActivityId,
    Agency,
    AgencyId,
    AgencyKind,
    Agreement,
    Axis,
    AxisId,
    Basis,
    Counting,
    FigureUnit,
    InstrumentKind,
    Party,
    PartyId,
    Period,
    Pillar,
    ReportedFigure,
    Roadmap,
    Source,
    SourceId,
    Status,
)

__all__ = [
    "agencies",
    "agreements",
    "axes",
    "parties",
    "party_ids",
    "party_swapped_pairs",
    "renamed",
    "renamed_pairs",
    "roadmaps",
    "shuffled",
    "shuffled_pairs",
    "sources",
    "swap_parties",
    "texts",
]

_T = TypeVar("_T")

_LETTERS = string.ascii_letters + string.digits + " -.,:;()/'" + "áéíóúüñÁÉÍÓÚÑçÇãõâêôÂÊÔàèÀ–ª°"
_PHRASES = (
    "Perú",
    "Bolivia",
    "Atención y protección",
    "Prevención",
    "Investigación y sanción",
    "Planificación y monitoreo",
    "Equipo binacional de respuesta inmediata",
    "Mecanismo de alerta temprana en frontera",
    "Campaña binacional de prevención",
    "Mesas de trabajo: policía, fiscalía y migración",
    "Ministério da Justiça e Segurança Pública",
    "CEBAF Desaguadero",
)
_PARTY_CODES = ("BOL", "PER", "ECU", "COL", "BRA", "CHL", "ARG")
_PARTY_NAMES = ("Bolivia", "Perú", "Ecuador", "Colombia", "Brasil", "Chile", "Argentina")
_METRICS = ("compliance", "activities", "completed", "in_progress", "commitments")
_MAX_RESPONSIBLE = 3
_MAX_DEPENDENCIES = 3
_MAX_CITATIONS = 2
_MAX_REPORTED = 3

_TEXT = st.one_of(st.sampled_from(_PHRASES), st.text(_LETTERS, min_size=1, max_size=16))
_OPTIONAL_TEXT = st.one_of(st.none(), _TEXT)
_DATE = st.dates(min_value=MIN_DATE, max_value=MAX_DATE)
_OPTIONAL_DATE = st.one_of(st.none(), _DATE)
_PARTY_ID = st.one_of(
    st.sampled_from(_PARTY_CODES), st.text(string.ascii_uppercase, min_size=3, max_size=3)
)
_PARTY = st.builds(Party, id=_PARTY_ID, name=st.one_of(st.sampled_from(_PARTY_NAMES), _TEXT))
_ACRONYM = st.one_of(st.none(), st.text(string.ascii_uppercase, min_size=2, max_size=6))
_URL = st.one_of(st.none(), st.integers(1, 999).map(lambda n: f"https://example.org/doc/{n}"))
# References are drawn as small numbers and resolved against the ids known at that point, so
# that each item is one block of choices and shrinks towards "no reference" or "the first".
_PICK = st.integers(min_value=0, max_value=255)
_CITATIONS = st.lists(_PICK, max_size=_MAX_CITATIONS)
_SHARE = st.one_of(st.sampled_from((0.0, 1.0)), st.floats(0.0, 1.0, allow_subnormal=False))
_PROGRESS = st.one_of(st.none(), _SHARE)
_WEIGHT = st.one_of(st.just(1.0), st.just(0.0), st.floats(0.001, 1000.0, allow_subnormal=False))
_BOOL = st.booleans()
_OPTIONAL_PICK = st.one_of(st.none(), _PICK)
_TWO_PICKS = st.lists(_PICK, min_size=2, max_size=2)
_TWO_DATES = st.lists(_DATE, min_size=2, max_size=2)
_RESPONSIBLE = st.lists(_PICK, max_size=_MAX_RESPONSIBLE)
_DEPENDENCIES = st.lists(_PICK, max_size=_MAX_DEPENDENCIES)
_PLACE = st.integers(0, 15)
_AGENCY_KIND = st.sampled_from(AgencyKind)
_PILLARS = st.lists(st.sampled_from(Pillar), unique=True, max_size=2)
_INSTRUMENT = st.sampled_from(InstrumentKind)
_LENGTH = st.one_of(st.integers(0, 3 * 366), st.integers(0, 300 * 366))
_AS_OF_KIND = st.sampled_from(("none", "inside", "anywhere"))
_METRIC = st.sampled_from(_METRICS)
_UNIT = st.sampled_from(FigureUnit)
_COUNTING = st.one_of(st.none(), st.sampled_from(Counting))
_RATE = _SHARE
_COUNT = st.one_of(st.integers(0, 500).map(float), st.floats(0.0, 1e6, allow_subnormal=False))


def _ids(prefix: str, max_size: int) -> SearchStrategy[str]:
    """Ids ``prefix + number``; numbers shrink towards 1, 2, 3."""
    return st.integers(min_value=1, max_value=max(99, 4 * max_size)).map(lambda n: f"{prefix}{n}")


_ROADMAP_ID = _ids("R", 1)
_AGREEMENT_ID = _ids("T", 1)


def texts() -> SearchStrategy[str]:
    """Short non-empty human text, often with non-ASCII letters (``"Perú"``, ``"Atención"``).

    Returns
    -------
    SearchStrategy of str
        Realistic phrases mixed with random text over Latin letters with Spanish and Portuguese
        accents, digits, spaces and punctuation.

    Examples
    --------
    >>> from hypothesis import find
    >>> find(texts(), lambda s: not s.isascii())
    'Perú'
    """
    return _TEXT


def party_ids() -> SearchStrategy[str]:
    """Party ids: three capital letters, such as ``"BOL"``, ``"PER"`` or ``"AAA"``.

    Returns
    -------
    SearchStrategy of str
        Three capital ASCII letters, not necessarily an assigned ISO 3166-1 alpha-3 code.
    """
    return _PARTY_ID


def _check_sizes(name: str, low: int, high: int, floor: int = 0) -> None:
    if not floor <= low <= high:
        raise ValueError(
            f"The sizes of {name} must satisfy {floor} <= min_size <= max_size. "
            f"Got {low} and {high} instead."
        )


def _pick(items: Sequence[_T], pick: int) -> _T:
    return items[pick % len(items)]


def _picks(items: Sequence[_T], picks: Sequence[int]) -> tuple[_T, ...]:
    """The distinct items the picks point at, in the order of the picks."""
    if not items:
        return ()
    return tuple(dict.fromkeys(items[pick % len(items)] for pick in picks))


def _tuples(
    items: SearchStrategy[_T], key: Callable[[_T], object], min_size: int, max_size: int
) -> SearchStrategy[tuple[_T, ...]]:
    return st.lists(items, min_size=min_size, max_size=max_size, unique_by=key).map(tuple)


def parties(*, min_size: int = 2, max_size: int = 3) -> SearchStrategy[tuple[Party, ...]]:
    """The parties of a roadmap or agreement: distinct ids, names such as ``"Perú"``.

    Parameters
    ----------
    min_size, max_size
        How many parties; a valid roadmap needs two, three make a trinational one
        (Colombia–Brazil–Peru).

    Returns
    -------
    SearchStrategy of tuple of Party
        Parties with unique three-letter ids.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(parties(max_size=4))
    ... def test_party_ids(drawn):
    ...     assert 2 <= len({party.id for party in drawn}) == len(drawn) <= 4
    >>> test_party_ids()
    """
    _check_sizes("parties", min_size, max_size)
    return _tuples(_PARTY, lambda party: party.id, min_size, max_size)


def sources(*, min_size: int = 0, max_size: int = 3) -> SearchStrategy[tuple[Source, ...]]:
    """The sources a document cites: unique ids ``S1``, ``S2``, every basis, optional fields.

    Parameters
    ----------
    min_size, max_size
        How many sources.

    Returns
    -------
    SearchStrategy of tuple of Source
        Sources whose url, date, publisher and note are each sometimes absent.
    """
    _check_sizes("sources", min_size, max_size)
    source = st.builds(
        Source,
        id=_ids("S", max_size),
        title=_TEXT,
        url=_URL,
        date=_OPTIONAL_DATE,
        basis=st.sampled_from(Basis),
        publisher=_OPTIONAL_TEXT,
        note=_OPTIONAL_TEXT,
    )
    return _tuples(source, lambda item: item.id, min_size, max_size)


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

    Each roadmap is drawn as by :func:`roadmaps`, among two or more of the agreement's parties
    (so a trilateral agreement may carry a bilateral roadmap).

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


def _permuted(items: tuple[_T, ...], rng: random.Random) -> tuple[_T, ...]:
    copy = list(items)
    rng.shuffle(copy)
    return tuple(copy)


def shuffled(roadmap: Roadmap, rng: random.Random, *, nested: bool = True) -> Roadmap:
    """The same roadmap with every list written in another order.

    Parameters
    ----------
    roadmap
        Any valid roadmap.
    rng
        Decides the new orders.
    nested
        Also reorder the lists inside each item (responsible agencies, dependencies, pillars,
        cited sources), not only the roadmap's own lists.

    Returns
    -------
    Roadmap
        An equally valid roadmap with the same items; unequal to ``roadmap`` unless every
        order happened to be kept. The order of ``reported`` decides
        :meth:`~coopframe.Roadmap.reported_figure` when a metric is reported twice.

    Examples
    --------
    >>> import random
    >>> from hypothesis import given, settings, strategies as st
    >>> @settings(max_examples=20)
    ... @given(roadmaps(), st.randoms())
    ... def test_same_activities(road, rng):
    ...     again = shuffled(road, rng)
    ...     assert sorted(a.id for a in again.activities) == sorted(a.id for a in road.activities)
    >>> test_same_activities()
    """

    def inner(items: tuple[_T, ...]) -> tuple[_T, ...]:
        return _permuted(items, rng) if nested else items

    return attrs.evolve(
        roadmap,
        parties=_permuted(roadmap.parties, rng),
        agencies=_permuted(
            tuple(attrs.evolve(g, sources=inner(g.sources)) for g in roadmap.agencies), rng
        ),
        axes=_permuted(
            tuple(
                attrs.evolve(x, pillars=inner(x.pillars), sources=inner(x.sources))
                for x in roadmap.axes
            ),
            rng,
        ),
        activities=_permuted(
            tuple(
                attrs.evolve(
                    a,
                    responsible=inner(a.responsible),
                    depends_on=inner(a.depends_on),
                    sources=inner(a.sources),
                )
                for a in roadmap.activities
            ),
            rng,
        ),
        reported=_permuted(roadmap.reported, rng),
        sources=_permuted(roadmap.sources, rng),
    )


def renamed(
    roadmap: Roadmap,
    *,
    parties: Mapping[str, str] | None = None,
    agencies: Mapping[str, str] | None = None,
    axes: Mapping[str, str] | None = None,
    activities: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
) -> Roadmap:
    """The same roadmap with ids renamed, every reference to them included.

    Parameters
    ----------
    roadmap
        Any valid roadmap.
    parties, agencies, axes, activities, sources
        Old id to new id, for each kind; ids not in a mapping are kept. Each mapping must keep
        the ids of its kind unique (a permutation of the existing ids is fine).

    Returns
    -------
    Roadmap
        The renamed roadmap, with every list in the same order as in ``roadmap``.

    Raises
    ------
    InvalidDocumentError
        If the new ids break a rule (two items of a kind with one id, a bad party id).

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=[cf.Agency(id="pnp", name="Policía Nacional del Perú", party="PER")],
    ...     axes=[cf.Axis(id="prev", name="Prevención")],
    ...     activities=[
    ...         cf.Activity(id="A1", title="Mesas de trabajo", axis="prev"),
    ...         cf.Activity(id="A2", title="Campaña", axis="prev", depends_on=["A1"]),
    ...     ],
    ... )
    >>> new = renamed(road, activities={"A1": "mesas", "A2": "campaña"})
    >>> [(a.id, a.depends_on) for a in new.activities]
    [('mesas', ()), ('campaña', ('mesas',))]
    >>> swapped = swap_parties(road, "BOL", "PER")
    >>> [(p.id, p.name) for p in swapped.parties], swapped.agency("pnp").party
    ([('PER', 'Bolivia'), ('BOL', 'Perú')], 'BOL')
    """

    def lookup(mapping: Mapping[str, str] | None) -> Mapping[str, str]:
        return {} if mapping is None else mapping

    p, g, x, a, s = map(lookup, (parties, agencies, axes, activities, sources))

    def new_ids(mapping: Mapping[str, str], ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(mapping.get(old, old) for old in ids)

    return attrs.evolve(
        roadmap,
        parties=tuple(
            attrs.evolve(party, id=p.get(party.id, party.id)) for party in roadmap.parties
        ),
        agencies=tuple(
            attrs.evolve(
                agency,
                id=g.get(agency.id, agency.id),
                party=p.get(agency.party, agency.party),
                sources=new_ids(s, agency.sources),
            )
            for agency in roadmap.agencies
        ),
        axes=tuple(
            attrs.evolve(axis, id=x.get(axis.id, axis.id), sources=new_ids(s, axis.sources))
            for axis in roadmap.axes
        ),
        activities=tuple(
            attrs.evolve(
                activity,
                id=a.get(activity.id, activity.id),
                axis=x.get(activity.axis, activity.axis),
                responsible=new_ids(g, activity.responsible),
                lead=None if activity.lead is None else g.get(activity.lead, activity.lead),
                depends_on=new_ids(a, activity.depends_on),
                sources=new_ids(s, activity.sources),
            )
            for activity in roadmap.activities
        ),
        reported=tuple(
            attrs.evolve(figure, source=s.get(figure.source, figure.source))
            for figure in roadmap.reported
        ),
        sources=tuple(
            attrs.evolve(source, id=s.get(source.id, source.id)) for source in roadmap.sources
        ),
    )


def swap_parties(roadmap: Roadmap, first: str, second: str) -> Roadmap:
    """The same roadmap with two parties' ids exchanged (names and agencies stay put).

    Parameters
    ----------
    roadmap
        Any valid roadmap.
    first, second
        Ids of two of its parties.

    Returns
    -------
    Roadmap
        A roadmap where what belonged to ``first`` belongs to ``second`` and the reverse.

    Raises
    ------
    KeyError
        If either id is not one of the roadmap's parties.
    """
    for party_id in (first, second):
        roadmap.party(party_id)
    return renamed(roadmap, parties={first: second, second: first})


def shuffled_pairs(
    base: SearchStrategy[Roadmap] | None = None, *, nested: bool = True
) -> SearchStrategy[tuple[Roadmap, Roadmap]]:
    """Pairs ``(roadmap, same roadmap with its lists reordered)``; see :func:`shuffled`.

    Parameters
    ----------
    base
        Where the roadmaps come from (default: :func:`roadmaps` with its defaults).
    nested
        Also reorder the lists inside each item.

    Returns
    -------
    SearchStrategy of tuple of (Roadmap, Roadmap)
        The roadmap and a reordered copy.
    """
    source = roadmaps() if base is None else base
    return st.tuples(source, st.randoms(use_true_random=False)).map(
        lambda drawn: (drawn[0], shuffled(drawn[0], drawn[1], nested=nested))
    )


@st.composite
def _renamed_pairs(draw: DrawFn, base: SearchStrategy[Roadmap]) -> tuple[Roadmap, Roadmap]:
    road = draw(base)

    def fresh(prefixes: str, old: tuple[str, ...]) -> dict[str, str]:
        prefix = draw(st.sampled_from(prefixes))
        size = len(old)
        new = draw(st.lists(_ids(prefix, size), min_size=size, max_size=size, unique=True))
        return dict(zip(old, new, strict=True))

    party_old = tuple(party.id for party in road.parties)
    party_new = draw(
        st.lists(party_ids(), min_size=len(party_old), max_size=len(party_old), unique=True)
    )
    copy = renamed(
        road,
        parties=dict(zip(party_old, party_new, strict=True)),
        agencies=fresh("Gg", tuple(agency.id for agency in road.agencies)),
        axes=fresh("Xx", tuple(axis.id for axis in road.axes)),
        activities=fresh("Aa", tuple(activity.id for activity in road.activities)),
        sources=fresh("Ss", tuple(source.id for source in road.sources)),
    )
    return road, copy


def renamed_pairs(
    base: SearchStrategy[Roadmap] | None = None,
) -> SearchStrategy[tuple[Roadmap, Roadmap]]:
    """Pairs ``(roadmap, same roadmap with every id renamed)``; see :func:`renamed`.

    Every id of every kind gets a new one, which may be another item's old id (``A1`` and
    ``A2`` swapped) or a new spelling (``a7``). Lists keep their order, so
    ``zip(road.activities, copy.activities)`` pairs each activity with its renamed self.

    Parameters
    ----------
    base
        Where the roadmaps come from (default: :func:`roadmaps` with its defaults).

    Returns
    -------
    SearchStrategy of tuple of (Roadmap, Roadmap)
        The roadmap and a renamed copy.
    """
    return _renamed_pairs(roadmaps() if base is None else base)


@st.composite
def _party_swapped_pairs(draw: DrawFn, base: SearchStrategy[Roadmap]) -> tuple[Roadmap, Roadmap]:
    road = draw(base)
    first, second = draw(
        st.lists(st.sampled_from([p.id for p in road.parties]), min_size=2, max_size=2, unique=True)
    )
    return road, swap_parties(road, first, second)


def party_swapped_pairs(
    base: SearchStrategy[Roadmap] | None = None,
) -> SearchStrategy[tuple[Roadmap, Roadmap]]:
    """Pairs ``(roadmap, same roadmap with two parties' ids swapped)``; see :func:`swap_parties`.

    Lists keep their order, so ``zip(road.parties, copy.parties)`` shows which ids were
    exchanged. In a bilateral roadmap the two parties are always the ones swapped.

    Parameters
    ----------
    base
        Where the roadmaps come from (default: :func:`roadmaps` with its defaults).

    Returns
    -------
    SearchStrategy of tuple of (Roadmap, Roadmap)
        The roadmap and its party-swapped copy.
    """
    return _party_swapped_pairs(roadmaps() if base is None else base)
