# SPDX-License-Identifier: MIT
"""Accessible posts (GOV.UK guidance): hashtags, emoji, links and the alt text of images.

A rule of kind ``accessibility`` names its ``test``:

- ``hashtag-case``: a hashtag of several words written all in lower or upper case
  (``#socialvalue``); the fix is its CamelCase form (``#SocialValue``). Words are found
  with ``wordsegment``, loaded on the first such hashtag.
- ``hashtag-count``: the hashtags after the first ``[accessibility] max_hashtags``.
- ``emoji-count``: the emoji after the first ``[accessibility] max_emoji``.
- ``emoji-repeated``: the same emoji two or more times in a row; the fix is one of them.
- ``emoji-mid-sentence``: an emoji inside a sentence, in place of words (see
  `checks.families.emoji_use`); the fix is the word, where ``word_emoji`` or
  ``emoji_words`` give one.
- ``link-count``: the web addresses (as X finds them) after the first ``max_links``, on
  the platforms of ``link_platforms``.
- ``alt-text``: each image of the post without useful alt text (see
  `checks.families.alt_text`). Its findings are about an image, not the text: they have
  the empty span at offset 0 and name the image as ``{image}``; its ``reasons`` table
  explains each problem as ``{reason}``.

Other ``[accessibility]`` data: ``words`` (single words the segmenter would split, such
as "covid"; council names are added), ``acronyms`` (kept in capitals in a suggested
hashtag), ``not_emoji`` (symbols such as "©" that are not counted), ``word_emoji`` (emoji
that spell a word, 🔜 "soon") and ``emoji_words`` (emoji often used for a word, ❤️
"love"), ``max_alt_length``, ``alt_redundant_starts`` and ``alt_file_patterns``.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import wordsegment

from checks.families.alt_text import AltTextRules, reasons, suggestions_for
from checks.families.emoji_use import (
    EMOJI_RUN,
    Links,
    emoji_spans,
    mid_sentence,
    plain,
    repeats,
    runs,
)
from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, rules_by_test, string_list
from checks.text import fold
from checks.twitter_text import default_config
from checks.twitter_urls import UrlFinder

__all__ = ["EMOJI_RUN", "Accessibility", "build", "emoji_spans", "hashtags"]

KIND = "accessibility"

_TESTS = (
    *("hashtag-case", "hashtag-count", "emoji-count", "emoji-repeated"),
    *("emoji-mid-sentence", "link-count", "alt-text"),
)
_OPTIONS = frozenset({"test", "suggestions", "reasons"})
_CACHE_SIZE = 1024
_ACRONYM_LENGTH = 5  # a hashtag in capitals this short is taken as an acronym
_SECTION = "[accessibility]"

# A hashtag is '#' and word characters, not inside a URL and not after a word, '/', '&'.
_HASHTAG = re.compile(r"(?P<url>(?:https?://|www\.)\S+)|(?<![\w&#/])#(?P<tag>\w+)")

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


@functools.cache
def url_finder() -> UrlFinder:
    """A finder of web addresses with the shipped twitter-text top-level domains."""
    return UrlFinder(default_config().tlds)


class Accessibility:
    """All accessibility rules of a policy, compiled; the word segmenter loads lazily."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any]) -> None:
        """Validate the rules and the ``[accessibility]`` data."""
        section = data.get("accessibility", {})
        if not isinstance(section, Mapping):
            raise PolicyError("[accessibility] must be a table")
        self.suggestions: dict[str, list[str]] = {}
        self.reasons: dict[str, str] = {}
        self.rules = rules_by_test(rules, _TESTS, _OPTIONS)
        for test, rule in self.rules.items():
            self.suggestions[test] = string_list(rule.options, "suggestions", rule.id)
            if test == "alt-text":
                self.reasons = reasons(rule.options, rule.id)
        self.max_hashtags = _limit(section, "max_hashtags", 2)
        self.max_emoji = _limit(section, "max_emoji", 3)
        self.max_links = _limit(section, "max_links", 1)
        self.link_platforms = frozenset(string_list(section, "link_platforms", _SECTION))
        self.alt_text = AltTextRules(section)
        councils = data.get("councils", {})
        names = councils.get("names", []) if isinstance(councils, Mapping) else []
        words = string_list(section, "words", _SECTION)
        self.single_words = frozenset(fold(w) for w in [*words, *names] if isinstance(w, str))
        self.acronyms = {a.lower(): a for a in string_list(section, "acronyms", _SECTION)}
        self.not_emoji = frozenset(string_list(section, "not_emoji", _SECTION))
        self.word_emoji = _word_table(section, "word_emoji")
        self.emoji_words = _word_table(section, "emoji_words")
        self._segmenter: Any = None
        self._segments: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of every accessibility rule."""
        text = ctx.doc.text
        links = Links(text, url_finder())
        if "#" in text:
            yield from self._hashtag_findings(ctx)
        if not text.isascii():
            yield from self._emoji_findings(ctx, links)
        rule = self.rules.get("link-count")
        if rule and self.link_platforms.intersection(ctx.platforms):
            for start, end in links.spans[self.max_links :]:
                yield self._finding(ctx, "link-count", start, end, max=str(self.max_links))
        rule = self.rules.get("alt-text")
        if rule:
            for image in ctx.images:
                for problem in self.alt_text.problems(image):
                    reason = self.reasons[problem.problem].format(
                        max=self.alt_text.max_length, length=len(image.alt.strip())
                    )
                    yield rule.finding(
                        ctx.doc,
                        0,
                        0,
                        suggestions_for(problem, self.suggestions["alt-text"]),
                        image=image.name,
                        reason=reason,
                    )

    def _hashtag_findings(self, ctx: Context) -> Iterator[Finding]:
        text = ctx.doc.text
        case, count = self.rules.get("hashtag-case"), self.rules.get("hashtag-count")
        if not (case or count):
            return
        tags = hashtags(text)
        if case:
            for start, end in tags:
                camel = self.camel_case(text[start + 1 : end])
                if camel:
                    yield case.finding(ctx.doc, start, end, [f"#{camel}"], [f"#{camel}"])
        if count:
            for start, end in tags[self.max_hashtags :]:
                yield self._finding(ctx, "hashtag-count", start, end, max=str(self.max_hashtags))

    def _emoji_findings(self, ctx: Context, links: Links) -> Iterator[Finding]:
        text = ctx.doc.text
        found = [s for s in emoji_spans(text) if text[s[0] : s[1]] not in self.not_emoji]
        if not found:
            return
        if "emoji-count" in self.rules:
            for start, end in found[self.max_emoji :]:
                yield self._finding(ctx, "emoji-count", start, end, max=str(self.max_emoji))
        repeated, middle = self.rules.get("emoji-repeated"), self.rules.get("emoji-mid-sentence")
        if not (repeated or middle):
            return
        for run in runs(text, found):
            same_runs = repeats(text, run) if repeated else []
            if repeated:
                for same in same_runs:
                    first = text[slice(*same.emoji[0])]
                    yield repeated.finding(
                        ctx.doc, same.start, same.end, (), [first], count=str(len(same.emoji))
                    )
            if not middle or (same_runs and same_runs[0] == run):
                continue  # a run of one repeated emoji: its fix (keep one) comes first
            inside = mid_sentence(text, run, links, self.word_emoji, self.emoji_words)
            if inside:
                word = [inside.word] if inside.word else []
                general = self.suggestions["emoji-mid-sentence"]
                yield middle.finding(ctx.doc, run.start, run.end, [*word, *general], word)

    def _finding(self, ctx: Context, test: str, start: int, end: int, **values: str) -> Finding:
        """A finding of ``test`` whose fix is to delete the span."""
        return self.rules[test].finding(ctx.doc, start, end, self.suggestions[test], [""], **values)

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


def _several_words(words: Sequence[str]) -> bool:
    """True when ``words`` looks like a real split: no stray letters or fragments."""
    if len(words) < 2 or len(words[-1]) == 1:
        return False
    return all(w.isdigit() or len(w) > 2 or w in _SHORT_WORDS for w in words)


def _word_table(section: Mapping[str, Any], key: str) -> dict[str, str]:
    """``[accessibility] key``: emoji to words, keyed without variation selectors."""
    table = section.get(key, {})
    if not isinstance(table, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in table.items()
    ):
        raise PolicyError(f'{_SECTION} {key} must be a table of emoji = "word"')
    return {plain(k): v for k, v in table.items()}


def _limit(section: Mapping[str, Any], key: str, default: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PolicyError(f"[accessibility] {key} must be a whole number, 0 or more")
    return value
