"""Tests of families and scorers of one's own: defined here, outside the package, passed to
evaluate(), and seen in scores, details, to_dict(), every report format, ranking and workers."""

from __future__ import annotations

import json
import math
import multiprocessing
import pickle
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

import coopframe as cf
from coopframe.exceptions import InvalidParameterError, UnknownNameError
from coopframe.scoring import (
    FAMILIES,
    SCORERS,
    EvaluationContext,
    Family,
    Scorer,
    get_scorer_names,
)

ROAD = cf.datasets.load("bolivia-peru-2021-2022")
assert isinstance(ROAD, cf.Roadmap)


def dated_share(roadmap: cf.Roadmap) -> float:
    """Share of activities with a due date; nan without activities."""
    if not roadmap.activities:
        return math.nan
    return sum(a.due is not None for a in roadmap.activities) / len(roadmap.activities)


def agency_count(roadmap: cf.Roadmap) -> float:
    """1 when the roadmap names at least one agency, else 0: a scorer of one's own."""
    return 1.0 if roadmap.agencies else 0.0


def calendar_detail(context: EvaluationContext) -> dict[str, Any]:
    roadmap = context.roadmap
    undated = sorted(a.id for a in roadmap.activities if a.due is None)
    return {
        "dated_share": dated_share(roadmap),
        "undated": undated,
        "agencies": context.agency_network.number_of_nodes(),
    }


def calendar_scores(detail: Mapping[str, Any]) -> dict[str, float]:
    return {"dated_share": detail["dated_share"]}


def calendar_data(detail: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "dated_share": None if math.isnan(detail["dated_share"]) else detail["dated_share"],
        "undated": list(detail["undated"]),
        "agencies": detail["agencies"],
    }


DATED = Scorer(
    name="dated_share",
    func=dated_share,
    family="calendar",
    description="Share of activities with a due date.",
    party_symmetric=True,
    on_empty=math.nan,
)
CALENDAR = Family(
    name="calendar",
    description="Whether the activities can be followed on a calendar.",
    detail=calendar_detail,
    scores=calendar_scores,
    to_data=calendar_data,
    scorers=[DATED],
)
AGENCIES = Scorer(
    name="has_agencies",
    func=agency_count,
    family="mine",
    description="Whether the roadmap names an agency.",
    party_symmetric=True,
    on_empty=1.0,
)
WEIGHING = cf.Profile(name="calendar", weights={"dated_share": 1, "compliance": 1})


def test_a_family_of_ones_own_is_evaluated_without_touching_the_registry() -> None:
    """Its score joins the scores, its detail the details, and no registry changes."""
    before = get_scorer_names()
    ev = cf.evaluate(ROAD, families=[CALENDAR], scorers=[AGENCIES])
    assert ev.scores["dated_share"] == dated_share(ROAD)
    assert ev.scores["has_agencies"] == 1.0
    assert list(ev.scores) == sorted(ev.scores)
    assert list(ev.details) == [*FAMILIES, "calendar"]
    assert ev.detail("calendar")["dated_share"] == dated_share(ROAD)
    assert ev.scorer("dated_share") is DATED
    assert ev.scorer("has_agencies") is AGENCIES
    assert get_scorer_names() == before
    assert "calendar" not in FAMILIES
    assert cf.evaluate(ROAD).scores.keys() == {*ev.scores} - {"dated_share", "has_agencies"}


def test_built_in_details_stay_attributes() -> None:
    """evaluation.compliance and the others are the details of the built-in families."""
    ev = cf.evaluate(ROAD)
    for name in FAMILIES:
        assert getattr(ev, name) is ev.details[name]
    with pytest.raises(UnknownNameError, match="calendar"):
        ev.detail("calendar")


def test_a_family_of_ones_own_is_in_to_dict() -> None:
    """to_dict() carries its detail after the built-in ones, and its score."""
    data = cf.evaluate(ROAD, families=[CALENDAR]).to_dict()
    assert list(data["details"]) == [*FAMILIES, "calendar"]
    assert data["details"]["calendar"] == calendar_data(calendar_detail(_context(ROAD)))
    assert data["scores"]["dated_share"] == dated_share(ROAD)
    json.dumps(data, allow_nan=False)


def _context(roadmap: cf.Roadmap) -> EvaluationContext:
    return EvaluationContext(
        roadmap=roadmap, as_of=roadmap.as_of, agency_network=cf.graph.agency_network(roadmap)
    )


@pytest.mark.parametrize("format", ["text", "markdown", "html"])
def test_every_report_format_shows_a_family_it_does_not_know(format: str) -> None:
    """A section of its own: its description, its scores with values, its detail as a table."""
    ev = cf.evaluate(ROAD, families=[CALENDAR])
    report = cf.render.render_evaluation(ev, format=format)
    assert "Family calendar" in report
    assert "Whether the activities can be followed on a calendar." in report
    assert "Share of activities with a due date." in report
    assert f"{dated_share(ROAD):.3f}" in report
    assert "agencies" in report
    plain = cf.render.render_evaluation(cf.evaluate(ROAD), format=format)  # type: ignore[arg-type]
    assert "Family calendar" not in plain


def test_the_json_report_carries_the_family() -> None:
    """The JSON report is to_dict(): the family's detail is under details."""
    ev = cf.evaluate(ROAD, families=[CALENDAR])
    data = json.loads(cf.render.render_evaluation(ev, format="json"))
    assert (
        data["details"]["calendar"]["undated"] == calendar_data(ev.details["calendar"])["undated"]
    )


def test_ranking_weighs_the_score_of_a_family_of_ones_own() -> None:
    """A profile weighing the family's score composes and ranks evaluations that carry it."""
    roads = [ROAD, cf.datasets.load("bolivia-peru-2025-2026")]
    evaluations = [
        cf.evaluate(road, profile=WEIGHING, families=[CALENDAR])  # type: ignore[arg-type]
        for road in roads
    ]
    ranking = cf.analysis.rank(evaluations, profile=WEIGHING)
    expected = sorted(
        (ev.composite.value, ev.roadmap_id)
        for ev in evaluations
        if not math.isnan(ev.composite.value)
    )
    assert [entry.roadmap_id for entry in ranking.entries][: len(expected)] == [
        roadmap_id for _, roadmap_id in reversed(expected)
    ]
    assert all("dated_share" in dict(ev.composite.contributions) for ev in evaluations)


def test_a_profile_may_weigh_a_scorer_passed_along() -> None:
    """The profile's names are checked against the scorers of this evaluation too."""
    profile = cf.Profile(name="mine", weights={"has_agencies": 1})
    assert cf.evaluate(ROAD, profile=profile, scorers=[AGENCIES]).composite.value == 1.0
    with pytest.raises(UnknownNameError, match="has_agencies"):
        cf.evaluate(ROAD, profile=profile)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"families": [FAMILIES["compliance"]]}, "'families' parameter of evaluate"),
        ({"families": [CALENDAR, CALENDAR]}, "'calendar' twice"),
        ({"families": ["calendar"]}, "iterable of Family"),
        ({"scorers": [dated_share]}, "iterable of Scorer"),
        ({"scorers": [DATED], "families": [CALENDAR]}, "'dated_share' twice"),
        ({"scorers": [SCORERS["compliance"]]}, "'compliance' twice"),
    ],
)
def test_bad_families_and_scorers_are_refused(options: dict[str, Any], match: str) -> None:
    """Not a family or scorer, or a name taken: the parameter error, naming it."""
    with pytest.raises(InvalidParameterError, match=match):
        cf.evaluate(ROAD, **options)


def test_a_family_name_must_be_an_identifier() -> None:
    """A family's name is a key of details and of to_dict(): letters, digits, underscores."""
    with pytest.raises(InvalidParameterError, match="'name' parameter of Family"):
        Family(name="a b", detail=calendar_detail, scores=calendar_scores, to_data=calendar_data)
    with pytest.raises(InvalidParameterError, match="'scorers' parameter of Family"):
        Family(
            name="ok",
            detail=calendar_detail,
            scores=calendar_scores,
            to_data=calendar_data,
            scorers=[dated_share],  # type: ignore[list-item]
        )


# Workers ----------------------------------------------------------------------------------------


def _evaluate_in_worker(roadmap: cf.Roadmap) -> cf.Evaluation:
    return cf.evaluate(roadmap, families=[CALENDAR], scorers=[AGENCIES], profile=WEIGHING)


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_families_and_scorers_travel_to_process_workers(method: str) -> None:
    """Forked and spawned workers compute them from the work itself, not from a registry."""
    expected = _evaluate_in_worker(ROAD)
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        passed = pool.submit(
            cf.evaluate, ROAD, families=[CALENDAR], scorers=[AGENCIES], profile=WEIGHING
        ).result()
        called = pool.submit(_evaluate_in_worker, ROAD).result()
    for ev in (passed, called):
        assert ev.to_dict() == expected.to_dict()
        assert ev.scorer("has_agencies") == AGENCIES


def _evaluate_by_value(blob: bytes, roadmap: cf.Roadmap) -> dict[str, Any]:
    import cloudpickle

    families, scorers = cloudpickle.loads(blob)
    return cf.evaluate(roadmap, families=families, scorers=scorers).to_dict()


def test_a_family_pickled_by_value_works_where_it_was_never_defined() -> None:
    """As Dask sends it: functions defined in a test, pickled by value, run in a fresh process."""
    cloudpickle = pytest.importorskip("cloudpickle")

    def score(roadmap: cf.Roadmap) -> float:
        return 0.5 if roadmap.activities else math.nan

    local = Family(
        name="local",
        detail=lambda context: {"half": score(context.roadmap)},
        scores=lambda detail: {"half": detail["half"]},
        to_data=dict,
    )
    extra = Scorer(
        name="also_half",
        func=score,
        family="local",
        description="Half.",
        party_symmetric=True,
        on_empty=math.nan,
    )
    blob = cloudpickle.dumps(([local], [extra]))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        data = pool.submit(_evaluate_by_value, blob, ROAD).result()
    assert data["scores"]["half"] == data["scores"]["also_half"] == 0.5
    assert data["details"]["local"] == {"half": 0.5}


def test_an_evaluation_pickles_whole() -> None:
    """An evaluation with a family of one's own comes back from pickle equal, details too."""
    ev = cf.evaluate(ROAD, families=[CALENDAR])
    back = pickle.loads(pickle.dumps(ev))
    assert back.to_dict() == ev.to_dict()
    assert [f.name for f in back.families] == [f.name for f in ev.families]
