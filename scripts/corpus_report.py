"""Print the corpus table, every miss and every false alarm: `python scripts/corpus_report.py`."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checks
from tests.checks.corpus import CORPUS, load_posts, score

result = score(load_posts(), checks.load_policy(CORPUS / "admin-policy.toml"))
print(result.table())
print("\nMISSES")
for post, rule in result.misses:
    print(f"  {post}: {rule}")
print("\nFALSE ALARMS")
for post, check, text in result.false_alarms:
    print(f"  {post}: {check} {text!r}")
