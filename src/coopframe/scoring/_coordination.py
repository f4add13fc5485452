"""Coordination scores: how the agencies of the parties are tied together by shared work.

Everything here reads the agency network of :func:`coopframe.graph.agency_network`: one node per
agency (``party`` and ``agency_kind`` attributes), two agencies joined when they share an
activity (``weight``: how many). A roadmap's coordination is the *partnership* P of the 4P
paradigm, and UNODC's pillars of national and international cooperation and coordination; the
network measures below are standard ones (connected components, articulation points,
Freeman's betweenness centrality).

``cross_border_score``
    ``cross_border_ties / ties``: the share of the network's ties that join agencies of
    different parties. With ``weighted=True`` each tie counts its number of shared activities,
    so the score is the share of the agency pairs' joint work that crosses a border. An
    activity carried by two agencies of each party yields four cross-border ties and two
    domestic ones. ``nan`` when there is no tie.
``cohesion_score``
    ``|largest connected component| / agencies``: the share of the agencies that one connected
    group holds. Every agency counts, including one that carries no activity or carries its
    activities alone (both are isolated: nothing ties them to the others). It is ``1`` when the
    network is connected and ``1 / agencies`` when no two agencies share an activity; the
    number of components is in the detail. This share, rather than ``1 - (components - 1) /
    (agencies - 1)``, is the measure because it tells two halves (0.5) from one lone agency
    beside a connected rest (close to 1), which a count of components cannot. ``nan`` with fewer
    than two agencies (there is nothing to connect).
``redundancy_score``
    ``1 - articulation_points / tied agencies``: the share of the agencies that have at least one
    tie and whose loss would not cut the network into more pieces. An *articulation point* is a
    single point of failure: an agency through which, alone, some other agencies are linked;
    they are named in the detail. Agencies without any tie are left to ``cohesion_score``.
    ``nan`` when there is no tie.
``triad_linkage_score``
    Whether the police–prosecution–migration triad is joined across the border, as the
    Bolivia–Peru 2025–2026 roadmap's working tables between police, prosecutors and migration
    authorities of both countries are meant to do. For each kind ``K`` of police, prosecution
    and migration, let ``P_K`` be the parties with at least one agency of kind ``K``. The kind
    *applies* when ``|P_K| >= 2``, and it is *linked* when every pair of parties in ``P_K`` has
    an agency of kind ``K`` on each side directly tied to the other (police to police, say). In
    a bilateral roadmap that is the one pair; in a trinational one every pair must be tied. The
    score is ``linked kinds / applying kinds``. ``nan`` when no kind applies (no two parties
    both have agencies of any of the three kinds).

Every score is also ``nan`` for a roadmap without activities: there is no work to coordinate
(every agency would be isolated, and that says nothing about the roadmap).

Brokers are reported, not scored: the agencies with the highest betweenness centrality
(Brandes' algorithm, normalised, each tie counting one step whatever its weight, since the
weight is the strength of a tie and not a distance), ties broken by agency id.

Betweenness at scale
    Exact betweenness walks the network once from every agency, each walk taking about
    ``agencies + ties`` steps: cubic for a dense network (one activity shared by 1,200 agencies
    is a clique of 719,400 ties). Its cost is bounded by :data:`BETWEENNESS_BUDGET` steps:

    1. When ``agencies x (agencies + ties)`` is within the budget (a roadmap of tens to a few
       hundred agencies), betweenness is exact, computed as it always was.
    2. Otherwise, every connected component that is *complete* (each of its agencies tied to
       every other, as the agencies of a single shared activity are) has betweenness 0 for
       all its agencies, exactly and without a walk: no shortest path passes through a third
       agency there. The other components are computed together: exactly when their
       ``agencies x (agencies + ties)`` is within the budget; else from ``BETWEENNESS_BUDGET //
       (agencies + ties)`` source agencies drawn with a fixed seed from the sorted ids (Brandes
       & Pich, 2007: an unbiased estimate, deterministic and independent of the order of the
       roadmap's lists, though not of its ids); and when that leaves fewer than
       :data:`MIN_PIVOTS` sources, not at all: their betweenness is ``nan`` and none of them
       is named a broker.

    :attr:`CoordinationDetail.betweenness_method` says which (``"exact"``, ``"sampled"`` or
    ``"skipped"``) and :attr:`CoordinationDetail.betweenness_sources` how many agencies were
    walked from. No score depends on betweenness. Single points of failure are articulation
    points (one linear depth-first search, over the components that are not complete), and the
    triad's links in a complete component are read from its agencies, not its ties.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import networkx as nx

from coopframe._checks import check_bool, check_int, refuse
from coopframe._util import json_float
from coopframe.graph import agency_network
from coopframe.model import AgencyKind, Roadmap
from coopframe.scoring._agency_ties import (
    TRIAD,
    TriadLink,
    _articulation_points,
    _betweenness,
    _cohesion,
    _components,
    _Parts,
    _redundancy,
    _Ties,
    _triad,
    _triad_score,
    _undefined_if,
)
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._registry import register_scorer

__all__ = [
    "FAMILY",
    "TRIAD",
    "CoordinationDetail",
    "TriadLink",
    "cohesion_score",
    "coordination_detail",
    "cross_border_score",
    "redundancy_score",
    "triad_linkage_score",
]

_FAMILY = "coordination"
_KIND_VALUES = frozenset({*AgencyKind, *(kind.value for kind in AgencyKind)})


@attrs.frozen(kw_only=True)
class CoordinationDetail:
    """The coordination scores of a roadmap and what they came from.

    Build one with :func:`coordination_detail`. Agency and party ids are sorted.

    Attributes
    ----------
    activities
        Number of activities in the roadmap.
    agencies
        Number of agencies in the network.
    ties
        Number of ties (pairs of agencies sharing at least one activity).
    cross_border_ties
        Ties between agencies of different parties.
    shared
        Sum of the ties' weights (shared activities, counted once per pair of agencies).
    cross_border_shared
        The same sum over cross-border ties.
    weighted
        Whether :attr:`cross_border_score` counts ties by their weight.
    components
        Number of connected components (an isolated agency is one).
    largest_component
        The agencies of the largest component (among equally large ones, the one holding the
        smallest agency id).
    isolated
        Agencies with no tie.
    articulation_points
        Single points of failure: agencies whose loss disconnects some of the others.
    betweenness
        ``(agency, betweenness centrality)`` for every agency, sorted by agency, normalised to
        [0, 1]; an estimate when sampled, ``nan`` where skipped (see the module
        documentation).
    betweenness_method
        ``"exact"``, ``"sampled"`` or ``"skipped"``: how the betweenness of the agencies
        outside complete components was found (those inside are exactly 0).
    betweenness_sources
        The number of agencies the betweenness walks started from (each walk takes about
        ``agencies + ties`` steps).
    brokers
        Up to ``top`` agencies with positive betweenness, highest first, ties by id.
    triad
        One :class:`TriadLink` per kind of :data:`TRIAD`, in that order.
    cross_border_score, cohesion_score, redundancy_score, triad_linkage_score
        The scores; see the module documentation.
    """

    activities: int
    agencies: int
    ties: int
    cross_border_ties: int
    shared: int
    cross_border_shared: int
    weighted: bool
    components: int
    largest_component: tuple[str, ...]
    isolated: tuple[str, ...]
    articulation_points: tuple[str, ...]
    betweenness: tuple[tuple[str, float], ...]
    betweenness_method: str
    betweenness_sources: int
    brokers: tuple[str, ...]
    triad: tuple[TriadLink, ...]
    cross_border_score: float
    cohesion_score: float
    redundancy_score: float
    triad_linkage_score: float

    def scores(self) -> dict[str, float]:
        """The family's scores by registry name."""
        return {
            "cohesion": self.cohesion_score,
            "cross_border": self.cross_border_score,
            "redundancy": self.redundancy_score,
            "triad_linkage": self.triad_linkage_score,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready rendering: ids sorted, ``nan`` as ``None``, kinds by their values."""
        return {
            "activities": self.activities,
            "agencies": self.agencies,
            "ties": self.ties,
            "cross_border_ties": self.cross_border_ties,
            "shared": self.shared,
            "cross_border_shared": self.cross_border_shared,
            "weighted": self.weighted,
            "components": self.components,
            "largest_component": list(self.largest_component),
            "isolated": list(self.isolated),
            "articulation_points": list(self.articulation_points),
            "betweenness": {agency: json_float(value) for agency, value in self.betweenness},
            "betweenness_method": self.betweenness_method,
            "betweenness_sources": self.betweenness_sources,
            "brokers": list(self.brokers),
            "triad": {link.kind.value: link.to_dict() for link in self.triad},
            "scores": {name: json_float(value) for name, value in self.scores().items()},
        }


def coordination_detail(
    roadmap: Roadmap,
    *,
    network: nx.Graph[str] | None = None,
    weighted: bool = False,
    top: int = 5,
) -> CoordinationDetail:
    """The coordination scores of a roadmap, with the agencies behind them.

    Parameters
    ----------
    roadmap
        Any roadmap.
    network
        Its agency network, when already built (it is only read); default
        ``agency_network(roadmap)``.
    weighted
        Count each tie by its number of shared activities in :attr:`cross_border_score`.
    top
        How many brokers to name (an integer >= 0).

    Returns
    -------
    CoordinationDetail
        Ties, components, single points of failure, brokers, the triad's links, and the four
        scores (each in [0, 1], higher is better, ``nan`` where undefined).

    Raises
    ------
    InvalidParameterError
        ``network`` is not an undirected simple graph whose nodes carry ``party`` and
        ``agency_kind``; ``weighted`` is not a bool; ``top`` is not an integer >= 0.

    See Also
    --------
    cross_border_score, cohesion_score, redundancy_score, triad_linkage_score

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="FELCC", name="Policía Boliviana", party="BOL",
    ...                   kind=cf.AgencyKind.POLICE),
    ...         cf.Agency(id="PNP", name="Policía Nacional del Perú", party="PER",
    ...                   kind=cf.AgencyKind.POLICE),
    ...         cf.Agency(id="MP", name="Ministerio Público", party="PER",
    ...                   kind=cf.AgencyKind.PROSECUTION),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación y sanción"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Joint operations", axis="inv",
    ...                     responsible=("FELCC", "PNP")),
    ...         cf.Activity(id="A2", title="Case files", axis="inv", responsible=("PNP", "MP")),
    ...     ),
    ... )
    >>> detail = coordination_detail(road)
    >>> detail.articulation_points, detail.brokers
    (('PNP',), ('PNP',))
    >>> detail.scores()
    {'cohesion': 1.0, 'cross_border': 0.5, 'redundancy': 0.6666666666666666, 'triad_linkage': 1.0}
    """
    check_bool("weighted", weighted, "coordination_detail")
    check_int("top", top, "coordination_detail", minimum=0)
    graph = _network("coordination_detail", roadmap, network)
    empty = not roadmap.activities
    ties = _Ties(graph)
    parts = _Parts(graph)
    components, largest = _components(parts)
    articulation = sorted(_articulation_points(graph, parts))
    betweenness, method, sources = _betweenness(graph, parts)
    ranked = sorted((item for item in betweenness if item[1] > 0), key=lambda kv: (-kv[1], kv[0]))
    triad = _triad(graph, parts)
    return CoordinationDetail(
        activities=len(roadmap.activities),
        agencies=graph.number_of_nodes(),
        ties=ties.count,
        cross_border_ties=ties.cross_count,
        shared=ties.weight,
        cross_border_shared=ties.cross_weight,
        weighted=weighted,
        components=components,
        largest_component=tuple(sorted(largest)),
        isolated=tuple(sorted(node for node, degree in graph.degree if degree == 0)),
        articulation_points=tuple(articulation),
        betweenness=tuple(betweenness),
        betweenness_method=method,
        betweenness_sources=sources,
        brokers=tuple(agency for agency, _ in ranked[:top]),
        triad=triad,
        cross_border_score=_undefined_if(empty, ties.score(weighted=weighted)),
        cohesion_score=_undefined_if(empty, _cohesion(graph, largest)),
        redundancy_score=_undefined_if(empty, _redundancy(graph, len(articulation))),
        triad_linkage_score=_undefined_if(empty, _triad_score(triad)),
    )


def cross_border_score(
    roadmap: Roadmap, *, weighted: bool = False, network: nx.Graph[str] | None = None
) -> float:
    """The share of the agencies' ties that cross a border between parties.

    Parameters
    ----------
    roadmap
        Any roadmap.
    weighted
        Count each tie by its number of shared activities (the share of joint work that is
        cross-border) instead of once.
    network
        Its agency network, when already built; default ``agency_network(roadmap)``.

    Returns
    -------
    float
        In [0, 1], higher is better: ``cross_border_ties / ties`` (or their weights). ``nan``
        for a roadmap without activities or a network without ties.

    Raises
    ------
    InvalidParameterError
        ``weighted`` is not a bool, or ``network`` is not an agency network.

    See Also
    --------
    coordination_detail : the numbers of ties behind the share.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="B1", name="Policía", party="BOL"),
    ...         cf.Agency(id="B2", name="Fiscalía", party="BOL"),
    ...         cf.Agency(id="P1", name="Policía", party="PER"),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Operations", axis="inv", responsible=("B1", "P1")),
    ...         cf.Activity(id="A2", title="Patrols", axis="inv", responsible=("B1", "P1")),
    ...         cf.Activity(id="A3", title="Case files", axis="inv", responsible=("B1", "B2")),
    ...     ),
    ... )
    >>> cross_border_score(road)
    0.5
    >>> cross_border_score(road, weighted=True)
    0.6666666666666666
    """
    check_bool("weighted", weighted, "cross_border_score")
    graph = _network("cross_border_score", roadmap, network)
    return _undefined_if(not roadmap.activities, _Ties(graph).score(weighted=weighted))


def cohesion_score(roadmap: Roadmap, *, network: nx.Graph[str] | None = None) -> float:
    """The share of the agencies held by the largest connected group.

    Parameters
    ----------
    roadmap
        Any roadmap.
    network
        Its agency network, when already built; default ``agency_network(roadmap)``.

    Returns
    -------
    float
        In [1 / agencies, 1], higher is better: ``1`` when every agency is linked to every
        other through shared activities. ``nan`` for a roadmap without activities or with
        fewer than two agencies.

    Raises
    ------
    InvalidParameterError
        ``network`` is not an agency network.

    See Also
    --------
    coordination_detail : the components and the isolated agencies.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="B1", name="Policía", party="BOL"),
    ...         cf.Agency(id="P1", name="Policía", party="PER"),
    ...         cf.Agency(id="P2", name="Cancillería", party="PER"),
    ...         cf.Agency(id="P3", name="Migraciones", party="PER"),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Operations", axis="inv", responsible=("B1", "P1")),
    ...         cf.Activity(id="A2", title="Consular care", axis="inv", responsible=("P2",)),
    ...     ),
    ... )
    >>> cohesion_score(road)  # {B1, P1}, {P2}, {P3}
    0.5
    """
    graph = _network("cohesion_score", roadmap, network)
    return _undefined_if(not roadmap.activities, _cohesion(graph, _components(_Parts(graph))[1]))


def redundancy_score(roadmap: Roadmap, *, network: nx.Graph[str] | None = None) -> float:
    """The share of the tied agencies that are not single points of failure.

    Parameters
    ----------
    roadmap
        Any roadmap.
    network
        Its agency network, when already built; default ``agency_network(roadmap)``.

    Returns
    -------
    float
        In [0, 1], higher is better: ``1 - articulation_points / tied agencies``. ``nan`` for a
        roadmap without activities or a network without ties.

    Raises
    ------
    InvalidParameterError
        ``network`` is not an agency network.

    See Also
    --------
    coordination_detail : the articulation points by name.

    Examples
    --------
    >>> import datetime as dt
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="B1", name="Policía", party="BOL"),
    ...         cf.Agency(id="B2", name="Fiscalía", party="BOL"),
    ...         cf.Agency(id="P1", name="Policía", party="PER"),
    ...         cf.Agency(id="P2", name="Fiscalía", party="PER"),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación"),),
    ...     activities=(  # B1 and P1 are the only bridge between the two countries
    ...         cf.Activity(id="A1", title="Operations", axis="inv", responsible=("B1", "P1")),
    ...         cf.Activity(id="A2", title="Case files", axis="inv", responsible=("B1", "B2")),
    ...         cf.Activity(id="A3", title="Case files", axis="inv", responsible=("P1", "P2")),
    ...     ),
    ... )
    >>> redundancy_score(road)
    0.5
    """
    graph = _network("redundancy_score", roadmap, network)
    articulation = sum(1 for _ in _articulation_points(graph, _Parts(graph)))
    return _undefined_if(not roadmap.activities, _redundancy(graph, articulation))


def triad_linkage_score(roadmap: Roadmap, *, network: nx.Graph[str] | None = None) -> float:
    """The share of police, prosecution and migration whose agencies are tied across borders.

    Parameters
    ----------
    roadmap
        Any roadmap.
    network
        Its agency network, when already built; default ``agency_network(roadmap)``.

    Returns
    -------
    float
        In [0, 1], higher is better: ``linked kinds / applying kinds``, a kind applying when
        two or more parties have agencies of it, and being linked when every such pair of
        parties has agencies of that kind directly tied. ``nan`` for a roadmap without
        activities or when no kind applies.

    Raises
    ------
    InvalidParameterError
        ``network`` is not an agency network.

    See Also
    --------
    coordination_detail : the linked and missing pairs of parties, kind by kind.

    Examples
    --------
    >>> import datetime as dt
    >>> police, migration = cf.AgencyKind.POLICE, cf.AgencyKind.MIGRATION
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=(
    ...         cf.Agency(id="B1", name="Policía", party="BOL", kind=police),
    ...         cf.Agency(id="B2", name="Migración", party="BOL", kind=migration),
    ...         cf.Agency(id="P1", name="Policía", party="PER", kind=police),
    ...         cf.Agency(id="P2", name="Migraciones", party="PER", kind=migration),
    ...     ),
    ...     axes=(cf.Axis(id="inv", name="Investigación"),),
    ...     activities=(
    ...         cf.Activity(id="A1", title="Working table", axis="inv", responsible=("B1", "P1")),
    ...         cf.Activity(id="A2", title="Alerts", axis="inv", responsible=("B2", "P1")),
    ...     ),
    ... )
    >>> triad_linkage_score(road)  # police linked, migration not, no prosecution
    0.5
    """
    graph = _network("triad_linkage_score", roadmap, network)
    return _undefined_if(not roadmap.activities, _triad_score(_triad(graph, _Parts(graph))))


def _network(function: str, roadmap: Roadmap, network: object) -> nx.Graph[str]:
    """The agency network to read: the one given (checked), or one built from the roadmap."""
    if network is None:
        return agency_network(roadmap)
    if (
        not isinstance(network, nx.Graph)
        or network.is_directed()
        or network.is_multigraph()
        or not all(
            "party" in data and data.get("agency_kind") in _KIND_VALUES
            for _, data in network.nodes.data()
        )
    ):
        got = str(network) if isinstance(network, nx.Graph) else repr(network)
        refuse(
            "network",
            function,
            "an undirected simple networkx graph whose nodes carry 'party' and 'agency_kind', "
            "as coopframe.graph.agency_network builds",
            repr(got),
        )
    return network


def _family_detail(context: EvaluationContext) -> CoordinationDetail:
    return coordination_detail(context.roadmap, network=context.agency_network)


FAMILY = Family(
    name="coordination",
    description="How the responsible agencies are tied, within and across borders.",
    detail=_family_detail,
    scores=CoordinationDetail.scores,
    to_data=CoordinationDetail.to_dict,
    scorers=(
        register_scorer(
            "cross_border",
            cross_border_score,
            family=_FAMILY,
            description=(
                "Share of the agencies' ties (shared activities) that join different parties."
            ),
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "cohesion",
            cohesion_score,
            family=_FAMILY,
            description=(
                "Share of the agencies in the largest connected group of the agency network."
            ),
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "redundancy",
            redundancy_score,
            family=_FAMILY,
            description="Share of the tied agencies that are not single points of failure.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
        register_scorer(
            "triad_linkage",
            triad_linkage_score,
            family=_FAMILY,
            description="Share of police, prosecution and migration tied across every border.",
            party_symmetric=True,
            on_empty=math.nan,
        ),
    ),
)
"""The coordination family: its detail, its scores and their registry entries."""
