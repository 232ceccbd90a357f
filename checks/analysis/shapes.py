# SPDX-License-Identifier: MIT
"""Cues a word list cannot hold: money, counts of bidders, upcoming times, firms, tenders.

Each finder reads the shared lexicon's hits (through the vocabularies it names) and, where
a shape is needed, short linear patterns tried only where a digit or a hit is: the text
is scanned for runs of digits once, and words are read only around a hit, so a long
article costs little more than a post. The vocabularies they use are ordinary entries of
``[vocabulary]``, so an administrator can add to them:

``count``         a number (digits or ``numbers``) with one of ``bid_units`` in the next
                  two words of its sentence ("seven local bids", "three firms"), or right
                  after one of ``count_leads`` ("down to the final two", "five became
                  three"), and never just before a word of ``time_units`` ("two weeks",
                  "26 January", "12 noon")
``organisation``  a capitalised name ending in one of ``org_suffixes`` ("Kestrel Civils"),
                  an @handle (not one holding a word of ``public_bodies``, such as
                  "@RochdaleCouncil"), a live tender's bidder, one of ``firm_words``
                  after a determiner and a capitalised word ("the Salford firm"), or
                  one of ``org_references`` ("one firm", "the incumbent")
``tender``        one of ``tender_things`` ("contract", "tender", "job") with the words
                  that name it back to a determiner ("the Trafford gritting contract"),
                  or a registered tender's name or reference
``when``          a date, one of ``weekdays``, a clock time or one of ``soon``
                  ("tomorrow"), unless one of ``past_markers`` ("last", "yesterday") is
                  just before it
``money``         a sum (£2.1m, £80k) or a percentage
``stage_awarded`` also a registered tender whose status is not live, and a tender
                  mention right after one of ``award_verbs`` ("won the uniform
                  recycling contract")
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from checks.lexicon import Lexicon
from checks.text import WORD_RE

if TYPE_CHECKING:
    from checks.analysis import Analyser, Analysis

Span = tuple[int, int]

_DIGITS = re.compile(r"\d+")
_SUM_AT = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion)\b)?")
_PERCENT_AT = re.compile(r"\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)")
#: What may follow a number that is no count: a decimal, a time, a percentage, a sum.
_NOT_COUNT_AFTER = re.compile(r"[.,:/]\d|\s?(?:%|am\b|pm\b|k\b|m\b)")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE_AT = re.compile(
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b"
    r"|\d{1,2}(?:st|nd|rd|th)\b"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b|\d{1,2}:\d\d\b"
)
_DAY_AFTER = re.compile(r"\s+\d{1,2}(?:st|nd|rd|th)?\b")
_HANDLE_AT = re.compile(r"@[a-z][a-z0-9_]{2,}")
#: Words that end the run of words naming a tender, going back from "contract".
_DETERMINERS = frozenset(["the", "this", "that", "our", "their", "your", "its", "a", "an"])
#: A count's unit follows within this many words ("seven local firms").
_UNIT_WORDS = 2
#: How many words before "contract" may name it ("the Trafford school uniforms contract").
_NAME_WORDS = 4
#: A count's unit or lead lies within this many characters of it (a first, cheap test).
_NEAR = 40
#: How far around a hit words are read, in characters.
_REACH = 80


def words_before(text: str, position: int, count: int, lo: int = 0) -> list[Span]:
    """The last ``count`` words ending before ``position`` and starting at or after ``lo``."""
    start = max(lo, position - min(_REACH, 20 * count + 20))
    spans = [(start + m.start(), start + m.end()) for m in WORD_RE.finditer(text[start:position])]
    if spans and spans[0][0] == start and start > lo and text[start - 1].isalnum():
        spans = spans[1:]  # the window cut a word in two
    return spans[-count:]


def words_after(text: str, position: int, count: int, hi: int | None = None) -> list[Span]:
    """The first ``count`` words starting at or after ``position`` and ending by ``hi``."""
    end = min(len(text) if hi is None else hi, position + min(_REACH, 20 * count + 20))
    spans = []
    for m in WORD_RE.finditer(text, position, end):
        spans.append(m.span())
        if len(spans) == count:
            break
    return spans


def _words(analyser: Analyser, name: str) -> list[str]:
    """The entries of a vocabulary that is read as a set of words, not searched for."""
    return [
        term.strip()
        for entry in analyser.vocabulary.get(name, [])
        for term in entry.split("|")
        if term.strip()
    ]


class Shapes:
    """The computed cues of one policy: ``find(cue, analysis)`` returns their spans."""

    def __init__(self, analyser: Analyser, lexicon: Lexicon) -> None:
        """Keep the analyser, whose vocabularies the finders read."""
        self.analyser = analyser
        self.public_bodies = _words(analyser, "public_bodies")
        self.time_units = frozenset(_words(analyser, "time_units"))
        self.finders: dict[str, Callable[[Analysis], list[Span]]] = {
            "money": self._money,
            "count": self._count,
            "when": self._when,
            "organisation": self._organisation,
            "tender": self._tender,
            "stage_awarded": self._won,
        }

    def find(self, cue: str, analysis: Analysis) -> list[Span]:
        """Sorted spans of the computed cue ``cue`` (none for an unknown one)."""
        finder = self.finders.get(cue)
        return sorted(set(finder(analysis))) if finder else []

    @staticmethod
    def _vocabulary(analysis: Analysis, name: str) -> list[Span]:
        return analysis.spans(name) if name in analysis.analyser.groups else []

    @staticmethod
    def _numbers(analysis: Analysis) -> list[Span]:
        """Runs of digits that start a number (not the "1" of "2.1"), scanned once."""
        found = analysis.memo.get("numbers")
        if found is None:
            text = analysis.doc.folded
            found = []
            for m in _DIGITS.finditer(text):
                start = m.start()
                if start >= 2 and text[start - 1] in ".," and text[start - 2].isdigit():
                    continue
                found.append(m.span())
            analysis.memo["numbers"] = found
        return list(found)

    def _money(self, analysis: Analysis) -> list[Span]:
        text = analysis.doc.folded
        found = []
        for start, _ in self._numbers(analysis):
            pound = text.rfind("£", max(0, start - 2), start)
            if pound >= 0 and text[pound + 1 : start].strip() == "":
                sum_ = _SUM_AT.match(text, start)
                if sum_:
                    found.append((pound, sum_.end()))
                    continue
            percent = _PERCENT_AT.match(text, start)
            if percent and (start == 0 or not text[start - 1].isalnum()):
                found.append((start, percent.end()))
        return found

    def _count(self, analysis: Analysis) -> list[Span]:
        doc = analysis.doc
        text = doc.folded
        numbers = [
            (start, end)
            for start, end in self._numbers(analysis)
            if end - start <= 3
            and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "£.,:/"))
            and (end == len(text) or not text[end].isalnum())
            and not _NOT_COUNT_AFTER.match(text, end)
        ]
        numbers += self._vocabulary(analysis, "numbers")
        lead_ends = sorted(end for _, end in self._vocabulary(analysis, "count_leads"))
        found = []
        for start, end in numbers:
            # Most numbers have no unit or lead near them: rule them out before reading words.
            unit_near = analysis.within("bid_units", end, end + _NEAR)
            lead_near = bisect.bisect_right(lead_ends, start) > bisect.bisect_left(
                lead_ends, start - _NEAR
            )
            if not unit_near and not lead_near:
                continue
            lo, hi = doc.sentence_span(start)
            after = words_after(text, end, _UNIT_WORDS, hi)
            if after and text[after[0][0] : after[0][1]] in self.time_units:
                continue
            before = words_before(text, start, 1, lo)
            lead_lo = before[0][0] if before else start
            # a lead ending in (lead_lo, start]: "down to the final | two"
            led = bisect.bisect_right(lead_ends, start) > bisect.bisect_right(lead_ends, lead_lo)
            if led or (after and analysis.within("bid_units", end, after[-1][1])):
                found.append((start, end))
        return found

    def _when(self, analysis: Analysis) -> list[Span]:
        text = analysis.doc.folded
        spans = []
        for start, _ in self._numbers(analysis):
            if start and text[start - 1].isalnum():
                continue
            date = _DATE_AT.match(text, start)
            if date:
                spans.append(date.span())
        for start, end in self._vocabulary(analysis, "months"):
            day = _DAY_AFTER.match(text, end)
            if day:
                spans.append((start, day.end()))
        spans += self._vocabulary(analysis, "weekdays")
        spans += self._vocabulary(analysis, "soon")
        past = self._vocabulary(analysis, "past_markers")
        return [
            (start, end)
            for start, end in spans
            if not any(0 <= start - p_end <= 2 for _, p_end in past)
        ]

    def _organisation(self, analysis: Analysis) -> list[Span]:
        doc, text = analysis.doc, analysis.doc.text
        found = analysis.terms(analysis.analyser.bidders)
        if "@" in doc.folded:
            found += [
                m.span()
                for m in _HANDLE_AT.finditer(doc.folded)
                if (
                    m.start() == 0
                    or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "@")
                )
                and not any(body in m.group() for body in self.public_bodies)
            ]
        found += self._vocabulary(analysis, "org_references")
        for start, end in self._vocabulary(analysis, "firm_words"):  # "the Salford firm"
            before = words_before(text, start, 2, doc.sentence_span(start)[0])
            named = len(before) == 2 and text[before[1][0]].isupper()
            if named and doc.folded[before[0][0] : before[0][1]] in _DETERMINERS:
                found.append((before[0][0], end))
        tenders = analysis.terms(analysis.analyser.registered)
        for start, end in self._vocabulary(analysis, "org_suffixes"):
            if not text[start].isupper() or any(lo <= start < hi for lo, hi in tenders):
                continue
            lo = doc.sentence_span(start)[0]
            name = start
            for w_start, _ in reversed(words_before(text, start, 3, lo)):
                if not text[w_start].isupper():
                    break
                name = w_start
            if name < start:  # a name before the suffix: "Kestrel Civils", not "Civils"
                found.append((name, end))
        return found

    def _tender(self, analysis: Analysis) -> list[Span]:
        """Registered tenders, and "the <name> contract": a thing bid for, with a name.

        A bare "the contract" or "a tender" names no tender in particular, so it is not
        a mention: what a post says about tendering in general reveals nothing.
        """
        doc, text = analysis.doc, analysis.doc.text
        found = analysis.terms(analysis.analyser.registered)
        for start, end in self._vocabulary(analysis, "tender_things"):
            lo = doc.sentence_span(start)[0]
            before = words_before(doc.folded, start, _NAME_WORDS, lo)
            named = None
            for number, (w_start, w_end) in enumerate(reversed(before)):
                if doc.folded[w_start:w_end] in _DETERMINERS:
                    named = w_start if number > 0 else None  # "the gritting contract"
                    break
            if named is None and before and before[-1][0] > lo and text[before[-1][0]].isupper():
                named = before[-1][0]  # "Trafford contract", not at a sentence's start
            if named is not None:
                found.append((named, end))
        return found

    def _won(self, analysis: Analysis) -> list[Span]:
        """An awarded tender of the policy, or a tender right after one of ``award_verbs``."""
        doc = analysis.doc
        verbs = self._vocabulary(analysis, "award_verbs")
        awarded = analysis.analyser.awarded_names
        found = [
            (start, end)
            for start, end in analysis.terms(analysis.analyser.registered)
            if doc.folded[start:end] in awarded
        ]
        for start, end in analysis.spans("tender"):
            before = words_before(doc.folded, start, 1)
            lo = before[0][0] if before else start
            found += [(v_start, end) for v_start, v_end in verbs if lo <= v_end <= start]
        return found
