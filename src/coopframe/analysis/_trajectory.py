"""An agreement's roadmaps through time: :class:`Trajectory` and :func:`trajectory`."""

from __future__ import annotations

from typing import Any

import attrs

from coopframe._checks import check_instance
from coopframe._util import json_float
from coopframe.analysis._common import _check_options, _check_top, _short, _value, frozen_tuple
from coopframe.analysis._compare import (
    Comparison,
    _compare_evaluated,
    _roadmap_dict,
)
from coopframe.analysis._matching import DEFAULT_THRESHOLD
from coopframe.model import Agreement, Roadmap
from coopframe.scoring import Evaluation, Profile, evaluate, get_profile


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
    roadmaps: tuple[Roadmap, ...] = attrs.field(repr=False, converter=frozen_tuple)
    evaluations: tuple[Evaluation, ...] = attrs.field(
        repr=False, converter=frozen_tuple, hash=False
    )
    steps: tuple[Comparison, ...] = attrs.field(repr=False, converter=frozen_tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (``nan`` as ``None``): each period's scores, and each step.

        Examples
        --------
        >>> from coopframe import trajectory
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
        >>> from coopframe import trajectory
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
    >>> from coopframe import trajectory
    >>> deal = cf.datasets.load("bolivia-peru-framework")
    >>> path = trajectory(deal, match_ids=False)
    >>> [ev.roadmap_id for ev in path.evaluations]
    ['bolivia-peru-2021-2022', 'bolivia-peru-2025-2026']
    >>> step = path.steps[0]
    >>> len(step.carried_over), len(step.new), len(step.dropped)
    (3, 8, 10)
    """
    where = "trajectory"
    check_instance("agreement", agreement, where, Agreement, "an Agreement")
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
