# SPDX-License-Identifier: MIT
"""Where emoji stand in a post: found, grouped into runs, repeated, or inside a sentence.

A *run* is one or more emoji with nothing but spaces between them (``🎉 🎉 🎉``). A run is
*after a word* when a word of the same sentence comes before it on its line: not at the
start of a line (a bullet) and not straight after ``.``, ``!``, ``?``, ``…`` or ``:``.
A word *follows* it when the next thing on its line is a letter or digit that does not
start a web address; hashtags, mentions, punctuation and line ends do not count.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

import emoji

from checks.twitter_urls import UrlFinder

# Runs of characters that can make up an emoji; only these are handed to `emoji`, which
# is slow on long texts. A test checks that every emoji of the library is covered.
EMOJI_RUN = re.compile(
    "(?:[#*0-9]\ufe0f?\u20e3"
    "|[\u00a9\u00ae\u200d\u203c\u2049\u2122-\u2bff\u3030\u303d\u3297\u3299\ufe0f"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f])+"
)

_GAP = frozenset(" \t\u00a0\u2009\u202f")  # spaces that may stand between emoji of a run
_SENTENCE_END = frozenset(".!?…:")
_CLOSERS = frozenset("\"')]\u201d\u2019")
_VARIATION = "\ufe0f"
_TOKEN = re.compile(r"\S+")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Run:
    """Emoji with only spaces between them: their spans, and the span of the whole run."""

    emoji: tuple[Span, ...]

    @property
    def start(self) -> int:
        """Offset of the first emoji."""
        return self.emoji[0][0]

    @property
    def end(self) -> int:
        """Offset just after the last emoji."""
        return self.emoji[-1][1]


def emoji_spans(text: str) -> list[Span]:
    """Spans of the emoji in ``text`` (Python string offsets), in order."""
    spans: list[Span] = []
    for run in EMOJI_RUN.finditer(text):
        offset = run.start()
        spans.extend((offset + start, offset + end) for start, end in _emoji_in(run.group()))
    return spans


@functools.lru_cache(maxsize=4096)
def _emoji_in(run: str) -> tuple[Span, ...]:
    """The emoji of one candidate run, relative to it; runs recur, so they are cached."""
    return tuple((e["match_start"], e["match_end"]) for e in emoji.emoji_list(run))


def plain(symbol: str) -> str:
    """``symbol`` without variation selector 16, so that ❤️ and ❤ compare equal."""
    return symbol.replace(_VARIATION, "")


def runs(text: str, spans: Sequence[Span]) -> list[Run]:
    """Group emoji ``spans`` (in order) into runs separated by anything but spaces."""
    grouped: list[list[Span]] = []
    for span in spans:
        if grouped and _only_gap(text, grouped[-1][-1][1], span[0]):
            grouped[-1].append(span)
        else:
            grouped.append([span])
    return [Run(tuple(group)) for group in grouped]


def repeats(text: str, run: Run) -> list[Run]:
    """Stretches of ``run`` where the same emoji comes two or more times in a row."""
    found: list[Run] = []
    same: list[Span] = []
    for span in run.emoji:
        if same and plain(text[slice(*same[0])]) != plain(text[slice(*span)]):
            if len(same) > 1:
                found.append(Run(tuple(same)))
            same = []
        same.append(span)
    if len(same) > 1:
        found.append(Run(tuple(same)))
    return found


def after_word(text: str, start: int) -> bool:
    """True when a word of the same sentence stands before ``start`` on its line."""
    i = start - 1
    while i >= 0 and text[i] in _GAP:
        i -= 1
    while i >= 0 and text[i] in _CLOSERS:
        i -= 1
    return i >= 0 and text[i] not in _SENTENCE_END and not text[i].isspace()


def word_after(text: str, end: int, links: Container[int]) -> str:
    """The first character of the word after ``end`` on its line, or "" when none follows.

    ``links`` holds the start offsets of web addresses, which do not count as words.
    """
    j = end
    while j < len(text) and text[j] in _GAP:
        j += 1
    if j == len(text) or not text[j].isalnum():
        return ""
    token = _TOKEN.match(text, j)
    if token and "." in token.group() and j in links:  # every address holds a dot
        return ""
    return text[j]


@dataclass(frozen=True, slots=True)
class MidSentence:
    """An emoji run inside a sentence, and the word that can replace it (or "")."""

    run: Run
    word: str


def mid_sentence(
    text: str,
    run: Run,
    links: Container[int],
    spelled: Mapping[str, str],
    meanings: Mapping[str, str],
) -> MidSentence | None:
    """Whether ``run`` stands inside a sentence in place of words.

    ``spelled`` maps emoji that spell a word (🔜 "soon") to it: after a word they are
    flagged even at the end of a sentence. ``meanings`` maps emoji often used for a word
    (❤️ "love") to it: flagged before any following word. Any other run is flagged when
    a word in lower case or a number follows it; before a capital it is taken to end the
    sentence ("Great news 🎉 Our team won"). Keys of both maps are `plain`.
    """
    if not after_word(text, run.start):
        return None
    single = plain(text[run.start : run.end]) if len(run.emoji) == 1 else ""
    if single in spelled:
        return MidSentence(run, spelled[single])
    following = word_after(text, run.end, links)
    if not following:
        return None
    if single in meanings:
        return MidSentence(run, meanings[single])
    if following.isupper():
        return None
    return MidSentence(run, "")


class Links:
    """The web addresses of a text, found on first use; ``offset in links`` tests a start."""

    def __init__(self, text: str, finder: UrlFinder) -> None:
        """Keep ``text`` and ``finder``; nothing is searched yet."""
        self._text = text
        self._finder = finder

    @functools.cached_property
    def spans(self) -> list[Span]:
        """Spans of the addresses, in order."""
        return self._finder.spans(self._text) if "." in self._text else []

    @functools.cached_property
    def _starts(self) -> frozenset[int]:
        return frozenset(start for start, _ in self.spans)

    def __contains__(self, offset: object) -> bool:
        """True when an address starts at ``offset``."""
        return offset in self._starts


def _only_gap(text: str, start: int, end: int) -> bool:
    return all(char in _GAP for char in text[start:end])
