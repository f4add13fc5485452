"""Tests of coopframe.compare: matching, structure and score changes, trajectories."""

from __future__ import annotations

import datetime as dt
import json
import math
import runpy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe import Comparison, Trajectory, compare, trajectory
from coopframe.analysis import ActivityMatch, ScoreChange, normalise_title, title_similarity
from coopframe.render import comparison_summary, trajectory_summary
from coopframe.testing import agreements, renamed_pairs, roadmaps, shuffled_pairs, texts

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PERIOD = cf.Period(start=dt.date(2025, 1, 1), end=dt.date(2026, 12, 31))
BOL, PER, ECU = (
    cf.Party(id="BOL", name="Bolivia"),
    cf.Party(id="PER", name="Perú"),
    cf.Party(id="ECU", name="Ecuador"),
)
SMALL = roadmaps(max_activities=5, max_agencies=4, max_axes=3, max_sources=1)
PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def road(
    activities: list[tuple[str, str]],
    *,
    road_id: str = "R",
    axes: tuple[str, ...] = ("X",),
    agencies: tuple[tuple[str, str], ...] = (),
    parties: tuple[cf.Party, ...] = (BOL, PER),
    status: cf.Status = cf.Status.UNKNOWN,
) -> cf.Roadmap:
    """A roadmap whose activities are ``(id, title)`` pairs, all in the first axis."""
    return cf.Roadmap(
        id=road_id,
        title=f"Roadmap {road_id}",
        parties=parties,
        period=PERIOD,
        agencies=[cf.Agency(id=g, name=g, party=p) for g, p in agencies],
        axes=[cf.Axis(id=x, name=x) for x in axes],
        activities=[cf.Activity(id=i, title=t, axis=axes[0], status=status) for i, t in activities],
    )


def same_or_both_nan(x: float, y: float) -> bool:
    return (math.isnan(x) and math.isnan(y)) or x == y


def match_key(match: ActivityMatch) -> tuple[str, str]:
    return (match.id_a, match.id_b)


# Titles ---------------------------------------------------------------------------------------


def test_normalise_title_folds_case_accents_and_punctuation() -> None:
    """Case, accents, punctuation and runs of spaces vanish; letters and digits stay."""
    assert normalise_title("  Campaña BINACIONAL:\tprevención (2025–2026)!") == (
        "campana binacional prevencion 2025 2026"
    )
    assert normalise_title("Ministério da Justiça e Segurança Pública") == (
        "ministerio da justica e seguranca publica"
    )
    assert normalise_title("policía_fiscalía/migración") == "policia fiscalia migracion"
    assert normalise_title("– ... ()") == ""


@given(texts())
def test_normalise_title_is_idempotent(title: str) -> None:
    """Normalising a normalised title changes nothing."""
    once = normalise_title(title)
    assert normalise_title(once) == once


def test_title_similarity_hand_computed() -> None:
    """Jaccard of word sets: 2 shared of 4 distinct words is 0.5; word order is ignored."""
    assert title_similarity("alerta temprana frontera", "temprana frontera campaña") == 0.5
    assert title_similarity("Operativos coordinados", "coordinados, OPERATIVOS") == 1.0
    assert title_similarity("mesa técnica", "campaña anual") == 0.0
    assert title_similarity("–", "...") == 1.0
    assert title_similarity("–", "campaña") == 0.0


@given(texts(), texts())
def test_title_similarity_is_symmetric_and_bounded(first: str, second: str) -> None:
    """The similarity is in [0, 1], symmetric, and 1 for a title with itself."""
    value = title_similarity(first, second)
    assert 0.0 <= value <= 1.0
    assert value == title_similarity(second, first)
    assert title_similarity(first, first) == 1.0


# Matching by hand -----------------------------------------------------------------------------


def test_match_by_id_then_title() -> None:
    """Same id matches whatever the title; the rest pair by title; others are new or dropped."""
    a = road(
        [
            ("A1", "Campaña binacional de prevención"),
            ("A2", "Operativos policiales coordinados"),
            ("A3", "Mesa técnica"),
        ]
    )
    b = road(
        [
            ("A1", "Campaña binacional de prevención anual"),
            ("B2", "operativos POLICIALES, coordinados!"),
            ("B3", "Diagnóstico de rutas"),
        ]
    )
    result = compare(a, b)
    assert result.carried_over == (
        ActivityMatch(
            id_a="A1",
            id_b="A1",
            title_a="Campaña binacional de prevención",
            title_b="Campaña binacional de prevención anual",
            similarity=0.8,
            method="id",
        ),
        ActivityMatch(
            id_a="A2",
            id_b="B2",
            title_a="Operativos policiales coordinados",
            title_b="operativos POLICIALES, coordinados!",
            similarity=1.0,
            method="title",
        ),
    )
    assert result.new == ("B3",)
    assert result.dropped == ("A3",)
    assert [m.id_a for m in result.matched_by_id] == ["A1"]
    assert [m.id_a for m in result.matched_by_title] == ["A2"]


def test_match_ids_false_matches_by_title_only() -> None:
    """Without id matching, a reused id with another title is new plus dropped."""
    a = road([("P1", "Capacitación de fiscales"), ("P2", "Campaña de prevención")])
    b = road([("P1", "Campaña de prevención"), ("P2", "Diagnóstico binacional")])
    by_id = compare(a, b)
    assert [(m.id_a, m.id_b) for m in by_id.carried_over] == [("P1", "P1"), ("P2", "P2")]
    assert [m.id_a for m in by_id.reused_ids] == ["P1", "P2"]
    by_title = compare(a, b, match_ids=False)
    assert [(m.id_a, m.id_b, m.method) for m in by_title.carried_over] == [("P2", "P1", "title")]
    assert (by_title.new, by_title.dropped) == (("P2",), ("P1",))
    assert by_title.reused_ids == ()


def test_threshold_is_inclusive() -> None:
    """A pair exactly at the threshold matches; just above it, it does not."""
    a = road([("A1", "alerta temprana frontera")])
    b = road([("B1", "temprana frontera campaña")])
    assert len(compare(a, b, threshold=0.5).carried_over) == 1
    assert compare(a, b, threshold=0.51).carried_over == ()
    assert compare(a, b, threshold=0.51).new == ("B1",)


def test_threshold_zero_still_needs_a_shared_word() -> None:
    """At threshold 0, titles sharing no word are still not matched."""
    a = road([("A1", "mesa técnica")])
    b = road([("B1", "campaña anual")])
    assert compare(a, b, threshold=0).carried_over == ()


def test_greedy_takes_the_most_similar_pair_first() -> None:
    """B1 goes to A1 (3/4) rather than A2 (2/3), whatever the list order; A2 is dropped."""
    a = road([("A2", "a b"), ("A1", "a b c d")])
    b = road([("B1", "a b c")])
    for first, second in ((a, b), (road([("A1", "a b c d"), ("A2", "a b")]), b)):
        result = compare(first, second, threshold=0.5)
        assert [(m.id_a, m.id_b, m.similarity) for m in result.carried_over] == [("A1", "B1", 0.75)]
        assert result.dropped == ("A2",)


def test_ties_are_broken_by_ids_not_by_order() -> None:
    """Two equally similar candidates: the smaller id wins, in either list order."""
    b = road([("Y1", "alpha beta")])
    for order in (
        [("X2", "Beta alpha"), ("X1", "alpha, beta")],
        [("X1", "alpha beta"), ("X2", "beta alpha")],
    ):
        result = compare(road(order), b, match_ids=False)
        assert [(m.id_a, m.id_b) for m in result.carried_over] == [("X1", "Y1")]
        assert result.dropped == ("X2",)


# Structure and scores -------------------------------------------------------------------------


def test_axes_agencies_parties_added_and_removed() -> None:
    """Ids only in b are added, only in a removed, sorted."""
    a = road(
        [("A1", "x")],
        axes=("PREV", "AP"),
        agencies=(("PNP", "PER"), ("FGE", "BOL"), ("DGM", "BOL")),
    )
    b = road(
        [("A1", "x")],
        axes=("PREV", "IS", "PM"),
        agencies=(("PNP", "PER"), ("MIG", "ECU")),
        parties=(BOL, PER, ECU),
    )
    result = compare(a, b)
    assert (result.axes_added, result.axes_removed) == (("IS", "PM"), ("AP",))
    assert (result.agencies_added, result.agencies_removed) == (("MIG",), ("DGM", "FGE"))
    assert (result.parties_added, result.parties_removed) == (("ECU",), ())
    back = compare(b, a)
    assert (back.parties_added, back.parties_removed) == ((), ("ECU",))


def test_scores_side_by_side_with_differences() -> None:
    """Every score of both evaluations appears, with b - a; the composite likewise."""
    a = road([("A1", "x"), ("A2", "y")], status=cf.Status.COMPLETED)
    b = road([("A1", "x"), ("A2", "y")], status=cf.Status.NOT_STARTED)
    result = compare(a, b, profile="delivery")
    first, second = cf.evaluate(a, profile="delivery"), cf.evaluate(b, profile="delivery")
    assert list(result.scores) == sorted(first.scores)
    for name, change in result.scores.items():
        assert change.name == name
        assert same_or_both_nan(change.value_a, first.scores[name])
        assert same_or_both_nan(change.value_b, second.scores[name])
    assert result.scores["compliance"] == ScoreChange(
        name="compliance", value_a=1.0, value_b=0.0, difference=-1.0
    )
    assert result.profile == "delivery"
    assert same_or_both_nan(result.composite.value_a, first.composite.value)
    assert same_or_both_nan(result.composite.value_b, second.composite.value)
    assert result.evaluation_a.to_dict() == first.to_dict()
    assert result.evaluation_b.to_dict() == second.to_dict()
    largest = result.largest_changes(top=2)
    assert [(c.name, c.difference) for c in largest] == [
        ("compliance", -1.0),
        ("compliance_lenient", -1.0),
    ]
    assert result.largest_changes(top=0) == ()


def test_score_change_nan_policy() -> None:
    """The difference is b - a, and nan when either side is nan."""
    assert ScoreChange.between("s", 0.25, 0.75).difference == 0.5
    assert math.isnan(ScoreChange.between("s", math.nan, 0.5).difference)
    assert math.isnan(ScoreChange.between("s", 0.5, math.nan).difference)
    assert ScoreChange.between("s", math.nan, 1.0).to_dict() == {
        "a": None,
        "b": 1.0,
        "difference": None,
    }


def test_as_of_options_reach_the_evaluations() -> None:
    """as_of_a and as_of_b set each evaluation's status date."""
    a = road([("A1", "x")])
    when = dt.date(2026, 6, 30)
    result = compare(a, a, as_of_a=when)
    assert result.evaluation_a.as_of == when
    assert result.evaluation_b.as_of is None


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ({"threshold": -0.1}, "threshold"),
        ({"threshold": 1.5}, "threshold"),
        ({"threshold": math.nan}, "threshold"),
        ({"threshold": "0.5"}, "threshold"),
        ({"threshold": True}, "threshold"),
        ({"match_ids": "yes"}, "match_ids"),
        ({"as_of_a": "2025-13-01"}, "as_of_a"),
        ({"as_of_b": 2025}, "as_of_b"),
    ],
)
def test_bad_options_are_rejected(options: dict[str, Any], name: str) -> None:
    """A bad option raises InvalidParameterError naming the parameter and the value."""
    a = road([("A1", "x")])
    with pytest.raises(cf.InvalidParameterError, match=f"The '{name}' parameter of compare"):
        compare(a, a, **options)


def test_bad_roadmaps_and_profiles_are_rejected() -> None:
    """Non-roadmaps raise InvalidParameterError; an unknown profile UnknownNameError."""
    a = road([("A1", "x")])
    with pytest.raises(cf.InvalidParameterError, match="The 'b' parameter of compare"):
        compare(a, {"id": "R"})  # type: ignore[arg-type]
    with pytest.raises(cf.UnknownNameError, match="unknown profile"):
        compare(a, a, profile="nope")
    with pytest.raises(cf.InvalidParameterError, match="The 'agreement' parameter"):
        trajectory(a)  # type: ignore[arg-type]
    with pytest.raises(cf.InvalidParameterError, match="The 'threshold' parameter of traj"):
        trajectory(cf.datasets.load("bolivia-peru-framework"), threshold=2)  # type: ignore[arg-type]
    with pytest.raises(cf.InvalidParameterError, match="The 'top' parameter of comparison_sum"):
        comparison_summary(compare(a, a), top=-1)


def test_to_dict_is_json_ready() -> None:
    """to_dict survives strict JSON (no nan) and lists new and dropped with their titles."""
    a = road([("A1", "Mesa técnica"), ("A2", "Campaña")])
    b = road([("A2", "Campaña"), ("B9", "Diagnóstico")])
    data = compare(a, b).to_dict()
    json.dumps(data, allow_nan=False)
    assert data["activities"]["counts"] == {
        "a": 2,
        "b": 2,
        "carried_over": 1,
        "new": 1,
        "dropped": 1,
    }
    assert data["activities"]["new"] == [{"id": "B9", "title": "Diagnóstico"}]
    assert data["activities"]["dropped"] == [{"id": "A1", "title": "Mesa técnica"}]
    assert data["options"] == {"profile": "balanced", "threshold": 0.6, "match_ids": True}


def test_summary_reads_well() -> None:
    """The summary names what was carried over, new and dropped, with signed changes."""
    a = road([("A1", "Mesa técnica"), ("A2", "Campaña")], status=cf.Status.COMPLETED)
    b = road([("A2", "Campaña"), ("B9", "Diagnóstico")], status=cf.Status.NOT_STARTED)
    text = comparison_summary(compare(a, b))
    assert "Activities: 2 -> 2; 1 carried over (1 by id, 0 by title), 1 new, 1 dropped." in text
    assert "  + B9 Diagnóstico" in text
    assert "  - A1 Mesa técnica" in text
    assert "  = A2 [id, 1.00] Campaña" in text
    assert any(
        line.split() == ["compliance", "1.000", "->", "0.000", "-1.000"]
        for line in text.splitlines()
    )
    assert "Axes: no change." in text
    assert "Caution" not in text


# Properties -----------------------------------------------------------------------------------


@PROPERTY
@given(SMALL, st.booleans())
def test_self_comparison_shows_no_change(roadmap: cf.Roadmap, match_ids: bool) -> None:
    """A roadmap against itself: everything carried over, nothing added or removed, no change.

    With id matching every activity matches itself; by title, every activity whose title has
    a word is carried over (an activity may pair with a twin of the same words).
    """
    result = compare(roadmap, roadmap, match_ids=match_ids)
    ids = sorted(activity.id for activity in roadmap.activities)
    if match_ids:
        assert [m.id_a for m in result.carried_over] == ids
        assert all(m.id_a == m.id_b and m.similarity == 1.0 for m in result.carried_over)
        assert result.new == result.dropped == ()
        assert result.reused_ids == ()
    else:
        worded = [a for a in roadmap.activities if normalise_title(a.title)]
        assert len(result.carried_over) == len(worded)
        assert all(m.similarity == 1.0 for m in result.carried_over)
        assert len(result.new) == len(result.dropped) == len(ids) - len(worded)
    for added, removed in (
        (result.axes_added, result.axes_removed),
        (result.agencies_added, result.agencies_removed),
        (result.parties_added, result.parties_removed),
    ):
        assert added == removed == ()
    for change in [*result.scores.values(), result.composite]:
        assert math.isnan(change.difference) or change.difference == 0.0


@PROPERTY
@given(
    SMALL,
    SMALL,
    st.booleans(),
    st.sampled_from([0.0, 0.3, 0.5, 0.6, 1.0]),
)
def test_comparison_is_a_mirror_image(
    a: cf.Roadmap, b: cf.Roadmap, match_ids: bool, threshold: float
) -> None:
    """compare(b, a) swaps new and dropped, added and removed, the matches, and negates."""
    forth = compare(a, b, match_ids=match_ids, threshold=threshold)
    back = compare(b, a, match_ids=match_ids, threshold=threshold)
    assert back.carried_over == tuple(
        sorted((m.swapped() for m in forth.carried_over), key=match_key)
    )
    assert (back.new, back.dropped) == (forth.dropped, forth.new)
    assert (back.axes_added, back.axes_removed) == (forth.axes_removed, forth.axes_added)
    assert (back.agencies_added, back.agencies_removed) == (
        forth.agencies_removed,
        forth.agencies_added,
    )
    assert (back.parties_added, back.parties_removed) == (
        forth.parties_removed,
        forth.parties_added,
    )
    assert list(back.scores) == list(forth.scores)
    for name in forth.scores:
        there, here = forth.scores[name], back.scores[name]
        assert same_or_both_nan(here.value_a, there.value_b)
        assert same_or_both_nan(here.value_b, there.value_a)
        assert same_or_both_nan(here.difference, -there.difference)
    assert same_or_both_nan(back.composite.difference, -forth.composite.difference)


@PROPERTY
@given(
    shuffled_pairs(SMALL),
    shuffled_pairs(SMALL),
    st.booleans(),
)
def test_to_dict_does_not_depend_on_list_order(
    pair_a: tuple[cf.Roadmap, cf.Roadmap],
    pair_b: tuple[cf.Roadmap, cf.Roadmap],
    match_ids: bool,
) -> None:
    """The same roadmaps with their lists reordered give the same to_dict and summary."""
    first = compare(pair_a[0], pair_b[0], match_ids=match_ids, threshold=0.3)
    second = compare(pair_a[1], pair_b[1], match_ids=match_ids, threshold=0.3)
    assert first.to_dict() == second.to_dict()
    assert comparison_summary(first) == comparison_summary(second)
    json.dumps(first.to_dict(), allow_nan=False)


@PROPERTY
@given(renamed_pairs(SMALL))
def test_renamed_copy_is_all_carried_over_by_title(pair: tuple[cf.Roadmap, cf.Roadmap]) -> None:
    """Under new ids, every activity whose title has a word is still matched, by title."""
    original, copy = pair
    result = compare(original, copy, match_ids=False)
    worded = sum(1 for activity in original.activities if normalise_title(activity.title))
    assert len(result.carried_over) == worded
    assert all(m.method == "title" and m.similarity == 1.0 for m in result.carried_over)


# Trajectories ---------------------------------------------------------------------------------


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(agreements(max_roadmaps=3, max_activities=3))
def test_trajectory_steps_follow_the_roadmaps(agreement: cf.Agreement) -> None:
    """One evaluation per roadmap and one step per consecutive pair (none below two)."""
    path = trajectory(agreement)
    assert [e.roadmap_id for e in path.evaluations] == [r.id for r in agreement.roadmaps]
    assert len(path.steps) == max(0, len(agreement.roadmaps) - 1)
    for i, step in enumerate(path.steps):
        assert step.roadmap_a is agreement.roadmaps[i]
        assert step.roadmap_b is agreement.roadmaps[i + 1]
        assert step.to_dict() == compare(step.roadmap_a, step.roadmap_b).to_dict()
    data = path.to_dict()
    json.dumps(data, allow_nan=False)
    assert len(data["periods"]) == len(agreement.roadmaps)
    lines = trajectory_summary(path).splitlines()
    assert lines[0].startswith(f"Trajectory of {agreement.id}: ")
    assert lines[2] == "Periods (composite under the balanced profile):"
    steps = lines.index("Steps:")
    periods = lines[3 : steps - 1]
    assert len(periods) == max(1, len(agreement.roadmaps))
    for line, roadmap in zip(periods, agreement.roadmaps, strict=False):
        assert line.startswith(
            f"  {roadmap.id} ({roadmap.period.start.isoformat()} to "
            f"{roadmap.period.end.isoformat()}): {len(roadmap.activities)} activities, composite "
        )
    step_lines = [line for line in lines[steps + 1 :] if not line.startswith("    ")]
    if len(agreement.roadmaps) < 2:
        assert step_lines == ["  none (fewer than two roadmaps)"]
    else:
        assert [line.split(":")[0] for line in step_lines] == [
            f"  {first.id} -> {second.id}"
            for first, second in zip(agreement.roadmaps, agreement.roadmaps[1:], strict=False)
        ]


def test_trajectory_of_one_roadmap_has_no_steps() -> None:
    """An agreement with one roadmap (or none) has no steps, and says so."""
    single = cf.Agreement(
        id="T", title="One roadmap", parties=(BOL, PER), roadmaps=[road([("A1", "x")])]
    )
    path = trajectory(single)
    assert path.steps == ()
    assert len(path.evaluations) == 1
    assert "none (fewer than two roadmaps)" in trajectory_summary(path)
    empty = trajectory(cf.Agreement(id="T", title="None yet", parties=(BOL, PER)))
    assert (empty.steps, empty.evaluations) == ((), ())
    assert empty.to_dict()["periods"] == []


# The bundled data and the example -------------------------------------------------------------


def test_bundled_roadmaps_by_title() -> None:
    """2021–2022 against 2025–2026 by title: three rewordings carried over, 8 new, 10 dropped."""
    earlier = cf.datasets.load("bolivia-peru-2021-2022")
    current = cf.datasets.load("bolivia-peru-2025-2026")
    assert isinstance(earlier, cf.Roadmap)
    assert isinstance(current, cf.Roadmap)
    result = compare(earlier, current, match_ids=False)
    assert [(m.id_a, m.id_b) for m in result.carried_over] == [
        ("AP-1", "AP-2"),
        ("IS-2", "IS-2"),
        ("PREV-2", "PREV-3"),
    ]
    assert (len(result.new), len(result.dropped)) == (8, 10)
    assert result.axes_added == result.agencies_added == result.parties_added == ()
    by_id = compare(earlier, current)
    assert len(by_id.carried_over) == 11
    assert by_id.dropped == ("AP-3", "IS-4")
    assert len(by_id.reused_ids) == 10


def test_compare_roadmaps_example_figures() -> None:
    """The example's figures are those compare and trajectory give on the bundled data."""
    example = runpy.run_path(str(EXAMPLES / "compare_roadmaps.py"), run_name="example")
    figures = example["summary"]()
    comparison: Comparison = figures["comparison"]
    direct = compare(figures["earlier"], figures["current"], match_ids=False)
    assert comparison.to_dict() == direct.to_dict()
    counts = (len(comparison.carried_over), len(comparison.new), len(comparison.dropped))
    assert counts == (3, 8, 10)
    path: Trajectory = figures["trajectory"]
    assert len(path.steps) == 1
    assert path.steps[0].to_dict() == direct.to_dict()
    text = example["render"](figures)
    assert "the bundled list is reconstructed" in text
    assert "Activities: 13 -> 11; 3 carried over (0 by id, 3 by title), 8 new, 10 dropped." in text
    assert "With a looser threshold of 0.35: 6 carried over, 5 new, 7 dropped." in text
    assert "11 activities would be 'carried over', 10 of them" in text
