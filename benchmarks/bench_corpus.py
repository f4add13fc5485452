"""Corpus benchmark: evaluate thousands of roadmap files, serially and on two worker processes.

The corpus is 10,000 generated roadmaps of about 50 activities (25 to 75), written as JSON files
to a temporary folder (1,000 in quick mode), so both runs read, validate and evaluate every file.
Generating it is not timed, and is done on the same two processes to save time. The figures are
roadmaps per second for each run and the speed-up of the parallel run over the serial one,
measured in the same process one after the other, plus the CPU time the parallel run spends
(workers and main process) over the serial run's: on a machine shared with other work, the
speed-up falls and this ratio does not.

Run it with ``python benchmarks/run.py corpus`` (``--quick`` for the small corpus).
"""

from __future__ import annotations

import hashlib
import json
import resource
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs

import coopframe as cf
from coopframe.analysis import evaluate_many
from coopframe.synthetic import synthetic_corpus

Row = tuple[str, str, str]

_CHUNK = 250


def _write_chunk(folder: str, chunk: int, size: int) -> list[str]:
    """Generate ``size`` roadmaps from the chunk's seed and write them as JSON files."""
    paths = []
    for k, roadmap in enumerate(synthetic_corpus(size, n_activities=50, seed=chunk)):
        roadmap_id = f"corpus-{chunk:03d}-{k:04d}"
        path = Path(folder) / f"{roadmap_id}.json"
        cf.dump(attrs.evolve(roadmap, id=roadmap_id), path)
        paths.append(str(path))
    return paths


def write_corpus(folder: str, n_roadmaps: int, *, workers: int = 2) -> list[str]:
    """Write ``n_roadmaps`` generated roadmaps as JSON files to ``folder``; their paths, sorted."""
    sizes = [min(_CHUNK, n_roadmaps - start) for start in range(0, n_roadmaps, _CHUNK)]
    with ProcessPoolExecutor(workers) as pool:
        chunks = pool.map(_write_chunk, [folder] * len(sizes), range(len(sizes)), sizes)
        return sorted(path for chunk in chunks for path in chunk)


def _cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the pool's workers), in seconds."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(function: Callable[[], None]) -> tuple[float, float]:
    """Wall time (best_of from benchmarks/run.py, one repeat) and CPU time of one run."""
    from run import best_of

    before = _cpu_seconds()
    wall = best_of(function, 1)
    return wall, _cpu_seconds() - before


def run(quick: bool) -> list[Row]:
    """Roadmaps per second, serial and with ProcessPoolExecutor(2), and the speed-up."""
    n = 1_000 if quick else 10_000
    with tempfile.TemporaryDirectory(prefix="coopframe-corpus-") as folder:
        # Imported by name (benchmarks/ is on the path) so the pool can pickle _write_chunk.
        from bench_corpus import write_corpus as write

        paths = write(folder, n)
        # Each run keeps only a digest of its records, so the serial run's ten thousand
        # evaluations are not alive in the parent when the pool forks its workers.
        digests: dict[str, tuple[str, int]] = {}

        def digest(name: str, batch: cf.analysis.Batch) -> None:
            text = json.dumps(batch.to_records(), sort_keys=True)
            digests[name] = (hashlib.sha256(text.encode()).hexdigest(), len(batch.failures))

        def serial() -> None:
            digest("serial", evaluate_many(paths, progress=False))

        def parallel() -> None:
            with ProcessPoolExecutor(2) as pool:
                digest("parallel", evaluate_many(paths, executor=pool, progress=False))

        serial_time, serial_cpu = _timed(serial)
        parallel_time, parallel_cpu = _timed(parallel)
        same = digests["serial"] == digests["parallel"]
        failed = digests["serial"][1]
    label = f"{n:,} JSON files of 25-75 activities"
    return [
        ("corpus", f"serial evaluate_many, {label}", f"{n / serial_time:,.0f} roadmaps/s"),
        (
            "corpus",
            "evaluate_many on ProcessPoolExecutor(2)",
            f"{n / parallel_time:,.0f} roadmaps/s",
        ),
        (
            "corpus",
            "speed-up of 2 processes over serial (target >= 1.6)",
            f"{serial_time / parallel_time:.2f}x",
        ),
        (
            "corpus",
            "CPU time of the parallel run (workers + main) / serial (overhead of the pool)",
            f"{parallel_cpu / serial_cpu:.2f}x",
        ),
        (
            "corpus",
            "parallel records equal to serial, failures",
            f"{'yes' if same else 'NO'}, {failed}",
        ),
    ]
