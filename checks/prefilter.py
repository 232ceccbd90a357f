# SPDX-License-Identifier: MIT
r"""A fast RE2 prefilter for policy patterns, so Python's ``re`` runs only where it might match.

Python's backtracking ``re`` tries every alternative of a rule's patterns at every position
of the text; RE2 scans in linear time whatever the number of alternatives. RE2 lacks
lookarounds and Unicode word boundaries, so the prefilter is a *superset* of the pattern:
lookarounds and ``\b`` are dropped and ASCII classes widened to Unicode. Python's ``re``
then confirms each region the prefilter found, so results are exactly those of ``re``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import re2

#: Ranges shorter than this go straight to ``re``.
SHORT = 2_000

#: Longest stretch a policy pattern may match beyond the prefilter's own match.
SLACK = 400

_CLASS_IN = {"w": r"\p{L}\p{N}_", "d": r"\p{Nd}", "s": r"\s\p{Z}"}
_CLASS_OUT = {
    "w": r"[\p{L}\p{N}_]",
    "W": r"[^\p{L}\p{N}_]",
    "d": r"\p{Nd}",
    "D": r"\P{Nd}",
    "s": r"[\s\p{Z}]",
    "S": r"[^\s\p{Z}]",
}


def _skip_group(pattern: str, start: int) -> int:
    """Index just after the group that opens at ``start`` (a ``(``)."""
    depth, i, in_class = 0, start, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError("unbalanced group")


def widen(pattern: str) -> str:
    """Translate a Python pattern into an RE2 pattern that matches at least as much."""
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            code = pattern[i + 1]
            if code == "u":
                out.append(re.escape(chr(int(pattern[i + 2 : i + 6], 16))))
                i += 6
                continue
            if code in "bB" and not in_class:
                i += 2
                continue
            table = _CLASS_IN if in_class else _CLASS_OUT
            if code in table:
                out.append(table[code])
            elif code.isdigit() or code in "AZ":
                raise ValueError("backreference or anchor")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            for extra in "^]":
                if pattern[i + 1 : i + 2] == extra:
                    out.append(extra)
                    i += 1
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _skip_group(pattern, i)
            continue
        else:
            out.append(char)
        i += 1
    return "".join(out)


class Prefiltered:
    """A compiled ``re`` pattern with an RE2 prefilter when one can be built."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        """Build the prefilter for ``pattern``; keep ``re`` alone when RE2 cannot take it."""
        self.pattern = pattern
        self.fast: re2._Regexp[str] | None = None
        try:
            options = re2.Options()
            options.log_errors = False
            options.case_sensitive = not pattern.flags & re.IGNORECASE
            self.fast = re2.compile(widen(pattern.pattern), options)
        except (ValueError, re2.error):  # RE2 cannot take it: no prefilter, ``re`` alone
            self.fast = None

    def finditer(self, text: str, lo: int = 0, hi: int | None = None) -> Iterator[re.Match[str]]:
        """The matches of the pattern in ``text[lo:hi]``, exactly as ``re`` finds them."""
        hi = len(text) if hi is None else hi
        # RE2's wrapper encodes the whole text on every call: worth it for long ranges only.
        if self.fast is None or hi - lo < SHORT:
            yield from self.pattern.finditer(text, lo, hi)
            return
        position = lo
        for hint in self.fast.finditer(text, lo, hi):
            start = max(hint.start(), position)
            if hint.end() <= position and hint.start() < position:
                continue
            found = self.pattern.search(text, start, min(hi, hint.end() + SLACK))
            while found is not None and found.start() < max(hint.end(), start + 1):
                yield found
                position = max(found.end(), found.start() + 1)
                found = self.pattern.search(text, position, min(hi, position + SLACK))
            position = max(position, hint.start() + 1)

    def search(self, text: str, lo: int, hi: int) -> re.Match[str] | None:
        """The first match in ``text[lo:hi]``, or None."""
        return next(self.finditer(text, lo, hi), None)
