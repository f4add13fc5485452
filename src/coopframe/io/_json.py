"""The JSON reader and writer: duplicate keys, non-finite numbers and lone surrogates refused."""

from __future__ import annotations

import json
import re
from typing import Any, Final

from coopframe.exceptions import DocumentSyntaxError
from coopframe.io._limits import Limits, _check_node_estimate
from coopframe.io._values import _short, _ValueProblem

_JSON_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"')


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


class _DuplicateKey(Exception):
    pass


def _reject_constant(name: str) -> float:
    raise _ValueProblem(f"{name} is not allowed: numbers must be finite")


_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")


def _parse_json(text: str, source: str, limits: Limits) -> object:
    """The parsed JSON document ``text``; every refusal is a :class:`DocumentSyntaxError`."""
    _check_node_estimate(text, ",[{:", _JSON_STRING, limits, source)
    try:
        data = json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DocumentSyntaxError(
            exc.msg, source=source, line=exc.lineno, column=exc.colno
        ) from None
    except _DuplicateKey as exc:
        raise DocumentSyntaxError(f"duplicate key {_short(exc.args[0])}", source=source) from None
    except _ValueProblem as exc:
        raise DocumentSyntaxError(str(exc), source=source) from None
    except RecursionError:
        raise DocumentSyntaxError("the document is nested too deeply", source=source) from None
    if "\\" in text and _SURROGATE_ESCAPE.search(text):  # the first test is quicker
        _check_no_surrogates(data, source)
    return data


def _check_no_surrogates(data: object, source: str) -> None:
    """Refuse text holding a lone surrogate (``"\\ud800"``): it is not a character."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            texts: Any = (value,)
        elif isinstance(value, dict):
            texts = value.keys()
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
            continue
        else:
            continue
        for piece in texts:
            if isinstance(piece, str) and not piece.isascii():
                try:
                    piece.encode("utf-8")
                except UnicodeEncodeError as exc:
                    raise DocumentSyntaxError(
                        f"the text {_short(piece)} holds a lone surrogate "
                        f"(\\u{ord(piece[exc.start]):04x}), which is not a character",
                        source=source,
                    ) from None


def _dump_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
