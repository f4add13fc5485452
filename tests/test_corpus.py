"""Evaluating and ranking many roadmaps: order, failures, executors, ranking and its robustness."""

from __future__ import annotations

import io
import json
import math
import multiprocessing
import os
import pickle
import runpy
import sys
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coopframe as cf
from coopframe.analysis import (
    Batch,
    Outcome,
    Ranking,
    Robustness,
    _outcome,
    _progress,
    _workers,
    evaluate_many,
    iter_evaluate,
    rank,
    rank_robustness,
)
from coopframe.exceptions import (
    DocumentFileError,
    DocumentSyntaxError,
    InvalidDocumentError,
    InvalidParameterError,
    OptionalDependencyError,
    UnknownNameError,
)
from coopframe.io import find_documents
from coopframe.scoring import Profile
from coopframe.synthetic import synthetic_corpus

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

ROADS = synthetic_corpus(12, n_activities=12, seed=11)
"""A small corpus shared by the tests (evaluating it takes a few milliseconds)."""


@pytest.fixture(scope="module")
def evaluations() -> list[cf.Evaluation]:
    return [cf.evaluate(road) for road in ROADS]


def write_mixed(folder: Path) -> list[Path]:
    """Six roadmaps as YAML, JSON and TOML files, and three broken files, in a known order."""
    paths = []
    for k, road in enumerate(ROADS[:6]):
        suffix = (".yaml", ".json", ".toml")[k % 3]
        path = folder / f"road-{k}{suffix}"
        cf.dump(road, path)
        paths.append(path)
    bad_syntax = folder / "bad-syntax.json"
    bad_syntax.write_text('{"coopframe": 1, "roadmap": ', encoding="utf-8")
    invalid = folder / "invalid.yaml"
    document = cf.io.unstructure(ROADS[0])
    document["roadmap"]["id"] = 7
    document["roadmap"]["unexpected"] = 1
    invalid.write_text(yaml.safe_dump(document), encoding="utf-8")
    missing = folder / "missing.yaml"
    return [paths[0], bad_syntax, paths[1], invalid, paths[2], missing, *paths[3:]]


# ---------------------------------------------------------------------------------------------
# Serial runs


def test_outcomes_follow_input_order_and_sources() -> None:
    """Outcomes come back one per roadmap, in input order, indexed and named by their source."""
    outcomes = list(iter_evaluate(ROADS, progress=False))
    assert [o.index for o in outcomes] == list(range(len(ROADS)))
    assert [o.source for o in outcomes] == [road.id for road in ROADS]
    assert [o.roadmap_id for o in outcomes] == [road.id for road in ROADS]
    assert all(o.ok and o.problems == () and o.error is None for o in outcomes)
    direct = cf.evaluate(ROADS[3])
    assert outcomes[3].evaluation is not None
    assert outcomes[3].evaluation.to_dict() == direct.to_dict()


def test_iter_evaluate_is_lazy() -> None:
    """A generator of items is consumed one item at a time, as the outcomes are asked for."""
    seen: list[int] = []

    def items() -> Any:
        for k, road in enumerate(ROADS[:4]):
            seen.append(k)
            yield road

    stream = iter_evaluate(items(), progress=False)
    first = next(stream)
    assert first.index == 0
    assert seen == [0]
    assert [o.index for o in stream] == [1, 2, 3]


def test_broken_files_are_reported_and_good_ones_evaluated(tmp_path: Path) -> None:
    """Unreadable, unparsable and invalid files become failures with problems; the rest runs."""
    paths = write_mixed(tmp_path)
    batch = evaluate_many(paths, progress=False)
    assert len(batch) == len(paths)
    assert [o.index for o in batch] == list(range(len(paths)))
    assert [o.source for o in batch] == [os.fspath(p) for p in paths]
    kinds = {Path(o.source).name: o.error_kind for o in batch.failures}
    assert kinds == {
        "bad-syntax.json": "DocumentSyntaxError",
        "invalid.yaml": "InvalidDocumentError",
        "missing.yaml": "DocumentFileError",
    }
    assert [e.roadmap_id for e in batch.evaluations] == [road.id for road in ROADS[:6]]
    invalid = next(o for o in batch.failures if o.source.endswith("invalid.yaml"))
    assert invalid.evaluation is None
    assert len(invalid.problems) >= 2
    assert any("unexpected" in str(p) for p in invalid.problems)
    assert {p.path for p in invalid.problems} == {"id", "unexpected"}
    syntax = next(o for o in batch.failures if o.source.endswith("bad-syntax.json"))
    assert len(syntax.problems) == 1
    assert "bad-syntax.json" in syntax.problems[0].message
    assert "bad-syntax.json" in (syntax.error or "")
    missing = next(o for o in batch.failures if o.source.endswith("missing.yaml"))
    assert "no such file" in (missing.error or "")


def test_on_error_raise_raises_the_first_error(tmp_path: Path) -> None:
    """With on_error='raise' the first failing item's own error is raised."""
    paths = write_mixed(tmp_path)
    with pytest.raises(DocumentSyntaxError, match=r"bad-syntax\.json"):
        evaluate_many(paths, on_error="raise", progress=False)
    with pytest.raises(InvalidDocumentError) as caught:
        evaluate_many([paths[3]], on_error="raise", progress=False)
    assert caught.value.problems
    with pytest.raises(DocumentFileError, match="no such file"):
        list(iter_evaluate([paths[5]], on_error="raise", progress=False))


def test_agreements_give_one_outcome_per_roadmap(tmp_path: Path) -> None:
    """An agreement file gives an outcome per roadmap, 'file#roadmap-id', in its order."""
    agreement = cf.datasets.load("bolivia-peru-framework")
    assert isinstance(agreement, cf.Agreement)
    assert agreement.roadmaps
    path = tmp_path / "framework.json"
    cf.dump(agreement, path)
    outcomes = list(iter_evaluate([ROADS[0], path, agreement], progress=False))
    ids = [road.id for road in agreement.roadmaps]
    assert [o.source for o in outcomes] == [
        ROADS[0].id,
        *(f"{path}#{i}" for i in ids),
        *(f"{agreement.id}#{i}" for i in ids),
    ]
    assert [o.index for o in outcomes] == [0] + [1] * len(ids) + [2] * len(ids)
    assert all(o.ok for o in outcomes)


def test_agreement_without_roadmaps_is_a_failure() -> None:
    """An agreement with nothing to evaluate is reported, not silently dropped."""
    framework = cf.datasets.load("bolivia-peru-framework")
    assert isinstance(framework, cf.Agreement)
    empty = attrs.evolve(framework, roadmaps=())
    (outcome,) = iter_evaluate([empty], progress=False)
    assert not outcome.ok
    assert outcome.error_kind == "EmptyAgreement"
    assert outcome.problems[0].path == "roadmaps"
    with pytest.raises(InvalidDocumentError):
        evaluate_many([empty], on_error="raise", progress=False)


def test_profile_sets_the_composite() -> None:
    """The composite of every outcome is the one of the chosen profile."""
    batch = evaluate_many(ROADS[:3], profile="design", progress=False)
    assert batch.profile.name == "design"
    for evaluation, road in zip(batch.evaluations, ROADS[:3], strict=True):
        assert evaluation.composite == cf.evaluate(road, profile="design").composite


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"on_error": "ignore"}, "'on_error' parameter of iter_evaluate"),
        ({"batch_size": 0}, "'batch_size' parameter"),
        ({"batch_size": True}, "'batch_size' parameter"),
        ({"progress": "yes"}, "'progress' parameter"),
        ({"executor": object()}, "'executor' parameter"),
    ],
)
def test_bad_options_raise(options: dict[str, Any], message: str) -> None:
    """Bad options are refused up front, with the parameter named."""
    with pytest.raises(InvalidParameterError, match=message):
        iter_evaluate(ROADS[:1], **options)


def test_bad_items_and_profiles_raise() -> None:
    """An item of the wrong type and an unknown profile raise coopframe errors."""
    with pytest.raises(InvalidParameterError, match=r"Got int at position 1"):
        list(iter_evaluate([ROADS[0], 42], progress=False))  # type: ignore[list-item]
    with pytest.raises(UnknownNameError):
        iter_evaluate(ROADS[:1], profile="nope")
    with pytest.raises(UnknownNameError):
        evaluate_many(ROADS[:1], profile=Profile(name="x", weights={"not_a_score": 1}))


# ---------------------------------------------------------------------------------------------
# Batches: records and frames


def test_records_are_flat_json_ready_and_aligned(tmp_path: Path) -> None:
    """Every record has the same keys; failures carry None scores and their error."""
    batch = evaluate_many([*ROADS[:3], tmp_path / "missing.json"], progress=False)
    records = batch.to_records()
    names = sorted(cf.scoring.get_scorer_names())
    expected = ["index", "source", "roadmap_id", "ok", *names, "composite", "band"]
    assert all(list(r) == [*expected, "error_kind", "error"] for r in records)
    json.dumps(records, allow_nan=False)
    first = records[0]
    evaluation = batch.evaluations[0]
    assert first["ok"] is True
    assert first["composite"] == evaluation.composite.value
    assert first["band"] == evaluation.composite.band
    for name in names:
        value = evaluation.scores[name]
        assert first[name] == (None if math.isnan(value) else value)
    last = records[-1]
    assert last["ok"] is False
    assert last["roadmap_id"] is None
    assert all(last[name] is None for name in names)
    assert last["error_kind"] == "DocumentFileError"
    assert evaluate_many([*ROADS[:3], tmp_path / "missing.json"], progress=False).to_records() == (
        records
    )


def test_outcome_to_dict_is_json_ready(tmp_path: Path) -> None:
    """An outcome's dict holds the evaluation's or the failure's details, JSON-ready."""
    good, bad = iter_evaluate([ROADS[0], tmp_path / "x.yaml"], progress=False)
    assert good.to_dict()["evaluation"] == cf.evaluate(ROADS[0]).to_dict()
    json.dumps(bad.to_dict(), allow_nan=False)
    assert bad.to_dict()["problems"][0]["message"].endswith("no such file")


def test_to_frame_has_one_row_per_outcome(tmp_path: Path) -> None:
    """With pandas, to_frame gives the records as rows, columns in record order."""
    pytest.importorskip("pandas")
    batch = evaluate_many([*ROADS[:4], tmp_path / "missing.json"], progress=False)
    frame = batch.to_frame()
    assert list(frame.columns) == list(batch.to_records()[0])
    assert len(frame) == 5
    assert frame["ok"].tolist() == [True, True, True, True, False]
    assert frame["source"].tolist()[:4] == [road.id for road in ROADS[:4]]


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas, to_frame raises OptionalDependencyError naming the 'pandas' extra."""
    batch = evaluate_many(ROADS[:1], progress=False)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(OptionalDependencyError, match="pandas") as caught:
        batch.to_frame()
    assert caught.value.extra == "pandas"
    assert "Batch.to_frame()" in str(caught.value)


def test_outcomes_batches_and_errors_pickle(tmp_path: Path) -> None:
    """Outcomes (good and failed), batches and the load errors survive pickling unchanged."""
    paths = write_mixed(tmp_path)
    batch = evaluate_many(paths[:6], progress=False)
    again = pickle.loads(pickle.dumps(batch))
    assert isinstance(again, Batch)
    assert again.to_records() == batch.to_records()
    assert again.failures == batch.failures
    for path in paths[1], paths[3], paths[5]:
        with pytest.raises(cf.CoopframeError) as caught:
            cf.load(path)
        copy = pickle.loads(pickle.dumps(caught.value))
        assert type(copy) is type(caught.value)
        assert str(copy) == str(caught.value)


# ---------------------------------------------------------------------------------------------
# Executors


def test_process_pool_agrees_with_serial(tmp_path: Path) -> None:
    """Two worker processes give the records of the serial run, in input order."""
    items: list[Any] = [*write_mixed(tmp_path), *ROADS[6:], str(tmp_path / "gone.toml")]
    serial = evaluate_many(items, progress=False)
    with ProcessPoolExecutor(2) as pool:
        parallel = evaluate_many(items, executor=pool, batch_size=2, progress=False)
        default = evaluate_many(items, executor=pool, progress=False)
    assert parallel.to_records() == serial.to_records()
    assert default.to_records() == serial.to_records()
    assert [o.index for o in parallel] == list(range(len(items)))


def test_process_pool_raise_mode(tmp_path: Path) -> None:
    """With on_error='raise' a worker's error reaches the caller as itself."""
    paths = write_mixed(tmp_path)
    with ProcessPoolExecutor(2) as pool, pytest.raises(DocumentSyntaxError, match="bad-syntax"):
        evaluate_many(paths, executor=pool, batch_size=1, on_error="raise", progress=False)


@pytest.fixture(scope="module")
def dask_client() -> Any:
    """One local Dask cluster of two single-thread worker processes, shared by the module."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_dask_cluster_agrees_with_serial(tmp_path: Path, dask_client: Any) -> None:
    """A local Dask cluster, through Client.get_executor(), gives the serial run's records.

    Worker processes, so that paths are read and outcomes pickled as on a real cluster.
    """
    items: list[Any] = [*write_mixed(tmp_path)[:4], *ROADS[6:8]]
    serial = evaluate_many(items, progress=False)
    executor = dask_client.get_executor()
    assert _workers._worker_count(executor) == 2
    batch = evaluate_many(items, executor=executor, batch_size=3, progress=False)
    assert batch.to_records() == serial.to_records()


_real_load = cf.io.load


def _load_or_die(path: Any, **kwargs: Any) -> Any:
    if os.fspath(path).endswith("die.json"):
        os._exit(3)
    return _real_load(path, **kwargs)


def test_dead_worker_is_reported_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process that dies costs the result of the item that killed it, nothing more.

    The broken pool is replaced, and what it lost is run again; with ``on_error="raise"``
    the pool's error is raised instead. The pool is forked after ``load`` is patched, so its
    workers die on ``die.json``.
    """
    monkeypatch.setattr(_outcome, "load", _load_or_die)
    paths = [tmp_path / f"road-{k}.json" for k in range(8)]
    for road, path in zip(ROADS, paths, strict=False):
        cf.dump(road, path)
    killer = tmp_path / "die.json"
    killer.write_text("{}", encoding="utf-8")
    items = [*paths, killer, *paths[:3]]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        batch = evaluate_many(items, executor=pool, batch_size=1, progress=False)
    assert [o.index for o in batch] == list(range(len(items)))
    dead = batch.outcomes[8]
    assert dead.error_kind == "WorkerError"
    assert "BrokenProcessPool" in (dead.error or "")
    assert batch.outcomes[0].ok
    assert batch.failures == (dead,)
    assert [o.roadmap_id for o in batch.outcomes if o.ok] == [
        road.id for road in [*ROADS[:8], *ROADS[:3]]
    ]
    with (
        ProcessPoolExecutor(2, mp_context=context) as pool,
        pytest.raises(BrokenProcessPool),
    ):
        evaluate_many(items, executor=pool, batch_size=1, on_error="raise", progress=False)


class _BrokenExecutor(Executor):
    """An executor that refuses every task, as a shut-down pool does."""

    _max_workers = 2

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("cannot schedule new futures after shutdown")


def test_executor_refusing_tasks_reports_every_item() -> None:
    """An executor that cannot take tasks makes a WorkerError outcome for every item."""
    batch = evaluate_many(ROADS[:5], executor=_BrokenExecutor(), batch_size=2, progress=False)
    assert [o.error_kind for o in batch] == ["WorkerError"] * 5
    assert "cannot schedule" in (batch.outcomes[0].error or "")
    with pytest.raises(RuntimeError, match="cannot schedule"):
        evaluate_many(ROADS[:5], executor=_BrokenExecutor(), on_error="raise", progress=False)


def test_default_batch_size() -> None:
    """Default batches give each worker about four tasks, at most 32 items each."""
    assert _workers._default_batch_size(10, 2) == 2
    assert _workers._default_batch_size(100, 2) == 13
    assert _workers._default_batch_size(10_000, 2) == 32
    assert _workers._default_batch_size(None, 2) == 16
    assert _workers._default_batch_size(1, 8) == 1


# ---------------------------------------------------------------------------------------------
# Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_off_off_a_terminal_and_on_request(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No bar when stderr is no terminal or progress=False; progress=True forces one."""
    evaluate_many(ROADS[:3], progress=None)
    evaluate_many(ROADS[:3], progress=False)
    assert capsys.readouterr().err == ""
    evaluate_many(ROADS[:3], progress=True)
    err = capsys.readouterr().err
    assert "evaluating" in err
    assert "3/3" in err
    assert err.endswith("\n")


def test_progress_on_a_terminal_waits_and_rate_limits() -> None:
    """On a terminal the bar waits for a long run, then draws a few times per second at most."""
    quick = _Terminal()
    bar = _progress._Progress(total=100, enabled=None, stream=quick, delay=10.0)
    for _ in range(100):
        bar.advance(1)
    bar.close()
    assert quick.getvalue() == ""
    screen = _Terminal()
    bar = _progress._Progress(total=1000, enabled=None, stream=screen, delay=0.0, interval=60.0)
    for _ in range(1000):
        bar.advance(1)
    bar.close()
    draws = screen.getvalue().count("\r")
    assert draws == 2
    assert "1,000/1,000 (100%)" in screen.getvalue()
    unsized = _Terminal()
    bar = _progress._Progress(total=None, enabled=True, stream=unsized)
    bar.advance(5)
    bar.close()
    assert "evaluating 5 items" in unsized.getvalue()


# ---------------------------------------------------------------------------------------------
# Directories


def test_find_documents_lists_roadmap_files_sorted(tmp_path: Path) -> None:
    """Every .yaml/.yml/.json/.toml file, sorted; other and hidden files skipped."""
    for name in ("b.json", "a.yaml", "c.TOML", "d.yml", "notes.txt", ".hidden.yaml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "e.json").write_text("", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.json").write_text("", encoding="utf-8")
    assert [p.name for p in find_documents(tmp_path)] == ["a.yaml", "b.json", "c.TOML", "d.yml"]
    deep = find_documents(str(tmp_path), recursive=True)
    assert [p.relative_to(tmp_path).as_posix() for p in deep] == [
        "a.yaml",
        "b.json",
        "c.TOML",
        "d.yml",
        "sub/e.json",
    ]
    assert find_documents(tmp_path / "sub") == [sub / "e.json"]


def test_find_documents_errors(tmp_path: Path) -> None:
    """A missing path or a file is a DocumentFileError; an empty folder lists nothing."""
    with pytest.raises(DocumentFileError, match="no such directory"):
        find_documents(tmp_path / "nowhere")
    file = tmp_path / "x.json"
    file.write_text("{}", encoding="utf-8")
    with pytest.raises(DocumentFileError, match="not a directory"):
        find_documents(file)
    with pytest.raises(InvalidParameterError):
        find_documents(3)  # type: ignore[arg-type]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert find_documents(empty) == []


def test_directory_of_mixed_files_evaluates(tmp_path: Path) -> None:
    """A folder of YAML, JSON and TOML roadmaps evaluates like the roadmaps themselves."""
    write_mixed(tmp_path)
    batch = evaluate_many(find_documents(tmp_path), progress=False)
    assert len(batch.evaluations) == 6
    assert len(batch.failures) == 2
    assert sorted(e.roadmap_id for e in batch.evaluations) == sorted(r.id for r in ROADS[:6])


# ---------------------------------------------------------------------------------------------
# Ranking


def test_rank_by_one_score_is_sorted_with_ties_by_id(evaluations: list[cf.Evaluation]) -> None:
    """Under a one-score profile, the ranking is that score descending, ties by id."""
    twin = cf.evaluate(attrs.evolve(ROADS[0], id="aaa-twin"))
    profile = Profile(name="compliance-only", weights={"compliance": 1.0})
    ranking = rank([*evaluations, twin], profile=profile)
    expected = sorted([*evaluations, twin], key=lambda e: (-e.scores["compliance"], e.roadmap_id))
    assert ranking.ids == tuple(e.roadmap_id for e in expected)
    assert [e.rank for e in ranking.entries] == list(range(1, len(expected) + 1))
    position = {entry.roadmap_id: entry.rank for entry in ranking.entries}
    assert position["aaa-twin"] == position[ROADS[0].id] - 1
    assert ranking.entries[0].composite == expected[0].scores["compliance"]


def test_rank_puts_undefined_composites_last(evaluations: list[cf.Evaluation]) -> None:
    """A roadmap whose composite is nan ranks after every defined one."""
    undefined = attrs.evolve(
        evaluations[0],
        roadmap_id="aaa-undefined",
        scores={**evaluations[0].scores, "on_time": math.nan},
    )
    defined = [attrs.evolve(e, scores={**e.scores, "on_time": 0.5}) for e in evaluations[1:4]]
    ranking = rank([undefined, *defined], profile=Profile(name="t", weights={"on_time": 1}))
    assert ranking.ids[-1] == "aaa-undefined"
    assert math.isnan(ranking.entries[-1].composite)
    assert ranking.entries[-1].band == "undefined"
    assert ranking.ids[:3] == tuple(sorted(e.roadmap_id for e in defined))
    assert ranking.to_dict()["ranking"][-1]["composite"] is None


def test_rank_profile_defaults(evaluations: list[cf.Evaluation]) -> None:
    """None takes the batch's profile, or the one the evaluations were made under."""
    batch = evaluate_many(ROADS[:5], profile="design", progress=False)
    assert rank(batch).profile.name == "design"
    assert rank(batch.evaluations).profile.name == "design"
    assert rank(batch, profile="delivery").profile.name == "delivery"
    assert rank(evaluations).profile.name == "balanced"
    values = [e.composite for e in rank(batch).entries]
    assert sorted(values, reverse=True) == values
    mixed = [*batch.evaluations, *evaluations[:2]]
    with pytest.raises(InvalidParameterError, match="'profile' parameter of rank"):
        rank(mixed)
    with pytest.raises(InvalidParameterError, match="'results' parameter of rank"):
        rank(3)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameterError, match="must hold evaluations"):
        rank([1, 2])  # type: ignore[list-item]
    with pytest.raises(InvalidParameterError, match="lacks"):
        rank(evaluations, profile=Profile(name="x", weights={"not_a_score": 1}))


def test_rank_lists_failures(tmp_path: Path) -> None:
    """Failed outcomes are not ranked but listed, sorted, in the ranking and its summary."""
    batch = evaluate_many([*ROADS[:3], tmp_path / "b.json", tmp_path / "a.json"], progress=False)
    ranking = rank(batch)
    assert len(ranking) == 3
    assert ranking.failures == (str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    text = ranking.summary()
    assert "Not ranked (2 failed)" in text
    assert text.splitlines()[0].startswith("Ranking of 3 roadmaps under profile 'balanced'")
    assert len(ranking.summary(limit=1).splitlines()) == 5


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(order=st.permutations(range(len(ROADS))))
def test_rank_is_independent_of_input_order(order: list[int]) -> None:
    """Shuffling the evaluations changes neither the ranking nor its dict."""
    evaluations = _EVALUATIONS
    reference = rank(evaluations)
    shuffled = rank([evaluations[k] for k in order])
    assert shuffled == reference
    assert shuffled.to_dict() == reference.to_dict()


_EVALUATIONS = [cf.evaluate(road) for road in ROADS]


# ---------------------------------------------------------------------------------------------
# Robustness


def test_huge_concentration_collapses_rank_ranges(evaluations: list[cf.Evaluation]) -> None:
    """With weights pinned to the profile, every rank range is the profile's rank itself.

    Roadmaps whose composite is within 1e-6 of a neighbour's may legitimately swap, so they
    are left out of the check.
    """
    report = rank_robustness(evaluations, concentration=1e12, n_samples=100)
    entries = report.entries
    for k, entry in enumerate(entries):
        near = [
            other
            for other in entries[max(0, k - 1) : k + 2]
            if other is not entry and abs(other.composite - entry.composite) < 1e-6
        ]
        if near:
            continue
        assert (entry.best, entry.worst, entry.low, entry.high, entry.median) == (entry.rank,) * 5
        assert entry.robust
    assert report.mean_spearman > 0.999
    assert report.top_k_same_set == 1.0


def test_loose_concentration_moves_ranks(evaluations: list[cf.Evaluation]) -> None:
    """Weights drawn far from the profile move some ranks, and the report says so."""
    report = rank_robustness(evaluations, concentration=2.0, n_samples=300, top_k=3)
    assert any(entry.best < entry.worst for entry in report.entries)
    assert report.mean_spearman < 1.0
    for entry in report.entries:
        assert entry.best <= entry.low <= entry.median <= entry.high <= entry.worst
        assert 0.0 <= entry.top_k_share <= 1.0
    assert sum(e.top_k_share for e in report.entries) == pytest.approx(3.0)
    text = report.summary()
    assert "depends on the weights" in text
    assert "Robust ranks" in text


def test_robustness_is_seeded_and_order_independent(evaluations: list[cf.Evaluation]) -> None:
    """The same seed gives the same report, whatever the order of the evaluations."""
    first = rank_robustness(evaluations, n_samples=200, seed=3)
    again = rank_robustness(list(reversed(evaluations)), n_samples=200, seed=3)
    other = rank_robustness(evaluations, n_samples=200, seed=4, concentration=5.0)
    assert first.to_dict() == again.to_dict()
    assert json.dumps(first.to_dict(), allow_nan=False)
    assert first.to_dict() != other.to_dict()
    assert first.ranking.ids == rank(evaluations).ids
    assert [e.rank for e in first.entries] == list(range(1, len(evaluations) + 1))


def test_robustness_hand_computed_two_roadmaps() -> None:
    """Two roadmaps that each win on one of two equally weighted scores swap half the time."""
    base = _EVALUATIONS[0]
    a = attrs.evolve(base, roadmap_id="a", scores={**base.scores, "x1": 1.0, "x2": 0.0})
    b = attrs.evolve(base, roadmap_id="b", scores={**base.scores, "x1": 0.0, "x2": 0.9})
    profile = Profile(name="two", weights={"x1": 1.0, "x2": 1.0})
    report = rank_robustness([b, a], profile=profile, n_samples=2000, concentration=4.0, top_k=1)
    assert report.ranking.ids == ("a", "b")
    first, second = report.entries
    # a wins when w1 > 0.9 * w2, i.e. w1 > 9/19 under a Beta(2, 2) share: about 57%.
    assert first.top_k_share == pytest.approx(0.5395, abs=0.04)
    assert second.top_k_share == pytest.approx(1 - first.top_k_share)
    assert (first.best, first.worst, second.best, second.worst) == (1, 2, 1, 2)
    assert report.top_k_same_order == first.top_k_share
    assert report.min_spearman == -1.0
    assert not first.robust
    assert "partly an artefact of the weights" in report.summary()


def test_robustness_summary_names_robust_ranks() -> None:
    """A clear leader keeps rank 1 under any weighting, and the summary says rank 1 is robust."""
    base = _EVALUATIONS[0]
    profile = Profile(name="two", weights={"x1": 1.0, "x2": 1.0})
    lead = attrs.evolve(base, roadmap_id="lead", scores={**base.scores, "x1": 1.0, "x2": 1.0})
    rest = [
        attrs.evolve(base, roadmap_id=f"r{k}", scores={**base.scores, "x1": k / 10, "x2": 0.5})
        for k in range(4)
    ]
    report = rank_robustness([*rest, lead], profile=profile, n_samples=300, top_k=1)
    assert report.entries[0].roadmap_id == "lead"
    assert report.robust_ranks[0] == 1
    assert report.entries[0].top_k_share == 1.0
    text = report.summary()
    assert "Robust ranks (at least 90% of weightings give exactly this rank): 1" in text
    assert "The top 1 is robust to the weights." in text


def test_robustness_edge_cases(tmp_path: Path) -> None:
    """No roadmap or one roadmap gives a well-formed report; bad options are refused."""
    empty = rank_robustness(evaluate_many([tmp_path / "x.json"], progress=False), n_samples=10)
    assert empty.entries == ()
    assert math.isnan(empty.mean_spearman)
    assert empty.to_dict()["mean_spearman"] is None
    assert "Nothing to rank" in empty.summary()
    single = rank_robustness(_EVALUATIONS[:1], n_samples=10)
    assert single.entries[0].robust
    assert "The top 1 is robust" in single.summary()
    for options in (
        {"n_samples": 0},
        {"concentration": 0},
        {"concentration": math.inf},
        {"top_k": 0},
        {"seed": 1.5},
        {"level": 1.0},
    ):
        with pytest.raises(InvalidParameterError):
            rank_robustness(_EVALUATIONS, **options)


def test_results_types_are_stable() -> None:
    """The public result types are the frozen attrs classes the command line builds on."""
    ranking = rank(_EVALUATIONS)
    assert isinstance(ranking, Ranking)
    report = rank_robustness(_EVALUATIONS, n_samples=20)
    assert isinstance(report, Robustness)
    assert isinstance(next(iter_evaluate(ROADS[:1], progress=False)), Outcome)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ranking.entries = ()  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# The example


def test_rank_corpus_example_small() -> None:
    """The example evaluates, ranks and reports robustness on a corpus of the size asked."""
    example = runpy.run_path(str(EXAMPLES / "rank_corpus.py"), run_name="example")
    figures = example["summary"](n_roadmaps=30, n_activities=10, n_samples=100)
    assert len(figures["batch"].evaluations) == 30
    assert len(figures["ranking"]) == 30
    assert isinstance(figures["robustness"], Robustness)
    text = example["render"](figures)
    assert "Ranking of 30 roadmaps" in text
    assert "Rank robustness of 30 roadmaps" in text
