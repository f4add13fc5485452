"""Compare one roadmap with another, and follow an agreement's roadmaps through time.

:func:`compare` sets two roadmaps side by side (one roadmap and its successor, or two country
pairs): which activities were carried over, which are new and which were dropped; which axes,
agencies and parties were added or removed; and every score of both evaluations with its
difference. :func:`trajectory` does the same along an agreement's roadmaps, period by period.

Matching activities
-------------------
Activities are matched one to one, in two passes.

1. **By id** (``match_ids=True``, the default): an activity of ``a`` and one of ``b`` with the
   same id are the same commitment, whatever their titles. Every such pair is a match, with no
   threshold.
2. **By title**, among the activities left: titles are normalised by :func:`normalise_title`
   (Unicode NFKD, accents dropped, case folded, every run of punctuation and white space made
   one space) and compared with :func:`title_similarity`, the Jaccard index of their sets of
   words, ``|A ∩ B| / |A ∪ B|``. Pairs at or above ``threshold`` (and sharing at least one
   word) are assigned greedily: the most similar pair first, ties broken by the pair's ids
   (the smaller id of the two, then the larger, then the id in ``a``), each activity used at
   most once.

Why word-set Jaccard rather than :class:`difflib.SequenceMatcher`: it is symmetric, so
``compare(b, a)`` is exactly the mirror of ``compare(a, b)`` (``SequenceMatcher.ratio`` can
change when its arguments are swapped); it ignores word order, so a reworded title
("Operativos policiales binacionales coordinados" and "Operativos binacionales coordinados
contra redes...") keeps its credit; and it does not reward the letters that any two Spanish
titles share (on the bundled Bolivia–Peru titles, unrelated pairs score about 0.5 with
``SequenceMatcher`` and 0 to 0.32 with Jaccard, while the lightly reworded ones score
0.65–0.83).
The default threshold, 0.6, asks that well over half of the words the two titles use between
them be common to both. It is conservative: what it calls carried over very likely is, and the
counts of new and dropped activities are upper bounds. On the bundled Bolivia–Peru roadmaps
(``match_ids=False``) it matches the three lightly reworded activities; 0.35 adds three more
that were rewritten (the technical follow-up body, the monitoring meetings, the prevention
campaign); 0.3 also pairs a joint training with a diagnosis whose titles share only "de",
"en", "la", "y", "trata" and "tráfico". Choose the threshold for the corpus at hand, and read the
similarity each match carries.

Because the assignment depends only on the similarities and the ids, the result does not
depend on the order of the roadmaps' lists, and swapping ``a`` and ``b`` swaps every match.

Limits of matching
------------------
- Ids are trusted. Roadmaps that number their activities by position (``PREV-1``, ``PREV-2``)
  reuse the same ids for different commitments from one roadmap to the next; pass
  ``match_ids=False`` there. Every match, by id or by title, carries its title similarity,
  and :meth:`Comparison.summary` warns about id matches whose titles fall below the
  threshold.
- Titles are compared as sets of words: no stemming (``campaña`` and ``campañas`` differ), no
  synonyms (``ruta`` and ``protocolo``), no translation (a Portuguese title never matches its
  Spanish twin), and function words (``de``, ``la``) count like any other word. A title with
  no letter or digit matches nothing by title (only by id).
- One activity split into two, or two merged into one, shows as one match plus one new (or
  dropped) activity: matching is one to one.
- Axes, agencies and parties are compared by id only, never by name.

Scores
------
Each roadmap is evaluated with :func:`coopframe.scoring.evaluate` (under one profile, each at
its own status date unless one is given). Every score appears with both values and the
difference ``b - a``, which is ``nan`` when either value is ``nan``; the composites under the
profile are compared the same way.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
import textwrap
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from coopframe._util import json_float
from coopframe.exceptions import InvalidParameterError
from coopframe.model import Activity, ActivityId, Agreement, Roadmap
from coopframe.scoring import Evaluation, Profile, evaluate, get_profile
from coopframe.scoring._common import check_bool

__all__ = [
    "DEFAULT_THRESHOLD",
    "ActivityMatch",
    "Comparison",
    "MatchMethod",
    "ScoreChange",
    "Trajectory",
    "compare",
    "normalise_title",
    "title_similarity",
    "trajectory",
]

MatchMethod = Literal["id", "title"]
"""How two activities were matched: by identical ``"id"`` or by similar ``"title"``."""

DEFAULT_THRESHOLD = 0.6
"""The title similarity at or above which two activities are matched by default."""

_SEPARATORS = re.compile(r"[\W_]+")
_TITLE_WIDTH = 72
_TEXT_WIDTH = 96


def normalise_title(title: str) -> str:
    """A title reduced to lower-case unaccented words separated by single spaces.

    Unicode compatibility decomposition (NFKD), combining marks (accents) dropped, case folded,
    and every run of characters that are neither letters nor digits made one space.

    Parameters
    ----------
    title
        Any text.

    Returns
    -------
    str
        The normalised title; empty when ``title`` holds no letter or digit.

    Examples
    --------
    >>> from coopframe.compare import normalise_title
    >>> normalise_title("  Campaña BINACIONAL: prevención (2025–2026)!")
    'campana binacional prevencion 2025 2026'
    """
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", title).casefold())
    bare = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(_SEPARATORS.sub(" ", bare).split())


def _words(title: str) -> frozenset[str]:
    return frozenset(normalise_title(title).split())


def _jaccard(first: frozenset[str], second: frozenset[str]) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 0.0


def title_similarity(first: str, second: str) -> float:
    """How alike two titles are: the Jaccard index of their sets of normalised words.

    Parameters
    ----------
    first, second
        Two titles, in any order: the similarity is symmetric.

    Returns
    -------
    float
        ``|A ∩ B| / |A ∪ B|`` over the sets of words of :func:`normalise_title`, in [0, 1],
        higher is more alike: 1 for the same words in any order, case or accents (also for
        two titles without any word, such as ``"–"`` and ``"..."``); 0 when no word is shared.

    Examples
    --------
    >>> from coopframe.compare import title_similarity
    >>> title_similarity("Operativos policiales coordinados", "OPERATIVOS coordinados")
    0.6666666666666666
    >>> title_similarity("Campaña binacional", "campana, binacional")
    1.0
    """
    first_words, second_words = _words(first), _words(second)
    if first_words == second_words:
        return 1.0
    return _jaccard(first_words, second_words)


@attrs.frozen(kw_only=True)
class ActivityMatch:
    """An activity of roadmap ``a`` matched with one of roadmap ``b``: carried over.

    Attributes
    ----------
    id_a, id_b
        The activity's id in ``a`` and in ``b`` (equal when matched by id).
    title_a, title_b
        Its title in each.
    similarity
        :func:`title_similarity` of the two titles, in [0, 1], also for a match by id.
    method
        ``"id"`` (same id) or ``"title"`` (similar titles).
    """

    id_a: ActivityId
    id_b: ActivityId
    title_a: str
    title_b: str
    similarity: float
    method: MatchMethod

    def swapped(self) -> ActivityMatch:
        """The same match seen from the other side (``a`` and ``b`` exchanged)."""
        return ActivityMatch(
            id_a=self.id_b,
            id_b=self.id_a,
            title_a=self.title_b,
            title_b=self.title_a,
            similarity=self.similarity,
            method=self.method,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "id_a": self.id_a,
            "id_b": self.id_b,
            "title_a": self.title_a,
            "title_b": self.title_b,
            "similarity": self.similarity,
            "method": self.method,
        }


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
        >>> from coopframe.compare import ScoreChange
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


@attrs.frozen(kw_only=True)
class Comparison:
    """Two roadmaps side by side: activities matched, elements added or removed, scores.

    Made by :func:`compare`. Every tuple of ids is sorted, and the matches are sorted by
    their id in ``a``, so a comparison does not depend on the order of the roadmaps' lists.

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
        Registry name -> :class:`ScoreChange`, sorted by name: every score of either
        evaluation (``nan`` on a side that lacks it).
    composite
        The composites under the profile, as a :class:`ScoreChange` named ``"composite"``.
    """

    roadmap_a: Roadmap = attrs.field(repr=False)
    roadmap_b: Roadmap = attrs.field(repr=False)
    evaluation_a: Evaluation = attrs.field(repr=False)
    evaluation_b: Evaluation = attrs.field(repr=False)
    profile: str
    threshold: float
    match_ids: bool
    carried_over: tuple[ActivityMatch, ...]
    new: tuple[ActivityId, ...]
    dropped: tuple[ActivityId, ...]
    axes_added: tuple[str, ...]
    axes_removed: tuple[str, ...]
    agencies_added: tuple[str, ...]
    agencies_removed: tuple[str, ...]
    parties_added: tuple[str, ...]
    parties_removed: tuple[str, ...]
    scores: Mapping[str, ScoreChange]
    composite: ScoreChange

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
        >>> from coopframe.compare import compare
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

    def summary(self, *, top: int = 5) -> str:
        """A readable account: what was carried over, what is new or dropped, what changed.

        Parameters
        ----------
        top
            How many of the scores that changed most to list (>= 0).

        Returns
        -------
        str
            Several lines of plain text, no trailing newline.

        Raises
        ------
        InvalidParameterError
            ``top`` is not a non-negative integer.

        Examples
        --------
        >>> from coopframe.compare import compare
        >>> road = cf.datasets.load("bolivia-peru-2025-2026")
        >>> print(compare(road, road).summary().splitlines()[4])
        Activities: 11 -> 11; 11 carried over (11 by id, 0 by title), 0 new, 0 dropped.
        """
        _check_top(top, "summary")
        a, b = self.roadmap_a, self.roadmap_b
        lines = [
            f"Comparison of {a.id} (a) with {b.id} (b)",
            f"  a: {_short(a.title)}{_as_of(self.evaluation_a.as_of)}",
            f"  b: {_short(b.title)}{_as_of(self.evaluation_b.as_of)}",
            "",
            f"Activities: {len(a.activities)} -> {len(b.activities)}; "
            f"{len(self.carried_over)} carried over ({len(self.matched_by_id)} by id, "
            f"{len(self.matched_by_title)} by title), {len(self.new)} new, "
            f"{len(self.dropped)} dropped.",
            f"  Matching: {'by id, then ' if self.match_ids else ''}by title similarity "
            f">= {self.threshold:g} (Jaccard index of the titles' words).",
        ]
        if self.carried_over:
            lines += ["", "Carried over:"]
            for match in self.carried_over:
                pair = match.id_a if match.id_a == match.id_b else f"{match.id_a} -> {match.id_b}"
                lines.append(
                    f"  = {pair} [{match.method}, {match.similarity:.2f}] {_short(match.title_a)}"
                )
                if normalise_title(match.title_a) != normalise_title(match.title_b):
                    lines.append(f"      now: {_short(match.title_b)}")
        if self.new:
            lines += ["", "New in b:"]
            lines += [f"  + {i} {_short(b.activity(i).title)}" for i in self.new]
        if self.dropped:
            lines += ["", "Dropped from a:"]
            lines += [f"  - {i} {_short(a.activity(i).title)}" for i in self.dropped]
        reused = self.reused_ids
        if reused:
            lines.append("")
            lines += textwrap.wrap(
                f"Caution: {len(reused)} of the matches by id have titles less similar than "
                f"{self.threshold:g} ({', '.join(m.id_a for m in reused)}); those ids may "
                "have been reused for other activities (compare with match_ids=False).",
                width=_TEXT_WIDTH,
            )
        lines.append("")
        for label, added, removed in (
            ("Axes", self.axes_added, self.axes_removed),
            ("Agencies", self.agencies_added, self.agencies_removed),
            ("Parties", self.parties_added, self.parties_removed),
        ):
            lines.append(f"{label}: {_added_removed(added, removed)}")
        lines += ["", "Scores that changed most (b - a):"]
        largest = self.largest_changes(top=top)
        width = max((len(change.name) for change in largest), default=0)
        for change in largest:
            lines.append(
                f"  {change.name:<{width}}  {_value(change.value_a)} -> "
                f"{_value(change.value_b)}  {change.difference:+.3f}"
            )
        if not largest:
            lines.append("  none")
        unchanged = sum(1 for c in self.scores.values() if c.defined and c.difference == 0)
        undefined = [name for name, change in self.scores.items() if not change.defined]
        lines += textwrap.wrap(
            f"{unchanged} of {len(self.scores)} scores unchanged; undefined in a or b: "
            f"{', '.join(undefined) if undefined else 'none'}.",
            width=_TEXT_WIDTH,
            initial_indent="  ",
            subsequent_indent="    ",
        )
        composite = self.composite
        difference = f"{composite.difference:+.3f}" if composite.defined else "n/a"
        lines.append(
            f"Composite ({self.profile}): {_value(composite.value_a)} "
            f"({self.evaluation_a.composite.band}) -> {_value(composite.value_b)} "
            f"({self.evaluation_b.composite.band}), {difference}."
        )
        return "\n".join(lines)


def _check_top(top: object, where: str) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 0:
        raise InvalidParameterError(
            f"The 'top' parameter of {where} must be a non-negative integer. Got {top!r} instead."
        )


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _TITLE_WIDTH else flat[: _TITLE_WIDTH - 1].rstrip() + "…"


def _as_of(when: dt.date | None) -> str:
    return "" if when is None else f" (as of {when.isoformat()})"


def _value(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def _added_removed(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
    if not added and not removed:
        return "no change."
    parts = []
    if added:
        parts.append(f"added {', '.join(added)}")
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return "; ".join(parts) + "."


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


def _check_roadmap(value: object, name: str, where: str) -> None:
    if not isinstance(value, Roadmap):
        raise InvalidParameterError(
            f"The '{name}' parameter of {where} must be a Roadmap. "
            f"Got {type(value).__name__} instead."
        )


def _check_options(threshold: object, match_ids: object, where: str) -> float:
    if (
        not isinstance(threshold, int | float)
        or isinstance(threshold, bool)
        or not 0.0 <= threshold <= 1.0
    ):
        raise InvalidParameterError(
            f"The 'threshold' parameter of {where} must be a number in [0, 1]. "
            f"Got {threshold!r} instead."
        )
    check_bool("match_ids", match_ids, where)
    return float(threshold)


def _check_date(value: object, name: str) -> None:
    if value is not None and not isinstance(value, dt.date):
        raise InvalidParameterError(
            f"The '{name}' parameter of compare must be a date or None. Got {value!r} instead."
        )


def _match(
    a: Roadmap, b: Roadmap, *, threshold: float, match_ids: bool
) -> tuple[ActivityMatch, ...]:
    """Match the activities one to one: by id, then greedily by title similarity."""
    matches: list[ActivityMatch] = []
    left_a = {activity.id: activity for activity in a.activities}
    left_b = {activity.id: activity for activity in b.activities}
    if match_ids:
        for activity_id in sorted(left_a.keys() & left_b.keys()):
            first, second = left_a.pop(activity_id), left_b.pop(activity_id)
            matches.append(_activity_match(first, second, "id"))
    for id_a, id_b in _title_pairs(left_a, left_b, threshold):
        matches.append(_activity_match(left_a[id_a], left_b[id_b], "title"))
    matches.sort(key=lambda match: (match.id_a, match.id_b))
    return tuple(matches)


class _Group:
    """The activities of one side whose titles have the same set of words, smallest id first."""

    __slots__ = ("ids", "next")

    def __init__(self, ids: list[ActivityId]) -> None:
        self.ids = sorted(ids)
        self.next = 0

    def first_free(self, taken: set[ActivityId]) -> ActivityId | None:
        while self.next < len(self.ids) and self.ids[self.next] in taken:
            self.next += 1
        return self.ids[self.next] if self.next < len(self.ids) else None


def _groups(activities: Mapping[ActivityId, Activity]) -> dict[frozenset[str], _Group]:
    members: dict[frozenset[str], list[ActivityId]] = {}
    for activity_id, activity in activities.items():
        words = _words(activity.title)
        if words:
            members.setdefault(words, []).append(activity_id)
    return {words: _Group(ids) for words, ids in members.items()}


def _prefix(words: frozenset[str], rank: Mapping[str, int], threshold: float) -> list[str]:
    """The rarest words of a set that any set at least ``threshold`` similar must share one of.

    Two sets with Jaccard index >= t share at least ``ceil(t * |A|)`` words, so one of the
    ``|A| - ceil(t * |A|) + 1`` rarest words of ``A`` (in one global order) is among the
    rarest of the other's, counted the same way (prefix filtering).
    """
    needed = max(0, math.ceil(threshold * len(words) - 1e-9))
    return sorted(words, key=rank.__getitem__)[: len(words) - needed + 1]


def _title_pairs(
    left_a: Mapping[ActivityId, Activity], left_b: Mapping[ActivityId, Activity], threshold: float
) -> list[tuple[ActivityId, ActivityId]]:
    """The pairs matched by title: the greedy assignment of the module's notes.

    Every pair at or above ``threshold`` that shares a word is a candidate; the most similar
    free pair is taken first, ties by (smaller id, larger id, id in ``a``). Activities with the
    same set of words are alike to everything, so they are handled as one group: a pair of
    groups has one similarity, and its best free pair is always the smallest free id of each
    side. The greedy pass then needs one heap entry per pair of groups, not per pair of
    activities, and candidate pairs of groups are found through the rarest words only.
    """
    groups_a, groups_b = _groups(left_a), _groups(left_b)
    frequency: dict[str, int] = {}
    for words in (*groups_a, *groups_b):
        for word in words:
            frequency[word] = frequency.get(word, 0) + 1
    rank = {word: k for k, word in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)))}
    index: dict[str, list[frozenset[str]]] = {}
    for words in groups_a:
        for word in _prefix(words, rank, threshold):
            index.setdefault(word, []).append(words)
    taken_a: set[ActivityId] = set()
    taken_b: set[ActivityId] = set()
    heap: list[tuple[float, ActivityId, ActivityId, ActivityId, ActivityId, int]] = []
    pairs_of_groups: list[tuple[_Group, _Group, float]] = []

    def push(number: int) -> None:
        group_a, group_b, similarity = pairs_of_groups[number]
        x, y = group_a.first_free(taken_a), group_b.first_free(taken_b)
        if x is not None and y is not None:
            heapq.heappush(heap, (-similarity, min(x, y), max(x, y), x, y, number))

    for words_b, group_b in groups_b.items():
        seen: set[frozenset[str]] = set()
        for word in _prefix(words_b, rank, threshold):
            for words_a in index.get(word, ()):
                if words_a in seen:
                    continue
                seen.add(words_a)
                similarity = _jaccard(words_a, words_b)
                if similarity >= threshold:
                    pairs_of_groups.append((groups_a[words_a], group_b, similarity))
                    push(len(pairs_of_groups) - 1)
    pairs: list[tuple[ActivityId, ActivityId]] = []
    while heap:
        *_, x, y, number = heapq.heappop(heap)
        if x in taken_a or y in taken_b:
            push(number)  # stale: this pair of groups' best free pair has moved on
            continue
        taken_a.add(x)
        taken_b.add(y)
        pairs.append((x, y))
        push(number)
    return pairs


def _activity_match(first: Activity, second: Activity, method: MatchMethod) -> ActivityMatch:
    return ActivityMatch(
        id_a=first.id,
        id_b=second.id,
        title_a=first.title,
        title_b=second.title,
        similarity=title_similarity(first.title, second.title),
        method=method,
    )


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
    as_of_a: dt.date | None = None,
    as_of_b: dt.date | None = None,
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
        The status date of each evaluation; by default each roadmap's own ``as_of``.

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

    >>> from coopframe.compare import compare
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
    _check_date(as_of_a, "as_of_a")
    _check_date(as_of_b, "as_of_b")
    chosen = get_profile(profile)
    return _compare_evaluated(
        a,
        b,
        evaluate(a, profile=chosen, as_of=as_of_a),
        evaluate(b, profile=chosen, as_of=as_of_b),
        profile=chosen.name,
        threshold=limit,
        match_ids=match_ids,
    )


@attrs.frozen(kw_only=True)
class Trajectory:
    """An agreement's roadmaps in order: the scores of each period, and each step between.

    Made by :func:`trajectory`.

    Attributes
    ----------
    agreement_id, agreement_title
        Which agreement.
    profile
        The name of the profile behind the composites.
    roadmaps
        The agreement's roadmaps, in the agreement's (chronological) order.
    evaluations
        One evaluation per roadmap, in the same order.
    steps
        One :class:`Comparison` per consecutive pair of roadmaps: ``steps[i]`` compares
        ``roadmaps[i + 1]`` with ``roadmaps[i]``. Empty for fewer than two roadmaps.
    """

    agreement_id: str
    agreement_title: str
    profile: str
    roadmaps: tuple[Roadmap, ...] = attrs.field(repr=False)
    evaluations: tuple[Evaluation, ...] = attrs.field(repr=False)
    steps: tuple[Comparison, ...] = attrs.field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``nan`` as ``None``): each period's scores, and each step.

        Examples
        --------
        >>> from coopframe.compare import trajectory
        >>> data = trajectory(cf.datasets.load("bolivia-peru-framework")).to_dict()
        >>> [period["roadmap"]["id"] for period in data["periods"]]
        ['bolivia-peru-2021-2022', 'bolivia-peru-2025-2026']
        >>> len(data["steps"])
        1
        """
        return {
            "agreement": {"id": self.agreement_id, "title": self.agreement_title},
            "profile": self.profile,
            "periods": [
                {
                    "roadmap": _roadmap_dict(roadmap, evaluation),
                    "scores": {n: json_float(v) for n, v in evaluation.scores.items()},
                    "composite": {
                        "value": json_float(evaluation.composite.value),
                        "band": evaluation.composite.band,
                    },
                }
                for roadmap, evaluation in zip(self.roadmaps, self.evaluations, strict=True)
            ],
            "steps": [step.to_dict() for step in self.steps],
        }

    def summary(self, *, top: int = 3) -> str:
        """A readable account: each period's composite, and each step's changes.

        Parameters
        ----------
        top
            How many of the scores that changed most to list per step (>= 0).

        Returns
        -------
        str
            Plain text, no trailing newline.

        Raises
        ------
        InvalidParameterError
            ``top`` is not a non-negative integer.

        Examples
        --------
        >>> from coopframe.compare import trajectory
        >>> deal = cf.datasets.load("bolivia-peru-framework")
        >>> print(trajectory(deal, match_ids=False).summary().splitlines()[2])
        Periods (composite under the balanced profile):
        """
        _check_top(top, "summary")
        lines = [
            f"Trajectory of {self.agreement_id}: {_short(self.agreement_title)}",
            "",
            f"Periods (composite under the {self.profile} profile):",
        ]
        for roadmap, evaluation in zip(self.roadmaps, self.evaluations, strict=True):
            period = f"{roadmap.period.start.isoformat()} to {roadmap.period.end.isoformat()}"
            composite = evaluation.composite
            lines.append(
                f"  {roadmap.id} ({period}): {len(roadmap.activities)} activities, "
                f"composite {_value(composite.value)} ({composite.band})"
            )
        if not self.roadmaps:
            lines.append("  none")
        lines += ["", "Steps:"]
        for step in self.steps:
            change = step.composite
            difference = f"{change.difference:+.3f}" if change.defined else "n/a"
            lines.append(
                f"  {step.roadmap_a.id} -> {step.roadmap_b.id}: "
                f"{len(step.carried_over)} carried over, {len(step.new)} new, "
                f"{len(step.dropped)} dropped; composite {difference}"
            )
            for score in step.largest_changes(top=top):
                lines.append(f"    {score.name}: {score.difference:+.3f}")
        if not self.steps:
            lines.append("  none (fewer than two roadmaps)")
        return "\n".join(lines)


def trajectory(
    agreement: Agreement,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    match_ids: bool = True,
    profile: Profile | str | None = None,
) -> Trajectory:
    """Follow an agreement's roadmaps: each period's scores and each step's changes.

    Each roadmap is evaluated once, at its own status date, and each consecutive pair is
    compared as by :func:`compare`.

    Parameters
    ----------
    agreement
        Any valid agreement; its roadmaps are taken in the agreement's order.
    threshold, match_ids
        How activities are matched from one roadmap to the next (see :func:`compare`).
    profile
        The composite's weights: a :class:`~coopframe.scoring.Profile`, a built-in name, or
        ``None`` for ``"balanced"``.

    Returns
    -------
    Trajectory
        The roadmaps, their evaluations, and one :class:`Comparison` per consecutive pair
        (none for an agreement with fewer than two roadmaps).

    Raises
    ------
    InvalidParameterError
        ``agreement`` is not an :class:`~coopframe.Agreement`, or a bad option.
    UnknownNameError
        ``profile`` names no built-in profile.

    Examples
    --------
    >>> from coopframe.compare import trajectory
    >>> deal = cf.datasets.load("bolivia-peru-framework")
    >>> path = trajectory(deal, match_ids=False)
    >>> [ev.roadmap_id for ev in path.evaluations]
    ['bolivia-peru-2021-2022', 'bolivia-peru-2025-2026']
    >>> step = path.steps[0]
    >>> len(step.carried_over), len(step.new), len(step.dropped)
    (3, 8, 10)
    """
    where = "trajectory"
    if not isinstance(agreement, Agreement):
        raise InvalidParameterError(
            f"The 'agreement' parameter of {where} must be an Agreement. "
            f"Got {type(agreement).__name__} instead."
        )
    limit = _check_options(threshold, match_ids, where)
    chosen = get_profile(profile)
    roadmaps = agreement.roadmaps
    evaluations = tuple(evaluate(roadmap, profile=chosen) for roadmap in roadmaps)
    steps = tuple(
        _compare_evaluated(
            roadmaps[i],
            roadmaps[i + 1],
            evaluations[i],
            evaluations[i + 1],
            profile=chosen.name,
            threshold=limit,
            match_ids=match_ids,
        )
        for i in range(len(roadmaps) - 1)
    )
    return Trajectory(
        agreement_id=agreement.id,
        agreement_title=agreement.title,
        profile=chosen.name,
        roadmaps=roadmaps,
        evaluations=evaluations,
        steps=steps,
    )
