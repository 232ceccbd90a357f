# SPDX-License-Identifier: MIT
r"""RE2 for policy patterns: prefilters for the shipped ones, the engine for administrators'.

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

An administrator's patterns are not trusted to be fast on ``re`` (``(\w+\s?)+!$`` takes
for ever on a line without "!"), so `LinearPattern` runs them on RE2 alone: `to_re2`
translates Python's syntax, and what RE2 cannot run (lookarounds, backreferences, atomic
groups, possessive repeats) is refused when the policy loads. The shipped patterns stay on
``re``: many use lookarounds, and ``re`` finds Unicode word boundaries (the tests hold
them to linear time).
"""

from __future__ import annotations

import array
import bisect
import functools
import re
import sys
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any

import re2

from checks import cache

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


# Administrators' patterns: written in Python's syntax, run by RE2.

#: Characters between two stored byte offsets of a non-ASCII text (see `_Utf8`).
_STEP = 64
_SURROGATE = re.compile("[\ud800-\udfff]")
#: An escape of Python's syntax with its argument (``\u00e9``, ``\N{EM DASH}``, ``\012``).
_ESCAPE = (
    r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|N\{[^}]*\}"
    r"|0[0-7]{0,2}|[1-7][0-7]{2}|[1-9][0-9]?|.)"
)
#: Tokens of a Python pattern outside character classes: escapes, the backreference and
#: conditional openings RE2 lacks, a whole class, the repeats RE2 spells differently
#: (``{,3}``, ``{,}``), runs of other characters.
_PY_TOKEN = re.compile(
    "|".join(
        (_ESCAPE, r"\(\?(?:P=|\()", r"\[\^?\]?(?:\\.|[^\\\]])*\]", r"\{,\d*\}", r"[^\\\[{(]+", ".")
    ),
    re.DOTALL,
)


@functools.cache
def _code_points() -> tuple[str, str]:
    """Every code point but the surrogates, as the two runs either side of them."""
    return (
        array.array("I", range(0xD800)).tobytes().decode("utf-32-le"),
        array.array("I", range(0xE000, 0x110000)).tobytes().decode("utf-32-le"),
    )


@functools.lru_cache(maxsize=256)
def _re2_class(python_class: str) -> str:
    r"""An RE2 class holding exactly the characters a Python class matches.

    Python's ``\w``, ``\d`` and ``\s`` follow Unicode and RE2's are ASCII, and RE2 cannot
    subtract (``[^\W_]``), so the class is worked out by Python over every code point and
    written as ranges. That takes about 25 ms a class, so the answers are kept in the
    user's cache folder (`checks.cache`), keyed by Python's Unicode version.
    """
    table = _class_table()
    found = table.get(python_class)
    if found is None:
        found = table[python_class] = _work_out_class(python_class)
        cache.write("re2-classes", _CLASS_KEY, table)
    return found


_CLASS_KEY = f"{sys.version_info[:2]}-{unicodedata.unidata_version}"


@functools.cache
def _class_table() -> dict[str, str]:
    stored = cache.read("re2-classes", _CLASS_KEY)
    return dict(stored) if isinstance(stored, dict) else {}


def _work_out_class(python_class: str) -> str:
    compiled = re.compile(f"{python_class}+")
    ranges = []
    for run, offset in zip(_code_points(), (0, 0xE000), strict=True):
        for found in compiled.finditer(run):
            first, last = found.start() + offset, found.end() - 1 + offset
            ranges.append(f"\\x{{{first:x}}}" + (f"-\\x{{{last:x}}}" if last > first else ""))
    return f"[{''.join(ranges)}]" if ranges else r"[^\x{0}-\x{10ffff}]"


def to_re2(pattern: str) -> str:
    r"""Translate a pattern in Python's syntax into RE2's, with the same meaning.

    Character classes and ``\w \W \d \D \s \S`` keep Python's Unicode meaning; ``\Z``
    becomes ``\z``, ``{,3}`` becomes ``{0,3}``, ``\u00e9`` and ``\N{...}`` become the
    character. Raises ValueError for a backreference or a conditional group (RE2 refuses
    the rest itself, lookarounds and atomic groups among them).
    """
    out: list[str] = []
    for token in _PY_TOKEN.findall(pattern):
        if token.startswith("["):
            out.append(_re2_class(token))
        elif token.startswith("(?"):
            what = "a backreference ((?P=name))" if token == "(?P=" else "a conditional group"
            raise ValueError(f"{what} is not supported")
        elif token.startswith("{,"):
            out.append("*" if token == "{,}" else "{0" + token[1:])
        elif token.startswith("\\") and len(token) > 1:
            out.append(_re2_escape(token))
        else:
            out.append(token)
    return "".join(out)


def _re2_escape(token: str) -> str:
    code, argument = token[1], token[2:]
    if code in "wWdDsS":
        return _re2_class(f"[{token}]")
    if code == "Z":
        return r"\z"
    if code in "uUx":
        return f"\\x{{{argument}}}"
    if code == "N":
        return f"\\x{{{ord(unicodedata.lookup(argument[1:-1])):x}}}"
    if code == "0" or (code.isdigit() and len(token) == 4):
        return f"\\x{{{int(token[1:], 8):x}}}"
    if code.isdigit():
        raise ValueError(f"a backreference ({token}) is not supported")
    if not code.isascii():
        return f"\\x{{{ord(code):x}}}"
    return token  # \b \B \A, \n and the like, and escaped punctuation mean the same in RE2


class LinearPattern:
    r"""A pattern in Python's syntax run by RE2, so that its time grows with the text only.

    The matches are those Python's ``re`` finds, with three differences, all at the edges:

    - ``\b`` and ``\B`` are ASCII word boundaries: a letter outside A-Z (the é of
      "café") counts as punctuation for them, so ``\bcafé\b`` misses "café" before a
      space or the end, and ``\bcaf\b`` finds "caf" in it; list such words as terms
      (whole words, any letters). Every other class (``\w``, ``[^\W_]``, ``\s`` with
      the no-break space) keeps Python's Unicode meaning. Apostrophes, straight or
      curly, are punctuation for both.
    - ``$`` matches at the end of the range only, not also before a final line break.
    - After an empty match, the next match starts at least one character further on.
    """

    def __init__(self, pattern: str) -> None:
        """Translate (`to_re2`) and compile ``pattern``.

        Raises ValueError with the reason when ``re`` or RE2 cannot compile it.
        """
        self.pattern = pattern
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"invalid pattern: {exc}") from None
        translated = to_re2(pattern)
        options = re2.Options()
        options.log_errors = False
        options.never_capture = True  # only the spans are used
        options.max_mem = 64 << 20
        try:
            self._regexp: re2._Regexp[str] = re2.compile(translated, options)
        except re2.error as exc:
            reason = exc.args[0] if exc.args else "cannot compile"
            raise ValueError(
                reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
            ) from None

    def finditer(self, text: str, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int]]:
        """Spans of the matches in ``text[lo:hi]``, in order, as ``re.finditer`` finds them."""
        utf8 = _utf8(text)
        hi = len(text) if hi is None else min(hi, len(text))
        if lo > hi:
            return
        position, end = utf8.byte(lo), utf8.byte(hi)
        # ``re`` takes ``hi`` as the end of the text ($, \Z and \b there); RE2 would look
        # past its end position, so it gets the bytes up to ``hi`` only.
        data = utf8.data if end == len(utf8.data) else utf8.data[:end]
        while True:
            found = self._regexp.search(data, position)
            if found is None:
                return
            first, last = found.span()
            yield utf8.char(first), utf8.char(last)
            if last > first:
                position = last
            elif last >= end:
                return
            else:
                position = utf8.byte(utf8.char(last) + 1)

    def search(self, text: str, lo: int, hi: int) -> tuple[int, int] | None:
        """The span of the first match in ``text[lo:hi]``, or None."""
        return next(self.finditer(text, lo, hi), None)

    def match(self, text: str, pos: int) -> tuple[int, int] | None:
        """The span of a match starting at ``pos`` (as ``re``'s ``match``), or None."""
        utf8 = _utf8(text)
        if not 0 <= pos <= len(text):
            return None
        found = self._regexp.match(utf8.data, utf8.byte(pos))
        if found is None:
            return None
        first, last = found.span()
        return utf8.char(first), utf8.char(last)


class _Utf8:
    """A text as the UTF-8 bytes RE2 reads, with offsets converted both ways.

    A non-ASCII text keeps the byte offset of every `_STEP`-th character, so a conversion
    encodes or decodes at most `_STEP` characters.
    """

    __slots__ = ("_starts", "data", "text")

    def __init__(self, text: str) -> None:
        try:
            data = text.encode()
        except UnicodeEncodeError:  # a lone surrogate: a replacement character, same offsets
            text = _SURROGATE.sub("\ufffd", text)
            data = text.encode()
        self.text, self.data = text, data
        self._starts: list[int] = []
        if len(data) != len(text):
            starts = [0]
            for block in range(0, len(text), _STEP):
                starts.append(starts[-1] + len(text[block : block + _STEP].encode()))
            self._starts = starts

    def byte(self, char: int) -> int:
        if not self._starts:
            return char
        block, rest = divmod(char, _STEP)
        return self._starts[block] + len(self.text[char - rest : char].encode())

    def char(self, byte: int) -> int:
        if not self._starts:
            return byte
        block = min(bisect.bisect_right(self._starts, byte) - 1, len(self._starts) - 2)
        return block * _STEP + len(self.data[self._starts[block] : byte].decode(errors="ignore"))


@functools.lru_cache(maxsize=4)
def _utf8(text: str) -> _Utf8:
    """The encoded text, shared by every pattern run on it during a check."""
    return _Utf8(text)
