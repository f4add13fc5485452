"""Evaluate a roadmap: every family of scores, the detail behind each, and a composite.

:func:`evaluate` builds the shared graphs once (an :class:`EvaluationContext`), runs every
family of :data:`FAMILIES` and any family passed to it, adds the registered scorers and any
scorer passed to it, checks a reported rate against the computed one, and weighs the scores into
a composite under a :class:`Profile`.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterable, Mapping
from typing import Any, cast

import attrs

from coopframe._checks import as_date, check_instance, refuse
from coopframe._util import gc_paused, json_float
from coopframe.exceptions import InvalidParameterError, UnknownNameError
from coopframe.graph import agency_network
from coopframe.model import Roadmap, findings
from coopframe.scoring import (
    _compliance,
    _coordination,
    _coverage,
    _reciprocity,
    _schedule,
    _specificity,
)
from coopframe.scoring._common import FrozenMap
from coopframe.scoring._compliance import ComplianceDetail
from coopframe.scoring._coordination import CoordinationDetail
from coopframe.scoring._coverage import CoverageDetail
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._profiles import Composite, Profile, composite, get_profile
from coopframe.scoring._reciprocity import ReciprocityDetail
from coopframe.scoring._registry import SCORERS, Scorer
from coopframe.scoring._reported import ReportedCheck, reported_check
from coopframe.scoring._schedule import ScheduleDetail
from coopframe.scoring._specificity import SpecificityDetail

__all__ = ["FAMILIES", "Evaluation", "evaluate"]

FAMILIES: Mapping[str, Family] = types.MappingProxyType(
    {
        family.name: family
        for family in (
            _compliance.FAMILY,
            _coverage.FAMILY,
            _reciprocity.FAMILY,
            _coordination.FAMILY,
            _schedule.FAMILY,
            _specificity.FAMILY,
        )
    }
)
"""The built-in families of scores by name, in the order :func:`evaluate` runs them; read-only.

A new built-in family is a new module defining its ``FAMILY``, listed here. A family of one's
own is passed to :func:`evaluate` as ``families=[...]`` instead.
"""


def _frozen_scores(scores: Mapping[str, float]) -> FrozenMap[str, float]:
    return scores if isinstance(scores, FrozenMap) else FrozenMap(scores)


def _frozen_details(details: Mapping[str, Any]) -> FrozenMap[str, Any]:
    return details if isinstance(details, FrozenMap) else FrozenMap(details)


@attrs.frozen(kw_only=True)
class Evaluation:
    """Every score of a roadmap, and what each came from.

    Read-only all the way down, and hashable when every detail is.

    Attributes
    ----------
    roadmap_id, roadmap_title
        Which roadmap.
    as_of
        The status date the evaluation used (the roadmap's own unless one was given).
    scores
        Score name -> value, sorted by name; ``nan`` where undefined.
    details
        Family name -> its detail, in the order the families ran (the built-in ones first).
        The built-in families' details are also attributes: ``compliance``, ``coverage``,
        ``reciprocity``, ``coordination``, ``schedule``, ``specificity``.
    reported
        The check of a reported rate against the computed one, when the roadmap carries one.
    composite
        The composite under the profile.
    findings
        The messages of the soft findings of :func:`coopframe.findings`, sorted (each names
        the element it is about, so the list does not depend on the order of the roadmap's
        lists).
    families
        The families that ran, which turn the details into plain data.
    scorers
        The scorers that describe the scores: the families' and every other one used.
    """

    roadmap_id: str
    roadmap_title: str
    as_of: dt.date | None
    scores: Mapping[str, float] = attrs.field(converter=_frozen_scores)
    details: Mapping[str, Any] = attrs.field(converter=_frozen_details)
    reported: ReportedCheck | None
    composite: Composite
    findings: tuple[str, ...]
    families: tuple[Family, ...] = attrs.field(eq=False, hash=False, repr=False)
    scorers: tuple[Scorer, ...] = attrs.field(eq=False, hash=False, repr=False)

    @property
    def compliance(self) -> ComplianceDetail:
        """The detail of the compliance family."""
        return cast(ComplianceDetail, self.details["compliance"])

    @property
    def coverage(self) -> CoverageDetail:
        """The detail of the coverage family."""
        return cast(CoverageDetail, self.details["coverage"])

    @property
    def reciprocity(self) -> ReciprocityDetail:
        """The detail of the reciprocity family."""
        return cast(ReciprocityDetail, self.details["reciprocity"])

    @property
    def coordination(self) -> CoordinationDetail:
        """The detail of the coordination family."""
        return cast(CoordinationDetail, self.details["coordination"])

    @property
    def schedule(self) -> ScheduleDetail:
        """The detail of the schedule family."""
        return cast(ScheduleDetail, self.details["schedule"])

    @property
    def specificity(self) -> SpecificityDetail:
        """The detail of the specificity family."""
        return cast(SpecificityDetail, self.details["specificity"])

    def score(self, name: str) -> float:
        """One score by name."""
        try:
            return self.scores[name]
        except KeyError:
            known = ", ".join(self.scores)
            raise UnknownNameError(f"no score {name!r} here; scores: {known}") from None

    def detail(self, family: str) -> Any:
        """The detail of one family by name."""
        try:
            return self.details[family]
        except KeyError:
            known = ", ".join(self.details)
            raise UnknownNameError(f"no family {family!r} here; families: {known}") from None

    def scorer(self, name: str) -> Scorer | None:
        """The scorer that describes the score ``name``, or ``None`` when none does."""
        for scorer in self.scorers:
            if scorer.name == name:
                return scorer
        return None

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready (``nan`` as ``None``) and deterministic."""
        return {
            "roadmap": {"id": self.roadmap_id, "title": self.roadmap_title},
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "scores": {name: json_float(value) for name, value in self.scores.items()},
            "composite": self.composite.to_dict(),
            "reported": None if self.reported is None else self.reported.to_dict(),
            "details": {
                family.name: dict(family.to_data(self.details[family.name]))
                for family in self.families
            },
            "findings": list(self.findings),
        }


def evaluate(
    roadmap: Roadmap,
    *,
    profile: Profile | str | None = None,
    as_of: dt.date | str | None = None,
    families: Iterable[Family] = (),
    scorers: Iterable[Scorer] = (),
) -> Evaluation:
    """Evaluate a roadmap: every family of scores, every registered score, and a composite.

    Parameters
    ----------
    roadmap
        Any valid roadmap.
    profile
        The composite's weights: a :class:`Profile`, a built-in name (``"balanced"``,
        ``"design"``, ``"delivery"``), or ``None`` for ``"balanced"``. It may weigh the scores
        of ``families`` and ``scorers``.
    as_of
        The status date for date-dependent scores (overdue, on time), as a date or its ISO
        ``YYYY-MM-DD`` string; by default the roadmap's own ``as_of``. It may not be earlier
        than the roadmap's own ``as_of``: statuses are known only as they stood on that date,
        so work completed by then would be counted as done at an earlier date it may not have
        been done by. A later date (deadlines passed since) is allowed, and any date when the
        roadmap has no ``as_of``.
    families
        Families of one's own (:class:`Family`), run after the built-in ones for this
        evaluation only; the global registry is not touched.
    scorers
        Scorers of one's own (:class:`Scorer`), for this evaluation only; one of a
        registered scorer's name replaces it here. They travel with the work to worker
        processes.

    Returns
    -------
    Evaluation
        Scores in [0, 1] (higher is better, ``nan`` where undefined) with their details.

    Raises
    ------
    InvalidParameterError
        ``as_of`` is not a date, or is earlier than the roadmap's own ``as_of``; ``families``
        or ``scorers`` are not families and scorers, or their names are taken.
    UnknownNameError
        ``profile`` names no built-in profile, or weighs a score that nothing computes.

    Examples
    --------
    >>> ev = cf.evaluate(cf.datasets.load("bolivia-peru-2021-2022"))
    >>> round(ev.scores["compliance"], 2)
    0.92
    >>> ev.reported.agrees
    True
    """
    check_instance("roadmap", roadmap, "evaluate", Roadmap, "a Roadmap")
    given = as_date("as_of", as_of, "evaluate")
    if given is not None and roadmap.as_of is not None and given < roadmap.as_of:
        raise InvalidParameterError(
            f"The 'as_of' parameter of evaluate must not be earlier than the roadmap's own "
            f"status date {roadmap.as_of.isoformat()}. Got {given.isoformat()} instead: the "
            f"statuses of {roadmap.id!r} are known only as of {roadmap.as_of.isoformat()}, so "
            "work completed by then would be counted as done at an earlier date."
        )
    running = _checked_families(families)
    extra = _checked_scorers(scorers, running)
    chosen = get_profile(profile)
    _check_profile(chosen, running, extra)
    with gc_paused():
        return _evaluate(
            roadmap, chosen, given if given is not None else roadmap.as_of, running, extra
        )


def _checked_families(families: Iterable[Family]) -> tuple[Family, ...]:
    given = tuple(families) if not isinstance(families, Family | str) else (families,)
    names = list(FAMILIES)
    for family in given:
        if not isinstance(family, Family):
            refuse("families", "evaluate", "an iterable of Family objects", f"{family!r} in it")
        if family.name in names:
            raise InvalidParameterError(
                "The 'families' parameter of evaluate must name each family once and take no "
                f"built-in family's name. Got {family.name!r} twice instead."
            )
        names.append(family.name)
    return (*FAMILIES.values(), *given)


def _checked_scorers(scorers: Iterable[Scorer], running: tuple[Family, ...]) -> tuple[Scorer, ...]:
    given = tuple(scorers) if not isinstance(scorers, Scorer | str) else (scorers,)
    taken = {scorer.name for family in running for scorer in family.scorers}
    for scorer in given:
        if not isinstance(scorer, Scorer):
            refuse("scorers", "evaluate", "an iterable of Scorer objects", f"{scorer!r} in it")
        if scorer.name in taken:
            raise InvalidParameterError(
                "The 'scorers' parameter of evaluate must name each scorer once and take no "
                f"family's score name. Got {scorer.name!r} twice instead."
            )
        taken.add(scorer.name)
    return given


def _check_profile(chosen: Profile, running: tuple[Family, ...], extra: tuple[Scorer, ...]) -> None:
    known = {scorer.name for family in running for scorer in family.scorers}
    known.update(SCORERS, (scorer.name for scorer in extra))
    for name in chosen.weights:
        if name not in known:
            names = ", ".join(sorted(known))
            raise UnknownNameError(f"unknown scorer {name!r}; known scorers: {names}")


def _evaluate(
    roadmap: Roadmap,
    chosen: Profile,
    when: dt.date | None,
    running: tuple[Family, ...],
    extra: tuple[Scorer, ...],
) -> Evaluation:
    context = EvaluationContext(roadmap=roadmap, as_of=when, agency_network=agency_network(roadmap))
    details: dict[str, Any] = {}
    scores: dict[str, float] = {}
    described: dict[str, Scorer] = {}
    for family in running:
        detail = family.detail(context)
        details[family.name] = detail
        scores.update(family.scores(detail))
        described.update((scorer.name, scorer) for scorer in family.scorers)
    for name, scorer in (*((scorer.name, scorer) for scorer in extra), *SCORERS.items()):
        if name not in scores:
            scores[name] = float(scorer(roadmap))
        described.setdefault(name, scorer)
    ordered = FrozenMap(sorted(scores.items()))
    return Evaluation(
        roadmap_id=roadmap.id,
        roadmap_title=roadmap.title,
        as_of=when,
        scores=ordered,
        details=FrozenMap(details),
        reported=reported_check(roadmap),
        composite=composite(ordered, profile=chosen),
        findings=tuple(sorted(finding.message for finding in findings(roadmap))),
        families=running,
        scorers=tuple(described[name] for name in ordered if name in described),
    )
