"""The builders of evaluations: one evaluation, and several with a summary table first."""

from __future__ import annotations

import math
from collections.abc import Sequence

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
from coopframe.render._families import _family_sections
from coopframe.render._words import _BAND_TEXT, _amount, _describe, _ids, _score
from coopframe.scoring import PROFILES, Evaluation


def _evaluation_document(evaluation: Evaluation) -> Document:
    """The report of one evaluation: headline, scores, a section per family, findings."""
    return Document(
        title=f"Evaluation of {evaluation.roadmap_title}",
        sections=(
            _headline(evaluation),
            _scores_section(evaluation),
            *_family_sections(evaluation),
            _findings_section(evaluation),
        ),
    )


def _headline(evaluation: Evaluation) -> Section:
    composite = evaluation.composite
    compliance = evaluation.compliance
    met = len(compliance.met)
    counted = len(compliance.counted)
    facts = [
        ("Roadmap", evaluation.roadmap_id),
        ("Status date", evaluation.as_of.isoformat() if evaluation.as_of else "none"),
        (
            "Composite",
            f"{_score(composite.value)} ({composite.band}) under the '{composite.profile}' profile",
        ),
        (
            "Compliance",
            f"{_score(compliance.rate)}: {met} of {counted} counted activities met "
            f"({compliance.counting.value} counting; completion: "
            f"{compliance.completion.value.replace('_', ' ')})",
        ),
        ("Reported vs computed", _reported_text(evaluation)),
    ]
    if composite.undefined:
        facts.append(("Left out of the composite", _ids(composite.undefined)))
    return Section(
        title="Headline",
        blocks=(
            Facts(tuple(facts)),
            Paragraph(
                "The composite is the weighted mean of the profile's scores that are defined "
                f"here, in [0, 1], higher is better; its band reads it like SIGMA's scale "
                f"({_BAND_TEXT}). {_describe('compliance')}"
            ),
        ),
    )


def _reported_text(evaluation: Evaluation) -> str:
    check = evaluation.reported
    if check is None:
        return "no reported figure in the roadmap"
    if check.agrees is None:
        verdict = "nothing to compare: no activity counts"
    elif check.agrees:
        verdict = "agrees"
    else:
        verdict = f"differs by {check.difference:+.3f}"
    attainable = {True: "attainable", False: "not attainable", None: "unknown"}[check.attainable]
    counting = check.counting.value + (" (assumed)" if check.counting_assumed else "")
    return (
        f"reported {check.reported:.{check.decimals}f}, computed {_score(check.computed)} "
        f"({_amount(check.met)} of {check.total}, {counting} counting): {verdict}; "
        f"{attainable} with {check.total} activities; source {check.source} "
        f"({check.basis.value})"
    )


def _scores_section(evaluation: Evaluation) -> Section:
    contributions = dict(evaluation.composite.contributions)
    weights = _profile_weights(evaluation)
    rows = tuple(
        (
            name,
            _score(value),
            _score(weights[name]) if name in weights else "",
            _score(contributions[name]) if name in contributions else "",
            _describe(name, evaluation),
        )
        for name, value in evaluation.scores.items()
    )
    return Section(
        title="Scores",
        blocks=(
            Paragraph(
                "Every score is in [0, 1] and higher is better; n/a marks a score that is "
                "undefined for this roadmap. Weight and contribution are the composite's."
            ),
            Table(
                headers=("Score", "Value", "Weight", "Contribution", "What it measures"),
                rows=rows,
                numeric=(False, True, True, True, False),
            ),
            Chart(title="Scores", bars=_single(evaluation.scores.items())),
        ),
    )


def _profile_weights(evaluation: Evaluation) -> dict[str, float]:
    profile = PROFILES.get(evaluation.composite.profile)
    if profile is None:
        return {}
    total = math.fsum(profile.weights.values())
    return {name: weight / total for name, weight in profile.weights.items() if weight > 0}


def _findings_section(evaluation: Evaluation) -> Section:
    if evaluation.findings:
        rows = tuple((finding,) for finding in evaluation.findings)
        block: Block = Table(headers=("Finding",), rows=rows, numeric=(False,))
    else:
        block = Paragraph("Nothing to report.")
    return Section(
        title="Findings",
        blocks=(
            Paragraph("Things worth a look that are not errors (coopframe.validate)."),
            block,
        ),
    )


def _summary_blocks(evaluations: Sequence[Evaluation]) -> tuple[Block, ...]:
    rows = tuple(
        (
            evaluation.roadmap_id,
            _score(evaluation.composite.value),
            evaluation.composite.band,
            _score(evaluation.compliance.rate),
            _reported_short(evaluation),
        )
        for evaluation in evaluations
    )
    return (
        Table(
            headers=("Roadmap", "Composite", "Band", "Compliance", "Reported"),
            rows=rows,
            numeric=(False, True, False, True, False),
        ),
        Chart(
            title="Composite",
            bars=_single((ev.roadmap_id, ev.composite.value) for ev in evaluations),
        ),
    )


def _reported_short(evaluation: Evaluation) -> str:
    check = evaluation.reported
    if check is None:
        return ""
    verdict = {True: "agrees", False: "differs", None: "unchecked"}[check.agrees]
    return f"{check.reported:.{check.decimals}f} ({verdict})"


def _evaluations_documents(evaluations: Sequence[Evaluation]) -> tuple[Document, ...]:
    """A summary of several evaluations, then the report of each in turn."""
    summary = Document(
        title=f"Evaluations of {len(evaluations)} roadmap{'s' if len(evaluations) != 1 else ''}",
        sections=(Section(title="Summary", blocks=_summary_blocks(evaluations)),),
    )
    return (summary, *(_evaluation_document(evaluation) for evaluation in evaluations))
