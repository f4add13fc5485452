"""Tests for the schedule family of coopframe.scoring: critical path, deadlines and sequencing."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopframe.exceptions import InvalidParameterError
from coopframe.model import Activity, Axis, Party, Period, Roadmap, Status
from coopframe.scoring import (
    ScheduleDetail,
    get_scorer,
    on_time_score,
    schedule_detail,
    schedule_feasibility_score,
    sequencing_score,
)
from coopframe.testing import renamed_pairs, roadmaps, shuffled_pairs

D = dt.date
JAN1 = D(2025, 1, 1)

C = Status.COMPLETED
X = Status.CANCELLED
P = Status.IN_PROGRESS
N = Status.NOT_STARTED
U = Status.UNKNOWN


def act(
    ident: str,
    *deps: str,
    days: int | None = None,
    start: dt.date = JAN1,
    due: dt.date | None = None,
    status: Status = N,
) -> Activity:
    """An activity lasting ``days`` days from ``start``, or due on ``due`` with no start."""
    if days is not None:
        return Activity(
            id=ident,
            title=ident,
            axis="ax",
            depends_on=deps,
            start=start,
            due=start + dt.timedelta(days=days - 1),
            status=status,
        )
    return Activity(id=ident, title=ident, axis="ax", depends_on=deps, due=due, status=status)


def road(
    *activities: Activity,
    period_days: int = 365,
    as_of: dt.date | None = None,
) -> Roadmap:
    return Roadmap(
        id="r",
        title="R",
        parties=(Party(id="BOL", name="Bolivia"), Party(id="PER", name="Perú")),
        period=Period(start=JAN1, end=JAN1 + dt.timedelta(days=period_days - 1)),
        as_of=as_of,
        axes=(Axis(id="ax", name="Axis"),),
        activities=activities,
    )


def nan_or_unit(value: float) -> bool:
    return math.isnan(value) or 0.0 <= value <= 1.0


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


# Critical path


def test_critical_path_of_a_diamond():
    """The longest chain through a diamond takes the longer branch and sums its durations."""
    r = road(
        act("A", days=10),
        act("B", "A", days=30),
        act("C", "A", days=5),
        act("D", "B", "C", days=7),
    )
    detail = schedule_detail(r)
    assert detail.critical_path == ("A", "B", "D")
    assert detail.critical_path_days == 47
    assert detail.undated == ()


def test_duration_counts_both_ends():
    """An activity starting and due on the same day lasts one day."""
    r = road(Activity(id="A", title="A", axis="ax", start=JAN1, due=JAN1))
    assert schedule_detail(r).critical_path_days == 1


def test_critical_path_ties_prefer_more_activities_then_smaller_ids():
    """Among chains of equal days the one with more activities wins, then the smaller ids."""
    r = road(
        act("Z", days=10),
        act("M", days=4),
        act("N", "M", days=6),
    )
    assert schedule_detail(r).critical_path == ("M", "N")
    r = road(act("b", days=3), act("a", days=3))
    assert schedule_detail(r).critical_path == ("a",)
    r = road(act("a", days=3), act("b", days=3))
    assert schedule_detail(r).critical_path == ("a",)


def test_critical_path_does_not_depend_on_list_order():
    """Writing the activities in another order gives the same path among equal chains."""
    items = [act("p", days=2), act("q", days=2), act("r", "p", "q", days=1)]
    assert schedule_detail(road(*items)).critical_path == ("p", "r")
    assert schedule_detail(road(*reversed(items))).critical_path == ("p", "r")


def test_undated_activities_take_the_default_duration():
    """Activities missing a date last default_duration days and are listed as undated."""
    r = road(act("A", days=10), act("B", "A"), act("C", "B", due=D(2025, 3, 1)))
    detail = schedule_detail(r)
    assert detail.undated == ("B", "C")
    assert detail.critical_path == ("A", "B", "C")
    assert detail.critical_path_days == 10
    detail = schedule_detail(r, default_duration=5)
    assert detail.critical_path_days == 20
    assert detail.default_duration == 5


def test_long_chain_does_not_recurse():
    """A 5,000-activity chain is walked without recursion and summed exactly."""
    chain = [act("A0", days=1)] + [act(f"A{i}", f"A{i - 1}", days=1) for i in range(1, 5000)]
    detail = schedule_detail(road(*chain))
    assert detail.critical_path_days == 5000
    assert len(detail.critical_path) == 5000
    assert detail.critical_path[0] == "A0"


# Feasibility


def test_feasibility_is_one_when_the_chain_fits():
    """A chain as long as the period fits exactly."""
    r = road(act("A", days=200), act("B", "A", days=165, start=D(2025, 7, 20)), period_days=365)
    assert schedule_feasibility_score(r) == 1.0


def test_feasibility_is_period_over_chain_when_too_long():
    """A 500-day chain in a 365-day period scores 365 / 500."""
    r = road(act("A", days=300), act("B", "A", days=200, start=D(2025, 10, 28)), period_days=365)
    assert schedule_feasibility_score(r) == 365 / 500
    assert schedule_detail(r).schedule_feasibility_score == 365 / 500


def test_feasibility_default_duration_option():
    """default_duration lengthens undated activities, and can make the chain too long."""
    r = road(act("A", days=300), act("B", "A"), period_days=365)
    assert schedule_feasibility_score(r) == 1.0
    assert schedule_feasibility_score(r, default_duration=130) == 365 / 430


def test_feasibility_nan_without_any_duration():
    """No activities, or only undated ones with a zero default, leave feasibility undefined."""
    assert math.isnan(schedule_feasibility_score(road()))
    assert math.isnan(schedule_feasibility_score(road(act("A"), act("B", "A"))))
    assert schedule_feasibility_score(road(act("A"), act("B", "A")), default_duration=1) == 1.0


# Deadlines as of a date


def test_overdue_due_before_as_of_and_not_finished():
    """Overdue: due strictly before as_of, neither completed nor cancelled; unknown counts."""
    r = road(
        act("done", due=D(2025, 2, 1), status=C),
        act("dropped", due=D(2025, 2, 1), status=X),
        act("late", due=D(2025, 2, 1), status=P),
        act("silent", due=D(2025, 2, 1), status=U),
        act("today", due=D(2025, 3, 1), status=N),
        act("later", due=D(2025, 6, 1), status=N),
        act("undated", status=N),
        as_of=D(2025, 3, 1),
    )
    detail = schedule_detail(r)
    assert detail.as_of == D(2025, 3, 1)
    assert detail.overdue == ("late", "silent")
    assert detail.due_before_as_of == 3
    assert detail.on_time_score == 1 / 3
    assert on_time_score(r) == 1 / 3


def test_on_time_as_of_option_overrides_the_roadmap():
    """The as_of option replaces the roadmap's own date."""
    r = road(
        act("A", due=D(2025, 2, 1), status=C),
        act("B", due=D(2025, 5, 1), status=P),
        as_of=D(2025, 3, 1),
    )
    assert on_time_score(r) == 1.0
    assert on_time_score(r, as_of=D(2025, 6, 1)) == 0.5
    assert schedule_detail(r, as_of=D(2025, 6, 1)).overdue == ("B",)


def test_on_time_nan_without_as_of_or_anything_due():
    """No as_of anywhere, or nothing (not cancelled) due before it, leaves on_time undefined."""
    r = road(act("A", due=D(2025, 2, 1), status=P))
    assert math.isnan(on_time_score(r))
    detail = schedule_detail(r)
    assert detail.as_of is None
    assert detail.overdue == ()
    assert detail.at_risk == ()
    assert math.isnan(on_time_score(r, as_of=D(2025, 1, 15)))
    assert math.isnan(
        on_time_score(road(act("A", due=D(2025, 2, 1), status=X)), as_of=D(2026, 1, 1))
    )
    assert math.isnan(on_time_score(road(), as_of=D(2026, 1, 1)))


def test_at_risk_is_transitive_and_stops_at_finished_work():
    """Unfinished activities downstream of an overdue one are at risk; finished ones stop it."""
    r = road(
        act("late", due=D(2025, 2, 1), status=P),
        act("next", "late", due=D(2025, 9, 1)),
        act("after", "next", due=D(2025, 10, 1)),
        act("done", "late", due=D(2025, 9, 1), status=C),
        act("behind_done", "done", due=D(2025, 10, 1)),
        act("dropped", "late", status=X),
        act("late2", "late", due=D(2025, 2, 15), status=N),
        act("free", due=D(2025, 9, 1)),
        as_of=D(2025, 3, 1),
    )
    detail = schedule_detail(r)
    assert detail.overdue == ("late", "late2")
    assert detail.at_risk == ("after", "next")


def test_blocked_by_unfinished_prerequisites():
    """Blocked: unfinished, with a prerequisite not completed (cancelled counts as unfinished)."""
    r = road(
        act("p_done", status=C),
        act("p_open", status=P),
        act("p_dropped", status=X),
        act("ok", "p_done"),
        act("waits", "p_done", "p_open"),
        act("orphan", "p_dropped"),
        act("finished_anyway", "p_open", status=C),
        act("dropped_too", "p_open", status=X),
    )
    assert schedule_detail(r).blocked == ("orphan", "waits")


# Sequencing


def test_sequencing_counts_completed_activities_with_prerequisites():
    """Out of sequence: completed while a prerequisite is not completed (cancelled included)."""
    r = road(
        act("p1", status=C),
        act("p2", status=P),
        act("p3", status=X),
        act("good", "p1", status=C),
        act("bad", "p1", "p2", status=C),
        act("bad2", "p2", "p3", status=C),
        act("open", "p2", status=P),
    )
    detail = schedule_detail(r)
    assert detail.completed_with_prerequisites == 3
    assert detail.out_of_sequence == ("bad", "bad2")
    assert detail.violations == (("bad", "p2"), ("bad2", "p2"), ("bad2", "p3"))
    assert detail.sequencing_score == 1 / 3
    assert sequencing_score(r) == 1 / 3


def test_sequencing_nan_when_no_completed_activity_has_prerequisites():
    """With no completed activity that has prerequisites, sequencing is undefined."""
    assert math.isnan(sequencing_score(road()))
    assert math.isnan(sequencing_score(road(act("a", status=C), act("b", "a", status=P))))
    assert sequencing_score(road(act("a", status=C), act("b", "a", status=C))) == 1.0


# Parameters


@pytest.mark.parametrize("bad", [-1, True, 1.5, "3", None])
def test_default_duration_must_be_a_non_negative_integer(bad):
    """A bad default_duration is rejected with the one message form, naming the function."""
    with pytest.raises(InvalidParameterError, match=r"The 'default_duration' parameter of "):
        schedule_detail(road(), default_duration=bad)
    with pytest.raises(InvalidParameterError, match=r"of schedule_feasibility_score must be"):
        schedule_feasibility_score(road(), default_duration=bad)


@pytest.mark.parametrize("bad", ["01/01/2025", dt.datetime(2025, 1, 1), 20250101])
def test_as_of_must_be_a_date(bad):
    """as_of must be a datetime.date or its ISO string (a datetime is not accepted)."""
    with pytest.raises(InvalidParameterError, match=r"The 'as_of' parameter of on_time_score"):
        on_time_score(road(), as_of=bad)
    with pytest.raises(InvalidParameterError, match=r"Got .* instead(\.|; pass its \.date\(\)\.)$"):
        schedule_detail(road(), as_of=bad)


# Deadlines against dependencies


def test_dependent_due_before_its_prerequisite_is_a_schedule_violation():
    """V2 depends on V1 but is due three months before it: the detail names both ids and both
    dates, and the feasibility score counts it (the chain fits, the only dependency does not)."""
    r = road(
        act("V1", due=D(2025, 6, 30)),
        act("V2", "V1", due=D(2025, 3, 31)),
        act("V3", "V1", due=D(2025, 6, 30)),  # the same day is allowed
        act("V4", "V3", days=30, start=D(2025, 7, 1)),
    )
    detail = schedule_detail(r)
    assert detail.deadline_violations == (("V2", D(2025, 3, 31), "V1", D(2025, 6, 30)),)
    assert detail.dated_dependencies == 3
    assert detail.schedule_feasibility_score == 2 / 3
    assert schedule_feasibility_score(r) == 2 / 3


def test_deadline_order_alone_defines_feasibility_without_durations():
    """With no dated durations the chain lasts 0 days: the order share alone is the score."""
    r = road(act("A", due=D(2025, 6, 30)), act("B", "A", due=D(2025, 3, 31)))
    assert schedule_detail(r).critical_path_days == 0
    assert schedule_feasibility_score(r) == 0.0


def test_feasibility_multiplies_fit_and_order():
    """A chain too long for the period and a backward deadline both lower the score."""
    r = road(
        act("A", days=300),
        act("B", "A", days=200, start=D(2025, 1, 1)),  # due 2025-07-19, before A (2025-10-27)
        period_days=400,
    )
    assert schedule_feasibility_score(r) == (400 / 500) * 0.0
    r = road(act("A", days=300), act("B", "A", days=200, start=D(2025, 10, 28)), period_days=400)
    assert schedule_feasibility_score(r) == 400 / 500


@given(roadmaps(max_activities=10))
def test_deadline_violations_match_brute_force(roadmap):
    """Every dependency with both due dates is judged, and exactly those with the activity due
    first are violations; the feasibility score is fit x order over the defined shares."""
    by_id = {a.id: a for a in roadmap.activities}
    pairs = [
        (a.id, a.due, p, by_id[p].due)
        for a in roadmap.activities
        for p in a.depends_on
        if a.due is not None and by_id[p].due is not None
    ]
    expected = sorted(pair for pair in pairs if pair[1] < pair[3])
    detail = schedule_detail(roadmap)
    assert detail.dated_dependencies == len(pairs)
    assert list(detail.deadline_violations) == expected
    shares = []
    if detail.critical_path_days:
        shares.append(min(1.0, detail.period_days / detail.critical_path_days))
    if pairs:
        shares.append((len(pairs) - len(expected)) / len(pairs))
    want = math.prod(shares) if shares else math.nan
    assert math.isclose(detail.schedule_feasibility_score, want) or (
        math.isnan(want) and math.isnan(detail.schedule_feasibility_score)
    )


# Detail, registry


def test_to_dict_is_json_ready_and_complete():
    """to_dict gives JSON primitives only, dates in ISO form and nan as None."""
    r = road(
        act("A", days=10, status=C),
        act("B", "A", days=10, start=D(2025, 3, 1)),
        act("C", "B", due=D(2025, 2, 1)),
        as_of=D(2025, 3, 1),
    )
    data = schedule_detail(r).to_dict()
    text = json.dumps(data, allow_nan=False, sort_keys=True)
    assert json.loads(text) == data
    assert data["as_of"] == "2025-03-01"
    assert data["critical_path"] == ["A", "B", "C"]
    assert data["overdue"] == ["C"]
    assert data["deadline_violations"] == [["C", "2025-02-01", "B", "2025-03-10"]]
    assert data["dated_dependencies"] == 2
    # The chain fits; C is due before B, one of the two dated dependencies.
    assert data["scores"] == {"on_time": 0.5, "schedule_feasibility": 0.5, "sequencing": None}


def test_registered_scorers_and_classification():
    """The family's three scores are registered with default options and classified."""
    r = road(act("A", days=10, status=C), act("B", "A", days=400, status=C), as_of=D(2026, 1, 1))
    detail = schedule_detail(r)
    assert set(detail.scores()) == {"on_time", "schedule_feasibility", "sequencing"}
    for name, value in detail.scores().items():
        scorer = get_scorer(name)
        assert scorer.family == "schedule"
        assert scorer.party_symmetric
        assert math.isnan(scorer.on_empty)
        assert same(scorer(r), value)
        assert math.isnan(scorer(road()))


# Properties


def brute_longest(roadmap: Roadmap, default_duration: int) -> int:
    """Longest chain by networkx, each edge weighing its target's duration."""
    g = nx.DiGraph()
    g.add_node("__start__")
    for a in roadmap.activities:
        days = (a.due - a.start).days + 1 if a.start and a.due else default_duration
        g.add_edge("__start__", a.id, weight=days)
        for p in a.depends_on:
            g.add_edge(p, a.id, weight=days)
    # Edge weights are set by the target, so every edge into a.id carries a's duration.
    return int(nx.dag_longest_path_length(g, weight="weight"))


@given(roadmaps(max_activities=10), st.integers(0, 40))
def test_critical_path_matches_networkx(roadmap, default_duration):
    """The chain's days equal networkx's longest path, and the path is a real chain."""
    detail = schedule_detail(roadmap, default_duration=default_duration)
    assert detail.critical_path_days == brute_longest(roadmap, default_duration)
    path = detail.critical_path
    assert bool(path) == bool(roadmap.activities)
    for before, after in itertools.pairwise(path):
        assert before in roadmap.activity(after).depends_on
    if path:
        assert not roadmap.activity(path[0]).depends_on
        undated = set(detail.undated)
        total = sum(
            default_duration
            if i in undated
            else (roadmap.activity(i).due - roadmap.activity(i).start).days + 1
            for i in path
        )
        assert total == detail.critical_path_days


@given(roadmaps(max_activities=10))
def test_at_risk_matches_reachability(roadmap):
    """At risk equals the unfinished activities reachable from an overdue one through
    unfinished activities, minus the overdue ones."""
    detail = schedule_detail(roadmap)
    open_ids = {a.id for a in roadmap.activities if a.status not in (C, X)}
    g = nx.DiGraph()
    g.add_nodes_from(open_ids)
    g.add_edges_from(
        (p, a.id) for a in roadmap.activities if a.id in open_ids for p in a.depends_on
    )
    reached: set[str] = set()
    for o in detail.overdue:
        reached |= nx.descendants(g, o) if o in g else set()
    assert set(detail.at_risk) == reached - set(detail.overdue)


@given(roadmaps(max_activities=8))
def test_scores_in_range_and_detail_agrees(roadmap):
    """Every score is nan or in [0, 1], and each function agrees with the detail."""
    detail = schedule_detail(roadmap)
    assert isinstance(detail, ScheduleDetail)
    for value in detail.scores().values():
        assert isinstance(value, float)
        assert nan_or_unit(value)
    assert same(schedule_feasibility_score(roadmap), detail.schedule_feasibility_score)
    assert same(on_time_score(roadmap), detail.on_time_score)
    assert same(sequencing_score(roadmap), detail.sequencing_score)
    json.dumps(detail.to_dict(), allow_nan=False)


@given(shuffled_pairs(roadmaps(max_activities=8)))
def test_detail_invariant_to_list_order(pair):
    """Reordering every list of the roadmap leaves the detail byte for byte the same."""
    first, second = pair
    a = json.dumps(schedule_detail(first).to_dict())
    b = json.dumps(schedule_detail(second).to_dict())
    assert a == b


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(renamed_pairs(roadmaps(max_activities=8)))
def test_scores_invariant_to_renaming(pair):
    """Renaming every id changes no score and no count."""
    first, second = pair
    a, b = schedule_detail(first), schedule_detail(second)
    for name, value in a.scores().items():
        assert same(value, b.scores()[name])
    assert a.critical_path_days == b.critical_path_days
    assert len(a.critical_path) == len(b.critical_path)
    assert len(a.overdue) == len(b.overdue)
    assert len(a.at_risk) == len(b.at_risk)
    assert len(a.blocked) == len(b.blocked)
