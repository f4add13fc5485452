"""A one-line progress bar on stderr."""

from __future__ import annotations

import math
import sys
import time
from typing import IO


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
