# SPDX-License-Identifier: MIT
"""Findings, severities and the report that `checks.check` returns."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.Enum):
    """How much a finding matters: ``block`` stops approval, the others inform."""

    BLOCK = "block"
    WARN = "warn"
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        """Sort key: block first."""
        return {"block": 0, "warn": 1, "advice": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a text: a span, the rule that found it and how to fix it.

    ``rule`` is the family id of DESIGN.md (``personal-data``); ``check`` is the dotted
    id of the rule entry that fired (``personal-data.phone``). ``start`` and ``end`` are
    Python string offsets into the checked text. ``suggestions`` are what the author is
    offered; ``replacements`` are those of them (or others) that can stand in the text in
    place of the span as they are, an empty string meaning "delete the span": the editor's
    fix button applies them, while a suggestion such as "Rephrase neutrally" stays advice.
    ``part`` says which part of a draft the offsets are in: ``"text"`` (the body, and
    everything `checks.check` returns) or ``"title"`` (the drafts service checks a
    draft's title too, and marks those findings so).
    """

    rule: str
    check: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    clause: str
    suggestions: tuple[str, ...] = ()
    replacements: tuple[str, ...] = ()
    part: str = "text"

    def sort_key(self) -> tuple[int, int, str, str]:
        """Order by position, then rule, so output never depends on rule order."""
        return (self.start, self.end, self.rule, self.check)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object `check --format json` prints for this finding.

        A title finding also carries ``"part": "title"``.
        """
        out: dict[str, Any] = {
            "rule": self.rule,
            "check": self.check,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "clause": self.clause,
            "suggestions": list(self.suggestions),
            "replacements": list(self.replacements),
        }
        if self.part != "text":
            out["part"] = self.part
        return out


@dataclass(frozen=True, slots=True)
class Report:
    """Everything `checks.check` found in one text."""

    text: str
    findings: list[Finding]
    lengths: dict[str, dict[str, Any]] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)

    @property
    def blocking(self) -> list[Finding]:
        """Findings that stop a post from being submitted."""
        return [f for f in self.findings if f.severity is Severity.BLOCK]

    def counts(self) -> dict[str, int]:
        """Number of findings per severity value, every severity present."""
        counts = {s.value: 0 for s in Severity}
        for finding in self.findings:
            counts[finding.severity.value] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """Exactly the object that `star-desktop check --format json` prints."""
        return {
            "findings": [f.to_dict() for f in self.findings],
            "lengths": self.lengths,
            "metrics": self.metrics,
        }
