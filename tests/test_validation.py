"""The model's rules: every hard rule, every problem at once, with its path; soft findings."""

import ast
import datetime as dt
import itertools
import math
import pickle
import re
from pathlib import Path

import attrs
import networkx as nx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import coopframe as cf
from coopframe import (
    Activity,
    Agency,
    Agreement,
    Axis,
    CoopframeError,
    FigureUnit,
    InvalidDocumentError,
    Party,
    Period,
    Problem,
    ReportedFigure,
    Roadmap,
    Source,
    Status,
    findings,
)
from coopframe.model import MAX_DATE, MIN_DATE
from coopframe.testing import agreements, roadmaps, shuffled

MODEL_DIR = Path(cf.__file__).parent / "model"

BOL = Party(id="BOL", name="Bolivia")
PER = Party(id="PER", name="Perú")
PERIOD = Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31))


def fields(**changes):
    """The fields of a small valid roadmap, with ``changes`` applied."""
    base = {
        "id": "r",
        "title": "Hoja de ruta",
        "parties": [BOL, PER],
        "period": PERIOD,
        "agencies": [
            Agency(id="g1", name="PNP", party="PER"),
            Agency(id="g2", name="MJ", party="BOL"),
        ],
        "axes": [Axis(id="x1", name="Prevención")],
        "activities": [
            Activity(id="a1", title="Mesas", axis="x1", responsible=["g1"]),
            Activity(id="a2", title="Campaña", axis="x1", responsible=["g2"], depends_on=["a1"]),
        ],
        "sources": [Source(id="s1", title="Comunicado")],
    }
    base.update(changes)
    return base


def act(**changes):
    """An activity of the small roadmap, with ``changes`` applied."""
    return attrs.evolve(Activity(id="a9", title="Otra", axis="x1", responsible=["g1"]), **changes)


def problems_of(**changes):
    """The problems raised when building the small roadmap with ``changes``."""
    with pytest.raises(InvalidDocumentError) as info:
        Roadmap(**fields(**changes))
    return info.value.problems


def test_the_base_roadmap_is_valid():
    """The roadmap the examples break is itself valid."""
    Roadmap(**fields())


def two(activity):
    """The base activities with ``activity`` appended (it is activities[2])."""
    return fields()["activities"] + [activity]


CASES = [
    (
        "one party",
        {
            "parties": [BOL],
            "agencies": [
                Agency(id="g1", name="a", party="BOL"),
                Agency(id="g2", name="b", party="BOL"),
            ],
        },
        "parties",
        "at least two parties are needed, got 1",
    ),
    (
        "no party",
        {"parties": [], "agencies": [], "activities": []},
        "parties",
        "at least two parties are needed, got 0",
    ),
    (
        "bad party id",
        {"parties": [BOL, PER, Party(id="Peru", name="Perú")]},
        "parties[2].id",
        "'Peru' is not an ISO 3166-1 alpha-3 code",
    ),
    (
        "lowercase party id",
        {"parties": [BOL, PER, Party(id="per", name="Perú")]},
        "parties[2].id",
        "not an ISO 3166-1 alpha-3 code",
    ),
    (
        "duplicate party",
        {"parties": [BOL, PER, BOL]},
        "parties[2].id",
        "duplicate party id 'BOL' (first used at parties[0])",
    ),
    (
        "duplicate agency",
        {"agencies": [*fields()["agencies"], Agency(id="g1", name="Otra", party="BOL")]},
        "agencies[2].id",
        "duplicate agency id 'g1' (first used at agencies[0])",
    ),
    (
        "duplicate axis",
        {"axes": [Axis(id="x1", name="a"), Axis(id="x1", name="b")]},
        "axes[1].id",
        "duplicate axis id 'x1'",
    ),
    (
        "duplicate activity",
        {"activities": two(act(id="a1"))},
        "activities[2].id",
        "duplicate activity id 'a1' (first used at activities[0])",
    ),
    (
        "duplicate source",
        {"sources": [Source(id="s1", title="a"), Source(id="s1", title="b")]},
        "sources[1].id",
        "duplicate source id 's1'",
    ),
    ("empty activity id", {"activities": two(act(id=""))}, "activities[2].id", "must not be empty"),
    (
        "blank axis id",
        {"axes": [*fields()["axes"], Axis(id="  ", name="b")]},
        "axes[1].id",
        "a axis id must not be empty",
    ),
    (
        "agency of unknown party",
        {
            "agencies": [
                Agency(id="g1", name="PNP", party="ECU"),
                Agency(id="g2", name="MJ", party="BOL"),
            ]
        },
        "agencies[0].party",
        "unknown party 'ECU'",
    ),
    (
        "unknown axis",
        {"activities": two(act(axis="x9"))},
        "activities[2].axis",
        "unknown axis 'x9'",
    ),
    (
        "unknown responsible",
        {"activities": two(act(responsible=["g1", "g9"]))},
        "activities[2].responsible[1]",
        "unknown agency 'g9'",
    ),
    (
        "responsible twice",
        {"activities": two(act(responsible=["g1", "g1"]))},
        "activities[2].responsible[1]",
        "agency 'g1' is listed twice",
    ),
    (
        "unknown lead",
        {"activities": two(act(lead="g9"))},
        "activities[2].lead",
        "unknown agency 'g9'",
    ),
    (
        "lead not responsible",
        {"activities": two(act(lead="g2"))},
        "activities[2].lead",
        "lead agency 'g2' is not one of the responsible agencies",
    ),
    (
        "unknown dependency",
        {"activities": two(act(depends_on=["a1", "A-12"]))},
        "activities[2].depends_on[1]",
        "unknown activity 'A-12'",
    ),
    (
        "dependency twice",
        {"activities": two(act(depends_on=["a1", "a1"]))},
        "activities[2].depends_on[1]",
        "activity 'a1' is listed twice",
    ),
    (
        "self dependency",
        {"activities": two(act(depends_on=["a1", "a9"]))},
        "activities[2].depends_on[1]",
        "an activity cannot depend on itself",
    ),
    (
        "activity cites unknown source",
        {"activities": two(act(sources=["s9"]))},
        "activities[2].sources[0]",
        "unknown source 's9'",
    ),
    (
        "agency cites unknown source",
        {
            "agencies": [
                Agency(id="g1", name="PNP", party="PER", sources=["s9"]),
                Agency(id="g2", name="MJ", party="BOL"),
            ]
        },
        "agencies[0].sources[0]",
        "unknown source 's9'",
    ),
    (
        "axis cites unknown source",
        {"axes": [Axis(id="x1", name="Prevención", sources=["s1", "s9"])]},
        "axes[0].sources[1]",
        "unknown source 's9'",
    ),
    (
        "figure cites unknown source",
        {"reported": [ReportedFigure(metric="compliance", value=0.9, source="s9")]},
        "reported[0].source",
        "unknown source 's9'",
    ),
    (
        "period reversed",
        {"period": Period(start=dt.date(2026, 1, 1), end=dt.date(2025, 1, 1))},
        "period.end",
        "the period ends on 2025-01-01, before it starts on 2026-01-01",
    ),
    (
        "period too early",
        {"period": Period(start=dt.date(1899, 12, 31), end=dt.date(2025, 1, 1))},
        "period.start",
        "date 1899-12-31 is outside 1900-01-01..2199-12-31",
    ),
    (
        "period too late",
        {"period": Period(start=dt.date(2025, 1, 1), end=dt.date(2200, 1, 1))},
        "period.end",
        "date 2200-01-01 is outside",
    ),
    (
        "signed too early",
        {"signed_on": dt.date(1, 1, 1)},
        "signed_on",
        "date 0001-01-01 is outside",
    ),
    ("as_of too late", {"as_of": dt.date(9999, 1, 1)}, "as_of", "date 9999-01-01 is outside"),
    (
        "activity start out of bounds",
        {"activities": two(act(start=dt.date(1800, 1, 1)))},
        "activities[2].start",
        "date 1800-01-01 is outside",
    ),
    (
        "activity due out of bounds",
        {"activities": two(act(due=dt.date(2500, 1, 1)))},
        "activities[2].due",
        "date 2500-01-01 is outside",
    ),
    (
        "due before start",
        {"activities": two(act(start=dt.date(2025, 6, 1), due=dt.date(2025, 5, 31)))},
        "activities[2].due",
        "due date 2025-05-31 is before the start date 2025-06-01",
    ),
    (
        "source date out of bounds",
        {"sources": [Source(id="s1", title="a", date=dt.date(1850, 1, 1))]},
        "sources[0].date",
        "date 1850-01-01 is outside",
    ),
    (
        "figure date out of bounds",
        {
            "reported": [
                ReportedFigure(metric="m", value=0.5, source="s1", as_of=dt.date(2300, 1, 1))
            ]
        },
        "reported[0].as_of",
        "date 2300-01-01 is outside",
    ),
    (
        "progress above 1",
        {"activities": two(act(progress=1.5))},
        "activities[2].progress",
        "must be between 0 and 1, got 1.5",
    ),
    (
        "progress below 0",
        {"activities": two(act(progress=-0.1))},
        "activities[2].progress",
        "must be between 0 and 1, got -0.1",
    ),
    (
        "progress nan",
        {"activities": two(act(progress=math.nan))},
        "activities[2].progress",
        "must be between 0 and 1, got nan",
    ),
    (
        "negative weight",
        {"activities": two(act(weight=-1.0))},
        "activities[2].weight",
        "must be a finite number >= 0, got -1.0",
    ),
    (
        "infinite weight",
        {"activities": two(act(weight=math.inf))},
        "activities[2].weight",
        "must be a finite number >= 0, got inf",
    ),
    (
        "nan weight",
        {"activities": two(act(weight=math.nan))},
        "activities[2].weight",
        "must be a finite number >= 0, got nan",
    ),
    (
        "rate above 1",
        {"reported": [ReportedFigure(metric="compliance", value=92.0, source="s1")]},
        "reported[0].value",
        "a rate must be between 0 and 1, got 92.0",
    ),
    (
        "negative count",
        {"reported": [ReportedFigure(metric="n", value=-3.0, source="s1", unit=FigureUnit.COUNT)]},
        "reported[0].value",
        "a count must be a finite number >= 0, got -3.0",
    ),
    (
        "infinite count",
        {
            "reported": [
                ReportedFigure(metric="n", value=math.inf, source="s1", unit=FigureUnit.COUNT)
            ]
        },
        "reported[0].value",
        "a count must be a finite number >= 0, got inf",
    ),
]


@pytest.mark.parametrize(
    ("changes", "path", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_rule_reports_path_and_message(changes, path, fragment):
    """Each broken hard rule is reported once, at its path, with a message saying what is wrong."""
    problems = problems_of(**changes)
    assert len(problems) == 1, problems
    assert problems[0].path == path
    assert fragment in problems[0].message


def test_boundary_values_are_valid():
    """The bounds themselves are allowed: MIN_DATE, MAX_DATE, progress 0 and 1, weight 0."""
    Roadmap(
        **fields(
            period=Period(start=MIN_DATE, end=MAX_DATE),
            activities=two(act(start=MIN_DATE, due=MAX_DATE, progress=0.0, weight=0.0)),
            reported=[
                ReportedFigure(metric="c", value=1.0, source="s1"),
                ReportedFigure(metric="n", value=0.0, source="s1", unit=FigureUnit.COUNT),
            ],
        )
    )
    Roadmap(
        **fields(
            activities=two(act(progress=1.0, start=dt.date(2025, 1, 1), due=dt.date(2025, 1, 1)))
        )
    )


def test_every_problem_is_collected():
    """Several broken rules give several problems, each with its own path, in one error."""
    problems = problems_of(
        parties=[BOL, Party(id="xx", name="?")],
        activities=two(act(axis="x9", responsible=["g9"], progress=2.0)),
        reported=[ReportedFigure(metric="c", value=3.0, source="s9")],
    )
    assert {p.path for p in problems} == {
        "parties[1].id",
        "agencies[0].party",
        "activities[2].axis",
        "activities[2].responsible[0]",
        "activities[2].progress",
        "reported[0].value",
        "reported[0].source",
    }


def test_error_str_lists_problems_one_per_line():
    """str(error) has a count line, then one indented line per problem as 'path: message'."""
    with pytest.raises(InvalidDocumentError) as info:
        Roadmap(**fields(parties=[BOL, PER, BOL], activities=two(act(axis="x9"))))
    lines = str(info.value).splitlines()
    assert lines == [
        "2 problems found",
        "  parties[2].id: duplicate party id 'BOL' (first used at parties[0])",
        "  activities[2].axis: unknown axis 'x9'",
    ]


def test_error_with_one_problem_and_a_source():
    """One problem reads in the singular; a known source prefixes the count line."""
    error = InvalidDocumentError([Problem("", "whole document")], source="road.yaml")
    assert str(error) == "road.yaml: 1 problem found\n  whole document"


def test_error_types_and_pickling():
    """InvalidDocumentError is a CoopframeError and a ValueError, and pickles with its problems."""
    with pytest.raises(InvalidDocumentError) as info:
        Roadmap(**fields(parties=[BOL]))
    error = info.value
    assert isinstance(error, CoopframeError)
    assert isinstance(error, ValueError)
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InvalidDocumentError
    assert again.problems == error.problems
    assert str(again) == str(error)
    assert again.source is None


def test_problem_is_ordered_and_readable():
    """Problems sort by path then message, and read 'path: message' (just the message at top)."""
    assert sorted([Problem("b", "x"), Problem("a", "y")])[0].path == "a"
    assert str(Problem("axes[0]", "bad")) == "axes[0]: bad"
    assert str(Problem("", "bad")) == "bad"


def cycle_of(problem):
    """The activity ids named by a dependency-cycle problem, in order, closed."""
    match = re.fullmatch(r"dependency cycle: (.*) \(each depends on the next\)", problem.message)
    assert match, problem.message
    return match.group(1).split(" -> ")


def test_dependency_cycle_is_named():
    """A cycle is reported once, at the dependency that closes it, naming each activity in turn."""
    problems = problems_of(
        activities=[
            Activity(id="a1", title="t", axis="x1", depends_on=["a3"]),
            Activity(id="a2", title="t", axis="x1", depends_on=["a1"]),
            Activity(id="a3", title="t", axis="x1", depends_on=["a2"]),
            Activity(id="a4", title="t", axis="x1", depends_on=["a3"]),
        ]
    )
    assert len(problems) == 1
    names = cycle_of(problems[0])
    assert names[0] == names[-1]
    assert sorted(names[:-1]) == ["a1", "a2", "a3"]
    assert re.fullmatch(r"activities\[\d\]\.depends_on\[0\]", problems[0].path)


def test_two_cycles_are_both_named():
    """Two separate cycles give two problems."""
    problems = problems_of(
        activities=[
            Activity(id="a1", title="t", axis="x1", depends_on=["a2"]),
            Activity(id="a2", title="t", axis="x1", depends_on=["a1"]),
            Activity(id="b1", title="t", axis="x1", depends_on=["b2"]),
            Activity(id="b2", title="t", axis="x1", depends_on=["b1"]),
        ]
    )
    assert sorted(sorted(cycle_of(p)[:-1]) for p in problems) == [["a1", "a2"], ["b1", "b2"]]


@given(roadmaps(min_activities=2), st.data())
def test_injected_cycle_is_named_with_its_path(road, data):
    """Adding a back edge to a dependency makes a cycle; the problem names a real cycle through it,
    and its path points at the dependency that closes it."""
    with_deps = [a for a in road.activities if a.depends_on]
    assume(with_deps)
    later = data.draw(st.sampled_from(with_deps))
    earlier = road.activity(data.draw(st.sampled_from(later.depends_on)))
    changed = attrs.evolve(earlier, depends_on=(*earlier.depends_on, later.id))
    activities = tuple(changed if a.id == earlier.id else a for a in road.activities)
    with pytest.raises(InvalidDocumentError) as info:
        attrs.evolve(road, activities=activities)
    by_id = {a.id: a for a in activities}
    problems = info.value.problems
    assert problems
    for problem in problems:
        names = cycle_of(problem)
        assert names[0] == names[-1]
        assert len(set(names[:-1])) == len(names) - 1
        for first, second in itertools.pairwise(names):
            assert second in by_id[first].depends_on
        index, position = map(
            int, re.fullmatch(r"activities\[(\d+)\]\.depends_on\[(\d+)\]", problem.path).groups()
        )
        assert activities[index].id == names[-2]
        assert activities[index].depends_on[position] == names[0]
    assert any({earlier.id, later.id} <= set(cycle_of(p)) for p in problems)


def missing(known):
    """An id not among ``known``."""
    return next(f"zz{n}" for n in range(len(known) + 1) if f"zz{n}" not in known)


def replace_at(items, index, item):
    return (*items[:index], item, *items[index + 1 :])


def inject(road, kind, data):
    """Break one reference of ``kind`` in ``road``: the changed fields and the expected problem."""
    ids = {
        k: {item.id for item in getattr(road, k)}
        for k in ("agencies", "axes", "activities", "sources")
    }
    if kind == "agency.party":
        i = data.draw(st.integers(0, len(road.agencies) - 1))
        bad = "ZZZ" if "ZZZ" not in {p.id for p in road.parties} else "ZZY"
        agencies = replace_at(road.agencies, i, attrs.evolve(road.agencies[i], party=bad))
        return {"agencies": agencies}, Problem(f"agencies[{i}].party", f"unknown party {bad!r}")
    if kind in {"agency.sources", "axis.sources"}:
        plural = "agencies" if kind == "agency.sources" else "axes"
        items = getattr(road, plural)
        i = data.draw(st.integers(0, len(items) - 1))
        bad = missing(ids["sources"])
        item = attrs.evolve(items[i], sources=(*items[i].sources, bad))
        path = f"{plural}[{i}].sources[{len(items[i].sources)}]"
        return {plural: replace_at(items, i, item)}, Problem(path, f"unknown source {bad!r}")
    if kind == "reported.source":
        i = data.draw(st.integers(0, len(road.reported) - 1))
        bad = missing(ids["sources"])
        figures = replace_at(road.reported, i, attrs.evolve(road.reported[i], source=bad))
        return {"reported": figures}, Problem(f"reported[{i}].source", f"unknown source {bad!r}")
    i = data.draw(st.integers(0, len(road.activities) - 1))
    activity = road.activities[i]
    here = f"activities[{i}]"
    if kind == "activity.axis":
        bad = missing(ids["axes"])
        changed, expected = (
            attrs.evolve(activity, axis=bad),
            Problem(f"{here}.axis", f"unknown axis {bad!r}"),
        )
    elif kind == "activity.lead":
        bad = missing(ids["agencies"])
        changed, expected = (
            attrs.evolve(activity, lead=bad),
            Problem(f"{here}.lead", f"unknown agency {bad!r}"),
        )
    else:
        field, plural, noun = {
            "activity.responsible": ("responsible", "agencies", "agency"),
            "activity.depends_on": ("depends_on", "activities", "activity"),
            "activity.sources": ("sources", "sources", "source"),
        }[kind]
        bad = missing(ids[plural])
        old = getattr(activity, field)
        changed = attrs.evolve(activity, **{field: (*old, bad)})
        expected = Problem(f"{here}.{field}[{len(old)}]", f"unknown {noun} {bad!r}")
    return {"activities": replace_at(road.activities, i, changed)}, expected


REFERENCES = [
    "agency.party",
    "agency.sources",
    "axis.sources",
    "reported.source",
    "activity.axis",
    "activity.responsible",
    "activity.lead",
    "activity.depends_on",
    "activity.sources",
]


@pytest.mark.parametrize("kind", REFERENCES)
@given(road=roadmaps(min_activities=1), data=st.data())
def test_injected_broken_reference_is_reported(kind, road, data):
    """A broken reference of each kind, injected anywhere in a valid roadmap, is reported with its
    exact path and the unknown id; nothing else is."""
    need = {"agency": road.agencies, "axis": road.axes, "reported": road.reported}
    assume(need.get(kind.split(".")[0], road.activities))
    changes, expected = inject(road, kind, data)
    with pytest.raises(InvalidDocumentError) as info:
        attrs.evolve(road, **changes)
    assert info.value.problems == (expected,)


def reordered(values, rng):
    """The roadmap fields ``values`` with every list and nested list in another order."""

    def perm(items):
        items = list(items)
        rng.shuffle(items)
        return tuple(items)

    out = dict(values)
    for key in ("parties", "agencies", "axes", "activities", "reported", "sources"):
        out[key] = perm(
            attrs.evolve(
                item,
                **{
                    name: perm(getattr(item, name))
                    for name in ("responsible", "depends_on", "sources", "pillars")
                    if hasattr(item, name)
                },
            )
            for item in values[key]
        )
    return out


def values_of(road):
    return {f.name: getattr(road, f.name) for f in attrs.fields(Roadmap) if f.init}


@pytest.mark.parametrize("kind", REFERENCES)
@given(road=roadmaps(min_activities=1), data=st.data(), rng=st.randoms(use_true_random=False))
def test_reordering_never_changes_validity(kind, road, data, rng):
    """A valid roadmap stays valid in any order; a broken one stays broken in any order, with the
    same messages."""
    Roadmap(**reordered(values_of(road), rng))
    need = {"agency": road.agencies, "axis": road.axes, "reported": road.reported}
    assume(need.get(kind.split(".")[0], road.activities))
    changes, _ = inject(road, kind, data)
    broken = {**values_of(road), **changes}
    with pytest.raises(InvalidDocumentError) as first:
        Roadmap(**broken)
    with pytest.raises(InvalidDocumentError) as second:
        Roadmap(**reordered(broken, rng))
    messages = sorted(p.message for p in first.value.problems)
    assert sorted(p.message for p in second.value.problems) == messages


@given(roadmaps(), st.randoms(use_true_random=False))
def test_shuffled_roadmaps_stay_valid(road, rng):
    """coopframe.testing.shuffled of a valid roadmap builds without error."""
    assert isinstance(shuffled(road, rng), Roadmap)


@given(roadmaps())
def test_soft_findings_never_raise(road):
    """findings() returns a tuple of Problems for every valid roadmap, and finds exactly the
    activities due after the period and without responsible agencies."""
    found = findings(road)
    assert isinstance(found, tuple)
    assert all(isinstance(f, Problem) for f in found)
    paths = {f.path for f in found}
    for i, activity in enumerate(road.activities):
        late = activity.due is not None and activity.due > road.period.end
        assert (f"activities[{i}].due" in paths) is late
        assert (f"activities[{i}].responsible" in paths) is (not activity.responsible)
        early = activity.start is not None and activity.start < road.period.start
        assert (f"activities[{i}].start" in paths) is early


def test_soft_findings_examples():
    """Each soft finding is reported with its path; the roadmap still loads."""
    road = Roadmap(
        **fields(
            as_of=dt.date(2030, 1, 1),
            agencies=[*fields()["agencies"], Agency(id="g3", name="Idle", party="PER")],
            axes=[*fields()["axes"], Axis(id="x2", name="Vacío")],
            activities=two(
                act(
                    responsible=[],
                    start=dt.date(2024, 1, 1),
                    due=dt.date(2027, 1, 1),
                    status=Status.COMPLETED,
                    progress=0.5,
                )
            ),
        )
    )
    found = {f.path: f.message for f in findings(road)}
    assert "outside the period" in found["as_of"]
    assert "before the roadmap's period" in found["activities[2].start"]
    assert "after the roadmap's period" in found["activities[2].due"]
    assert found["activities[2].responsible"] == "activity 'a9' has no responsible agency"
    assert "completed, but its progress is 0.5" in found["activities[2].progress"]
    assert found["axes[1]"] == "axis 'x2' has no activities"
    assert found["agencies[2]"] == "agency 'g3' is responsible for no activity"


def test_clean_roadmap_has_no_findings():
    """A roadmap with nothing to remark gives no findings."""
    assert findings(Roadmap(**fields(as_of=dt.date(2025, 6, 1)))) == ()


@given(roadmaps())
def test_validate_is_a_deprecated_alias_of_findings(road):
    """coopframe.validate() warns with a DeprecationWarning pointing at the caller, and gives
    the same findings as coopframe.findings()."""
    with pytest.warns(DeprecationWarning, match=r"coopframe\.findings\(\)") as caught:
        old = cf.validate(road)
    assert old == findings(road)
    assert [w.filename for w in caught] == [__file__]


def _imported_modules(path):
    """The modules a source file imports, and for ``from m import n`` also ``m.n``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_model_has_no_import_cycle():
    """The modules of coopframe.model import one another without a cycle (the types reach the
    rules through a hook that the package sets up), and import nothing of io, graph or scoring."""
    graph = nx.DiGraph()
    for path in sorted(MODEL_DIR.glob("*.py")):
        module = "coopframe.model" if path.stem == "__init__" else f"coopframe.model.{path.stem}"
        graph.add_node(module)
        for name in _imported_modules(path):
            assert name.split(".")[:2] not in (
                ["coopframe", "io"],
                ["coopframe", "graph"],
                ["coopframe", "scoring"],
            ), (module, name)
            if name.startswith("coopframe.model.") and name.count(".") == 2:
                graph.add_edge(module, name)
    assert nx.is_directed_acyclic_graph(graph), nx.find_cycle(graph)
    assert {"coopframe.model._rules", "coopframe.model._documents"} <= set(graph)


def test_agreement_rules():
    """An agreement needs two valid parties, unique roadmap and source ids, roadmaps among its
    parties and in chronological order, and dates in bounds; all problems are collected."""
    early = Roadmap(**fields(id="r1"))
    later = Roadmap(
        **fields(id="r2", period=Period(start=dt.date(2027, 1, 1), end=dt.date(2028, 12, 31)))
    )
    ecu = Roadmap(
        **fields(
            id="r3",
            parties=[BOL, Party(id="ECU", name="Ecuador")],
            agencies=[
                Agency(id="g1", name="a", party="ECU"),
                Agency(id="g2", name="b", party="BOL"),
            ],
        )
    )
    with pytest.raises(InvalidDocumentError) as info:
        Agreement(
            id="t",
            title="Acuerdo",
            parties=[BOL, PER],
            signed_on=dt.date(1700, 1, 1),
            roadmaps=[later, early, ecu, early],
            sources=[
                Source(id="s", title="a"),
                Source(id="s", title="b", date=dt.date(3000, 1, 1)),
            ],
        )
    found = {(p.path, p.message) for p in info.value.problems}
    expected_paths = {
        "signed_on",
        "roadmaps[1].period.start",
        "roadmaps[2].parties[1]",
        "roadmaps[3].id",
        "sources[1].id",
        "sources[1].date",
    }
    assert {path for path, _ in found} == expected_paths
    assert ("roadmaps[2].parties[1]", "party 'ECU' is not a party to the agreement") in found
    assert (
        "roadmaps[1].period.start",
        "roadmaps must be in chronological order: 'r1' starts before 'r2'",
    ) in found
    assert ("roadmaps[3].id", "duplicate roadmap id 'r1' (first used at roadmaps[1])") in found


def test_agreement_party_rules():
    """An agreement's parties follow the roadmap's party rules."""
    with pytest.raises(InvalidDocumentError) as info:
        Agreement(id="t", title="a", parties=[Party(id="bo", name="x")])
    assert [p.path for p in info.value.problems] == ["parties", "parties[0].id"]


@given(agreements(), st.randoms(use_true_random=False))
def test_agreement_roadmaps_out_of_order_are_refused(deal, rng):
    """Any agreement whose roadmaps are put out of chronological order is refused."""
    starts = [road.period.start for road in deal.roadmaps]
    order = list(deal.roadmaps)
    rng.shuffle(order)
    if [road.period.start for road in order] == sorted(starts):
        attrs.evolve(deal, roadmaps=order)
    else:
        with pytest.raises(InvalidDocumentError, match="chronological order"):
            attrs.evolve(deal, roadmaps=order)


def test_ids_equal_once_normalised_are_refused_in_code() -> None:
    """Two agency ids that differ only in Unicode composition are refused, built in code too."""
    import coopframe as cf

    composed, decomposed = "Polic\u00eda", "Polici\u0301a"
    with pytest.raises(cf.InvalidDocumentError, match="once Unicode-normalised") as info:
        cf.Roadmap(
            id="r",
            title="t",
            parties=(cf.Party(id="BOL", name="Bolivia"), cf.Party(id="PER", name="Perú")),
            period=cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
            agencies=(
                cf.Agency(id=decomposed, name="Uno", party="BOL"),
                cf.Agency(id=composed, name="Dos", party="PER"),
            ),
        )
    assert [p.path for p in info.value.problems] == ["agencies[1].id"]


def test_dependent_due_before_its_prerequisite_is_a_finding():
    """An activity due before one of its prerequisites is due is a soft finding at the path of
    that dependency, naming both ids and both dates; the same due date is no finding."""
    activities = [
        Activity(
            id="V1", title="Protocolo", axis="x1", responsible=["g1"], due=dt.date(2025, 6, 30)
        ),
        Activity(id="V0", title="Mesa", axis="x1", responsible=["g2"], due=dt.date(2025, 3, 31)),
        Activity(
            id="V2",
            title="Operativos",
            axis="x1",
            responsible=["g1", "g2"],
            depends_on=["V0", "V1"],
            due=dt.date(2025, 3, 31),
        ),
    ]
    road = Roadmap(**fields(activities=activities))
    found = [f for f in findings(road) if ".depends_on" in f.path]
    assert [f.path for f in found] == ["activities[2].depends_on[1]"]
    assert found[0].message == (
        "activity 'V2' is due on 2025-03-31, before its prerequisite 'V1' is due on 2025-06-30"
    )


def test_status_and_progress_that_disagree_are_findings():
    """not_started with progress above 0 and completed with progress below 1 are soft findings
    at the activity's progress; the boundary values 0 and 1 agree with those statuses."""
    activities = [
        act(id="n1", status=Status.NOT_STARTED, progress=0.8),
        act(id="n0", status=Status.NOT_STARTED, progress=0.0),
        act(id="c1", status=Status.COMPLETED, progress=0.9),
        act(id="c0", status=Status.COMPLETED, progress=1.0),
        act(id="p1", status=Status.IN_PROGRESS, progress=0.0),
    ]
    road = Roadmap(**fields(activities=[*fields()["activities"], *activities]))
    found = {f.path: f.message for f in findings(road) if f.path.endswith(".progress")}
    assert found == {
        "activities[2].progress": "activity 'n1' is not started, but its progress is 0.8 (above 0)",
        "activities[4].progress": "activity 'c1' is completed, but its progress is 0.9 (below 1)",
    }


@given(roadmaps())
def test_deadline_and_progress_findings_match_brute_force(road):
    """findings() flags exactly the dependencies whose activity is due before its prerequisite,
    and exactly the activities whose status and progress disagree."""
    paths = {f.path for f in findings(road)}
    by_id = {a.id: a for a in road.activities}
    for i, activity in enumerate(road.activities):
        for j, prerequisite in enumerate(activity.depends_on):
            before = by_id[prerequisite].due
            inverted = activity.due is not None and before is not None and activity.due < before
            assert (f"activities[{i}].depends_on[{j}]" in paths) is inverted
        progress = activity.progress
        disagree = progress is not None and (
            (activity.status is Status.COMPLETED and progress < 1)
            or (activity.status is Status.NOT_STARTED and progress > 0)
        )
        assert (f"activities[{i}].progress" in paths) is disagree
