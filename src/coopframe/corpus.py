"""Evaluate and rank many roadmaps: from two to thousands, serially or on a pool of workers.

:func:`iter_evaluate` streams one :class:`Outcome` per roadmap, in input order; a file that
cannot be read, parsed or validated becomes a failed outcome carrying its problems, and the run
goes on. :func:`evaluate_many` collects the outcomes in a :class:`Batch` (records, a pandas
frame). :func:`load_directory` lists the roadmap files of a folder.

:func:`rank` orders the roadmaps by a profile's composite score, and :func:`rank_robustness`
tells whether that order is a property of the roadmaps or an artefact of the weights: it draws
many weightings around the profile and reports how far each roadmap's rank moves.

Items and sources
-----------------
An item is a :class:`~coopframe.model.Roadmap`, an :class:`~coopframe.model.Agreement`, or the
path of a ``.yaml``/``.yml``/``.json``/``.toml`` file holding either. An agreement is evaluated
roadmap by roadmap: each of its roadmaps gives one outcome, in the agreement's order, with the
source ``"file.yaml#roadmap-id"`` (``"agreement-id#roadmap-id"`` for an object), and an agreement
without roadmaps gives one failed outcome (error kind ``"EmptyAgreement"``). A roadmap object's
source is its id; a file's source is its path as given.

Parallel runs
-------------
``executor`` takes any :class:`concurrent.futures.Executor`: a
:class:`~concurrent.futures.ProcessPoolExecutor`, or a Dask cluster through
``distributed.Client(...).get_executor()`` (the ``dask`` extra). Items are sent in batches, each
evaluated by one task; paths are sent as paths, so workers read the files themselves. A few
batches are in flight at a time, so memory stays bounded however long the input, and outcomes
come back in input order. The results are those of the serial run, whatever the executor, as
long as the workers know the same scorers: a scorer registered at run time exists in workers
that were forked after it was registered, not in spawned ones or on a Dask cluster.

A task that fails as a whole (a lost Dask worker, an executor that refuses tasks) makes a
failed outcome, error kind ``"WorkerError"``, for each item of its batch, and the run goes on
(with ``on_error="raise"``, the executor's error is raised). A
:class:`~concurrent.futures.ProcessPoolExecutor` whose worker died is broken for good, so the
run replaces it with a new pool made alike (and shut down at the end of the run): the batch
that was waiting is run again alone, then in halves, each alone, down to the one item that
kills its worker, which alone fails (``"WorkerError"``); every other batch the broken pool lost
is run again. One crashing item costs one result. A Dask cluster replaces a lost worker and
retries the task elsewhere before giving up on that batch only.

With ``timeout``, an item that takes longer becomes a failed outcome, error kind
``"Timeout"``. While a run uses a process pool from the main thread, SIGTERM (left to its
default action) first kills the pool's workers, then ends the process as it would have; and a
pool's worker that has run a task exits when the process that started it dies, SIGKILL
included, so a terminated run leaves no worker behind.
"""

from __future__ import annotations

import array
import math
import multiprocessing
import operator
import os
import random
import signal
import stat
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from types import FrameType
from typing import IO, Any, Literal, TypeAlias

import attrs

from coopframe._optional import require
from coopframe._text import visible
from coopframe._util import json_float
from coopframe.exceptions import (
    DocumentFileError,
    InvalidDocumentError,
    InvalidParameterError,
    Problem,
)
from coopframe.io import format_for_path, load
from coopframe.model import Agreement, Roadmap
from coopframe.scoring import (
    PROFILES,
    Evaluation,
    Profile,
    composite,
    evaluate,
    get_profile,
    rating_band,
)
from coopframe.scoring._common import check_bool

__all__ = [
    "MAX_SAMPLES",
    "Batch",
    "Item",
    "Outcome",
    "RankEntry",
    "RankStability",
    "Ranking",
    "Robustness",
    "evaluate_many",
    "iter_evaluate",
    "load_directory",
    "rank",
    "rank_robustness",
]

Item: TypeAlias = Roadmap | Agreement | str | os.PathLike[str]
"""What :func:`iter_evaluate` takes: a roadmap, an agreement, or the path of a file of either."""

OnError: TypeAlias = Literal["collect", "raise"]

_MAX_BATCH = 32
"""Largest default batch: about 0.1 s of work for 50-activity roadmaps, far above task overhead."""
_UNSIZED_BATCH = 16
"""Default batch when the number of items is not known in advance."""


# ---------------------------------------------------------------------------------------------
# Outcomes


@attrs.frozen(kw_only=True)
class Outcome:
    """The evaluation of one roadmap of a run, or why there is none.

    Attributes
    ----------
    index
        Position of the item in the input (0-based). The roadmaps of one agreement share it.
    source
        Where the roadmap came from: the file's path as given, a roadmap's id, or
        ``"file.yaml#roadmap-id"`` for a roadmap of an agreement.
    evaluation
        The evaluation; ``None`` when the item failed.
    problems
        What is wrong with a failed item, each with its path in the document; empty on success.
    error_kind
        The kind of failure (``"InvalidDocumentError"``, ``"DocumentSyntaxError"``,
        ``"DocumentFileError"``, ``"EmptyAgreement"``, ``"WorkerError"``, ``"Timeout"``, or the
        name of an unexpected exception); ``None`` on success.
    error
        The failure's message; ``None`` on success.

    Examples
    --------
    >>> road = cf.datasets.load("bolivia-peru-2025-2026")
    >>> outcome = next(cf.corpus.iter_evaluate([road, "missing.yaml"], progress=False))
    >>> outcome.ok, outcome.source
    (True, 'bolivia-peru-2025-2026')
    """

    index: int
    source: str
    evaluation: Evaluation | None
    problems: tuple[Problem, ...] = ()
    error_kind: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the roadmap was evaluated."""
        return self.evaluation is not None

    @property
    def roadmap_id(self) -> str | None:
        """The evaluated roadmap's id; ``None`` for a failure."""
        return None if self.evaluation is None else self.evaluation.roadmap_id

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the evaluation's own :meth:`~Evaluation.to_dict`, or the failure."""
        return {
            "index": self.index,
            "source": self.source,
            "ok": self.ok,
            "roadmap_id": self.roadmap_id,
            "error_kind": self.error_kind,
            "error": self.error,
            "problems": [{"path": p.path, "message": p.message} for p in self.problems],
            "evaluation": None if self.evaluation is None else self.evaluation.to_dict(),
        }


def _failure(index: int, source: str, exc: BaseException) -> Outcome:
    problems = exc.problems if isinstance(exc, InvalidDocumentError) else (Problem("", str(exc)),)
    return Outcome(
        index=index,
        source=source,
        evaluation=None,
        problems=problems,
        error_kind=type(exc).__name__,
        error=str(exc),
    )


def _worker_failure(index: int, source: str, exc: BaseException) -> Outcome:
    reason = str(exc) or "no message"
    message = f"{source}: not evaluated: the task failed ({type(exc).__name__}: {reason})"
    return Outcome(
        index=index,
        source=source,
        evaluation=None,
        problems=(Problem("", message),),
        error_kind="WorkerError",
        error=message,
    )


def _source_of(item: Item) -> str:
    if isinstance(item, Roadmap | Agreement):
        return item.id
    return os.fspath(item)


class _ItemTimeout(BaseException):
    """An item's time is up. A BaseException, so that no ``except Exception`` swallows it."""


def _timeout_message(source: str, timeout: float) -> str:
    return (
        f"{source}: not evaluated: it took longer than the {timeout:g} s allowed per item "
        "(the 'timeout' option)"
    )


def _timeout_failure(index: int, source: str, timeout: float) -> Outcome:
    message = _timeout_message(source, timeout)
    return Outcome(
        index=index,
        source=source,
        evaluation=None,
        problems=(Problem("", message),),
        error_kind="Timeout",
        error=message,
    )


def _alarm_is_free() -> bool:
    """Whether this thread may time a call with SIGALRM: the main thread, no alarm in use."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )


def _expire(signum: int, frame: FrameType | None) -> None:
    raise _ItemTimeout


def _within(timeout: float | None, call: Callable[[], list[Outcome]]) -> list[Outcome]:
    """``call()``, or :class:`_ItemTimeout` once it has run for ``timeout`` seconds.

    In a main thread (this process's, or a worker process's) an interval timer interrupts the
    call itself. Elsewhere the call runs in a helper thread that is given up on when late: it
    cannot be stopped, and ends on its own.
    """
    if timeout is None:
        return call()
    if _alarm_is_free():
        previous = signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            return call()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    box: list[tuple[bool, Any]] = []

    def target() -> None:
        try:
            box.append((True, call()))
        except BaseException as exc:
            box.append((False, exc))

    helper = threading.Thread(target=target, name="coopframe-item", daemon=True)
    helper.start()
    helper.join(timeout)
    if not box:
        raise _ItemTimeout
    done, value = box[0]
    if done:
        return list(value)
    raise value


def _evaluate_item(
    index: int, item: Item, profile: Profile, raise_errors: bool, timeout: float | None = None
) -> list[Outcome]:
    """The outcomes of one item: one per roadmap, or one failure (a timeout among them)."""
    source = _source_of(item)
    try:
        return _within(timeout, lambda: _outcomes_of(index, source, item, profile, raise_errors))
    except _ItemTimeout:
        assert timeout is not None
        if raise_errors:
            raise TimeoutError(_timeout_message(source, timeout)) from None
        return [_timeout_failure(index, source, timeout)]


def _outcomes_of(
    index: int, source: str, item: Item, profile: Profile, raise_errors: bool
) -> list[Outcome]:
    try:
        document = item if isinstance(item, Roadmap | Agreement) else load(item)
        if isinstance(document, Roadmap):
            return [
                Outcome(index=index, source=source, evaluation=evaluate(document, profile=profile))
            ]
        if not document.roadmaps:
            message = f"{source}: the agreement {document.id!r} has no roadmap to evaluate"
            if raise_errors:
                raise InvalidDocumentError(
                    [Problem("roadmaps", "no roadmap to evaluate")], source=source
                )
            return [
                Outcome(
                    index=index,
                    source=source,
                    evaluation=None,
                    problems=(Problem("roadmaps", "no roadmap to evaluate"),),
                    error_kind="EmptyAgreement",
                    error=message,
                )
            ]
        return [
            Outcome(
                index=index,
                source=f"{source}#{roadmap.id}",
                evaluation=evaluate(roadmap, profile=profile),
            )
            for roadmap in document.roadmaps
        ]
    except Exception as exc:
        if raise_errors:
            raise
        return [_failure(index, source, exc)]


_WATCH_INTERVAL = 0.2
"""How often, in seconds, a worker process checks that the process that started it lives."""
_watched_pid: list[int] = []


def _watch_parent() -> None:
    """In a worker process, once: exit as soon as the process that started it has died.

    A worker left behind by a parent that was killed would otherwise wait for tasks forever.
    Only a process started by :mod:`multiprocessing` and running this task in its main thread
    is watched (a process pool's worker), never the caller's own process.
    """
    parent = multiprocessing.parent_process()
    if (
        parent is None
        or threading.current_thread() is not threading.main_thread()
        or _watched_pid == [os.getpid()]
    ):
        return
    _watched_pid[:] = [os.getpid()]
    expected = parent.pid

    def watch() -> None:
        while os.getppid() == expected:
            time.sleep(_WATCH_INTERVAL)
        os._exit(1)

    threading.Thread(target=watch, name="coopframe-parent-watch", daemon=True).start()


def _evaluate_batch(
    batch: Sequence[tuple[int, Item]],
    profile: Profile,
    raise_errors: bool,
    timeout: float | None = None,
) -> list[Outcome]:
    """One task: evaluate a batch of items. Top level, so that every executor can pickle it."""
    _watch_parent()
    outcomes: list[Outcome] = []
    for index, item in batch:
        outcomes.extend(_evaluate_item(index, item, profile, raise_errors, timeout))
    return outcomes


# ---------------------------------------------------------------------------------------------
# Progress


class _Progress:
    """A one-line progress bar on stderr, drawn at most every ``interval`` seconds.

    ``enabled=None`` draws only on a terminal and only once the run has lasted ``delay``
    seconds; ``True`` draws from the start, terminal or not; ``False`` never draws.
    """

    def __init__(
        self,
        *,
        total: int | None,
        enabled: bool | None,
        stream: IO[str] | None = None,
        interval: float = 0.25,
        delay: float = 1.0,
    ) -> None:
        self.stream: IO[str] = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            self.enabled = bool(isatty is not None and isatty())
            self.delay = delay
        else:
            self.enabled = enabled
            self.delay = 0.0
        self.total = total
        self.interval = interval
        self.done = 0
        self.start = time.monotonic()
        self.last_draw: float | None = None

    def advance(self, count: int) -> None:
        self.done += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay:
            return
        if self.last_draw is not None and now - self.last_draw < self.interval:
            return
        self._draw(now)

    def close(self) -> None:
        if self.enabled and self.last_draw is not None:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, now: float) -> None:
        self.last_draw = now
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            share = min(1.0, self.done / self.total)
            filled = int(share * 24)
            left = (self.total - self.done) / rate if rate > 0 else math.inf
            eta = f", {left:.0f} s left" if math.isfinite(left) else ""
            line = (
                f"evaluating [{'#' * filled}{'-' * (24 - filled)}] {self.done:,}/{self.total:,} "
                f"({share:.0%}), {rate:,.0f}/s{eta}"
            )
        else:
            line = f"evaluating {self.done:,} items, {rate:,.0f}/s"
        self.stream.write(f"\r{line}\033[K")
        self.stream.flush()


# ---------------------------------------------------------------------------------------------
# Running


def _check_options(
    function: str,
    *,
    on_error: object,
    batch_size: object,
    progress: object,
    executor: object,
    timeout: object = None,
) -> None:
    if timeout is not None and (
        not isinstance(timeout, int | float)
        or isinstance(timeout, bool)
        or not math.isfinite(timeout)
        or timeout <= 0
    ):
        raise InvalidParameterError(
            f"The 'timeout' parameter of {function} must be a finite number of seconds > 0 or "
            f"None. Got {timeout!r} instead."
        )
    if on_error not in ("collect", "raise"):
        raise InvalidParameterError(
            f"The 'on_error' parameter of {function} must be 'collect' or 'raise'. "
            f"Got {on_error!r} instead."
        )
    if batch_size is not None and (
        not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1
    ):
        raise InvalidParameterError(
            f"The 'batch_size' parameter of {function} must be a whole number >= 1 or None. "
            f"Got {batch_size!r} instead."
        )
    if progress is not None and not isinstance(progress, bool):
        raise InvalidParameterError(
            f"The 'progress' parameter of {function} must be True, False or None. "
            f"Got {progress!r} instead."
        )
    if executor is not None and not isinstance(executor, Executor):
        raise InvalidParameterError(
            f"The 'executor' parameter of {function} must be a concurrent.futures.Executor or "
            f"None. Got {type(executor).__name__} instead."
        )


def _checked_items(items: Iterable[object], function: str) -> Iterator[tuple[int, Item]]:
    for index, item in enumerate(items):
        if not isinstance(item, Roadmap | Agreement | str | os.PathLike):
            raise InvalidParameterError(
                f"The 'items' parameter of {function} must hold roadmaps, agreements or paths of "
                f"roadmap files. Got {type(item).__name__} at position {index} instead."
            )
        yield index, item if isinstance(item, Roadmap | Agreement | str) else os.fspath(item)


def _worker_count(executor: Executor) -> int:
    """How many tasks the executor runs at once, as far as it tells; the CPU count otherwise."""
    count = getattr(executor, "_max_workers", None)
    if isinstance(count, int) and count > 0:
        return count
    client = getattr(executor, "_client", None)
    if client is not None:
        try:
            threads = sum(client.nthreads().values())
        except Exception:
            threads = 0
        if threads > 0:
            return int(threads)
    return os.cpu_count() or 1


def _default_batch_size(total: int | None, workers: int) -> int:
    if total is None:
        return _UNSIZED_BATCH
    return max(1, min(_MAX_BATCH, math.ceil(total / (4 * workers))))


def iter_evaluate(
    items: Iterable[Item],
    *,
    profile: Profile | str | None = None,
    executor: Executor | None = None,
    on_error: OnError = "collect",
    batch_size: int | None = None,
    progress: bool | None = None,
    timeout: float | None = None,
) -> Iterator[Outcome]:
    """Evaluate many roadmaps, yielding one :class:`Outcome` per roadmap in input order.

    Parameters
    ----------
    items
        Roadmaps, agreements, or paths of ``.yaml``/``.yml``/``.json``/``.toml`` files (any
        mix); any iterable, consumed lazily. An agreement gives one outcome per roadmap.
    profile
        The composite's weights (see :func:`coopframe.evaluate`); ``None`` for ``"balanced"``.
    executor
        Where to evaluate: ``None`` for this process, or any
        :class:`concurrent.futures.Executor` (a process pool, a Dask client's
        ``get_executor()``). The outcomes are the same either way.
    on_error
        ``"collect"`` (default): a failing item (a file that cannot be read, parsed or
        validated, or any error while evaluating it) becomes a failed outcome and the run goes
        on. ``"raise"``: the first error is raised, and the rest of the run is cancelled.
    batch_size
        Items per task with an executor; by default enough for a few batches per worker, at
        most 32 (16 when ``items`` has no length). Ignored without an executor.
    progress
        A progress bar on stderr: ``None`` (default) shows it on a terminal once a run has
        lasted a second; ``True`` always; ``False`` never.
    timeout
        The most seconds one item may take, reading its file included; ``None`` (default) for
        no limit. An item that takes longer becomes a failed outcome, error kind
        ``"Timeout"`` (with ``on_error="raise"``, a :class:`TimeoutError`), and the run goes
        on. In the main thread of a process (a serial run, a process pool's worker) the
        evaluation itself is interrupted; elsewhere (a thread pool, Dask threads) it is given
        up on and finishes in the background. A process pool's task that outlasts twice its
        items' allowance, 5 s more, is stopped by replacing the pool, as for a dead worker.

    Yields
    ------
    Outcome
        In input order; the roadmaps of an agreement in the agreement's order.

    Raises
    ------
    InvalidParameterError, UnknownNameError
        A bad option or profile, or an item that is neither a roadmap, an agreement nor a path
        (raised when the iteration reaches it).
    CoopframeError
        With ``on_error="raise"``, the first item's error (a missing file, bad syntax, an
        invalid document), or the executor's own error (such as ``BrokenProcessPool``).
    TimeoutError
        With ``on_error="raise"`` and a ``timeout``, the first item that took too long.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(3, n_activities=10, seed=1)
    >>> for outcome in cf.corpus.iter_evaluate([*roads, "nowhere.json"], progress=False):
    ...     print(outcome.index, outcome.ok, outcome.error_kind)
    0 True None
    1 True None
    2 True None
    3 False DocumentFileError
    """
    _check_options(
        "iter_evaluate",
        on_error=on_error,
        batch_size=batch_size,
        progress=progress,
        executor=executor,
        timeout=timeout,
    )
    chosen = get_profile(profile)
    chosen.check()
    total = len(items) if isinstance(items, Sized) else None
    return _run(
        _checked_items(items, "iter_evaluate"),
        profile=chosen,
        executor=executor,
        raise_errors=on_error == "raise",
        batch_size=batch_size,
        bar=_Progress(total=total, enabled=progress),
        timeout=None if timeout is None else float(timeout),
    )


def _run(
    items: Iterator[tuple[int, Item]],
    *,
    profile: Profile,
    executor: Executor | None,
    raise_errors: bool,
    batch_size: int | None,
    bar: _Progress,
    timeout: float | None,
) -> Iterator[Outcome]:
    try:
        if executor is None:
            for index, item in items:
                yield from _evaluate_item(index, item, profile, raise_errors, timeout)
                bar.advance(1)
        else:
            workers = _worker_count(executor)
            size = batch_size or _default_batch_size(bar.total, workers)
            runner = _Runner(executor, profile, raise_errors, timeout)
            yield from runner.run(items, size=size, window=3 * workers, bar=bar)
    finally:
        bar.close()


def _chunks(items: Iterator[tuple[int, Item]], size: int) -> Iterator[list[tuple[int, Item]]]:
    chunk: list[tuple[int, Item]] = []
    for entry in items:
        chunk.append(entry)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_Batch: TypeAlias = list[tuple[int, Item]]
_Pending: TypeAlias = tuple[_Batch, "Future[list[Outcome]] | BaseException"]

_GRACE = 5.0
"""Seconds a process pool's task may run past twice its items' timeouts before it is stopped."""


class _TaskTimeout(Exception):
    """A process pool's task outlasted its allowance; the pool's workers were killed."""


def _kill_workers(pool: Executor) -> None:
    """Kill the worker processes of a process pool (which breaks it)."""
    processes = getattr(pool, "_processes", None) or {}
    try:
        workers = list(processes.values())
    except RuntimeError:  # changed size while being copied: the pool is starting a worker
        workers = list(processes.values())
    for process in workers:
        try:
            process.kill()
        except (OSError, ValueError, AttributeError):
            continue


def _like(pool: ProcessPoolExecutor) -> ProcessPoolExecutor:
    """A new process pool made as ``pool`` was."""
    return ProcessPoolExecutor(
        max_workers=getattr(pool, "_max_workers", None),
        mp_context=getattr(pool, "_mp_context", None),
        initializer=getattr(pool, "_initializer", None),
        initargs=getattr(pool, "_initargs", ()),
        max_tasks_per_child=getattr(pool, "_max_tasks_per_child", None),
    )


class _Runner:
    """Batches in flight on an executor, with what a process pool needs besides.

    A process pool whose worker died is broken for good: the runner replaces it with a new
    pool of its own making, reruns the batch that was waiting in halves, each alone, down to
    the one item that kills its worker, and resubmits every other batch the broken pool lost.
    While it uses process pools in the main thread, SIGTERM (if left to its default action)
    first kills their workers, then ends the process as it would have.
    """

    def __init__(
        self, executor: Executor, profile: Profile, raise_errors: bool, timeout: float | None
    ) -> None:
        self.executor = executor
        self.profile = profile
        self.raise_errors = raise_errors
        self.timeout = timeout
        self.replacements: list[ProcessPoolExecutor] = []
        self.broken: BaseException | None = None
        self.pid = os.getpid()
        self.guarding = False

    # -- signals

    def _on_sigterm(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() == self.pid:
            for pool in [self.executor, *self.replacements]:
                if isinstance(pool, ProcessPoolExecutor):
                    _kill_workers(pool)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)

    def _guard(self) -> None:
        if (
            isinstance(self.executor, ProcessPoolExecutor)
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        ):
            signal.signal(signal.SIGTERM, self._on_sigterm)
            self.guarding = True

    def _unguard(self) -> None:
        if self.guarding and signal.getsignal(signal.SIGTERM) == self._on_sigterm:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        self.guarding = False

    # -- tasks

    def _renewable(self, error: BaseException) -> bool:
        return (
            not self.raise_errors
            and isinstance(self.executor, ProcessPoolExecutor)
            and isinstance(error, BrokenExecutor | _TaskTimeout)
        )

    def _renew(self) -> None:
        old = self.executor
        assert isinstance(old, ProcessPoolExecutor)
        if old in self.replacements:
            _kill_workers(old)
            old.shutdown(wait=False, cancel_futures=True)
        self.executor = _like(old)
        self.replacements.append(self.executor)

    def submit(self, batch: _Batch) -> Future[list[Outcome]] | BaseException:
        if self.broken is not None:
            return self.broken
        for _ in range(2):
            try:
                return self.executor.submit(
                    _evaluate_batch, batch, self.profile, self.raise_errors, self.timeout
                )
            except Exception as exc:
                if self.raise_errors:
                    raise
                if not self._renewable(exc):
                    self.broken = exc
                    return exc
                self._renew()
        return self.broken or RuntimeError("the process pool could not be replaced")

    def _result(self, future: Future[list[Outcome]] | BaseException, count: int) -> list[Outcome]:
        """The batch's outcomes, or the executor's error raised."""
        if isinstance(future, BaseException):
            raise future
        if self.timeout is None or not isinstance(self.executor, ProcessPoolExecutor):
            return future.result()
        try:
            return future.result(timeout=2 * self.timeout * count + _GRACE)
        except FutureTimeout:
            if self.raise_errors:
                raise TimeoutError(
                    f"a task of {count} item(s) took longer than the 'timeout' allows"
                ) from None
            _kill_workers(self.executor)
            raise _TaskTimeout from None

    def _fail(self, batch: _Batch, error: BaseException) -> list[Outcome]:
        if isinstance(error, _TaskTimeout):
            assert self.timeout is not None
            timeout = self.timeout
            return [_timeout_failure(index, _source_of(item), timeout) for index, item in batch]
        return [_worker_failure(index, _source_of(item), error) for index, item in batch]

    def _isolate(self, batch: _Batch) -> list[Outcome]:
        """Run ``batch`` alone on a fresh pool; when it breaks the pool, each half alone."""
        try:
            return self._result(self.submit(batch), len(batch))
        except Exception as exc:
            if not self._renewable(exc):
                return self._fail(batch, exc)
            self._renew()
            if len(batch) == 1:
                return self._fail(batch, exc)
        middle = len(batch) // 2
        return self._isolate(batch[:middle]) + self._isolate(batch[middle:])

    def _collect(self, pending: deque[_Pending], bar: _Progress) -> list[Outcome]:
        batch, future = pending.popleft()
        bar.advance(len(batch))
        try:
            return self._result(future, len(batch))
        except Exception as exc:
            # With on_error="collect" the task itself never raises: this is the executor's
            # failure (a dead worker, a lost Dask worker, a task that could not be sent).
            if self.raise_errors:
                raise
            if not self._renewable(exc):
                return self._fail(batch, exc)
        self._renew()
        outcomes = self._isolate(batch)
        for position, (waiting, submitted) in enumerate(pending):
            finished = (
                isinstance(submitted, Future)
                and submitted.done()
                and not submitted.cancelled()
                and submitted.exception() is None
            )
            if not finished:
                pending[position] = (waiting, self.submit(waiting))
        return outcomes

    def run(
        self, items: Iterator[tuple[int, Item]], *, size: int, window: int, bar: _Progress
    ) -> Iterator[Outcome]:
        pending: deque[_Pending] = deque()
        finished = False
        self._guard()
        try:
            for batch in _chunks(items, size):
                pending.append((batch, self.submit(batch)))
                while len(pending) >= window:
                    yield from self._collect(pending, bar)
            while pending:
                yield from self._collect(pending, bar)
            finished = True
        finally:
            for _, future in pending:
                if isinstance(future, Future):
                    future.cancel()
            for pool in self.replacements:
                if not finished:
                    _kill_workers(pool)
                pool.shutdown(wait=finished, cancel_futures=True)
            self._unguard()


@attrs.frozen(kw_only=True)
class Batch:
    """The outcomes of a run of :func:`evaluate_many`, in input order.

    Attributes
    ----------
    outcomes
        Every outcome, successes and failures, in input order.
    profile
        The profile of the composites.
    """

    outcomes: tuple[Outcome, ...]
    profile: Profile

    def __len__(self) -> int:
        return len(self.outcomes)

    def __iter__(self) -> Iterator[Outcome]:
        return iter(self.outcomes)

    @property
    def evaluations(self) -> tuple[Evaluation, ...]:
        """The evaluations of the roadmaps that were evaluated, in input order."""
        return tuple(o.evaluation for o in self.outcomes if o.evaluation is not None)

    @property
    def failures(self) -> tuple[Outcome, ...]:
        """The outcomes of the items that failed, in input order."""
        return tuple(o for o in self.outcomes if o.evaluation is None)

    def score_names(self) -> list[str]:
        """Every score name found in the evaluations, sorted."""
        names: set[str] = set()
        for evaluation in self.evaluations:
            names.update(evaluation.scores)
        return sorted(names)

    def to_records(self, *, spreadsheet_safe: bool = False) -> list[dict[str, Any]]:
        """One flat, JSON-ready dict per outcome, in input order.

        Keys, the same in every record: ``index``, ``source``, ``roadmap_id``, ``ok``, every
        score by name (sorted), ``composite``, ``band``, ``error_kind``, ``error``. Undefined
        scores, and the scores of failures, are ``None``.

        Parameters
        ----------
        spreadsheet_safe
            Make every text cell that a spreadsheet would read as a formula (one starting
            with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) plain text by putting
            a ``'`` before it, as OWASP advises for CSV files. Only text is changed, never a
            number: a negative score stays a number. Off by default, so that the records keep
            the exact text of the input; :meth:`to_frame` turns it on.

        Examples
        --------
        >>> batch = cf.corpus.evaluate_many(
        ...     [cf.datasets.load("bolivia-peru-2021-2022")], progress=False
        ... )
        >>> record = batch.to_records()[0]
        >>> record["source"], record["ok"], round(record["compliance"], 2), record["band"]
        ('bolivia-peru-2021-2022', True, 0.92, 'substantial')
        >>> odd = cf.corpus.evaluate_many(["=SUM(A1).yaml"], progress=False)
        >>> odd.to_records(spreadsheet_safe=True)[0]["source"]
        "'=SUM(A1).yaml"
        """
        check_bool("spreadsheet_safe", spreadsheet_safe, "to_records")
        names = self.score_names()
        records = []
        for outcome in self.outcomes:
            record: dict[str, Any] = {
                "index": outcome.index,
                "source": outcome.source,
                "roadmap_id": outcome.roadmap_id,
                "ok": outcome.ok,
            }
            evaluation = outcome.evaluation
            for name in names:
                value = None if evaluation is None else evaluation.scores.get(name, math.nan)
                record[name] = None if value is None else json_float(value)
            record["composite"] = (
                None if evaluation is None else json_float(evaluation.composite.value)
            )
            record["band"] = None if evaluation is None else evaluation.composite.band
            record["error_kind"] = outcome.error_kind
            record["error"] = outcome.error
            if spreadsheet_safe:
                record = {key: _cell(value) for key, value in record.items()}
            records.append(record)
        return records

    def to_frame(self, *, spreadsheet_safe: bool = True) -> Any:
        """The records as a ``pandas.DataFrame``, one row per outcome (needs the ``pandas`` extra).

        The columns are the keys of :meth:`to_records`, in the same order.

        Parameters
        ----------
        spreadsheet_safe
            As for :meth:`to_records`, but on by default: a frame is mostly written out with
            ``to_csv`` or ``to_excel``, and a source or message taken from an input file
            (``=HYPERLINK(...)``) must not become a formula there. Pass ``False`` for the
            exact text.

        Raises
        ------
        OptionalDependencyError
            pandas is not installed.

        """
        check_bool("spreadsheet_safe", spreadsheet_safe, "to_frame")
        pd = require("pandas", extra="pandas", feature="Batch.to_frame()")
        records = self.to_records(spreadsheet_safe=spreadsheet_safe)
        columns = [
            "index",
            "source",
            "roadmap_id",
            "ok",
            *self.score_names(),
            "composite",
            "band",
            "error_kind",
            "error",
        ]
        return pd.DataFrame.from_records(records, columns=columns)


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text with a ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def evaluate_many(
    items: Iterable[Item],
    *,
    profile: Profile | str | None = None,
    executor: Executor | None = None,
    on_error: OnError = "collect",
    batch_size: int | None = None,
    progress: bool | None = None,
    timeout: float | None = None,
) -> Batch:
    """Evaluate many roadmaps and collect the outcomes in a :class:`Batch`.

    Takes the options of :func:`iter_evaluate`, which it runs to the end.

    Returns
    -------
    Batch
        Every outcome in input order, with the evaluations, the failures and tables of scores.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(4, n_activities=10, seed=3)
    >>> batch = cf.corpus.evaluate_many([*roads, "missing.yaml"], progress=False)
    >>> len(batch.evaluations), [f.source for f in batch.failures]
    (4, ['missing.yaml'])
    """
    chosen = get_profile(profile)
    outcomes = iter_evaluate(
        items,
        profile=chosen,
        executor=executor,
        on_error=on_error,
        batch_size=batch_size,
        progress=progress,
        timeout=timeout,
    )
    return Batch(outcomes=tuple(outcomes), profile=chosen)


def load_directory(path: str | os.PathLike[str], *, recursive: bool = False) -> list[Path]:
    """The roadmap and agreement files of a directory, sorted.

    Files whose suffix is ``.yaml``, ``.yml``, ``.json`` or ``.toml`` (any case), in any mix;
    files and folders whose name starts with a dot are skipped, and so is anything that is not a
    regular file (FIFOs, devices, sockets, symbolic links that lead nowhere or loop), so that
    listing never blocks. Nothing is read: pass the list to :func:`iter_evaluate` or
    :func:`evaluate_many`, which report unreadable files.

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
    >>> [p.name for p in cf.corpus.load_directory(folder)]
    ['bolivia-peru-2021-2022.yaml', 'bolivia-peru-2025-2026.yaml', 'bolivia-peru-framework.yaml']
    """
    if not isinstance(path, str | os.PathLike):
        raise InvalidParameterError(
            "The 'path' parameter of load_directory must be a path. "
            f"Got {type(path).__name__} instead."
        )
    check_bool("recursive", recursive, "load_directory")
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


# ---------------------------------------------------------------------------------------------
# Ranking


@attrs.frozen(kw_only=True)
class RankEntry:
    """One roadmap's place in a :class:`Ranking`.

    Attributes
    ----------
    rank
        1 for the highest composite; ties are broken by roadmap id, then source, so ranks are
        distinct; roadmaps whose composite is undefined come last.
    roadmap_id, source
        Which roadmap, and where it came from.
    composite
        Its composite under the ranking's profile, in [0, 1] (higher is better); ``nan`` when
        no score of the profile is defined for it.
    band
        The composite's rating band.
    """

    rank: int
    roadmap_id: str
    source: str
    composite: float
    band: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "rank": self.rank,
            "roadmap_id": self.roadmap_id,
            "source": self.source,
            "composite": json_float(self.composite),
            "band": self.band,
        }


@attrs.frozen(kw_only=True)
class Ranking:
    """Roadmaps ordered by a profile's composite score.

    Attributes
    ----------
    profile
        The profile whose composite orders the roadmaps.
    entries
        One per roadmap, best first.
    failures
        The sources of failed outcomes, which have no rank, sorted.
    """

    profile: Profile
    entries: tuple[RankEntry, ...]
    failures: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def ids(self) -> tuple[str, ...]:
        """The roadmap ids, best first."""
        return tuple(entry.roadmap_id for entry in self.entries)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and deterministic."""
        return {
            "profile": self.profile.to_dict(),
            "ranking": [entry.to_dict() for entry in self.entries],
            "failures": list(self.failures),
        }

    def summary(self, *, limit: int | None = 20) -> str:
        """A text table of the ranking, the first ``limit`` roadmaps (all with ``None``).

        Examples
        --------
        >>> roads = [cf.datasets.load("bolivia-peru-2021-2022"),
        ...          cf.datasets.load("bolivia-peru-2025-2026")]
        >>> print(cf.corpus.rank(cf.corpus.evaluate_many(roads, progress=False)).summary())
        Ranking of 2 roadmaps under profile 'balanced' (higher composite is better)
         rank  composite  band         roadmap
            1  ...  bolivia-peru-2021-2022
            2  ...  bolivia-peru-2025-2026
        """
        _check_limit(limit, "Ranking.summary")
        count = len(self.entries)
        lines = [
            f"Ranking of {count} roadmap{'s' if count != 1 else ''} under profile "
            f"{self.profile.name!r} (higher composite is better)",
            " rank  composite  band         roadmap",
        ]
        shown = self.entries if limit is None else self.entries[:limit]
        for entry in shown:
            lines.append(
                f"{entry.rank:>5}  {_fmt(entry.composite):>9}  {entry.band:<11}  "
                f"{_label(entry.roadmap_id, entry.source)}"
            )
        if len(shown) < count:
            lines.append(f"  ... {count - len(shown)} more")
        if self.failures:
            lines.append(
                f"Not ranked ({len(self.failures)} failed): {', '.join(self.failures[:10])}"
                + (", ..." if len(self.failures) > 10 else "")
            )
        return "\n".join(lines)


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.4f}"


def _label(roadmap_id: str, source: str) -> str:
    return roadmap_id if source == roadmap_id else f"{roadmap_id} ({source})"


def _check_limit(limit: object, function: str) -> None:
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 0):
        raise InvalidParameterError(
            f"The 'limit' parameter of {function} must be a whole number >= 0 or None. "
            f"Got {limit!r} instead."
        )


@attrs.frozen
class _Scored:
    roadmap_id: str
    source: str
    scores: Mapping[str, float]


def _gather(
    results: object, profile: Profile | str | None, function: str
) -> tuple[Profile, list[_Scored], tuple[str, ...]]:
    """The profile to rank under, the evaluated roadmaps, and the failed sources."""
    if isinstance(results, Batch):
        entries: Iterable[object] = results.outcomes
        default: Profile | None = results.profile
    elif isinstance(results, Iterable) and not isinstance(results, str | bytes | Mapping):
        entries = results
        default = None
    else:
        raise InvalidParameterError(
            f"The 'results' parameter of {function} must be a Batch or an iterable of "
            f"evaluations or outcomes. Got {type(results).__name__} instead."
        )
    scored: list[_Scored] = []
    failures: list[str] = []
    profiles_seen: set[str] = set()
    for entry in entries:
        if isinstance(entry, Outcome):
            if entry.evaluation is None:
                failures.append(entry.source)
                continue
            evaluation, source = entry.evaluation, entry.source
        elif isinstance(entry, Evaluation):
            evaluation, source = entry, entry.roadmap_id
        else:
            raise InvalidParameterError(
                f"The 'results' parameter of {function} must hold evaluations or outcomes. "
                f"Got {type(entry).__name__} instead."
            )
        profiles_seen.add(evaluation.composite.profile)
        scored.append(_Scored(evaluation.roadmap_id, source, evaluation.scores))
    if profile is not None:
        chosen = get_profile(profile)
    elif default is not None:
        chosen = default
    elif len(profiles_seen) > 1 or (profiles_seen and not profiles_seen <= set(PROFILES)):
        raise InvalidParameterError(
            f"The 'profile' parameter of {function} is needed when the evaluations were not all "
            "made under one built-in profile. Got None for evaluations made under "
            f"{sorted(profiles_seen)} instead."
        )
    else:
        chosen = get_profile(next(iter(profiles_seen), None))
    for item in scored:
        missing = sorted(set(chosen.weights) - set(item.scores))
        if missing:
            raise InvalidParameterError(
                f"The 'profile' parameter of {function} must weigh scores the evaluations have. "
                f"Got {chosen.name!r}, whose {missing} {item.source!r} lacks, instead."
            )
    return chosen, scored, tuple(sorted(failures))


def _order_key(value: float, roadmap_id: str, source: str) -> tuple[bool, float, str, str]:
    undefined = math.isnan(value)
    return (undefined, 0.0 if undefined else -value, roadmap_id, source)


def rank(
    results: Batch | Iterable[Evaluation | Outcome], *, profile: Profile | str | None = None
) -> Ranking:
    """Order roadmaps by a profile's composite score, best first.

    Parameters
    ----------
    results
        A :class:`Batch`, or evaluations or outcomes (failed outcomes are listed as failures,
        not ranked).
    profile
        The profile whose composite orders the roadmaps, recomputed from each evaluation's
        scores. ``None``: the batch's profile, or the built-in profile the evaluations were
        made under.

    Returns
    -------
    Ranking
        Highest composite first; ties broken by roadmap id then source; undefined composites
        last. The same whatever the order of ``results``.

    Raises
    ------
    InvalidParameterError
        ``results`` holds something else, the profile weighs a score the evaluations lack, or
        ``profile`` is ``None`` for evaluations made under several or custom profiles.
    UnknownNameError
        No built-in profile has that name.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(5, n_activities=20, seed=4)
    >>> ranking = cf.corpus.rank(cf.corpus.evaluate_many(roads, progress=False))
    >>> [entry.rank for entry in ranking.entries]
    [1, 2, 3, 4, 5]
    >>> ranking.entries[0].composite >= ranking.entries[-1].composite
    True
    """
    chosen, scored, failures = _gather(results, profile, "rank")
    return _rank_scored(chosen, scored, failures)


def _rank_scored(chosen: Profile, scored: list[_Scored], failures: tuple[str, ...]) -> Ranking:
    values = [composite(item.scores, profile=chosen).value for item in scored]
    order = sorted(
        range(len(scored)),
        key=lambda j: _order_key(values[j], scored[j].roadmap_id, scored[j].source),
    )
    entries = tuple(
        RankEntry(
            rank=position + 1,
            roadmap_id=scored[j].roadmap_id,
            source=scored[j].source,
            composite=values[j],
            band=rating_band(values[j]),
        )
        for position, j in enumerate(order)
    )
    return Ranking(profile=chosen, entries=entries, failures=failures)


# ---------------------------------------------------------------------------------------------
# Robustness of a ranking to the weights


@attrs.frozen(kw_only=True)
class RankStability:
    """How one roadmap's rank moves when the profile's weights are perturbed.

    Attributes
    ----------
    rank
        Its rank under the profile itself.
    roadmap_id, source
        Which roadmap.
    composite
        Its composite under the profile.
    best, worst
        The best (lowest) and worst rank over all perturbed weightings.
    low, high
        The rank interval holding the central ``level`` share of the weightings (5th to 95th
        percentile for ``level=0.9``).
    median
        The median rank.
    top_k_share
        Share of weightings that keep it in the top ``k``, in [0, 1].
    """

    rank: int
    roadmap_id: str
    source: str
    composite: float
    best: int
    worst: int
    low: int
    high: int
    median: int
    top_k_share: float

    @property
    def robust(self) -> bool:
        """Whether the central interval is the rank itself: most weightings give this rank."""
        return self.low == self.high == self.rank

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "rank": self.rank,
            "roadmap_id": self.roadmap_id,
            "source": self.source,
            "composite": json_float(self.composite),
            "best": self.best,
            "worst": self.worst,
            "low": self.low,
            "high": self.high,
            "median": self.median,
            "top_k_share": self.top_k_share,
            "robust": self.robust,
        }


@attrs.frozen(kw_only=True)
class Robustness:
    """How a ranking holds up when the profile's weights are perturbed.

    Attributes
    ----------
    ranking
        The ranking under the profile itself.
    entries
        One :class:`RankStability` per roadmap, in the ranking's order.
    n_samples, concentration, top_k, seed, level
        The options of :func:`rank_robustness`.
    mean_spearman, min_spearman
        Spearman's rank correlation between the profile's ranking and each perturbed one, mean
        and lowest, in [-1, 1] (1 is the same order); ``nan`` with fewer than two roadmaps.
    top_k_same_set, top_k_same_order
        Share of weightings whose top ``k`` holds the same roadmaps as the profile's, and in
        the same order, in [0, 1].
    """

    ranking: Ranking
    entries: tuple[RankStability, ...]
    n_samples: int
    concentration: float
    top_k: int
    seed: int
    level: float
    mean_spearman: float
    min_spearman: float
    top_k_same_set: float
    top_k_same_order: float

    @property
    def robust_ranks(self) -> tuple[int, ...]:
        """The ranks that most weightings keep (see :attr:`RankStability.robust`)."""
        return tuple(entry.rank for entry in self.entries if entry.robust)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready and deterministic."""
        return {
            "profile": self.ranking.profile.to_dict(),
            "n_samples": self.n_samples,
            "concentration": float(self.concentration),
            "top_k": self.top_k,
            "seed": self.seed,
            "level": float(self.level),
            "mean_spearman": json_float(self.mean_spearman),
            "min_spearman": json_float(self.min_spearman),
            "top_k_same_set": self.top_k_same_set,
            "top_k_same_order": self.top_k_same_order,
            "ranks": [entry.to_dict() for entry in self.entries],
            "failures": list(self.ranking.failures),
        }

    def summary(self, *, limit: int | None = 10) -> str:
        """Which ranks are robust to the weights and which are artefacts of them, in words.

        ``limit`` caps the rows of the table (all with ``None``).

        Examples
        --------
        >>> roads = cf.synthetic.synthetic_corpus(6, n_activities=20, seed=5)
        >>> batch = cf.corpus.evaluate_many(roads, progress=False)
        >>> report = cf.corpus.rank_robustness(batch, n_samples=200)
        >>> print(report.summary())  # doctest: +ELLIPSIS
        Rank robustness of 6 roadmaps under profile 'balanced': 200 weightings drawn around it...
        """
        _check_limit(limit, "Robustness.summary")
        count = len(self.entries)
        pct = f"{self.level:.0%}"
        lines = [
            f"Rank robustness of {count} roadmap{'s' if count != 1 else ''} under profile "
            f"{self.ranking.profile.name!r}: {self.n_samples:,} weightings drawn around it "
            f"(Dirichlet, concentration {self.concentration:g}, seed {self.seed}).",
        ]
        if count == 0:
            lines.append("Nothing to rank.")
            return "\n".join(lines)
        k = min(self.top_k, count)
        if count > 1:
            lines.append(
                f"Overall: rank correlation with the profile's ranking (Spearman) "
                f"{self.mean_spearman:.3f} on average, {self.min_spearman:.3f} at worst; the top "
                f"{k} holds the same roadmaps in {self.top_k_same_set:.0%} of weightings, in the "
                f"same order in {self.top_k_same_order:.0%}."
            )
        robust = self.robust_ranks
        lines.append(
            f"Robust ranks (at least {pct} of weightings give exactly this rank): "
            + (f"{_ranges(robust)} ({len(robust)} of {count})." if robust else "none.")
        )
        fragile = [entry for entry in self.entries if not entry.robust]
        if fragile:
            lines.append(
                f"{'Every other' if robust else 'Every'} rank depends on the weights: its {pct} "
                "interval spans several places, so read the roadmaps within it as tied, not as "
                "ordered."
            )
        top = self.entries[:k]
        if all(entry.robust for entry in top):
            lines.append(f"The top {k} is robust to the weights.")
        else:
            moving = ", ".join(
                f"{entry.roadmap_id} (rank {entry.rank}, in the top {k} in "
                f"{entry.top_k_share:.0%} of weightings)"
                for entry in top
                if not entry.robust
            )
            lines.append(
                f"The order of the top {k} is partly an artefact of the weights: {moving}."
            )
        lines.append(f" rank  composite  {pct} interval    range  in top {k}  roadmap")
        shown = self.entries if limit is None else self.entries[:limit]
        for entry in shown:
            interval = f"{entry.low}-{entry.high}"
            spread = f"{entry.best}-{entry.worst}"
            mark = "  robust" if entry.robust else ""
            lines.append(
                f"{entry.rank:>5}  {_fmt(entry.composite):>9}  {interval:>12}  {spread:>7}  "
                f"{entry.top_k_share:>9.0%}  {_label(entry.roadmap_id, entry.source)}{mark}"
            )
        if len(shown) < count:
            lines.append(f"  ... {count - len(shown)} more")
        return "\n".join(lines)


def _ranges(ranks: Sequence[int]) -> str:
    """``1, 2, 3, 7`` as ``1-3, 7``."""
    parts: list[str] = []
    start = previous = ranks[0]
    for value in [*ranks[1:], None]:
        if value is not None and value == previous + 1:
            previous = value
            continue
        parts.append(str(start) if start == previous else f"{start}-{previous}")
        if value is not None:
            start = previous = value
    return ", ".join(parts)


MAX_SAMPLES = 1_000_000
"""The most weightings :func:`rank_robustness` draws (its ``n_samples``)."""


def _check_robustness_options(
    n_samples: object, concentration: object, top_k: object, seed: object, level: object
) -> None:
    function = "rank_robustness"
    for name, value in (("n_samples", n_samples), ("top_k", top_k)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise InvalidParameterError(
                f"The '{name}' parameter of {function} must be a whole number >= 1. "
                f"Got {value!r} instead."
            )
    assert isinstance(n_samples, int)
    if n_samples > MAX_SAMPLES:
        raise InvalidParameterError(
            f"The 'n_samples' parameter of {function} must be a whole number from 1 to "
            f"{MAX_SAMPLES:,}. Got {n_samples!r} instead."
        )
    if (
        not isinstance(concentration, int | float)
        or isinstance(concentration, bool)
        or not math.isfinite(concentration)
        or concentration <= 0
    ):
        raise InvalidParameterError(
            f"The 'concentration' parameter of {function} must be a finite number > 0. "
            f"Got {concentration!r} instead."
        )
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise InvalidParameterError(
            f"The 'seed' parameter of {function} must be a whole number. Got {seed!r} instead."
        )
    if not isinstance(level, float | int) or isinstance(level, bool) or not 0 < level < 1:
        raise InvalidParameterError(
            f"The 'level' parameter of {function} must be a number between 0 and 1, exclusive. "
            f"Got {level!r} instead."
        )


def _dirichlet(rng: random.Random, alphas: Sequence[float]) -> list[float]:
    """One draw of a Dirichlet(alphas) vector, through gamma variates (stdlib only)."""
    for _ in range(1000):
        draws = [rng.gammavariate(alpha, 1.0) for alpha in alphas]
        total = math.fsum(draws)
        if total > 0 and math.isfinite(total):
            return [draw / total for draw in draws]
    raise InvalidParameterError(
        "The 'concentration' parameter of rank_robustness is too small to draw weights from. "
        f"Got alphas {list(alphas)!r} instead."
    )


def _percentile_rank(counts: Sequence[int], total: int, q: float) -> int:
    """The nearest-rank percentile ``q`` of ranks given as counts (``counts[r]``: rank r)."""
    position = min(max(1, math.ceil(q * total - 1e-9)), total)
    seen = 0
    for rank_value, count in enumerate(counts):
        seen += count
        if seen >= position:
            return rank_value
    return len(counts) - 1


class _RankTally:
    """The ranks one roadmap took over the weightings, in memory that does not grow with them.

    With fewer weightings than roadmaps, the ranks are kept as drawn (one slot per weighting);
    otherwise as counts per rank (one slot per rank). Either way a roadmap costs at most
    ``min(weightings, roadmaps + 1)`` slots.
    """

    def __init__(self, n_samples: int, n: int) -> None:
        self.by_sample = n_samples <= n
        self.n = n
        self.slots = array.array("l", [0]) * (n_samples if self.by_sample else n + 1)

    def add(self, sample: int, rank_value: int) -> None:
        if self.by_sample:
            self.slots[sample] = rank_value
        else:
            self.slots[rank_value] += 1

    def counts(self) -> array.array[int]:
        if not self.by_sample:
            return self.slots
        counts = array.array("l", [0]) * (self.n + 1)
        for rank_value in self.slots:
            counts[rank_value] += 1
        return counts


def rank_robustness(
    results: Batch | Iterable[Evaluation | Outcome],
    *,
    profile: Profile | str | None = None,
    n_samples: int = 1000,
    concentration: float = 100.0,
    top_k: int = 3,
    seed: int = 0,
    level: float = 0.9,
) -> Robustness:
    """How much a ranking owes to the exact weights of its profile.

    Draws ``n_samples`` weightings from a Dirichlet distribution centred on the profile's
    weights (alpha = ``concentration`` x weight share; only the scores the profile weighs, each
    kept above zero), recomputes every roadmap's composite from its stored scores under each,
    and reports how each roadmap's rank moves. A rank that most weightings keep is a property
    of the roadmaps; one that moves within a few places is an artefact of the weights, and its
    neighbours are better read as tied.

    Parameters
    ----------
    results
        As for :func:`rank`.
    profile
        As for :func:`rank`: the centre of the perturbation.
    n_samples
        How many weightings to draw, from 1 to :data:`MAX_SAMPLES` (a million).
    concentration
        How tightly the weightings hug the profile; larger is tighter. A weight share w moves
        with standard deviation sqrt(w (1 - w) / (concentration + 1)): at 100, a weight of
        0.25 by about 0.04 and one of 0.05 by about 0.02.
    top_k
        The ``k`` of the top-k figures.
    seed
        Seed of the random generator; the same seed gives the same report.
    level
        The share of weightings the rank interval holds (0.9: the 5th to the 95th percentile).

    Returns
    -------
    Robustness
        Per roadmap: its rank under the profile, rank range and interval, median rank and how
        often it stays in the top ``k``; overall: Spearman correlation with the profile's
        ranking and the stability of the top ``k``. Deterministic for a seed, whatever the
        order of ``results``.

    Raises
    ------
    InvalidParameterError, UnknownNameError
        As for :func:`rank`, or a bad option.

    Notes
    -----
    The cost is ``n_samples`` x (roadmaps x weighed scores + a sort of the roadmaps), in pure
    Python: about a second for 1,000 weightings of 300 roadmaps. Memory does not grow with
    ``n_samples`` beyond the number of roadmaps: ranks are tallied as they are drawn, in at most
    ``roadmaps x min(n_samples, roadmaps + 1)`` machine words.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(8, n_activities=20, seed=6)
    >>> batch = cf.corpus.evaluate_many(roads, progress=False)
    >>> tight = cf.corpus.rank_robustness(batch, concentration=1e9, n_samples=50)
    >>> all(e.best == e.worst == e.rank for e in tight.entries)
    True
    >>> loose = cf.corpus.rank_robustness(batch, concentration=5, n_samples=200)
    >>> loose.mean_spearman < 1
    True
    """
    _check_robustness_options(n_samples, concentration, top_k, seed, level)
    chosen, scored, failures = _gather(results, profile, "rank_robustness")
    ranking = _rank_scored(chosen, scored, failures)
    n = len(ranking.entries)
    by_key = {(s.roadmap_id, s.source): s for s in scored}
    base = [by_key[(e.roadmap_id, e.source)] for e in ranking.entries]
    # Ties are broken by id then source, as in the ranking itself.
    by_name = sorted(range(n), key=lambda p: (base[p].roadmap_id, base[p].source))
    tiebreak = [0] * n
    for place, position in enumerate(by_name):
        tiebreak[position] = place
    names = [name for name, weight in chosen.weights.items() if weight > 0]
    total_weight = math.fsum(chosen.weights[name] for name in names)
    alphas = [float(concentration) * chosen.weights[name] / total_weight for name in names]
    # Roadmaps grouped by which of the profile's scores they define: one normalisation each.
    groups: dict[tuple[int, ...], list[tuple[int, list[float]]]] = {}
    for position, item in enumerate(base):
        defined = tuple(i for i, name in enumerate(names) if not math.isnan(item.scores[name]))
        groups.setdefault(defined, []).append(
            (position, [float(item.scores[names[i]]) for i in defined])
        )
    rng = random.Random(seed)
    k = min(top_k, n)
    tallies = [_RankTally(n_samples, n) for _ in range(n)]
    base_top = list(range(k))
    squared_total = 0
    max_squared = 0
    same_set = same_order = 0
    values = [math.inf] * n
    for sample in range(n_samples):
        weights = _dirichlet(rng, alphas)
        for defined, members in groups.items():
            total = math.fsum(weights[i] for i in defined)
            if not defined or total <= 0:
                for position, _ in members:
                    values[position] = math.inf
                continue
            shares = [weights[i] / total for i in defined]
            for position, vals in members:
                values[position] = -sum(map(operator.mul, shares, vals))
        order = sorted(range(n), key=lambda p: (values[p], tiebreak[p]))
        squared = 0
        for new_rank, position in enumerate(order, start=1):
            tallies[position].add(sample, new_rank)
            squared += (new_rank - position - 1) ** 2
        squared_total += squared
        max_squared = max(max_squared, squared)
        top = order[:k]
        same_order += top == base_top
        same_set += sorted(top) == base_top
    low_q, high_q = (1 - level) / 2, 1 - (1 - level) / 2
    entries = []
    for position, entry in enumerate(ranking.entries):
        counts = tallies[position].counts()
        observed = [rank_value for rank_value, count in enumerate(counts) if count]
        entries.append(
            RankStability(
                rank=entry.rank,
                roadmap_id=entry.roadmap_id,
                source=entry.source,
                composite=entry.composite,
                best=observed[0],
                worst=observed[-1],
                low=_percentile_rank(counts, n_samples, low_q),
                high=_percentile_rank(counts, n_samples, high_q),
                median=_percentile_rank(counts, n_samples, 0.5),
                top_k_share=sum(counts[: top_k + 1]) / n_samples,
            )
        )
    return Robustness(
        ranking=ranking,
        entries=tuple(entries),
        n_samples=n_samples,
        concentration=float(concentration),
        top_k=top_k,
        seed=seed,
        level=float(level),
        mean_spearman=(
            1 - 6 * squared_total / (n_samples * n * (n * n - 1)) if n > 1 else math.nan
        ),
        min_spearman=1 - 6 * max_squared / (n * (n * n - 1)) if n > 1 else math.nan,
        top_k_same_set=same_set / n_samples if n else 0.0,
        top_k_same_order=same_order / n_samples if n else 0.0,
    )
