# SPDX-License-Identifier: MIT
"""Render a check report for a terminal: one block per finding, with line and column."""

from __future__ import annotations

import bisect
import textwrap

from checks import Report

_LABEL = {"block": "BLOCK", "warn": "warn ", "advice": "advice"}


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` starts."""
    starts = [0]
    starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")
    return starts


def render(report: Report, name: str, *, width: int = 88) -> str:
    """The report as readable text, ending with a one-line summary."""
    starts = line_starts(report.text)
    out: list[str] = []
    indent = "    "
    for finding in report.findings:
        row = bisect.bisect_right(starts, finding.start) - 1
        column = finding.start - starts[row] + 1
        excerpt = " ".join(finding.text.split())
        if len(excerpt) > 60:
            excerpt = excerpt[:57] + "..."
        out.append(
            f"{name}:{row + 1}:{column}: {_LABEL[finding.severity.value]} "
            f"{finding.check}  \u201c{excerpt}\u201d"
        )
        for label, value in (
            ("", finding.message),
            ("Policy: ", finding.clause),
            ("Fix: ", "; ".join(finding.suggestions)),
        ):
            if value:
                out.append(
                    textwrap.fill(
                        label + value,
                        width=width,
                        initial_indent=indent,
                        subsequent_indent=indent + "  ",
                    )
                )
    counts = report.counts()
    blocking = counts["block"]
    verdict = (
        "Ready for approval"
        if not blocking
        else f"{blocking} blocking issue{'s' if blocking != 1 else ''}"
    )
    out.append(
        f"{name}: {verdict} ({counts['block']} block, {counts['warn']} warn, "
        f"{counts['advice']} advice)"
    )
    return "\n".join(out) + "\n"
