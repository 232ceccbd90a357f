# SPDX-License-Identifier: MIT
"""Platform lengths: X's weighted length (twitter-text v3), LinkedIn, website.

Placeholder: the family is being written; no shipped rule uses this kind yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checks.lexicon import Lexicon
from checks.rules import Checker, Context, Rule

KIND = "length"


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Checker:
    """Not written yet."""
    raise NotImplementedError(KIND)


def measure(ctx: Context, data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-platform lengths for ``Report.lengths`` (placeholder: none yet)."""
    del ctx, data
    return {}
