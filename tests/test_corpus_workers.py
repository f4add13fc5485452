"""Workers of a parallel run: per-item timeouts, a crashing item, a parent that is terminated."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs
import pytest

import coopframe as cf
from coopframe.analysis import Outcome, _outcome, _workers, evaluate_many, iter_evaluate
from coopframe.exceptions import InvalidParameterError, UnknownNameError
from coopframe.scoring import FAMILIES, SCORERS
from coopframe.synthetic import synthetic_corpus
from test_scoring_families import AGENCIES, CALENDAR, agency_count, dated_share

ROADS = synthetic_corpus(6, n_activities=8, seed=21)
FORK = multiprocessing.get_context("fork")
SLOW = "slow-road"

_real_evaluate = _outcome.evaluate
_real_load = _outcome.load


def _evaluate_or_hang(roadmap: cf.Roadmap, **options: Any) -> Any:
    if roadmap.id == SLOW:
        time.sleep(60)
    return _real_evaluate(roadmap, **options)


def _load_or_die(path: Any, **options: Any) -> Any:
    if os.fspath(path).endswith("die.json"):
        os._exit(3)
    return _real_load(path, **options)


def _with_slow() -> list[Any]:
    slow = attrs.evolve(ROADS[0], id=SLOW)
    return [*ROADS[:3], slow, *ROADS[3:]]


@pytest.mark.parametrize("timeout", [0, -1, True, "1", float("nan"), float("inf")])
def test_bad_timeout_is_refused(timeout: object) -> None:
    """A timeout that is not a finite positive number of seconds is refused up front."""
    with pytest.raises(InvalidParameterError, match="'timeout' parameter of iter_evaluate"):
        iter_evaluate(ROADS[:1], timeout=timeout)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="'timeout' parameter of iter_evaluate"):
        evaluate_many(ROADS[:1], timeout=timeout)  # type: ignore[arg-type]


def test_hung_item_times_out_in_a_serial_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """A serial run with a timeout reports the hung item as a Timeout failure and goes on."""
    monkeypatch.setattr(_outcome, "evaluate", _evaluate_or_hang)
    items = _with_slow()
    started = time.monotonic()
    batch = evaluate_many(items, progress=False, timeout=0.5)
    assert time.monotonic() - started < 30
    assert [o.error_kind for o in batch] == [None, None, None, "Timeout", None, None, None]
    failure = batch.outcomes[3]
    assert failure.source == SLOW
    assert "0.5 s allowed per item" in (failure.error or "")
    assert failure.problems[0].message == failure.error
    assert [e.roadmap_id for e in batch.evaluations] == [r.id for r in ROADS]
    with pytest.raises(TimeoutError, match="slow-road: not evaluated"):
        evaluate_many(items, progress=False, timeout=0.5, on_error="raise")


def test_hung_item_times_out_in_a_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off the main thread (no timer signal there) a late item is given up on all the same."""
    monkeypatch.setattr(_outcome, "evaluate", _evaluate_or_hang)
    outcomes = _workers._evaluate_batch(
        [(0, _with_slow()[3]), (1, ROADS[0])],
        _outcome._Work(profile=cf.scoring.get_profile(None)),
        False,
        0.3,
    )
    assert [o.error_kind for o in outcomes] == ["Timeout", None]
    results: list[list[Outcome]] = []
    worker = threading.Thread(
        target=lambda: results.append(
            _workers._evaluate_batch(
                [(0, _with_slow()[3])],
                _outcome._Work(profile=cf.scoring.get_profile(None)),
                False,
                0.3,
            )
        )
    )
    worker.start()
    worker.join(20)
    assert [o.error_kind for o in results[0]] == ["Timeout"]


def test_hung_item_times_out_in_a_process_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a forked pool, the hung item fails as Timeout; every other item is evaluated."""
    monkeypatch.setattr(_outcome, "evaluate", _evaluate_or_hang)
    items = _with_slow()
    serial = evaluate_many(ROADS, progress=False)
    with ProcessPoolExecutor(2, mp_context=FORK) as pool:
        started = time.monotonic()
        batch = evaluate_many(items, executor=pool, batch_size=2, progress=False, timeout=0.5)
        assert time.monotonic() - started < 30
    assert [o.error_kind for o in batch] == [None, None, None, "Timeout", None, None, None]
    assert [o.to_dict()["evaluation"] for o in batch if o.ok] == [
        o.to_dict()["evaluation"] for o in serial
    ]


def test_one_crashing_item_costs_one_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """60 items, one of which kills its worker: exactly 1 failure, 59 serial results."""
    monkeypatch.setattr(_outcome, "load", _load_or_die)
    roads = synthetic_corpus(59, n_activities=4, seed=5)
    paths = []
    for k, road in enumerate(roads):
        path = tmp_path / f"road-{k:02}.json"
        cf.dump(road, path)
        paths.append(path)
    killer = tmp_path / "die.json"
    killer.write_text("{}", encoding="utf-8")
    items = [*paths[:23], killer, *paths[23:]]
    serial = evaluate_many(paths, progress=False)
    with ProcessPoolExecutor(2, mp_context=FORK) as pool:
        batch = evaluate_many(items, executor=pool, progress=False)
    assert [o.index for o in batch] == list(range(60))
    (failure,) = batch.failures
    assert failure.index == 23
    assert failure.error_kind == "WorkerError"
    assert "BrokenProcessPool" in (failure.error or "")
    assert [o.to_dict()["evaluation"] for o in batch if o.ok] == [
        o.to_dict()["evaluation"] for o in serial
    ]


_SCRIPT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
import coopframe as cf
from coopframe.analysis import _outcome
from coopframe.synthetic import synthetic_corpus

real = _outcome.evaluate
def slow(roadmap, **options):
    time.sleep(0.2)
    return real(roadmap, **options)
_outcome.evaluate = slow
roads = synthetic_corpus(40, n_activities=4, seed=1)
with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
    stream = cf.analysis.iter_evaluate(roads, executor=pool, batch_size=1, progress=False)
    next(stream)
    print(" ".join(str(pid) for pid in pool._processes), flush=True)
    for _ in stream:
        pass
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL], ids=["term", "kill"])
def test_a_terminated_parent_leaves_no_worker_behind(signum: int) -> None:
    """After SIGTERM (or SIGKILL) to a parent in the middle of a run, its workers are gone."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(_SCRIPT)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert child.stdout is not None
        workers = [int(pid) for pid in child.stdout.readline().split()]
        assert len(workers) == 2
        assert all(_alive(pid) for pid in workers)
        child.send_signal(signum)
        assert child.wait(timeout=20) == -signum
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [pid for pid in workers if _alive(pid)]
        for pid in survivors:
            os.kill(pid, signal.SIGKILL)
        assert survivors == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


# ---------------------------------------------------------------------------------------------
# Families and scorers of one's own, sent with the work


# Defined at the top level of a test module (test_scoring_families), so they pickle by reference.
WEIGHING = cf.Profile(name="mine", weights={"dated_share": 1, "has_agencies": 1, "compliance": 2})
OWN: dict[str, Any] = {"families": [CALENDAR], "scorers": [AGENCIES], "profile": WEIGHING}


def _data(batch: cf.analysis.Batch) -> list[Any]:
    return [None if o.evaluation is None else o.evaluation.to_dict() for o in batch]


def test_own_families_and_scorers_are_evaluated_in_a_serial_run() -> None:
    """Every outcome carries the family's detail and both scores, weighed by the profile."""
    batch = evaluate_many(ROADS, progress=False, **OWN)
    assert all(outcome.ok for outcome in batch)
    for evaluation, road in zip(batch.evaluations, ROADS, strict=True):
        alone = cf.evaluate(road, families=[CALENDAR], scorers=[AGENCIES], profile=WEIGHING)
        assert evaluation.to_dict() == alone.to_dict()
        assert evaluation.scores["dated_share"] == dated_share(road)
        assert evaluation.scores["has_agencies"] == 1.0
        assert "dated_share" in dict(evaluation.composite.contributions)
    assert "has_agencies" in batch.score_names()
    assert "has_agencies" not in SCORERS


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_own_families_and_scorers_travel_to_process_pools(method: str) -> None:
    """Forked and spawned pools give the serial run's evaluations, from the work itself."""
    serial = evaluate_many(ROADS, progress=False, **OWN)
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        parallel = evaluate_many(ROADS, executor=pool, batch_size=2, progress=False, **OWN)
    assert _data(parallel) == _data(serial)
    assert parallel.to_records() == serial.to_records()
    assert "has_agencies" not in SCORERS


def test_own_families_and_scorers_travel_to_a_dask_cluster() -> None:
    """A local Dask cluster of worker processes gives the serial run's evaluations."""
    distributed = pytest.importorskip("distributed")
    serial = evaluate_many(ROADS, progress=False, **OWN)
    with (
        distributed.LocalCluster(
            n_workers=1, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        outcomes = list(
            iter_evaluate(
                ROADS, executor=client.get_executor(), batch_size=2, progress=False, **OWN
            )
        )
    assert [None if o.evaluation is None else o.evaluation.to_dict() for o in outcomes] == (
        _data(serial)
    )


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"families": ["calendar"]}, InvalidParameterError, "'families' parameter of iter_e"),
        ({"families": 3}, InvalidParameterError, "iterable of Family objects. Got 3 in it"),
        ({"families": [CALENDAR, CALENDAR]}, InvalidParameterError, "'calendar' twice"),
        ({"families": [FAMILIES["coverage"]]}, InvalidParameterError, "'coverage' twice"),
        ({"scorers": [agency_count]}, InvalidParameterError, "'scorers' parameter of iter_"),
        ({"scorers": [SCORERS["compliance"]]}, InvalidParameterError, "'compliance' twice"),
        (
            {"scorers": [CALENDAR.scorers[0]], "families": [CALENDAR]},
            InvalidParameterError,
            "'dated_share' twice",
        ),
        ({"profile": WEIGHING}, UnknownNameError, "unknown scorer 'dated_share'"),
        ({"profile": WEIGHING, "families": [CALENDAR]}, UnknownNameError, "'has_agencies'"),
    ],
)
def test_bad_families_and_scorers_are_refused_up_front(
    options: dict[str, Any], error: type[Exception], match: str
) -> None:
    """Refused when the run is made, before any item is evaluated, by both entry points."""
    with pytest.raises(error, match=match):
        iter_evaluate(ROADS, **options)
    with pytest.raises(error, match=match):
        evaluate_many(ROADS, **options)


def test_families_given_once_as_an_iterator_serve_every_item() -> None:
    """A generator of families is read once, up front, and used for every roadmap."""
    batch = evaluate_many(ROADS, families=iter([CALENDAR]), progress=False)
    assert all("calendar" in evaluation.details for evaluation in batch.evaluations)
    assert len(batch.evaluations) == len(ROADS)
