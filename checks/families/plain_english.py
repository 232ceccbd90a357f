# SPDX-License-Identifier: MIT
"""Plain English: sentence length, reading age, passive voice, abbreviations, long words.

A rule of kind ``plain-english`` names its ``test``:

- ``long-sentence``: a sentence of more than ``[plain_english] max_sentence_words`` words.
- ``reading-age``: the text's reading age (Flesch-Kincaid grade + 5) above the target of
  the post's audiences (``[plain_english.reading_age]``, lowest target wins, ``default``
  when no audience is chosen); the hardest sentence is underlined.
- ``passive``: "be" or "get" and a past participle (see `checks.passive`).
- ``abbreviation``: eg, e.g., ie, i.e., etc and a free-standing "&" (GOV.UK style).
- ``long-word``: long words with a simpler alternative, from word list ``files`` in
  ``resources/policy/words/`` and ``[plain_english] simpler_words``.

`measure` gives the document figures of ``Report.metrics``; the counts are made once per
text and kept in ``ctx.cache`` for the checks and the figures alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.passive import find_passives
from checks.policy import shipped_policy_dir
from checks.readability import TextStats, hardest_sentence, link_spans, text_stats
from checks.rules import Context, PolicyError, Rule, expand_alternatives, rules_by_test, string_list
from checks.text import Document

KIND = "plain-english"

_TESTS = ("long-sentence", "reading-age", "passive", "abbreviation", "long-word")
_OPTIONS = frozenset({"test", "files", "suggestions"})
_CACHE_KEY = "plain-english.stats"

#: Checks whose span is a whole sentence: the engine keeps the word-level findings
#: (passive, long words) inside them rather than dropping them as nested duplicates.
SENTENCE_CHECKS = frozenset({"plain-english.long-sentence", "plain-english.reading-age"})
_GENERAL = "a general audience"

# eg, e.g., ie, i.e., etc and "&"; what may come before them is checked in code (a regex
# that starts with a literal letter runs several times faster on long texts).
_ABBREVIATION = re.compile(
    r"e(?:(?P<eg>\.\s?g\b\.?|g\b)|(?P<etc>tc\b))|i(?P<ie>\.\s?e\b\.?|e\b)|(?P<amp>&)"
)
_NOT_BEFORE = frozenset("#@/.&_'\u2019-")
_ABBREVIATION_SUGGESTIONS: Mapping[str, tuple[str, ...]] = {
    "eg": ("for example", "such as"),
    "ie": ("that is",),
    "etc": ("and so on",),
    "amp": ("and",),
}
# Where a long sentence could be split: a semicolon or a joining word after a comma.
_INITIAL_BEFORE = re.compile(r"(?<!\w)[A-Z]\s+$")
_INITIAL_AFTER = re.compile(r"\s+[A-Z](?!\w)")
_SPLIT = re.compile(r";\s|,\s+(?:and|but|so|which|because|while|although|as)\b|\s(?:and|but)\s")


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> PlainEnglish:
    """Compile every ``plain-english`` rule with the ``[plain_english]`` policy data."""
    return PlainEnglish(rules, data, lexicon)


class PlainEnglish:
    """All plain-English rules of a policy, compiled."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> None:
        """Validate the rules and the ``[plain_english]`` data; add long words to the lexicon."""
        section = data.get("plain_english", {})
        if not isinstance(section, Mapping):
            raise PolicyError("plain_english: must be a table")
        self.max_words = _whole(section, "max_sentence_words", 25, least=1)
        self.min_words = _whole(section, "reading_age_min_words", 20, least=0)
        self.targets = _targets(section.get("reading_age", {}))
        self.words: dict[int, tuple[str, ...]] = {}
        self.rules = rules_by_test(rules, _TESTS, _OPTIONS)
        for test, rule in self.rules.items():
            if test == "long-word":
                self._add_words(rule, section, lexicon)

    def _add_words(self, rule: Rule, section: Mapping[str, Any], lexicon: Lexicon) -> None:
        table: dict[str, str] = {}
        for name in string_list(rule.options, "files", rule.id):
            table.update(read_word_list(shipped_policy_dir() / "words" / name, rule.id))
        extra = section.get("simpler_words", {})
        if not isinstance(extra, Mapping) or not all(isinstance(v, str) for v in extra.values()):
            raise PolicyError("plain_english: simpler_words must map words to alternatives")
        table.update(extra)
        for terms, alternatives in table.items():
            suggestions = tuple(a.strip() for a in alternatives.split(";") if a.strip())
            if not suggestions:
                raise PolicyError(f"rule {rule.id}: '{terms}' has no alternative")
            for term in expand_alternatives(terms):
                self.words[lexicon.add(term)] = suggestions

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield the findings of every plain-English rule."""
        doc = ctx.doc
        if not doc.text.strip():
            return
        if "long-sentence" in self.rules or "reading-age" in self.rules:
            stats = stats_of(ctx)
            yield from self._long_sentences(doc, stats)
            yield from self._reading_age(ctx, stats)
        rule = self.rules.get("passive")
        if rule:
            for found in find_passives(doc.folded, doc.text):
                if not is_heading(doc.text, found.start):
                    yield rule.finding(doc, found.start, found.end, [found.active_hint()])
        yield from self._abbreviations(doc)
        rule = self.rules.get("long-word")
        if rule:
            for key, suggestions in self.words.items():
                for start, end in ctx.hits.get(key, ()):
                    match_case = doc.text[start].isupper()
                    fixed = [s[:1].upper() + s[1:] if match_case else s for s in suggestions]
                    yield rule.finding(doc, start, end, fixed)

    def _long_sentences(self, doc: Document, stats: TextStats) -> Iterator[Finding]:
        rule = self.rules.get("long-sentence")
        if rule is None:
            return
        for (start, end), words in zip(stats.spans, stats.sentence_words, strict=True):
            if words > self.max_words:
                start, end = _trim(doc.text, start, end)
                yield rule.finding(
                    doc, start, end, [split_hint(doc.text, start, end)],
                    words=str(words), max=str(self.max_words),
                )  # fmt: skip

    def _reading_age(self, ctx: Context, stats: TextStats) -> Iterator[Finding]:
        rule = self.rules.get("reading-age")
        if rule is None or stats.words < self.min_words:
            return
        target, audience = self.target(ctx.audiences)
        age = round(stats.reading_age, 1)
        if target is None or age <= target:
            return
        start, end = _trim(ctx.doc.text, *stats.spans[hardest_sentence(stats)])
        suggestions = string_list(rule.options, "suggestions", rule.id)
        yield rule.finding(
            ctx.doc, start, end, suggestions,
            age=f"{age:g}", target=f"{target:g}", audience=audience,
        )  # fmt: skip

    def target(self, audiences: Sequence[str]) -> tuple[float | None, str]:
        """The reading-age target for ``audiences`` (the lowest) and the audience it is for."""
        named = [(self.targets[a], a) for a in audiences if a in self.targets]
        if named:
            return min(named)
        if audiences:
            return None, ""
        return self.targets.get("default"), _GENERAL

    def _abbreviations(self, doc: Document) -> Iterator[Finding]:
        rule = self.rules.get("abbreviation")
        if rule is None:
            return
        text = doc.text
        links: list[tuple[int, int]] | None = None
        for match in _ABBREVIATION.finditer(doc.folded):
            start, end = match.span()
            kind = match.lastgroup or ""
            before = text[start - 1] if start else " "
            if kind == "amp":
                if not before.isspace() or not (text[end : end + 1] or " ").isspace():
                    continue  # M&S, a=1&b=2, &amp;: part of a name, a link or markup
            elif before.isalnum() or before in _NOT_BEFORE:
                continue
            if links is None:
                links = link_spans(doc.folded)
            if any(lo <= start < hi for lo, hi in links):
                continue
            if kind in ("eg", "ie") and text[start:end].isupper():
                continue  # EG, IE: more likely a name or an acronym
            if kind == "amp" and _between_initials(text, start):
                continue  # R & D, B & Q: part of a name
            if kind == "etc" and text.startswith(".", end) and not _ends_sentence(text, end):
                end += 1  # "etc. and": the full stop goes too; at a sentence end it stays
            yield rule.finding(doc, start, end, _ABBREVIATION_SUGGESTIONS[kind])


def stats_of(ctx: Context) -> TextStats:
    """The text's counts, made once per context and kept in ``ctx.cache``."""
    stats = ctx.cache.get(_CACHE_KEY)
    if not isinstance(stats, TextStats):
        stats = text_stats(ctx.doc)
        ctx.cache[_CACHE_KEY] = stats
    return stats


def measure(ctx: Context, data: Mapping[str, Any]) -> dict[str, Any]:
    """Document figures for ``Report.metrics``: counts, Flesch scores and reading age.

    ``reading_age`` is the Flesch-Kincaid grade + 5 (at least 5); every figure is 0 for a
    text with no words. Links and email addresses are not counted as words.
    """
    del data
    stats = stats_of(ctx)
    return {
        "words": stats.words,
        "sentences": stats.sentences,
        "flesch_reading_ease": round(stats.reading_ease, 1),
        "flesch_kincaid_grade": round(stats.grade, 1),
        "reading_age": round(stats.reading_age, 1),
    }


def split_hint(text: str, start: int, end: int) -> str:
    """Where to split the sentence ``text[start:end]``: the join nearest its middle."""
    middle = (start + end) // 2
    joins = [m for m in _SPLIT.finditer(text, start, end) if start + 20 < m.start() < end - 20]
    if not joins:
        return "Split it into two or more sentences"
    best = min(joins, key=lambda m: abs(m.start() - middle))
    return f"Split it into two sentences at '{best.group().strip()}'"


def read_word_list(path: Path, rule_id: str) -> dict[str, str]:
    """Entries ``"word|forms" -> "alternative; alternative"`` of a simpler-words file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PolicyError(f"rule {rule_id}: cannot read word list {path} ({exc})") from None
    table: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms, sep, alternatives = line.partition("=")
        if not sep or not terms.strip() or not alternatives.strip():
            raise PolicyError(f"{path}:{number}: expected 'word|forms = alternative; ...'")
        table[terms.strip()] = alternatives.strip()
    return table


def _whole(section: Mapping[str, Any], key: str, default: int, *, least: int) -> int:
    value = section.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise PolicyError(f"plain_english: {key} must be a whole number, {least} or more")
    return value


def _targets(table: object) -> dict[str, float]:
    if not isinstance(table, Mapping):
        raise PolicyError("plain_english: reading_age must be a table of audience = age")
    targets: dict[str, float] = {}
    for audience, age in table.items():
        if not isinstance(age, int | float) or isinstance(age, bool) or age <= 0:
            raise PolicyError(f"plain_english: reading_age.{audience} must be a positive number")
        targets[str(audience)] = float(age)
    return targets


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _between_initials(text: str, amp: int) -> bool:
    """True for the "&" of "R & D": a lone capital letter on each side."""
    return bool(_INITIAL_BEFORE.search(text[max(0, amp - 4) : amp])) and bool(
        _INITIAL_AFTER.match(text, amp + 1)
    )


def _ends_sentence(text: str, end: int) -> bool:
    """True when the "." after ``etc`` (if any) also closes the sentence."""
    rest = text[end : end + 3]
    if not rest.startswith("."):
        return False
    following = rest[1:].lstrip(" ")
    return not following or following[0].isupper() or following[0] in "\n\r"


#: A heading is a short line of its own with no full stop: "Contracts Awarded To Local Firms".
HEADING_WORDS = 12


def is_heading(text: str, offset: int) -> bool:
    """True when ``offset`` is in a heading line: headings are written short, not active.

    A heading is a line of at most `HEADING_WORDS` words, not ending in sentence
    punctuation, at the start of the text or after a blank line, with more text on the
    lines below it (a one-line post with no full stop is a post, not a heading).
    """
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    line = text[start:end].strip()
    if not line or line[-1] in ".!?:;," or len(line.split()) > HEADING_WORDS:
        return False
    before = text[:start].rstrip(" \t")
    after = text[end:].lstrip(" \t")
    alone_before = not before.strip() or before.endswith("\n\n")
    alone_after = after.startswith("\n") and after.strip() != ""
    return alone_before and alone_after
