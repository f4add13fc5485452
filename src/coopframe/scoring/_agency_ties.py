"""The agency network read for coordination: ties across borders, components, articulation
points, betweenness within a budget, and the police-prosecution-migration triad."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import attrs
import networkx as nx

from coopframe.model import AgencyKind

__all__ = ["BETWEENNESS_BUDGET", "MIN_PIVOTS", "TRIAD", "TriadLink"]

TRIAD: tuple[AgencyKind, ...] = (AgencyKind.POLICE, AgencyKind.PROSECUTION, AgencyKind.MIGRATION)
"""The agency kinds of the triad :func:`triad_linkage_score` looks for, in that order."""

BETWEENNESS_BUDGET = 250_000
"""Steps (walks x (agencies + ties)) betweenness may take before it is sampled or skipped."""

MIN_PIVOTS = 16
"""The fewest source agencies a sampled betweenness is drawn from; below that it is skipped."""

_SEED = 0


@attrs.frozen(kw_only=True)
class TriadLink:
    """Whether the agencies of one kind are tied across every border between parties that have them.

    Attributes
    ----------
    kind
        Police, prosecution or migration.
    parties
        The parties with at least one agency of this kind, sorted.
    linked_pairs
        Pairs of those parties (each pair sorted) with a direct tie between agencies of this
        kind, sorted.
    missing_pairs
        The other pairs, sorted.
    """

    kind: AgencyKind
    parties: tuple[str, ...]
    linked_pairs: tuple[tuple[str, str], ...]
    missing_pairs: tuple[tuple[str, str], ...]

    @property
    def linked(self) -> bool | None:
        """``True`` when every pair is tied, ``None`` when fewer than two parties have the kind."""
        if len(self.parties) < 2:
            return None
        return not self.missing_pairs

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready rendering."""
        return {
            "parties": list(self.parties),
            "linked_pairs": [list(pair) for pair in self.linked_pairs],
            "missing_pairs": [list(pair) for pair in self.missing_pairs],
            "linked": self.linked,
        }


class _Ties:
    """The network's ties counted once and by weight, in total and across borders."""

    __slots__ = ("count", "cross_count", "cross_weight", "weight")

    def __init__(self, graph: nx.Graph[str]) -> None:
        party: dict[str, str] = {node: data["party"] for node, data in graph.nodes.data()}
        self.count = self.cross_count = self.weight = self.cross_weight = 0
        for u, v, weight in graph.edges.data("weight", default=1):
            self.count += 1
            self.weight += weight
            if party[u] != party[v]:
                self.cross_count += 1
                self.cross_weight += weight

    def score(self, *, weighted: bool) -> float:
        if weighted:
            return self.cross_weight / self.weight if self.weight else math.nan
        return self.cross_count / self.count if self.count else math.nan


class _Parts:
    """The connected components of a network, and which of them are complete.

    In a *complete* component every agency is tied to every other (the agencies of one shared
    activity are): it has no articulation point, no agency between two others, and every pair
    of its agencies is tied. Knowing that answers those questions without walking its ties,
    which a single activity shared by ``k`` agencies has ``k (k - 1) / 2`` of.
    """

    __slots__ = ("complete", "components", "other")

    def __init__(self, graph: nx.Graph[str]) -> None:
        self.components: list[set[str]] = list(nx.connected_components(graph))
        self.complete: list[set[str]] = []
        self.other: list[str] = []
        degree = graph.degree
        for component in self.components:
            k = len(component)
            if sum(degree(node) for node in component) == k * (k - 1):
                self.complete.append(component)
            else:
                self.other.extend(component)


def _components(parts: _Parts) -> tuple[int, set[str]]:
    """How many connected components, and the largest (ties: the one with the smallest id)."""
    components = parts.components
    if not components:
        return 0, set()
    return len(components), min(components, key=lambda c: (-len(c), min(c)))


def _articulation_points(graph: nx.Graph[str], parts: _Parts) -> list[str]:
    """The articulation points: one linear search, over the components that are not complete."""
    if not parts.other:
        return []
    if not parts.complete:
        return list(nx.articulation_points(graph))
    return list(nx.articulation_points(graph.subgraph(parts.other)))


def _cohesion(graph: nx.Graph[str], largest: set[str]) -> float:
    n = graph.number_of_nodes()
    return len(largest) / n if n >= 2 else math.nan


def _redundancy(graph: nx.Graph[str], articulation: int) -> float:
    tied = sum(1 for _, degree in graph.degree if degree > 0)
    return (tied - articulation) / tied if tied else math.nan


def _betweenness(graph: nx.Graph[str], parts: _Parts) -> tuple[list[tuple[str, float]], str, int]:
    """Normalised betweenness within :data:`BETWEENNESS_BUDGET`, how, and from how many sources.

    Computed on a copy with nodes and edges in sorted order: the sums behind betweenness depend,
    in their last bits, on the order the graph is walked, and a canonical copy makes the figures
    independent of the order of the roadmap's lists.
    """
    n, ties = graph.number_of_nodes(), graph.number_of_edges()
    if n * (n + ties) <= BETWEENNESS_BUDGET:
        values = nx.betweenness_centrality(_canonical(graph, graph.nodes), normalized=True)
        return [(node, float(values[node])) for node in sorted(graph.nodes)], "exact", n
    rest = parts.other
    result = dict.fromkeys(sorted(graph.nodes), 0.0)
    if not rest:
        return list(result.items()), "exact", 0
    canonical = _canonical(graph, rest)
    walked, rest_ties = canonical.number_of_nodes(), canonical.number_of_edges()
    method, pivots = "exact", walked
    if walked * (walked + rest_ties) > BETWEENNESS_BUDGET:
        pivots = BETWEENNESS_BUDGET // (walked + rest_ties)
        method = "sampled" if pivots >= MIN_PIVOTS else "skipped"
    if method == "skipped":
        result.update(dict.fromkeys(rest, math.nan))
        return list(result.items()), method, 0
    # Pair dependencies (each pair once; scaled up from the sources when sampled), then
    # normalised by the pairs of the whole network, as networkx normalises.
    raw = nx.betweenness_centrality(
        canonical,
        k=None if method == "exact" else pivots,
        normalized=False,
        seed=None if method == "exact" else _SEED,
    )
    pairs = (n - 1) * (n - 2) / 2
    for node, value in raw.items():
        result[node] = float(value) / pairs
    return list(result.items()), method, pivots


def _canonical(graph: nx.Graph[str], nodes: Iterable[str]) -> nx.Graph[str]:
    """The subgraph on ``nodes``, built with its nodes and edges in sorted order."""
    keep = set(nodes)
    canonical: nx.Graph[str] = nx.Graph()
    canonical.add_nodes_from(sorted(keep))
    canonical.add_edges_from(
        sorted(_sorted_pair(u, v) for u, v in graph.edges(keep) if u in keep and v in keep)
    )
    return canonical


def _triad(graph: nx.Graph[str], parts: _Parts) -> tuple[TriadLink, ...]:
    """Kind by kind of :data:`TRIAD`: which parties have it, which pairs are tied by it.

    In a complete component every pair of its parties having agencies of a kind is tied by
    that kind; only the ties of the other components are read one by one.
    """
    party: dict[str, str] = {node: data["party"] for node, data in graph.nodes.data()}
    kind = {node: AgencyKind(data["agency_kind"]) for node, data in graph.nodes.data()}
    parties: dict[AgencyKind, set[str]] = {k: set() for k in TRIAD}
    linked: dict[AgencyKind, set[tuple[str, str]]] = {k: set() for k in TRIAD}
    for node, node_kind in kind.items():
        if node_kind in parties:
            parties[node_kind].add(party[node])
    for component in parts.complete:
        for k in TRIAD:
            having = sorted({party[node] for node in component if kind[node] is k})
            linked[k].update((a, b) for i, a in enumerate(having) for b in having[i + 1 :])
    for u, v in graph.edges(parts.other):
        if kind[u] is kind[v] and kind[u] in linked and party[u] != party[v]:
            linked[kind[u]].add(_sorted_pair(party[u], party[v]))
    links = []
    for k in TRIAD:
        having = sorted(parties[k])
        pairs = [(a, b) for i, a in enumerate(having) for b in having[i + 1 :]]
        links.append(
            TriadLink(
                kind=k,
                parties=tuple(having),
                linked_pairs=tuple(pair for pair in pairs if pair in linked[k]),
                missing_pairs=tuple(pair for pair in pairs if pair not in linked[k]),
            )
        )
    return tuple(links)


def _triad_score(links: Iterable[TriadLink]) -> float:
    verdicts = [link.linked for link in links if link.linked is not None]
    return sum(verdicts) / len(verdicts) if verdicts else math.nan


def _sorted_pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _undefined_if(empty: bool, value: float) -> float:
    return math.nan if empty else value
