"""An agreement's roadmaps through time: :class:`Trajectory` and :func:`trajectory`."""

from __future__ import annotations

from typing import Any

import attrs

from coopframe._checks import check_instance
from coopframe._util import json_float
from coopframe.analysis._common import _check_options, frozen_tuple
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
