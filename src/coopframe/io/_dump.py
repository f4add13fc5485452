"""Writing documents: as text, and to files atomically."""

from __future__ import annotations

import os

from coopframe._util import write_atomically
from coopframe.exceptions import InvalidDocumentError, Problem
from coopframe.io._document import Document, unstructure
from coopframe.io._formats import Format, _check_format, _format_of_path


def dumps(obj: Document, *, format: Format | str = "yaml") -> str:
    """Write a roadmap or agreement as text.

    The output is deterministic (the same object gives the same text) and ``loads`` gives the
    object back: ``loads(dumps(r, format=f), format=f) == r``. Optional fields left at their
    defaults are omitted.

    Parameters
    ----------
    obj
        A roadmap or agreement.
    format
        ``"yaml"`` (default), ``"json"``, ``"toml"`` or another name in
        :data:`~coopframe.io.FORMATS`.

    Examples
    --------
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> cf.loads(cf.dumps(road, format="json"), format="json") == road
    True
    """
    fmt = _check_format(format, "dumps")
    return fmt.dump(unstructure(obj))


def dump(
    obj: Document, path: str | os.PathLike[str], *, format: Format | str | None = None
) -> None:
    """Write a roadmap or agreement to a file, atomically.

    The text goes to a temporary file in the same directory, is flushed to disk, and then
    replaces ``path`` in one step: an interrupted save leaves the old file or the new one, whole.
    A replaced file keeps its permissions, and its owner and group where the process may set
    them; a new one gets what the umask gives. A symbolic link is followed and kept. Anything
    that is not a regular file (``/dev/null``, ``/dev/stdout``, a named pipe) is written
    through, as a shell redirection would, never replaced.

    Parameters
    ----------
    obj
        A roadmap or agreement.
    path
        The file; its suffix gives the format unless ``format`` is given.
    format
        ``"yaml"``, ``"json"``, ``"toml"`` or another name in :data:`~coopframe.io.FORMATS`,
        overriding the suffix.

    Raises
    ------
    DocumentFileError
        The directory does not exist or cannot be written, or the suffix names no format.
    """
    fmt = _check_format(format, "dump") if format is not None else _format_of_path(path)
    text = fmt.dump(unstructure(obj))
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidDocumentError(
            [
                Problem(
                    "",
                    f"the text holds a lone surrogate (\\u{ord(text[exc.start]):04x}), which "
                    "is not a character and cannot be written as UTF-8",
                )
            ],
            source=os.fspath(path),
        ) from None
    write_atomically(path, data)
