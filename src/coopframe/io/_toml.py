"""The TOML reader and writer; dotted keys and the format version checked on the text."""

from __future__ import annotations

import functools
import re
import tomllib
from typing import Any, Final

import tomli_w

from coopframe.exceptions import DocumentSyntaxError
from coopframe.io._document import FORMAT_VERSION, _check_written_version
from coopframe.io._limits import Limits, _check_node_estimate

_TOML_VERSION: Final = re.compile(
    r"""^[ \t]*(?:coopframe|"coopframe"|'coopframe')[ \t]*=[ \t]*([^\s#]*)""", re.MULTILINE
)


_TOML_PART: Final = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_TOML_STRING_OR_COMMENT: Final = re.compile(
    r'"""[\s\S]*?"""' + r"|'''[\s\S]*?'''" + r'|"(?:[^"\\\n]|\\.)*"' + r"|'[^'\n]*'|#[^\n]*"
)


@functools.lru_cache(maxsize=8)
def _toml_chain(max_depth: int) -> re.Pattern[str]:
    """``max_depth`` dots joining parts of a key: a key or table header deeper than the limit."""
    return re.compile(rf"\.[ \t]*{_TOML_PART}(?:[ \t]*\.[ \t]*{_TOML_PART}){{{max_depth - 1}}}")


def _check_toml_keys(text: str, limits: Limits, source: str) -> None:
    """Refuse a dotted key or table header of more than ``limits.max_depth`` parts.

    ``tomllib`` keeps every prefix of every dotted key, so a key of n parts costs memory
    quadratic in n (a 64 KB key of 32,000 parts takes gigabytes). A key deeper than the limit
    is refused on the text, before parsing. The quick search runs on the raw text; only when
    it finds a chain is the text searched again without its strings and comments, where a
    chain would not be a key.
    """
    if text.count(".") < limits.max_depth:
        return
    chain = _toml_chain(limits.max_depth)
    if chain.search(text) is None:
        return
    bare = _TOML_STRING_OR_COMMENT.sub(
        lambda match: (
            "" if match.group().startswith("#") else "Q" + "\n" * match.group().count("\n")
        ),
        text,
    )
    found = chain.search(bare)
    if found is None:
        return
    line = bare.count("\n", 0, found.start()) + 1
    column = found.start() - (bare.rfind("\n", 0, found.start()) + 1) + 1
    raise DocumentSyntaxError(
        f"a dotted key or table header of more than {limits.max_depth} parts (Limits.max_depth)",
        source=source,
        line=line,
        column=column,
    )


def _check_toml_version(data: dict[str, Any], text: str, source: str) -> None:
    """Refuse a version that TOML reads as 1 but is written otherwise (``0x1``, ``+1``)."""
    if "coopframe" not in text:
        return
    written = [match.group(1) for match in _TOML_VERSION.finditer(text)]
    if written and str(FORMAT_VERSION) not in written:
        _check_written_version(data, written[0], source)


def _parse_toml(text: str, source: str, limits: Limits) -> object:
    """The parsed TOML document ``text``; every refusal is a :class:`DocumentSyntaxError`."""
    _check_node_estimate(text, ",[=.", _TOML_STRING_OR_COMMENT, limits, source)
    _check_toml_keys(text, limits, source)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = re.search(r"\(at line (\d+), column (\d+)\)", message)
        reason = message[: found.start()].strip() if found else message
        line = int(found.group(1)) if found else None
        column = int(found.group(2)) if found else None
        raise DocumentSyntaxError(reason, source=source, line=line, column=column) from None
    except RecursionError:
        raise DocumentSyntaxError("the document is nested too deeply", source=source) from None
    _check_toml_version(data, text, source)
    return data


def _dump_toml(document: dict[str, Any]) -> str:
    return tomli_w.dumps(document)
