"""Reports of an evaluation: plain text, Markdown, self-contained HTML and JSON.

:func:`render_evaluation` turns an :class:`~coopframe.scoring.Evaluation` into a report: the
headline figures (the composite and its band, compliance, the reported rate set against the
computed one), every score with what it measures, compliance by axis and by party, pillar
coverage with the missing pillars named, the agency network (ties, cross-border share, single
points of failure, brokers) and the critical path. :func:`render_evaluations` does the same for
several evaluations, with a summary table first.

The formats (:data:`REPORT_FORMATS`):

``text``
    Aligned plain text for a terminal; no colour, no dependency.
``markdown``
    GitHub-flavoured Markdown with tables.
``html``
    One self-contained HTML5 page (inline CSS, no script) with bar charts drawn as inline SVG.
``json``
    :meth:`Evaluation.to_dict` as indented JSON.

Every report ends with a newline and is deterministic: the same evaluation gives the same
bytes (no timestamps; lists in the evaluation's sorted order), whatever the order of the
roadmap's lists. Text that comes from the input (titles, ids) is escaped for the format, so a
roadmap titled ``<script>alert(1)</script>`` shows that text and runs nothing. Line breaks and
tabs in it are written as spaces, and every other control character, bidirectional override or
mark, zero-width character and noncharacter is spelt out as an escape (``\\u202e``, ``\\x1b``), so
that no field can reorder, hide or colour what a reader sees; in JSON those characters are
``\\u`` escapes (the values are unchanged).

Examples
--------
>>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
>>> text = cf.report.render_evaluation(ev)
>>> print(text.splitlines()[0])
Evaluation of Hoja de Ruta Binacional 2021–2022 Bolivia–Perú contra la trata de personas, ...
>>> "<svg" in cf.report.render_evaluation(ev, format="html")
True
"""

from __future__ import annotations

import html
import json
import math
import re
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, Literal, TypeAlias

import attrs

from coopframe._text import json_escaped, visible
from coopframe._util import is_number
from coopframe.analysis import Comparison, Robustness, ScoreChange, Trajectory
from coopframe.exceptions import InvalidParameterError
from coopframe.scoring import BANDS, FAMILIES, PROFILES, SCORERS, Evaluation, Family

__all__ = [
    "REPORT_FORMATS",
    "ReportFormat",
    "render_comparison",
    "render_evaluation",
    "render_evaluations",
    "render_ranking",
    "render_table",
    "render_trajectory",
]

ReportFormat: TypeAlias = Literal["text", "markdown", "html", "json"]

REPORT_FORMATS: Final[tuple[ReportFormat, ...]] = ("html", "json", "markdown", "text")
"""The formats a report can be rendered in."""

_NA: Final = "n/a"

# ---------------------------------------------------------------------------------------------
# A small document model, rendered three ways


@attrs.frozen
class _Facts:
    """Label -> value pairs."""

    items: tuple[tuple[str, str], ...]


@attrs.frozen
class _Note:
    """A paragraph of explanation."""

    text: str


@attrs.frozen
class _Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


@attrs.frozen
class _Chart:
    """Horizontal bars of values in [0, 1] (``nan`` drawn as no bar); HTML only.

    Each bar is ``(label, values)``, one value per series; ``series`` names them when there is
    more than one.
    """

    title: str
    bars: tuple[tuple[str, tuple[float, ...]], ...]
    series: tuple[str, ...] = ()


def _single(items: Iterable[tuple[str, float]]) -> tuple[tuple[str, tuple[float, ...]], ...]:
    return tuple((label, (value,)) for label, value in items)


_Block: TypeAlias = _Facts | _Note | _Table | _Chart


@attrs.frozen
class _Section:
    title: str
    blocks: tuple[_Block, ...]


@attrs.frozen
class _Document:
    title: str
    sections: tuple[_Section, ...]


# ---------------------------------------------------------------------------------------------
# Public API


def render_evaluation(evaluation: Evaluation, *, format: ReportFormat = "text") -> str:
    """A report of one evaluation.

    Parameters
    ----------
    evaluation
        What :func:`coopframe.evaluate` returned.
    format
        ``"text"`` (default), ``"markdown"``, ``"html"`` or ``"json"``.

    Returns
    -------
    str
        The report, ending in a newline. The same evaluation always gives the same text.

    Raises
    ------
    InvalidParameterError
        ``evaluation`` is not an evaluation, or ``format`` is not one of :data:`REPORT_FORMATS`.

    Examples
    --------
    >>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
    >>> md = cf.report.render_evaluation(ev, format="markdown")
    >>> print(md.splitlines()[0][:40])
    # Evaluation of Hoja de Ruta Binacional
    >>> import json
    >>> json.loads(cf.report.render_evaluation(ev, format="json"))["composite"]["band"]
    'substantial'
    """
    chosen = _check_format(format, "render_evaluation")
    _check_evaluations((evaluation,), "evaluation", "render_evaluation")
    if chosen == "json":
        return _json(evaluation.to_dict())
    return _RENDERERS[chosen](_evaluation_document(evaluation))


def render_evaluations(evaluations: Iterable[Evaluation], *, format: ReportFormat = "text") -> str:
    """A report of several evaluations: a summary table, then each evaluation in turn.

    Parameters
    ----------
    evaluations
        Evaluations, reported in the order given.
    format
        ``"text"`` (default), ``"markdown"``, ``"html"`` (one page) or ``"json"`` (a list of
        :meth:`Evaluation.to_dict`).

    Returns
    -------
    str
        The report, ending in a newline.

    Raises
    ------
    InvalidParameterError
        An item is not an evaluation, or ``format`` is unknown.

    Examples
    --------
    >>> evs = [cf.evaluate(cf.datasets.load(name)) for name in
    ...        ("bolivia-peru-2021-2022", "bolivia-peru-2025-2026")]
    >>> report = cf.report.render_evaluations(evs, format="markdown")
    >>> report.count("# Evaluation of ")
    2
    """
    chosen = _check_format(format, "render_evaluations")
    items = tuple(evaluations)
    _check_evaluations(items, "evaluations", "render_evaluations")
    if chosen == "json":
        return _json([evaluation.to_dict() for evaluation in items])
    summary = _Document(
        title=f"Evaluations of {len(items)} roadmap{'s' if len(items) != 1 else ''}",
        sections=(_Section(title="Summary", blocks=_summary_blocks(items)),),
    )
    documents = [summary, *(_evaluation_document(evaluation) for evaluation in items)]
    return _RENDER_MANY[chosen](documents)


def render_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    format: ReportFormat = "text",
    title: str | None = None,
) -> str:
    """A table in a report format: aligned text, a Markdown table or an HTML page.

    Cells are written with :func:`str` (floats with three decimals, ``nan`` and ``None`` as
    ``n/a``) and escaped for the format; columns whose cells are all numbers are right-aligned.

    Parameters
    ----------
    headers
        The column names.
    rows
        The rows, each as long as ``headers``.
    format
        ``"text"`` (default), ``"markdown"``, ``"html"``, or ``"json"`` (a list of objects keyed
        by the headers, values as given).
    title
        A heading above the table.

    Returns
    -------
    str
        The table, ending in a newline.

    Raises
    ------
    InvalidParameterError
        A row has the wrong length, or ``format`` is unknown.

    Examples
    --------
    >>> print(cf.report.render_table(["name", "score"], [["a|b", 0.5], ["c", None]]), end="")
    name  score
    ----  -----
    a|b   0.500
    c       n/a
    >>> print(cf.report.render_table(["name"], [["a|b"]], format="markdown"), end="")
    | name |
    | --- |
    | a\\|b |
    """
    chosen = _check_format(format, "render_table")
    head = tuple(str(header) for header in headers)
    raw = [tuple(row) for row in rows]
    for row in raw:
        if len(row) != len(head):
            raise InvalidParameterError(
                f"The 'rows' parameter of render_table must hold rows of {len(head)} cells, "
                f"one per header. Got a row of {len(row)} cells instead."
            )
    if chosen == "json":
        return _json([dict(zip(head, row, strict=True)) for row in raw])
    numeric = tuple(bool(raw) and all(_is_numeric(row[i]) for row in raw) for i in range(len(head)))
    table = _Table(
        headers=head,
        rows=tuple(tuple(_cell(value) for value in row) for row in raw),
        numeric=numeric,
    )
    if title is None:
        if chosen == "text":
            return "\n".join(_text_table(table)) + "\n"
        if chosen == "markdown":
            return "\n".join(_markdown_table(table)) + "\n"
    document = _Document(title=title or "Table", sections=(_Section(title="", blocks=(table,)),))
    return _RENDERERS[chosen](document)


def render_comparison(comparison: Comparison, *, format: ReportFormat = "text") -> str:
    """A report of a comparison of two roadmaps.

    The headline (composites and compliance of both, activities carried over, new and
    dropped), every score of both with its difference, compliance by axis, pillar coverage,
    the agency networks and critical paths side by side, the matched activities, and the axes,
    agencies and parties added or removed.

    Parameters
    ----------
    comparison
        What :func:`coopframe.compare` returned.
    format
        ``"text"`` (default), ``"markdown"``, ``"html"`` or ``"json"``
        (:meth:`~coopframe.Comparison.to_dict`).

    Returns
    -------
    str
        The report, ending in a newline; the same comparison always gives the same text.

    Raises
    ------
    InvalidParameterError
        ``comparison`` is not a comparison, or ``format`` is unknown.

    Examples
    --------
    >>> from coopframe import compare
    >>> result = compare(
    ...     cf.datasets.load("bolivia-peru-2021-2022"),
    ...     cf.datasets.load("bolivia-peru-2025-2026"),
    ...     match_ids=False,
    ... )
    >>> md = cf.report.render_comparison(result, format="markdown")
    >>> "## Activities carried over" in md
    True
    """
    chosen = _check_format(format, "render_comparison")
    if not isinstance(comparison, Comparison):
        raise InvalidParameterError(
            "The 'comparison' parameter of render_comparison must be a Comparison. "
            f"Got {type(comparison).__name__} instead."
        )
    if chosen == "json":
        return _json(comparison.to_dict())
    return _RENDERERS[chosen](_comparison_document(comparison))


def render_trajectory(trajectory: Trajectory, *, format: ReportFormat = "text") -> str:
    """A report of an agreement's roadmaps through time: each period, then each step.

    Parameters
    ----------
    trajectory
        What :func:`coopframe.trajectory` returned.
    format
        ``"text"`` (default), ``"markdown"``, ``"html"`` (one page) or ``"json"``
        (:meth:`~coopframe.Trajectory.to_dict`).

    Returns
    -------
    str
        The report, ending in a newline.

    Raises
    ------
    InvalidParameterError
        ``trajectory`` is not a trajectory, or ``format`` is unknown.

    Examples
    --------
    >>> from coopframe import trajectory
    >>> path = trajectory(cf.datasets.load("bolivia-peru-framework"), match_ids=False)
    >>> print(cf.report.render_trajectory(path).splitlines()[0])
    Trajectory of Cooperación binacional Bolivia–Perú ...
    """
    chosen = _check_format(format, "render_trajectory")
    if not isinstance(trajectory, Trajectory):
        raise InvalidParameterError(
            "The 'trajectory' parameter of render_trajectory must be a Trajectory. "
            f"Got {type(trajectory).__name__} instead."
        )
    if chosen == "json":
        return _json(trajectory.to_dict())
    documents = [
        _trajectory_document(trajectory),
        *(_comparison_document(step) for step in trajectory.steps),
    ]
    return _RENDER_MANY[chosen](documents)


def render_ranking(robustness: Robustness, *, format: ReportFormat = "text") -> str:
    """A report of a ranking and how robust it is to the profile's weights.

    Parameters
    ----------
    robustness
        What :func:`coopframe.analysis.rank_robustness` returned (it holds the ranking).
    format
        ``"text"`` (default), ``"markdown"``, ``"html"`` or ``"json"``
        (:meth:`~coopframe.analysis.Robustness.to_dict`).

    Returns
    -------
    str
        The report, ending in a newline: the overall figures, then one row per roadmap, best
        first, with its rank interval and how often it stays in the top k.

    Raises
    ------
    InvalidParameterError
        ``robustness`` is not a :class:`~coopframe.analysis.Robustness`, or ``format`` is
        unknown.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(4, n_activities=10, seed=2)
    >>> batch = cf.analysis.evaluate_many(roads, progress=False)
    >>> robustness = cf.analysis.rank_robustness(batch, n_samples=50)
    >>> print(cf.report.render_ranking(robustness).splitlines()[0])
    Ranking of 4 roadmaps
    """
    chosen = _check_format(format, "render_ranking")
    if not isinstance(robustness, Robustness):
        raise InvalidParameterError(
            "The 'robustness' parameter of render_ranking must be a Robustness. "
            f"Got {type(robustness).__name__} instead."
        )
    if chosen == "json":
        return _json(robustness.to_dict())
    return _RENDERERS[chosen](_ranking_document(robustness))


# ---------------------------------------------------------------------------------------------
# Checks


def _check_format(format: object, function: str) -> ReportFormat:
    if format not in REPORT_FORMATS:
        known = ", ".join(repr(name) for name in REPORT_FORMATS)
        raise InvalidParameterError(
            f"The 'format' parameter of {function} must be one of {known}. Got {format!r} instead."
        )
    return format


def _check_evaluations(items: Sequence[object], name: str, function: str) -> None:
    for item in items:
        if not isinstance(item, Evaluation):
            raise InvalidParameterError(
                f"The {name!r} parameter of {function} must be "
                f"{'an Evaluation' if name == 'evaluation' else 'an iterable of Evaluations'}. "
                f"Got {type(item).__name__} instead."
            )


# ---------------------------------------------------------------------------------------------
# Numbers and words


def _score(value: float | None) -> str:
    if value is None or math.isnan(value):
        return _NA
    return f"{value:.3f}"


def _share(part: int, whole: int) -> str:
    if whole == 0:
        return f"{part} of {whole}"
    return f"{part} of {whole} ({part / whole:.1%})"


def _amount(value: float) -> str:
    return f"{value:g}"


def _ids(ids: Iterable[str], *, empty: str = "none") -> str:
    items = list(ids)
    return ", ".join(items) if items else empty


def _cell(value: object) -> str:
    if value is None:
        return _NA
    if isinstance(value, float):
        return _score(value)
    return str(value)


def _is_numeric(value: object) -> bool:
    """A number, or an empty cell (``None`` or ``""``) in a column of numbers."""
    return value is None or value == "" or is_number(value)


def _describe(name: str, *evaluations: Evaluation) -> str:
    """What the score ``name`` measures: from the evaluations' own scorers, else the registry."""
    for evaluation in evaluations:
        scorer = evaluation.scorer(name)
        if scorer is not None:
            return scorer.description
    scorer = SCORERS.get(name)
    return scorer.description if scorer is not None else ""


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return json_escaped(text) + "\n"


_BAND_TEXT: Final = (
    ", ".join(f"{label} from {bound:.2f}" for bound, label in BANDS[:-1])
    + f", {BANDS[-1][1]} below"
)

# ---------------------------------------------------------------------------------------------
# The evaluation, as a document


def _evaluation_document(evaluation: Evaluation) -> _Document:
    return _Document(
        title=f"Evaluation of {evaluation.roadmap_title}",
        sections=(
            _headline(evaluation),
            _scores_section(evaluation),
            _compliance_section(evaluation),
            _coverage_section(evaluation),
            _network_section(evaluation),
            _schedule_section(evaluation),
            *_other_families(evaluation),
            _findings_section(evaluation),
        ),
    )


def _headline(evaluation: Evaluation) -> _Section:
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
    return _Section(
        title="Headline",
        blocks=(
            _Facts(tuple(facts)),
            _Note(
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


def _scores_section(evaluation: Evaluation) -> _Section:
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
    return _Section(
        title="Scores",
        blocks=(
            _Note(
                "Every score is in [0, 1] and higher is better; n/a marks a score that is "
                "undefined for this roadmap. Weight and contribution are the composite's."
            ),
            _Table(
                headers=("Score", "Value", "Weight", "Contribution", "What it measures"),
                rows=rows,
                numeric=(False, True, True, True, False),
            ),
            _Chart(title="Scores", bars=_single(evaluation.scores.items())),
        ),
    )


def _profile_weights(evaluation: Evaluation) -> dict[str, float]:
    profile = PROFILES.get(evaluation.composite.profile)
    if profile is None:
        return {}
    total = math.fsum(profile.weights.values())
    return {name: weight / total for name, weight in profile.weights.items() if weight > 0}


def _compliance_section(evaluation: Evaluation) -> _Section:
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
    blocks: list[_Block] = [
        _Note(
            f"{_describe('compliance')} An axis or party with no counted activity has no rate "
            "(n/a)."
        ),
        _Table(
            headers=("Axis", "Compliance", *headers),
            rows=axis_rows,
            numeric=(False, True, True, True),
        ),
        _Chart(title="Compliance by axis", bars=_single((g.id, g.rate) for g in detail.axes)),
        _Table(
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
    blocks.append(_Facts(tuple(facts)))
    return _Section(title="Compliance by axis and party", blocks=tuple(blocks))


def _coverage_section(evaluation: Evaluation) -> _Section:
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
    return _Section(
        title="Pillar coverage",
        blocks=(
            _Note(
                f"{_describe('pillar_coverage')} An activity counts in every pillar its axis "
                "serves."
            ),
            _Facts(tuple(facts)),
            _Table(
                headers=("Pillar", "Activities", "Covered"),
                rows=rows,
                numeric=(False, True, False),
            ),
        ),
    )


def _network_section(evaluation: Evaluation) -> _Section:
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
    return _Section(
        title="Agency network",
        blocks=(
            _Note(
                "Two agencies are tied when they share an activity. "
                f"{_describe('cross_border')} {_describe('redundancy')} A single point of "
                "failure is an agency whose loss cuts the network apart; a broker lies on many "
                "of the shortest paths between other agencies."
            ),
            _Facts(facts),
            _Table(
                headers=("Triad kind", "Parties", "Tied across the border", "Not tied"),
                rows=triad_rows,
                numeric=(False, False, False, False),
            ),
        ),
    )


def _schedule_section(evaluation: Evaluation) -> _Section:
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
    return _Section(
        title="Critical path",
        blocks=(
            _Note(
                "The critical path is the longest chain of dependent activities. "
                f"{_describe('schedule_feasibility')} {_describe('on_time')}"
            ),
            _Facts(tuple(facts)),
        ),
    )


def _other_families(evaluation: Evaluation) -> tuple[_Section, ...]:
    """A section for each family the report has no section of its own for."""
    return tuple(
        _family_section(evaluation, family)
        for family in evaluation.families
        if family.name not in FAMILIES
    )


def _family_section(evaluation: Evaluation, family: Family) -> _Section:
    detail = evaluation.details[family.name]
    scores = family.scores(detail)
    rows = tuple(
        (name, _score(evaluation.scores[name]), _describe(name, evaluation)) for name in scores
    )
    data = family.to_data(detail)
    blocks: list[_Block] = [_Note(family.description)] if family.description else []
    blocks.append(
        _Table(
            headers=("Score", "Value", "What it measures"),
            rows=rows,
            numeric=(False, True, False),
        )
    )
    if data:
        blocks.append(
            _Table(
                headers=("Detail", "Value"),
                rows=tuple((str(key), _plain_value(value)) for key, value in data.items()),
                numeric=(False, False),
            )
        )
    return _Section(title=f"Family {family.name}", blocks=tuple(blocks))


def _plain_value(value: object) -> str:
    """A value of a family's plain data as one cell: lists joined, mappings as ``key: value``."""
    if isinstance(value, Mapping):
        return ", ".join(f"{key}: {_plain_value(item)}" for key, item in value.items()) or "none"
    if isinstance(value, list | tuple):
        return ", ".join(_plain_value(item) for item in value) or "none"
    return _cell(value)


def _findings_section(evaluation: Evaluation) -> _Section:
    if evaluation.findings:
        rows = tuple((finding,) for finding in evaluation.findings)
        block: _Block = _Table(headers=("Finding",), rows=rows, numeric=(False,))
    else:
        block = _Note("Nothing to report.")
    return _Section(
        title="Findings",
        blocks=(
            _Note("Things worth a look that are not errors (coopframe.validate)."),
            block,
        ),
    )


def _summary_blocks(evaluations: Sequence[Evaluation]) -> tuple[_Block, ...]:
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
        _Table(
            headers=("Roadmap", "Composite", "Band", "Compliance", "Reported"),
            rows=rows,
            numeric=(False, True, False, True, False),
        ),
        _Chart(
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


# ---------------------------------------------------------------------------------------------
# A comparison, as a document


def _change(change: ScoreChange) -> tuple[str, str, str]:
    difference = f"{change.difference:+.3f}" if change.defined else _NA
    return _score(change.value_a), _score(change.value_b), difference


def _comparison_document(comparison: Comparison) -> _Document:
    a, b = comparison.roadmap_a, comparison.roadmap_b
    return _Document(
        title=f"Comparison of {a.id} (a) with {b.id} (b)",
        sections=(
            _comparison_headline(comparison),
            _comparison_scores(comparison),
            _comparison_details(comparison),
            *_comparison_activities(comparison),
            _comparison_structure(comparison),
        ),
    )


def _comparison_headline(comparison: Comparison) -> _Section:
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
    blocks: list[_Block] = [
        _Facts(tuple(facts)),
        _Note(
            "Differences are b - a. Activities are matched "
            f"{'by id first, then ' if comparison.match_ids else ''}by title: two titles "
            f"match when at least {comparison.threshold:.2f} of the words they use between "
            "them are common to both (Jaccard index)."
        ),
    ]
    reused = comparison.reused_ids
    if reused:
        blocks.append(
            _Note(
                f"Caution: {len(reused)} matches by id have titles less similar than the "
                f"threshold ({_ids(m.id_a for m in reused)}); those ids may have been reused "
                "for other activities. Compare without matching ids to match them by title."
            )
        )
    return _Section(title="Headline", blocks=tuple(blocks))


def _comparison_scores(comparison: Comparison) -> _Section:
    rows = tuple(
        (name, *_change(change), _describe(name, comparison.evaluation_b, comparison.evaluation_a))
        for name, change in comparison.scores.items()
    )
    return _Section(
        title="Scores",
        blocks=(
            _Note("Every score is in [0, 1] and higher is better; n/a where undefined."),
            _Table(
                headers=("Score", "a", "b", "b - a", "What it measures"),
                rows=rows,
                numeric=(False, True, True, True, False),
            ),
            _Chart(
                title="Scores of a and b",
                bars=tuple(
                    (name, (change.value_a, change.value_b))
                    for name, change in comparison.scores.items()
                ),
                series=("a", "b"),
            ),
        ),
    )


def _comparison_details(comparison: Comparison) -> _Section:
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
    return _Section(
        title="Side by side",
        blocks=(
            _Note(
                "Compliance by axis (blank: the roadmap has no such axis). "
                f"{_describe('compliance')}"
            ),
            _Table(headers=("Axis", "a", "b"), rows=axis_rows, numeric=(False, True, True)),
            _Note(
                "Pillars, the agency network and the critical path: "
                f"{_describe('pillar_coverage')} {_describe('cross_border')}"
            ),
            _Table(headers=("", "a", "b"), rows=measures, numeric=(False, False, False)),
        ),
    )


def _comparison_activities(comparison: Comparison) -> tuple[_Section, ...]:
    a, b = comparison.roadmap_a, comparison.roadmap_b
    carried = tuple(
        (m.id_a, m.id_b, m.method, f"{m.similarity:.2f}", m.title_a, m.title_b)
        for m in comparison.carried_over
    )
    sections = [
        _Section(
            title="Activities carried over",
            blocks=(
                _Table(
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
                else _Note("None."),
            ),
        )
    ]
    for title, ids, roadmap in (
        ("New in b", comparison.new, b),
        ("Dropped from a", comparison.dropped, a),
    ):
        rows = tuple((i, roadmap.activity(i).title) for i in ids)
        table = _Table(headers=("Id", "Title"), rows=rows, numeric=(False, False))
        sections.append(_Section(title=title, blocks=(table if rows else _Note("None."),)))
    return tuple(sections)


def _comparison_structure(comparison: Comparison) -> _Section:
    def added_removed(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
        return f"added {_ids(added)}; removed {_ids(removed)}"

    return _Section(
        title="Axes, agencies and parties",
        blocks=(
            _Facts(
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
            _Note("Compared by id: an element renamed with a new id shows as removed and added."),
        ),
    )


def _trajectory_document(trajectory: Trajectory) -> _Document:
    rows = tuple(
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
    steps = tuple(
        (
            f"{step.roadmap_a.id} -> {step.roadmap_b.id}",
            str(len(step.carried_over)),
            str(len(step.new)),
            str(len(step.dropped)),
            _change(step.composite)[2],
        )
        for step in trajectory.steps
    )
    return _Document(
        title=f"Trajectory of {trajectory.agreement_title}",
        sections=(
            _Section(
                title="Periods",
                blocks=(
                    _Facts(
                        (
                            ("Agreement", trajectory.agreement_id),
                            ("Profile", trajectory.profile),
                        )
                    ),
                    _Table(
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
                    _Chart(
                        title="Composite by period",
                        bars=_single(
                            (ev.roadmap_id, ev.composite.value) for ev in trajectory.evaluations
                        ),
                    ),
                ),
            ),
            _Section(
                title="Steps",
                blocks=(
                    _Table(
                        headers=("Step", "Carried over", "New", "Dropped", "Composite b - a"),
                        rows=steps,
                        numeric=(False, True, True, True, True),
                    )
                    if steps
                    else _Note("None: fewer than two roadmaps."),
                ),
            ),
        ),
    )


# ---------------------------------------------------------------------------------------------
# A ranking, as a document


def _ranking_document(robustness: Robustness) -> _Document:
    count = len(robustness.entries)
    k = min(robustness.top_k, count)
    level = f"{robustness.level:.0%}"
    rows = _ranking_rows(robustness)
    facts = _ranking_facts(robustness, k)
    return _Document(
        title=f"Ranking of {count} roadmap{'s' if count != 1 else ''}",
        sections=(
            _Section(
                title="",
                blocks=(
                    _Facts(tuple(facts)),
                    _Note(
                        "Roadmaps are ordered by the profile's composite, higher is better. "
                        f"The {level} interval holds the rank under {level} of the weightings; "
                        "a roadmap is robust when that interval is its rank alone. Read "
                        "neighbours whose intervals overlap as tied."
                    ),
                    _Table(
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
                    _Chart(
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


# ---------------------------------------------------------------------------------------------
# Text

_BREAKS = re.compile("\r\n|[\t\n\r\u2028\u2029]")
_WIDTH: Final = 100


def _plain(text: str) -> str:
    """Input text on one line: line breaks and tabs as spaces, hidden characters spelt out."""
    return visible(_BREAKS.sub(" ", text))


def _text_table(table: _Table) -> list[str]:
    rows = [table.headers, *table.rows]
    cells = [[_plain(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]

    def line(row: Sequence[str]) -> str:
        parts = [
            cell.rjust(width) if numeric else cell.ljust(width)
            for cell, width, numeric in zip(row, widths, table.numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    return [line(cells[0]), "  ".join("-" * width for width in widths)] + [
        line(row) for row in cells[1:]
    ]


def _text_facts(facts: _Facts) -> list[str]:
    labels = [_plain(label) for label, _ in facts.items]
    width = max((len(label) for label in labels), default=0)
    return [
        f"{label.ljust(width)}  {_plain(value)}"
        for label, (_, value) in zip(labels, facts.items, strict=True)
    ]


def _text_document(document: _Document) -> str:
    title = _plain(document.title)
    lines = [title, "=" * min(len(title), _WIDTH)]
    for section in document.sections:
        lines.append("")
        if section.title:
            heading = _plain(section.title)
            lines += [heading, "-" * len(heading)]
        for block in section.blocks:
            if isinstance(block, _Facts):
                lines += _text_facts(block)
            elif isinstance(block, _Note):
                lines += textwrap.wrap(_plain(block.text), width=_WIDTH)
            elif isinstance(block, _Table):
                lines += _text_table(block)
            else:
                continue
            lines.append("")
        if lines[-1] == "":
            lines.pop()
    return "\n".join(lines) + "\n"


def _text_many(documents: Sequence[_Document]) -> str:
    return "\n\n".join(_text_document(document).rstrip("\n") for document in documents) + "\n"


# ---------------------------------------------------------------------------------------------
# Markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def _md(text: str) -> str:
    """Text on one line with the characters that can start Markdown markup backslash-escaped.

    Everything we write goes inside a line (after a list marker, a heading marker or a table
    pipe), so what can start a block at the beginning of a line needs no escape.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _plain(text))


def _markdown_table(table: _Table) -> list[str]:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_md(cell) for cell in cells) + " |"

    rule = "| " + " | ".join("---:" if n else "---" for n in table.numeric) + " |"
    return [row(table.headers), rule, *(row(cells) for cells in table.rows)]


def _markdown_document(document: _Document, *, level: int = 1) -> str:
    lines = [f"{'#' * level} {_md(document.title)}"]
    for section in document.sections:
        if section.title:
            lines += ["", f"{'#' * (level + 1)} {_md(section.title)}"]
        for block in section.blocks:
            if isinstance(block, _Facts):
                lines.append("")
                lines += [f"- **{_md(label)}:** {_md(value)}" for label, value in block.items]
            elif isinstance(block, _Note):
                lines += ["", _md(block.text)]
            elif isinstance(block, _Table):
                lines.append("")
                lines += _markdown_table(block)
    return "\n".join(lines) + "\n"


def _markdown_many(documents: Sequence[_Document]) -> str:
    return "\n".join(_markdown_document(document) for document in documents)


# ---------------------------------------------------------------------------------------------
# HTML

_STYLE: Final = """\
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;\
max-width:60rem;padding:0 1rem;color:#1f2328;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;margin:.75rem 0}
th,td{border:1px solid #d0d7de;padding:.25rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dt{font-weight:600}dd{margin:0}p.note{color:#57606a}figure{margin:.75rem 0}
svg text{font:12px system-ui,sans-serif;fill:#1f2328}
"""


def _h(text: str) -> str:
    return html.escape(_plain(text), quote=True)


def _html_block(block: _Block) -> list[str]:
    if isinstance(block, _Facts):
        items = "".join(f"<dt>{_h(label)}</dt><dd>{_h(value)}</dd>" for label, value in block.items)
        return [f"<dl>{items}</dl>"]
    if isinstance(block, _Note):
        return [f'<p class="note">{_h(block.text)}</p>']
    if isinstance(block, _Table):
        return _html_table(block)
    return _svg_bars(block)


def _html_table(table: _Table) -> list[str]:
    def cells(tag: str, row: Sequence[str]) -> str:
        return "".join(
            f'<{tag} class="num">{_h(cell)}</{tag}>' if numeric else f"<{tag}>{_h(cell)}</{tag}>"
            for cell, numeric in zip(row, table.numeric, strict=True)
        )

    lines = ["<table>", f"<thead><tr>{cells('th', table.headers)}</tr></thead>", "<tbody>"]
    lines += [f"<tr>{cells('td', row)}</tr>" for row in table.rows]
    lines += ["</tbody>", "</table>"]
    return lines


_BAR_LABEL: Final = 200
_BAR_WIDTH: Final = 320
_BAR_ROW: Final = 22


def _bar_colour(value: float) -> str:
    if value >= 0.7:
        return "#2da44e"
    if value >= 0.5:
        return "#bf8700"
    return "#cf222e"


_SERIES_COLOURS: Final = ("#0969da", "#bc4c00", "#8250df", "#1a7f37")


def _svg_bars(chart: _Chart) -> list[str]:
    """Horizontal bars drawn by hand as inline SVG: one row per label, one bar per series.

    With one series the bars are coloured by value (green from 0.7, amber from 0.5, red
    below); with several, by series, with a legend above.
    """
    count = max(1, len(chart.series))
    legend = _BAR_ROW if chart.series else 0
    row = _BAR_ROW + (count - 1) * (_BAR_ROW - 8)
    width = _BAR_LABEL + _BAR_WIDTH + 60
    height = legend + row * len(chart.bars) + 8
    title = _h(chart.title)
    lines = [
        "<figure>",
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{title}">',
        f"<title>{title}</title>",
    ]
    for k, name in enumerate(chart.series):
        x = _BAR_LABEL + k * 110
        lines.append(
            f'<rect x="{x}" y="6" width="12" height="12" fill="{_SERIES_COLOURS[k % 4]}"/>'
            f'<text x="{x + 18}" y="16">{_h(name)}</text>'
        )
    bar_height = _BAR_ROW - 8 if chart.series else _BAR_ROW - 6
    for i, (label, values) in enumerate(chart.bars):
        top = legend + 4 + i * row
        lines.append(
            f'<text x="{_BAR_LABEL - 8}" y="{top + row // 2 + 4}" text-anchor="end">'
            f"{_h(label)}</text>"
        )
        for k, value in enumerate(values):
            y = top + 3 + k * bar_height
            middle = y + bar_height // 2 + 4
            lines.append(
                f'<rect x="{_BAR_LABEL}" y="{y}" width="{_BAR_WIDTH}" height="{bar_height}" '
                'fill="#eaeef2"/>'
            )
            if math.isnan(value):
                lines.append(f'<text x="{_BAR_LABEL + 6}" y="{middle}">{_NA}</text>')
                continue
            share = min(1.0, max(0.0, value))
            colour = _SERIES_COLOURS[k % 4] if chart.series else _bar_colour(share)
            lines.append(
                f'<rect x="{_BAR_LABEL}" y="{y}" width="{share * _BAR_WIDTH:.1f}" '
                f'height="{bar_height}" fill="{colour}"/>'
                f'<text x="{_BAR_LABEL + _BAR_WIDTH + 6}" y="{middle}">{value:.3f}</text>'
            )
    lines += ["</svg>", f"<figcaption>{title}</figcaption>", "</figure>"]
    return lines


def _html_article(document: _Document) -> list[str]:
    lines = ["<article>", f"<h1>{_h(document.title)}</h1>"]
    for section in document.sections:
        lines.append("<section>")
        if section.title:
            lines.append(f"<h2>{_h(section.title)}</h2>")
        for block in section.blocks:
            lines += _html_block(block)
        lines.append("</section>")
    lines.append("</article>")
    return lines


def _html_page(title: str, documents: Sequence[_Document]) -> str:
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>\n{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    for document in documents:
        lines += _html_article(document)
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"


def _html_document(document: _Document) -> str:
    return _html_page(document.title, (document,))


def _html_many(documents: Sequence[_Document]) -> str:
    return _html_page(documents[0].title, documents)


_RENDERERS: Final[dict[str, Callable[[_Document], str]]] = {
    "text": _text_document,
    "markdown": _markdown_document,
    "html": _html_document,
}
_RENDER_MANY: Final[dict[str, Callable[[Sequence[_Document]], str]]] = {
    "text": _text_many,
    "markdown": _markdown_many,
    "html": _html_many,
}
