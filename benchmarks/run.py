"""coopframe benchmarks: one command, one results table, every figure a ratio from one run.

Usage::

    python benchmarks/run.py                  # every benchmark
    python benchmarks/run.py io evaluate      # some of them
    python benchmarks/run.py --quick          # smaller sizes, fewer repeats
    python benchmarks/run.py --output FILE.md # also write the table as Markdown

Machines are noisy, so every figure is reported against a baseline measured in the same run
(usually ``json.loads`` of the same document): the ratio is what to compare across machines.
Each timing is the best of several repeats.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import coopframe as cf
from coopframe.synthetic import synthetic_roadmap

Row = tuple[str, str, str]
"""(benchmark, measured, result)"""


def best_of(function: Callable[[], Any], repeats: int) -> float:
    """The shortest of ``repeats`` timings of ``function()``, in seconds (GC as in real use)."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def bench_io(quick: bool) -> list[Row]:
    """Load and dump a 10,000-activity roadmap against json.loads / json.dumps of the same."""
    n = 2_000 if quick else 10_000
    repeats = 3 if quick else 7
    roadmap = synthetic_roadmap(n, seed=1)
    text = cf.dumps(roadmap, format="json")
    document = json.loads(text)
    base_load = best_of(lambda: json.loads(text), repeats)
    base_dump = best_of(lambda: json.dumps(document, ensure_ascii=False, indent=2), repeats)
    load_json = best_of(lambda: cf.loads(text, format="json"), repeats)
    dump_json = best_of(lambda: cf.dumps(roadmap, format="json"), repeats)
    yaml_text = cf.dumps(roadmap, format="yaml")
    toml_text = cf.dumps(roadmap, format="toml")
    few = max(1, repeats // 3)
    load_yaml = best_of(lambda: cf.loads(yaml_text, format="yaml"), few)
    load_toml = best_of(lambda: cf.loads(toml_text, format="toml"), few)
    size = f"{n:,} activities, {len(text) / 1e6:.2f} MB JSON"
    return [
        ("io", f"json.loads baseline ({size})", f"{base_load * 1e3:.1f} ms"),
        ("io", "coopframe.loads(json) / json.loads (target <= 4)", f"{load_json / base_load:.2f}x"),
        ("io", "coopframe.dumps(json) / json.dumps (target <= 2)", f"{dump_json / base_dump:.2f}x"),
        ("io", "coopframe.loads(yaml) / json.loads", f"{load_yaml / base_load:.1f}x"),
        ("io", "coopframe.loads(toml) / json.loads", f"{load_toml / base_load:.1f}x"),
    ]


def bench_evaluate(quick: bool) -> list[Row]:
    """evaluate() at three sizes; growth from 10k to 100k; 10k against json.loads."""
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    rows: list[Row] = []
    times: dict[int, float] = {}
    for n in sizes:
        roadmap = synthetic_roadmap(n, seed=2)
        cf.evaluate(roadmap)  # warm: the roadmap's lazy lookups, imports
        times[n] = best_of(lambda roadmap=roadmap: cf.evaluate(roadmap), 3)
        rows.append(("evaluate", f"evaluate() at {n:,} activities", f"{times[n] * 1e3:.0f} ms"))
        if n == 10_000:
            text = cf.dumps(roadmap, format="json")
            base = best_of(lambda text=text: json.loads(text), 5)
            rows.append(
                (
                    "evaluate",
                    "evaluate() / json.loads of the same roadmap, 10,000 (target <= 5)",
                    f"{times[n] / base:.2f}x",
                )
            )
    if 100_000 in times:
        rows.append(
            (
                "evaluate",
                "growth 10,000 -> 100,000 activities (target <= 12)",
                f"{times[100_000] / times[10_000]:.1f}x",
            )
        )
    return rows


BENCHMARKS: dict[str, Callable[[bool], list[Row]]] = {
    "io": bench_io,
    "evaluate": bench_evaluate,
}


def _discover() -> None:
    """Add every ``benchmarks/bench_<name>.py`` whose ``run(quick) -> list[Row]`` is defined."""
    import importlib.util

    for path in sorted(Path(__file__).parent.glob("bench_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        BENCHMARKS[path.stem.removeprefix("bench_")] = module.run


_discover()


def render(rows: list[Row]) -> str:
    """The results as a Markdown table."""
    lines = ["| benchmark | measured | result |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help=f"which benchmarks: {', '.join(BENCHMARKS)}")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, fewer repeats")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(BENCHMARKS))
    if unknown:
        parser.error(f"unknown benchmarks {unknown}; choose from {', '.join(BENCHMARKS)}")
    rows: list[Row] = []
    for name in args.names or list(BENCHMARKS):
        print(f"running {name} ...", file=sys.stderr)
        rows.extend(BENCHMARKS[name](args.quick))
    table = render(rows)
    print(table)
    if args.output:
        args.output.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
