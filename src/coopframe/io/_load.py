"""Reading documents: from text and from files, as either kind or as the kind expected."""

from __future__ import annotations

import os
import stat
from typing import Final, TypeVar

from coopframe._checks import refuse
from coopframe._text import visible
from coopframe._util import gc_paused
from coopframe.exceptions import (
    CoopframeError,
    DocumentFileError,
    DocumentSyntaxError,
    InvalidDocumentError,
    Problem,
)
from coopframe.io._document import Document, structure
from coopframe.io._formats import DocumentFormat, Format, _check_format, _format_of_path
from coopframe.io._limits import Limits, _check_limits, _check_size
from coopframe.model import Agreement, Roadmap

_Kind = TypeVar("_Kind", Roadmap, Agreement)


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DocumentSyntaxError(
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            source=source,
            line=line,
            column=column,
        ) from None


def _parse(text: str, fmt: DocumentFormat, source: str, limits: Limits) -> object:
    try:
        return fmt.parse(text, source, limits)
    except ValueError as exc:  # a number beyond the interpreter's limits, and the like
        if isinstance(exc, CoopframeError):
            raise
        raise DocumentSyntaxError(f"cannot read a value: {exc}", source=source) from None


def _read(text: str, fmt: DocumentFormat, source: str, limits: Limits) -> Document:
    with gc_paused():
        data = _parse(text, fmt, source, limits)
        return structure(data, source=source, limits=limits)


def _loads(
    text: str | bytes, format: Format | str, limits: Limits | None, function: str
) -> tuple[Document, str]:
    """The document in ``text`` and the name it has in messages, for ``function``."""
    fmt = _check_format(format, function)
    limits = _check_limits(limits, function)
    source = f"<{fmt.name} text>"
    if isinstance(text, bytes | bytearray):
        _check_size(text, limits, source)
        text = _decode(bytes(text), source)
    elif isinstance(text, str):
        _check_size(text, limits, source)
    else:
        refuse("text", function, "str or bytes", type(text).__name__)
    return _read(text.removeprefix("\ufeff"), fmt, source, limits), source


def loads(
    text: str | bytes, *, format: Format | str = "yaml", limits: Limits | None = None
) -> Document:
    """Read a roadmap or agreement from text.

    Parameters
    ----------
    text
        The document, as text or UTF-8 bytes (a byte-order mark is allowed).
    format
        ``"yaml"`` (default), ``"json"``, ``"toml"`` or another name in
        :data:`~coopframe.io.FORMATS`.
    limits
        Bounds on size, nesting, strings, lists and YAML aliases (default
        :data:`DEFAULT_LIMITS`); a document beyond them is refused.

    Returns
    -------
    Roadmap or Agreement
        Whichever the document holds.

    Raises
    ------
    DocumentSyntaxError
        The text cannot be parsed, or is beyond the size, nesting or alias limits; says where.
    InvalidDocumentError
        The document breaks the format or the model's rules, or holds a string or list beyond
        the limits; lists every problem with its path.
    InvalidParameterError
        Unknown format, or ``limits`` is not a :class:`Limits`.

    Examples
    --------
    >>> road = cf.loads('''
    ... coopframe: 1
    ... roadmap:
    ...   id: demo
    ...   title: Hoja de ruta de ejemplo
    ...   parties: [{id: BOL, name: Bolivia}, {id: PER, name: Perú}]
    ...   period: {start: 2025-01-01, end: 2026-12-31}
    ...   axes: [{id: prev, name: Prevención, pillars: [prevention]}]
    ...   activities: [{id: A1, title: Campaña binacional, axis: prev}]
    ... ''')
    >>> road.activity("A1").title
    'Campaña binacional'
    """
    return _loads(text, format, limits, "loads")[0]


_FILE_KINDS: Final = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _read_file(source: str, size: int) -> bytes:
    """At most ``size`` bytes of the regular file ``source``; anything else is refused.

    The file is opened without blocking and checked on its descriptor before anything is read:
    a FIFO with no writer would block forever, and a device such as ``/dev/zero`` never ends.
    """
    shown = visible(source, one_line=True)
    try:
        descriptor = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DocumentFileError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise DocumentFileError(f"{shown}: is a directory, not a file") from None
    except PermissionError:
        raise DocumentFileError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise DocumentFileError(f"{shown}: cannot be read ({exc.strerror or exc})") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a file")
        if kind == "a directory":
            raise DocumentFileError(f"{shown}: is a directory, not a file")
        raise DocumentFileError(f"{shown}: is {kind}, not a regular file; save it first")
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "rb") as stream:
        try:
            return stream.read(size)
        except OSError as exc:
            raise DocumentFileError(f"{shown}: cannot be read ({exc.strerror or exc})") from None


def _load(
    path: str | os.PathLike[str],
    format: Format | str | None,
    limits: Limits | None,
    function: str,
) -> tuple[Document, str]:
    """The document in the file ``path`` and the name it has in messages, for ``function``."""
    fmt = _check_format(format, function) if format is not None else _format_of_path(path)
    limits = _check_limits(limits, function)
    source = os.fspath(path)
    data = _read_file(source, limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise DocumentSyntaxError(
            f"the file is larger than the limit of {limits.max_bytes:,} bytes (Limits.max_bytes)",
            source=source,
        )
    return _read(_decode(data, source), fmt, source, limits), source


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | str | None = None,
    limits: Limits | None = None,
) -> Document:
    """Read a roadmap or agreement from a file.

    Parameters
    ----------
    path
        The file; its suffix gives the format unless ``format`` is given.
    format
        ``"yaml"``, ``"json"``, ``"toml"`` or another name in :data:`~coopframe.io.FORMATS`,
        overriding the suffix.
    limits
        Bounds on size, nesting, strings, lists and YAML aliases (default
        :data:`DEFAULT_LIMITS`); a file larger than ``limits.max_bytes`` is not even read.

    Returns
    -------
    Roadmap or Agreement
        Whichever the document holds.

    Raises
    ------
    DocumentFileError
        The file is missing, a directory, not a regular file (a FIFO, a device), unreadable,
        or its suffix names no format.
    DocumentSyntaxError
        The file cannot be parsed; says the line and column.
    InvalidDocumentError
        The document breaks the format or the model's rules; lists every problem with its path.

    Examples
    --------
    >>> road = cf.load(cf.datasets.path("bolivia-peru-2025-2026"))
    >>> len(road.activities)
    11
    """
    return _load(path, format, limits, "load")[0]


def _expect(document: Document, kind: type[_Kind], source: str, function: str) -> _Kind:
    """``document`` if it is a ``kind``; otherwise a problem at its top-level key.

    ``function`` is the typed reader called (``"load_roadmap"``); the message names the one
    for the other kind (``load_agreement()``) and the one for either (``load()``).
    """
    if isinstance(document, kind):
        return document
    either = function.partition("_")[0]
    held, wanted = (
        ("agreement", "a roadmap")
        if isinstance(document, Agreement)
        else ("roadmap", "an agreement")
    )
    held_with_article = "an agreement" if held == "agreement" else "a roadmap"
    raise InvalidDocumentError(
        [
            Problem(
                held,
                f"the document holds {held_with_article}, not {wanted}; read it with "
                f"{either}_{held}() or {either}()",
            )
        ],
        source=source,
    )


def load_roadmap(
    path: str | os.PathLike[str],
    *,
    format: Format | str | None = None,
    limits: Limits | None = None,
) -> Roadmap:
    """Read a roadmap from a file: :func:`~coopframe.load`, for a file holding a roadmap.

    Parameters
    ----------
    path, format, limits
        As for :func:`~coopframe.load`.

    Returns
    -------
    Roadmap
        The roadmap the file holds.

    Raises
    ------
    InvalidDocumentError
        The file holds an agreement (the problem is at its ``agreement`` key), or any
        problem :func:`~coopframe.load` reports.
    DocumentFileError, DocumentSyntaxError, InvalidParameterError
        As for :func:`~coopframe.load`.

    Examples
    --------
    >>> road = cf.load_roadmap(cf.datasets.path("bolivia-peru-2025-2026"))
    >>> len(road.activities)
    11
    >>> cf.load_roadmap(cf.datasets.path("bolivia-peru-framework"))
    Traceback (most recent call last):
    ...
    coopframe.exceptions.InvalidDocumentError: ...
    """
    document, source = _load(path, format, limits, "load_roadmap")
    return _expect(document, Roadmap, source, "load_roadmap")


def load_agreement(
    path: str | os.PathLike[str],
    *,
    format: Format | str | None = None,
    limits: Limits | None = None,
) -> Agreement:
    """Read an agreement from a file: :func:`~coopframe.load`, for a file holding an agreement.

    Parameters
    ----------
    path, format, limits
        As for :func:`~coopframe.load`.

    Returns
    -------
    Agreement
        The agreement the file holds.

    Raises
    ------
    InvalidDocumentError
        The file holds a roadmap (the problem is at its ``roadmap`` key), or any problem
        :func:`~coopframe.load` reports.
    DocumentFileError, DocumentSyntaxError, InvalidParameterError
        As for :func:`~coopframe.load`.

    Examples
    --------
    >>> agreement = cf.load_agreement(cf.datasets.path("bolivia-peru-framework"))
    >>> type(agreement).__name__
    'Agreement'
    """
    document, source = _load(path, format, limits, "load_agreement")
    return _expect(document, Agreement, source, "load_agreement")


def loads_roadmap(
    text: str | bytes, *, format: Format | str = "yaml", limits: Limits | None = None
) -> Roadmap:
    """Read a roadmap from text: :func:`~coopframe.loads`, for text holding a roadmap.

    Parameters
    ----------
    text, format, limits
        As for :func:`~coopframe.loads`.

    Returns
    -------
    Roadmap
        The roadmap the text holds.

    Raises
    ------
    InvalidDocumentError
        The text holds an agreement (the problem is at its ``agreement`` key), or any
        problem :func:`~coopframe.loads` reports.
    DocumentSyntaxError, InvalidParameterError
        As for :func:`~coopframe.loads`.

    Examples
    --------
    >>> text = cf.dumps(cf.datasets.load("bolivia-peru-2025-2026"), format="json")
    >>> cf.loads_roadmap(text, format="json").id
    'bolivia-peru-2025-2026'
    >>> try:
    ...     cf.loads_roadmap(cf.dumps(cf.datasets.load("bolivia-peru-framework")))
    ... except cf.InvalidDocumentError as exc:
    ...     print(exc.problems[0].path)
    ...     print(exc.problems[0].message)
    agreement
    the document holds an agreement, not a roadmap; read it with loads_agreement() or loads()
    """
    document, source = _loads(text, format, limits, "loads_roadmap")
    return _expect(document, Roadmap, source, "loads_roadmap")


def loads_agreement(
    text: str | bytes, *, format: Format | str = "yaml", limits: Limits | None = None
) -> Agreement:
    """Read an agreement from text: :func:`~coopframe.loads`, for text holding an agreement.

    Parameters
    ----------
    text, format, limits
        As for :func:`~coopframe.loads`.

    Returns
    -------
    Agreement
        The agreement the text holds.

    Raises
    ------
    InvalidDocumentError
        The text holds a roadmap (the problem is at its ``roadmap`` key), or any problem
        :func:`~coopframe.loads` reports.
    DocumentSyntaxError, InvalidParameterError
        As for :func:`~coopframe.loads`.

    Examples
    --------
    >>> text = cf.dumps(cf.datasets.load("bolivia-peru-framework"))
    >>> len(cf.loads_agreement(text).roadmaps) > 0
    True
    """
    document, source = _loads(text, format, limits, "loads_agreement")
    return _expect(document, Agreement, source, "loads_agreement")
