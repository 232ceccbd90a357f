# SPDX-License-Identifier: MIT
"""Plain English: sentence length, reading age, passive voice, abbreviations.

Placeholder: the family is being written; no shipped rule uses this kind yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checks.lexicon import Lexicon
from checks.rules import Checker, Context, Rule

KIND = "plain-english"


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Checker:
    """Not written yet."""
    raise NotImplementedError(KIND)


def measure(ctx: Context, data: Mapping[str, Any]) -> dict[str, Any]:
    """Document figures for ``Report.metrics`` (placeholder: none yet)."""
    del ctx, data
    return {}
