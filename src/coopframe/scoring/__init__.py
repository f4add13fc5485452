"""Scores of a roadmap: pure functions, a registry, and :func:`evaluate`.

Every ``*_score`` is higher-is-better in [0, 1]; a score that is undefined for a roadmap (no
activities, zero total weight, nothing due yet) is ``nan``, never a silent 0 or 1. Each family
has a ``*_detail`` function whose result carries the numbers and what they came from.

Families: :mod:`~coopframe.scoring.compliance`, :mod:`~coopframe.scoring.coverage`,
:mod:`~coopframe.scoring.reciprocity`, :mod:`~coopframe.scoring.coordination`,
:mod:`~coopframe.scoring.schedule`, :mod:`~coopframe.scoring.specificity`, and the checks of
:mod:`~coopframe.scoring.reported`. The registry (:data:`SCORERS`, :func:`get_scorer`,
:func:`get_scorer_names`, :func:`register_scorer`) lets tools pick scores by name.
"""

from coopframe.scoring._registry import (
    SCORERS,
    Scorer,
    get_scorer,
    get_scorer_names,
    register_scorer,
    unregister_scorer,
)
from coopframe.scoring.compliance import (
    SIGMA_CEILING,
    SIGMA_FLOOR,
    CancelledRule,
    Completion,
    ComplianceDetail,
    GroupCompliance,
    completion_category,
    compliance_detail,
    compliance_score,
    implementation_rate_score,
    sigma_scale,
)
from coopframe.scoring.coordination import (
    BETWEENNESS_BUDGET,
    MIN_PIVOTS,
    TRIAD,
    CoordinationDetail,
    TriadLink,
    cohesion_score,
    coordination_detail,
    cross_border_score,
    redundancy_score,
    triad_linkage_score,
)
from coopframe.scoring.coverage import (
    CoverageDetail,
    axis_balance_score,
    axis_coverage_score,
    coverage_detail,
    pillar_balance_score,
    pillar_coverage_score,
)
from coopframe.scoring.evaluation import (
    BANDS,
    PROFILES,
    Composite,
    Evaluation,
    Profile,
    composite_score,
    evaluate,
    get_profile,
    rating_band,
)
from coopframe.scoring.reciprocity import (
    ReciprocityDetail,
    joint_share_score,
    reciprocity_detail,
    responsibility_balance_score,
)
from coopframe.scoring.reported import (
    ReportedCheck,
    counts_consistent_with,
    is_attainable,
    min_total_for,
    reported_check,
    reported_decimals,
)
from coopframe.scoring.schedule import (
    ScheduleDetail,
    on_time_score,
    schedule_detail,
    schedule_feasibility_score,
    sequencing_score,
)
from coopframe.scoring.specificity import (
    SmartCriterion,
    SpecificityDetail,
    smart_share_score,
    specificity_detail,
    specificity_score,
)

__all__ = [
    "BANDS",
    "BETWEENNESS_BUDGET",
    "MIN_PIVOTS",
    "PROFILES",
    "SCORERS",
    "SIGMA_CEILING",
    "SIGMA_FLOOR",
    "TRIAD",
    "CancelledRule",
    "Completion",
    "ComplianceDetail",
    "Composite",
    "CoordinationDetail",
    "CoverageDetail",
    "Evaluation",
    "GroupCompliance",
    "Profile",
    "ReciprocityDetail",
    "ReportedCheck",
    "ScheduleDetail",
    "Scorer",
    "SmartCriterion",
    "SpecificityDetail",
    "TriadLink",
    "axis_balance_score",
    "axis_coverage_score",
    "cohesion_score",
    "completion_category",
    "compliance_detail",
    "compliance_score",
    "composite_score",
    "coordination_detail",
    "counts_consistent_with",
    "coverage_detail",
    "cross_border_score",
    "evaluate",
    "get_profile",
    "get_scorer",
    "get_scorer_names",
    "implementation_rate_score",
    "is_attainable",
    "joint_share_score",
    "min_total_for",
    "on_time_score",
    "pillar_balance_score",
    "pillar_coverage_score",
    "rating_band",
    "reciprocity_detail",
    "redundancy_score",
    "register_scorer",
    "reported_check",
    "reported_decimals",
    "responsibility_balance_score",
    "schedule_detail",
    "schedule_feasibility_score",
    "sequencing_score",
    "sigma_scale",
    "smart_share_score",
    "specificity_detail",
    "specificity_score",
    "triad_linkage_score",
    "unregister_scorer",
]
