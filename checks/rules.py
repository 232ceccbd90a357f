# SPDX-License-Identifier: MIT
"""A rule entry from a policy file, the context rules run in, and term groups."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from checks.findings import Finding, Severity
from checks.lexicon import Lexicon
from checks.policy_schema import backtracking_problem, not_linear
from checks.prefilter import LinearPattern, Prefiltered
from checks.text import Document


class PolicyError(ValueError):
    """A policy file that cannot be used: the message names its path, line and reason."""


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule entry must flag (``flagged``) or must leave alone, with its settings."""

    text: str
    flagged: bool
    date: dt.date | None = None
    platforms: tuple[str, ...] = ("x",)
    #: Alt texts of the images attached to the example post, one per image.
    images: tuple[str, ...] = ()
    title: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule entry of a policy file, validated.

    ``options`` holds the kind's own settings (terms, patterns, windows ...), checked by
    the kind or family module when the policy is compiled.
    """

    id: str
    family: str
    kind: str
    severity: Severity
    clause: str
    message: str
    options: Mapping[str, Any]
    source: str = ""
    #: The entry's ``[rules.examples]``: texts it must flag and near misses it must not.
    examples: tuple[Example, ...] = ()
    #: The entry's ``fixes``: replacements the editor's fix button applies to any of its
    #: findings, verbatim ("" removes the text, with a space beside it).
    fixes: tuple[str, ...] = ()

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        suggestions: Sequence[str] = (),
        replacements: Sequence[str] = (),
        **values: str,
    ) -> Finding:
        """A finding of this rule over ``doc.text[start:end]``.

        ``replacements`` can replace the span verbatim ("" deletes it); ``suggestions``
        default to them. The message may use ``{match}``, ``{suggestion}`` and any of
        ``values``.
        """
        replacements = [*replacements, *self.fixes]
        suggestions = suggestions or [r for r in replacements if r]
        match = doc.text[start:end]
        fields = {"match": match, "suggestion": suggestions[0] if suggestions else ""}
        fields.update(values)
        return Finding(
            rule=self.family,
            check=self.id,
            severity=self.severity,
            start=start,
            end=end,
            text=match,
            message=self.message.format_map(_Defaults(fields)),
            clause=self.clause,
            suggestions=tuple(dict.fromkeys(suggestions)),
            replacements=tuple(dict.fromkeys(replacements)),
        )


class _Defaults(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An image attached to a post: the name the author knows it by, and its alt text."""

    name: str
    alt: str = ""


@dataclass(slots=True)
class Context:
    """What a checker sees: the document, the shared term hits and the post's settings."""

    doc: Document
    hits: dict[int, list[tuple[int, int]]]
    date: dt.date
    platforms: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    title: str = ""
    images: tuple[ImageRef, ...] = ()
    #: Ids of the policy patterns that may match (`checks.prefilter.PatternSet`); None
    #: when unknown, and then every pattern runs.
    matched: frozenset[int] | None = None
    cache: dict[str, Any] = field(default_factory=dict)


class Checker(Protocol):
    """A compiled rule or family: turns a context into findings."""

    def run(self, ctx: Context) -> Iterable[Finding]:
        """Yield the findings for ``ctx.doc``."""
        ...


def regex(pattern: str, rule_id: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """Compile a pattern from a policy file, naming the rule when it is invalid."""
    try:
        return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
    except re.error as exc:
        raise PolicyError(f"rule {rule_id}: invalid pattern {pattern!r}: {exc}") from exc


_ESCAPE_OR_RUN = re.compile(r"\\.|[^\\]+|\\", re.DOTALL)


def lower_pattern(pattern: str) -> str:
    r"""Lower-case the literal letters of ``pattern``, leaving escapes such as ``\D`` alone."""
    return "".join(
        part if part.startswith("\\") else part.lower() for part in _ESCAPE_OR_RUN.findall(pattern)
    )


def folded_regex(pattern: str, rule_id: str) -> re.Pattern[str]:
    """Compile a case-insensitive pattern to run, without re.IGNORECASE, on folded text.

    Matching lower-cased text with a lower-cased pattern finds the same spans as
    re.IGNORECASE on the original text, about three times faster.
    """
    return regex(lower_pattern(pattern), rule_id, case_sensitive=True)


def string_list(options: Mapping[str, Any], key: str, rule_id: str) -> list[str]:
    """``options[key]`` as a list of strings (empty when absent)."""
    value = options.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"rule {rule_id}: '{key}' must be a list of strings")
    return value


def rules_by_test(
    rules: Sequence[Rule], tests: Sequence[str], options: frozenset[str]
) -> dict[str, Rule]:
    """A code family's rules keyed by their ``test`` option, each test at most once.

    Raises `PolicyError` for an option outside ``options``, an unknown test or a test that
    two rules claim.
    """
    chosen: dict[str, Rule] = {}
    for rule in rules:
        unknown = sorted(set(rule.options) - options)
        if unknown:
            raise PolicyError(f"rule {rule.id}: unknown option '{unknown[0]}'")
        test = rule.options.get("test")
        if not isinstance(test, str) or test not in tests:
            raise PolicyError(f"rule {rule.id}: 'test' must be one of {', '.join(tests)}")
        if test in chosen:
            raise PolicyError(f"rule {rule.id}: another rule already runs '{test}'")
        chosen[test] = rule
    return chosen


def expand_alternatives(term: str) -> list[str]:
    """``"leverage|leveraging"`` -> both terms; a plain term -> itself."""
    return [t.strip() for t in term.split("|") if t.strip()]


_VOCABULARY_NAME = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def vocabulary_terms(vocabulary: Mapping[str, Sequence[str]], name: str, rule_id: str) -> list[str]:
    """The entries of the named word list, each alternative of ``a|b`` on its own."""
    if name not in vocabulary:
        known = ", ".join(sorted(vocabulary)) or "none defined"
        raise PolicyError(f"rule {rule_id}: unknown vocabulary '{{{name}}}' (known: {known})")
    return [t for entry in vocabulary[name] for t in expand_alternatives(entry)]


def expand_terms(
    terms: Iterable[str], vocabulary: Mapping[str, Sequence[str]], rule_id: str
) -> list[str]:
    """Terms with each ``{name}`` term replaced by the entries of that vocabulary."""
    expanded: list[str] = []
    for term in terms:
        for alternative in expand_alternatives(term):
            named = _VOCABULARY_NAME.fullmatch(alternative)
            if named:
                expanded += vocabulary_terms(vocabulary, named.group(1), rule_id)
            else:
                expanded.append(alternative)
    return expanded


def expand_pattern(pattern: str, vocabulary: Mapping[str, Sequence[str]], rule_id: str) -> str:
    r"""``\b{councils}\b`` -> ``\b(?:Stockport|Trafford|Rochdale)\b``: entries as literals.

    Longer entries come first, so "Trafford Council" wins over "Trafford"; a space in an
    entry matches any run of white space.
    """

    def alternation(match: re.Match[str]) -> str:
        entries = sorted(set(vocabulary_terms(vocabulary, match.group(1), rule_id)), key=len)
        escaped = [re.escape(e).replace(r"\ ", r"\s+") for e in reversed(entries)]
        return "(?:" + "|".join(escaped) + ")"

    return _VOCABULARY_NAME.sub(alternation, pattern)


class TermGroup:
    """Terms (literal, via the shared lexicon) and patterns found in a text.

    The shipped policy's patterns run joined on ``re``, any other joined on RE2 (see
    `_runs_on_re2`); where the two disagree, the earlier match wins, as in one alternation.
    """

    def __init__(
        self, options: Mapping[str, Any], rule_id: str, lexicon: Lexicon, what: str = ""
    ) -> None:
        """Compile ``options['terms']`` and ``options['patterns']``."""
        label = f"{rule_id}{'.' + what if what else ''}"
        if not isinstance(options, Mapping):
            raise PolicyError(f"rule {label}: expected a table with terms and/or patterns")
        vocabulary = lexicon.vocabulary
        terms = expand_terms(string_list(options, "terms", label), vocabulary, label)
        self.keys = frozenset(lexicon.add(term) for term in terms)
        patterns = string_list(options, "patterns", label)
        self.case_sensitive = bool(options.get("case_sensitive", False))

        self._label = label
        self._sources: list[str] = []  # run on ``re``, joined
        linear: list[str] = []  # run on RE2, joined
        ids: list[int | None] = []
        for p in patterns:
            expanded = expand_pattern(p, vocabulary, label)
            source = expanded if self.case_sensitive else lower_pattern(expanded)
            if p in lexicon.trusted_patterns or not self._runs_on_re2(p, source):
                self._sources.append(source)
                ids.append(lexicon.patterns.add(source, case_sensitive=self.case_sensitive))
            else:
                linear.append(source)
        self._linear = LinearPattern(_join(linear)) if linear else None
        self._flags = 0  # case-insensitive patterns are lower-cased and run on folded text
        # None: some pattern has no prefilter, so the group always runs all its patterns.
        self._ids = None if None in ids else [i for i in ids if i is not None]
        self._subsets: dict[tuple[int, ...], Prefiltered] = {}
        self.empty = not self.keys and not self._sources and self._linear is None

    def _runs_on_re2(self, pattern: str, source: str) -> bool:
        """Whether a pattern that is not the shipped policy's runs on RE2 (usually it does).

        The shipped policy's patterns run on ``re`` behind the RE2 prefilters; the test
        suite compiles them and holds them to linear time, so they are compiled on first
        use. Any other pattern (an administrator's, or one the code builds from the
        policy's data) is checked now, so that a faulty one is named, and runs on RE2,
        in linear time whatever its shape. One that RE2 cannot run stays on ``re`` unless
        it nests repeats: an administrator's top-level patterns never get here, as
        `policy_schema.pattern_problem` refuses them when the file loads.
        """
        label = self._label
        regex(source, label, case_sensitive=True)
        try:
            LinearPattern(source)
        except ValueError as exc:
            slow = backtracking_problem(source)
            if slow:
                raise PolicyError(
                    f"rule {label}: {not_linear(pattern, f'{exc}; {slow}')}"
                ) from None
            return False
        return True

    @functools.cached_property
    def pattern(self) -> Prefiltered | None:
        """All the group's patterns as one, compiled on first use (None without patterns)."""
        if not self._sources:
            return None
        return Prefiltered(regex(_join(self._sources), self._label, case_sensitive=True))

    def spans(self, ctx: Context, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Sorted spans of the group's terms and patterns within ``[lo, hi)``."""
        hi = len(ctx.doc.text) if hi is None else hi
        found: list[tuple[int, int]] = []
        for spans in self._term_hits(ctx):
            found.extend(s for s in spans if lo <= s[0] and s[1] <= hi)
        matches: list[tuple[int, int]] = []
        pattern = self._active(ctx)
        if pattern is not None:
            found_re = pattern.finditer(self._subject(ctx), lo, hi)
            matches = [m.span() for m in found_re if m.end() > m.start()]
        if self._linear is not None:
            found_re2 = self._linear.finditer(self._subject(ctx), lo, hi)
            linear = [span for span in found_re2 if span[1] > span[0]]
            matches = _leftmost(matches, linear) if matches else linear
        found.extend(matches)
        found.sort()
        return found

    def present(self, ctx: Context, lo: int, hi: int) -> bool:
        """True when any term or pattern occurs within ``[lo, hi)``."""
        if any(lo <= s[0] and s[1] <= hi for spans in self._term_hits(ctx) for s in spans):
            return True
        linear = self._linear
        if linear is not None and linear.search(self._subject(ctx), lo, hi) is not None:
            return True
        pattern = self._active(ctx)
        return pattern is not None and pattern.search(self._subject(ctx), lo, hi) is not None

    def _term_hits(self, ctx: Context) -> list[list[tuple[int, int]]]:
        """The lexicon's spans for the group's terms, walking whichever is shorter."""
        hits = ctx.hits
        if len(hits) < len(self.keys):
            return [spans for key, spans in hits.items() if key in self.keys]
        return [hits[key] for key in self.keys if key in hits]

    def _active(self, ctx: Context) -> Prefiltered | None:
        """The group's patterns less those the policy's pattern set rules out for this text.

        Dropping alternatives that match nowhere in the text leaves every match of the
        alternation as it was, so the findings are exactly those of the full pattern.
        """
        if self.pattern is None or ctx.matched is None or self._ids is None:
            return self.pattern
        kept = tuple(k for k, i in enumerate(self._ids) if i in ctx.matched)
        if len(kept) == len(self._ids):
            return self.pattern
        if not kept:
            return None
        subset = self._subsets.get(kept)
        if subset is None:
            joined = _join([self._sources[k] for k in kept])
            subset = self._subsets[kept] = Prefiltered(re.compile(joined))
        return subset

    def _subject(self, ctx: Context) -> str:
        return ctx.doc.text if self.case_sensitive else ctx.doc.folded


def _leftmost(*runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The matches of two engines as one alternation of their patterns finds them.

    Each run holds no overlaps; where a match of one starts inside a match of the other,
    the one that starts first (or, from one place, the longer) is kept.
    """
    kept: list[tuple[int, int]] = []
    for span in sorted((s for run in runs for s in run), key=lambda s: (s[0], -s[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def _join(patterns: Sequence[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)
