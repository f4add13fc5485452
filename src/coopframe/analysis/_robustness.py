"""How a ranking holds up when its profile's weights are perturbed: :func:`rank_robustness`."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from coopframe._checks import check_int, check_number
from coopframe._util import json_float
from coopframe.analysis._batch import Batch
from coopframe.analysis._common import _check_limit, _fmt, _label, frozen_tuple
from coopframe.analysis._draws import _draw, _Draws, _percentile_rank
from coopframe.analysis._outcome import Outcome
from coopframe.analysis._ranking import Ranking, _gather, _rank_scored
from coopframe.scoring import Evaluation, Profile


@attrs.frozen(kw_only=True)
class RankStability:
    """How one roadmap's rank moves when the profile's weights are perturbed.

    Attributes
    ----------
    rank
        Its rank under the profile itself.
    roadmap_id, source
        Which roadmap.
    composite
        Its composite under the profile.
    best, worst
        The best (lowest) and worst rank over all perturbed weightings.
    low, high
        The rank interval holding the central ``level`` share of the weightings (5th to 95th
        percentile for ``level=0.9``).
    median
        The median rank.
    top_k_share
        Share of weightings that keep it in the top ``k``, in [0, 1].
    """

    rank: int
    roadmap_id: str
    source: str
    composite: float
    best: int
    worst: int
    low: int
    high: int
    median: int
    top_k_share: float

    @property
    def robust(self) -> bool:
        """Whether the central interval is the rank itself: most weightings give this rank."""
        return self.low == self.high == self.rank

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "rank": self.rank,
            "roadmap_id": self.roadmap_id,
            "source": self.source,
            "composite": json_float(self.composite),
            "best": self.best,
            "worst": self.worst,
            "low": self.low,
            "high": self.high,
            "median": self.median,
            "top_k_share": self.top_k_share,
            "robust": self.robust,
        }


@attrs.frozen(kw_only=True)
class Robustness:
    """How a ranking holds up when the profile's weights are perturbed.

    Attributes
    ----------
    ranking
        The ranking under the profile itself.
    entries
        One :class:`RankStability` per roadmap, in the ranking's order.
    n_samples, concentration, top_k, seed, level
        The options of :func:`rank_robustness`.
    mean_spearman, min_spearman
        Spearman's rank correlation between the profile's ranking and each perturbed one, mean
        and lowest, in [-1, 1] (1 is the same order); ``nan`` with fewer than two roadmaps.
    top_k_same_set, top_k_same_order
        Share of weightings whose top ``k`` holds the same roadmaps as the profile's, and in
        the same order, in [0, 1].
    """

    ranking: Ranking
    entries: tuple[RankStability, ...] = attrs.field(converter=frozen_tuple)
    n_samples: int
    concentration: float
    top_k: int
    seed: int
    level: float
    mean_spearman: float
    min_spearman: float
    top_k_same_set: float
    top_k_same_order: float

    @property
    def robust_ranks(self) -> tuple[int, ...]:
        """The ranks that most weightings keep (see :attr:`RankStability.robust`)."""
        return tuple(entry.rank for entry in self.entries if entry.robust)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and deterministic."""
        return {
            "profile": self.ranking.profile.to_dict(),
            "n_samples": self.n_samples,
            "concentration": float(self.concentration),
            "top_k": self.top_k,
            "seed": self.seed,
            "level": float(self.level),
            "mean_spearman": json_float(self.mean_spearman),
            "min_spearman": json_float(self.min_spearman),
            "top_k_same_set": self.top_k_same_set,
            "top_k_same_order": self.top_k_same_order,
            "ranks": [entry.to_dict() for entry in self.entries],
            "failures": list(self.ranking.failures),
        }

    def summary(self, *, limit: int | None = 10) -> str:
        """Which ranks are robust to the weights and which are artefacts of them, in words.

        ``limit`` caps the rows of the table (all with ``None``).

        Examples
        --------
        >>> roads = cf.synthetic.synthetic_corpus(6, n_activities=20, seed=5)
        >>> batch = cf.analysis.evaluate_many(roads, progress=False)
        >>> report = cf.analysis.rank_robustness(batch, n_samples=200)
        >>> print(report.summary())  # doctest: +ELLIPSIS
        Rank robustness of 6 roadmaps under profile 'balanced': 200 weightings drawn around it...
        """
        _check_limit(limit, "Robustness.summary")
        count = len(self.entries)
        pct = f"{self.level:.0%}"
        lines = [
            f"Rank robustness of {count} roadmap{'s' if count != 1 else ''} under profile "
            f"{self.ranking.profile.name!r}: {self.n_samples:,} weightings drawn around it "
            f"(Dirichlet, concentration {self.concentration:g}, seed {self.seed}).",
        ]
        if count == 0:
            lines.append("Nothing to rank.")
            return "\n".join(lines)
        k = min(self.top_k, count)
        if count > 1:
            lines.append(
                f"Overall: rank correlation with the profile's ranking (Spearman) "
                f"{self.mean_spearman:.3f} on average, {self.min_spearman:.3f} at worst; the top "
                f"{k} holds the same roadmaps in {self.top_k_same_set:.0%} of weightings, in the "
                f"same order in {self.top_k_same_order:.0%}."
            )
        robust = self.robust_ranks
        lines.append(
            f"Robust ranks (at least {pct} of weightings give exactly this rank): "
            + (f"{_ranges(robust)} ({len(robust)} of {count})." if robust else "none.")
        )
        fragile = [entry for entry in self.entries if not entry.robust]
        if fragile:
            lines.append(
                f"{'Every other' if robust else 'Every'} rank depends on the weights: its {pct} "
                "interval spans several places, so read the roadmaps within it as tied, not as "
                "ordered."
            )
        top = self.entries[:k]
        if all(entry.robust for entry in top):
            lines.append(f"The top {k} is robust to the weights.")
        else:
            moving = ", ".join(
                f"{entry.roadmap_id} (rank {entry.rank}, in the top {k} in "
                f"{entry.top_k_share:.0%} of weightings)"
                for entry in top
                if not entry.robust
            )
            lines.append(
                f"The order of the top {k} is partly an artefact of the weights: {moving}."
            )
        lines.append(f" rank  composite  {pct} interval    range  in top {k}  roadmap")
        shown = self.entries if limit is None else self.entries[:limit]
        for entry in shown:
            interval = f"{entry.low}-{entry.high}"
            spread = f"{entry.best}-{entry.worst}"
            mark = "  robust" if entry.robust else ""
            lines.append(
                f"{entry.rank:>5}  {_fmt(entry.composite):>9}  {interval:>12}  {spread:>7}  "
                f"{entry.top_k_share:>9.0%}  {_label(entry.roadmap_id, entry.source)}{mark}"
            )
        if len(shown) < count:
            lines.append(f"  ... {count - len(shown)} more")
        return "\n".join(lines)


def _ranges(ranks: Sequence[int]) -> str:
    """``1, 2, 3, 7`` as ``1-3, 7``."""
    parts: list[str] = []
    start = previous = ranks[0]
    for value in [*ranks[1:], None]:
        if value is not None and value == previous + 1:
            previous = value
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if value is not None:
            start = previous = value
    return ", ".join(parts)


MAX_SAMPLES = 1_000_000
"""The most weightings :func:`rank_robustness` draws (its ``n_samples``)."""


def _check_robustness_options(
    n_samples: object, concentration: object, top_k: object, seed: object, level: object
) -> None:
    function = "rank_robustness"
    for name, value in (("n_samples", n_samples), ("top_k", top_k)):
        check_int(name, value, function, minimum=1, expected="a whole number >= 1")
    check_int(
        "n_samples",
        n_samples,
        function,
        maximum=MAX_SAMPLES,
        expected=f"a whole number from 1 to {MAX_SAMPLES:,}",
    )
    check_number("concentration", concentration, function, low=0, low_open=True)
    check_int("seed", seed, function, expected="a whole number")
    check_number(
        "level",
        level,
        function,
        low=0,
        high=1,
        low_open=True,
        high_open=True,
        expected="a number between 0 and 1, exclusive",
    )


def rank_robustness(
    results: Batch | Iterable[Evaluation | Outcome],
    *,
    profile: Profile | str | None = None,
    n_samples: int = 1000,
    concentration: float = 100.0,
    top_k: int = 3,
    seed: int = 0,
    level: float = 0.9,
) -> Robustness:
    """How much a ranking owes to the exact weights of its profile.

    Draws ``n_samples`` weightings from a Dirichlet distribution centred on the profile's
    weights (alpha = ``concentration`` x weight share; only the scores the profile weighs, each
    kept above zero), recomputes every roadmap's composite from its stored scores under each,
    and reports how each roadmap's rank moves. A rank that most weightings keep is a property
    of the roadmaps; one that moves within a few places is an artefact of the weights, and its
    neighbours are better read as tied.

    Parameters
    ----------
    results
        As for :func:`rank`.
    profile
        As for :func:`rank`: the centre of the perturbation.
    n_samples
        How many weightings to draw, from 1 to :data:`MAX_SAMPLES` (a million).
    concentration
        How tightly the weightings hug the profile; larger is tighter. A weight share w moves
        with standard deviation sqrt(w (1 - w) / (concentration + 1)): at 100, a weight of
        0.25 by about 0.04 and one of 0.05 by about 0.02.
    top_k
        The ``k`` of the top-k figures.
    seed
        Seed of the random generator; the same seed gives the same report.
    level
        The share of weightings the rank interval holds (0.9: the 5th to the 95th percentile).

    Returns
    -------
    Robustness
        Per roadmap: its rank under the profile, rank range and interval, median rank and how
        often it stays in the top ``k``; overall: Spearman correlation with the profile's
        ranking and the stability of the top ``k``. Deterministic for a seed, whatever the
        order of ``results``.

    Raises
    ------
    InvalidParameterError, UnknownNameError
        As for :func:`rank`, or a bad option.

    Notes
    -----
    The cost is ``n_samples`` x (roadmaps x weighed scores + a sort of the roadmaps), in pure
    Python: about a second for 1,000 weightings of 300 roadmaps. Memory does not grow with
    ``n_samples`` beyond the number of roadmaps: ranks are tallied as they are drawn, in at most
    ``roadmaps x min(n_samples, roadmaps + 1)`` machine words.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(8, n_activities=20, seed=6)
    >>> batch = cf.analysis.evaluate_many(roads, progress=False)
    >>> tight = cf.analysis.rank_robustness(batch, concentration=1e9, n_samples=50)
    >>> all(e.best == e.worst == e.rank for e in tight.entries)
    True
    >>> loose = cf.analysis.rank_robustness(batch, concentration=5, n_samples=200)
    >>> loose.mean_spearman < 1
    True
    """
    _check_robustness_options(n_samples, concentration, top_k, seed, level)
    chosen, scored, failures = _gather(results, profile, "rank_robustness")
    ranking = _rank_scored(chosen, scored, failures)
    n = len(ranking.entries)
    by_key = {(s.roadmap_id, s.source): s for s in scored}
    base = [by_key[(e.roadmap_id, e.source)] for e in ranking.entries]
    draws = _draw(
        base, chosen, n_samples=n_samples, concentration=concentration, top_k=top_k, seed=seed
    )
    return Robustness(
        ranking=ranking,
        entries=_stabilities(ranking, draws, n_samples=n_samples, top_k=top_k, level=level),
        n_samples=n_samples,
        concentration=float(concentration),
        top_k=top_k,
        seed=seed,
        level=float(level),
        mean_spearman=(
            1 - 6 * draws.squared_total / (n_samples * n * (n * n - 1)) if n > 1 else math.nan
        ),
        min_spearman=1 - 6 * draws.max_squared / (n * (n * n - 1)) if n > 1 else math.nan,
        top_k_same_set=draws.same_set / n_samples if n else 0.0,
        top_k_same_order=draws.same_order / n_samples if n else 0.0,
    )


def _stabilities(
    ranking: Ranking, draws: _Draws, *, n_samples: int, top_k: int, level: float
) -> tuple[RankStability, ...]:
    """One :class:`RankStability` per entry of ``ranking``, from the ranks it was drawn at."""
    low_q, high_q = (1 - level) / 2, 1 - (1 - level) / 2
    entries = []
    for position, entry in enumerate(ranking.entries):
        counts = draws.tallies[position].counts()
        observed = [rank_value for rank_value, count in enumerate(counts) if count]
        entries.append(
            RankStability(
                rank=entry.rank,
                roadmap_id=entry.roadmap_id,
                source=entry.source,
                composite=entry.composite,
                best=observed[0],
                worst=observed[-1],
                low=_percentile_rank(counts, n_samples, low_q),
                high=_percentile_rank(counts, n_samples, high_q),
                median=_percentile_rank(counts, n_samples, 0.5),
                top_k_share=sum(counts[: top_k + 1]) / n_samples,
            )
        )
    return tuple(entries)
