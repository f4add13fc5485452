"""One section builder per scoring family, keyed by the family's name.

The built-in families with detail worth a section of its own (compliance, coverage,
coordination, schedule) have a builder each; reciprocity and specificity show in the scores
table alone. Any other family, such as one passed to :func:`coopframe.evaluate` as
``families=[...]``, gets the generic section: its description, its scores, and its detail's
plain data.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from types import MappingProxyType

from coopframe.render._document import Block, Chart, Facts, Paragraph, Section, Table, _single
from coopframe.render._words import _amount, _cell, _describe, _ids, _score, _share
from coopframe.scoring import Evaluation, Family


def _family_sections(evaluation: Evaluation) -> tuple[Section, ...]:
    """The sections of the evaluation's families, in the evaluation's order."""
    sections: list[Section] = []
    for family in evaluation.families:
        builder = _SECTIONS.get(family.name)
        if builder is None:
            sections.append(_family_section(evaluation, family))
        else:
            sections += builder(evaluation)
    return tuple(sections)


def _compliance_section(evaluation: Evaluation) -> Section:
    detail = evaluation.compliance
    axis_rows = tuple(
        (group.id, _score(group.rate), _amount(group.met_weight), _amount(group.counted_weight))
        for group in detail.axes
    )
    party_rows = tuple(
        (group.id, _score(group.rate), _amount(group.met_weight), _amount(group.counted_weight))
        for group in detail.parties
    )
    headers = ("Met weight", "Counted weight")
    blocks: list[Block] = [
        Paragraph(
            f"{_describe('compliance')} An axis or party with no counted activity has no rate "
            "(n/a)."
        ),
        Table(
            headers=("Axis", "Compliance", *headers),
            rows=axis_rows,
            numeric=(False, True, True, True),
        ),
        Chart(title="Compliance by axis", bars=_single((g.id, g.rate) for g in detail.axes)),
        Table(
            headers=("Party", "Compliance", *headers),
            rows=party_rows,
            numeric=(False, True, True, True),
        ),
    ]
    facts = [
        (
            "Status counts",
            _ids(f"{s.value.replace('_', ' ')} {n}" for s, n in detail.status_counts if n),
        )
    ]
    if detail.empty_axes:
        facts.append(("Axes with no counted activity", _ids(detail.empty_axes)))
    if detail.excluded:
        facts.append(("Cancelled, left out", _ids(detail.excluded)))
    if detail.not_due:
        facts.append(("Not yet due, left out", _ids(detail.not_due)))
    if detail.unassigned:
        facts.append(("No responsible agency", _ids(detail.unassigned)))
    blocks.append(Facts(tuple(facts)))
    return Section(title="Compliance by axis and party", blocks=tuple(blocks))


def _coverage_section(evaluation: Evaluation) -> Section:
    detail = evaluation.coverage
    covered = set(detail.covered_pillars)
    counts = dict(detail.pillar_activity_counts)
    rows = tuple(
        (pillar.value, str(counts.get(pillar, 0)), "yes" if pillar in covered else "no")
        for pillar in detail.pillars
    )
    facts = [
        ("Pillar coverage", _score(evaluation.scores.get("pillar_coverage", math.nan))),
        ("Missing pillars", _ids(pillar.value for pillar in detail.missing_pillars)),
    ]
    if detail.empty_axes:
        facts.append(("Axes without activities", _ids(detail.empty_axes)))
    if detail.unmapped_axes:
        facts.append(("Axes naming no pillar", _ids(detail.unmapped_axes)))
    return Section(
        title="Pillar coverage",
        blocks=(
            Paragraph(
                f"{_describe('pillar_coverage')} An activity counts in every pillar its axis "
                "serves."
            ),
            Facts(tuple(facts)),
            Table(
                headers=("Pillar", "Activities", "Covered"),
                rows=rows,
                numeric=(False, True, False),
            ),
        ),
    )


def _coordination_section(evaluation: Evaluation) -> Section:
    detail = evaluation.coordination
    facts = (
        ("Agencies", str(detail.agencies)),
        ("Ties", str(detail.ties)),
        ("Cross-border ties", _share(detail.cross_border_ties, detail.ties)),
        ("Cross-border score", _score(detail.cross_border_score)),
        ("Connected groups", str(detail.components)),
        ("Single points of failure", _ids(detail.articulation_points)),
        ("Brokers", _ids(detail.brokers)),
        ("Isolated agencies", _ids(detail.isolated)),
    )
    triad_rows = tuple(
        (
            link.kind.value,
            _ids(link.parties),
            _ids("–".join(pair) for pair in link.linked_pairs),
            _ids("–".join(pair) for pair in link.missing_pairs),
        )
        for link in detail.triad
    )
    return Section(
        title="Agency network",
        blocks=(
            Paragraph(
                "Two agencies are tied when they share an activity. "
                f"{_describe('cross_border')} {_describe('redundancy')} A single point of "
                "failure is an agency whose loss cuts the network apart; a broker lies on many "
                "of the shortest paths between other agencies."
            ),
            Facts(facts),
            Table(
                headers=("Triad kind", "Parties", "Tied across the border", "Not tied"),
                rows=triad_rows,
                numeric=(False, False, False, False),
            ),
        ),
    )


def _schedule_section(evaluation: Evaluation) -> Section:
    detail = evaluation.schedule
    facts = [
        ("Critical path", " → ".join(detail.critical_path) or "none"),
        ("Its length", f"{detail.critical_path_days} days of a {detail.period_days}-day period"),
        ("Schedule feasibility", _score(detail.schedule_feasibility_score)),
        ("On time", _score(detail.on_time_score)),
        ("Overdue", _ids(detail.overdue)),
        ("At risk", _ids(detail.at_risk)),
        ("Blocked", _ids(detail.blocked)),
        ("Done out of sequence", _ids(detail.out_of_sequence)),
    ]
    if detail.undated:
        facts.append(("Without both dates", _ids(detail.undated)))
    return Section(
        title="Critical path",
        blocks=(
            Paragraph(
                "The critical path is the longest chain of dependent activities. "
                f"{_describe('schedule_feasibility')} {_describe('on_time')}"
            ),
            Facts(tuple(facts)),
        ),
    )


def _family_section(evaluation: Evaluation, family: Family) -> Section:
    detail = evaluation.details[family.name]
    scores = family.scores(detail)
    rows = tuple(
        (name, _score(evaluation.scores[name]), _describe(name, evaluation)) for name in scores
    )
    data = family.to_data(detail)
    blocks: list[Block] = [Paragraph(family.description)] if family.description else []
    blocks.append(
        Table(
            headers=("Score", "Value", "What it measures"),
            rows=rows,
            numeric=(False, True, False),
        )
    )
    if data:
        blocks.append(
            Table(
                headers=("Detail", "Value"),
                rows=tuple((str(key), _plain_value(value)) for key, value in data.items()),
                numeric=(False, False),
            )
        )
    return Section(title=f"Family {family.name}", blocks=tuple(blocks))


def _plain_value(value: object) -> str:
    """A value of a family's plain data as one cell: lists joined, mappings as ``key: value``."""
    if isinstance(value, Mapping):
        return ", ".join(f"{key}: {_plain_value(item)}" for key, item in value.items()) or "none"
    if isinstance(value, list | tuple):
        return ", ".join(_plain_value(item) for item in value) or "none"
    return _cell(value)


def _none(evaluation: Evaluation) -> tuple[Section, ...]:
    """No section: the family's scores are in the scores table."""
    return ()


def _one(builder: Callable[[Evaluation], Section]) -> Callable[[Evaluation], tuple[Section, ...]]:
    return lambda evaluation: (builder(evaluation),)


_SECTIONS: Mapping[str, Callable[[Evaluation], tuple[Section, ...]]] = MappingProxyType(
    {
        "compliance": _one(_compliance_section),
        "coverage": _one(_coverage_section),
        "reciprocity": _none,
        "coordination": _one(_coordination_section),
        "schedule": _one(_schedule_section),
        "specificity": _none,
    }
)
"""The section builder of each built-in family, by family name."""
