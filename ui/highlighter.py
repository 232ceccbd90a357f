# SPDX-License-Identifier: MIT
"""Underlines for findings, by severity, and the shade over text past X's limit."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument

from checks import Finding, Severity
from ui.style import LOOKS, overflow_colour

_ORDER = {Severity.ADVICE: 0, Severity.WARN: 1, Severity.BLOCK: 2}  # worst drawn last


@dataclass(slots=True)
class Mark:
    """A finding placed in the document: positions in UTF-16 units, kept up to date."""

    start: int
    end: int
    finding: Finding


class FindingsHighlighter(QSyntaxHighlighter):
    """Draw the findings of the last check, moving them as the author types.

    Positions are document positions. An edit shifts the marks after it and drops the
    marks it touches, so underlines stay on their words until the next check arrives.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.marks: list[Mark] = []
        self.overflow_from: int | None = None
        self._index(())
        document.contentsChange.connect(self._on_contents_change)

    # public

    def set_marks(self, marks: list[Mark], overflow_from: int | None) -> None:
        """Show ``marks`` and shade from ``overflow_from`` to the end (None: no shade)."""
        before, shade_before = self.marks, self.overflow_from
        self.marks = sorted(marks, key=lambda m: (_ORDER[m.finding.severity], m.start))
        self.overflow_from = overflow_from
        self._index(self.marks)
        if shade_before != overflow_from:
            self.rehighlight()
            return
        # Only the paragraphs whose marks came or went are drawn again: on a long
        # article a check no longer repaints every paragraph on the window's thread.
        document = self.document()
        blocks: set[int] = set()
        for mark in (*before, *self.marks):
            first = document.findBlock(mark.start).blockNumber()
            last = document.findBlock(max(mark.start, mark.end - 1)).blockNumber()
            blocks.update(range(first, last + 1))
        for number in sorted(blocks):
            block = document.findBlockByNumber(number)
            self.rehighlightBlock(block)

    def marks_at(self, position: int) -> list[Mark]:
        """Marks covering document position ``position``, worst first."""
        found = [m for m in self.marks if m.start <= position < m.end]
        return sorted(found, key=lambda m: -_ORDER[m.finding.severity])

    # QSyntaxHighlighter

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        """Apply the underlines and the shade that fall in the current block."""
        block = self.currentBlock()
        first = block.position()
        last = first + block.length()
        shade_from = len(text)
        if self.overflow_from is not None and self.overflow_from < last:
            shade_from = max(self.overflow_from - first, 0)
            self.setFormat(shade_from, len(text) - shade_from, self._format(None, True))
        lo = bisect.bisect_left(self._starts, first - self._longest)
        hi = bisect.bisect_left(self._starts, last)
        here = [m for m in self._by_start[lo:hi] if m.end > first]
        for mark in sorted(here, key=lambda m: _ORDER[m.finding.severity]):
            start = max(mark.start, first) - first
            end = min(mark.end, last) - first
            # Split at the shade so that an underline never hides it.
            for lo, hi, shaded in (
                (start, min(end, shade_from), False),
                (max(start, shade_from), end, True),
            ):
                if hi > lo:
                    self.setFormat(lo, hi - lo, self._format(mark.finding.severity, shaded))

    def _index(self, marks: Iterable[Mark]) -> None:
        """Marks by start, so a paragraph finds its own by bisection, not by a full walk."""
        self._by_start = sorted(marks, key=lambda m: m.start)
        self._starts = [m.start for m in self._by_start]
        self._longest = max((m.end - m.start for m in self._by_start), default=0)

    def _format(self, severity: Severity | None, shaded: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if severity is not None:
            look = LOOKS[severity]
            fmt.setUnderlineStyle(look.underline)
            fmt.setUnderlineColor(look.colour())
        if shaded:
            fmt.setBackground(overflow_colour())
        return fmt

    # slots

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if removed == added:
            # Formatting passes (Qt reports them as equal removal and addition) and
            # same-length replacements move nothing; the next check corrects the rest.
            return
        shift = added - removed
        kept: list[Mark] = []
        for mark in self.marks:
            if mark.end <= position:
                kept.append(mark)
            elif mark.start >= position + removed:
                kept.append(Mark(mark.start + shift, mark.end + shift, mark.finding))
            # a mark the edit touches goes until the next check
        self.marks = kept
        self._index(kept)
        if self.overflow_from is not None and self.overflow_from > position:
            self.overflow_from = max(position, self.overflow_from + shift)
