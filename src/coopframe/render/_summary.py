"""Short plain-text accounts of a comparison and of a trajectory, for a terminal or a log.

They are shorter than the ``text`` rendering: the two roadmaps, what became of their
activities, what changed in the structure, and the scores that changed most.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import Final

from coopframe.analysis import Comparison, Trajectory, normalise_title
from coopframe.exceptions import InvalidParameterError
from coopframe.render._words import _check_type

__all__ = ["comparison_summary", "trajectory_summary"]

_TEXT_WIDTH: Final = 96
_TITLE_WIDTH: Final = 72


def comparison_summary(comparison: Comparison, *, top: int = 5) -> str:
    """A readable account: what was carried over, what is new or dropped, what changed.

    Parameters
    ----------
    comparison
        What :func:`coopframe.compare` returned.
    top
        How many of the scores that changed most to list (>= 0).

    Returns
    -------
    str
        Several lines of plain text, no trailing newline.

    Raises
    ------
    InvalidParameterError
        ``comparison`` is not a comparison, or ``top`` is not a non-negative integer.

    Examples
    --------
    >>> from coopframe import compare
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> print(cf.render.comparison_summary(compare(road, road)).splitlines()[4])
    Activities: 11 -> 11; 11 carried over (11 by id, 0 by title), 0 new, 0 dropped.
    """
    _check_type(comparison, Comparison, "comparison", "comparison_summary")
    _check_top(top, "comparison_summary")
    return "\n".join(
        [
            *_activity_lines(comparison),
            "",
            *_structure_lines(comparison),
            "",
            *_score_lines(comparison, top),
        ]
    )


def trajectory_summary(trajectory: Trajectory, *, top: int = 3) -> str:
    """A readable account: each period's composite, and each step's changes.

    Parameters
    ----------
    trajectory
        What :func:`coopframe.trajectory` returned.
    top
        How many of the scores that changed most to list per step (>= 0).

    Returns
    -------
    str
        Plain text, no trailing newline.

    Raises
    ------
    InvalidParameterError
        ``trajectory`` is not a trajectory, or ``top`` is not a non-negative integer.

    Examples
    --------
    >>> from coopframe import trajectory
    >>> deal = cf.datasets.load("bolivia-peru-framework")
    >>> print(cf.render.trajectory_summary(trajectory(deal, match_ids=False)).splitlines()[2])
    Periods (composite under the balanced profile):
    """
    _check_type(trajectory, Trajectory, "trajectory", "trajectory_summary")
    _check_top(top, "trajectory_summary")
    lines = [
        f"Trajectory of {trajectory.agreement_id}: {_short(trajectory.agreement_title)}",
        "",
        f"Periods (composite under the {trajectory.profile} profile):",
    ]
    for roadmap, evaluation in zip(trajectory.roadmaps, trajectory.evaluations, strict=True):
        period = f"{roadmap.period.start.isoformat()} to {roadmap.period.end.isoformat()}"
        composite = evaluation.composite
        lines.append(
            f"  {roadmap.id} ({period}): {len(roadmap.activities)} activities, "
            f"composite {_value(composite.value)} ({composite.band})"
        )
    if not trajectory.roadmaps:
        lines.append("  none")
    lines += ["", "Steps:"]
    for step in trajectory.steps:
        change = step.composite
        difference = f"{change.difference:+.3f}" if change.defined else "n/a"
        lines.append(
            f"  {step.roadmap_a.id} -> {step.roadmap_b.id}: "
            f"{len(step.carried_over)} carried over, {len(step.new)} new, "
            f"{len(step.dropped)} dropped; composite {difference}"
        )
        for score in step.largest_changes(top=top):
            lines.append(f"    {score.name}: {score.difference:+.3f}")
    if not trajectory.steps:
        lines.append("  none (fewer than two roadmaps)")
    return "\n".join(lines)


def _check_top(top: object, where: str) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 0:
        raise InvalidParameterError(
            f"The 'top' parameter of {where} must be a non-negative integer. Got {top!r} instead."
        )


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _TITLE_WIDTH else flat[: _TITLE_WIDTH - 1].rstrip() + "…"


def _value(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.3f}"


def _as_of(when: dt.date | None) -> str:
    return "" if when is None else f" (as of {when.isoformat()})"


def _activity_lines(comparison: Comparison) -> list[str]:
    """The summary's head: the two roadmaps, and what became of their activities."""
    c = comparison
    a, b = c.roadmap_a, c.roadmap_b
    lines = [
        f"Comparison of {a.id} (a) with {b.id} (b)",
        f"  a: {_short(a.title)}{_as_of(c.evaluation_a.as_of)}",
        f"  b: {_short(b.title)}{_as_of(c.evaluation_b.as_of)}",
        "",
        f"Activities: {len(a.activities)} -> {len(b.activities)}; "
        f"{len(c.carried_over)} carried over ({len(c.matched_by_id)} by id, "
        f"{len(c.matched_by_title)} by title), {len(c.new)} new, "
        f"{len(c.dropped)} dropped.",
        f"  Matching: {'by id, then ' if c.match_ids else ''}by title similarity "
        f">= {c.threshold:g} (Jaccard index of the titles' words).",
    ]
    if c.carried_over:
        lines += ["", "Carried over:"]
        for match in c.carried_over:
            pair = match.id_a if match.id_a == match.id_b else f"{match.id_a} -> {match.id_b}"
            lines.append(
                f"  = {pair} [{match.method}, {match.similarity:.2f}] {_short(match.title_a)}"
            )
            if normalise_title(match.title_a) != normalise_title(match.title_b):
                lines.append(f"      now: {_short(match.title_b)}")
    if c.new:
        lines += ["", "New in b:"]
        lines += [f"  + {i} {_short(b.activity(i).title)}" for i in c.new]
    if c.dropped:
        lines += ["", "Dropped from a:"]
        lines += [f"  - {i} {_short(a.activity(i).title)}" for i in c.dropped]
    reused = c.reused_ids
    if reused:
        lines.append("")
        lines += textwrap.wrap(
            f"Caution: {len(reused)} of the matches by id have titles less similar than "
            f"{c.threshold:g} ({', '.join(m.id_a for m in reused)}); those ids may "
            "have been reused for other activities (compare with match_ids=False).",
            width=_TEXT_WIDTH,
        )
    return lines


def _structure_lines(comparison: Comparison) -> list[str]:
    """The axes, agencies and parties added or removed, one line each."""
    c = comparison
    return [
        f"{label}: {_added_removed(added, removed)}"
        for label, added, removed in (
            ("Axes", c.axes_added, c.axes_removed),
            ("Agencies", c.agencies_added, c.agencies_removed),
            ("Parties", c.parties_added, c.parties_removed),
        )
    ]


def _added_removed(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
    if not added and not removed:
        return "no change."
    parts = []
    if added:
        parts.append(f"added {', '.join(added)}")
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return "; ".join(parts) + "."


def _score_lines(comparison: Comparison, top: int) -> list[str]:
    """The scores that changed most, how many did not, and the composites."""
    lines = ["Scores that changed most (b - a):"]
    largest = comparison.largest_changes(top=top)
    width = max((len(change.name) for change in largest), default=0)
    for change in largest:
        lines.append(
            f"  {change.name:<{width}}  {_value(change.value_a)} -> "
            f"{_value(change.value_b)}  {change.difference:+.3f}"
        )
    if not largest:
        lines.append("  none")
    scores = comparison.scores
    unchanged = sum(1 for c in scores.values() if c.defined and c.difference == 0)
    undefined = [name for name, change in scores.items() if not change.defined]
    lines += textwrap.wrap(
        f"{unchanged} of {len(scores)} scores unchanged; undefined in a or b: "
        f"{', '.join(undefined) if undefined else 'none'}.",
        width=_TEXT_WIDTH,
        initial_indent="  ",
        subsequent_indent="    ",
    )
    composite = comparison.composite
    difference = f"{composite.difference:+.3f}" if composite.defined else "n/a"
    lines.append(
        f"Composite ({comparison.profile}): {_value(composite.value_a)} "
        f"({comparison.evaluation_a.composite.band}) -> {_value(composite.value_b)} "
        f"({comparison.evaluation_b.composite.band}), {difference}."
    )
    return lines
