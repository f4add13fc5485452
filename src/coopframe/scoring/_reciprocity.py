"""Reciprocity: do the parties carry the roadmap together, and in equal measure?

A cooperation roadmap is reciprocal when its activities are carried jointly and when no party
carries most of it alone. Two scores, each in [0, 1], higher is better; neither assumes two
parties, so they read bilateral and trinational roadmaps alike.

``joint_share``
    The share of activities that are joint, an activity being joint when its responsible
    agencies belong to two or more parties: ``|joint| / n`` over all ``n`` activities (an
    activity without a responsible agency is not joint). With ``weighted=True`` activities
    count by their weights.
``responsibility_balance``
    How evenly the responsibility falls on the parties. Each activity's load (1, or its
    weight) is split among those responsible for it, then summed per party; the score is
    Pielou's evenness of those loads, the normalised Shannon entropy ``H / ln k`` taken over
    *all* ``k`` parties of the roadmap, so a party that carries nothing lowers it. Activities
    without a responsible agency carry no load. Two rules of splitting (``split``):

    - ``"parties"`` (default): equally among the parties responsible, whatever the number of
      their agencies involved. Two Peruvian agencies and one Bolivian agency on one activity
      give half of it to each party.
    - ``"agencies"``: equally among the responsible agencies, then summed per party. The same
      activity gives two thirds to Peru and one third to Bolivia.

Undefined cases are ``nan``: ``joint_share`` without activities (or, weighted, with a total
weight of zero); ``responsibility_balance`` when no activity has a responsible agency (or the
assigned weight is zero), which includes a roadmap without activities.

Both scores are symmetric in the parties: renaming or swapping the parties' ids leaves them
unchanged. :func:`reciprocity_detail` gives the joint activities, each party's single-party
activities, the unassigned ones and every party's load.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import attrs

from coopframe._checks import check_bool, check_choice
from coopframe._util import json_float
from coopframe.model import ActivityId, PartyId, Roadmap
from coopframe.scoring._common import evenness
from coopframe.scoring._family import EvaluationContext, Family
from coopframe.scoring._registry import register_scorer

__all__ = [
    "FAMILY",
    "ReciprocityDetail",
    "joint_share_score",
    "reciprocity_detail",
    "responsibility_balance_score",
]

_NAN = float("nan")
_SPLITS = ("parties", "agencies")


@attrs.frozen(kw_only=True)
class ReciprocityDetail:
    """Who carries a roadmap's activities: jointly, alone, or nobody.

    Party ids and activity ids are sorted.

    Parameters
    ----------
    activity_count
        How many activities the roadmap has.
    weighted
        Whether activities count by their weight (``True``) or once each.
    split
        How an activity's load is split: ``"parties"`` or ``"agencies"``.
    total_load
        The activity count, or the sum of the activities' weights.
    joint_load
        The part of ``total_load`` carried by joint activities.
    joint_ids
        The activities whose responsible agencies belong to two or more parties.
    single_party_ids
        ``(party id, activity ids)`` for every party: the activities it carries alone.
    unassigned_ids
        The activities without a responsible agency.
    party_loads
        ``(party id, load)`` for every party of the roadmap, zero loads included; they add up
        to the load of the assigned activities.
    """

    activity_count: int
    weighted: bool
    split: str
    total_load: float
    joint_load: float
    joint_ids: tuple[ActivityId, ...]
    single_party_ids: tuple[tuple[PartyId, tuple[ActivityId, ...]], ...]
    unassigned_ids: tuple[ActivityId, ...]
    party_loads: tuple[tuple[PartyId, float], ...]

    @property
    def joint_share(self) -> float:
        """Share of the activities (or weight) that are joint; ``nan`` when undefined."""
        if self.total_load <= 0.0:
            return _NAN
        return min(1.0, self.joint_load / self.total_load)

    @property
    def responsibility_balance(self) -> float:
        """Evenness of the party loads over every party; ``nan`` when nothing is assigned."""
        return evenness(load for _, load in self.party_loads)

    def scores(self) -> dict[str, float]:
        """Every score of the family by registry name."""
        return {
            "joint_share": self.joint_share,
            "responsibility_balance": self.responsibility_balance,
        }

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary: ``nan`` becomes ``None``."""
        return {
            "scores": {name: json_float(value) for name, value in self.scores().items()},
            "activity_count": self.activity_count,
            "weighted": self.weighted,
            "split": self.split,
            "total_load": self.total_load,
            "joint_load": self.joint_load,
            "joint_ids": list(self.joint_ids),
            "single_party_ids": {party: list(ids) for party, ids in self.single_party_ids},
            "unassigned_ids": list(self.unassigned_ids),
            "party_loads": dict(self.party_loads),
        }


def reciprocity_detail(
    roadmap: Roadmap, *, weighted: bool = False, split: Literal["parties", "agencies"] = "parties"
) -> ReciprocityDetail:
    """Joint, single-party and unassigned activities, and each party's load.

    Parameters
    ----------
    roadmap
        Any roadmap, of two parties or more.
    weighted
        Count each activity by its weight instead of once.
    split
        How an activity's load is shared among those responsible: ``"parties"`` (equally
        among the parties) or ``"agencies"`` (equally among the agencies, summed per party).

    Returns
    -------
    ReciprocityDetail
        The activities by who carries them, every party's load, and the scores.

    Raises
    ------
    InvalidParameterError
        ``weighted`` is not a bool, or ``split`` is not one of the rules above.

    See Also
    --------
    joint_share_score, responsibility_balance_score

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import reciprocity_detail
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=[cf.Agency(id="pnp", name="Policía Nacional del Perú", party="PER"),
    ...               cf.Agency(id="pb", name="Policía Boliviana", party="BOL")],
    ...     axes=[cf.Axis(id="inv", name="Investigación y sanción")],
    ...     activities=[
    ...         cf.Activity(id="A1", title="Joint operation", axis="inv",
    ...                     responsible=["pnp", "pb"]),
    ...         cf.Activity(id="A2", title="Training", axis="inv", responsible=["pnp"]),
    ...         cf.Activity(id="A3", title="Study", axis="inv"),
    ...     ],
    ... )
    >>> detail = reciprocity_detail(road)
    >>> detail.joint_ids, detail.unassigned_ids
    (('A1',), ('A3',))
    >>> detail.party_loads
    (('BOL', 0.5), ('PER', 1.5))
    """
    return _reciprocity(roadmap, weighted=weighted, split=split, caller="reciprocity_detail")


def joint_share_score(roadmap: Roadmap, *, weighted: bool = False) -> float:
    """Share of activities carried by agencies of two or more parties.

    Parameters
    ----------
    roadmap
        Any roadmap, of two parties or more.
    weighted
        Count each activity by its weight instead of once.

    Returns
    -------
    float
        In [0, 1], higher is better: 1 when every activity is joint. Activities without a
        responsible agency count as not joint. ``nan`` when the roadmap has no activities or,
        weighted, a total weight of zero.

    Raises
    ------
    InvalidParameterError
        ``weighted`` is not a bool.

    See Also
    --------
    reciprocity_detail : which activities are joint.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import joint_share_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=[cf.Agency(id="pnp", name="Policía Nacional del Perú", party="PER"),
    ...               cf.Agency(id="pb", name="Policía Boliviana", party="BOL")],
    ...     axes=[cf.Axis(id="inv", name="Investigación y sanción")],
    ...     activities=[
    ...         cf.Activity(id="A1", title="Joint operation", axis="inv",
    ...                     responsible=["pnp", "pb"], weight=3.0),
    ...         cf.Activity(id="A2", title="Training", axis="inv", responsible=["pnp"]),
    ...     ],
    ... )
    >>> joint_share_score(road)
    0.5
    >>> joint_share_score(road, weighted=True)
    0.75
    """
    detail = _reciprocity(roadmap, weighted=weighted, split="parties", caller="joint_share_score")
    return detail.joint_share


def responsibility_balance_score(
    roadmap: Roadmap, *, weighted: bool = False, split: Literal["parties", "agencies"] = "parties"
) -> float:
    """How evenly the activities' responsibility falls on all the roadmap's parties.

    Each activity's load is split among those responsible for it and summed per party; the
    score is the normalised Shannon entropy of the party loads over every party.

    Parameters
    ----------
    roadmap
        Any roadmap, of two parties or more.
    weighted
        Count each activity by its weight instead of once.
    split
        ``"parties"`` (default): an activity's load is shared equally by the parties
        responsible for it. ``"agencies"``: shared equally by its responsible agencies, then
        summed per party.

    Returns
    -------
    float
        In [0, 1], higher is better: 1 when every party carries the same load, 0 when one
        party carries everything. ``nan`` when no activity has a responsible agency (including
        a roadmap without activities) or, weighted, the assigned weight is zero.

    Raises
    ------
    InvalidParameterError
        ``weighted`` is not a bool, or ``split`` is not ``"parties"`` or ``"agencies"``.

    See Also
    --------
    reciprocity_detail : each party's load.

    Examples
    --------
    >>> import datetime as dt
    >>> from coopframe.scoring import responsibility_balance_score
    >>> road = cf.Roadmap(
    ...     id="demo", title="Demo",
    ...     parties=[cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")],
    ...     period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31)),
    ...     agencies=[cf.Agency(id="pnp", name="Policía Nacional del Perú", party="PER"),
    ...               cf.Agency(id="mp", name="Ministerio Público", party="PER"),
    ...               cf.Agency(id="pb", name="Policía Boliviana", party="BOL")],
    ...     axes=[cf.Axis(id="inv", name="Investigación y sanción")],
    ...     activities=[cf.Activity(id="A1", title="Joint operation", axis="inv",
    ...                             responsible=["pnp", "mp", "pb"])],
    ... )
    >>> responsibility_balance_score(road)
    1.0
    >>> round(responsibility_balance_score(road, split="agencies"), 4)
    0.9183
    """
    detail = _reciprocity(
        roadmap, weighted=weighted, split=split, caller="responsibility_balance_score"
    )
    return detail.responsibility_balance


def _reciprocity(roadmap: Roadmap, *, weighted: bool, split: str, caller: str) -> ReciprocityDetail:
    check_bool("weighted", weighted, caller)
    check_choice("split", split, caller, _SPLITS)
    by_agencies = split == "agencies"
    party_ids = sorted(party.id for party in roadmap.parties)
    parts: dict[PartyId, list[float]] = {party_id: [] for party_id in party_ids}
    alone: dict[PartyId, list[ActivityId]] = {party_id: [] for party_id in party_ids}
    loads: list[float] = []
    joint_parts: list[float] = []
    joint_ids: list[ActivityId] = []
    unassigned_ids: list[ActivityId] = []
    party_of = {agency.id: agency.party for agency in roadmap.agencies}
    for activity in roadmap.activities:
        load = activity.weight if weighted else 1.0
        loads.append(load)
        # Agencies per party, in one pass over the responsible agencies.
        per_party: dict[PartyId, int] = {}
        for agency_id in activity.responsible:
            party_id = party_of[agency_id]
            per_party[party_id] = per_party.get(party_id, 0) + 1
        if not per_party:
            unassigned_ids.append(activity.id)
            continue
        if len(per_party) > 1:
            joint_parts.append(load)
            joint_ids.append(activity.id)
        else:
            alone[next(iter(per_party))].append(activity.id)
        if by_agencies:
            agencies = len(activity.responsible)
            for party_id, count in per_party.items():
                parts[party_id].append(load * count / agencies)
        else:
            share = load / len(per_party)
            for party_id in per_party:
                parts[party_id].append(share)
    return ReciprocityDetail(
        activity_count=len(roadmap.activities),
        weighted=weighted,
        split=split,
        total_load=math.fsum(loads),
        joint_load=math.fsum(joint_parts),
        joint_ids=tuple(sorted(joint_ids)),
        single_party_ids=tuple(
            (party_id, tuple(sorted(alone[party_id]))) for party_id in party_ids
        ),
        unassigned_ids=tuple(sorted(unassigned_ids)),
        party_loads=tuple((party_id, math.fsum(parts[party_id])) for party_id in party_ids),
    )


def _family_detail(context: EvaluationContext) -> ReciprocityDetail:
    return reciprocity_detail(context.roadmap)


FAMILY = Family(
    name="reciprocity",
    description="How the parties share the activities.",
    detail=_family_detail,
    scores=ReciprocityDetail.scores,
    to_data=ReciprocityDetail.to_dict,
    scorers=(
        register_scorer(
            "joint_share",
            joint_share_score,
            family="reciprocity",
            description="Share of activities carried by agencies of two or more parties.",
            party_symmetric=True,
            on_empty=_NAN,
        ),
        register_scorer(
            "responsibility_balance",
            responsibility_balance_score,
            family="reciprocity",
            description=(
                "Evenness (normalised Shannon entropy) of the activities' load over all parties."
            ),
            party_symmetric=True,
            on_empty=_NAN,
        ),
    ),
)
"""The reciprocity family: its detail, its scores and their registry entries."""
