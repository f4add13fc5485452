"""Title matching: normalised titles, their similarity, and the one-to-one assignment."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from coopframe.model import Activity, ActivityId, Roadmap

MatchMethod = Literal["id", "title"]
"""How two activities were matched: by identical ``"id"`` or by similar ``"title"``."""

DEFAULT_THRESHOLD = 0.6
"""The title similarity at or above which two activities are matched by default."""


_SEPARATORS = re.compile(r"[\W_]+")


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
    >>> from coopframe.analysis import normalise_title
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
    >>> from coopframe.analysis import title_similarity
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
