"""Small private helpers shared across modules."""

from __future__ import annotations

import gc
import math
import os
import re
import secrets
import stat
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

    A regular file (new or existing) is replaced in one step: the bytes go to a hidden
    temporary file in the same directory, are flushed to disk and renamed over ``path``; the
    directory is then flushed too, so the rename survives a crash. On failure the temporary file
    is removed and the old file is untouched. The replacement keeps the old file's permission
    bits, and its owner and group where the process may set them; a new file gets the
    permissions the process's umask gives (``0o666 & ~umask``), and the umask itself is never
    changed. A symbolic link is followed: the file it points to is replaced, the link is kept.

    Anything else that exists and is not a directory (``/dev/null``, ``/dev/stdout``, a
    terminal, a named pipe) is written through, as a shell redirection would: it is opened for
    writing and never replaced.

    Raises
    ------
    DocumentFileError
        The directory does not exist, ``path`` is a directory, or it cannot be written.
    """
    name = os.fspath(path)
    target = Path(path)
    descriptor = _open_descriptor(name)
    if descriptor is not None:
        _write_descriptor(name, descriptor, data)
        return
    try:
        status: os.stat_result | None = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        status = None
    except OSError as exc:
        raise DocumentFileError(f"{name}: cannot write here ({_reason(exc)})") from None
    if status is not None:
        if stat.S_ISDIR(status.st_mode):
            raise DocumentFileError(f"{name}: is a directory")
        if not stat.S_ISREG(status.st_mode):
            _write_through(name, data)
            return
        target = Path(os.path.realpath(target))
    directory = target.parent
    handle, temporary = _temporary_file(name, target, status)
    try:
        with os.fdopen(handle, "wb") as stream:
            if status is not None:
                _copy_ownership(stream.fileno(), status)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, IsADirectoryError):
            raise DocumentFileError(f"{name}: is a directory") from None
        if isinstance(exc, OSError):
            raise DocumentFileError(f"{name}: cannot be written ({_reason(exc)})") from None
        raise
    _fsync_directory(directory)


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


def _temporary_file(name: str, target: Path, status: os.stat_result | None) -> tuple[int, str]:
    """A new hidden file beside ``target``, open for writing: its descriptor and its path.

    For a new target it is created with mode ``0o666``, so the kernel applies the umask (and
    any default ACL) exactly as it would to the target itself; when it replaces an existing
    file it starts private (``0o600``) and takes that file's mode in :func:`_copy_ownership`.
    """
    mode = 0o666 if status is None else 0o600
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = os.path.join(target.parent, f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(temporary, flags, mode), temporary
        except FileExistsError:
            continue
        except (FileNotFoundError, NotADirectoryError):
            raise DocumentFileError(f"{name}: the directory does not exist") from None
        except OSError as exc:
            raise DocumentFileError(f"{name}: cannot write here ({_reason(exc)})") from None
    raise DocumentFileError(f"{name}: cannot write here (no free temporary name)")


def _copy_ownership(fd: int, status: os.stat_result) -> None:
    """Give the open file ``fd`` the owner, group and permission bits of ``status``.

    Owner and group are set where permitted (the owner only by a privileged process; the group
    by one that belongs to it) and silently kept otherwise; the mode is set last, because a
    change of owner clears the set-user-id and set-group-id bits.
    """
    if hasattr(os, "fchown"):
        try:
            os.fchown(fd, status.st_uid, status.st_gid)
        except OSError:
            with suppress(OSError):
                os.fchown(fd, -1, status.st_gid)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(status.st_mode))


_DESCRIPTOR_PATH = re.compile(r"/dev/(?:fd/(\d+)|(stdout|stderr))|/proc/self/fd/(\d+)")


def _open_descriptor(name: str) -> int | None:
    """The descriptor that ``/dev/stdout``, ``/dev/stderr``, ``/dev/fd/N`` or
    ``/proc/self/fd/N`` names, when it is open in this process; ``None`` for any other path.

    Writing to the descriptor itself keeps what its opener chose (a shell's ``>>`` appends);
    opening the path anew would start at the beginning of the file, and replacing it would
    swap the file out from under the shell.
    """
    match = _DESCRIPTOR_PATH.fullmatch(os.path.normpath(name))
    if match is None:
        return None
    number, stream, own = match.groups()
    fd = {"stdout": 1, "stderr": 2}[stream] if stream else int(number or own)
    try:
        os.fstat(fd)
    except OSError:
        return None
    return fd


def _write_descriptor(name: str, fd: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise DocumentFileError(f"{name}: cannot be written ({_reason(exc)})") from None


def _write_through(name: str, data: bytes) -> None:
    """Write ``data`` into something that is not a regular file, such as a device or a pipe."""
    try:
        fd = os.open(name, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DocumentFileError(f"{name}: cannot be written ({_reason(exc)})") from None
    try:
        _write_descriptor(name, fd, data)
    finally:
        os.close(fd)


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
