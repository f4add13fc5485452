"""The builder of a ranking and how robust it is to the profile's weights."""

from __future__ import annotations

from coopframe.analysis import Ranking, Robustness
from coopframe.render._document import Chart, Document, Facts, Paragraph, Section, Table, _single
from coopframe.render._words import _ids, _score


def _robustness_document(robustness: Robustness) -> Document:
    count = len(robustness.entries)
    k = min(robustness.top_k, count)
    level = f"{robustness.level:.0%}"
    rows = _ranking_rows(robustness)
    facts = _ranking_facts(robustness, k)
    return Document(
        title=f"Ranking of {count} roadmap{'s' if count != 1 else ''}",
        sections=(
            Section(
                title="",
                blocks=(
                    Facts(tuple(facts)),
                    Paragraph(
                        "Roadmaps are ordered by the profile's composite, higher is better. "
                        f"The {level} interval holds the rank under {level} of the weightings; "
                        "a roadmap is robust when that interval is its rank alone. Read "
                        "neighbours whose intervals overlap as tied."
                    ),
                    Table(
                        headers=(
                            "Rank",
                            "Roadmap",
                            "Source",
                            "Composite",
                            "Band",
                            f"{level} interval",
                            "Range",
                            f"In top {k}",
                            "Robust",
                        ),
                        rows=rows,
                        numeric=(True, False, False, True, False, True, True, True, False),
                    ),
                    Chart(
                        title="Composite",
                        bars=_single((e.roadmap_id, e.composite) for e in robustness.entries),
                    ),
                ),
            ),
        ),
    )


def _ranking_rows(robustness: Robustness) -> tuple[tuple[str, ...], ...]:
    bands = {entry.rank: entry.band for entry in robustness.ranking.entries}
    return tuple(
        (
            str(entry.rank),
            entry.roadmap_id,
            "" if entry.source == entry.roadmap_id else entry.source,
            _score(entry.composite),
            bands.get(entry.rank, ""),
            f"{entry.low}-{entry.high}",
            f"{entry.best}-{entry.worst}",
            f"{entry.top_k_share:.0%}",
            "yes" if entry.robust else "no",
        )
        for entry in robustness.entries
    )


def _ranking_facts(robustness: Robustness, k: int) -> list[tuple[str, str]]:
    ranking = robustness.ranking
    count = len(robustness.entries)
    facts: list[tuple[str, str]] = [
        ("Profile", ranking.profile.name),
        (
            "Weightings",
            f"{robustness.n_samples} drawn around the profile (Dirichlet, concentration "
            f"{robustness.concentration:g}, seed {robustness.seed})",
        ),
    ]
    if count > 1:
        facts += [
            (
                "Rank correlation",
                f"{robustness.mean_spearman:.3f} on average, {robustness.min_spearman:.3f} at "
                "worst (Spearman, with the profile's ranking)",
            ),
            (
                f"Same top {k}",
                f"{robustness.top_k_same_set:.0%} of weightings; in the same order "
                f"{robustness.top_k_same_order:.0%}",
            ),
        ]
    if ranking.failures:
        facts.append(("Not ranked (failed)", _ids(ranking.failures)))
    return facts


def _ranking_document(ranking: Ranking) -> Document:
    """A ranking on its own: one row per roadmap, best first."""
    count = len(ranking.entries)
    facts: list[tuple[str, str]] = [("Profile", ranking.profile.name)]
    if ranking.failures:
        facts.append(("Not ranked (failed)", _ids(ranking.failures)))
    rows = tuple(
        (
            str(entry.rank),
            entry.roadmap_id,
            "" if entry.source == entry.roadmap_id else entry.source,
            _score(entry.composite),
            entry.band,
        )
        for entry in ranking.entries
    )
    return Document(
        title=f"Ranking of {count} roadmap{'s' if count != 1 else ''}",
        sections=(
            Section(
                title="",
                blocks=(
                    Facts(tuple(facts)),
                    Paragraph("Roadmaps are ordered by the profile's composite, higher is better."),
                    Table(
                        headers=("Rank", "Roadmap", "Source", "Composite", "Band"),
                        rows=rows,
                        numeric=(True, False, False, True, False),
                    ),
                    Chart(
                        title="Composite",
                        bars=_single((e.roadmap_id, e.composite) for e in ranking.entries),
                    ),
                ),
            ),
        ),
    )
