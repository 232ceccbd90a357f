# SPDX-License-Identifier: MIT
"""Acronyms: spell an acronym out on first use unless it is approved or already defined."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule
from checks.text import fold

KIND = "acronym"

SCOPES = ("glossary", "unknown")

# A word of capitals: a base (ITT, B2B), then a contraction (DON'T), or a plural "s" and
# a possessive (SMEs, ITT's, SMEs'). The apostrophe may be straight or curly.
_WORD = (
    r"(?P<base>[A-Z][A-Z0-9]*)"
    r"(?:(?P<contraction>['\u2019][A-Z]+)|(?P<plural>s)?(?P<possessive>['\u2019]s?(?!\w))?)"
    r"(?![\w'\u2019])"
)
_SEPARATOR = r"(?:[ \t]*[,;:!?&/\"\u201c\u201d-]+[ \t]*|[ \t]+)"
_PLAIN_WORD = re.sub(r"\(\?P<\w+>", "(?:", _WORD)
#: A run of capitalised words, as one match: "ITT", "FREE SME WORKSHOP NOW".
_RUN = re.compile(
    rf"(?<![\w@#/.])(?<![^\W\d_]['\u2019]){_PLAIN_WORD}(?:{_SEPARATOR}{_PLAIN_WORD})*"
)
_TOKEN = re.compile(_WORD)
#: Codes, not acronyms: SK1, OL16, M60, FY24, QQ123456C (postcodes, roads, years, ids).
_CODE = re.compile(r"[A-Z]+[0-9]+|.*[0-9]{2}.*")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
_LINKY = re.compile(r"[@#]|://|www\.|\.(?:com|org|net|gov|uk|co|io|info|eu|ac|nhs|ly)\b", re.I)
_EXPANSION_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*")
_PAREN_AFTER = re.compile(r"[ \t]*\(([^()\n]{2,150})\)")
_STOP = re.compile(r"[.!?;:\n][^.!?;:\n]*$")
_SMALL = frozenset(
    {"a", "an", "and", "the", "of", "to", "for", "in", "on", "at", "by", "with", "or"}
)
_LOOKBACK = 160  # characters before "(ITT)" searched for its expansion
_CORPUS_MIN_COUNT = 1_000_000  # a capitalised word this common on the web is a word
_CORPUS_MIN_LENGTH = 4  # shorter capitals are mostly acronyms: list those words in `words`


@functools.cache
def corpus_words() -> frozenset[str]:
    """Common English words of four letters or more, from wordsegment's unigram counts.

    Empty when wordsegment's data cannot be read: then only the policy's ``words`` count.
    """
    words = set()
    try:
        path = resources.files("wordsegment") / "unigrams.txt"
        with path.open(encoding="utf-8") as lines:  # sorted by count: read only the top
            for line in lines:
                word, _, count = line.partition("\t")
                if float(count) < _CORPUS_MIN_COUNT:
                    break
                if len(word) >= _CORPUS_MIN_LENGTH:
                    words.add(word)
    except (ModuleNotFoundError, OSError):
        return frozenset()
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int  # end of base and plural "s": the span a finding covers
    base: str
    plural: bool
    word: bool  # an ordinary word in capitals (FREE, DON'T), not an acronym


class AcronymChecker:
    """Flag the first undefined use of each acronym that is not on the approved list."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any]) -> None:
        """Validate the rules' scopes and the ``acronyms`` section of the policy."""
        self.rules: dict[str, Rule] = {}
        for rule in rules:
            scope = rule.options.get("scope")
            if scope not in SCOPES:
                raise PolicyError(f"rule {rule.id}: 'scope' must be one of {', '.join(SCOPES)}")
            if scope in self.rules:
                raise PolicyError(f"rule {rule.id}: another rule already has scope '{scope}'")
            self.rules[scope] = rule
        label = rules[0].id if rules else KIND
        section = data.get("acronyms", {})
        if not isinstance(section, Mapping):
            raise PolicyError(f"rule {label}: [acronyms] must be a table")
        self.approved = frozenset(w.upper() for w in _word_list(section, "approved", label))
        self.words = frozenset(w.lower() for w in _word_list(section, "words", label))
        self.words |= corpus_words()
        self.glossary = _glossary(section.get("glossary", {}), label)
        self.known = self.approved | self.glossary.keys()
        self.folded = {key: tuple(_normal(e) for e in pair) for key, pair in self.glossary.items()}

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield one finding per acronym, at its first use, unless defined before it."""
        text = ctx.doc.text
        seen: set[str] = set()
        for run in _RUN.finditer(text):
            tokens = [self._token(m) for m in _TOKEN.finditer(text, run.start(), run.end())]
            shouted = len(tokens) >= 3 and 2 * sum(t.word for t in tokens) >= len(tokens)
            for token in tokens:
                key = self._acronym(token, shouted)
                if key is None or key in seen or _in_link(text, token.start, token.end):
                    continue
                seen.add(key)
                if not self._defined(text, token, key):
                    finding = self._finding(ctx, token, key)
                    if finding is not None:
                        yield finding

    def _token(self, match: re.Match[str]) -> _Token:
        base, plural = match["base"], bool(match["plural"])
        word = bool(match["contraction"]) or (
            not plural and base.isalpha() and (len(base) < 2 or base.lower() in self.words)
        )
        return _Token(match.start(), match.end("plural" if plural else "base"), base, plural, word)

    def _acronym(self, token: _Token, shouted: bool) -> str | None:
        """The glossary key an acronym token stands for, or None when it is no acronym."""
        base = token.base
        if sum(c.isalpha() for c in base) < 2 or _ROMAN.fullmatch(base):
            return None
        if base not in self.known and base.endswith("S") and base[:-1] in self.known:
            base = base[:-1]  # ITTS: the plural in capitals
        if base in self.approved:
            return None
        if base in self.glossary:
            return None if shouted and token.word else base
        if token.word or shouted or _CODE.fullmatch(base):
            return None
        return base

    def _defined(self, text: str, token: _Token, key: str) -> bool:
        """True when the token is defined here: "expansion (ITT)" or "ITT (expansion)"."""
        letters = "".join(c for c in key.lower() if c.isalpha())
        expansions = self.folded.get(key, ())
        start, end = token.start, token.end
        if _in_brackets(text, start, end):
            before = text[max(0, start - 1 - _LOOKBACK) : start - 1]
            stop = _STOP.search(before)
            if stop:
                before = before[stop.start() + 1 :]
            words = _EXPANSION_WORD.findall(before)[-3 * len(letters) - 3 :]
            folded = _normal(before)
            return _spells(words, letters, whole=False) or any(
                folded == e or folded.endswith(" " + e) for e in expansions
            )
        after = _PAREN_AFTER.match(text, end)
        if after is None:
            return False
        inside = after.group(1)
        return _spells(_EXPANSION_WORD.findall(inside), letters, whole=True) or (
            _normal(inside) in expansions
        )

    def _finding(self, ctx: Context, token: _Token, key: str) -> Finding | None:
        expansions = self.glossary.get(key)
        rule = self.rules.get("glossary" if expansions else "unknown")
        if rule is None:
            return None
        if not expansions:
            return rule.finding(ctx.doc, token.start, token.end)
        text = ctx.doc.text
        expansion = expansions[1] if token.plural or token.base != key else expansions[0]
        if _starts_sentence(text, token.start) and expansion[:1].islower():
            expansion = expansion[:1].upper() + expansion[1:]
        suggestion = f"{expansion} ({text[token.start : token.end]})"
        return rule.finding(ctx.doc, token.start, token.end, [suggestion], [suggestion])


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> AcronymChecker:
    """Compile the acronym rules with the policy's approved list and glossary."""
    del lexicon  # acronyms are found by pattern, not by listed terms
    return AcronymChecker(rules, data)


def _word_list(section: Mapping[str, Any], key: str, label: str) -> list[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PolicyError(f"rule {label}: [acronyms] '{key}' must be a list of words")
    return [v.strip() for v in value]


def _glossary(table: object, label: str) -> dict[str, tuple[str, ...]]:
    """``{"ITT": ("invitation to tender", "invitations to tender"), ...}`` from the policy."""
    if not isinstance(table, Mapping):
        raise PolicyError(f"rule {label}: [acronyms.glossary] must be a table")
    glossary: dict[str, tuple[str, ...]] = {}
    for key, value in table.items():
        if not re.fullmatch(r"[A-Z][A-Z0-9]*[A-Z0-9]", key):
            raise PolicyError(f"rule {label}: glossary key '{key}' must be capitals and digits")
        if not isinstance(value, str) or not value.strip():
            raise PolicyError(f"rule {label}: glossary entry '{key}' needs an expansion")
        singular, _, plural = (part.strip() for part in value.partition("|"))
        glossary[key] = (singular, plural or _plural(singular))
    return glossary


def _plural(phrase: str) -> str:
    if re.search(r"[^aeiou]y$", phrase):
        return phrase[:-1] + "ies"
    if re.search(r"(?:s|x|ch|sh)$", phrase):
        return phrase + "es"
    return phrase + "s"


def _spells(words: Sequence[str], letters: str, *, whole: bool) -> bool:
    """True when the initials of ``words`` spell ``letters``, loosely.

    Small words (of, to, and) may be skipped or counted; a hyphenated word gives one
    initial or one per part; a word in capitals (HM) may give all its letters. With
    ``whole`` every word must be used; otherwise the last words must spell it.
    """
    if not letters:
        return False
    pending = [(len(words), len(letters))]
    visited: set[tuple[int, int]] = set()
    while pending:
        state = pending.pop()
        if state in visited:
            continue
        visited.add(state)
        index, remaining = state
        if remaining == 0:
            if not whole or all(w.lower() in _SMALL for w in words[:index]):
                return True
            continue
        if index == 0:
            continue
        word = words[index - 1]
        if word.lower() in _SMALL:
            pending.append((index - 1, remaining))
        for part in _initials(word):
            if letters.endswith(part, 0, remaining):
                pending.append((index - 1, remaining - len(part)))
    return False


def _initials(word: str) -> set[str]:
    initials = {word[0].lower()}
    parts = [p for p in re.split(r"[-'\u2019]", word) if p]
    if len(parts) > 1:
        initials.add("".join(p[0] for p in parts).lower())
    if word.isupper() and word.isalpha():
        initials.add(word.lower())
    return initials


def _normal(text: str) -> str:
    return " ".join(fold(text).replace(",", " ").split())


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?\n"


def _in_brackets(text: str, start: int, end: int) -> bool:
    """True for "(ITT)", "(SMEs)" and "(ITT's)"."""
    return (
        start > 0 and text[start - 1] == "(" and text[end : end + 3].lstrip("'\u2019s")[:1] == ")"
    )


def _in_link(text: str, start: int, end: int) -> bool:
    """True inside a URL, an email address, an @handle or a #hashtag."""
    lo, hi = start, end
    while lo > 0 and start - lo < 200 and not text[lo - 1].isspace():
        lo -= 1
    while hi < len(text) and hi - end < 200 and not text[hi].isspace():
        hi += 1
    return _LINKY.search(text, lo, hi) is not None
