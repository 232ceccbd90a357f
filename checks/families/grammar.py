# SPDX-License-Identifier: MIT
"""Grammar: Harper in process by default, LanguageTool where configured.

Placeholder: the family is being written; no shipped rule uses this kind yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from checks.lexicon import Lexicon
from checks.rules import Checker, Rule

KIND = "grammar"


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Checker:
    """Not written yet."""
    raise NotImplementedError(KIND)
