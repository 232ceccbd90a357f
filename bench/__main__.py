"""Benchmarks: policy load, a 280-character post, a 10,000-word article; medians and ratios.

Run with ``python -m bench`` (or ``bash scripts/bench.sh``). proselint runs on the same
texts in the same process, so the ratio is fair on a noisy shared machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import checks
from bench.texts import POST, article


def median_ms(func: Callable[[], object], repeat: int, warmup: int = 2) -> float:
    """Median wall time of ``func`` in milliseconds over ``repeat`` runs."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def proselint_linter() -> Callable[[str], object] | None:
    """A function that lints a text with every proselint check, or None without proselint."""
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        return None
    CheckRegistry().register_many(__register__)
    config = {**DEFAULT, "max_errors": 10**9}
    return lambda text: LintFile("bench", text).lint(config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args(argv)
    scale = 5 if args.quick else 1
    policy = checks.load_policy()
    long_text = article()
    rows: list[tuple[str, float, str]] = []

    load = median_ms(checks.load_policy, 20 // scale)
    rows.append(("policy load", load, "target < 200 ms"))
    post = median_ms(lambda: checks.check(POST, policy=policy), 2000 // scale, warmup=20)
    rows.append((f"check 280-char post ({len(POST)} chars)", post, "target < 2 ms"))
    big = median_ms(lambda: checks.check(long_text, policy=policy), 30 // scale)
    rows.append((f"check 10,000-word article ({len(long_text)} chars)", big, "target < 50 ms"))

    lint = proselint_linter()
    if lint is not None:
        p_post = median_ms(lambda: lint(POST), 200 // scale, warmup=3)
        p_big = median_ms(lambda: lint(long_text), 5 if not args.quick else 2, warmup=1)
        rows.append(("proselint 280-char post", p_post, f"STAR is {p_post / post:.1f}x faster"))
        rows.append(("proselint 10,000-word article", p_big, f"STAR is {p_big / big:.1f}x faster"))

    findings = len(checks.check(long_text, policy=policy).findings)
    print(f"STAR Desktop engine benchmark (Python {sys.version.split()[0]}, medians)")
    for name, value, note in rows:
        print(f"  {name:48} {value:9.3f} ms   {note}")
    print(
        f"  findings in the article: {findings}; rules: {len(policy.rules)}; "
        f"literal terms: {len(policy.lexicon)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
