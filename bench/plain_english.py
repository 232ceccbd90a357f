# SPDX-License-Identifier: MIT
"""Benchmark of the plain-english family and the document metrics, and the dictionary load."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from typing import Any

import checks
from bench.texts import POST, article
from checks.families import plain_english
from checks.readability import SYLLABLES, SyllableCounter
from checks.rules import Context
from checks.text import Document


def run(quick: bool) -> list[tuple[str, float, str]]:
    """Rows of (label, median milliseconds, note) for ``python -m bench``.

    Each timed run builds a fresh `Document` (so words and sentences are found again) and
    runs the family's checker and `plain_english.measure`; the shared lexicon scan, which
    the engine does once for every family, is made beforehand.
    """
    scale = 5 if quick else 1
    policy = checks.load_policy()
    [checker] = [c for c in policy.checkers if isinstance(c, plain_english.PlainEnglish)]
    SYLLABLES.table()  # the shared dictionary is loaded before the timed runs

    def family(text: str) -> tuple[float, int, dict[str, Any]]:
        doc = Document(text)
        hits = policy.lexicon.scan(doc)
        ctx = Context(doc, hits, dt.date(2026, 12, 1), ("x",), ("residents",))
        start = time.perf_counter()
        findings = list(checker.run(ctx))
        metrics = plain_english.measure(ctx, policy.data)
        return (time.perf_counter() - start) * 1000, len(findings), metrics

    def timed(text: str, repeat: int) -> float:
        for _ in range(3):
            family(text)
        return statistics.median(family(text)[0] for _ in range(repeat))

    long_text = article()
    post_ms = timed(POST, 2000 // scale)
    article_ms = timed(long_text, 30 // scale)
    load_ms = statistics.median(_load_ms() for _ in range(1 if quick else 3))
    _, findings, metrics = family(long_text)
    return [
        ("CMU dictionary load (once per process)", load_ms, "lazy, on the first check"),
        (f"plain-english + metrics, post ({len(POST)} chars)", post_ms, "target < 1 ms"),
        (
            f"plain-english + metrics, article ({metrics['words']} words)",
            article_ms,
            f"target < 40 ms; {findings} findings",
        ),
    ]


def _load_ms() -> float:
    counter = SyllableCounter()
    counter.table()
    return counter.load_ms


if __name__ == "__main__":
    for label, value, note in run(quick=False):
        print(f"  {label:52} {value:9.3f} ms   {note}")
