# SPDX-License-Identifier: MIT
"""Substitution: a term with a preferred alternative (Vale's ``substitution``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.findings import Finding
from checks.inflect import PARTICIPLE, PAST, inflect, is_auxiliary, verb_forms
from checks.lexicon import Lexicon
from checks.prefilter import LinearPattern
from checks.rules import Context, PolicyError, Rule, TermGroup, expand_alternatives, regex

_CONTEXT = 60  # characters of context that ``unless_before`` can see


class _Context:
    """An ``unless_after`` or ``unless_before`` pattern (``before``: anchored at its end).

    The shipped policy's run on ``re``; any other (an administrator's) runs on RE2
    (`LinearPattern`), whose time grows with the text only.
    """

    def __init__(self, pattern: str, label: str, lexicon: Lexicon, *, before: bool) -> None:
        source = f"(?:{pattern})$" if before else pattern
        self._re = regex(source, label) if pattern in lexicon.trusted_patterns else None
        self._linear = None if self._re else LinearPattern(f"(?i){source}")

    def at(self, text: str, pos: int) -> bool:
        """True when the pattern matches starting at ``pos``."""
        if self._re is not None:
            return self._re.match(text, pos) is not None
        assert self._linear is not None
        return self._linear.match(text, pos) is not None

    def ends_at(self, text: str, lo: int, hi: int) -> bool:
        """True when the pattern matches ending at ``hi`` (looking back to ``lo``)."""
        if self._re is not None:
            return self._re.search(text, lo, hi) is not None
        assert self._linear is not None
        return self._linear.search(text, lo, hi) is not None


@dataclass(frozen=True, slots=True)
class _Entry:
    suggestion: str
    unless_after: _Context | None
    unless_before: _Context | None


class Substitution:
    """Offer ``replace[term]`` for each term found.

    Each value is a suggestion ("" removes the words), or a table
    ``{suggest, unless_after, unless_before}``
    whose patterns, matched right after or right before the term, mark a literal sense
    ("the key to the office") that raises nothing.
    """

    def __init__(self, rule: Rule, lexicon: Lexicon) -> None:
        """Compile the rule's replacement table."""
        self.rule = rule
        self.lexicon = lexicon
        table = rule.options.get("replace")
        if not isinstance(table, dict) or not table:
            raise PolicyError(f"rule {rule.id}: substitution needs a non-empty 'replace' table")
        self.entries: dict[int, tuple[_Entry, str | None]] = {}
        for term, value in table.items():
            entry = self._entry(term, value)
            alternatives = expand_alternatives(term)
            for alternative, form in zip(alternatives, verb_forms(alternatives), strict=True):
                self.entries[lexicon.add(alternative)] = (entry, form)
        self.unless = TermGroup(rule.options.get("unless", {}), rule.id, lexicon, "unless")

    def _entry(self, term: str, value: object) -> _Entry:
        label = f"{self.rule.id}.replace.{term}"
        if isinstance(value, str):
            return _Entry(value, None, None)
        if isinstance(value, dict) and isinstance(value.get("suggest"), str):
            after, before = value.get("unless_after"), value.get("unless_before")
            lexicon = self.lexicon
            return _Entry(
                value["suggest"],
                _Context(str(after), label, lexicon, before=False) if after else None,
                _Context(str(before), label, lexicon, before=True) if before else None,
            )
        raise PolicyError(f"rule {label}: value must be a string or a table with 'suggest'")

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield a finding, with its alternative, for each term in a non-literal sense."""
        text = ctx.doc.text
        hits = ctx.hits
        if len(hits) < len(self.entries):
            found = [(key, hits[key]) for key in hits if key in self.entries]
        else:
            found = [(key, hits[key]) for key in self.entries if key in hits]
        for key, spans in found:
            entry, form = self.entries[key]
            for start, end in spans:
                if entry.unless_after and entry.unless_after.at(text, end):
                    continue
                if entry.unless_before and entry.unless_before.ends_at(
                    text, max(0, start - _CONTEXT), start
                ):
                    continue
                if not self.unless.empty:
                    lo, hi = ctx.doc.sentence_span(start)
                    if self.unless.present(ctx, lo, hi):
                        continue
                if not entry.suggestion.strip():  # "" removes the words
                    yield self.rule.finding(ctx.doc, start, end, [_REMOVE], [""])
                    continue
                tag = form
                if form == PAST and is_auxiliary(_word_before(text, start)):
                    tag = PARTICIPLE
                suggestions = list(
                    dict.fromkeys(
                        match_case(text[start:end], inflect(s.strip(), tag))
                        for s in entry.suggestion.split(";")
                        if s.strip()
                    )
                )
                yield self.rule.finding(ctx.doc, start, end, suggestions, suggestions)


_LAST_WORD = re.compile(r"([A-Za-z']+)\s*$")


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` ("was" in "was facilitated")."""
    found = _LAST_WORD.search(text, max(0, start - 20), start)
    return found.group(1) if found else ""


#: The suggestion shown for an entry whose replacement is "" (remove the words).
_REMOVE = "Remove it"


def match_case(match: str, replacement: str) -> str:
    """``replacement`` with the capital of ``match``: "Going forward" -> "From now on"."""
    if match[:1].isupper() and replacement[:1].islower() and not match.isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
