"""Tests for the coordination family of coopframe.scoring: ties, cohesion, single points of
failure, triad."""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from typing import Any
from unittest import mock

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from coopframe.exceptions import InvalidParameterError
from coopframe.graph import agency_network
from coopframe.model import Activity, Agency, AgencyKind, Axis, Party, Period, Roadmap
from coopframe.scoring import (
    BETWEENNESS_BUDGET,
    MIN_PIVOTS,
    TRIAD,
    CoordinationDetail,
    TriadLink,
    cohesion_score,
    coordination_detail,
    cross_border_score,
    evaluate,
    get_scorer,
    redundancy_score,
    triad_linkage_score,
)
from coopframe.testing import party_swapped_pairs, renamed_pairs, roadmaps, shuffled_pairs

POLICE = AgencyKind.POLICE
PROSECUTION = AgencyKind.PROSECUTION
MIGRATION = AgencyKind.MIGRATION
FOREIGN = AgencyKind.FOREIGN_AFFAIRS

PARTIES = {
    "BOL": Party(id="BOL", name="Bolivia"),
    "PER": Party(id="PER", name="Perú"),
    "COL": Party(id="COL", name="Colombia"),
}


def agency(ident: str, party: str, kind: AgencyKind = AgencyKind.OTHER) -> Agency:
    return Agency(id=ident, name=ident, party=party, kind=kind)


def road(agencies: list[Agency], *teams: tuple[str, ...], parties: tuple[str, ...] = ()) -> Roadmap:
    """A roadmap with one activity per team of responsible agencies (ids T1, T2, ...)."""
    party_ids = parties or tuple(sorted({a.party for a in agencies} | {"BOL", "PER"}))
    return Roadmap(
        id="r",
        title="R",
        parties=tuple(PARTIES[p] for p in party_ids),
        period=Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
        agencies=agencies,
        axes=(Axis(id="ax", name="Axis"),),
        activities=tuple(
            Activity(id=f"T{i}", title=f"T{i}", axis="ax", responsible=team)
            for i, team in enumerate(teams, start=1)
        ),
    )


def reference_case() -> Roadmap:
    """Bolivia–Peru: a working table of police, prosecutors and migration of both countries."""
    agencies = [
        agency("FELCC", "BOL", POLICE),
        agency("FGE", "BOL", PROSECUTION),
        agency("DIGEMIG", "BOL", MIGRATION),
        agency("MRE-BO", "BOL", FOREIGN),
        agency("PNP", "PER", POLICE),
        agency("MP-FN", "PER", PROSECUTION),
        agency("MIGRACIONES", "PER", MIGRATION),
        agency("RREE-PE", "PER", FOREIGN),
    ]
    return road(
        agencies,
        ("FELCC", "FGE", "DIGEMIG", "PNP", "MP-FN", "MIGRACIONES"),
        ("MRE-BO", "RREE-PE"),
        ("MRE-BO", "FELCC"),
    )


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


# Cross-border ties


def test_cross_border_counts_ties_once():
    """Two agencies per party on one activity: 4 cross-border ties out of 6."""
    r = road(
        [agency("B1", "BOL"), agency("B2", "BOL"), agency("P1", "PER"), agency("P2", "PER")],
        ("B1", "B2", "P1", "P2"),
    )
    assert cross_border_score(r) == 4 / 6
    detail = coordination_detail(r)
    assert (detail.ties, detail.cross_border_ties) == (6, 4)


def test_cross_border_weighted_counts_shared_activities():
    """weighted=True counts each tie by its shared activities: 3 cross of 4 in all."""
    r = road(
        [agency("B1", "BOL"), agency("B2", "BOL"), agency("P1", "PER")],
        ("B1", "P1"),
        ("B1", "P1"),
        ("B1", "P1"),
        ("B1", "B2"),
    )
    assert cross_border_score(r) == 0.5
    assert cross_border_score(r, weighted=True) == 0.75
    detail = coordination_detail(r, weighted=True)
    assert (detail.shared, detail.cross_border_shared) == (4, 3)
    assert detail.weighted
    assert detail.cross_border_score == 0.75


def test_cross_border_nan_without_ties():
    """No two agencies share an activity: there is no tie to measure."""
    r = road([agency("B1", "BOL"), agency("P1", "PER")], ("B1",), ("P1",))
    assert math.isnan(cross_border_score(r))
    assert math.isnan(cross_border_score(r, weighted=True))


# Cohesion


def test_cohesion_is_the_share_in_the_largest_component():
    """Components {B1, P1, P2}, {B2}, {P3}: cohesion 3/5; isolated agencies named."""
    r = road(
        [
            agency("B1", "BOL"),
            agency("B2", "BOL"),
            agency("P1", "PER"),
            agency("P2", "PER"),
            agency("P3", "PER"),
        ],
        ("B1", "P1"),
        ("P1", "P2"),
        ("B2",),
    )
    assert cohesion_score(r) == 3 / 5
    detail = coordination_detail(r)
    assert detail.components == 3
    assert detail.largest_component == ("B1", "P1", "P2")
    assert detail.isolated == ("B2", "P3")


def test_cohesion_largest_component_tie_takes_the_smallest_id():
    """Two equally large components: the one holding the smallest id is reported."""
    r = road(
        [agency("d", "BOL"), agency("c", "PER"), agency("b", "BOL"), agency("a", "PER")],
        ("d", "c"),
        ("b", "a"),
    )
    detail = coordination_detail(r)
    assert detail.largest_component == ("a", "b")
    assert detail.cohesion_score == 0.5


def test_cohesion_bounds_and_nan():
    """All isolated gives 1/n; fewer than two agencies or no activities give nan."""
    agencies = [agency("B1", "BOL"), agency("P1", "PER"), agency("P2", "PER"), agency("B2", "BOL")]
    assert cohesion_score(road(agencies, ("B1",))) == 0.25
    assert math.isnan(cohesion_score(road(agencies)))
    assert math.isnan(cohesion_score(road([agency("B1", "BOL")], ("B1",))))
    assert cohesion_score(road(agencies, ("B1", "P1", "P2", "B2"))) == 1.0


# Single points of failure


def test_redundancy_on_a_path():
    """On the path B2 - B1 - P1 - P2, B1 and P1 are single points of failure."""
    r = road(
        [agency("B1", "BOL"), agency("B2", "BOL"), agency("P1", "PER"), agency("P2", "PER")],
        ("B1", "P1"),
        ("B1", "B2"),
        ("P1", "P2"),
    )
    detail = coordination_detail(r)
    assert detail.articulation_points == ("B1", "P1")
    assert detail.redundancy_score == 0.5
    assert redundancy_score(r) == 0.5


def test_redundancy_ignores_isolated_agencies_and_is_one_on_a_cycle():
    """A triangle has no articulation point; an isolated agency does not change that."""
    r = road(
        [agency("B1", "BOL"), agency("B2", "BOL"), agency("P1", "PER"), agency("P2", "PER")],
        ("B1", "P1", "B2"),
    )
    assert redundancy_score(r) == 1.0
    assert coordination_detail(r).articulation_points == ()


def test_redundancy_nan_without_ties():
    """No tie: nothing can fail, redundancy is undefined."""
    r = road([agency("B1", "BOL"), agency("P1", "PER")], ("B1",))
    assert math.isnan(redundancy_score(r))


# Brokers


def test_brokers_rank_by_betweenness_then_id():
    """On a path a - b - c - d - e, c brokers most, then b and d tie (b first by id)."""
    agencies = [agency(i, p) for i, p in zip("edcba", ["BOL", "PER"] * 3, strict=False)]
    r = road(agencies, ("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"))
    detail = coordination_detail(r)
    assert detail.brokers == ("c", "b", "d")
    values = dict(detail.betweenness)
    assert values == {"a": 0.0, "b": 0.5, "c": 4 / 6, "d": 0.5, "e": 0.0}
    assert coordination_detail(r, top=1).brokers == ("c",)
    assert coordination_detail(r, top=0).brokers == ()


# Triad


def test_triad_reference_case_is_fully_linked():
    """The working table joins police, prosecution and migration of both countries."""
    r = reference_case()
    detail = coordination_detail(r)
    assert triad_linkage_score(r) == 1.0
    assert [link.kind for link in detail.triad] == list(TRIAD)
    assert all(link.linked for link in detail.triad)
    assert detail.triad[0] == TriadLink(
        kind=POLICE, parties=("BOL", "PER"), linked_pairs=(("BOL", "PER"),), missing_pairs=()
    )
    assert detail.articulation_points == ("FELCC", "MRE-BO")


def test_triad_needs_same_kind_across_the_border():
    """A police-migration tie links neither kind; a domestic police tie links nothing."""
    r = road(
        [
            agency("B-POL", "BOL", POLICE),
            agency("B-POL2", "BOL", POLICE),
            agency("B-MIG", "BOL", MIGRATION),
            agency("P-POL", "PER", POLICE),
            agency("P-MIG", "PER", MIGRATION),
            agency("P-FIS", "PER", PROSECUTION),
        ],
        ("B-POL", "P-MIG"),
        ("B-POL", "B-POL2"),
        ("B-MIG", "P-MIG"),
    )
    detail = coordination_detail(r)
    police, prosecution, migration = detail.triad
    assert police.linked is False
    assert police.missing_pairs == (("BOL", "PER"),)
    assert prosecution.linked is None
    assert prosecution.parties == ("PER",)
    assert migration.linked is True
    assert triad_linkage_score(r) == 0.5


def test_triad_in_a_trinational_roadmap_needs_every_pair():
    """Police in three parties, tied BOL-PER and PER-COL only: police is not linked."""
    r = road(
        [
            agency("B", "BOL", POLICE),
            agency("P", "PER", POLICE),
            agency("C", "COL", POLICE),
            agency("BF", "BOL", PROSECUTION),
            agency("CF", "COL", PROSECUTION),
        ],
        ("B", "P"),
        ("P", "C"),
        ("BF", "CF"),
        parties=("BOL", "COL", "PER"),
    )
    police, prosecution, migration = coordination_detail(r).triad
    assert police.parties == ("BOL", "COL", "PER")
    assert police.linked_pairs == (("BOL", "PER"), ("COL", "PER"))
    assert police.missing_pairs == (("BOL", "COL"),)
    assert prosecution.linked is True
    assert migration.linked is None
    assert triad_linkage_score(r) == 0.5


def test_triad_nan_when_no_kind_is_in_two_parties():
    """Triad kinds present in one party only (or not at all) leave the score undefined."""
    r = road(
        [agency("B", "BOL", POLICE), agency("BF", "BOL", PROSECUTION), agency("P", "PER", FOREIGN)],
        ("B", "BF", "P"),
    )
    assert math.isnan(triad_linkage_score(r))


# Undefined cases, parameters, network


def test_every_score_nan_without_activities():
    """A roadmap without activities has nothing to coordinate: every score is nan."""
    r = road([agency("B1", "BOL"), agency("P1", "PER"), agency("P2", "PER", POLICE)])
    detail = coordination_detail(r)
    assert all(math.isnan(v) for v in detail.scores().values())
    for func in (cross_border_score, cohesion_score, redundancy_score, triad_linkage_score):
        assert math.isnan(func(r))
    assert detail.components == 3


@pytest.mark.parametrize(("name", "bad"), [("weighted", 1), ("weighted", "yes"), ("top", -1)])
def test_bad_options_are_rejected(name, bad):
    """Bad weighted/top values raise InvalidParameterError in the one message form."""
    with pytest.raises(InvalidParameterError, match=rf"The '{name}' parameter of coordination_"):
        coordination_detail(reference_case(), **{name: bad})


@pytest.mark.parametrize("bad", [True, 2.0, None])
def test_top_must_be_an_integer(bad):
    """top must be an int >= 0, not a bool or a float."""
    with pytest.raises(InvalidParameterError, match=r"must be an integer >= 0\. Got "):
        coordination_detail(reference_case(), top=bad)


def test_weighted_checked_by_the_score_function():
    """cross_border_score names itself in the message."""
    with pytest.raises(InvalidParameterError, match=r"of cross_border_score must be True or False"):
        cross_border_score(reference_case(), weighted="no")


def test_bad_networks_are_rejected():
    """A directed graph, a multigraph, bare nodes or unknown kinds are not an agency network."""
    r = reference_case()
    good = agency_network(r)
    bare = nx.Graph()
    bare.add_nodes_from(good.nodes)
    odd = good.copy()
    odd.nodes["PNP"]["agency_kind"] = "navy"
    for bad in (nx.DiGraph(good), nx.MultiGraph(good), bare, odd, {"PNP": {}}):
        with pytest.raises(InvalidParameterError, match=r"The 'network' parameter of cohesion_"):
            cohesion_score(r, network=bad)


def test_prebuilt_network_is_used_and_left_untouched():
    """A given network gives the same detail as building one, and is not modified."""
    r = reference_case()
    network = agency_network(r)
    before = nx.node_link_data(network, edges="links")
    assert coordination_detail(r, network=network) == coordination_detail(r)
    for func in (cross_border_score, cohesion_score, redundancy_score, triad_linkage_score):
        assert same(func(r, network=network), func(r))
    assert nx.node_link_data(network, edges="links") == before


def test_a_reduced_network_answers_what_if_questions():
    """Removing a single point of failure from a copy of the network lowers cohesion."""
    r = reference_case()
    network = agency_network(r)
    network.remove_node("FELCC")
    assert cohesion_score(r, network=network) == 5 / 7


# Detail, registry


def test_to_dict_is_json_ready():
    """to_dict holds JSON primitives only, kinds by value and nan as None."""
    r = road([agency("B1", "BOL", POLICE), agency("P1", "PER")], ("B1",))
    data = coordination_detail(r).to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data
    assert list(data["triad"]) == ["police", "prosecution", "migration"]
    assert data["triad"]["police"]["linked"] is None
    assert data["scores"] == {
        "cohesion": 0.5,
        "cross_border": None,
        "redundancy": None,
        "triad_linkage": None,
    }


def test_registered_scorers_and_classification():
    """The four scores are registered with default options and classified."""
    r = reference_case()
    detail = coordination_detail(r)
    assert set(detail.scores()) == {"cohesion", "cross_border", "redundancy", "triad_linkage"}
    empty = road([agency("B1", "BOL"), agency("P1", "PER")])
    for name, value in detail.scores().items():
        scorer = get_scorer(name)
        assert scorer.family == "coordination"
        assert scorer.party_symmetric
        assert math.isnan(scorer.on_empty)
        assert same(scorer(r), value)
        assert math.isnan(scorer(empty))


# Properties


SLOW = settings(suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(roadmaps(max_activities=8, max_agencies=7))
def test_scores_in_range_and_detail_agrees(roadmap):
    """Every score is nan or in [0, 1], and each function agrees with the detail."""
    detail = coordination_detail(roadmap)
    assert isinstance(detail, CoordinationDetail)
    for value in detail.scores().values():
        assert isinstance(value, float)
        assert math.isnan(value) or 0.0 <= value <= 1.0
    assert same(cross_border_score(roadmap), detail.cross_border_score)
    assert same(cohesion_score(roadmap), detail.cohesion_score)
    assert same(redundancy_score(roadmap), detail.redundancy_score)
    assert same(triad_linkage_score(roadmap), detail.triad_linkage_score)
    if roadmap.activities and detail.agencies >= 2:
        assert detail.cohesion_score >= 1 / detail.agencies
    json.dumps(detail.to_dict(), allow_nan=False)


@SLOW
@given(roadmaps(max_activities=8, max_agencies=7))
def test_articulation_points_disconnect(roadmap):
    """An agency is named a single point of failure exactly when removing it adds components."""
    network = agency_network(roadmap)
    detail = coordination_detail(roadmap, network=network)
    expected = set()
    for node in network:
        reduced = network.copy()
        reduced.remove_node(node)
        before = nx.number_connected_components(network) - (network.degree[node] == 0)
        if nx.number_connected_components(reduced) > before:
            expected.add(node)
    assert set(detail.articulation_points) == expected


@SLOW
@given(shuffled_pairs(roadmaps(max_activities=8, max_agencies=7)))
def test_detail_invariant_to_list_order(pair):
    """Reordering every list of the roadmap leaves the detail byte for byte the same."""
    first, second = pair
    assert json.dumps(coordination_detail(first).to_dict()) == json.dumps(
        coordination_detail(second).to_dict()
    )


@SLOW
@given(renamed_pairs(roadmaps(max_activities=8, max_agencies=7)))
def test_scores_invariant_to_renaming(pair):
    """Renaming every id changes no score and no count."""
    first, second = pair
    a, b = coordination_detail(first), coordination_detail(second)
    for name, value in a.scores().items():
        assert same(value, b.scores()[name])
    assert (a.ties, a.components, len(a.articulation_points)) == (
        b.ties,
        b.components,
        len(b.articulation_points),
    )
    assert sorted(v for _, v in a.betweenness) == pytest.approx(sorted(v for _, v in b.betweenness))


@SLOW
@given(party_swapped_pairs(roadmaps(max_activities=8, max_agencies=7)))
def test_scores_symmetric_in_the_parties(pair):
    """Swapping two parties' ids changes no score, as the registry promises."""
    first, second = pair
    a, b = coordination_detail(first), coordination_detail(second)
    for name, value in a.scores().items():
        assert same(value, b.scores()[name])


# Large networks: betweenness within its budget, shortcuts for complete components


def clique_and_path(size: int) -> Roadmap:
    """One activity shared by ``size`` agencies (a complete component, police and migration of
    both parties among them) beside a path B1 - P1 - B2 - P2 - B3 of four two-agency
    activities."""
    kinds = [POLICE, MIGRATION, PROSECUTION, FOREIGN]
    team = [agency(f"C{i:03}", "BOL" if i % 2 else "PER", kinds[(i // 2) % 4]) for i in range(size)]
    chain = [
        agency(name, "BOL" if name[0] == "B" else "PER") for name in ("B1", "P1", "B2", "P2", "B3")
    ]
    return road(
        team + chain,
        tuple(a.id for a in team),
        ("B1", "P1"),
        ("P1", "B2"),
        ("B2", "P2"),
        ("P2", "B3"),
    )


def ring(size: int) -> Roadmap:
    """``size`` agencies in a ring, each sharing one activity with the next."""
    agencies = [agency(f"G{i:05}", "BOL" if i % 2 else "PER") for i in range(size)]
    teams = [(agencies[i].id, agencies[(i + 1) % size].id) for i in range(size)]
    return road(agencies, *teams)


def test_complete_components_are_exact_without_a_walk():
    """Above the budget, a complete component's agencies have betweenness 0 without any walk,
    the rest is exact (hand-worked on the path: 3, 4 and 3 pairs over C(n - 1, 2)), and the
    articulation points and triad links equal networkx's and brute force on the whole network."""
    r = clique_and_path(80)
    network = agency_network(r)
    n = network.number_of_nodes()
    assert n * (n + network.number_of_edges()) > BETWEENNESS_BUDGET
    detail = coordination_detail(r)
    assert detail.betweenness_method == "exact"
    assert detail.betweenness_sources == 5  # the path only
    values = dict(detail.betweenness)
    pairs = (n - 1) * (n - 2) / 2
    assert values["P1"] == 3 / pairs
    assert values["B2"] == 4 / pairs
    assert values["P2"] == 3 / pairs
    assert values["B1"] == values["B3"] == values["C000"] == 0.0
    exact = nx.betweenness_centrality(network, normalized=True)
    assert all(math.isclose(values[node], exact[node], abs_tol=1e-15) for node in network)
    assert detail.brokers == ("B2", "P1", "P2")
    assert detail.articulation_points == tuple(sorted(nx.articulation_points(network)))
    assert detail.articulation_points == ("B2", "P1", "P2")
    police, migration, prosecution = detail.triad
    assert (
        police.linked_pairs
        == migration.linked_pairs
        == prosecution.linked_pairs
        == (("BOL", "PER"),)
    )


def test_sampled_betweenness_is_seeded_and_unbiased():
    """A ring too large for exact betweenness is sampled from BETWEENNESS_BUDGET // (agencies
    + ties) sources: the same figures whatever the order of the lists, averaging the exact
    value (every agency of a ring is equally between)."""
    r = ring(400)
    detail = coordination_detail(r)
    assert detail.betweenness_method == "sampled"
    assert detail.betweenness_sources == BETWEENNESS_BUDGET // 800
    assert detail.betweenness_sources >= MIN_PIVOTS
    shuffled = attrs.evolve(r, agencies=r.agencies[::-1], activities=r.activities[::-1])
    assert coordination_detail(shuffled).betweenness == detail.betweenness
    exact = nx.betweenness_centrality(agency_network(r))["G00000"]
    mean = math.fsum(value for _, value in detail.betweenness) / 400
    assert math.isclose(mean, exact, rel_tol=0.05)


def test_betweenness_skipped_when_even_sampling_is_over_budget():
    """A dense network that is not complete (a clique less one tie) gets fewer than MIN_PIVOTS
    sources: betweenness is skipped (nan, no brokers), the scores are still computed, and
    to_dict stays JSON-ready."""
    agencies = [agency(f"G{i:03}", "BOL" if i % 2 else "PER") for i in range(300)]
    ids = tuple(a.id for a in agencies)
    r = road(agencies, ids[:-1], ids[1:])
    detail = coordination_detail(r)
    assert detail.betweenness_method == "skipped"
    assert detail.betweenness_sources == 0
    assert all(math.isnan(value) for _, value in detail.betweenness)
    assert detail.brokers == ()
    assert detail.articulation_points == ()
    assert detail.cohesion_score == 1.0
    data = json.loads(json.dumps(detail.to_dict(), allow_nan=False))
    assert set(data["betweenness"].values()) == {None}


def best_time(function: Any, *args: Any, repeat: int = 3) -> float:
    """The best of ``repeat`` wall-clock times of ``function(*args)``."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def test_evaluation_scales_with_agency_count():
    """Eight times the agencies in a ring: betweenness stays within its budget of steps at both
    sizes, and evaluation takes well under the 64-fold time of exact betweenness (linear would
    be 8-fold; the bound is generous)."""
    small, large = ring(300), ring(2400)
    for r in (small, large):
        detail = coordination_detail(r)
        assert detail.betweenness_sources * (detail.agencies + detail.ties) <= BETWEENNESS_BUDGET
    ratio = best_time(evaluate, large) / best_time(evaluate, small)
    assert ratio < 24


def test_evaluation_scales_with_shared_agencies():
    """One activity shared by 8 times the agencies (64 times the ties): no betweenness walk at
    all (a complete network), and evaluation grows with the ties, about as the square of the
    agencies, well under the cube that exact betweenness takes."""

    def shared(size: int) -> Roadmap:
        agencies = [agency(f"G{i:04}", "BOL" if i % 2 else "PER") for i in range(size)]
        return road(agencies, tuple(a.id for a in agencies))

    small, large = shared(40), shared(320)
    detail = coordination_detail(large)
    assert detail.betweenness_sources == 0
    assert detail.betweenness_method == "exact"
    assert detail.brokers == ()
    assert detail.articulation_points == ()
    ratio = best_time(evaluate, large) / best_time(evaluate, small)
    assert ratio < 8**2.5  # about 181: the square of 8 is 64, its cube 512


def test_evaluation_scales_with_dependency_count():
    """Eight times the dependencies, as a chain and as one activity depending on all others:
    evaluation grows about linearly (well under the 64-fold time a quadratic walk would take)."""

    def chain(size: int) -> Roadmap:
        r = ring(2)
        return attrs.evolve(
            r,
            activities=tuple(
                Activity(
                    id=f"A{i}",
                    title="t",
                    axis="ax",
                    responsible=(r.agencies[i % 2].id,),
                    depends_on=(f"A{i - 1}",) if i else (),
                    due=dt.date(2025, 1, 1) + dt.timedelta(days=i % 700),
                )
                for i in range(size)
            ),
        )

    def fan(size: int) -> Roadmap:
        r = ring(2)
        prerequisites = [
            Activity(id=f"A{i}", title="t", axis="ax", due=dt.date(2025, 6, 1)) for i in range(size)
        ]
        last = Activity(
            id="Z",
            title="t",
            axis="ax",
            responsible=(r.agencies[0].id,),
            depends_on=tuple(a.id for a in prerequisites),
            due=dt.date(2025, 3, 1),
        )
        return attrs.evolve(r, activities=(*prerequisites, last))

    for build in (chain, fan):
        small, large = build(1000), build(8000)
        assert evaluate(large).schedule.dated_dependencies == 7999 + (build is fan)
        ratio = best_time(evaluate, large) / best_time(evaluate, small)
        assert ratio < 24, build.__name__


@SLOW
@given(roadmaps(max_activities=8, max_agencies=9))
def test_large_network_path_agrees_with_the_exact_one(roadmap):
    """With a budget just below the whole network's cost, the path for large networks (complete
    components without a walk, the rest exact or sampled) gives exact networkx betweenness
    whenever it is exact, and always networkx's articulation points and the same triad."""
    network = agency_network(roadmap)
    n, m = network.number_of_nodes(), network.number_of_edges()
    exact = coordination_detail(roadmap)
    with mock.patch("coopframe.scoring._agency_ties.BETWEENNESS_BUDGET", n * (n + m) - 1):
        large = coordination_detail(roadmap)
    assert large.articulation_points == tuple(sorted(nx.articulation_points(network)))
    assert large.triad == exact.triad
    for name, value in exact.scores().items():
        assert same(large.scores()[name], value)
    if large.betweenness_method == "exact":
        truth = nx.betweenness_centrality(network, normalized=True)
        for node, value in large.betweenness:
            assert math.isclose(value, truth[node], abs_tol=1e-12)
