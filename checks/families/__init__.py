# SPDX-License-Identifier: MIT
"""Rule families whose logic cannot be data: each module exports one ``build`` function.

A policy rule whose ``kind`` names one of these (``kind = "personal-data"``) is handed,
with every other rule of that kind, to the module's ``build(rules, data, lexicon)``,
which validates their options and returns a checker.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from checks.lexicon import Lexicon
from checks.rules import Checker, Rule

Builder = Callable[[Sequence[Rule], Mapping[str, Any], Lexicon], Checker]

#: Modules of this package that define a code kind: each has ``KIND`` and ``build``.
#: Add a module here when you add one.
MODULES: tuple[str, ...] = (
    "elections",
    "tenders",
    "personal_data",
    "offensive",
    "accessibility",
    "acronym",
    "length",
    "plain_english",
    "spelling",
    "grammar",
    "learned",
    "situations",
)


def _load() -> dict[str, Builder]:
    builders: dict[str, Builder] = {}
    for name in MODULES:
        module = importlib.import_module(f"checks.families.{name}")
        builders[module.KIND] = module.build
    return builders


FAMILIES: dict[str, Builder] = _load()
