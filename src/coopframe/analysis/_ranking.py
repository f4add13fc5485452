"""Ordering roadmaps by a profile's composite: :func:`rank` and :class:`Ranking`."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from coopframe._checks import refuse
from coopframe._util import json_float
from coopframe.analysis._batch import Batch
from coopframe.analysis._common import _check_limit, _fmt, _label, frozen_tuple
from coopframe.analysis._outcome import Outcome
from coopframe.exceptions import InvalidParameterError
from coopframe.scoring import (
    PROFILES,
    Evaluation,
    Profile,
    composite,
    get_profile,
    rating_band,
)


@attrs.frozen(kw_only=True)
class RankEntry:
    """One roadmap's place in a :class:`Ranking`.

    Attributes
    ----------
    rank
        1 for the highest composite; ties are broken by roadmap id, then source, so ranks are
        distinct; roadmaps whose composite is undefined come last.
    roadmap_id, source
        Which roadmap, and where it came from.
    composite
        Its composite under the ranking's profile, in [0, 1] (higher is better); ``nan`` when
        no score of the profile is defined for it.
    band
        The composite's rating band.
    """

    rank: int
    roadmap_id: str
    source: str
    composite: float
    band: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "rank": self.rank,
            "roadmap_id": self.roadmap_id,
            "source": self.source,
            "composite": json_float(self.composite),
            "band": self.band,
        }


@attrs.frozen(kw_only=True)
class Ranking:
    """Roadmaps ordered by a profile's composite score.

    Attributes
    ----------
    profile
        The profile whose composite orders the roadmaps.
    entries
        One per roadmap, best first.
    failures
        The sources of failed outcomes, which have no rank, sorted.
    """

    profile: Profile = attrs.field(hash=False)
    entries: tuple[RankEntry, ...] = attrs.field(converter=frozen_tuple)
    failures: tuple[str, ...] = attrs.field(default=(), converter=frozen_tuple)

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def ids(self) -> tuple[str, ...]:
        """The roadmap ids, best first."""
        return tuple(entry.roadmap_id for entry in self.entries)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and deterministic."""
        return {
            "profile": self.profile.to_dict(),
            "ranking": [entry.to_dict() for entry in self.entries],
            "failures": list(self.failures),
        }

    def summary(self, *, limit: int | None = 20) -> str:
        """A text table of the ranking, the first ``limit`` roadmaps (all with ``None``).

        Examples
        --------
        >>> roads = [cf.datasets.load("bolivia-peru-2021-2022"),
        ...          cf.datasets.load("bolivia-peru-2025-2026")]
        >>> print(cf.analysis.rank(cf.analysis.evaluate_many(roads, progress=False)).summary())
        Ranking of 2 roadmaps under profile 'balanced' (higher composite is better)
         rank  composite  band         roadmap
            1  ...  bolivia-peru-2021-2022
            2  ...  bolivia-peru-2025-2026
        """
        _check_limit(limit, "Ranking.summary")
        count = len(self.entries)
        lines = [
            f"Ranking of {count} roadmap{'s' if count != 1 else ''} under profile "
            f"{self.profile.name!r} (higher composite is better)",
            " rank  composite  band         roadmap",
        ]
        shown = self.entries if limit is None else self.entries[:limit]
        for entry in shown:
            lines.append(
                f"{entry.rank:>5}  {_fmt(entry.composite):>9}  {entry.band:<11}  "
                f"{_label(entry.roadmap_id, entry.source)}"
            )
        if len(shown) < count:
            lines.append(f"  ... {count - len(shown)} more")
        if self.failures:
            lines.append(
                f"Not ranked ({len(self.failures)} failed): {', '.join(self.failures[:10])}"
                + (", ..." if len(self.failures) > 10 else "")
            )
        return "\n".join(lines)


@attrs.frozen
class _Scored:
    roadmap_id: str
    source: str
    scores: Mapping[str, float]


def _gather(
    results: object, profile: Profile | str | None, function: str
) -> tuple[Profile, list[_Scored], tuple[str, ...]]:
    """The profile to rank under, the evaluated roadmaps, and the failed sources."""
    if isinstance(results, Batch):
        entries: Iterable[object] = results.outcomes
        default: Profile | None = results.profile
    elif isinstance(results, Iterable) and not isinstance(results, str | bytes | Mapping):
        entries = results
        default = None
    else:
        refuse(
            "results",
            function,
            "a Batch or an iterable of evaluations or outcomes",
            type(results).__name__,
        )
    scored: list[_Scored] = []
    failures: list[str] = []
    profiles_seen: set[str] = set()
    for entry in entries:
        if isinstance(entry, Outcome):
            if entry.evaluation is None:
                failures.append(entry.source)
                continue
            evaluation, source = entry.evaluation, entry.source
        elif isinstance(entry, Evaluation):
            evaluation, source = entry, entry.roadmap_id
        else:
            raise InvalidParameterError(
                f"The 'results' parameter of {function} must hold evaluations or outcomes. "
                f"Got {type(entry).__name__} instead."
            )
        profiles_seen.add(evaluation.composite.profile)
        scored.append(_Scored(evaluation.roadmap_id, source, evaluation.scores))
    if profile is not None:
        chosen = get_profile(profile)
    elif default is not None:
        chosen = default
    elif len(profiles_seen) > 1 or (profiles_seen and not profiles_seen <= set(PROFILES)):
        raise InvalidParameterError(
            f"The 'profile' parameter of {function} is needed when the evaluations were not all "
            "made under one built-in profile. Got None for evaluations made under "
            f"{sorted(profiles_seen)} instead."
        )
    else:
        chosen = get_profile(next(iter(profiles_seen), None))
    for item in scored:
        missing = sorted(set(chosen.weights) - set(item.scores))
        if missing:
            raise InvalidParameterError(
                f"The 'profile' parameter of {function} must weigh scores the evaluations have. "
                f"Got {chosen.name!r}, whose {missing} {item.source!r} lacks, instead."
            )
    return chosen, scored, tuple(sorted(failures))


def _order_key(value: float, roadmap_id: str, source: str) -> tuple[bool, float, str, str]:
    undefined = math.isnan(value)
    return (undefined, 0.0 if undefined else -value, roadmap_id, source)


def rank(
    results: Batch | Iterable[Evaluation | Outcome], *, profile: Profile | str | None = None
) -> Ranking:
    """Order roadmaps by a profile's composite score, best first.

    Parameters
    ----------
    results
        A :class:`Batch`, or evaluations or outcomes (failed outcomes are listed as failures,
        not ranked).
    profile
        The profile whose composite orders the roadmaps, recomputed from each evaluation's
        scores. ``None``: the batch's profile, or the built-in profile the evaluations were
        made under.

    Returns
    -------
    Ranking
        Highest composite first; ties broken by roadmap id then source; undefined composites
        last. The same whatever the order of ``results``.

    Raises
    ------
    InvalidParameterError
        ``results`` holds something else, the profile weighs a score the evaluations lack, or
        ``profile`` is ``None`` for evaluations made under several or custom profiles.
    UnknownNameError
        No built-in profile has that name.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(5, n_activities=20, seed=4)
    >>> ranking = cf.analysis.rank(cf.analysis.evaluate_many(roads, progress=False))
    >>> [entry.rank for entry in ranking.entries]
    [1, 2, 3, 4, 5]
    >>> ranking.entries[0].composite >= ranking.entries[-1].composite
    True
    """
    chosen, scored, failures = _gather(results, profile, "rank")
    return _rank_scored(chosen, scored, failures)


def _rank_scored(chosen: Profile, scored: list[_Scored], failures: tuple[str, ...]) -> Ranking:
    values = [composite(item.scores, profile=chosen).value for item in scored]
    order = sorted(
        range(len(scored)),
        key=lambda j: _order_key(values[j], scored[j].roadmap_id, scored[j].source),
    )
    entries = tuple(
        RankEntry(
            rank=position + 1,
            roadmap_id=scored[j].roadmap_id,
            source=scored[j].source,
            composite=values[j],
            band=rating_band(values[j]),
        )
        for position, j in enumerate(order)
    )
    return Ranking(profile=chosen, entries=entries, failures=failures)
