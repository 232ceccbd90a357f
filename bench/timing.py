"""Timing helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

#: A printed row: what was measured, its median in milliseconds, a note (target, ratio).
Row = tuple[str, float, str]


def median_ms(func: Callable[[], object], repeat: int, warmup: int = 2) -> float:
    """Median wall time of ``func`` in milliseconds over ``repeat`` runs (at least one)."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(max(repeat, 1)):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
