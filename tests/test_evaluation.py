"""evaluate(), profiles and the composite."""

from __future__ import annotations

import datetime as dt
import json
import math

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import coopframe as cf
from coopframe import testing
from coopframe.scoring import (
    PROFILES,
    Profile,
    get_profile,
    get_scorer,
    get_scorer_names,
    rating_band,
)
from coopframe.scoring import (
    composite as composite_,
)


def bundled(name: str) -> cf.Roadmap:
    road = cf.datasets.load(name)
    assert isinstance(road, cf.Roadmap)
    return road


def test_evaluation_holds_every_registered_score() -> None:
    """evaluate() gives every registered score, equal to the scorer called alone."""
    road = bundled("bolivia-peru-2021-2022")
    evaluation = cf.evaluate(road)
    assert list(evaluation.scores) == get_scorer_names()
    for name, value in evaluation.scores.items():
        alone = get_scorer(name)(road)
        assert (math.isnan(value) and math.isnan(alone)) or value == pytest.approx(alone), name


def test_reference_case_2021_2022() -> None:
    """The reconstructed 2021–2022 roadmap computes 12/13 strict, agreeing with the reported 92%."""
    evaluation = cf.evaluate(bundled("bolivia-peru-2021-2022"))
    assert evaluation.scores["compliance"] == pytest.approx(12 / 13)
    assert evaluation.reported is not None
    assert evaluation.reported.agrees
    assert evaluation.reported.reported == 0.92


def test_reference_case_2025_2026_at_signing() -> None:
    """At signing nothing is done; the design scores are defined and the composite says so."""
    evaluation = cf.evaluate(bundled("bolivia-peru-2025-2026"), profile="design")
    assert evaluation.scores["compliance"] == 0.0
    assert evaluation.scores["axis_coverage"] == 1.0
    assert evaluation.scores["pillar_coverage"] == 1.0
    assert evaluation.scores["triad_linkage"] == 1.0
    assert evaluation.reported is None
    assert evaluation.composite.profile == "design"
    assert 0.0 <= evaluation.composite.value <= 1.0


def test_to_dict_is_json_ready_and_deterministic() -> None:
    """to_dict() serialises with allow_nan=False and gives the same bytes for the same input."""
    road = bundled("bolivia-peru-2025-2026")
    first = json.dumps(cf.evaluate(road).to_dict(), allow_nan=False, sort_keys=False)
    second = json.dumps(cf.evaluate(bundled("bolivia-peru-2025-2026")).to_dict(), allow_nan=False)
    assert first == second
    assert json.loads(first)["roadmap"]["id"] == "bolivia-peru-2025-2026"


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=20)
@given(testing.shuffled_pairs(testing.roadmaps(max_activities=6)))
def test_to_dict_ignores_the_order_of_lists(pair: tuple[cf.Roadmap, cf.Roadmap]) -> None:
    """Reordering a roadmap's lists gives the same evaluation, byte for byte."""
    original, reordered = pair
    first = json.dumps(cf.evaluate(original).to_dict(), allow_nan=False)
    second = json.dumps(cf.evaluate(reordered).to_dict(), allow_nan=False)
    assert first == second


def test_as_of_overrides_the_roadmap_date() -> None:
    """An explicit as_of is the one the evaluation reports and uses for timeliness."""
    road = bundled("bolivia-peru-2025-2026")
    late = cf.evaluate(road, as_of=dt.date(2026, 12, 31))
    assert late.as_of == dt.date(2026, 12, 31)
    assert late.scores["on_time"] == 0.0
    assert math.isnan(cf.evaluate(road).scores["on_time"])


def test_bad_arguments() -> None:
    """A non-roadmap, a bad date or an unknown profile is a clear error."""
    road = bundled("bolivia-peru-2025-2026")
    with pytest.raises(cf.InvalidParameterError, match="'roadmap' parameter of evaluate"):
        cf.evaluate("bolivia-peru-2025-2026")  # type: ignore[arg-type]
    with pytest.raises(cf.InvalidParameterError, match="'as_of' parameter of evaluate"):
        cf.evaluate(road, as_of="2025-01-01")  # type: ignore[arg-type]
    with pytest.raises(cf.UnknownNameError, match="known profiles: balanced, delivery, design"):
        cf.evaluate(road, profile="nope")
    with pytest.raises(cf.UnknownNameError, match="unknown scorer 'nope'"):
        cf.evaluate(road, profile=Profile(name="x", weights={"nope": 1}))


def test_builtin_profiles_name_registered_scores() -> None:
    """Every weight of every built-in profile names a registered scorer."""
    for profile in PROFILES.values():
        profile.check()
        assert math.isclose(sum(profile.weights.values()), 1.0)
    assert get_profile(None).name == "balanced"


@pytest.mark.parametrize(
    "weights",
    [{}, {"compliance": -1}, {"compliance": 0}, {"compliance": math.inf}, {"compliance": True}],
)
def test_profile_weights_are_checked(weights: dict[str, float]) -> None:
    """Negative, infinite, boolean or all-zero weights are refused with the one message form."""
    with pytest.raises(cf.InvalidParameterError, match="The 'weights' parameter of Profile"):
        Profile(name="bad", weights=weights)


def test_composite_hand_computed() -> None:
    """Weights 3:1 over 1.0 and 0.5 give 0.875; a nan score leaves and is named."""
    profile = Profile(name="p", weights={"compliance": 3, "specificity": 1, "on_time": 2})
    composite = composite_(
        {"compliance": 1.0, "specificity": 0.5, "on_time": math.nan}, profile=profile
    )
    assert composite.value == pytest.approx(0.875)
    assert dict(composite.contributions) == pytest.approx(
        {"compliance": 0.75, "specificity": 0.125}
    )
    assert composite.undefined == ("on_time",)
    assert composite.band == "substantial"


def test_composite_all_undefined_and_missing_scores() -> None:
    """All scores nan gives nan and band 'undefined'; a missing score is an error."""
    profile = Profile(name="p", weights={"compliance": 1})
    composite = composite_({"compliance": math.nan}, profile=profile)
    assert math.isnan(composite.value)
    assert composite.band == "undefined"
    with pytest.raises(cf.InvalidParameterError, match="must hold every score"):
        composite_({}, profile=profile)


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (1.0, "strong"),
        (0.9, "strong"),
        (0.89, "substantial"),
        (0.7, "substantial"),
        (0.5, "moderate"),
        (0.25, "limited"),
        (0.1, "weak"),
        (0.0, "weak"),
    ],
)
def test_rating_bands(value: float, band: str) -> None:
    """Each bound belongs to the band above it."""
    assert rating_band(value) == band


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=25)
@given(testing.roadmaps(max_activities=6))
def test_composite_contributions_sum_to_the_value(roadmap: cf.Roadmap) -> None:
    """The contributions add up to the composite, which lies in [0, 1] or is nan."""
    composite = cf.evaluate(roadmap).composite
    if math.isnan(composite.value):
        assert composite.contributions == ()
    else:
        assert 0.0 <= composite.value <= 1.0
        total = math.fsum(part for _, part in composite.contributions)
        assert total == pytest.approx(composite.value)


def test_as_of_before_the_roadmaps_own_is_refused() -> None:
    """Statuses are known only as of the roadmap's own date: an earlier as_of is refused with
    both dates, while the same date, a later one, or any date without a roadmap as_of works."""
    road = bundled("bolivia-peru-2021-2022")
    assert road.as_of == dt.date(2022, 12, 31)
    with pytest.raises(cf.InvalidParameterError) as info:
        cf.evaluate(road, as_of=dt.date(2022, 6, 30))
    message = str(info.value)
    assert "'as_of' parameter of evaluate" in message
    assert "2022-12-31" in message
    assert "2022-06-30" in message
    assert "known only as of 2022-12-31" in message
    assert cf.evaluate(road, as_of=dt.date(2022, 12, 31)).as_of == dt.date(2022, 12, 31)
    assert cf.evaluate(road, as_of=dt.date(2023, 6, 30)).as_of == dt.date(2023, 6, 30)
    undated = attrs.evolve(road, as_of=None)
    assert cf.evaluate(undated, as_of=dt.date(2021, 1, 1)).as_of == dt.date(2021, 1, 1)


def test_as_of_must_be_a_date_not_a_datetime() -> None:
    """A datetime is refused with coopframe's parameter error, not compared with a date."""
    road = bundled("bolivia-peru-2021-2022")
    with pytest.raises(cf.InvalidParameterError, match="'as_of' parameter of evaluate"):
        cf.evaluate(road, as_of=dt.datetime(2023, 1, 1))


def test_compare_with_an_earlier_as_of_is_refused() -> None:
    """compare() passes its dates to evaluate(), so an as_of_a before a's own date is refused."""
    from coopframe import compare

    a = bundled("bolivia-peru-2021-2022")
    b = bundled("bolivia-peru-2025-2026")
    with pytest.raises(cf.InvalidParameterError, match="known only as of 2022-12-31"):
        compare(a, b, as_of_a=dt.date(2022, 1, 1))
    later = compare(a, b, as_of_a=dt.date(2023, 1, 1), as_of_b=dt.date(2025, 12, 31))
    assert later.evaluation_a.as_of == dt.date(2023, 1, 1)
    assert later.evaluation_b.as_of == dt.date(2025, 12, 31)


def test_cli_evaluate_with_an_earlier_as_of_fails_cleanly() -> None:
    """`coopframe evaluate FILE --as-of DATE` before the file's own date fails with the reason
    and both dates on standard error, and no traceback; a later date still evaluates."""
    from click.testing import CliRunner

    from coopframe import cli

    runner = CliRunner()
    refused = runner.invoke(
        cli.main, ["evaluate", "bolivia-peru-2021-2022", "--as-of", "2022-06-30"]
    )
    # A usage error: the option asks for something the file cannot answer.
    assert isinstance(refused.exception, SystemExit)
    assert refused.exit_code == 2
    assert "known only as of 2022-12-31" in refused.stderr
    assert "2022-06-30" in refused.stderr
    assert "2022-12-31" in refused.stderr
    assert "Traceback" not in refused.output
    later = runner.invoke(
        cli.main, ["evaluate", "bolivia-peru-2021-2022", "--as-of", "2023-06-30", "-f", "json"]
    )
    assert later.exit_code == 0
    assert json.loads(later.stdout)["as_of"] == "2023-06-30"
