"""The hard rules of the model, run whenever a roadmap or an agreement is built (listed in
the docstring of ``coopframe.model``): every broken rule is collected as a ``Problem`` with its
path, and the constructor raises them together.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from coopframe._util import is_number
from coopframe.exceptions import Problem
from coopframe.model._documents import Agreement, Roadmap
from coopframe.model._enums import FigureUnit
from coopframe.model._index import RoadmapIndex
from coopframe.model._types import Activity, Party, ReportedFigure

_Add = Callable[[Problem], None]


class _Identified(Protocol):
    @property
    def id(self) -> object: ...


MIN_DATE = dt.date(1900, 1, 1)
"""The earliest date a document may hold."""
MAX_DATE = dt.date(2199, 12, 31)
"""The latest date a document may hold."""

_PARTY_ID = re.compile(r"[A-Z]{3}")


def roadmap_problems(roadmap: Roadmap, index: RoadmapIndex) -> list[Problem]:
    """Every broken hard rule of a roadmap, in document order.

    ``index`` holds the roadmap's lookups (first occurrence of each id).
    """
    problems: list[Problem] = []
    add = problems.append
    _check_parties(roadmap.parties, "parties", add)
    for kind, items in (
        ("agency", roadmap.agencies),
        ("axis", roadmap.axes),
        ("activity", roadmap.activities),
        ("source", roadmap.sources),
    ):
        _check_ids(items, _PLURAL[kind], kind, add)

    parties = index.parties
    sources = index.sources

    _check_period(roadmap.period.start, roadmap.period.end, add)
    _check_date(roadmap.signed_on, "signed_on", add)
    _check_date(roadmap.as_of, "as_of", add)

    for i, agency in enumerate(roadmap.agencies):
        if agency.party not in parties:
            add(Problem(f"agencies[{i}].party", f"unknown party {agency.party!r}"))
        _check_refs(agency.sources, sources, f"agencies[{i}].sources", "source", add)
    for i, axis in enumerate(roadmap.axes):
        _check_refs(axis.sources, sources, f"axes[{i}].sources", "source", add)

    _check_activities(roadmap.activities, index, add)

    for i, figure in enumerate(roadmap.reported):
        _check_figure(figure, f"reported[{i}]", sources, add)
    for i, source in enumerate(roadmap.sources):
        _check_date(source.date, f"sources[{i}].date", add)

    if not problems:
        # Cycles only make sense once every dependency resolves.
        problems.extend(_cycle_problems(roadmap))
    return problems


def _check_activities(activities: tuple[Activity, ...], index: RoadmapIndex, add: _Add) -> None:
    """Every broken rule of the activities, in order."""
    axes = index.axes
    agency_ids = set(index.agencies)
    activity_ids = set(index.activities)
    source_ids = set(index.sources)
    date, low, high, inf = dt.date, MIN_DATE, MAX_DATE, math.inf
    for i, activity in enumerate(activities):
        # The quick test of every rule; the detailed one, with paths, only when it fails.
        resp, deps, srcs = activity.responsible, activity.depends_on, activity.sources
        lead, start, due = activity.lead, activity.start, activity.due
        progress, weight = activity.progress, activity.weight
        if not (
            activity.axis in axes
            and type(resp) is tuple
            and (not resp or agency_ids.issuperset(resp))
            and (len(resp) < 2 or len(set(resp)) == len(resp))
            and (lead is None or lead in resp)
            and type(deps) is tuple
            and (not deps or (activity_ids.issuperset(deps) and activity.id not in deps))
            and (len(deps) < 2 or len(set(deps)) == len(deps))
            and type(srcs) is tuple
            and (not srcs or source_ids.issuperset(srcs))
            and (len(srcs) < 2 or len(set(srcs)) == len(srcs))
            and (start is None or (type(start) is date and low <= start <= high))
            and (due is None or (type(due) is date and low <= due <= high))
            and (start is None or due is None or due >= start)
            and (progress is None or (type(progress) in (float, int) and 0.0 <= progress <= 1.0))
            and type(weight) in (float, int)
            and 0.0 <= weight < inf
        ):
            _activity_problems(i, activity, index, agency_ids, activity_ids, source_ids, add)


def _activity_problems(
    i: int,
    activity: Activity,
    index: RoadmapIndex,
    agency_ids: set[str],
    activity_ids: set[str],
    source_ids: set[str],
    add: _Add,
) -> None:
    """Every broken rule of one activity, with its path."""
    axes, agencies, activities, sources = (
        index.axes,
        index.agencies,
        index.activities,
        index.sources,
    )
    here = f"activities[{i}]"
    if activity.axis not in axes:
        add(Problem(f"{here}.axis", f"unknown axis {activity.axis!r}"))
    if not _refs_fine(activity.responsible, agency_ids):
        _check_refs(activity.responsible, agencies, f"{here}.responsible", "agency", add)
    if activity.lead is not None:
        if activity.lead not in agencies:
            add(Problem(f"{here}.lead", f"unknown agency {activity.lead!r}"))
        elif activity.lead not in activity.responsible:
            add(
                Problem(
                    f"{here}.lead",
                    f"lead agency {activity.lead!r} is not one of the responsible agencies",
                )
            )
    depends_on = activity.depends_on
    if depends_on:
        if activity.id in depends_on:
            j = depends_on.index(activity.id)
            add(Problem(f"{here}.depends_on[{j}]", "an activity cannot depend on itself"))
        if not _refs_fine(depends_on, activity_ids):
            _check_refs(depends_on, activities, f"{here}.depends_on", "activity", add)
    if not _refs_fine(activity.sources, source_ids):
        _check_refs(activity.sources, sources, f"{here}.sources", "source", add)
    start, due = activity.start, activity.due
    if start is not None or due is not None:
        start_usable = _check_date(start, f"{here}.start", add)
        due_usable = _check_date(due, f"{here}.due", add)
        if start_usable and due_usable and start is not None and due is not None and due < start:
            add(
                Problem(
                    f"{here}.due",
                    f"due date {due.isoformat()} is before the start date {start.isoformat()}",
                )
            )
    progress = activity.progress
    if progress is not None and not (is_number(progress) and 0.0 <= progress <= 1.0):
        add(Problem(f"{here}.progress", f"must be between 0 and 1, got {progress!r}"))
    weight = activity.weight
    if not (is_number(weight) and math.isfinite(weight) and weight >= 0.0):
        add(Problem(f"{here}.weight", f"must be a finite number >= 0, got {weight!r}"))


def agreement_problems(agreement: Agreement) -> list[Problem]:
    """Every broken hard rule of an agreement (its roadmaps are checked when built)."""
    problems: list[Problem] = []
    add = problems.append
    _check_parties(agreement.parties, "parties", add)
    _check_ids(agreement.roadmaps, "roadmaps", "roadmap", add)
    _check_ids(agreement.sources, "sources", "source", add)
    _check_date(agreement.signed_on, "signed_on", add)
    for i, source in enumerate(agreement.sources):
        _check_date(source.date, f"sources[{i}].date", add)
    party_ids = {party.id for party in agreement.parties}
    previous: Roadmap | None = None
    for i, roadmap in enumerate(agreement.roadmaps):
        for j, party in enumerate(roadmap.parties):
            if party.id not in party_ids:
                add(
                    Problem(
                        f"roadmaps[{i}].parties[{j}]",
                        f"party {party.id!r} is not a party to the agreement",
                    )
                )
        if previous is not None and roadmap.period.start < previous.period.start:
            add(
                Problem(
                    f"roadmaps[{i}].period.start",
                    f"roadmaps must be in chronological order: {roadmap.id!r} starts before "
                    f"{previous.id!r}",
                )
            )
        previous = roadmap
    return problems


_PLURAL = {"agency": "agencies", "axis": "axes", "activity": "activities", "source": "sources"}


def _check_parties(parties: Sequence[Party], path: str, add: _Add) -> None:
    if len(parties) < 2:
        add(Problem(path, f"at least two parties are needed, got {len(parties)}"))
    for i, party in enumerate(parties):
        if isinstance(party.id, str) and not _PARTY_ID.fullmatch(party.id):
            add(
                Problem(
                    f"{path}[{i}].id",
                    f"{party.id!r} is not an ISO 3166-1 alpha-3 code (three capital letters)",
                )
            )
    _check_ids(parties, path, "party", add)


def _check_ids(items: Sequence[_Identified], path: str, kind: str, add: _Add) -> None:
    first: dict[str, int] = {}
    normal: dict[str, int] = {}
    for i, item in enumerate(items):
        ident = item.id
        if not isinstance(ident, str):
            add(Problem(f"{path}[{i}].id", f"a {kind} id must be a string, got {ident!r}"))
            continue
        if not ident.strip():
            add(Problem(f"{path}[{i}].id", f"a {kind} id must not be empty"))
            continue
        seen = first.setdefault(ident, i)
        if seen != i:
            add(
                Problem(
                    f"{path}[{i}].id",
                    f"duplicate {kind} id {ident!r} (first used at {path}[{seen}])",
                )
            )
        elif not ident.isascii():
            # "é" as one code point and as "e" plus a combining accent look the same: two such
            # ids are refused rather than silently kept apart (or merged).
            twin = normal.setdefault(unicodedata.normalize("NFC", ident), i)
            if twin != i:
                add(
                    Problem(
                        f"{path}[{i}].id",
                        f"id {ident!r} is the same as {items[twin].id!r} at {path}[{twin}] "
                        "once Unicode-normalised (NFC): write both ids the same way",
                    )
                )


def _refs_fine(refs: tuple[str, ...], known: set[str]) -> bool:
    """Whether every reference resolves and none repeats: the quick test before the detailed one."""
    if not refs:
        return True
    if isinstance(refs, str):
        return False
    if len(refs) == 1:
        return refs[0] in known
    return known.issuperset(refs) and len(set(refs)) == len(refs)


def _check_refs(
    refs: Sequence[str], known: Mapping[str, object], path: str, kind: str, add: _Add
) -> None:
    if isinstance(refs, str):
        add(Problem(path, f"expected a list of {kind} ids, got the string {refs!r}"))
        return
    if not refs:
        return
    seen: set[str] = set()
    for j, ref in enumerate(refs):
        if ref not in known:
            add(Problem(f"{path}[{j}]", f"unknown {kind} {ref!r}"))
        elif ref in seen:
            add(Problem(f"{path}[{j}]", f"{kind} {ref!r} is listed twice"))
        seen.add(ref)


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


def _check_date(value: dt.date | None, path: str, add: _Add) -> bool:
    """Record a problem with a date; whether it is a usable date (``None`` is not)."""
    if value is None:
        return False
    if not _is_date(value):
        add(Problem(path, f"expected a date (datetime.date), got {value!r}"))
        return False
    if not MIN_DATE <= value <= MAX_DATE:
        add(Problem(path, f"date {value.isoformat()} is outside {MIN_DATE}..{MAX_DATE}"))
        return False
    return True


def _check_period(start: dt.date, end: dt.date, add: _Add) -> None:
    usable = _check_date(start, "period.start", add)
    usable = _check_date(end, "period.end", add) and usable
    if usable and end < start:
        add(
            Problem(
                "period.end",
                f"the period ends on {end.isoformat()}, before it starts on {start.isoformat()}",
            )
        )


def _check_figure(
    figure: ReportedFigure, path: str, sources: Mapping[str, object], add: _Add
) -> None:
    value = figure.value
    if not is_number(value):
        add(Problem(f"{path}.value", f"expected a number, got {value!r}"))
    elif figure.unit is FigureUnit.RATE:
        if not 0.0 <= value <= 1.0:
            add(Problem(f"{path}.value", f"a rate must be between 0 and 1, got {value!r}"))
    elif not (math.isfinite(value) and value >= 0.0):
        add(Problem(f"{path}.value", f"a count must be a finite number >= 0, got {value!r}"))
    if figure.source not in sources:
        add(Problem(f"{path}.source", f"unknown source {figure.source!r}"))
    _check_date(figure.as_of, f"{path}.as_of", add)


def _cycle_problems(roadmap: Roadmap) -> list[Problem]:
    """One problem per dependency cycle found, naming the cycle.

    Kahn's algorithm removes every activity not on or behind a cycle; from what is left, walking
    back through prerequisites must repeat an activity, which closes a cycle.
    """
    activities = roadmap.activities
    position = {activity.id: i for i, activity in enumerate(activities)}
    if all(
        position[prerequisite] < i
        for i, activity in enumerate(activities)
        for prerequisite in activity.depends_on
    ):
        return []  # every prerequisite comes earlier in the list: no cycle can close
    indegree = [len(set(activity.depends_on)) for activity in activities]
    dependents: list[list[int]] = [[] for _ in activities]
    for i, activity in enumerate(activities):
        for prerequisite in set(activity.depends_on):
            dependents[position[prerequisite]].append(i)
    ready = [i for i, degree in enumerate(indegree) if degree == 0]
    while ready:
        node = ready.pop()
        for dependent in dependents[node]:
            indegree[dependent] -= 1
            if indegree[dependent] == 0:
                ready.append(dependent)
    left = [i for i, degree in enumerate(indegree) if degree > 0]
    if not left:
        return []
    remaining = set(left)
    done: set[int] = set()
    problems = []
    for startpoint in left:
        if startpoint in done:
            continue
        walk: list[int] = []
        on_walk: dict[int, int] = {}
        node = startpoint
        while node not in on_walk and node not in done:
            on_walk[node] = len(walk)
            walk.append(node)
            node = next(
                position[p] for p in activities[node].depends_on if position[p] in remaining
            )
        done.update(walk)
        if node in on_walk:
            # Each activity on the walk depends on the next one; the last depends on the first.
            cycle = walk[on_walk[node] :]
            names = " -> ".join(activities[k].id for k in [*cycle, cycle[0]])
            closing = cycle[-1]
            j = activities[closing].depends_on.index(activities[cycle[0]].id)
            problems.append(
                Problem(
                    f"activities[{closing}].depends_on[{j}]",
                    f"dependency cycle: {names} (each depends on the next)",
                )
            )
    return problems
