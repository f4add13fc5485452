"""Reproduce the Bolivia–Peru evaluation from the bundled data.

1. The Hoja de Ruta 2021–2022: compliance computed from its activities, checked against the
   reported 92% (Cancillería de Bolivia, 24 April 2025).
2. The Hoja de Ruta 2025–2026, as signed: its design (axes and pillars covered, joint
   activities, coordination across the border, schedule, specificity).
3. What changed between the two.

The 2021–2022 activity list is not public: the bundled one is a reconstruction whose completed
share matches the reported figure, and the script says so. Run it with::

    python examples/bolivia_peru_evaluation.py
"""

from __future__ import annotations

import math
from typing import Any

import coopframe as cf
from coopframe.scoring import counts_consistent_with

DESIGN_SCORES = (
    ("axis_coverage", "axes with at least one activity"),
    ("pillar_coverage", "4P pillars covered (prevention, protection, prosecution, partnership)"),
    ("axis_balance", "evenness of activities across axes"),
    ("joint_share", "joint activities (agencies of both parties)"),
    ("responsibility_balance", "evenness of the load between the parties"),
    ("cross_border", "agency ties that cross the border"),
    ("triad_linkage", "police–prosecution–migration joined across the border"),
    ("schedule_feasibility", "longest dependency chain fits in the period"),
    ("specificity", "SMART specificity (indicator, target, due date, agency, verification)"),
)


def percent(value: float) -> str:
    """A score as a percentage, or 'undefined'."""
    return "undefined" if math.isnan(value) else f"{value:.0%}"


def points(difference: float) -> str:
    """A difference of scores in percentage points, or 'n/a'."""
    return "n/a" if math.isnan(difference) else f"{difference * 100:+.0f} points"


def summary() -> dict[str, Any]:
    """The figures of the evaluation, for printing and for tests."""
    earlier = cf.datasets.load("bolivia-peru-2021-2022")
    current = cf.datasets.load("bolivia-peru-2025-2026")
    assert isinstance(earlier, cf.Roadmap)
    assert isinstance(current, cf.Roadmap)
    before = cf.evaluate(earlier)
    after = cf.evaluate(current, profile="design")
    check = before.reported
    assert check is not None
    return {
        "earlier": earlier,
        "current": current,
        "before": before,
        "after": after,
        "check": check,
        "pairs": counts_consistent_with(check.reported, max_total=30),
    }


def render(figures: dict[str, Any]) -> str:
    """The evaluation as readable text."""
    earlier: cf.Roadmap = figures["earlier"]
    current: cf.Roadmap = figures["current"]
    before: cf.Evaluation = figures["before"]
    after: cf.Evaluation = figures["after"]
    check = figures["check"]
    lines = [
        "Bolivia–Peru binational roadmaps against trafficking in persons",
        "=" * 64,
        "",
        f"1. {earlier.title}",
        "",
        f"   Reported: {check.reported:.0%} of committed activities fulfilled "
        f"(source: {earlier.source(check.source).title}).",
        "   The activity list is not public: the bundled list is reconstructed.",
        f"   Computed from the {check.total} activities (strict: completed only): "
        f"{check.met:g} of {check.total} = {check.computed:.1%}, "
        f"which rounds to {round(check.computed, check.decimals):.{check.decimals}f}.",
        f"   Agrees with the reported figure at its rounding: {'yes' if check.agrees else 'no'}.",
        "   Activity counts that can give exactly "
        f"{check.reported:.0%} (up to 30): "
        + ", ".join(f"{done}/{total}" for done, total in figures["pairs"]),
        f"   With 11 activities, {check.reported:.0%} is "
        f"{'possible' if any(t == 11 for _, t in figures['pairs']) else 'impossible'}.",
        f"   Lenient counting (completed or in progress): "
        f"{percent(before.scores['compliance_lenient'])}.",
        "",
        f"2. {current.title}",
        "",
        f"   Signed {current.signed_on} at {current.signed_at}.",
        f"   {len(current.activities)} activities in {len(current.axes)} axes: "
        + "; ".join(
            f"{axis.name} ({len(current.activities_of_axis(axis.id))})" for axis in current.axes
        )
        + ".",
        "   Design, as signed:",
    ]
    for name, meaning in DESIGN_SCORES:
        lines.append(f"     {percent(after.scores[name]):>9}  {meaning}")
    coverage = after.coverage.to_dict()
    missing = coverage.get("missing_pillars") or []
    lines.append(f"   Missing pillars: {', '.join(missing) if missing else 'none'}.")
    coordination = after.coordination.to_dict()
    cut_points = coordination.get("articulation_points") or []
    lines.append(
        "   Single points of failure in the agency network: "
        + (", ".join(cut_points) if cut_points else "none")
        + "."
    )
    critical = after.schedule.to_dict().get("critical_path") or []
    lines.append(f"   Critical path: {' -> '.join(critical) if critical else 'none'}.")
    lines.append(f"   Design composite: {percent(after.composite.value)} ({after.composite.band}).")
    lines += ["", "3. What changed from 2021–2022 to 2025–2026", ""]
    lines.append(f"   Activities: {len(earlier.activities)} -> {len(current.activities)}")
    lines.append(f"   Agencies: {len(earlier.agencies)} -> {len(current.agencies)}")
    for name, meaning in DESIGN_SCORES:
        old, new = before.scores[name], after.scores[name]
        lines.append(f"     {meaning}: {percent(old)} -> {percent(new)} ({points(new - old)})")
    lines += [
        "",
        "Reported facts come from public sources; reconstructed elements are marked in the data",
        "files (see docs/data.md).",
    ]
    return "\n".join(lines)


def main() -> None:
    print(render(summary()))


if __name__ == "__main__":
    main()
