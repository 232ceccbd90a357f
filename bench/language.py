# SPDX-License-Identifier: MIT
"""Spelling and grammar benchmarks: start-up, a post and an article, Harper alone beside."""

from __future__ import annotations

import datetime
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import harper

import checks
from bench.texts import POST, unseen_article
from bench.timing import Row, median_ms
from checks.adapters import harper_linter
from checks.adapters.enchant_speller import EnchantSpeller
from checks.adapters.harper_linter import HarperLinter, batches, paragraphs
from checks.families.grammar import Grammar
from checks.families.spelling import Spelling
from checks.rules import Context
from checks.text import Document


def _once(func: Callable[[], object]) -> float:
    return median_ms(func, 1, warmup=0)


def _unique_article() -> str:
    """The article with every paragraph numbered, so no two paragraphs are alike."""
    return unseen_article(0)


def _grammar(policy: checks.Policy) -> Grammar:
    return next(c for c in policy.checkers if isinstance(c, Grammar))


def _policy_with(grammar_settings: str) -> checks.Policy:
    """The shipped policy with ``[grammar]`` settings laid over it."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "grammar.toml"
        path.write_text(f"[grammar]\n{grammar_settings}\n", encoding="utf-8")
        return checks.load_policy(path)


@contextmanager
def _one_batch() -> Iterator[None]:
    """Lint every new paragraph in one Harper call, as before batching."""
    saved = harper_linter.BATCH_CHARS
    harper_linter.BATCH_CHARS = 10**12
    try:
        yield
    finally:
        harper_linter.BATCH_CHARS = saved


def _raw_harper(enabled: frozenset[str] | None) -> harper.Linter:
    """A bare ``harper.Linter``, British, with the family's rules (None: every default)."""
    linter = harper.Linter(harper.Dialect.BRITISH)
    defaults = linter.get_default_lint_config()
    config: dict[str, bool | None]
    if enabled is None:
        config = {k: (v and k != "SpellCheck") for k, v in defaults.items()}
    else:
        config = {k: k in enabled and k != "SpellCheck" for k in defaults}
    linter.set_lint_config(config)
    return linter


def _lint_all(linter: harper.Linter, texts: list[str]) -> None:
    for text in texts:
        linter.organized_lints(text, language="plaintext")


def _lint_on_threads(linters: list[harper.Linter], texts: list[str]) -> None:
    """Each linter on its own thread takes the next text until none is left."""
    pending = iter(texts)
    lock = threading.Lock()

    def work(linter: harper.Linter) -> None:
        while True:
            with lock:
                text = next(pending, None)
            if text is None:
                return
            linter.organized_lints(text, language="plaintext")

    threads = [threading.Thread(target=work, args=(x,)) for x in linters[1:]]
    for thread in threads:
        thread.start()
    work(linters[0])
    for thread in threads:
        thread.join()


def run(quick: bool) -> list[Row]:
    """Rows of (label, median ms, note) for `python -m bench`."""
    scale = 5 if quick else 1
    big_repeat = 7 // scale + 1
    rows: list[Row] = []

    rows.append(("enchant en_GB start-up", _once(EnchantSpeller("en_GB").load), "once"))
    harper_start = _once(HarperLinter().load)
    rows.append(("Harper start-up (first linter: its dictionary)", harper_start, "once"))
    second = _once(HarperLinter().load)
    rows.append(("Harper start-up, another linter", second, "once; dictionary shared"))

    policy = checks.load_policy()
    spelling = next(c for c in policy.checkers if isinstance(c, Spelling))
    grammar = _grammar(policy)
    spelling.prepare()
    grammar.prepare()
    before = _policy_with('harper_enabled = ["*"]\nharper_threads = 1')  # the old settings
    _grammar(before).prepare()
    single = _policy_with("harper_threads = 1")
    _grammar(single).prepare()
    threads = grammar.harper.threads
    long_text = _unique_article()
    words = len(long_text.split())

    def family(checker: Spelling | Grammar, text: str) -> Callable[[], object]:
        ctx = Context(Document(text), {}, datetime.date.today())
        return lambda: list(checker.run(ctx))

    def cold(pol: checks.Policy, func: Callable[[], object]) -> Callable[[], object]:
        def run_cold() -> object:
            _grammar(pol).harper.clear_cache()  # every paragraph new, as on opening a file
            return func()

        return run_cold

    post_pair = median_ms(
        cold(policy, lambda: (family(spelling, POST)(), family(grammar, POST)())), 200 // scale
    )
    rows.append(("spelling + grammar, 280-char post", post_pair, "grammar cold"))
    post_all = median_ms(cold(policy, lambda: checks.check(POST, policy=policy)), 200 // scale)
    rows.append(("every family, 280-char post", post_all, "grammar cold; target < 8 ms"))

    spell_big = median_ms(family(spelling, long_text), big_repeat)
    rows.append((f"spelling, {words}-word article", spell_big, "dictionary warm"))
    grammar_big = median_ms(cold(policy, family(grammar, long_text)), big_repeat)
    rows.append(
        (f"grammar, {words}-word article", grammar_big, f"cold, {threads} threads (the setting)")
    )
    grammar_single = median_ms(cold(single, family(_grammar(single), long_text)), big_repeat)
    rows.append(
        ("  on 1 thread", grammar_single, f"{threads}/1 thread {grammar_big / grammar_single:.2f}x")
    )
    with _one_batch():
        grammar_before = median_ms(cold(before, family(_grammar(before), long_text)), big_repeat)
    rows.append(
        (
            "  before: every Harper rule, one call, 1 thread",
            grammar_before,
            f"before/after {grammar_before / grammar_big:.1f}x",
        )
    )
    all_big = median_ms(cold(policy, lambda: checks.check(long_text, policy=policy)), big_repeat)
    rows.append((f"every family, {words}-word article", all_big, "grammar cold; target < 250 ms"))
    with _one_batch():
        all_before = median_ms(
            cold(before, lambda: checks.check(long_text, policy=before)), big_repeat
        )
    rows.append(("  before: every Harper rule, one call", all_before, "grammar cold"))
    all_single = median_ms(cold(single, lambda: checks.check(long_text, policy=single)), big_repeat)
    rows.append(("  grammar on 1 thread", all_single, "grammar cold"))
    edited = long_text.replace("Part 7 of", "Part seven of", 1)
    family(grammar, long_text)()
    warm = median_ms(family(grammar, edited), 10 // scale + 1, warmup=0)
    rows.append(("grammar, article with one paragraph edited", warm, "cached paragraphs"))

    # Harper alone, on the same texts, with the family's rules and batches.
    enabled = grammar.harper.enabled
    raw = _raw_harper(enabled)
    parts = [long_text[a:b] for a, b in paragraphs(long_text)]
    joined = ["\n\n".join(group) for group in batches(parts)]
    raw_post = median_ms(lambda: _lint_all(raw, [POST]), 200 // scale)
    post_grammar = median_ms(cold(policy, family(grammar, POST)), 200 // scale)
    rows.append(
        ("Harper alone, 280-char post", raw_post, f"family/alone {post_grammar / raw_post:.2f}x")
    )
    raw_big = median_ms(lambda: _lint_all(raw, joined), big_repeat)
    rows.append(
        (
            "Harper alone, article",
            raw_big,
            f"family/alone {grammar_single / raw_big:.2f}x, 1 thread",
        )
    )
    raw_one = median_ms(lambda: _lint_all(raw, ["\n\n".join(parts)]), big_repeat)
    rows.append(("  the same in one call", raw_one, f"one call/batches {raw_one / raw_big:.2f}x"))
    pair = [raw, _raw_harper(enabled)]
    raw_threads = median_ms(lambda: _lint_on_threads(pair, joined), big_repeat)
    rows.append(
        (
            "  the same on 2 threads, 2 linters",
            raw_threads,
            f"2/1 {raw_threads / raw_big:.2f}x; family/alone {grammar_big / raw_threads:.2f}x",
        )
    )
    every = _raw_harper(None)
    raw_every = median_ms(lambda: _lint_all(every, joined), big_repeat)
    rows.append(("  every default rule", raw_every, f"every/enabled {raw_every / raw_big:.2f}x"))
    return rows


if __name__ == "__main__":
    for label, value, note in run(quick=False):
        print(f"  {label:52} {value:9.3f} ms   {note}")
