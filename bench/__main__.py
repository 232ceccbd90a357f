"""Benchmarks: medians of the engine, the language layer and storage, with ratios to peers.

Run with ``python -m bench`` (or ``bash scripts/bench.sh``); ``--quick`` repeats less.
proselint runs on the same texts in the same process, so the ratio is fair on a noisy
shared machine. Each module of ``bench`` with a ``run(quick)`` function adds its rows.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import checks
from bench.texts import POST, article, unseen_article
from bench.timing import Row, median_ms
from checks.families import length, plain_english

#: Families of the language layer; the compliance rows run without them.
LANGUAGE_FAMILIES = ("spelling", "grammar", "plain-english", "length")

#: Modules of this package that add rows, in the order printed.
SECTIONS = (
    "hostile",
    "length",
    "plain_english",
    "language",
    "accessibility",
    "learned",
    "drafts",
    "packs",
    "storage",
    "calendar",
    "team",
    "ui_typing",
    "bundle",
)


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


@contextlib.contextmanager
def without_measures() -> Iterator[None]:
    """Leave ``Report.lengths`` and ``metrics`` empty, to time the compliance checkers alone."""
    saved = {module: module.measure for module in (length, plain_english)}
    for module in saved:
        setattr(module, "measure", lambda ctx, data: {})  # noqa: B010
    try:
        yield
    finally:
        for module, measure in saved.items():
            setattr(module, "measure", measure)  # noqa: B010


_COLD_LOAD = (
    "import time, checks; t = time.perf_counter(); policy = checks.load_policy(); "
    "u = time.perf_counter(); checks.check(text, policy=policy); "
    "print((u - t) * 1000, (time.perf_counter() - u) * 1000)"
)


def cold_start_ms(repeat: int) -> tuple[float, float]:
    """Medians, in new interpreters, of the first policy load and the first check of a post.

    The first check builds what loads lazily: the en_GB dictionary, Harper, the CMU
    dictionary, the word segmenter. Imports are not counted.
    """
    loads, checks_ = [], []
    for _ in range(max(repeat, 1)):
        out = subprocess.run(
            [sys.executable, "-c", f"text = {POST!r}; {_COLD_LOAD}"],
            capture_output=True,
            text=True,
            check=True,
        )
        load, first = out.stdout.strip().splitlines()[-1].split()
        loads.append(float(load))
        checks_.append(float(first))
    return statistics.median(loads), statistics.median(checks_)


def compliance_policy() -> checks.Policy:
    """The shipped policy with the language families switched off."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "compliance-only.toml"
        disabled = ", ".join(f'"{family}"' for family in LANGUAGE_FAMILIES)
        path.write_text(f"[settings]\ndisabled = [{disabled}]\n", encoding="utf-8")
        return checks.load_policy(path)


def engine_rows(quick: bool) -> list[Row]:
    """Policy load, a post and an article: compliance families, then every family."""
    scale = 5 if quick else 1
    long_text = article()
    rows: list[Row] = []
    cold, first = cold_start_ms(7 // (2 if quick else 1))
    rows.append(("policy load, fresh process (every family)", cold, "target < 200 ms"))
    rows.append(("first check, fresh process (builds the lazy parts)", first, "off the UI thread"))
    load = median_ms(checks.load_policy, 20 // scale)
    rows.append(("policy load, again in the same process", load, "re's cache warm"))

    compliance = compliance_policy()
    with without_measures():
        post = median_ms(lambda: checks.check(POST, policy=compliance), 2000 // scale, warmup=20)
        big = median_ms(lambda: checks.check(long_text, policy=compliance), 30 // scale)
    rows.append((f"compliance families: 280-char post ({len(POST)} chars)", post, "target < 2 ms"))
    rows.append(("compliance families: 10,000-word article", big, "target < 50 ms"))

    lint = proselint_linter()
    if lint is not None:
        p_post = median_ms(lambda: lint(POST), 200 // scale, warmup=3)
        p_big = median_ms(lambda: lint(long_text), 5 if not quick else 2, warmup=1)
        rows.append(("proselint: 280-char post", p_post, f"STAR is {p_post / post:.1f}x faster"))
        rows.append(("proselint: 10,000-word article", p_big, f"STAR is {p_big / big:.1f}x faster"))

    full = checks.load_policy()
    checks.check(POST, policy=full)  # first check builds the dictionary and Harper
    post_all = median_ms(lambda: checks.check(POST, policy=full), 1000 // scale, warmup=10)
    rows.append(("every family: 280-char post", post_all, "target < 8 ms"))
    repeat = 12 // scale
    fresh = iter([unseen_article(run) for run in range(repeat + 1)])
    cold_all = median_ms(lambda: checks.check(next(fresh), policy=full), repeat, warmup=1)
    rows.append(("every family: 10,000-word article, all new", cold_all, "target < 250 ms"))
    big_all = median_ms(lambda: checks.check(long_text, policy=full), 20 // scale)
    rows.append(("every family: same article again (cached)", big_all, "while editing"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument(
        "--only", choices=("engine", *SECTIONS), action="append", help="run only these sections"
    )
    args = parser.parse_args(argv)
    wanted = args.only or ["engine", *SECTIONS]
    print(f"STAR Desktop benchmarks (Python {sys.version.split()[0]}, medians in ms)")
    for section in wanted:
        if section == "engine":
            rows = engine_rows(args.quick)
        elif importlib.util.find_spec(f"bench.{section}") is None:
            print(f"[{section}] no benchmark module yet")
            continue
        else:
            rows = importlib.import_module(f"bench.{section}").run(args.quick)
        print(f"[{section}]")
        for name, value, note in rows:
            print(f"  {name:52} {value:10.3f}   {note}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
