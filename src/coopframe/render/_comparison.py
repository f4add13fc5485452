"""The builders of a comparison and of a trajectory (each period, then each step)."""

from __future__ import annotations

import math

from coopframe.analysis import Comparison, ScoreChange, Trajectory
from coopframe.render._document import (
    Block,
    Chart,
    Document,
    Facts,
    Paragraph,
    Section,
    Table,
    _single,
)
from coopframe.render._words import _NA, _describe, _ids, _score, _share


def _change(change: ScoreChange) -> tuple[str, str, str]:
    difference = f"{change.difference:+.3f}" if change.defined else _NA
    return _score(change.value_a), _score(change.value_b), difference


def _comparison_document(comparison: Comparison) -> Document:
    a, b = comparison.roadmap_a, comparison.roadmap_b
    return Document(
        title=f"Comparison of {a.id} (a) with {b.id} (b)",
        sections=(
            _comparison_headline(comparison),
            _comparison_scores(comparison),
            _comparison_details(comparison),
            *_comparison_activities(comparison),
            _comparison_structure(comparison),
        ),
    )


def _comparison_headline(comparison: Comparison) -> Section:
    ev_a, ev_b = comparison.evaluation_a, comparison.evaluation_b
    composite = _change(comparison.composite)
    compliance = comparison.scores.get("compliance")
    facts = [
        ("a", f"{comparison.roadmap_a.title} ({comparison.roadmap_a.id})"),
        ("b", f"{comparison.roadmap_b.title} ({comparison.roadmap_b.id})"),
        (
            "Composite",
            f"{composite[0]} ({ev_a.composite.band}) -> {composite[1]} ({ev_b.composite.band}), "
            f"{composite[2]}, under the '{comparison.profile}' profile",
        ),
    ]
    if compliance is not None:
        values = _change(compliance)
        facts.append(("Compliance", f"{values[0]} -> {values[1]}, {values[2]}"))
    facts.append(
        (
            "Activities",
            f"{len(comparison.roadmap_a.activities)} -> {len(comparison.roadmap_b.activities)}: "
            f"{len(comparison.carried_over)} carried over ({len(comparison.matched_by_id)} by "
            f"id, {len(comparison.matched_by_title)} by title), {len(comparison.new)} new, "
            f"{len(comparison.dropped)} dropped",
        )
    )
    blocks: list[Block] = [
        Facts(tuple(facts)),
        Paragraph(
            "Differences are b - a. Activities are matched "
            f"{'by id first, then ' if comparison.match_ids else ''}by title: two titles "
            f"match when at least {comparison.threshold:.2f} of the words they use between "
            "them are common to both (Jaccard index)."
        ),
    ]
    reused = comparison.reused_ids
    if reused:
        blocks.append(
            Paragraph(
                f"Caution: {len(reused)} matches by id have titles less similar than the "
                f"threshold ({_ids(m.id_a for m in reused)}); those ids may have been reused "
                "for other activities. Compare without matching ids to match them by title."
            )
        )
    return Section(title="Headline", blocks=tuple(blocks))


def _comparison_scores(comparison: Comparison) -> Section:
    rows = tuple(
        (name, *_change(change), _describe(name, comparison.evaluation_b, comparison.evaluation_a))
        for name, change in comparison.scores.items()
    )
    return Section(
        title="Scores",
        blocks=(
            Paragraph("Every score is in [0, 1] and higher is better; n/a where undefined."),
            Table(
                headers=("Score", "a", "b", "b - a", "What it measures"),
                rows=rows,
                numeric=(False, True, True, True, False),
            ),
            Chart(
                title="Scores of a and b",
                bars=tuple(
                    (name, (change.value_a, change.value_b))
                    for name, change in comparison.scores.items()
                ),
                series=("a", "b"),
            ),
        ),
    )


def _comparison_details(comparison: Comparison) -> Section:
    ev_a, ev_b = comparison.evaluation_a, comparison.evaluation_b
    rates_a, rates_b = ev_a.compliance.axis_rates, ev_b.compliance.axis_rates
    axes = sorted(set(rates_a) | set(rates_b))
    axis_rows = tuple(
        (
            axis,
            _score(rates_a.get(axis, math.nan)) if axis in rates_a else "",
            _score(rates_b.get(axis, math.nan)) if axis in rates_b else "",
        )
        for axis in axes
    )
    net_a, net_b = ev_a.coordination, ev_b.coordination
    measures = (
        (
            "Missing pillars",
            *(_ids(p.value for p in ev.coverage.missing_pillars) for ev in (ev_a, ev_b)),
        ),
        ("Agencies", str(net_a.agencies), str(net_b.agencies)),
        ("Ties", str(net_a.ties), str(net_b.ties)),
        (
            "Cross-border ties",
            _share(net_a.cross_border_ties, net_a.ties),
            _share(net_b.cross_border_ties, net_b.ties),
        ),
        (
            "Single points of failure",
            _ids(net_a.articulation_points),
            _ids(net_b.articulation_points),
        ),
        ("Brokers", _ids(net_a.brokers), _ids(net_b.brokers)),
        (
            "Critical path",
            " → ".join(ev_a.schedule.critical_path) or "none",
            " → ".join(ev_b.schedule.critical_path) or "none",
        ),
        (
            "Its length (days)",
            str(ev_a.schedule.critical_path_days),
            str(ev_b.schedule.critical_path_days),
        ),
    )
    return Section(
        title="Side by side",
        blocks=(
            Paragraph(
                "Compliance by axis (blank: the roadmap has no such axis). "
                f"{_describe('compliance')}"
            ),
            Table(headers=("Axis", "a", "b"), rows=axis_rows, numeric=(False, True, True)),
            Paragraph(
                "Pillars, the agency network and the critical path: "
                f"{_describe('pillar_coverage')} {_describe('cross_border')}"
            ),
            Table(headers=("", "a", "b"), rows=measures, numeric=(False, False, False)),
        ),
    )


def _comparison_activities(comparison: Comparison) -> tuple[Section, ...]:
    a, b = comparison.roadmap_a, comparison.roadmap_b
    carried = tuple(
        (m.id_a, m.id_b, m.method, f"{m.similarity:.2f}", m.title_a, m.title_b)
        for m in comparison.carried_over
    )
    sections = [
        Section(
            title="Activities carried over",
            blocks=(
                Table(
                    headers=(
                        "Id in a",
                        "Id in b",
                        "Matched by",
                        "Similarity",
                        "Title in a",
                        "Title in b",
                    ),
                    rows=carried,
                    numeric=(False, False, False, True, False, False),
                )
                if carried
                else Paragraph("None."),
            ),
        )
    ]
    for title, ids, roadmap in (
        ("New in b", comparison.new, b),
        ("Dropped from a", comparison.dropped, a),
    ):
        rows = tuple((i, roadmap.activity(i).title) for i in ids)
        table = Table(headers=("Id", "Title"), rows=rows, numeric=(False, False))
        sections.append(Section(title=title, blocks=(table if rows else Paragraph("None."),)))
    return tuple(sections)


def _comparison_structure(comparison: Comparison) -> Section:
    def added_removed(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
        return f"added {_ids(added)}; removed {_ids(removed)}"

    return Section(
        title="Axes, agencies and parties",
        blocks=(
            Facts(
                (
                    ("Axes", added_removed(comparison.axes_added, comparison.axes_removed)),
                    (
                        "Agencies",
                        added_removed(comparison.agencies_added, comparison.agencies_removed),
                    ),
                    (
                        "Parties",
                        added_removed(comparison.parties_added, comparison.parties_removed),
                    ),
                )
            ),
            Paragraph(
                "Compared by id: an element renamed with a new id shows as removed and added."
            ),
        ),
    )


def _period_rows(trajectory: Trajectory) -> tuple[tuple[str, ...], ...]:
    """One row per period: the roadmap, its dates and size, its composite and compliance."""
    return tuple(
        (
            roadmap.id,
            f"{roadmap.period.start.isoformat()} to {roadmap.period.end.isoformat()}",
            str(len(roadmap.activities)),
            _score(evaluation.composite.value),
            evaluation.composite.band,
            _score(evaluation.compliance.rate),
        )
        for roadmap, evaluation in zip(trajectory.roadmaps, trajectory.evaluations, strict=True)
    )


def _step_rows(trajectory: Trajectory) -> tuple[tuple[str, ...], ...]:
    """One row per step: what was carried over, new and dropped, and the composite's change."""
    return tuple(
        (
            f"{step.roadmap_a.id} -> {step.roadmap_b.id}",
            str(len(step.carried_over)),
            str(len(step.new)),
            str(len(step.dropped)),
            _change(step.composite)[2],
        )
        for step in trajectory.steps
    )


def _trajectory_document(trajectory: Trajectory) -> Document:
    rows = _period_rows(trajectory)
    steps = _step_rows(trajectory)
    return Document(
        title=f"Trajectory of {trajectory.agreement_title}",
        sections=(
            Section(
                title="Periods",
                blocks=(
                    Facts(
                        (
                            ("Agreement", trajectory.agreement_id),
                            ("Profile", trajectory.profile),
                        )
                    ),
                    Table(
                        headers=(
                            "Roadmap",
                            "Period",
                            "Activities",
                            "Composite",
                            "Band",
                            "Compliance",
                        ),
                        rows=rows,
                        numeric=(False, False, True, True, False, True),
                    ),
                    Chart(
                        title="Composite by period",
                        bars=_single(
                            (ev.roadmap_id, ev.composite.value) for ev in trajectory.evaluations
                        ),
                    ),
                ),
            ),
            Section(
                title="Steps",
                blocks=(
                    Table(
                        headers=("Step", "Carried over", "New", "Dropped", "Composite b - a"),
                        rows=steps,
                        numeric=(False, True, True, True, True),
                    )
                    if steps
                    else Paragraph("None: fewer than two roadmaps."),
                ),
            ),
        ),
    )


def _trajectory_documents(trajectory: Trajectory) -> tuple[Document, ...]:
    """The periods and steps of a trajectory, then the comparison of each step."""
    return (
        _trajectory_document(trajectory),
        *(_comparison_document(step) for step in trajectory.steps),
    )
