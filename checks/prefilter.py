# SPDX-License-Identifier: MIT
r"""RE2 prefilters for policy patterns, so Python's ``re`` runs only where it might match.

Python's backtracking ``re`` tries every alternative of a rule's patterns at every position
of the text; RE2 scans in linear time whatever the number of alternatives. RE2 lacks
lookarounds and Unicode word boundaries, so each prefilter is a *superset* of its pattern:
lookarounds and ``\b`` are dropped and each class such as ``\w`` becomes its ASCII part
plus every non-ASCII character (a far smaller automaton than RE2's Unicode tables).
Python's ``re`` then confirms what the prefilter lets through, so results are exactly
those of ``re``.

Two prefilters:

- `PatternSet` holds every pattern of the policy in one RE2 set and tells, in a single
  linear scan of a text, which patterns cannot match it at all: their rules are skipped.
- `Prefiltered` narrows a long text to the regions where one pattern might match.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import re2

#: Ranges shorter than this go straight to ``re``.
SHORT = 2_000

#: Longest stretch a policy pattern may match beyond the prefilter's own match.
SLACK = 400

# Each class widened to its ASCII members plus every non-ASCII character; the negated
# classes keep every non-ASCII character too (a non-ASCII letter is not in ``\W``, but a
# superset may hold it).
_NON_ASCII = r"\x{80}-\x{10FFFF}"
_CLASS_IN = {"w": "0-9A-Za-z_" + _NON_ASCII, "d": "0-9" + _NON_ASCII, "s": r"\t\n\v\f\r "}
_CLASS_IN["s"] += _NON_ASCII
_CLASS_OUT = {
    "w": f"[{_CLASS_IN['w']}]",
    "W": "[^0-9A-Za-z_]",
    "d": f"[{_CLASS_IN['d']}]",
    "D": "[^0-9]",
    "s": f"[{_CLASS_IN['s']}]",
    "S": r"[^\t\n\v\f\r ]",
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


# Tokens of a pattern: outside a character class, escapes, the opening of a class or of a
# lookaround, runs of other characters; inside a class, escapes, its end, runs.
_TOKEN = re.compile(r"\\u[0-9a-fA-F]{4}|\\.|\[\^?\]?|\(\?<?[=!]|[^\\\[(]+|.", re.DOTALL)
_CLASS_TOKEN = re.compile(r"\\u[0-9a-fA-F]{4}|\\.|\]|[^\\\]]+", re.DOTALL)


def widen(pattern: str) -> str:
    """Translate a Python pattern into an RE2 pattern that matches at least as much."""
    out: list[str] = []
    i, in_class, size = 0, False, len(pattern)
    while i < size:
        token = (_CLASS_TOKEN if in_class else _TOKEN).match(pattern, i)
        if token is None:  # a lone trailing backslash
            raise ValueError("incomplete escape")
        text, i = token.group(), token.end()
        if text[0] == "\\" and len(text) > 1:
            code = text[1]
            if code == "u" and len(text) == 6:
                out.append(re.escape(chr(int(text[2:], 16))))
            elif code in "bB" and not in_class:
                continue
            elif code in (_CLASS_IN if in_class else _CLASS_OUT):
                out.append((_CLASS_IN if in_class else _CLASS_OUT)[code])
            elif code.isdigit() or code in "AZ":
                raise ValueError("backreference or anchor")
            else:
                out.append(text)
        elif in_class:
            in_class = text != "]"
            out.append(text)
        elif text[0] == "[":
            in_class = True
            out.append(text)
        elif text.startswith("(?") and text[-1] in "=!":
            i = _skip_group(pattern, i - len(text))
        else:
            out.append(text)
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
            # Every match of the pattern starts inside a hint (the superset's leftmost
            # matches cover every place the pattern can match), so only those starts are
            # tried, in order, as a search would try them.
            start = max(hint.start(), position)
            stop = max(hint.end(), start + 1)
            endpos = min(hi, stop + SLACK)
            while start < stop and start < hi:
                found = self.pattern.match(text, start, endpos)
                if found is None:
                    start += 1
                    continue
                yield found
                start = position = max(found.end(), found.start() + 1)

    def search(self, text: str, lo: int, hi: int) -> re.Match[str] | None:
        """The first match in ``text[lo:hi]``, or None."""
        return next(self.finditer(text, lo, hi), None)


class PatternSet:
    """Every policy pattern in one RE2 set: which of them can match a text, in one scan.

    Patterns are registered while the policy compiles (`add`), then `freeze` builds the
    sets. Case-insensitive patterns are matched on the folded text, case-sensitive ones on
    the text itself, as `checks.rules.TermGroup` runs them.
    """

    def __init__(self) -> None:
        """Start empty."""
        self._pending: list[tuple[str, bool]] = []
        self._sets: dict[bool, tuple[re2.Set, list[int]]] = {}
        self._always: frozenset[int] = frozenset()
        self._count = 0
        self._lock = threading.Lock()

    def add(self, pattern: str, *, case_sensitive: bool) -> int | None:
        """Register ``pattern``; its id, or None when it has no RE2 form (always run it)."""
        try:
            widened = widen(pattern)
        except ValueError:
            return None
        self._pending.append((widened, case_sensitive))
        self._count += 1
        return self._count - 1

    def freeze(self) -> None:
        """Compile the sets: after this, `matching` answers."""
        always: set[int] = set()
        for case_sensitive in (False, True):
            compiled = re2.Set.SearchSet(_options())
            ids: list[int] = []
            for index, (pattern, cs) in enumerate(self._pending):
                if cs is not case_sensitive:
                    continue
                try:
                    compiled.Add(pattern)
                except re2.error:  # RE2 cannot take it: the pattern is always run
                    always.add(index)
                    continue
                ids.append(index)
            if ids:
                compiled.Compile()
                self._sets[case_sensitive] = (compiled, ids)
        self._always = frozenset(always)
        self._pending = []

    def __len__(self) -> int:
        """Number of patterns registered."""
        return self._count

    def matching(self, text: str, folded: str) -> frozenset[int] | None:
        """Ids of the patterns that may match; None when unknown (every pattern runs)."""
        found = set(self._always)
        try:
            for case_sensitive, (compiled, ids) in self._sets.items():
                with self._lock:  # the wrapper's set is not documented as thread-safe
                    # the stubs misdescribe Set.Match: it returns a list of ids, or None
                    indices: Any = compiled.Match(text if case_sensitive else folded)
                found.update(ids[k] for k in indices or ())
        except (UnicodeError, re2.error):  # lone surrogates cannot be encoded for RE2
            return None
        return frozenset(found)


def _options() -> re2.Options:
    options = re2.Options()
    options.log_errors = False
    options.max_mem = 64 << 20
    return options
