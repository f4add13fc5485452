"""Numbers, words and parameter checks shared by the builders and the renderers."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from typing import Any, Final

from coopframe._text import json_escaped, visible
from coopframe._util import is_number
from coopframe.exceptions import InvalidParameterError
from coopframe.scoring import BANDS, SCORERS, Evaluation

_NA: Final = "n/a"
_BREAKS = re.compile("\r\n|[\t\n\r\u2028\u2029]")


def _plain(text: str) -> str:
    """Input text on one line: line breaks and tabs as spaces, hidden characters spelt out."""
    return visible(_BREAKS.sub(" ", text))


def _score(value: float | None) -> str:
    if value is None or math.isnan(value):
        return _NA
    return f"{value:.3f}"


def _share(part: int, whole: int) -> str:
    if whole == 0:
        return f"{part} of {whole}"
    return f"{part} of {whole} ({part / whole:.1%})"


def _amount(value: float) -> str:
    return f"{value:g}"


def _ids(ids: Iterable[str], *, empty: str = "none") -> str:
    items = list(ids)
    return ", ".join(items) if items else empty


def _cell(value: object) -> str:
    if value is None:
        return _NA
    if isinstance(value, float):
        return _score(value)
    return str(value)


def _is_numeric(value: object) -> bool:
    """A number, or an empty cell (``None`` or ``""``) in a column of numbers."""
    return value is None or value == "" or is_number(value)


def _describe(name: str, *evaluations: Evaluation) -> str:
    """What the score ``name`` measures: from the evaluations' own scorers, else the registry."""
    for evaluation in evaluations:
        scorer = evaluation.scorer(name)
        if scorer is not None:
            return scorer.description
    scorer = SCORERS.get(name)
    return scorer.description if scorer is not None else ""


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return json_escaped(text) + "\n"


_BAND_TEXT: Final = (
    ", ".join(f"{label} from {bound:.2f}" for bound, label in BANDS[:-1])
    + f", {BANDS[-1][1]} below"
)


def _check_type(value: object, kind: type, name: str, where: str) -> None:
    if not isinstance(value, kind):
        article = "an" if kind.__name__[0] in "AEIOU" else "a"
        raise InvalidParameterError(
            f"The {name!r} parameter of {where} must be {article} {kind.__name__}. "
            f"Got {type(value).__name__} instead."
        )
