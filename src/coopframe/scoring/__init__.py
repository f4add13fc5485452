"""Scores of a roadmap: families of pure functions, a registry, and :func:`~coopframe.evaluate`.

Every ``*_score`` is higher-is-better in [0, 1]; a score that is undefined for a roadmap (no
activities, zero total weight, nothing due yet) is ``nan``, never a silent 0 or 1. Each family
has a ``*_detail`` function whose result carries the numbers and what they came from.

The built-in families (:data:`FAMILIES`) are compliance, coverage, reciprocity, coordination,
schedule and specificity; :func:`reported_check` sets a reported rate against the computed one.
A :class:`Family` is one unit: how its detail is computed from an :class:`EvaluationContext`,
the scores read from it, and its plain data. Families and scorers of one's own are passed to
:func:`~coopframe.evaluate` (``families=[...]``, ``scorers=[...]``) for one evaluation; the
registry (:data:`SCORERS`, :func:`get_scorer`, :func:`get_scorer_names`,
:func:`register_scorer`) lets tools pick scores by name. :func:`~coopframe.evaluate`,
:class:`~coopframe.Evaluation` and :class:`~coopframe.Profile` are documented with the
top-level package.
"""

from coopframe.scoring._agency_ties import BETWEENNESS_BUDGET, MIN_PIVOTS, TRIAD, TriadLink
from coopframe.scoring._common import check_counting
from coopframe.scoring._compliance import (
    compliance_detail,
    compliance_score,
    implementation_rate_score,
)
from coopframe.scoring._compliance_detail import CancelledRule, ComplianceDetail, GroupCompliance
from coopframe.scoring._coordination import (
    CoordinationDetail,
    cohesion_score,
    coordination_detail,
    cross_border_score,
    redundancy_score,
    triad_linkage_score,
)
from coopframe.scoring._coverage import (
    CoverageDetail,
    axis_balance_score,
    axis_coverage_score,
    coverage_detail,
    pillar_balance_score,
    pillar_coverage_score,
)

# Evaluation, Profile and evaluate have their public path in coopframe itself (one path each,
# so they are not in __all__); they are importable from here for coopframe's own modules.
from coopframe.scoring._evaluation import FAMILIES
from coopframe.scoring._evaluation import Evaluation as Evaluation
from coopframe.scoring._evaluation import evaluate as evaluate
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._profiles import (
    BANDS,
    PROFILES,
    Composite,
    composite,
    composite_score,
    get_profile,
    rating_band,
)
from coopframe.scoring._profiles import Profile as Profile
from coopframe.scoring._reciprocity import (
    ReciprocityDetail,
    joint_share_score,
    reciprocity_detail,
    responsibility_balance_score,
)
from coopframe.scoring._registry import (
    SCORERS,
    Scorer,
    get_scorer,
    get_scorer_names,
    register_scorer,
    unregister_scorer,
)
from coopframe.scoring._reported import (
    ReportedCheck,
    counts_consistent_with,
    is_attainable,
    min_total_for,
    reported_check,
    reported_decimals,
)
from coopframe.scoring._scales import (
    SIGMA_CEILING,
    SIGMA_FLOOR,
    Completion,
    completion_category,
    sigma_scale,
)
from coopframe.scoring._schedule import (
    ScheduleDetail,
    on_time_score,
    schedule_detail,
    schedule_feasibility_score,
    sequencing_score,
)
from coopframe.scoring._specificity import (
    SmartCriterion,
    SpecificityDetail,
    smart_share_score,
    specificity_detail,
    specificity_score,
)

__all__ = [
    "BANDS",
    "BETWEENNESS_BUDGET",
    "FAMILIES",
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
    "EvaluationContext",
    "Family",
    "GroupCompliance",
    "ReciprocityDetail",
    "ReportedCheck",
    "ScheduleDetail",
    "Scorer",
    "SmartCriterion",
    "SpecificityDetail",
    "TriadLink",
    "axis_balance_score",
    "axis_coverage_score",
    "check_counting",
    "cohesion_score",
    "completion_category",
    "compliance_detail",
    "compliance_score",
    "composite",
    "composite_score",
    "coordination_detail",
    "counts_consistent_with",
    "coverage_detail",
    "cross_border_score",
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
