# SPDX-License-Identifier: MIT
"""Python string offsets to Qt's document positions (UTF-16 code units) and back."""

from __future__ import annotations

import bisect


class Utf16Map:
    """Convert between offsets in ``text`` and positions in a QTextDocument holding it.

    Qt counts UTF-16 code units, so each character beyond the Basic Multilingual Plane
    (most emoji) takes two positions where Python counts one. For text without such
    characters the two agree and nothing is stored.
    """

    def __init__(self, text: str) -> None:
        """Index the characters of ``text`` that take two UTF-16 units."""
        wide = [] if text.isascii() else [i for i, c in enumerate(text) if ord(c) > 0xFFFF]
        self._wide = wide
        self._wide_qt = [i + k for k, i in enumerate(self._wide)]

    def to_qt(self, offset: int) -> int:
        """The document position of Python offset ``offset``."""
        return offset + bisect.bisect_left(self._wide, offset)

    def from_qt(self, position: int) -> int:
        """The Python offset at document position ``position`` (inside a pair: its start)."""
        pairs = bisect.bisect_right(self._wide_qt, position - 2)  # pairs wholly before
        offset = position - pairs
        if pairs < len(self._wide_qt) and self._wide_qt[pairs] == position - 1:
            offset -= 1  # inside a pair: the character it belongs to
        return offset
