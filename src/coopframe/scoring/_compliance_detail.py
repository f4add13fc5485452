"""The detail of the compliance family: the overall rates and those of each axis and party."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import attrs

from coopframe._util import json_float
from coopframe.model import ActivityId, AxisId, Counting, PartyId, Status
from coopframe.scoring._scales import Completion, completion_category, sigma_scale

__all__ = ["CancelledRule", "ComplianceDetail", "GroupCompliance"]

CancelledRule = Literal["exclude", "unmet", "met"]
"""How cancelled activities count: left out, not fulfilled, or fulfilled."""


@attrs.frozen(kw_only=True)
class GroupCompliance:
    """The compliance of one group of activities: an axis, or a party's share.

    Parameters
    ----------
    id
        The axis or party id.
    rate
        ``met_weight / counted_weight`` in [0, 1], higher is better; ``nan`` when no activity of
        the group counts.
    met_weight
        The weighted credit of the group's counted activities.
    counted_weight
        The total weight of the group's counted activities.
    counted
        How many of the group's activities count.
    """

    id: str
    rate: float
    met_weight: float
    counted_weight: float
    counted: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``nan`` becomes ``None``."""
        return {
            "id": self.id,
            "rate": json_float(self.rate),
            "met_weight": self.met_weight,
            "counted_weight": self.counted_weight,
            "counted": self.counted,
        }


@attrs.frozen(kw_only=True)
class ComplianceDetail:
    """A roadmap's compliance and what it came from.

    Built by :func:`compliance_detail`. Activity ids, axes and parties are sorted by id, so the
    detail does not depend on the order of the roadmap's lists.

    Parameters
    ----------
    counting, cancelled, weighted, as_of
        The options it was computed with.
    strict_rate, partial_rate, lenient_rate
        The overall rate under each counting rule (same activities, same weights), in [0, 1],
        higher is better; ``nan`` when no activity counts.
    due_date
        The date SIGMA's implementation rate is taken at: ``as_of``, else the roadmap's
        ``as_of``; ``None`` when neither is set (every activity is due).
    due_rate
        The strict rate of the counted activities due by ``due_date``: SIGMA's implementation
        rate, in [0, 1]; ``nan`` when none is due.
    met_weight, counted_weight
        Numerator and denominator of the rate under ``counting``.
    counted
        The activities in the denominator.
    met
        Counted activities with full credit under ``counting``.
    partly_met
        Counted activities with credit strictly between 0 and 1 (``partial`` counting only).
    excluded
        Cancelled activities left out (``cancelled="exclude"``).
    not_due
        Activities due after ``as_of``, left out.
    zero_weight
        Activities of weight 0, left out (``weighted=True`` only).
    unassigned
        Counted activities with no responsible agency (in no party's rate).
    status_counts
        ``(status, number of activities)`` for every :class:`~coopframe.model.Status`, in its
        declaration order, over all the roadmap's activities.
    axes
        Per-axis compliance under ``counting``, one per axis of the roadmap.
    parties
        Per-party compliance under ``counting``, one per party of the roadmap.
    """

    counting: Counting
    cancelled: CancelledRule
    weighted: bool
    as_of: dt.date | None
    strict_rate: float
    partial_rate: float
    lenient_rate: float
    due_date: dt.date | None
    due_rate: float
    met_weight: float
    counted_weight: float
    counted: tuple[ActivityId, ...]
    met: tuple[ActivityId, ...]
    partly_met: tuple[ActivityId, ...]
    excluded: tuple[ActivityId, ...]
    not_due: tuple[ActivityId, ...]
    zero_weight: tuple[ActivityId, ...]
    unassigned: tuple[ActivityId, ...]
    status_counts: tuple[tuple[Status, int], ...]
    axes: tuple[GroupCompliance, ...]
    parties: tuple[GroupCompliance, ...]

    @property
    def rate(self) -> float:
        """The compliance rate under ``counting``: in [0, 1], higher is better, or ``nan``."""
        if self.counting is Counting.PARTIAL:
            return self.partial_rate
        if self.counting is Counting.LENIENT:
            return self.lenient_rate
        return self.strict_rate

    @property
    def implementation_rate(self) -> float:
        """SIGMA's score: :func:`sigma_scale` applied to ``due_rate``; ``nan`` when it is."""
        return sigma_scale(self.due_rate)

    @property
    def completion(self) -> Completion:
        """The OGP IRM completion category of ``rate`` (see :func:`completion_category`)."""
        return completion_category(self.rate)

    @property
    def axis_rates(self) -> dict[AxisId, float]:
        """Per-axis rates by axis id, sorted by id."""
        return {AxisId(group.id): group.rate for group in self.axes}

    @property
    def party_rates(self) -> dict[PartyId, float]:
        """Per-party rates by party id, sorted by id."""
        return {PartyId(group.id): group.rate for group in self.parties}

    @property
    def empty_axes(self) -> tuple[AxisId, ...]:
        """Axes with no counted activity (their rate is ``nan``)."""
        return tuple(AxisId(group.id) for group in self.axes if group.counted == 0)

    @property
    def empty_parties(self) -> tuple[PartyId, ...]:
        """Parties responsible for no counted activity (their rate is ``nan``)."""
        return tuple(PartyId(group.id) for group in self.parties if group.counted == 0)

    def scores(self) -> dict[str, float]:
        """Registry name → value for every score of the family, under this detail's options.

        With the default options these equal the registered scorers.
        """
        return {
            "compliance": self.strict_rate,
            "compliance_lenient": self.lenient_rate,
            "compliance_partial": self.partial_rate,
            "implementation_rate": self.implementation_rate,
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and deterministic: ``nan`` becomes ``None``, enums their values."""
        return {
            "counting": self.counting.value,
            "cancelled": self.cancelled,
            "weighted": self.weighted,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "rate": json_float(self.rate),
            "rates": {
                "strict": json_float(self.strict_rate),
                "partial": json_float(self.partial_rate),
                "lenient": json_float(self.lenient_rate),
            },
            "due_date": None if self.due_date is None else self.due_date.isoformat(),
            "due_rate": json_float(self.due_rate),
            "implementation_rate": json_float(self.implementation_rate),
            "completion": self.completion.value,
            "met_weight": self.met_weight,
            "counted_weight": self.counted_weight,
            "counted": list(self.counted),
            "met": list(self.met),
            "partly_met": list(self.partly_met),
            "excluded": list(self.excluded),
            "not_due": list(self.not_due),
            "zero_weight": list(self.zero_weight),
            "unassigned": list(self.unassigned),
            "status_counts": {status.value: count for status, count in self.status_counts},
            "axes": [group.to_dict() for group in self.axes],
            "parties": [group.to_dict() for group in self.parties],
            "empty_axes": list(self.empty_axes),
            "empty_parties": list(self.empty_parties),
            "scores": {name: json_float(value) for name, value in self.scores().items()},
        }
