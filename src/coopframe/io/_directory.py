"""Finding the roadmap and agreement files of a directory: :func:`find_documents`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coopframe._checks import check_bool, check_path
from coopframe._text import visible
from coopframe.exceptions import DocumentFileError
from coopframe.io._formats import format_for_path


def find_documents(path: str | os.PathLike[str], *, recursive: bool = False) -> list[Path]:
    """The roadmap and agreement files of a directory, sorted.

    Files whose suffix names a registered document format (``.yaml``, ``.yml``, ``.json``,
    ``.toml``, any case, in any mix, and those of formats added with :func:`register_format`);
    files and folders whose name starts with a dot are skipped, and so is anything that is not a
    regular file (FIFOs, devices, sockets, symbolic links that lead nowhere or loop), so that
    listing never blocks. Nothing is read: pass the list to
    :func:`coopframe.analysis.iter_evaluate` or :func:`coopframe.analysis.evaluate_many`, which
    report unreadable files.

    Parameters
    ----------
    path
        The directory.
    recursive
        Also list the files of its subdirectories (symbolic links to directories are not
        followed).

    Returns
    -------
    list of Path
        Sorted by their path relative to ``path``; empty for a directory with no such file.

    Raises
    ------
    DocumentFileError
        ``path`` does not exist, is not a directory, or cannot be read (no permission, a path
        too long), or one of the subdirectories listed cannot be.

    Examples
    --------
    >>> folder = cf.datasets.path("bolivia-peru-2021-2022").parent
    >>> [p.name for p in cf.io.find_documents(folder)]
    ['bolivia-peru-2021-2022.yaml', 'bolivia-peru-2025-2026.yaml', 'bolivia-peru-framework.yaml']
    """
    check_path("path", path, "find_documents")
    check_bool("recursive", recursive, "find_documents")
    root = Path(path)
    try:
        is_dir = stat.S_ISDIR(root.stat().st_mode)
    except FileNotFoundError:
        raise DocumentFileError(f"{_shown(root)}: no such directory") from None
    except OSError as exc:
        raise DocumentFileError(f"{_shown(root)}: cannot read it ({_reason(exc)})") from None
    if not is_dir:
        raise DocumentFileError(f"{_shown(root)}: is a file, not a directory")
    found: list[tuple[str, Path]] = []
    folders: list[tuple[Path, tuple[str, ...]]] = [(root, ())]
    while folders:
        folder, parts = folders.pop()
        for entry in _entries(folder):
            if entry.name.startswith("."):
                continue
            relative = (*parts, entry.name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    if recursive:
                        folders.append((folder / entry.name, relative))
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue  # a symbolic link that leads nowhere or loops: not a roadmap file
            candidate = folder / entry.name
            try:
                format_for_path(candidate)
            except DocumentFileError:
                continue
            found.append(("/".join(relative), candidate))
    return [candidate for _, candidate in sorted(found)]


def _shown(path: Path) -> str:
    """A path for a message: hidden characters spelt out, a very long one shortened."""
    text = visible(os.fspath(path), one_line=True)
    return text if len(text) <= 240 else f"{text[:120]}...{text[-100:]}"


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of one folder, or a DocumentFileError saying why it cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as exc:
        raise DocumentFileError(
            f"{_shown(folder)}: cannot list this directory ({_reason(exc)})"
        ) from None
