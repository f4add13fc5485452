"""Compare the Bolivia–Peru roadmaps 2021–2022 and 2025–2026, and follow their agreement.

1. The Hoja de Ruta 2021–2022 against the Hoja de Ruta 2025–2026: which activities were
   carried over, which are new, which were dropped, and how every score moved.
2. The trajectory of the bundled "bolivia-peru-framework" agreement, period by period.

Both roadmaps number their activities by axis (``PREV-1``, ``PREV-2``...), so the same id names
different commitments from one roadmap to the next: the activities are matched by title only
(``match_ids=False``), and the script shows what matching by id would wrongly claim.

The 2021–2022 activity list is not public: the bundled list is a reconstruction consistent
with the reported 92% compliance, so what it shares with 2025–2026 illustrates the method and
is not a finding. Run it with::

    python examples/compare_roadmaps.py
"""

from __future__ import annotations

from typing import Any

import coopframe as cf
from coopframe import Comparison, Trajectory, compare, trajectory
from coopframe.render import comparison_summary, trajectory_summary

LOOSER_THRESHOLD = 0.35


def summary() -> dict[str, Any]:
    """The figures of the comparison and the trajectory, for printing and for tests."""
    earlier = cf.datasets.load("bolivia-peru-2021-2022")
    current = cf.datasets.load("bolivia-peru-2025-2026")
    agreement = cf.datasets.load("bolivia-peru-framework")
    assert isinstance(earlier, cf.Roadmap)
    assert isinstance(current, cf.Roadmap)
    assert isinstance(agreement, cf.Agreement)
    return {
        "earlier": earlier,
        "current": current,
        "comparison": compare(earlier, current, match_ids=False),
        "looser": compare(earlier, current, match_ids=False, threshold=LOOSER_THRESHOLD),
        "by_id": compare(earlier, current),
        "trajectory": trajectory(agreement, match_ids=False),
    }


def render(figures: dict[str, Any]) -> str:
    """The comparison and the trajectory as readable text."""
    comparison: Comparison = figures["comparison"]
    looser: Comparison = figures["looser"]
    by_id: Comparison = figures["by_id"]
    path: Trajectory = figures["trajectory"]
    worst = min(by_id.reused_ids, key=lambda match: (match.similarity, match.id_a))
    lines = [
        "Bolivia–Peru: the 2021–2022 roadmap against the 2025–2026 roadmap",
        "=" * 66,
        "",
        "The 2021–2022 activity list is not public: the bundled list is reconstructed, so the",
        "activities it shares with 2025–2026 illustrate the method and are not a finding.",
        f"The 2025–2026 roadmap is scored as of its signing ({comparison.evaluation_b.as_of}):",
        "nothing is due yet, so its delivery scores (compliance) start from zero.",
        "",
        comparison_summary(comparison),
        "",
        f"With a looser threshold of {LOOSER_THRESHOLD}: {len(looser.carried_over)} carried "
        f"over, {len(looser.new)} new, {len(looser.dropped)} dropped.",
        f"Matched by id instead, {len(by_id.matched_by_id)} activities would be 'carried over', "
        f"{len(by_id.reused_ids)} of them with titles less similar than {by_id.threshold:g};",
        f"{worst.id_a}, for instance, is '{worst.title_a}' in 2021–2022",
        f"and '{worst.title_b}' in 2025–2026",
        f"(similarity {worst.similarity:.2f}): the ids are positional codes, reused for other "
        "commitments.",
        "",
        "",
        "The agreement, period by period",
        "=" * 31,
        "",
        trajectory_summary(path),
    ]
    return "\n".join(lines)


def main() -> None:
    print(render(summary()))


if __name__ == "__main__":
    main()
