"""The parameter-check vocabulary (coopframe._checks) and the functions that use it.

Every public function taking a status date accepts a ``datetime.date`` and its ISO string with
equal results, and refuses a ``datetime`` with one message; each check accepts what it says and
refuses the rest in the one message form.
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import coopframe as cf
from coopframe import _checks, analysis, datasets, io, scoring, synthetic
from coopframe.exceptions import InvalidParameterError

FORM = re.compile(
    r"^The '(?P<name>\w+)' parameter of (?P<caller>[\w.]+) must be .+\. "
    r"Got .+ instead(\.|; .+[.?])$",
    re.DOTALL,
)

ROAD = datasets.load("bolivia-peru-2021-2022")
LATER = dt.date(2023, 3, 31)  # after ROAD's own status date, 2022-12-31

# Every public function taking a status date: (function, its date parameters, other arguments).
DATED: dict[str, tuple[Callable[..., Any], tuple[str, ...], tuple[Any, ...]]] = {
    "evaluate": (cf.evaluate, ("as_of",), (ROAD,)),
    "compare": (cf.compare, ("as_of_a", "as_of_b"), (ROAD, ROAD)),
    "compliance_detail": (scoring.compliance_detail, ("as_of",), (ROAD,)),
    "compliance_score": (scoring.compliance_score, ("as_of",), (ROAD,)),
    "implementation_rate_score": (scoring.implementation_rate_score, ("as_of",), (ROAD,)),
    "on_time_score": (scoring.on_time_score, ("as_of",), (ROAD,)),
    "schedule_detail": (scoring.schedule_detail, ("as_of",), (ROAD,)),
    "timeline_figure": (cf.plot.timeline_figure, ("as_of",), (ROAD,)),
}


def _public_functions() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module in (cf, scoring, analysis, io, synthetic, datasets, cf.plot):
        for name in module.__all__:
            obj = getattr(module, name)
            if inspect.isfunction(obj):
                found[name] = obj
    return found


def test_every_dated_function_is_in_the_registry() -> None:
    """Every public function with an ``as_of`` parameter is listed in DATED, so the tests below
    cover it; a new one fails here until it is listed."""
    dated = {
        name
        for name, function in _public_functions().items()
        if any(p.startswith("as_of") for p in inspect.signature(function).parameters)
    }
    assert dated == set(DATED)


@pytest.mark.parametrize("name", sorted(DATED))
def test_a_date_and_its_iso_string_give_equal_results(name: str) -> None:
    """Passing the ISO string of a date gives the same result as passing the date itself."""
    function, parameters, args = DATED[name]
    for parameter in parameters:
        by_date = function(*args, **{parameter: LATER})
        by_text = function(*args, **{parameter: LATER.isoformat()})
        assert repr(by_text) == repr(by_date)


@pytest.mark.parametrize("name", sorted(DATED))
def test_a_datetime_is_refused_with_one_message(name: str) -> None:
    """A datetime is refused up front, naming the parameter and the function called, with the
    same message everywhere."""
    function, parameters, args = DATED[name]
    moment = dt.datetime(2023, 3, 31, 12, 30)
    for parameter in parameters:
        with pytest.raises(InvalidParameterError) as info:
            function(*args, **{parameter: moment})
        assert str(info.value) == (
            f"The {parameter!r} parameter of {name} must be a datetime.date, an ISO date "
            f"string 'YYYY-MM-DD' or None. Got {moment!r} instead; pass its .date()."
        )


@pytest.mark.parametrize("name", sorted(DATED))
@pytest.mark.parametrize("bad", ["31/03/2023", "2023-02-30", "2023-3-31", 20230331, 2023.0])
def test_a_non_date_is_refused_in_the_one_form(name: str, bad: object) -> None:
    """Text that is not an ISO date, and numbers, are refused in the one message form."""
    function, parameters, args = DATED[name]
    for parameter in parameters:
        with pytest.raises(InvalidParameterError) as info:
            function(*args, **{parameter: bad})
        match = FORM.match(str(info.value))
        assert match is not None
        assert (match["name"], match["caller"]) == (parameter, name)


# Properties of the checks themselves.

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@given(dates)
def test_as_date_reads_a_date_and_its_iso_string_alike(day: dt.date) -> None:
    """A date and its ISO string both come back as that date."""
    assert _checks.as_date("as_of", day, "f") == day
    assert _checks.as_date("as_of", day.isoformat(), "f") == day


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1)))
def test_as_date_refuses_every_datetime(moment: dt.datetime) -> None:
    """No datetime is taken for a date, whatever its time of day."""
    with pytest.raises(InvalidParameterError, match=r"pass its \.date\(\)\.$"):
        _checks.as_date("as_of", moment, "f")


@given(st.floats(min_value=0, max_value=1))
def test_unit_interval_keeps_what_is_inside(value: float) -> None:
    """Every number in [0, 1] passes and comes back as the same float."""
    assert _checks.check_unit_interval("rate", value, "f") == value


@given(
    st.floats(allow_nan=True).filter(lambda x: math.isnan(x) or not 0 <= x <= 1)
    | st.booleans()
    | st.text()
)
def test_unit_interval_refuses_the_rest_in_the_one_form(value: object) -> None:
    """Outside [0, 1], nan, bools and text are refused in the one message form."""
    with pytest.raises(InvalidParameterError) as info:
        _checks.check_unit_interval("rate", value, "f")
    assert FORM.match(str(info.value))


@given(st.integers(), st.integers(-5, 5), st.integers(-5, 5))
def test_check_int_follows_its_bounds(value: int, low: int, span: int) -> None:
    """An int passes exactly when it is within the bounds; the bounds are in the refusal."""
    high = low + abs(span)
    inside = low <= value <= high
    if inside:
        assert _checks.check_int("n", value, "f", minimum=low, maximum=high) == value
    else:
        with pytest.raises(InvalidParameterError, match=f"from {low} to {high}"):
            _checks.check_int("n", value, "f", minimum=low, maximum=high)


@given(st.booleans())
def test_integer_checks_refuse_bools(value: bool) -> None:
    """True and False are not counts."""
    for check in (_checks.check_positive_int, _checks.check_non_negative_int):
        with pytest.raises(InvalidParameterError):
            check("n", value, "f")


CHOICES = ("strict", "partial", "lenient")


@given(st.sampled_from(CHOICES) | st.text(max_size=10))
def test_check_choice_takes_members_and_names_the_closest(value: str) -> None:
    """A member passes; anything else is refused listing every choice, and a hint, when
    given, names a member."""
    if value in CHOICES:
        assert _checks.check_choice("counting", value, "f", CHOICES) == value
        return
    with pytest.raises(InvalidParameterError) as info:
        _checks.check_choice("counting", value, "f", CHOICES)
    message = str(info.value)
    assert FORM.match(message)
    assert "must be one of 'strict', 'partial', 'lenient'." in message
    hint = re.search(r"did you mean '(\w+)'\?$", message)
    assert hint is None or hint[1] in CHOICES


def test_check_choice_names_the_closest_choice() -> None:
    """A near miss is answered with the choice it nearly is."""
    with pytest.raises(InvalidParameterError, match=r"; did you mean 'partial'\?$"):
        _checks.check_choice("counting", "parital", "f", CHOICES)


@given(st.dictionaries(st.text(max_size=3), st.floats(min_value=0, max_value=1e6), max_size=4))
def test_check_weights_takes_non_negative_mappings(weights: dict[str, float]) -> None:
    """A mapping of names to finite non-negative numbers passes as a dict of floats."""
    assert _checks.check_weights("weights", weights, "f") == weights


@given(
    st.dictionaries(st.text(max_size=3), st.floats(min_value=0, max_value=1e6), max_size=4),
    st.floats(max_value=-1e-9) | st.just(math.inf) | st.just(math.nan),
)
def test_check_weights_refuses_any_bad_weight(weights: dict[str, float], bad: float) -> None:
    """One negative, infinite or nan weight refuses the whole mapping, shown in the message."""
    weights = {**weights, "X": bad}
    with pytest.raises(InvalidParameterError) as info:
        _checks.check_weights("weights", weights, "axis_balance_score", keys="axis ids")
    assert str(info.value).startswith(
        "The 'weights' parameter of axis_balance_score must be a mapping of axis ids to "
        "non-negative numbers. Got {"
    )


def test_check_weights_not_all_zero() -> None:
    """With not_all_zero, an empty or all-zero mapping is refused and any positive weight passes."""
    for weights in ({}, {"a": 0, "b": 0.0}):
        with pytest.raises(InvalidParameterError, match=r"non-empty .* not all zero"):
            _checks.check_weights("weights", weights, "Profile", not_all_zero=True)
    assert _checks.check_weights("weights", {"a": 0, "b": 1}, "Profile", not_all_zero=True)


@given(st.one_of(st.integers(), st.none(), st.binary(), st.lists(st.text())))
def test_check_path_refuses_what_is_not_a_path(value: object) -> None:
    """Only strings and os.PathLike objects are paths; the refusal names the type given."""
    with pytest.raises(InvalidParameterError, match=f"Got {type(value).__name__} instead"):
        _checks.check_path("path", value, "find_documents")


@given(st.text(min_size=1, max_size=20))
def test_check_path_takes_text(value: str) -> None:
    """Any non-empty string is taken as a path."""
    assert _checks.check_path("path", value, "find_documents") == Path(value)


@given(st.floats(allow_nan=False, allow_infinity=False), st.floats(0, 10))
def test_check_number_open_bounds_exclude_the_bound(low: float, width: float) -> None:
    """An open lower bound refuses the bound itself and the message says '>'."""
    with pytest.raises(InvalidParameterError, match=" > "):
        _checks.check_number("x", low, "f", low=low, low_open=True)
    assert _checks.check_number("x", low + width, "f", low=low) == low + width
