# SPDX-License-Identifier: MIT
"""Spelling and grammar benchmarks: start-up costs, a post and an article, raw Harper beside."""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable

import checks
from bench.texts import POST, article
from checks.adapters.enchant_speller import EnchantSpeller
from checks.adapters.harper_linter import HarperLinter
from checks.families.grammar import Grammar
from checks.families.spelling import Spelling
from checks.rules import Context
from checks.text import Document


def _median(func: Callable[[], object], repeat: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _once(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def _unique_article() -> str:
    """The article with every paragraph numbered, so no two paragraphs are alike."""
    parts = article().split("\n\n")
    return "\n\n".join(f"Part {i} of the article. {p}" for i, p in enumerate(parts))


def run(quick: bool) -> list[tuple[str, float, str]]:
    """Rows of (label, median ms, note) for `python -m bench`."""
    scale = 5 if quick else 1
    policy = checks.load_policy()
    spelling = next(c for c in policy.checkers if isinstance(c, Spelling))
    grammar = next(c for c in policy.checkers if isinstance(c, Grammar))
    rows: list[tuple[str, float, str]] = []

    rows.append(("enchant en_GB start-up", _once(EnchantSpeller("en_GB").load), "once"))
    raw = HarperLinter()
    rows.append(("Harper linter start-up", _once(raw.load), "once, about a second"))
    spelling.prepare()
    grammar.prepare()

    def run_family(checker: Spelling | Grammar, text: str) -> Callable[[], object]:
        doc = Document(text)
        ctx = Context(doc, {}, datetime.date.today())
        return lambda: list(checker.run(ctx))

    long_text = _unique_article()

    def post_cold() -> object:
        grammar.harper.clear_cache()  # each keystroke makes a new paragraph
        return run_family(spelling, POST)(), run_family(grammar, POST)()

    post_both = _median(post_cold, 200 // scale, 5)
    rows.append(("spelling + grammar, 280-char post", post_both, "target < 6 ms"))

    def cold_grammar() -> object:
        grammar.harper.clear_cache()
        return run_family(grammar, long_text)()

    words = len(long_text.split())
    big_spell = _median(run_family(spelling, long_text), 10 // scale + 1)
    big_grammar = _median(cold_grammar, 6 // scale + 1)
    rows.append((f"spelling, {words}-word article", big_spell, "dictionary warm"))
    rows.append((f"grammar, {words}-word article, cold", big_grammar, "every paragraph linted"))
    rows.append(
        (
            f"spelling + grammar, {words}-word article",
            big_spell + big_grammar,
            "target < 200 ms",
        )
    )
    edited = long_text.replace("Part 7 of", "Part seven of", 1)
    run_family(grammar, long_text)()
    warm = _median(lambda: run_family(grammar, edited)(), 10 // scale + 1, 0)
    rows.append(("grammar, article with one paragraph edited", warm, "cached paragraphs"))

    raw.load()

    def raw_post_cold() -> object:
        raw.clear_cache()
        return raw.lint(POST)

    raw_post = _median(raw_post_cold, 200 // scale, 5)

    def raw_cold() -> object:
        raw.clear_cache()
        return raw.lint(long_text)

    raw_big = _median(raw_cold, 6 // scale + 1)

    def post_grammar_cold() -> object:
        grammar.harper.clear_cache()
        return run_family(grammar, POST)()

    post_grammar = _median(post_grammar_cold, 200 // scale, 5)
    rows.append(
        ("raw Harper, 280-char post", raw_post, f"family/raw {post_grammar / raw_post:.2f}x")
    )
    rows.append(("raw Harper, article", raw_big, f"family/raw {big_grammar / raw_big:.2f}x"))
    return rows


if __name__ == "__main__":
    for label, value, note in run(quick=False):
        print(f"  {label:48} {value:9.3f} ms   {note}")
