# SPDX-License-Identifier: MIT
"""The text model the rules read: a folded copy with the same offsets, words, sentences."""

from __future__ import annotations

import bisect
import re
from functools import cached_property

# Characters folded so that rule terms match typographic variants. Every entry maps one
# code point to one code point, so offsets in the folded text equal offsets in the text.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\t": " ",
        "\n": " ",
        "\r": " ",
        "\u2028": " ",
        "\u2029": " ",
    }
)

WORD_RE = re.compile(r"[^\W_](?:[\w'\u2019-]*[^\W_])?")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"')\]\u201d\u2019]*\s+|\n\s*\n|\n(?=\s*[-*•#\d])|\n")


def fold(text: str) -> str:
    """Lower-case ``text`` and normalise quotes, dashes and spaces, keeping its length.

    Characters whose lower case is longer than one code point (such as U+0130) keep
    their case, so that every offset in the result is an offset in ``text``.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


def is_word_char(char: str) -> bool:
    """True for letters and digits, the characters a whole-word match must not touch."""
    return char.isalnum()


class Document:
    """A text to check, with lazily computed words and sentences.

    ``folded`` has exactly the same length as ``text``: rules match on it and report
    offsets that are valid in ``text``.
    """

    def __init__(self, text: str) -> None:
        """Wrap ``text``; nothing is computed until a rule asks."""
        self.text = text
        self.folded = fold(text)

    @cached_property
    def words(self) -> list[tuple[int, int]]:
        """Spans of the words, in order."""
        return [m.span() for m in WORD_RE.finditer(self.text)]

    @cached_property
    def _word_starts(self) -> list[int]:
        return [start for start, _ in self.words]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Spans of the sentences (or lines and list items), in order."""
        spans: list[tuple[int, int]] = []
        start = 0
        for match in _SENTENCE_END_RE.finditer(self.text):
            if match.start() > start:
                spans.append((start, match.start()))
            start = match.end()
        if start < len(self.text):
            spans.append((start, len(self.text)))
        return spans or [(0, len(self.text))]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def word_index(self, offset: int) -> int:
        """Index of the word at or before ``offset`` (0 when none)."""
        return max(bisect.bisect_right(self._word_starts, offset) - 1, 0)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """Span of the sentence that holds ``offset``."""
        index = max(bisect.bisect_right(self._sentence_starts, offset) - 1, 0)
        return self.sentences[index]

    def whole_word(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` is not part of a longer word."""
        text = self.text
        if start > 0 and is_word_char(text[start - 1]) and is_word_char(text[start]):
            return False
        return not (end < len(text) and is_word_char(text[end]) and is_word_char(text[end - 1]))
