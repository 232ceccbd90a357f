# SPDX-License-Identifier: MIT
"""Platform lengths: X's weighted length (twitter-text v3), LinkedIn, website titles.

A rule of kind ``length`` names its ``test``: ``x`` (weighted length over the X limit),
``linkedin`` (characters over the LinkedIn limit) or ``website-title`` (the article
title over the search-result limit). A finding is raised only for the platforms the post
is checked for. The limits are the ``[length]`` policy data::

    [length.x]          limit = 280       (twitter-text's maxWeightedTweetLength)
    [length.linkedin]   limit = 3000      fold = 140   (the "see more" fold, characters)
    [length.website]    title_limit = 70

LinkedIn characters are UTF-16 code units, as its web composer counts them, so an emoji
such as 🎉 counts 2; the fold and the website lengths count code points.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, rules_by_test, string_list
from checks.twitter_text import counter, default_config

KIND = "length"

_TESTS = ("x", "linkedin", "website-title")
_OPTIONS = frozenset({"test", "suggestions"})
_CACHE_KEY = "length"


@dataclass(frozen=True, slots=True)
class Limits:
    """The ``[length]`` policy data, validated."""

    x: int = 280
    linkedin: int = 3000
    linkedin_fold: int = 140
    website_title: int = 70

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Limits:
        """Read ``data['length']``; raise `PolicyError` naming the bad key."""
        section = data.get("length", {})
        if not isinstance(section, Mapping):
            raise PolicyError("length: [length] must be a table")
        values: dict[str, int] = {}
        for table, key, field in (
            ("x", "limit", "x"),
            ("linkedin", "limit", "linkedin"),
            ("linkedin", "fold", "linkedin_fold"),
            ("website", "title_limit", "website_title"),
        ):
            sub = section.get(table, {})
            if not isinstance(sub, Mapping):
                raise PolicyError(f"length: [length.{table}] must be a table")
            if key in sub:
                value = sub[key]
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise PolicyError(
                        f"length: length.{table}.{key} must be a whole number above 0"
                    )
                values[field] = value
        return cls(**values)


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> Length:
    """Compile every ``length`` rule with the ``[length]`` policy data."""
    del lexicon  # lengths have no terms
    return Length(rules, Limits.from_data(data))


class Length:
    """The length rules of a policy: a finding per platform over its limit."""

    def __init__(self, rules: Sequence[Rule], limits: Limits) -> None:
        """Validate the rules: one per test, known options only."""
        self.limits = limits
        self.suggestions: dict[str, list[str]] = {}
        self.rules = rules_by_test(rules, _TESTS, _OPTIONS)
        for test, rule in self.rules.items():
            self.suggestions[test] = string_list(rule.options, "suggestions", rule.id)

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield a finding for each selected platform whose limit the post exceeds."""
        lengths = lengths_of(ctx, self.limits)
        text = ctx.doc.text
        for platform, test, counted in (
            ("x", "x", "weighted"),
            ("linkedin", "linkedin", "characters"),
        ):
            rule = self.rules.get(test)
            measured = lengths.get(platform)
            if rule is None or measured is None or measured["overflow_at"] is None:
                continue
            over = measured[counted] - measured["limit"]
            yield self._finding(
                rule, ctx, test, measured["overflow_at"], len(text), over, measured["limit"]
            )
        rule = self.rules.get("website-title")
        website = lengths.get("website")
        if rule is not None and website is not None and not website["valid"]:
            start, end = _title_span(ctx, lengths)
            over = website["title_characters"] - website["title_limit"]
            yield self._finding(
                rule,
                ctx,
                "website-title",
                start,
                end,
                over,
                website["title_limit"],
                count=str(website["title_characters"]),
            )

    def _finding(
        self,
        rule: Rule,
        ctx: Context,
        test: str,
        start: int,
        end: int,
        over: int,
        limit: int,
        **extra: str,
    ) -> Finding:
        values = {"over": _characters(over), "limit": f"{limit:,}", **extra}
        suggestions = [s.format_map(values) for s in self.suggestions[test]]
        return rule.finding(ctx.doc, start, end, suggestions, **values)


def measure(ctx: Context, data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Per-platform lengths for ``Report.lengths``, for each platform in ``ctx.platforms``.

    ``x``: ``weighted``, ``limit``, ``valid`` (as twitter-text: within the limit, not
    empty, no U+FFFE/U+FEFF/U+FFFF) and ``overflow_at`` (the offset in the text where it
    stops fitting, or None). ``linkedin``: ``characters``, ``limit``, ``valid``,
    ``overflow_at`` and ``fold_at`` (where the "see more" fold falls, or None).
    ``website``: ``characters``, ``title_characters``, ``title_limit``, ``valid``.
    """
    return {k: dict(v) for k, v in lengths_of(ctx, Limits.from_data(data)).items()}


def lengths_of(ctx: Context, limits: Limits) -> dict[str, dict[str, Any]]:
    """The lengths of ``ctx``, computed once per context and kept in ``ctx.cache``."""
    cached = ctx.cache.get(_CACHE_KEY)
    if cached is not None and cached[0] == limits:
        return cached[1]  # type: ignore[no-any-return]
    text = ctx.doc.text
    lengths: dict[str, dict[str, Any]] = {}
    for platform in ctx.platforms:
        if platform == "x":
            lengths["x"] = _x_length(text, limits.x)
        elif platform == "linkedin":
            lengths["linkedin"] = _linkedin_length(text, limits)
        elif platform == "website":
            lengths["website"] = {
                "characters": len(text),
                "title_characters": len(ctx.title),
                "title_limit": limits.website_title,
                "valid": len(ctx.title) <= limits.website_title,
            }
    ctx.cache[_CACHE_KEY] = (limits, lengths)
    return lengths


def _x_length(text: str, limit: int) -> dict[str, Any]:
    config = default_config()
    if limit != config.max_length:
        config = dataclasses.replace(config, max_length=limit)
    parsed = counter(config).parse(text)
    return {
        "weighted": parsed.weighted_length,
        "limit": limit,
        "valid": parsed.valid,
        "overflow_at": parsed.overflow_at,
    }


def _linkedin_length(text: str, limits: Limits) -> dict[str, Any]:
    characters = utf16_length(text)
    limit = limits.linkedin
    return {
        "characters": characters,
        "limit": limit,
        "valid": characters <= limit,
        "overflow_at": utf16_prefix(text, limit) if characters > limit else None,
        "fold_at": fold_at(text, limits.linkedin_fold),
    }


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def utf16_prefix(text: str, units: int) -> int:
    """The length of the longest prefix of ``text`` within ``units`` UTF-16 code units."""
    if utf16_length(text[:units]) == min(units, len(text)):
        return min(units, len(text))  # no character outside the BMP before the cut
    used = 0
    for index, char in enumerate(text):
        used += 2 if char > "\uffff" else 1
        if used > units:
            return index
    return len(text)


def fold_at(text: str, fold: int) -> int | None:
    """Where the "see more" fold hides the rest: the start of the first word past ``fold``.

    None when everything after ``fold`` characters is blank. A first word longer than
    ``fold`` is cut at ``fold``.
    """
    if len(text) <= fold or text[fold:].isspace():
        return None
    if text[fold].isspace():
        return len(text) - len(text[fold:].lstrip())
    for index in range(fold - 1, 0, -1):
        if text[index].isspace():
            return index + 1
    return fold


def _title_span(ctx: Context, lengths: Mapping[str, Mapping[str, Any]]) -> tuple[int, int]:
    """Where a finding about the title is shown: the first word of the text.

    The span ends before any overflow span, so that neither hides the other.
    """
    text = ctx.doc.text
    if ctx.doc.words:
        start, end = ctx.doc.words[0]
    else:
        start = len(text) - len(text.lstrip())
        end = min(start + 1, len(text))
    for measured in lengths.values():
        overflow = measured.get("overflow_at")
        if overflow is not None and start < overflow < end:
            end = overflow
    return start, end


def _characters(count: int) -> str:
    return f"{count:,} character{'' if count == 1 else 's'}"
