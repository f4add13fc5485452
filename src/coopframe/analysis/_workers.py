"""Running batches on an executor: timeouts, broken process pools replaced, SIGTERM."""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from types import FrameType
from typing import Any, TypeAlias

from coopframe.analysis._outcome import (
    Item,
    Outcome,
    _outcomes_of,
    _source_of,
    _Work,
    _worker_failure,
)
from coopframe.analysis._progress import _Progress
from coopframe.exceptions import Problem

_MAX_BATCH = 32
"""Largest default batch: about 0.1 s of work for 50-activity roadmaps, far above task overhead."""
_UNSIZED_BATCH = 16
"""Default batch when the number of items is not known in advance."""


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
    index: int, item: Item, work: _Work, raise_errors: bool, timeout: float | None = None
) -> list[Outcome]:
    """The outcomes of one item: one per roadmap, or one failure (a timeout among them)."""
    source = _source_of(item)
    try:
        return _within(timeout, lambda: _outcomes_of(index, source, item, work, raise_errors))
    except _ItemTimeout:
        assert timeout is not None
        if raise_errors:
            raise TimeoutError(_timeout_message(source, timeout)) from None
        return [_timeout_failure(index, source, timeout)]


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
    work: _Work,
    raise_errors: bool,
    timeout: float | None = None,
) -> list[Outcome]:
    """One task: evaluate a batch of items. Top level, so that every executor can pickle it."""
    _watch_parent()
    outcomes: list[Outcome] = []
    for index, item in batch:
        outcomes.extend(_evaluate_item(index, item, work, raise_errors, timeout))
    return outcomes


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
        self, executor: Executor, work: _Work, raise_errors: bool, timeout: float | None
    ) -> None:
        self.executor = executor
        self.work = work
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
                    _evaluate_batch, batch, self.work, self.raise_errors, self.timeout
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
