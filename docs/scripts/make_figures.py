"""Render the figures of the documentation into ``docs/img/``, byte for byte reproducibly.

Run from anywhere, with the ``plot`` extra installed::

    python docs/scripts/make_figures.py            # (re)write docs/img/*.svg
    python docs/scripts/make_figures.py --check    # exit 1 if a committed figure is stale

The figures are drawn from the bundled Bolivia–Peru datasets by :mod:`coopframe.plot`. The SVG
files are deterministic for a given matplotlib version: text is drawn as paths with the fonts
matplotlib ships, element ids are salted with a constant (``svg.hashsalt``), and no date or
creator is written.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure

import coopframe as cf
from coopframe import plot

IMG = Path(__file__).resolve().parent.parent / "img"

RC: dict[str, Any] = {
    "svg.hashsalt": "coopframe-docs",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
}
METADATA: dict[str, str | None] = {"Date": None, "Creator": None}


def roadmap(name: str) -> cf.Roadmap:
    """A bundled roadmap."""
    loaded = cf.datasets.load(name)
    if not isinstance(loaded, cf.Roadmap):
        raise TypeError(f"{name} is not a roadmap")
    return loaded


def figures() -> dict[str, Callable[[], Figure]]:
    """File name -> a function drawing that figure."""
    before = roadmap("bolivia-peru-2021-2022")
    current = roadmap("bolivia-peru-2025-2026")
    return {
        "axis-compliance-2021-2022.svg": lambda: plot.axis_compliance_figure(before),
        "agency-network-2025-2026.svg": lambda: plot.agency_network_figure(current, layout="party"),
        "agency-network-2025-2026-spring.svg": lambda: plot.agency_network_figure(current, seed=0),
        "timeline-2025-2026.svg": lambda: plot.timeline_figure(current),
        "timeline-2021-2022.svg": lambda: plot.timeline_figure(before),
        "scores-2021-2022.svg": lambda: plot.scores_figure(cf.evaluate(before)),
    }


def render(draw: Callable[[], Figure]) -> bytes:
    """The SVG bytes of one figure, drawn and saved under the fixed settings."""
    with matplotlib.rc_context(RC):  # type: ignore[arg-type]
        figure = draw()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata=METADATA)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the files in docs/img, write nothing"
    )
    parser.add_argument("--out", type=Path, default=IMG, help="folder to write (default docs/img)")
    options = parser.parse_args(argv)
    stale = []
    options.out.mkdir(parents=True, exist_ok=True)
    for name, draw in figures().items():
        content = render(draw)
        target = options.out / name
        if options.check:
            if not target.is_file() or target.read_bytes() != content:
                stale.append(name)
            continue
        target.write_bytes(content)
        print(f"wrote {target} ({len(content) // 1024} KiB)")
    if stale:
        print("stale figures (run docs/scripts/make_figures.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
