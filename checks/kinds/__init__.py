# SPDX-License-Identifier: MIT
"""Generic rule kinds that policy files name: existence, substitution, proximity."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from checks.kinds import existence, proximity, substitution
from checks.lexicon import Lexicon
from checks.rules import Checker, Rule

KINDS: dict[str, Callable[[Rule, Lexicon], Checker]] = {
    "existence": existence.Existence,
    "substitution": substitution.Substitution,
    "proximity": proximity.Proximity,
}


def kind_names() -> Sequence[str]:
    """The kind names a policy file may use besides ``family``."""
    return sorted(KINDS)
