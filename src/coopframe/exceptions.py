"""Exceptions raised by coopframe.

Every error coopframe raises on purpose derives from :class:`CoopframeError`, and each subclass
also derives from the builtin exception that fits it, so ``except ValueError`` keeps working for
callers who do not know coopframe.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import attrs

from coopframe._text import visible

# The exceptions and Problem have their one public path in coopframe itself (cf.CoopframeError,
# ...), so they are not listed again here; they stay importable from this module.
__all__ = ["MAX_PROBLEM_LENGTH", "MAX_SHOWN_PROBLEMS"]


@attrs.frozen(order=True)
class Problem:
    """One problem found in a document, with where it is.

    Parameters
    ----------
    path
        Where the problem is, in the document's own terms: ``activities[3].depends_on[0]``.
        The empty string means the document as a whole.
    message
        What is wrong, in words a person can act on.
    """

    path: str
    message: str

    def __str__(self) -> str:
        """The path and the message, on one line, cut to :data:`MAX_PROBLEM_LENGTH` characters.

        Controls, bidirectional overrides and zero-width characters are spelt out as escapes
        (``\\x1b``, ``\\u202e``), so a hostile name cannot act on a terminal. The fields keep
        the text whole.
        """
        text = f"{self.path}: {self.message}" if self.path else self.message
        if len(text) > MAX_PROBLEM_LENGTH:
            text = f"{text[:MAX_PROBLEM_LENGTH]}... ({len(text):,} characters)"
        return visible(text, one_line=True)


MAX_SHOWN_PROBLEMS: Final = 50
"""How many problems ``str(InvalidDocumentError)`` lists; ``.problems`` holds them all."""

MAX_PROBLEM_LENGTH: Final = 500
"""The longest ``str(Problem)``, in characters, before it is cut short."""


class CoopframeError(Exception):
    """Root of every error coopframe raises on purpose."""


class InvalidDocumentError(CoopframeError, ValueError):
    """A document or object breaks the rules of the model.

    Carries every problem found, not only the first. Its message lists the first
    :data:`MAX_SHOWN_PROBLEMS` (50) and says how many more there are, each problem cut to
    :data:`MAX_PROBLEM_LENGTH` (500) characters, so that a hostile document cannot make the
    message of its refusal huge; :attr:`problems` holds them all, whole.

    Attributes
    ----------
    problems
        The problems, each a :class:`Problem` with its path.
    source
        The file or the kind of text the document came from, when known.

    Examples
    --------
    >>> error = cf.InvalidDocumentError([cf.Problem(f"activities[{i}]", "x") for i in range(52)])
    >>> str(error).splitlines()[-1]
    '  ... and 2 more problems'
    >>> len(error.problems)
    52
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{visible(self.source, one_line=True)}: " if self.source else ""
        count = len(self.problems)
        lines = [f"{where}{count:,} problem{'s' if count != 1 else ''} found"]
        lines += [f"  {problem}" for problem in self.problems[:MAX_SHOWN_PROBLEMS]]
        if count > MAX_SHOWN_PROBLEMS:
            more = count - MAX_SHOWN_PROBLEMS
            lines.append(f"  ... and {more:,} more problem{'s' if more != 1 else ''}")
        return "\n".join(lines)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_invalid, (self.problems, self.source))


def _rebuild_invalid(problems: tuple[Problem, ...], source: str | None) -> InvalidDocumentError:
    return InvalidDocumentError(problems, source=source)


class DocumentSyntaxError(CoopframeError, ValueError):
    """A document's text cannot be parsed (bad YAML, JSON or TOML, bad encoding).

    Attributes
    ----------
    source
        The file, or ``"<yaml text>"``-style names for text without a file.
    line, column
        1-based position of the error, when the parser gives one.
    reason
        The parser's explanation.
    """

    def __init__(
        self,
        reason: str,
        *,
        source: str,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = visible(self.source, one_line=True)
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        reason = self.reason
        if len(reason) > MAX_PROBLEM_LENGTH:
            reason = f"{reason[:MAX_PROBLEM_LENGTH]}... ({len(reason):,} characters)"
        return f"{where}: {visible(reason, one_line=True)}"

    def __reduce__(self) -> tuple[object, ...]:
        return (
            _rebuild_syntax,
            (self.reason, self.source, self.line, self.column),
        )


def _rebuild_syntax(
    reason: str, source: str, line: int | None, column: int | None
) -> DocumentSyntaxError:
    return DocumentSyntaxError(reason, source=source, line=line, column=column)


class DocumentFileError(CoopframeError, OSError):
    """A file cannot be read or written: missing, a directory, unreadable, or of unknown type."""


class InvalidParameterError(CoopframeError, ValueError):
    """A function was given an option it cannot use."""


class UnknownNameError(CoopframeError, KeyError):
    """A name (a dataset, a scorer) is not known. The message lists the known ones."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class OptionalDependencyError(CoopframeError, ImportError):
    """A feature needs an optional extra that is not installed.

    Attributes
    ----------
    extra
        The extra to install: ``pip install "coopframe[<extra>]"``.
    feature
        What needed it.
    """

    def __init__(self, *, extra: str, feature: str, module: str) -> None:
        self.extra = extra
        self.feature = feature
        super().__init__(
            f"{feature} needs {module}, which is not installed; install the {extra!r} extra: "
            f'pip install "coopframe[{extra}]"',
            name=module,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_optional, (self.extra, self.feature, self.name))


def _rebuild_optional(extra: str, feature: str, module: str) -> OptionalDependencyError:
    return OptionalDependencyError(extra=extra, feature=feature, module=module)
