"""One vocabulary of parameter checks, with one message form.

Every public function checks its options through these, so that every refusal reads the same:
"The 'weights' parameter of axis_balance_score must be a mapping of axis ids to non-negative
numbers. Got {'X': -1} instead."

Each check takes the parameter's name, the value and the public function (or class) that was
called, and either returns the value (converted where the check says so) or raises
:class:`~coopframe.exceptions.InvalidParameterError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NoReturn

from coopframe.exceptions import InvalidParameterError

__all__ = [
    "as_date",
    "check_bool",
    "check_choice",
    "check_date",
    "check_instance",
    "check_int",
    "check_non_negative_int",
    "check_number",
    "check_path",
    "check_positive_int",
    "check_unit_interval",
    "check_weights",
    "did_you_mean",
    "refusal",
    "refuse",
]

_DATE = "a datetime.date, an ISO date string 'YYYY-MM-DD' or None"


def refusal(
    name: str, caller: str, expected: str, got: str, *, hint: str = ""
) -> InvalidParameterError:
    """The one parameter error: ``name`` of ``caller`` must be ``expected``; ``got`` was given.

    ``got`` is the text shown for the value (usually its ``repr``); ``hint``, a sentence with
    its own closing mark, follows "instead" where it helps ("did you mean 'exclude'?"). For a
    check that finds the problem in several places and raises the same error from each.

    Examples
    --------
    >>> str(refusal("top", "ranking", "a non-negative integer", "-1"))
    "The 'top' parameter of ranking must be a non-negative integer. Got -1 instead."
    """
    end = f"; {hint}" if hint else "."
    return InvalidParameterError(
        f"The {name!r} parameter of {caller} must be {expected}. Got {got} instead{end}"
    )


def refuse(name: str, caller: str, expected: str, got: str, *, hint: str = "") -> NoReturn:
    """Raise :func:`refusal`'s error.

    Examples
    --------
    >>> refuse("top", "ranking", "a non-negative integer", "-1")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'top' parameter of ranking must be a non-negative integer. Got -1 instead.
    """  # noqa: E501
    raise refusal(name, caller, expected, got, hint=hint)


def check_bool(name: str, value: object, caller: str) -> None:
    """Raise :class:`~coopframe.exceptions.InvalidParameterError` unless ``value`` is a bool.

    Examples
    --------
    >>> check_bool("recursive", True, "find_documents")
    >>> check_bool("recursive", "yes", "find_documents")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'recursive' parameter of find_documents ...
    """
    if not isinstance(value, bool):
        refuse(name, caller, "True or False", repr(value))


def as_date(name: str, value: object, caller: str) -> dt.date | None:
    """``value`` as a date: a :class:`datetime.date`, an ISO ``YYYY-MM-DD`` string, or ``None``.

    A :class:`datetime.datetime` is refused (it is a ``date`` subclass whose time of day and
    time zone no status date has), with the same message wherever a date is taken.

    Examples
    --------
    >>> as_date("as_of", "2025-06-30", "evaluate")
    datetime.date(2025, 6, 30)
    >>> as_date("as_of", dt.date(2025, 6, 30), "evaluate")
    datetime.date(2025, 6, 30)
    >>> as_date("as_of", None, "evaluate") is None
    True
    >>> as_date("as_of", dt.datetime(2025, 6, 30, 12), "evaluate")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'as_of' parameter of evaluate must be a datetime.date, an ISO date string 'YYYY-MM-DD' or None. Got datetime.datetime(2025, 6, 30, 12, 0) instead; pass its .date().
    """  # noqa: E501
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        refuse(name, caller, _DATE, repr(value), hint="pass its .date().")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    refuse(name, caller, _DATE, repr(value))


def check_date(name: str, value: object, caller: str) -> None:
    """Raise unless :func:`as_date` takes ``value``.

    Examples
    --------
    >>> check_date("as_of_a", "2025-02-30", "compare")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'as_of_a' parameter of compare must be a datetime.date, an ISO date string 'YYYY-MM-DD' or None. Got '2025-02-30' instead.
    """  # noqa: E501
    as_date(name, value, caller)


def _is_real(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _interval(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None:
        return f"a number in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    if low is not None:
        return f"a finite number {'>' if low_open else '>='} {low:g}"
    if high is not None:
        return f"a finite number {'<' if high_open else '<='} {high:g}"
    return "a finite number"


def check_number(
    name: str,
    value: object,
    caller: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    nan: bool = False,
    expected: str | None = None,
) -> float:
    """``value`` as a float, if it is a finite real number in the given range (a bool is not).

    ``nan=True`` lets ``nan`` through as well. ``expected`` replaces the generated description
    of the range ("a number in [0, 1]", "a finite number > 0") where a function words it its
    own way.

    Examples
    --------
    >>> check_number("concentration", 2, "rank_robustness", low=0, low_open=True)
    2.0
    >>> check_number("concentration", 0, "rank_robustness", low=0, low_open=True)
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'concentration' parameter of rank_robustness must be a finite number > 0. Got 0 instead.
    """  # noqa: E501
    ok = _is_real(value)
    if ok:
        number = float(value)  # type: ignore[arg-type]
        if math.isnan(number):
            ok = nan
        else:
            ok = math.isfinite(number) and not (
                (low is not None and (number < low or (low_open and number == low)))
                or (high is not None and (number > high or (high_open and number == high)))
            )
    if not ok:
        described = expected or _interval(low, high, low_open, high_open)
        if nan and not expected:
            described = f"nan or {described}"
        refuse(name, caller, described, repr(value))
    return number


def check_unit_interval(name: str, value: object, caller: str, *, nan: bool = False) -> float:
    """``value`` as a float, if it is a number in [0, 1] (or ``nan``, with ``nan=True``).

    Examples
    --------
    >>> check_unit_interval("threshold", 0.5, "compare")
    0.5
    >>> check_unit_interval("threshold", 1.5, "compare")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'threshold' parameter of compare must be a number in [0, 1]. Got 1.5 instead.
    >>> check_unit_interval("rate", float("nan"), "sigma_score", nan=True)
    nan
    """  # noqa: E501
    return check_number(name, value, caller, low=0, high=1, nan=nan)


def check_int(
    name: str,
    value: object,
    caller: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    expected: str | None = None,
) -> int:
    """``value``, if it is an int (not a bool) from ``minimum`` to ``maximum`` (each optional).

    ``expected`` replaces the generated description ("an integer >= 0", "an integer from 1 to
    10") where a function words it its own way.

    Examples
    --------
    >>> check_int("n_parties", 3, "synthetic_roadmap", minimum=2, maximum=4)
    3
    >>> check_int("n_parties", 5, "synthetic_roadmap", minimum=2, maximum=4)
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'n_parties' parameter of synthetic_roadmap must be an integer from 2 to 4. Got 5 instead.
    """  # noqa: E501
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or (minimum is not None and value < minimum)
        or (maximum is not None and value > maximum)
    ):
        if expected is None:
            if minimum is not None and maximum is not None:
                expected = f"an integer from {minimum} to {maximum}"
            elif minimum is not None:
                expected = f"an integer >= {minimum}"
            elif maximum is not None:
                expected = f"an integer <= {maximum}"
            else:
                expected = "an integer"
        refuse(name, caller, expected, repr(value))
    return value


def check_positive_int(name: str, value: object, caller: str) -> int:
    """``value``, if it is an int >= 1 (not a bool).

    Examples
    --------
    >>> check_positive_int("total", 0, "reported_check")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'total' parameter of reported_check must be a positive integer. Got 0 instead.
    """  # noqa: E501
    return check_int(name, value, caller, minimum=1, expected="a positive integer")


def check_non_negative_int(name: str, value: object, caller: str) -> int:
    """``value``, if it is an int >= 0 (not a bool).

    Examples
    --------
    >>> check_non_negative_int("top", 3, "ranking")
    3
    >>> check_non_negative_int("top", True, "ranking")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'top' parameter of ranking must be a non-negative integer. Got True instead.
    """  # noqa: E501
    return check_int(name, value, caller, minimum=0, expected="a non-negative integer")


def check_choice(name: str, value: object, caller: str, choices: Iterable[str]) -> str:
    """``value``, if it is one of ``choices``; the refusal lists them and names the closest.

    Examples
    --------
    >>> check_choice("cancelled", "exclude", "compliance_score", ("exclude", "count_as_unmet"))
    'exclude'
    >>> check_choice("cancelled", "exclud", "compliance_score", ("exclude", "count_as_unmet"))
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'cancelled' parameter of compliance_score must be one of 'exclude', 'count_as_unmet'. Got 'exclud' instead; did you mean 'exclude'?
    """  # noqa: E501
    allowed = tuple(choices)
    if isinstance(value, str) and value in allowed:
        return value
    listed = ", ".join(repr(choice) for choice in allowed)
    refuse(name, caller, f"one of {listed}", repr(value), hint=did_you_mean(value, allowed))


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """The hint naming the choice closest to ``value``, or ``""`` when none is close.

    Examples
    --------
    >>> did_you_mean("jsn", ("json", "yaml"))
    "did you mean 'json'?"
    >>> did_you_mean("x", ("json", "yaml"))
    ''
    """
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"did you mean {close[0]!r}?" if close else ""


def check_weights(
    name: str, value: object, caller: str, *, keys: str = "names", not_all_zero: bool = False
) -> dict[str, float]:
    """``value`` as a dict of floats, if it maps strings to finite non-negative numbers.

    ``keys`` says what the keys are ("axis ids", "scorer names") in the refusal.
    ``not_all_zero=True`` also refuses an empty mapping and one whose weights are all zero.

    Examples
    --------
    >>> check_weights("weights", {"P": 2}, "axis_balance_score", keys="axis ids")
    {'P': 2.0}
    >>> check_weights("weights", {"X": -1}, "axis_balance_score", keys="axis ids")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'weights' parameter of axis_balance_score must be a mapping of axis ids to non-negative numbers. Got {'X': -1} instead.
    >>> check_weights("weights", {}, "Profile", keys="scorer names", not_all_zero=True)
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'weights' parameter of Profile must be a non-empty mapping of scorer names to non-negative numbers, not all zero. Got {} instead.
    """  # noqa: E501
    if isinstance(value, Mapping) and all(
        isinstance(key, str) and _is_real(weight) and math.isfinite(weight) and weight >= 0
        for key, weight in value.items()
    ):
        weights = {key: float(weight) for key, weight in value.items()}
        if not not_all_zero or any(weights.values()):
            return weights
    shown = dict(value) if isinstance(value, Mapping) else value
    expected = f"a mapping of {keys} to non-negative numbers"
    if not_all_zero:
        expected = f"a non-empty {expected[2:]}, not all zero"
    refuse(name, caller, expected, repr(shown))


def check_path(name: str, value: object, caller: str) -> Path:
    """``value`` as a :class:`~pathlib.Path`, if it is a string or an ``os.PathLike``.

    Examples
    --------
    >>> check_path("path", "roadmaps", "find_documents").name
    'roadmaps'
    >>> check_path("path", 3, "find_documents")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'path' parameter of find_documents must be a path. Got int instead.
    """  # noqa: E501
    if not isinstance(value, str | os.PathLike):
        refuse(name, caller, "a path", type(value).__name__)
    return Path(value)


def check_instance(
    name: str, value: object, caller: str, kind: type | tuple[type, ...], expected: str
) -> None:
    """Raise unless ``value`` is an instance of ``kind``; the refusal names the type given.

    Examples
    --------
    >>> check_instance("roadmap", [], "evaluate", dict, "a Roadmap")
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidParameterError: The 'roadmap' parameter of evaluate must be a Roadmap. Got list instead.
    """  # noqa: E501
    if not isinstance(value, kind):
        refuse(name, caller, expected, type(value).__name__)
