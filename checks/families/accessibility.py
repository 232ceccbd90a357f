# SPDX-License-Identifier: MIT
"""Accessible posts: CamelCase hashtags, few hashtags, few emoji (GOV.UK guidance).

A rule of kind ``accessibility`` names its ``test``:

- ``hashtag-case``: a hashtag of several words written all in lower or upper case
  (``#socialvalue``); the fix is its CamelCase form (``#SocialValue``). Words are found
  with ``wordsegment``, loaded on the first such hashtag.
- ``hashtag-count``: the hashtags after the first ``[accessibility] max_hashtags``.
- ``emoji-count``: the emoji after the first ``[accessibility] max_emoji``.

Other ``[accessibility]`` data: ``words`` (single words the segmenter would split, such
as "covid"; council names are added), ``acronyms`` (kept in capitals in a suggested
hashtag) and ``not_emoji`` (symbols such as "©" that are not counted).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import emoji
import wordsegment

from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, string_list
from checks.text import fold

KIND = "accessibility"

_TESTS = ("hashtag-case", "hashtag-count", "emoji-count")
_OPTIONS = frozenset({"test", "suggestions"})
_CACHE_SIZE = 1024
_ACRONYM_LENGTH = 5  # a hashtag in capitals this short is taken as an acronym

# A hashtag is '#' and word characters, not inside a URL and not after a word, '/', '&'.
_HASHTAG = re.compile(r"(?P<url>(?:https?://|www\.)\S+)|(?<![\w&#/])#(?P<tag>\w+)")

# Runs of characters that can make up an emoji; only these are handed to `emoji`, which
# is slow on long texts. A test checks that every emoji of the library is covered.
EMOJI_RUN = re.compile(
    "(?:[#*0-9]\ufe0f?\u20e3"
    "|[\u00a9\u00ae\u200d\u203c\u2049\u2122-\u2bff\u3030\u303d\u3297\u3299\ufe0f"
    "\U0001f000-\U0001faff\U000e0020-\U000e007f])+"
)

# Words of one or two letters that may stand in a multi-word hashtag; others ("co" in
# "covid") are more likely a wrong split of a single word or acronym.
_SHORT_WORDS = frozenset(
    {
        *("a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "hi", "if", "in", "is"),
        *("it", "me", "my", "no", "of", "ok", "on", "or", "so", "st", "to", "up", "us", "we"),
        *("uk", "hr", "ai", "tv"),
    }
)


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Accessibility:
    """Compile every ``accessibility`` rule with the ``[accessibility]`` policy data."""
    del lexicon  # hashtags and emoji are not literal terms
    return Accessibility(rules, data)


class Accessibility:
    """All accessibility rules of a policy, compiled; the word segmenter loads lazily."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any]) -> None:
        """Validate the rules and the ``[accessibility]`` data."""
        section = data.get("accessibility", {})
        if not isinstance(section, Mapping):
            raise PolicyError("[accessibility] must be a table")
        self.rules: dict[str, Rule] = {}
        self.suggestions: dict[str, list[str]] = {}
        for rule in rules:
            unknown = sorted(set(rule.options) - _OPTIONS)
            if unknown:
                raise PolicyError(f"rule {rule.id}: unknown option '{unknown[0]}'")
            test = rule.options.get("test")
            if test not in _TESTS:
                raise PolicyError(f"rule {rule.id}: 'test' must be one of {', '.join(_TESTS)}")
            if test in self.rules:
                raise PolicyError(f"rule {rule.id}: another rule already runs '{test}'")
            self.rules[test] = rule
            self.suggestions[test] = string_list(rule.options, "suggestions", rule.id)
        self.max_hashtags = _limit(section, "max_hashtags", 2)
        self.max_emoji = _limit(section, "max_emoji", 3)
        councils = data.get("councils", {})
        names = councils.get("names", []) if isinstance(councils, Mapping) else []
        words = string_list(section, "words", "[accessibility]")
        self.single_words = frozenset(fold(w) for w in [*words, *names] if isinstance(w, str))
        self.acronyms = {a.lower(): a for a in string_list(section, "acronyms", "[accessibility]")}
        self.not_emoji = frozenset(string_list(section, "not_emoji", "[accessibility]"))
        self._segmenter: Any = None
        self._segments: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of every accessibility rule."""
        text = ctx.doc.text
        case, count = self.rules.get("hashtag-case"), self.rules.get("hashtag-count")
        if (case or count) and "#" in text:
            tags = hashtags(text)
            if case:
                for start, end in tags:
                    camel = self.camel_case(text[start + 1 : end])
                    if camel:
                        yield case.finding(ctx.doc, start, end, [f"#{camel}"], [f"#{camel}"])
            if count:
                for start, end in tags[self.max_hashtags :]:
                    yield count.finding(
                        ctx.doc,
                        start,
                        end,
                        self.suggestions["hashtag-count"],
                        [""],
                        max=str(self.max_hashtags),
                    )
        rule = self.rules.get("emoji-count")
        if rule and not text.isascii():
            found = [s for s in emoji_spans(text) if text[s[0] : s[1]] not in self.not_emoji]
            for start, end in found[self.max_emoji :]:
                yield rule.finding(
                    ctx.doc,
                    start,
                    end,
                    self.suggestions["emoji-count"],
                    [""],
                    max=str(self.max_emoji),
                )

    def camel_case(self, tag: str) -> str | None:
        """The CamelCase form of ``tag`` when it runs several words together in one case."""
        if "_" in tag or not (tag.islower() or tag.isupper()):
            return None
        if tag.isupper() and len(tag) <= _ACRONYM_LENGTH:
            return None  # #NHS, #GMCA, #VCSE: an acronym, read letter by letter
        folded = tag.lower()
        if folded in self.single_words or not folded.isascii():
            return None
        words = self.segment(folded)
        if "".join(words) != folded or not _several_words(words):
            return None
        return "".join(self.acronyms.get(w) or w[:1].upper() + w[1:] for w in words)

    @property
    def segmenter_loaded(self) -> bool:
        """True once a lower- or upper-case hashtag has made the segmenter load."""
        return self._segmenter is not None

    def segment(self, word: str) -> tuple[str, ...]:
        """The words that ``word`` runs together, loading the segmenter on first use."""
        cached = self._segments.get(word)
        if cached is not None:
            return cached
        with self._lock:
            if self._segmenter is None:
                segmenter = wordsegment.Segmenter()
                segmenter.load()  # reads the word counts shipped inside the package
                self._segmenter = segmenter
            words = tuple(self._segmenter.segment(word))
            if len(self._segments) >= _CACHE_SIZE:
                self._segments.clear()
            self._segments[word] = words
        return words


def hashtags(text: str) -> list[tuple[int, int]]:
    """Spans of the hashtags in ``text``, '#' included: not in URLs, not pure numbers."""
    return [
        (m.start(), m.end())
        for m in _HASHTAG.finditer(text)
        if m.group("tag") and not m.group("tag").isdigit()
    ]


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the emoji in ``text`` (Python string offsets), in order."""
    spans: list[tuple[int, int]] = []
    for run in EMOJI_RUN.finditer(text):
        offset = run.start()
        spans.extend(
            (offset + e["match_start"], offset + e["match_end"])
            for e in emoji.emoji_list(run.group())
        )
    return spans


def _several_words(words: Sequence[str]) -> bool:
    """True when ``words`` looks like a real split: no stray letters or fragments."""
    if len(words) < 2 or len(words[-1]) == 1:
        return False
    return all(w.isdigit() or len(w) > 2 or w in _SHORT_WORDS for w in words)


def _limit(section: Mapping[str, Any], key: str, default: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PolicyError(f"[accessibility] {key} must be a whole number, 0 or more")
    return value
