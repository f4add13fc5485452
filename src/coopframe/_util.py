"""Small private helpers shared across modules."""

from __future__ import annotations

import gc
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from coopframe.exceptions import DocumentFileError

__all__ = ["gc_paused", "is_number", "json_float", "write_atomically"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Bulk creation of objects that form no reference cycles triggers collections that find
    nothing to free; pausing them is the cheapest large speed-up for big roadmaps. The previous
    state is restored, even on error.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def is_number(value: object) -> bool:
    """Whether ``value`` is an int or a float (a bool is neither here)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def json_float(value: float) -> float | None:
    """``value`` for JSON: ``None`` for ``nan``, else a plain float."""
    return None if math.isnan(value) else float(value)


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader finds the old file or the new one, whole.

    The bytes go to a hidden temporary file in the same directory, are flushed to disk, take
    the permissions a new file would have, and replace ``path`` in one step; the directory is
    then flushed too, so the rename survives a crash. On failure the temporary file is removed.

    Raises
    ------
    DocumentFileError
        The directory does not exist, or the file cannot be written.
    """
    target = Path(path)
    directory = target.parent
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except FileNotFoundError:
        raise DocumentFileError(f"{os.fspath(path)}: the directory does not exist") from None
    except OSError as exc:
        raise DocumentFileError(
            f"{os.fspath(path)}: cannot write here ({exc.strerror or exc})"
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, IsADirectoryError):
            raise DocumentFileError(f"{os.fspath(path)}: is a directory") from None
        if isinstance(exc, OSError):
            raise DocumentFileError(
                f"{os.fspath(path)}: cannot be written ({exc.strerror or exc})"
            ) from None
        raise
    _fsync_directory(directory)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
