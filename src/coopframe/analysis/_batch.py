"""Evaluating many roadmaps: :func:`iter_evaluate`, :func:`evaluate_many` and :class:`Batch`."""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Executor
from typing import Any

import attrs

from coopframe._checks import check_bool
from coopframe._optional import require
from coopframe._util import json_float
from coopframe.analysis._common import frozen_tuple
from coopframe.analysis._outcome import Item, OnError, Outcome, _Work
from coopframe.analysis._progress import _Progress
from coopframe.analysis._workers import _default_batch_size, _evaluate_item, _Runner, _worker_count
from coopframe.exceptions import InvalidParameterError, UnknownNameError
from coopframe.model import Agreement, Roadmap
from coopframe.scoring import FAMILIES, SCORERS, Evaluation, Family, Profile, Scorer, get_profile


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


def _entries(name: str, given: object, kind: type, function: str) -> tuple[Any, ...]:
    """``given`` as a tuple of ``kind`` objects, or the parameter error."""
    entries = (
        (given,) if isinstance(given, kind | str) or not isinstance(given, Iterable) else given
    )
    checked = tuple(entries)
    for entry in checked:
        if not isinstance(entry, kind):
            raise InvalidParameterError(
                f"The {name!r} parameter of {function} must be an iterable of {kind.__name__} "
                f"objects. Got {entry!r} in it instead."
            )
    return checked


def _check_new(name: str, given: Iterable[str], taken: list[str], rule: str, function: str) -> None:
    """Add each of ``given`` to ``taken``, or the parameter error for one already there."""
    for entry in given:
        if entry in taken:
            raise InvalidParameterError(
                f"The {name!r} parameter of {function} must {rule}. Got {entry!r} twice instead."
            )
        taken.append(entry)


def _checked_work(
    function: str, *, profile: Profile | str | None, families: object, scorers: object
) -> _Work:
    """The work of a run, checked up front as :func:`coopframe.evaluate` checks its options."""
    running: tuple[Family, ...] = _entries("families", families, Family, function)
    extra: tuple[Scorer, ...] = _entries("scorers", scorers, Scorer, function)
    rule = "name each family once and take no built-in family's name"
    _check_new("families", (f.name for f in running), list(FAMILIES), rule, function)
    scored = [s.name for f in (*FAMILIES.values(), *running) for s in f.scorers]
    rule = "name each scorer once and take no family's score name"
    _check_new("scorers", (s.name for s in extra), scored, rule, function)
    chosen = get_profile(profile)
    known = {*SCORERS, *scored}
    for name in chosen.weights:
        if name not in known:
            names = ", ".join(sorted(known))
            raise UnknownNameError(f"unknown scorer {name!r}; known scorers: {names}")
    return _Work(profile=chosen, families=running, scorers=extra)


def _checked_items(items: Iterable[object], function: str) -> Iterator[tuple[int, Item]]:
    for index, item in enumerate(items):
        if not isinstance(item, Roadmap | Agreement | str | os.PathLike):
            raise InvalidParameterError(
                f"The 'items' parameter of {function} must hold roadmaps, agreements or paths of "
                f"roadmap files. Got {type(item).__name__} at position {index} instead."
            )
        yield index, item if isinstance(item, Roadmap | Agreement | str) else os.fspath(item)


def iter_evaluate(
    items: Iterable[Item],
    *,
    profile: Profile | str | None = None,
    executor: Executor | None = None,
    on_error: OnError = "collect",
    batch_size: int | None = None,
    progress: bool | None = None,
    timeout: float | None = None,
    families: Iterable[Family] = (),
    scorers: Iterable[Scorer] = (),
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
    families, scorers
        Families (:class:`~coopframe.scoring.Family`) and scorers
        (:class:`~coopframe.scoring.Scorer`) of one's own, as for :func:`coopframe.evaluate`:
        every roadmap is evaluated with them, and ``profile`` may weigh their scores. They are
        sent with the work to every worker, so give them functions defined at the top level of
        a module (a process pool pickles them by reference; Dask may pickle them by value).
        The global registry is not touched.

    Yields
    ------
    Outcome
        In input order; the roadmaps of an agreement in the agreement's order.

    Raises
    ------
    InvalidParameterError, UnknownNameError
        A bad option or profile (one weighing a score that nothing computes), ``families`` or
        ``scorers`` that are not families and scorers or whose names are taken, or an item
        that is neither a roadmap, an agreement nor a path (raised when the iteration reaches
        it).
    CoopframeError
        With ``on_error="raise"``, the first item's error (a missing file, bad syntax, an
        invalid document), or the executor's own error (such as ``BrokenProcessPool``).
    TimeoutError
        With ``on_error="raise"`` and a ``timeout``, the first item that took too long.

    Examples
    --------
    >>> roads = cf.synthetic.synthetic_corpus(3, n_activities=10, seed=1)
    >>> for outcome in cf.analysis.iter_evaluate([*roads, "nowhere.json"], progress=False):
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
    work = _checked_work("iter_evaluate", profile=profile, families=families, scorers=scorers)
    total = len(items) if isinstance(items, Sized) else None
    return _run(
        _checked_items(items, "iter_evaluate"),
        work=work,
        executor=executor,
        raise_errors=on_error == "raise",
        batch_size=batch_size,
        bar=_Progress(total=total, enabled=progress),
        timeout=None if timeout is None else float(timeout),
    )


def _run(
    items: Iterator[tuple[int, Item]],
    *,
    work: _Work,
    executor: Executor | None,
    raise_errors: bool,
    batch_size: int | None,
    bar: _Progress,
    timeout: float | None,
) -> Iterator[Outcome]:
    try:
        if executor is None:
            for index, item in items:
                yield from _evaluate_item(index, item, work, raise_errors, timeout)
                bar.advance(1)
        else:
            workers = _worker_count(executor)
            size = batch_size or _default_batch_size(bar.total, workers)
            runner = _Runner(executor, work, raise_errors, timeout)
            yield from runner.run(items, size=size, window=3 * workers, bar=bar)
    finally:
        bar.close()


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

    outcomes: tuple[Outcome, ...] = attrs.field(converter=frozen_tuple)
    profile: Profile = attrs.field(hash=False)

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
        >>> batch = cf.analysis.evaluate_many(
        ...     [cf.datasets.load("bolivia-peru-2021-2022")], progress=False
        ... )
        >>> record = batch.to_records()[0]
        >>> record["source"], record["ok"], round(record["compliance"], 2), record["band"]
        ('bolivia-peru-2021-2022', True, 0.92, 'substantial')
        >>> odd = cf.analysis.evaluate_many(["=SUM(A1).yaml"], progress=False)
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
    families: Iterable[Family] = (),
    scorers: Iterable[Scorer] = (),
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
    >>> batch = cf.analysis.evaluate_many([*roads, "missing.yaml"], progress=False)
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
        families=families,
        scorers=scorers,
    )
    return Batch(outcomes=tuple(outcomes), profile=chosen)
