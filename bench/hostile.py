# SPDX-License-Identifier: MIT
"""Benchmark of hostile text: repeating shapes that made the checks take minutes.

Each shape ("word." repeated, dots in a URL, hashtags, @ signs, brackets, emoji, a line
without a space ...) is checked at 1, 10 and 100 KB with every family on. A family whose
time grows with the square of the text shows as a ratio near 100 per tenfold size; a
linear one near 10. Before issue 15, 3,000 characters of "word." took 60 s.
"""

from __future__ import annotations

import checks
from bench.timing import Row, median_ms

SHAPES = {
    "word.": "word.", "a.": "a.", "www.": "www.", "#a": "#a", "a-": "a-", "(": "(",
    "@": "@", "emoji": "\U0001f389", "+44 ": "+44 ", "no space": "x",
    "prose": "Our team buys goods and services for the councils. ",
}  # fmt: skip


def _text(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def run(quick: bool) -> list[Row]:
    """Rows: the worst shape's time at each size, and each shape's 100 KB time and ratio."""
    policy = checks.default_policy()
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    repeat = 1 if quick else 3
    times: dict[str, list[float]] = {}
    for name, unit in SHAPES.items():
        times[name] = []
        for size in sizes:
            text = _text(unit, size)
            times[name].append(
                median_ms(
                    lambda t=text: checks.check(  # type: ignore[misc]
                        t, policy=policy, platforms=("x", "linkedin", "website")
                    ),
                    repeat,
                    warmup=1,
                )
            )
    rows: list[Row] = []
    for index, size in enumerate(sizes):
        worst = max(times, key=lambda n: times[n][index])
        rows.append((f"worst shape at {size // 1000} KB ({worst!r})", times[worst][index], ""))
    for name, row in times.items():
        ratio = row[-1] / max(row[-2], 0.01)
        rows.append((f"{name!r} at {sizes[-1] // 1000} KB", row[-1], f"{ratio:.0f}x the tenth"))
    return rows
