"""Write your own score, register it, and weigh it in a composite.

coopframe's scores are plain functions ``roadmap -> float`` in [0, 1], higher is better,
``nan`` where undefined. A score of your own joins them through the registry: once registered,
:func:`coopframe.evaluate` computes it with the others, tools can pick it by name, and a
:class:`coopframe.Profile` can weigh it into the composite.

The score written here, ``dated_share``, is the share of activities with both a start and a
due date: a roadmap whose activities are dated can be followed on a calendar. It is undefined
(``nan``) for a roadmap without activities, as the built-in scores are.

Run it with::

    python examples/custom_scorer.py
"""

from __future__ import annotations

import math

import coopframe as cf
from coopframe.scoring import register_scorer, unregister_scorer


def dated_share_score(roadmap: cf.Roadmap) -> float:
    """Share of activities with both a start and a due date, in [0, 1]; nan without any."""
    if not roadmap.activities:
        return math.nan
    dated = sum(1 for a in roadmap.activities if a.start is not None and a.due is not None)
    return dated / len(roadmap.activities)


def main() -> None:
    register_scorer(
        "dated_share",
        dated_share_score,
        family="schedule",
        description="Share of activities with both a start and a due date.",
        party_symmetric=True,
        on_empty=math.nan,
    )
    try:
        roadmap = cf.datasets.load("bolivia-peru-2025-2026")
        assert isinstance(roadmap, cf.Roadmap)

        # A profile that weighs the new score beside built-in ones.
        profile = cf.Profile(
            name="calendar",
            description="Design, with dated activities weighing as much as specificity.",
            weights={
                "dated_share": 0.3,
                "specificity": 0.3,
                "joint_share": 0.2,
                "pillar_coverage": 0.2,
            },
        )
        evaluation = cf.evaluate(roadmap, profile=profile)
        print(f"dated_share: {evaluation.score('dated_share'):.2f}")
        print(
            f"composite ({profile.name}): {evaluation.composite.value:.3f} "
            f"({evaluation.composite.band})"
        )
        for name, part in evaluation.composite.contributions:
            print(f"  {name:16} {part:.3f}")
        assert "dated_share" in cf.scoring.get_scorer_names()
    finally:
        # Leave the registry as it was: other code in this process expects the built-in set.
        unregister_scorer("dated_share")
    assert "dated_share" not in cf.scoring.get_scorer_names()
    print("unregistered: the registry holds the built-in scores again")


if __name__ == "__main__":
    main()
