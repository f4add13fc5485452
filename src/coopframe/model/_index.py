"""The lookups of a roadmap: its items by id, and its groupings (built when first used)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Protocol, TypeVar

from coopframe.model._types import Activity, Agency, Axis, Party, Source


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_I = TypeVar("_I", bound=_Identified)
_V = TypeVar("_V")


class RoadmapIndex:
    """Lookups over a roadmap's contents: the maps by id at once, the groupings when first used."""

    def __init__(
        self,
        *,
        parties: tuple[Party, ...],
        agencies: tuple[Agency, ...],
        axes: tuple[Axis, ...],
        activities: tuple[Activity, ...],
        sources: tuple[Source, ...],
    ) -> None:
        self._activities = activities
        self._agencies = agencies
        # First occurrence wins; duplicates are reported by the rules.
        self.parties: Mapping[str, Party] = _first_by_id(parties)
        self.agencies: Mapping[str, Agency] = _first_by_id(agencies)
        self.axes: Mapping[str, Axis] = _first_by_id(axes)
        self.activities: Mapping[str, Activity] = _first_by_id(activities)
        self.sources: Mapping[str, Source] = _first_by_id(sources)

    @functools.cached_property
    def by_axis(self) -> Mapping[str, tuple[Activity, ...]]:
        groups: dict[str, list[Activity]] = {}
        for activity in self._activities:
            groups.setdefault(activity.axis, []).append(activity)
        return _freeze(groups)

    @functools.cached_property
    def by_agency(self) -> Mapping[str, tuple[Activity, ...]]:
        groups: dict[str, list[Activity]] = {}
        for activity in self._activities:
            for agency_id in dict.fromkeys(activity.responsible):
                groups.setdefault(agency_id, []).append(activity)
        return _freeze(groups)

    @functools.cached_property
    def dependents(self) -> Mapping[str, tuple[Activity, ...]]:
        groups: dict[str, list[Activity]] = {}
        for activity in self._activities:
            for prerequisite in dict.fromkeys(activity.depends_on):
                groups.setdefault(prerequisite, []).append(activity)
        return _freeze(groups)

    @functools.cached_property
    def by_party(self) -> Mapping[str, tuple[Agency, ...]]:
        groups: dict[str, list[Agency]] = {}
        for agency in self._agencies:
            groups.setdefault(agency.party, []).append(agency)
        return _freeze(groups)


def _first_by_id(items: tuple[_I, ...]) -> dict[str, _I]:
    return {item.id: item for item in reversed(items)}


def _freeze(groups: dict[str, list[_V]]) -> dict[str, tuple[_V, ...]]:
    return {key: tuple(values) for key, values in groups.items()}
