"""Documents and the model: the format version, ``structure`` and ``unstructure``."""

from __future__ import annotations

import typing
from typing import Any, Final, TypeAlias

from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from coopframe._util import gc_paused
from coopframe.exceptions import InvalidDocumentError, InvalidParameterError, Problem
from coopframe.io._converter import _CONVERTER, _converters
from coopframe.io._limits import Limits, _check_limits
from coopframe.io._values import _key_text, _kind_of, _short, _ValueProblem
from coopframe.model import Agreement, Roadmap

FORMAT_VERSION: Final = 1
"""The version of the document format this coopframe reads and writes."""

Document: TypeAlias = Roadmap | Agreement

_KINDS: Final[dict[str, type[Roadmap] | type[Agreement]]] = {
    "roadmap": Roadmap,
    "agreement": Agreement,
}

_MODEL_DEPTH: Final = 7
"""How deeply a valid document nests: document, agreement, roadmaps, roadmap, activities,
activity, responsible."""

# ---------------------------------------------------------------------------------------------


def _problems_from(exc: BaseException, path: str = "") -> list[Problem]:
    """Flatten a cattrs exception tree into problems with model-relative paths."""
    if isinstance(exc, InvalidDocumentError):
        return [
            Problem(_join(path, problem.path) if problem.path else path, problem.message)
            for problem in exc.problems
        ]
    if isinstance(exc, IterableValidationError):
        problems = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            problems.extend(_problems_from(sub, f"{path}[{note.index!r}]"))
        for sub in without:
            problems.extend(_problems_from(sub, path))
        return problems
    if isinstance(exc, ClassValidationError):
        problems = []
        class_notes, without = exc.group_exceptions()
        for sub, class_note in class_notes:
            problems.extend(_problems_from(sub, _join(path, class_note.name)))
        for sub in without:
            problems.extend(_problems_from(sub, path))
        return problems
    if isinstance(exc, ForbiddenExtraKeysError):
        return [
            Problem(_join(path, _key_text(key)), "unknown key")
            for key in sorted(exc.extra_fields, key=str)
        ]
    if isinstance(exc, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(exc, _ValueProblem):
        return [Problem(path, str(exc))]
    return [Problem(path, f"invalid value: {exc}")]


def _join(path: str, name: str) -> str:
    if not path:
        return name
    if name.startswith("["):
        return path + name
    return f"{path}.{name}"


def structure(data: object, *, source: str | None = None, limits: Limits | None = None) -> Document:
    """Build a roadmap or agreement from a parsed document (dicts, lists and scalars).

    Parameters
    ----------
    data
        The parsed document: a mapping with the format version and a roadmap or agreement.
    source
        Where it came from, for messages.
    limits
        Bounds on nesting depth, string and list lengths (default :data:`DEFAULT_LIMITS`).

    Raises
    ------
    InvalidDocumentError
        With every problem found, each with its path.
    """
    limits = _check_limits(limits, "structure")
    kind = _document_kind(data, source)
    if limits.max_depth < _MODEL_DEPTH:
        # Deeper than the model is refused below anyway; shallower limits need a look.
        _check_depth(data, limits.max_depth, source)
    body = typing.cast("dict[Any, Any]", data)[kind]
    quick_converter, converter = _converters(limits.max_string_length, limits.max_list_length)
    result: Document
    with gc_paused():
        try:
            result = quick_converter.structure(body, _KINDS[kind])
        except Exception:  # read again below to report every problem
            pass
        else:
            return result
    try:
        with gc_paused():
            result = converter.structure(body, _KINDS[kind])
    except (ClassValidationError, IterableValidationError, InvalidDocumentError) as exc:
        raise InvalidDocumentError(_problems_from(exc), source=source) from None
    except _ValueProblem as exc:
        raise InvalidDocumentError([Problem(kind, str(exc))], source=source) from None
    return result


def _document_kind(data: object, source: str | None) -> str:
    """The key of the one roadmap or agreement ``data`` holds; refuses anything else."""
    if data is None:
        raise InvalidDocumentError([Problem("", "the document is empty")], source=source)
    if not isinstance(data, dict):
        raise InvalidDocumentError(
            [
                Problem(
                    "",
                    "a coopframe document must be a mapping with the keys 'coopframe' and "
                    f"'roadmap' or 'agreement', got {_kind_of(data)}",
                )
            ],
            source=source,
        )
    problems: list[Problem] = []
    version = data.get("coopframe", None)
    if "coopframe" not in data:
        problems.append(
            Problem(
                "coopframe", f"the format version is missing: add 'coopframe: {FORMAT_VERSION}'"
            )
        )
    elif isinstance(version, str):
        problems.append(
            Problem(
                "coopframe",
                f"the format version is given as the string {_short(version)}; write it as an "
                f"integer, not quoted: 'coopframe: {FORMAT_VERSION}'",
            )
        )
    elif type(version) is not int or version != FORMAT_VERSION:
        problems.append(
            Problem(
                "coopframe",
                f"unsupported format version {_short(version)}; this coopframe reads version "
                f"{FORMAT_VERSION}, written 'coopframe: {FORMAT_VERSION}'",
            )
        )
    kinds = [key for key in _KINDS if key in data]
    for key in sorted((k for k in data if k != "coopframe" and k not in _KINDS), key=str):
        problems.append(Problem(_key_text(key), "unknown key"))
    if not kinds:
        problems.append(Problem("", "the document holds neither a 'roadmap' nor an 'agreement'"))
    elif len(kinds) > 1:
        problems.append(Problem("", "a document holds one 'roadmap' or one 'agreement', not both"))
    if problems:
        raise InvalidDocumentError(problems, source=source)
    return kinds[0]


def _check_depth(data: object, max_depth: int, source: str | None) -> None:
    """Refuse parsed data nested more than ``max_depth`` lists and mappings deep."""
    stack: list[tuple[object, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        if depth > max_depth:
            raise InvalidDocumentError(
                [
                    Problem(
                        "",
                        f"the document is nested more than {max_depth} lists and mappings deep "
                        "(Limits.max_depth)",
                    )
                ],
                source=source,
            )
        stack.extend((child, depth + 1) for child in children)


def unstructure(obj: Document) -> dict[str, Any]:
    """The document for a roadmap or agreement, as JSON primitives (dicts, lists, scalars)."""
    if isinstance(obj, Roadmap):
        kind = "roadmap"
    elif isinstance(obj, Agreement):
        kind = "agreement"
    else:
        raise InvalidParameterError(
            "The 'obj' parameter must be a Roadmap or an Agreement. "
            f"Got {type(obj).__name__} instead."
        )
    body: dict[str, Any] = _CONVERTER.unstructure(obj)
    return {"coopframe": FORMAT_VERSION, kind: body}


def _check_written_version(data: object, written: str, source: str) -> None:
    """Refuse a version read as 1 but written otherwise (``0x1``, ``+1``, ``01``)."""
    if not isinstance(data, dict):
        return
    version = data.get("coopframe")
    if type(version) is not int or version != FORMAT_VERSION:
        return  # reported with the document's other problems
    raise InvalidDocumentError(
        [
            Problem(
                "coopframe",
                f"the format version is written {_short(written)}; this coopframe reads version "
                f"{FORMAT_VERSION}, written 'coopframe: {FORMAT_VERSION}'",
            )
        ],
        source=source,
    )
