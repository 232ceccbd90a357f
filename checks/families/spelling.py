# SPDX-License-Identifier: MIT
"""British spelling through pyenchant's en_GB dictionary, the STAR and personal word lists.

A rule of kind ``spelling`` flags each word the dictionary does not know, with up to
``[spelling] max_suggestions`` corrections. Never flagged: words of the STAR word list
(``[spelling] word_lists``, ``words``), approved and glossary acronyms, the author's
personal words (`checks.adapters.personal_words`), words in capitals (``SMEs`` too),
anything with a digit (numbers, ordinals), URLs, email addresses, @handles and
#hashtags, and names: a capitalised word inside a sentence, or next to another
capitalised word ("Priya Raman", "Greenway Ltd"). A capitalised word alone at the start
of a sentence is still checked ("Recieve ..."). The dictionary opens on first use;
without it nothing is flagged and `Spelling.status` says why.
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from checks.adapters.enchant_speller import shared_speller
from checks.adapters.personal_words import PersonalWords, default_path, fold_all
from checks.adapters.word_lists import not_prose, policy_words
from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule

KIND = "spelling"

_OPTIONS: frozenset[str] = frozenset()
_CACHE_SIZE = 50_000  # distinct words whose verdict is remembered
_LONGEST = 45  # longer "words" are codes or run-together text, not spelling mistakes
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Spelling:
    """Compile the ``spelling`` rule with the ``[spelling]`` policy data."""
    del lexicon  # every word is looked up, not a list of terms
    return Spelling(rules, data)


class Spelling:
    """The spelling rule of a policy: enchant opens lazily, the personal list is re-read."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any]) -> None:
        """Validate the rule and ``[spelling]``; read the word lists (small files)."""
        if len(rules) != 1:
            raise PolicyError(f"rule {rules[-1].id}: only one rule may have kind 'spelling'")
        self.rule = rules[0]
        unknown = sorted(set(self.rule.options) - _OPTIONS)
        if unknown:
            raise PolicyError(f"rule {self.rule.id}: unknown option '{unknown[0]}'")
        section = data.get("spelling", {})
        language = section.get("language", "en_GB")
        if not isinstance(language, str) or not language:
            raise PolicyError("[spelling] language must be a dictionary tag such as 'en_GB'")
        self.max_suggestions = _count(section, "max_suggestions", 5)
        self.max_suggested_words = _count(section, "max_suggested_words", 10)
        self.accepted = fold_all(w for entry in policy_words(data) for w in entry.split())
        self.speller = shared_speller(language)
        self._personal: PersonalWords | None = None
        self._cache: dict[str, tuple[tuple[int, int], ...]] = {}
        self._cache_key: frozenset[str] | None = None
        self._lock = threading.Lock()

    def status(self) -> str:
        """One sentence for the UI: the dictionary in use, or why spelling is not checked."""
        return self.speller.status()

    def prepare(self) -> None:
        """Open the dictionary now (call from a worker at start-up; it opens lazily anyway)."""
        self.speller.load()

    @property
    def personal(self) -> PersonalWords:
        """The author's word list at `default_path` (re-resolved, so tests can redirect it)."""
        path = default_path()
        with self._lock:
            if self._personal is None or self._personal.path != path:
                self._personal = PersonalWords(path)
            return self._personal

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield a finding for each word the dictionary and the word lists do not know."""
        text = ctx.doc.text
        skipped = not_prose(text)
        starts = [s for s, _ in skipped]
        personal = self.personal.folded()
        if personal is not self._cache_key:
            self._cache, self._cache_key = {}, personal
        cache = self._cache
        suggested: set[str] = set()
        for index, (start, end) in enumerate(ctx.doc.words):
            if skipped and _inside(skipped, starts, start):
                continue
            word = text[start:end]
            parts = cache.get(word)
            if parts is None:
                parts = self._unknown_parts(word, personal)
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()
                cache[word] = parts
            if parts and word[:1].isupper() and _is_name(ctx, index):
                continue
            for a, b in ((start + x, start + y) for x, y in parts):
                word = text[a:b].translate(_APOSTROPHES)
                thorough = _searchable(word) and (
                    word in suggested or len(suggested) < self.max_suggested_words
                )
                if thorough:
                    suggested.add(word)
                fixes = self.speller.suggest(word, self.max_suggestions, thorough=thorough)
                yield self.rule.finding(ctx.doc, a, b, fixes, fixes)

    def _unknown_parts(self, word: str, personal: frozenset[str]) -> tuple[tuple[int, int], ...]:
        """Spans within ``word`` to flag: all of it, or its unknown hyphenated parts."""
        if not self._candidate(word) or self._known(word, personal):
            return ()
        if "-" not in word:
            return ((0, len(word)),)
        parts, offset = [], 0
        for part in word.split("-"):
            if part and self._candidate(part) and not self._known(part, personal):
                parts.append((offset, offset + len(part)))
            offset += len(part) + 1
        return tuple(parts)

    def _candidate(self, word: str) -> bool:
        """False for words never checked: capitals, digits, underscores, other scripts."""
        if len(word) > _LONGEST or "_" in word or any(c.isdigit() for c in word):
            return False
        bare = word.removesuffix("s").removesuffix("'").removesuffix("\u2019")
        if len(word) > 1 and (word.isupper() or (len(bare) > 1 and bare.isupper())):
            return False  # NHS, SMEs, ITT's
        return any("a" <= c <= "z" for c in word.lower())

    def _known(self, word: str, personal: frozenset[str]) -> bool:
        plain = word.translate(_APOSTROPHES)
        folded = plain.casefold()
        bare = folded.removesuffix("'s")
        if folded in self.accepted or bare in self.accepted:
            return True
        if folded in personal or bare in personal:
            return True
        return self.speller.check(plain)


_OPENERS = " \t\n\"'(\u201c\u2018[-\u2013\u2014*\u2022"


def _is_name(ctx: Context, index: int) -> bool:
    """True when the capitalised word ``index`` is inside a sentence or beside another."""
    text, words = ctx.doc.text, ctx.doc.words
    start, end = words[index]
    lo, hi = ctx.doc.sentence_span(start)
    if text[lo:start].strip(_OPENERS):
        return True
    if index + 1 < len(words):
        a = words[index + 1][0]
        return a < hi and not text[end:a].strip() and text[a : a + 1].isupper()
    return False


def _searchable(word: str) -> bool:
    """True for words worth enchant's slow search: plain English letters, 3 to 20 of them."""
    return 3 <= len(word) <= 20 and word.isascii() and word.replace("'", "").isalpha()


def _inside(spans: list[tuple[int, int]], starts: list[int], offset: int) -> bool:
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < spans[index][1]


def _count(section: Mapping[str, Any], key: str, default: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PolicyError(f"[spelling] {key} must be a whole number, 0 or more")
    return value
