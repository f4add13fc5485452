"""The walks behind the schedule family: the critical path, overdue and blocked activities,
and dependencies out of sequence or past their deadlines."""

from __future__ import annotations

import datetime as dt
import math

from coopframe._util import gc_paused
from coopframe.model import Roadmap, Status

__all__: list[str] = []

_CLOSED = frozenset({Status.COMPLETED, Status.CANCELLED})


def _longest_chain(roadmap: Roadmap, default_duration: int) -> tuple[list[str], int, list[str]]:
    """The critical path (first to last), its days, and the undated activities.

    Kahn's order over plain lists, then one dynamic-programming pass: each activity keeps the
    best (finish, count) among its prerequisites, ties broken by the smaller id. The garbage
    collector is paused while the adjacency lists are built: with a large roadmap alive, its
    collections would otherwise walk every activity again and again.
    """
    with gc_paused():
        return _longest_chain_unpaused(roadmap, default_duration)


def _longest_chain_unpaused(
    roadmap: Roadmap, default_duration: int
) -> tuple[list[str], int, list[str]]:
    activities = roadmap.activities
    n = len(activities)
    ids = [activity.id for activity in activities]
    position = {ident: i for i, ident in enumerate(ids)}
    duration = [default_duration] * n
    undated: list[str] = []
    prerequisites: list[list[int]] = [[] for _ in range(n)]
    dependents: list[list[int]] = [[] for _ in range(n)]
    for i, activity in enumerate(activities):
        if activity.start is not None and activity.due is not None:
            duration[i] = (activity.due - activity.start).days + 1
        else:
            undated.append(activity.id)
        for prerequisite in activity.depends_on:
            p = position[prerequisite]
            prerequisites[i].append(p)
            dependents[p].append(i)

    indegree = [len(pres) for pres in prerequisites]
    order = [i for i in range(n) if indegree[i] == 0]
    head = 0
    while head < len(order):
        for dependent in dependents[order[head]]:
            indegree[dependent] -= 1
            if indegree[dependent] == 0:
                order.append(dependent)
        head += 1

    finish = [0] * n
    count = [0] * n
    previous = [-1] * n
    for i in order:
        pres = prerequisites[i]
        if not pres:
            finish[i] = duration[i]
            count[i] = 1
            continue
        best = pres[0]
        for p in pres[1:]:
            if _better(finish[p], count[p], ids[p], finish[best], count[best], ids[best]):
                best = p
        finish[i] = finish[best] + duration[i]
        count[i] = count[best] + 1
        previous[i] = best

    end = -1
    if n:
        longest = max(zip(finish, count, strict=True))
        end = min(
            (i for i in range(n) if finish[i] == longest[0] and count[i] == longest[1]),
            key=ids.__getitem__,
        )
    path: list[str] = []
    node = end
    while node >= 0:
        path.append(ids[node])
        node = previous[node]
    path.reverse()
    return path, finish[end] if end >= 0 else 0, undated


def _better(finish: int, count: int, ident: str, o_finish: int, o_count: int, o_id: str) -> bool:
    """Whether a chain end beats another: longer, then more activities, then smaller id."""
    if finish != o_finish:
        return finish > o_finish
    if count != o_count:
        return count > o_count
    return ident < o_id


def _overdue(roadmap: Roadmap, when: dt.date | None) -> tuple[int, list[str]]:
    """The number of activities due before ``when`` (not cancelled), and the overdue ones."""
    if when is None:
        return 0, []
    due = 0
    overdue: list[str] = []
    for activity in roadmap.activities:
        if activity.due is None or activity.due >= when or activity.status is Status.CANCELLED:
            continue
        due += 1
        if activity.status is not Status.COMPLETED:
            overdue.append(activity.id)
    return due, overdue


def _at_risk(roadmap: Roadmap, overdue: list[str]) -> list[str]:
    """Unfinished activities reached from the overdue ones through unfinished dependents."""
    reached = set(overdue)
    frontier = list(overdue)
    at_risk: list[str] = []
    while frontier:
        for dependent in roadmap.dependents(frontier.pop()):
            if dependent.id in reached or dependent.status in _CLOSED:
                continue
            reached.add(dependent.id)
            at_risk.append(dependent.id)
            frontier.append(dependent.id)
    return at_risk


def _blocked(roadmap: Roadmap) -> list[str]:
    """Unfinished activities with a prerequisite that is not completed."""
    return [
        activity.id
        for activity in roadmap.activities
        if activity.status not in _CLOSED
        and any(roadmap.activity(p).status is not Status.COMPLETED for p in activity.depends_on)
    ]


def _violations(roadmap: Roadmap) -> tuple[int, list[tuple[str, str]]]:
    """Completed activities with prerequisites, and ``(activity, prerequisite)`` violations."""
    completed = 0
    violations: list[tuple[str, str]] = []
    for activity in roadmap.activities:
        if activity.status is not Status.COMPLETED or not activity.depends_on:
            continue
        completed += 1
        violations.extend(
            (activity.id, p)
            for p in activity.depends_on
            if roadmap.activity(p).status is not Status.COMPLETED
        )
    return completed, violations


def _deadline_violations(
    roadmap: Roadmap,
) -> tuple[int, list[tuple[str, dt.date, str, dt.date]]]:
    """The dated dependencies, and those whose activity is due before its prerequisite.

    Each violation is ``(activity, due, prerequisite, prerequisite_due)``, in document order;
    one pass over the dependencies.
    """
    dated = 0
    found: list[tuple[str, dt.date, str, dt.date]] = []
    for activity in roadmap.activities:
        due = activity.due
        if due is None or not activity.depends_on:
            continue
        for prerequisite_id in activity.depends_on:
            prerequisite_due = roadmap.activity(prerequisite_id).due
            if prerequisite_due is None:
                continue
            dated += 1
            if due < prerequisite_due:
                found.append((activity.id, due, prerequisite_id, prerequisite_due))
    return dated, found


def _feasibility(period_days: int, chain_days: int, violations: int, dated: int) -> float:
    """The product of the fit and order shares that are defined; ``nan`` when neither is."""
    shares = []
    if chain_days:
        shares.append(1.0 if chain_days <= period_days else period_days / chain_days)
    if dated:
        shares.append(_kept_share(violations, dated))
    if not shares:
        return math.nan
    return shares[0] if len(shares) == 1 else shares[0] * shares[1]


def _kept_share(failed: int, total: int) -> float:
    """``1 - failed / total`` computed as ``(total - failed) / total``; ``nan`` when total is 0."""
    return (total - failed) / total if total else math.nan
