"""Where a command's output goes: standard output or a file; broken pipes; progress."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from coopframe._text import visible
from coopframe._util import write_atomically
from coopframe.cli._inputs import _INPUTS, _refuse_to_overwrite_input
from coopframe.exceptions import DocumentFileError

_T = TypeVar("_T")


def _emit(text: str | bytes, output: Path | None) -> None:
    """Write a report to standard output, or to ``output`` (see :func:`write_atomically`).

    On a terminal, hidden and control characters are spelt out. A write error on standard
    output (a full disk) is an error with status 1; a closed pipe ends the command quietly.
    """
    if output is not None:
        context = click.get_current_context(silent=True)
        if context is not None:
            _refuse_to_overwrite_input(output, context.meta.get(_INPUTS, []))
        data = text.encode("utf-8") if isinstance(text, str) else text
        write_atomically(output, data)
        return
    stream = sys.stdout.buffer
    if _is_terminal(sys.stdout):
        shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
        data = visible(shown).encode("utf-8")
    else:
        data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        stream.write(data)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        _silence_standard_streams(errors_too=False)
        raise DocumentFileError(
            f"standard output: cannot be written ({exc.strerror or exc})"
        ) from None


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError):
        return False


def _silence_standard_streams(*, errors_too: bool = True) -> None:
    """Point standard output (and error) at the null device, so that what is still buffered
    for a closed pipe or a full disk is dropped at exit instead of raising there."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        for stream in (sys.stdout, sys.stderr) if errors_too else (sys.stdout,):
            try:
                os.dup2(null, stream.fileno())
            except (OSError, ValueError, AttributeError):
                continue
    finally:
        os.close(null)


_BROKEN_PIPE_STATUS = 128 + int(getattr(signal, "SIGPIPE", 13))


@contextmanager
def _progress(items: Sequence[_T], label: str) -> Iterator[Iterable[_T]]:
    """A progress bar on standard error, only when it is a terminal and there is a lot to do."""
    if len(items) > 1 and sys.stderr.isatty():
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield bar
    else:
        yield items
