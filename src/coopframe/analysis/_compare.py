"""Two roadmaps side by side: :class:`ScoreChange`, :class:`Comparison` and :func:`compare`."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from coopframe._checks import as_date
from coopframe._util import json_float
from coopframe.analysis._common import (
    _check_options,
    _check_roadmap,
    _check_top,
    frozen_tuple,
)
from coopframe.analysis._matching import DEFAULT_THRESHOLD, ActivityMatch, _match
from coopframe.model import Activity, ActivityId, Roadmap
from coopframe.scoring import Evaluation, Profile, evaluate, get_profile


@attrs.frozen(kw_only=True)
class ScoreChange:
    """One score in both roadmaps, and how it changed.

    Attributes
    ----------
    name
        The score's registry name (``"composite"`` for the composite).
    value_a, value_b
        Its value for ``a`` and for ``b``; ``nan`` where undefined.
    difference
        ``value_b - value_a``: positive when ``b`` scores higher. ``nan`` when either value
        is ``nan``.
    """

    name: str
    value_a: float
    value_b: float
    difference: float

    @classmethod
    def between(cls, name: str, value_a: float, value_b: float) -> ScoreChange:
        """The change from ``value_a`` to ``value_b``.

        Examples
        --------
        >>> from coopframe.analysis import ScoreChange
        >>> ScoreChange.between("compliance", 0.5, 0.75).difference
        0.25
        >>> ScoreChange.between("on_time", float("nan"), 1.0).difference
        nan
        """
        a, b = float(value_a), float(value_b)
        return cls(name=name, value_a=a, value_b=b, difference=b - a)

    @property
    def defined(self) -> bool:
        """Whether both values, hence the difference, are defined."""
        return not math.isnan(self.difference)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``nan`` as ``None``)."""
        return {
            "a": json_float(self.value_a),
            "b": json_float(self.value_b),
            "difference": json_float(self.difference),
        }


def _read_only(scores: Mapping[str, ScoreChange]) -> Mapping[str, ScoreChange]:
    """A read-only copy of the scores, in their order."""
    return MappingProxyType(dict(scores))


@attrs.frozen(kw_only=True)
class Comparison:
    """Two roadmaps side by side: activities matched, elements added or removed, scores.

    Made by :func:`compare`. Every tuple of ids is sorted, and the matches are sorted by
    their id in ``a``, so a comparison does not depend on the order of the roadmaps' lists.
    Frozen all the way down; the evaluations and the scores, which follow from the roadmaps
    and the options, take no part in the hash.

    Attributes
    ----------
    roadmap_a, roadmap_b
        The two roadmaps compared: ``b`` against ``a``.
    evaluation_a, evaluation_b
        Their evaluations.
    profile
        The name of the profile behind the composites.
    threshold
        The title similarity needed for a match by title.
    match_ids
        Whether activities with the same id were matched first.
    carried_over
        The matched activities, one :class:`ActivityMatch` each.
    new
        Ids of the activities of ``b`` with no match in ``a``.
    dropped
        Ids of the activities of ``a`` with no match in ``b``.
    axes_added, axes_removed, agencies_added, agencies_removed, parties_added, parties_removed
        Ids present in ``b`` only (added) or in ``a`` only (removed).
    scores
        A read-only mapping, registry name -> :class:`ScoreChange`, sorted by name: every
        score of either evaluation (``nan`` on a side that lacks it).
    composite
        The composites under the profile, as a :class:`ScoreChange` named ``"composite"``.
    """

    roadmap_a: Roadmap = attrs.field(repr=False)
    roadmap_b: Roadmap = attrs.field(repr=False)
    evaluation_a: Evaluation = attrs.field(repr=False, hash=False)
    evaluation_b: Evaluation = attrs.field(repr=False, hash=False)
    profile: str
    threshold: float
    match_ids: bool
    carried_over: tuple[ActivityMatch, ...] = attrs.field(converter=frozen_tuple)
    new: tuple[ActivityId, ...] = attrs.field(converter=frozen_tuple)
    dropped: tuple[ActivityId, ...] = attrs.field(converter=frozen_tuple)
    axes_added: tuple[str, ...] = attrs.field(converter=frozen_tuple)
    axes_removed: tuple[str, ...] = attrs.field(converter=frozen_tuple)
    agencies_added: tuple[str, ...] = attrs.field(converter=frozen_tuple)
    agencies_removed: tuple[str, ...] = attrs.field(converter=frozen_tuple)
    parties_added: tuple[str, ...] = attrs.field(converter=frozen_tuple)
    parties_removed: tuple[str, ...] = attrs.field(converter=frozen_tuple)
    scores: Mapping[str, ScoreChange] = attrs.field(converter=_read_only, hash=False)
    composite: ScoreChange

    def __reduce__(self) -> tuple[Any, ...]:
        # A read-only mapping does not pickle: the scores travel as a dict, and the converter
        # makes them read-only again.
        values = {field.name: getattr(self, field.name) for field in attrs.fields(Comparison)}
        values["scores"] = dict(self.scores)
        return (_restore, (values,))

    @property
    def matched_by_id(self) -> tuple[ActivityMatch, ...]:
        """The matches made by id."""
        return tuple(match for match in self.carried_over if match.method == "id")

    @property
    def matched_by_title(self) -> tuple[ActivityMatch, ...]:
        """The matches made by title."""
        return tuple(match for match in self.carried_over if match.method == "title")

    @property
    def reused_ids(self) -> tuple[ActivityMatch, ...]:
        """Matches by id whose titles are less similar than the threshold.

        Such an id may have been reused for another commitment; compare again with
        ``match_ids=False`` to match those activities by title.
        """
        return tuple(m for m in self.matched_by_id if m.similarity < self.threshold)

    def largest_changes(self, *, top: int = 5) -> tuple[ScoreChange, ...]:
        """The scores that changed most, largest absolute difference first.

        Scores that did not change, or whose difference is ``nan``, are left out; ties are
        ordered by name.

        Parameters
        ----------
        top
            At most this many (>= 0).

        Returns
        -------
        tuple of ScoreChange
            Up to ``top`` changes.

        Raises
        ------
        InvalidParameterError
            ``top`` is not a non-negative integer.
        """
        _check_top(top, "largest_changes")
        changed = [c for c in self.scores.values() if c.defined and c.difference != 0]
        changed.sort(key=lambda change: (-abs(change.difference), change.name))
        return tuple(changed[:top])

    def to_dict(self) -> dict[str, Any]:
        """Everything but the full evaluations, JSON-ready (``nan`` as ``None``), deterministic.

        Examples
        --------
        >>> from coopframe import compare
        >>> road = cf.datasets.load("bolivia-peru-2025-2026")
        >>> data = compare(road, road).to_dict()
        >>> sorted(data)
        ['a', 'activities', 'agencies', 'axes', 'b', 'composite', 'options', 'parties', 'scores']
        >>> data["activities"]["counts"]
        {'a': 11, 'b': 11, 'carried_over': 11, 'new': 0, 'dropped': 0}
        """
        return {
            "a": _roadmap_dict(self.roadmap_a, self.evaluation_a),
            "b": _roadmap_dict(self.roadmap_b, self.evaluation_b),
            "options": {
                "profile": self.profile,
                "threshold": self.threshold,
                "match_ids": self.match_ids,
            },
            "activities": {
                "counts": {
                    "a": len(self.roadmap_a.activities),
                    "b": len(self.roadmap_b.activities),
                    "carried_over": len(self.carried_over),
                    "new": len(self.new),
                    "dropped": len(self.dropped),
                },
                "carried_over": [match.to_dict() for match in self.carried_over],
                "new": [_activity_dict(self.roadmap_b.activity(i)) for i in self.new],
                "dropped": [_activity_dict(self.roadmap_a.activity(i)) for i in self.dropped],
            },
            "axes": {"added": list(self.axes_added), "removed": list(self.axes_removed)},
            "agencies": {
                "added": list(self.agencies_added),
                "removed": list(self.agencies_removed),
            },
            "parties": {
                "added": list(self.parties_added),
                "removed": list(self.parties_removed),
            },
            "scores": {name: change.to_dict() for name, change in self.scores.items()},
            "composite": {
                "profile": self.profile,
                **self.composite.to_dict(),
                "band_a": self.evaluation_a.composite.band,
                "band_b": self.evaluation_b.composite.band,
            },
        }


def _restore(values: dict[str, Any]) -> Comparison:
    return Comparison(**values)


def _roadmap_dict(roadmap: Roadmap, evaluation: Evaluation) -> dict[str, Any]:
    return {
        "id": roadmap.id,
        "title": roadmap.title,
        "period": {
            "start": roadmap.period.start.isoformat(),
            "end": roadmap.period.end.isoformat(),
        },
        "as_of": None if evaluation.as_of is None else evaluation.as_of.isoformat(),
        "activities": len(roadmap.activities),
    }


def _activity_dict(activity: Activity) -> dict[str, Any]:
    return {"id": activity.id, "title": activity.title}


def _ids_of(items: tuple[Any, ...]) -> set[str]:
    return {item.id for item in items}


def _compare_evaluated(
    a: Roadmap,
    b: Roadmap,
    evaluation_a: Evaluation,
    evaluation_b: Evaluation,
    *,
    profile: str,
    threshold: float,
    match_ids: bool,
) -> Comparison:
    matches = _match(a, b, threshold=threshold, match_ids=match_ids)
    kept_a = {match.id_a for match in matches}
    kept_b = {match.id_b for match in matches}
    axes_a, axes_b = _ids_of(a.axes), _ids_of(b.axes)
    agencies_a, agencies_b = _ids_of(a.agencies), _ids_of(b.agencies)
    parties_a, parties_b = _ids_of(a.parties), _ids_of(b.parties)
    names = sorted(evaluation_a.scores.keys() | evaluation_b.scores.keys())
    return Comparison(
        roadmap_a=a,
        roadmap_b=b,
        evaluation_a=evaluation_a,
        evaluation_b=evaluation_b,
        profile=profile,
        threshold=threshold,
        match_ids=match_ids,
        carried_over=matches,
        new=tuple(sorted(_ids_of(b.activities) - kept_b)),
        dropped=tuple(sorted(_ids_of(a.activities) - kept_a)),
        axes_added=tuple(sorted(axes_b - axes_a)),
        axes_removed=tuple(sorted(axes_a - axes_b)),
        agencies_added=tuple(sorted(agencies_b - agencies_a)),
        agencies_removed=tuple(sorted(agencies_a - agencies_b)),
        parties_added=tuple(sorted(parties_b - parties_a)),
        parties_removed=tuple(sorted(parties_a - parties_b)),
        scores={
            name: ScoreChange.between(
                name,
                evaluation_a.scores.get(name, math.nan),
                evaluation_b.scores.get(name, math.nan),
            )
            for name in names
        },
        composite=ScoreChange.between(
            "composite", evaluation_a.composite.value, evaluation_b.composite.value
        ),
    )


def compare(
    a: Roadmap,
    b: Roadmap,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    match_ids: bool = True,
    profile: Profile | str | None = None,
    as_of_a: dt.date | str | None = None,
    as_of_b: dt.date | str | None = None,
) -> Comparison:
    """Compare roadmap ``b`` with roadmap ``a``: activities, structure and scores.

    Parameters
    ----------
    a, b
        The two roadmaps; differences are ``b - a`` (``a`` is usually the earlier one).
    threshold
        The title similarity, in [0, 1], at or above which two activities left unmatched by
        id are matched by title (see :func:`title_similarity` and the module's notes).
    match_ids
        Match activities with the same id first (default). Pass ``False`` when the ids are
        positional codes reused from one roadmap to the next.
    profile
        The composite's weights: a :class:`~coopframe.scoring.Profile`, a built-in name, or
        ``None`` for ``"balanced"``.
    as_of_a, as_of_b
        The status date of each evaluation, as a date or its ISO ``YYYY-MM-DD`` string; by
        default each roadmap's own ``as_of``.

    Returns
    -------
    Comparison
        The matches (carried over), new and dropped activities, added and removed axes,
        agencies and parties, every score of both with its difference, and both evaluations.

    Raises
    ------
    InvalidParameterError
        A roadmap is not a :class:`~coopframe.Roadmap`, ``threshold`` is not a number in
        [0, 1], ``match_ids`` is not a bool, or a date is not a date.
    UnknownNameError
        ``profile`` names no built-in profile.

    See Also
    --------
    trajectory : the roadmaps of an agreement, period by period.

    Examples
    --------
    The Bolivia–Peru roadmaps number their activities by axis, so the same ids name different
    commitments; match them by title only:

    >>> from coopframe import compare
    >>> earlier = cf.datasets.load("bolivia-peru-2021-2022")
    >>> later = cf.datasets.load("bolivia-peru-2025-2026")
    >>> result = compare(earlier, later, match_ids=False)
    >>> [(m.id_a, m.id_b, round(m.similarity, 2)) for m in result.carried_over]
    [('AP-1', 'AP-2', 0.78), ('IS-2', 'IS-2', 0.83), ('PREV-2', 'PREV-3', 0.65)]
    >>> len(result.new), len(result.dropped)
    (8, 10)
    >>> round(result.scores["compliance"].difference, 2)
    -0.92
    """
    where = "compare"
    _check_roadmap(a, "a", where)
    _check_roadmap(b, "b", where)
    limit = _check_options(threshold, match_ids, where)
    when_a = as_date("as_of_a", as_of_a, where)
    when_b = as_date("as_of_b", as_of_b, where)
    chosen = get_profile(profile)
    return _compare_evaluated(
        a,
        b,
        evaluate(a, profile=chosen, as_of=when_a),
        evaluate(b, profile=chosen, as_of=when_b),
        profile=chosen.name,
        threshold=limit,
        match_ids=match_ids,
    )
