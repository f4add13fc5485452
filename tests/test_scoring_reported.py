"""Tests of the reported family of coopframe.scoring: which counts a rounded rate allows, and
the check of a
roadmap's reported compliance against the computed one."""

from __future__ import annotations

import datetime as dt
import json
import math
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopframe.exceptions import InvalidParameterError
from coopframe.model import (
    Activity,
    Axis,
    Basis,
    Counting,
    FigureUnit,
    Party,
    Period,
    ReportedFigure,
    Roadmap,
    Source,
    Status,
)
from coopframe.scoring import (
    ReportedCheck,
    counts_consistent_with,
    is_attainable,
    min_total_for,
    reported_check,
    reported_decimals,
)
from coopframe.testing import roadmaps

C, IP, NS, CA = Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED, Status.CANCELLED


def rounds_to(met: int, total: int, rate: float, decimals: int) -> bool:
    """Oracle: met / total rounded half up to ``decimals`` equals the rate's decimal value."""
    scale = 10**decimals
    rounded = Fraction(math.floor(Fraction(met, total) * scale + Fraction(1, 2)), scale)
    return rounded == Fraction(repr(rate))


# Rounded rates: which counts they allow.


def test_ninety_two_percent_examples() -> None:
    """92% fits 11 of 12, 12 of 13, 23 of 25, and nothing with 11 activities."""
    pairs = counts_consistent_with(0.92, max_total=30)
    for pair in [(11, 12), (12, 13), (22, 24), (23, 25), (24, 26)]:
        assert pair in pairs
    assert not [pair for pair in pairs if pair[1] == 11]
    assert pairs == sorted(pairs, key=lambda pair: (pair[1], pair[0]))
    assert all(total <= 30 for _, total in pairs)
    assert pairs[0] == (11, 12)


def test_boundaries_are_exact_and_half_up() -> None:
    """0.92 stands for [0.915, 0.925): 183/200 is in, 37/40 = 0.925 is out."""
    pairs = counts_consistent_with(0.92, max_total=200)
    assert (183, 200) in pairs
    assert (366, 400) not in pairs  # beyond max_total
    assert (37, 40) not in pairs
    assert (185, 200) not in pairs
    assert is_attainable(0.92, 200)


def test_argentina_figures() -> None:
    """92 of 100 gives 92%; 82.3% (three decimals) needs at least 62 actions."""
    assert (92, 100) in counts_consistent_with(0.92, max_total=100)
    assert counts_consistent_with(0.823, max_total=100) == [(51, 62), (65, 79), (79, 96)]
    assert min_total_for(0.823) == 62
    assert not is_attainable(0.823, 17)  # 14/17 = 0.8235 rounds to 0.824


def test_peru_chile_figure() -> None:
    """80% of 160 commitments is 128 of them, and one count only."""
    assert [pair for pair in counts_consistent_with(0.8, max_total=160) if pair[1] == 160] == [
        (128, 160)
    ]


def test_extreme_rates() -> None:
    """0% allows 0 of anything; 100% allows all of anything (and nothing less, up to 199)."""
    assert counts_consistent_with(0.0, max_total=3) == [(0, 1), (0, 2), (0, 3)]
    assert counts_consistent_with(1.0, max_total=3) == [(1, 1), (2, 2), (3, 3)]
    assert min_total_for(0.0) == min_total_for(1.0) == 1
    assert (199, 200) in counts_consistent_with(1.0, max_total=200)  # 0.995 rounds up to 1


def test_inferred_decimals() -> None:
    """Decimals are the shortest form's, and at least 2 (whole percent)."""
    assert reported_decimals(0.92) == 2
    assert reported_decimals(0.823) == 3
    assert reported_decimals(0.5) == 2
    assert reported_decimals(1.0) == 2
    assert reported_decimals(0.0) == 2
    assert reported_decimals(0.12345) == 5


def test_explicit_decimals() -> None:
    """decimals=1 reads 0.9 as [0.85, 0.95); the default reads it as [0.895, 0.905)."""
    assert (6, 7) in counts_consistent_with(0.9, max_total=10, decimals=1)
    assert (6, 7) not in counts_consistent_with(0.9, max_total=10)
    assert counts_consistent_with(0.92, max_total=30, decimals=2) == counts_consistent_with(
        0.92, max_total=30
    )
    assert min_total_for(0.9, decimals=1) == 7
    assert is_attainable(0.9, 7, decimals=1)


def test_min_total_for_large_decimals_is_fast() -> None:
    """The fewest total is found without trying totals one by one, even for long decimals."""
    assert min_total_for(1e-9) == 666_666_667
    assert min_total_for(0.1 + 0.2) > 10**15
    assert min_total_for(1e-300) > 10**299  # hundreds of continued-fraction terms


def test_is_attainable_zero_total() -> None:
    """No rate comes from zero activities."""
    assert not is_attainable(0.0, 0)
    assert not is_attainable(0.92, 11)
    assert is_attainable(0.92, 12)


@pytest.mark.parametrize("rate", [1.5, -0.01, math.nan, math.inf, True, "0.92", None])
def test_bad_rates_are_refused(rate: Any) -> None:
    """A rate must be a number in [0, 1]: each function says so, naming itself."""
    for func, args in (
        (counts_consistent_with, ()),
        (is_attainable, (3,)),
        (min_total_for, ()),
        (reported_decimals, ()),
    ):
        with pytest.raises(InvalidParameterError, match=f"'rate' parameter of {func.__name__}"):
            func(rate, *args)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: counts_consistent_with(0.92, max_total=0),
            "The 'max_total' parameter of counts_consistent_with must be a positive integer. "
            "Got 0 instead.",
        ),
        (
            lambda: counts_consistent_with(0.92, max_total=2.5),
            "'max_total' parameter",
        ),
        (lambda: counts_consistent_with(0.92, max_total=True), "'max_total' parameter"),
        (lambda: counts_consistent_with(0.92, decimals=-1), "'decimals' parameter"),
        (lambda: counts_consistent_with(0.92, decimals=2.0), "'decimals' parameter"),
        (
            lambda: counts_consistent_with(0.923, decimals=2),
            "The 'decimals' parameter of counts_consistent_with must be at least the 3 decimals "
            "of the rate 0.923. Got 2 instead.",
        ),
        (lambda: is_attainable(0.92, -1), "'total' parameter of is_attainable"),
        (lambda: min_total_for(0.92, decimals=1), "'decimals' parameter of min_total_for"),
    ],
)
def test_bad_parameters_are_refused(call: Any, message: str) -> None:
    """Bad sizes and decimals raise InvalidParameterError in the one message form."""
    with pytest.raises(InvalidParameterError) as info:
        call()
    assert message in str(info.value)


rates_and_decimals = st.integers(0, 3).flatmap(
    lambda d: st.tuples(st.integers(0, 10**d).map(lambda k: float(Fraction(k, 10**d))), st.just(d))
)


@given(rates_and_decimals, st.integers(1, 40))
def test_pairs_are_exactly_those_that_round_to_the_rate(
    rate_decimals: tuple[float, int], max_total: int
) -> None:
    """Every returned pair rounds (half up) to the rate; every other pair does not."""
    rate, decimals = rate_decimals
    decimals = max(decimals, reported_decimals(rate))
    pairs = counts_consistent_with(rate, max_total=max_total, decimals=decimals)
    expected = [
        (met, total)
        for total in range(1, max_total + 1)
        for met in range(total + 1)
        if rounds_to(met, total, rate, decimals)
    ]
    assert pairs == expected
    for total in range(1, max_total + 1):
        assert is_attainable(rate, total, decimals=decimals) == any(t == total for _, t in pairs)


@given(rates_and_decimals)
def test_min_total_is_the_first_total_listed(rate_decimals: tuple[float, int]) -> None:
    """min_total_for gives the smallest total counts_consistent_with lists."""
    rate, decimals = rate_decimals
    decimals = max(decimals, reported_decimals(rate))
    pairs = counts_consistent_with(rate, max_total=10**decimals, decimals=decimals)
    assert min_total_for(rate, decimals=decimals) == pairs[0][1]


# The check of a roadmap's reported figure.


def roadmap_with(
    statuses: list[Status],
    *,
    value: float | None = 0.92,
    counting: Counting | None = None,
    unit: FigureUnit = FigureUnit.RATE,
    basis: Basis = Basis.REPORTED,
    weight: float = 1.0,
) -> Roadmap:
    reported = ()
    if value is not None:
        reported = (
            ReportedFigure(
                metric="compliance",
                value=value,
                source="cancilleria",
                unit=unit,
                counting=counting,
                as_of=dt.date(2022, 11, 4),
            ),
        )
    return Roadmap(
        id="bol-per-2021-2022",
        title="Hoja de Ruta Binacional 2021–2022",
        parties=(Party(id="BOL", name="Bolivia"), Party(id="PER", name="Perú")),
        period=Period(start=dt.date(2021, 1, 1), end=dt.date(2022, 12, 31)),
        axes=(Axis(id="prev", name="Prevención"),),
        activities=[
            Activity(id=f"A{i}", title="Task", axis="prev", status=status, weight=weight)
            for i, status in enumerate(statuses)
        ],
        reported=reported,
        sources=(Source(id="cancilleria", title="Cancillería de Bolivia", basis=basis),),
    )


def test_check_agrees() -> None:
    """12 of 13 completed: 92.3% rounds to the reported 92%."""
    check = reported_check(roadmap_with([C] * 12 + [NS]))
    assert isinstance(check, ReportedCheck)
    assert check.agrees is True
    assert check.attainable is True
    assert check.computed == 12 / 13
    assert (check.met, check.total) == (12.0, 13)
    assert check.consistent_pairs == ((12, 13),)
    assert check.min_total == 12
    assert check.counting is Counting.STRICT
    assert check.counting_assumed is True
    assert (check.source, check.basis) == ("cancilleria", Basis.REPORTED)
    assert check.decimals == 2
    assert check.as_of == dt.date(2022, 11, 4)
    assert check.difference == pytest.approx(12 / 13 - 0.92)


def test_check_disagrees_but_attainable() -> None:
    """10 of 13 completed (76.9%) does not give 92%, though 12 of 13 would."""
    check = reported_check(roadmap_with([C] * 10 + [NS] * 3))
    assert check is not None
    assert check.agrees is False
    assert check.attainable is True
    assert check.consistent_pairs == ((12, 13),)


def test_check_unattainable() -> None:
    """With 11 activities 92% cannot be reached at all."""
    check = reported_check(roadmap_with([C] * 10 + [NS]))
    assert check is not None
    assert (check.agrees, check.attainable, check.consistent_pairs) == (False, False, ())


def test_check_uses_the_figures_counting_rule() -> None:
    """A lenient figure is checked with lenient counting: in-progress activities count."""
    statuses = [C] * 9 + [IP] * 3 + [NS]
    assert reported_check(roadmap_with(statuses)).agrees is False  # type: ignore[union-attr]
    check = reported_check(roadmap_with(statuses, counting=Counting.LENIENT))
    assert check is not None
    assert check.agrees is True
    assert check.counting is Counting.LENIENT
    assert check.counting_assumed is False


def test_check_counts_each_activity_once() -> None:
    """Weights do not enter the check: published rates count activities."""
    check = reported_check(roadmap_with([C] * 12 + [NS], weight=5.0))
    assert check is not None
    assert (check.met, check.total, check.agrees) == (12.0, 13, True)


def test_check_cancelled_option() -> None:
    """Cancelled activities leave the count by default; counted as unmet they weigh against."""
    statuses = [C] * 12 + [NS, CA]
    assert reported_check(roadmap_with(statuses)).total == 13  # type: ignore[union-attr]
    check = reported_check(roadmap_with(statuses), cancelled="unmet")
    assert check is not None
    assert (check.total, check.agrees, check.attainable) == (14, False, False)


def test_check_without_activities() -> None:
    """A reported rate with no activity list: nothing computed, agreement and attainability
    unknown, but the fewest activities it needs is known."""
    check = reported_check(roadmap_with([], basis=Basis.RECONSTRUCTED))
    assert check is not None
    assert math.isnan(check.computed)
    assert (check.agrees, check.attainable, check.total) == (None, None, 0)
    assert check.min_total == 12
    assert check.basis is Basis.RECONSTRUCTED
    data = check.to_dict()
    assert (data["computed"], data["difference"], data["agrees"]) == (None, None, None)


def test_check_without_figure_is_none() -> None:
    """A roadmap that reports no compliance figure has nothing to check."""
    assert reported_check(roadmap_with([C], value=None)) is None


def test_check_skips_counts() -> None:
    """A compliance figure reported as a count is not a rate to check: None."""
    assert reported_check(roadmap_with([C], value=12.0, unit=FigureUnit.COUNT)) is None


def test_check_takes_the_first_rate() -> None:
    """With a count and then a rate for the metric, the rate is checked."""
    roadmap = roadmap_with([C] * 12 + [NS])
    count = attrs.evolve(roadmap.reported[0], value=12.0, unit=FigureUnit.COUNT)
    check = reported_check(attrs.evolve(roadmap, reported=(count, *roadmap.reported)))
    assert check is not None
    assert (check.reported, check.agrees) == (0.92, True)


def test_check_refuses_unknown_metrics() -> None:
    """An unknown metric or cancelled value is refused."""
    with pytest.raises(InvalidParameterError, match="'metric' parameter of reported_check"):
        reported_check(roadmap_with([C]), metric="activities")
    with pytest.raises(InvalidParameterError, match="'cancelled' parameter of reported_check"):
        reported_check(roadmap_with([C]), cancelled="drop")  # type: ignore[arg-type]


def test_check_to_dict() -> None:
    """to_dict is JSON-ready, deterministic, with enums and dates as plain values."""
    check = reported_check(roadmap_with([C] * 12 + [NS]))
    assert check is not None
    data = check.to_dict()
    assert json.dumps(data, allow_nan=False) == json.dumps(check.to_dict(), allow_nan=False)
    assert data["consistent_pairs"] == [[12, 13]]
    assert data["basis"] == "reported"
    assert data["counting"] == "strict"
    assert data["as_of"] == "2022-11-04"
    assert data["agrees"] is True


def shown_decimals(rate: float) -> int:
    """Oracle: the decimals a rate shows in its shortest form, and at least 2 (whole percent)."""
    text = repr(rate)
    return max(2, len(text.partition(".")[2].rstrip("0")))


@pytest.mark.parametrize(
    ("rate", "completed", "total", "agrees", "attainable"),
    [
        (0.92, 12, 13, True, True),  # 92.31%
        (0.92, 11, 12, True, True),  # 91.67%
        (0.92, 23, 25, True, True),  # exactly 92%
        (0.92, 12, 12, False, True),  # 100%, but 11 of 12 would give 92%
        (0.92, 10, 11, False, False),  # 90.91%; 11 of 11 is 100%: nothing gives 92%
        (0.92, 37, 40, False, False),  # 92.5% rounds up to 93%; 36 of 40 is 90%
        (0.92, 183, 200, True, True),  # 91.5% rounds up to 92%
        (0.92, 92, 100, True, True),  # Argentina's national plan 2020-2022
        (0.8, 128, 160, True, True),  # Peru-Chile: 80% of 160 commitments
        (0.8, 127, 160, False, True),  # 79.4%
        (0.823, 79, 96, True, True),  # 82.29% at three decimals
        (0.823, 80, 96, False, True),  # 83.33%
    ],
)
def test_check_against_hand_worked_figures(
    rate: float, completed: int, total: int, agrees: bool, attainable: bool
) -> None:
    """The check's verdicts equal hand-worked ones: completed / total rounded half up to the
    rate's decimals, and whether any whole count of the total activities rounds to the rate."""
    check = reported_check(roadmap_with([C] * completed + [NS] * (total - completed), value=rate))
    assert check is not None
    assert check.computed == completed / total
    assert check.agrees is agrees
    assert check.attainable is attainable


@given(st.lists(st.sampled_from([C, IP, NS, CA]), max_size=30), rates_and_decimals)
def test_check_agrees_exactly_when_the_count_rounds_to_the_rate(
    statuses: list[Status], rate_decimals: tuple[float, int]
) -> None:
    """Strict: the check agrees exactly when completed / counted rounds (half up, in exact
    fractions) to the rate at its shown decimals, and is attainable exactly when some whole
    count of the counted activities does; both worked out by brute force over the counts."""
    rate = rate_decimals[0]
    check = reported_check(roadmap_with(statuses, value=rate))
    assert check is not None
    completed = statuses.count(C)
    total = len(statuses) - statuses.count(CA)
    decimals = shown_decimals(rate)
    assert check.decimals == decimals
    if total == 0:
        assert check.agrees is None
    else:
        assert check.agrees is rounds_to(completed, total, rate, decimals)
        assert check.attainable is any(
            rounds_to(met, total, rate, decimals) for met in range(total + 1)
        )


@given(roadmaps(max_activities=4))
def test_check_never_fails_on_a_valid_roadmap(roadmap: Roadmap) -> None:
    """Any valid roadmap gives None or a check whose to_dict is JSON without nan."""
    check = reported_check(roadmap)
    assert check is None or json.dumps(check.to_dict(), allow_nan=False)
