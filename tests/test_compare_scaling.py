"""Title matching at scale: repeated titles cost linear work, and matches stay the greedy ones."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe.analysis._matching import _jaccard, _title_pairs, _words

compare_module = importlib.import_module("coopframe.analysis._matching")
PERIOD = cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31))
PARTIES = (cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú"))


def road(titles: list[str], prefix: str) -> cf.Roadmap:
    """A roadmap with one activity per title, ids numbered after ``prefix``."""
    return cf.Roadmap(
        id=f"R{prefix}",
        title="Roadmap",
        parties=PARTIES,
        period=PERIOD,
        axes=[cf.Axis(id="X", name="X")],
        activities=[
            cf.Activity(id=f"{prefix}{k:05}", title=title, axis="X")
            for k, title in enumerate(titles)
        ],
    )


def similarity_count(n: int, monkeypatch: pytest.MonkeyPatch) -> int:
    calls = 0

    def counting(first: frozenset[str], second: frozenset[str]) -> float:
        nonlocal calls
        calls += 1
        return _jaccard(first, second)

    a = road(["Campaña binacional de prevención"] * n + ["Mesa técnica"] * n, "A")
    b = road(["Campaña binacional de prevención"] * n + ["Mesa técnica de trata"] * n, "B")
    with monkeypatch.context() as patch:
        patch.setattr(compare_module, "_jaccard", counting)
        pairs = compare_module._match(a, b, threshold=0.3, match_ids=False)
    assert len(pairs) == 2 * n
    return calls


def test_repeated_titles_cost_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Doubling n identical titles at most about doubles the similarities computed (not 4x)."""
    small, large = similarity_count(200, monkeypatch), similarity_count(400, monkeypatch)
    assert large <= 2.5 * small


def brute_force(a: dict[str, str], b: dict[str, str], threshold: float) -> list[tuple[str, str]]:
    """The greedy assignment computed from every pair: the documented rule, independently."""
    candidates = []
    for id_a, title_a in a.items():
        for id_b, title_b in b.items():
            words_a, words_b = _words(title_a), _words(title_b)
            if not words_a & words_b:
                continue
            similarity = len(words_a & words_b) / len(words_a | words_b)
            if similarity >= threshold:
                candidates.append((similarity, id_a, id_b))
    candidates.sort(key=lambda c: (-c[0], min(c[1], c[2]), max(c[1], c[2]), c[1]))
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    pairs = []
    for _, id_a, id_b in candidates:
        if id_a not in taken_a and id_b not in taken_b:
            taken_a.add(id_a)
            taken_b.add(id_b)
            pairs.append((id_a, id_b))
    return sorted(pairs)


WORDS = st.lists(st.sampled_from(["de", "la", "mesa", "campaña", "trata", "Frontera"]), max_size=4)
TITLES = st.dictionaries(
    st.sampled_from([f"A{k}" for k in range(8)] + [f"B{k}" for k in range(4)]),
    WORDS.map(" ".join),
    max_size=10,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TITLES, TITLES, st.sampled_from([0.0, 0.2, 1 / 3, 0.5, 0.6, 2 / 3, 0.75, 1.0]))
def test_grouped_matching_equals_the_pairwise_greedy(
    a: dict[str, str], b: dict[str, str], threshold: float
) -> None:
    """Groups, prefix filtering and the lazy heap give the pairs of the all-pairs greedy rule."""
    left_a = {i: cf.Activity(id=i, title=t, axis="X") for i, t in a.items()}
    left_b = {i: cf.Activity(id=i, title=t, axis="X") for i, t in b.items()}
    assert sorted(_title_pairs(left_a, left_b, threshold)) == brute_force(a, b, threshold)
