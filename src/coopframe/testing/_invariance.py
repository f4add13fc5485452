"""The same roadmap written another way, for invariance tests: reordered, renamed, with its
parties swapped, and the pair strategies built on these."""

from __future__ import annotations

import random
from collections.abc import Mapping

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn, SearchStrategy

from coopframe.model import (
    Roadmap,
)
from coopframe.testing._base import (
    _T,
    _ids,
    party_ids,
)
from coopframe.testing._documents import (
    roadmaps,
)


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
    """Pairs ``(roadmap, same roadmap with its lists reordered)``.

    See :func:`~coopframe.testing.shuffled`.

    Parameters
    ----------
    base
        Where the roadmaps come from (default: :func:`~coopframe.testing.roadmaps` with its
        defaults).
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
    """Pairs ``(roadmap, same roadmap with every id renamed)``.

    See :func:`~coopframe.testing.renamed`.

    Every id of every kind gets a new one, which may be another item's old id (``A1`` and
    ``A2`` swapped) or a new spelling (``a7``). Lists keep their order, so
    ``zip(road.activities, copy.activities)`` pairs each activity with its renamed self.

    Parameters
    ----------
    base
        Where the roadmaps come from (default: :func:`~coopframe.testing.roadmaps` with its
        defaults).

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
    """Pairs ``(roadmap, same roadmap with two parties' ids swapped)``.

    See :func:`~coopframe.testing.swap_parties`.

    Lists keep their order, so ``zip(road.parties, copy.parties)`` shows which ids were
    exchanged. In a bilateral roadmap the two parties are always the ones swapped.

    Parameters
    ----------
    base
        Where the roadmaps come from (default: :func:`~coopframe.testing.roadmaps` with its
        defaults).

    Returns
    -------
    SearchStrategy of tuple of (Roadmap, Roadmap)
        The roadmap and its party-swapped copy.
    """
    return _party_swapped_pairs(roadmaps() if base is None else base)
