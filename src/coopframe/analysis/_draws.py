"""Drawing weightings around a profile and tallying the ranks they give, for rank robustness."""

from __future__ import annotations

import array
import math
import operator
import random
from collections.abc import Sequence
from typing import TypeAlias

from coopframe.analysis._ranking import _Scored
from coopframe.exceptions import InvalidParameterError
from coopframe.scoring import Profile


def _dirichlet(rng: random.Random, alphas: Sequence[float]) -> list[float]:
    """One draw of a Dirichlet(alphas) vector, through gamma variates (stdlib only)."""
    for _ in range(1000):
        draws = [rng.gammavariate(alpha, 1.0) for alpha in alphas]
        total = math.fsum(draws)
        if total > 0 and math.isfinite(total):
            return [draw / total for draw in draws]
    raise InvalidParameterError(
        "The 'concentration' parameter of rank_robustness is too small to draw weights from. "
        f"Got alphas {list(alphas)!r} instead."
    )


def _percentile_rank(counts: Sequence[int], total: int, q: float) -> int:
    """The nearest-rank percentile ``q`` of ranks given as counts (``counts[r]``: rank r)."""
    position = min(max(1, math.ceil(q * total - 1e-9)), total)
    seen = 0
    for rank_value, count in enumerate(counts):
        seen += count
        if seen >= position:
            return rank_value
    return len(counts) - 1


class _RankTally:
    """The ranks one roadmap took over the weightings, in memory that does not grow with them.

    With fewer weightings than roadmaps, the ranks are kept as drawn (one slot per weighting);
    otherwise as counts per rank (one slot per rank). Either way a roadmap costs at most
    ``min(weightings, roadmaps + 1)`` slots.
    """

    def __init__(self, n_samples: int, n: int) -> None:
        self.by_sample = n_samples <= n
        self.n = n
        self.slots = array.array("l", [0]) * (n_samples if self.by_sample else n + 1)

    def add(self, sample: int, rank_value: int) -> None:
        if self.by_sample:
            self.slots[sample] = rank_value
        else:
            self.slots[rank_value] += 1

    def counts(self) -> array.array[int]:
        if not self.by_sample:
            return self.slots
        counts = array.array("l", [0]) * (self.n + 1)
        for rank_value in self.slots:
            counts[rank_value] += 1
        return counts


_ScoreGroups: TypeAlias = dict[tuple[int, ...], list[tuple[int, list[float]]]]
"""Positions of roadmaps and their scores, keyed by which of the weighed scores they define."""


class _Draws:
    """What the perturbed weightings gave: each roadmap's ranks, and how the order held."""

    def __init__(self, n_samples: int, n: int) -> None:
        self.tallies = [_RankTally(n_samples, n) for _ in range(n)]
        self.squared_total = 0
        self.max_squared = 0
        self.same_set = 0
        self.same_order = 0


def _tiebreaks(base: Sequence[_Scored]) -> list[int]:
    """Each position's place in the order of (id, source): ties are broken as in the ranking."""
    n = len(base)
    by_name = sorted(range(n), key=lambda p: (base[p].roadmap_id, base[p].source))
    tiebreak = [0] * n
    for place, position in enumerate(by_name):
        tiebreak[position] = place
    return tiebreak


def _score_groups(base: Sequence[_Scored], names: Sequence[str]) -> _ScoreGroups:
    """Roadmaps grouped by which of the profile's scores they define: one normalisation each."""
    groups: _ScoreGroups = {}
    for position, item in enumerate(base):
        defined = tuple(i for i, name in enumerate(names) if not math.isnan(item.scores[name]))
        groups.setdefault(defined, []).append(
            (position, [float(item.scores[names[i]]) for i in defined])
        )
    return groups


def _fill_values(weights: Sequence[float], groups: _ScoreGroups, values: list[float]) -> None:
    """Each roadmap's negated composite under ``weights`` (``inf`` when undefined), in place."""
    for defined, members in groups.items():
        total = math.fsum(weights[i] for i in defined)
        if not defined or total <= 0:
            for position, _ in members:
                values[position] = math.inf
            continue
        shares = [weights[i] / total for i in defined]
        for position, vals in members:
            values[position] = -sum(map(operator.mul, shares, vals))


def _draw(
    base: Sequence[_Scored],
    chosen: Profile,
    *,
    n_samples: int,
    concentration: float,
    top_k: int,
    seed: int,
) -> _Draws:
    """Rank the roadmaps (in ranking order) under ``n_samples`` weightings around ``chosen``."""
    n = len(base)
    tiebreak = _tiebreaks(base)
    names = [name for name, weight in chosen.weights.items() if weight > 0]
    total_weight = math.fsum(chosen.weights[name] for name in names)
    alphas = [float(concentration) * chosen.weights[name] / total_weight for name in names]
    groups = _score_groups(base, names)
    rng = random.Random(seed)
    k = min(top_k, n)
    draws = _Draws(n_samples, n)
    base_top = list(range(k))
    values = [math.inf] * n
    for sample in range(n_samples):
        _fill_values(_dirichlet(rng, alphas), groups, values)
        order = sorted(range(n), key=lambda p: (values[p], tiebreak[p]))
        squared = 0
        for new_rank, position in enumerate(order, start=1):
            draws.tallies[position].add(sample, new_rank)
            squared += (new_rank - position - 1) ** 2
        draws.squared_total += squared
        draws.max_squared = max(draws.max_squared, squared)
        top = order[:k]
        draws.same_order += top == base_top
        draws.same_set += sorted(top) == base_top
    return draws
