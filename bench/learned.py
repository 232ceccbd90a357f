# SPDX-License-Identifier: MIT
"""Benchmark of the learned layer: model load, a post, an article, and its share of a check."""

from __future__ import annotations

import datetime as dt

from bench.__main__ import compliance_policy, without_measures
from bench.texts import POST, article
from bench.timing import Row, median_ms
from checks.engine import check
from checks.families.learned import Classifier, Model, model_path
from checks.rules import Context
from checks.text import Document


def _run(classifier: Classifier, text: str) -> None:
    ctx = Context(Document(text), {}, dt.date(2026, 12, 1), ("x",))
    list(classifier.run(ctx))


def run(quick: bool) -> list[Row]:
    """Rows: model load; classifier alone on a post and an article; compliance with and without."""
    scale = 5 if quick else 1
    policy = compliance_policy()
    classifier = next(c for c in policy.checkers if isinstance(c, Classifier))
    long_text = article()
    load = median_ms(lambda: Model.load(model_path(policy.data)), 10 // scale)
    post = median_ms(lambda: _run(classifier, POST), 1000 // scale, warmup=10)
    big = median_ms(lambda: _run(classifier, long_text), 20 // scale)
    with without_measures():
        with_post = median_ms(lambda: check(POST, policy=policy), 1000 // scale, warmup=10)
        with_big = median_ms(lambda: check(long_text, policy=policy), 20 // scale)
    return [
        ("model load (JSON into dicts)", load, "once per policy load"),
        (
            "classifier alone: 280-char post",
            post,
            f"{post / with_post:.0%} of the compliance check",
        ),
        (
            "classifier alone: 10,000-word article",
            big,
            f"{big / with_big:.0%} of the compliance check",
        ),
        ("compliance families with it: 280-char post", with_post, "target < 2 ms"),
        ("compliance families with it: 10,000-word article", with_big, "target < 50 ms"),
    ]
