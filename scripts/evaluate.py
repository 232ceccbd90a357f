# SPDX-License-Identifier: MIT
"""Score the checker on a labelled corpus folder: recall with 95% bounds, precision, clean blocked.

    .venv/bin/python scripts/evaluate.py tests/corpus/validation [--misses]

``--misses`` lists the posts missed and the false alarms, for the development, training
and validation sets only: it refuses the frozen evaluation set, whose misses must never
guide a rule, a threshold or a training example.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import checks  # noqa: E402
from tests.checks.corpus import CORPUS, load_posts, score  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="list misses and false alarms")
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    if args.misses and folder == (CORPUS / "frozen").resolve():
        parser.error(
            "the frozen evaluation set's misses are not shown (see tests/corpus/LABELS.md)"
        )
    posts = load_posts(folder)
    result = score(posts, checks.load_policy(CORPUS / "admin-policy.toml"))
    print(f"{folder.relative_to(ROOT)}: {len(posts)} posts")
    print(result.table())
    if args.misses:
        texts = {p.id: p.text for p in posts}
        for post_id, rule in result.misses:
            print(f"MISS {rule:22} {post_id}: {texts[post_id][:160]!r}")
        for post_id, check, text in result.false_alarms:
            if not check.startswith(("plain-english", "spelling", "grammar")):
                print(f"FALSE {check:30} {post_id}: {text[:100]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
