"""``render()``: a result in a format, by single dispatch on the result's type.

Each result type has one builder that turns it into documents (the document model) and one
source of data for ``json``; the format's renderer (:data:`RENDER_FORMATS`) writes the
documents. The ``render_*`` functions are the same, one per result type, with the parameter
names and messages of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from coopframe.analysis import Comparison, Ranking, Robustness, Trajectory
from coopframe.exceptions import InvalidParameterError
from coopframe.render._comparison import _comparison_document, _trajectory_documents
from coopframe.render._document import Document, Section, Table
from coopframe.render._evaluation import _evaluation_document, _evaluations_documents
from coopframe.render._formats import _RENDERERS, FormatName, _check_format
from coopframe.render._ranking import _ranking_document, _robustness_document
from coopframe.render._words import _cell, _check_type, _is_numeric, _json
from coopframe.scoring import Evaluation

__all__ = [
    "render",
    "render_comparison",
    "render_evaluation",
    "render_evaluations",
    "render_ranking",
    "render_table",
    "render_trajectory",
]

_KINDS = (
    "an Evaluation, a list or tuple of Evaluations, a Comparison, a Trajectory, a Ranking, "
    "a Robustness, a Table or a Document"
)


def render(obj: object, *, format: FormatName = "text") -> str:
    """A result as text for people, in a format of :data:`RENDER_FORMATS`, or as JSON.

    Parameters
    ----------
    obj
        An :class:`~coopframe.Evaluation`; a list or tuple of them (a summary table, then each
        evaluation); a :class:`~coopframe.Comparison`; a :class:`~coopframe.Trajectory` (each
        period, then each step); a :class:`~coopframe.analysis.Ranking`; a
        :class:`~coopframe.analysis.Robustness` (the ranking with its robustness); a
        :class:`Table` (the table alone); or a :class:`Document`.
    format
        ``"text"`` (default), ``"markdown"``, ``"html"``, any format added with
        :func:`register_render_format`, or ``"json"`` (the result's ``to_dict()``).

    Returns
    -------
    str
        The text, ending in a newline; the same result always gives the same text.

    Raises
    ------
    InvalidParameterError
        ``format`` is unknown, ``obj`` is none of the types above, or ``obj`` is a
        :class:`Document` and ``format`` is ``"json"``.

    Examples
    --------
    >>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
    >>> print(cf.render.render(ev).splitlines()[0])
    Evaluation of Hoja de Ruta Binacional 2021–2022 Bolivia–Perú contra la trata de personas, ...
    >>> "<svg" in cf.render.render(ev, format="html")
    True
    """
    chosen = _check_format(format, "render")
    return _render(obj, chosen)


def _render(obj: object, format: FormatName) -> str:
    if format == "json":
        return _json(_data(obj))
    return _RENDERERS[format](_documents(obj))


def _not_renderable(obj: object) -> InvalidParameterError:
    return InvalidParameterError(
        f"The 'obj' parameter of render must be {_KINDS}. Got {type(obj).__name__} instead."
    )


@functools.singledispatch
def _documents(obj: object) -> Sequence[Document]:
    """The documents of ``obj``: one builder per result type."""
    raise _not_renderable(obj)


@functools.singledispatch
def _data(obj: object) -> Any:
    """What ``json`` writes for ``obj``: the result's own data."""
    raise _not_renderable(obj)


@_documents.register
def _(obj: Evaluation) -> Sequence[Document]:
    return (_evaluation_document(obj),)


@_documents.register(list)
@_documents.register(tuple)
def _(obj: Sequence[object]) -> Sequence[Document]:
    return _evaluations_documents(_evaluations(obj))


@_documents.register
def _(obj: Comparison) -> Sequence[Document]:
    return (_comparison_document(obj),)


@_documents.register
def _(obj: Trajectory) -> Sequence[Document]:
    return _trajectory_documents(obj)


@_documents.register
def _(obj: Ranking) -> Sequence[Document]:
    return (_ranking_document(obj),)


@_documents.register
def _(obj: Robustness) -> Sequence[Document]:
    return (_robustness_document(obj),)


@_documents.register
def _(obj: Table) -> Sequence[Document]:
    return (Document(title="Table", sections=(Section(title="", blocks=(obj,)),), headless=True),)


@_documents.register
def _(obj: Document) -> Sequence[Document]:
    return (obj,)


@_data.register(Evaluation)
@_data.register(Comparison)
@_data.register(Trajectory)
@_data.register(Ranking)
@_data.register(Robustness)
def _(obj: Evaluation | Comparison | Trajectory | Ranking | Robustness) -> Any:
    return obj.to_dict()


@_data.register(list)
@_data.register(tuple)
def _(obj: Sequence[object]) -> Any:
    return [evaluation.to_dict() for evaluation in _evaluations(obj)]


@_data.register
def _(obj: Table) -> Any:
    return [dict(zip(obj.headers, row, strict=True)) for row in obj.rows]


@_data.register
def _(obj: Document) -> Any:
    raise InvalidParameterError(
        "The 'format' parameter of render must not be 'json' for a Document, which has no "
        "data of its own. Render the result it was built from instead."
    )


def _evaluations(items: Sequence[object]) -> tuple[Evaluation, ...]:
    for item in items:
        if not isinstance(item, Evaluation):
            raise InvalidParameterError(
                "The 'obj' parameter of render must hold only Evaluations when it is a list or "
                f"tuple. Got {type(item).__name__} in it instead."
            )
    return tuple(items)  # type: ignore[arg-type]


def render_evaluation(evaluation: Evaluation, *, format: FormatName = "text") -> str:
    """A report of one evaluation: ``render(evaluation, format=format)``.

    The headline figures (the composite and its band, compliance, the reported rate set
    against the computed one), every score with what it measures, a section per scoring family
    (compliance by axis and by party, pillar coverage, the agency network, the critical path,
    and any family passed to :func:`coopframe.evaluate`), and the findings.

    Parameters
    ----------
    evaluation
        What :func:`coopframe.evaluate` returned.
    format
        A name of :func:`get_render_format_names`; ``"json"`` is
        :meth:`Evaluation.to_dict`.

    Returns
    -------
    str
        The report, ending in a newline. The same evaluation always gives the same text.

    Raises
    ------
    InvalidParameterError
        ``evaluation`` is not an evaluation, or ``format`` is unknown.

    Examples
    --------
    >>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
    >>> md = cf.render.render_evaluation(ev, format="markdown")
    >>> print(md.splitlines()[0][:40])
    # Evaluation of Hoja de Ruta Binacional
    >>> import json
    >>> json.loads(cf.render.render_evaluation(ev, format="json"))["composite"]["band"]
    'substantial'
    """
    chosen = _check_format(format, "render_evaluation")
    _check_type(evaluation, Evaluation, "evaluation", "render_evaluation")
    return _render(evaluation, chosen)


def render_evaluations(evaluations: Iterable[Evaluation], *, format: FormatName = "text") -> str:
    """A report of several evaluations: a summary table, then each evaluation in turn.

    Parameters
    ----------
    evaluations
        Evaluations, reported in the order given.
    format
        A name of :func:`get_render_format_names`; ``"html"`` is one page, ``"json"`` a list
        of :meth:`Evaluation.to_dict`.

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
    >>> report = cf.render.render_evaluations(evs, format="markdown")
    >>> report.count("# Evaluation of ")
    2
    """
    chosen = _check_format(format, "render_evaluations")
    items = tuple(evaluations)
    for item in items:
        if not isinstance(item, Evaluation):
            raise InvalidParameterError(
                "The 'evaluations' parameter of render_evaluations must be an iterable of "
                f"Evaluations. Got {type(item).__name__} instead."
            )
    return _render(items, chosen)


def render_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    format: FormatName = "text",
    title: str | None = None,
) -> str:
    """A table in a format: aligned text, a Markdown table or an HTML page.

    Cells are written with :func:`str` (floats with three decimals, ``nan`` and ``None`` as
    ``n/a``) and escaped for the format; columns whose cells are all numbers are right-aligned.

    Parameters
    ----------
    headers
        The column names.
    rows
        The rows, each as long as ``headers``.
    format
        A name of :func:`get_render_format_names`; ``"json"`` is a list of objects keyed by
        the headers, values as given.
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
    >>> print(cf.render.render_table(["name", "score"], [["a|b", 0.5], ["c", None]]), end="")
    name  score
    ----  -----
    a|b   0.500
    c       n/a
    >>> print(cf.render.render_table(["name"], [["a|b"]], format="markdown"), end="")
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
    table = Table(
        headers=head,
        rows=tuple(tuple(_cell(value) for value in row) for row in raw),
        numeric=numeric,
    )
    document = Document(
        title=title or "Table",
        sections=(Section(title="", blocks=(table,)),),
        headless=title is None,
    )
    return _render(document, chosen)


def render_comparison(comparison: Comparison, *, format: FormatName = "text") -> str:
    """A report of a comparison of two roadmaps: ``render(comparison, format=format)``.

    The headline (composites and compliance of both, activities carried over, new and
    dropped), every score of both with its difference, compliance by axis, pillar coverage,
    the agency networks and critical paths side by side, the matched activities, and the axes,
    agencies and parties added or removed.

    Parameters
    ----------
    comparison
        What :func:`coopframe.compare` returned.
    format
        A name of :func:`get_render_format_names`; ``"json"`` is
        :meth:`~coopframe.Comparison.to_dict`.

    Returns
    -------
    str
        The report, ending in a newline; the same comparison always gives the same text.

    Raises
    ------
    InvalidParameterError
        ``comparison`` is not a comparison, or ``format`` is unknown.

    See Also
    --------
    comparison_summary : a shorter account in plain text.

    Examples
    --------
    >>> from coopframe import compare
    >>> result = compare(
    ...     cf.datasets.load("bolivia-peru-2021-2022"),
    ...     cf.datasets.load("bolivia-peru-2025-2026"),
    ...     match_ids=False,
    ... )
    >>> md = cf.render.render_comparison(result, format="markdown")
    >>> "## Activities carried over" in md
    True
    """
    chosen = _check_format(format, "render_comparison")
    _check_type(comparison, Comparison, "comparison", "render_comparison")
    return _render(comparison, chosen)


def render_trajectory(trajectory: Trajectory, *, format: FormatName = "text") -> str:
    """A report of an agreement's roadmaps through time: each period, then each step.

    Parameters
    ----------
    trajectory
        What :func:`coopframe.trajectory` returned.
    format
        A name of :func:`get_render_format_names`; ``"html"`` is one page, ``"json"``
        :meth:`~coopframe.Trajectory.to_dict`.

    Returns
    -------
    str
        The report, ending in a newline.

    Raises
    ------
    InvalidParameterError
        ``trajectory`` is not a trajectory, or ``format`` is unknown.

    See Also
    --------
    trajectory_summary : a shorter account in plain text.

    Examples
    --------
    >>> from coopframe import trajectory
    >>> path = trajectory(cf.datasets.load("bolivia-peru-framework"), match_ids=False)
    >>> print(cf.render.render_trajectory(path).splitlines()[0])
    Trajectory of Cooperación binacional Bolivia–Perú ...
    """
    chosen = _check_format(format, "render_trajectory")
    _check_type(trajectory, Trajectory, "trajectory", "render_trajectory")
    return _render(trajectory, chosen)


def render_ranking(robustness: Robustness, *, format: FormatName = "text") -> str:
    """A report of a ranking and how robust it is to the profile's weights.

    Parameters
    ----------
    robustness
        What :func:`coopframe.analysis.rank_robustness` returned (it holds the ranking).
    format
        A name of :func:`get_render_format_names`; ``"json"`` is
        :meth:`~coopframe.analysis.Robustness.to_dict`.

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
    >>> print(cf.render.render_ranking(robustness).splitlines()[0])
    Ranking of 4 roadmaps
    """
    chosen = _check_format(format, "render_ranking")
    _check_type(robustness, Robustness, "robustness", "render_ranking")
    return _render(robustness, chosen)
