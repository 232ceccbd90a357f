# SPDX-License-Identifier: MIT
"""British spelling through pyenchant's en_GB dictionary and the STAR word list.

Placeholder: the family is being written; no shipped rule uses this kind yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checks.lexicon import Lexicon
from checks.rules import Checker, Rule

KIND = "spelling"


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Checker:
    """Not written yet."""
    raise NotImplementedError(KIND)
