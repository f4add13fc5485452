"""Memory held by a loaded roadmap, per activity, against the same data as plain dictionaries.

Each figure comes from a fresh interpreter that reads the JSON text of
``synthetic_roadmap(100_000)`` and measures, with :mod:`tracemalloc`, the memory still held
after ``coopframe.loads`` (the roadmap and its lookups) or ``json.loads`` (dicts, lists and
strings). Target: coopframe within 1.5x of the dictionaries.

Run with ``python benchmarks/run.py memory`` (``--quick``: 20,000 activities).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import coopframe as cf
from coopframe.synthetic import synthetic_roadmap

Row = tuple[str, str, str]

_MEASURE = textwrap.dedent(
    """
    import gc, json, sys, tracemalloc
    import coopframe as cf

    text = open(sys.argv[1], encoding="utf-8").read()
    kind = sys.argv[2]
    gc.collect()
    tracemalloc.start()
    if kind == "coopframe":
        held = cf.loads(text, format="json")
    else:
        held = json.loads(text)
    gc.collect()
    current = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    if kind == "coopframe":
        tracemalloc.start()
        index = held._index
        for name in ("by_axis", "by_agency", "dependents", "by_party"):
            getattr(index, name)
        gc.collect()
        groupings = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        activity = held.activities[0]
        lookups = sum(
            sys.getsizeof(getattr(index, name))
            for name in ("parties", "agencies", "axes", "activities", "sources")
        )
        print(json.dumps({
            "bytes": current,
            "groupings": groupings,
            "lookups": lookups,
            "activity": sys.getsizeof(activity),
            "slots": not hasattr(activity, "__dict__"),
        }))
    else:
        print(json.dumps({"bytes": current}))
    """
)


def _measure(path: Path, kind: str) -> dict[str, int]:
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), kind],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    result: dict[str, int] = json.loads(output)
    return result


def run(quick: bool) -> list[Row]:
    """Bytes per activity held by coopframe.loads and by json.loads, and their ratio."""
    n = 20_000 if quick else 100_000
    text = cf.dumps(synthetic_roadmap(n, seed=1), format="json")
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "roadmap.json"
        path.write_text(text, encoding="utf-8")
        ours = _measure(path, "coopframe")
        plain = _measure(path, "json")
    per = ours["bytes"] / n
    base = plain["bytes"] / n
    return [
        ("memory", f"json.loads dicts, {n:,} activities", f"{base:,.0f} B/activity"),
        ("memory", "coopframe.loads roadmap", f"{per:,.0f} B/activity"),
        ("memory", "coopframe / json.loads dicts (target <= 1.5)", f"{per / base:.2f}x"),
        ("memory", "of which lookups by id (dicts)", f"{ours['lookups'] / n:,.0f} B/activity"),
        (
            "memory",
            "groupings built on first use (by axis, agency, ...)",
            f"+{ours['groupings'] / n:,.0f} B/activity",
        ),
        (
            "memory",
            "one Activity instance (slots: {})".format("yes" if ours["slots"] else "no"),
            f"{ours['activity']} B",
        ),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(" | ".join(row))
