# SPDX-License-Identifier: MIT
"""Cues a word list cannot hold: money, counts of bidders, upcoming times, firms, tenders.

Each finder reads the shared lexicon's hits (through the vocabularies it names) and, where
a shape is needed, one short linear pattern. The vocabularies they use are ordinary
entries of ``[vocabulary]``, so an administrator can add to them:

``count``         a number (digits or ``numbers``) with one of ``bid_units`` in the next
                  two words of its sentence ("seven local bids", "three firms"), or right
                  after one of ``count_leads`` ("down to the final two", "five became
                  three"), and never just before one of ``time_units`` ("two weeks",
                  "26 January", "12 noon")
``organisation``  a capitalised name ending in one of ``org_suffixes`` ("Kestrel Civils"),
                  an @handle (not one holding a word of ``public_bodies``, such as
                  "@RochdaleCouncil"), a live tender's bidder, or one of
                  ``org_references`` ("one firm", "the incumbent")
``tender``        one of ``tender_things`` ("contract", "tender", "job") with the words
                  that name it back to a determiner ("the Trafford gritting contract"),
                  or a registered tender's name or reference
``when``          a date, a weekday, a clock time or one of ``soon`` ("tomorrow"), unless
                  one of ``past_markers`` ("last", "yesterday") is just before it
``money``         a sum (£2.1m, £80k) or a percentage
``stage_awarded`` also a registered tender whose status is not live, and a tender
                  mention right after one of ``award_verbs`` ("won the uniform
                  recycling contract")
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from checks.lexicon import Lexicon

if TYPE_CHECKING:
    from checks.analysis import Analyser, Analysis

Span = tuple[int, int]

_MONEY = re.compile(
    r"£\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|billion)\b)?"
    r"|\b\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)"
)
_NUMBER = re.compile(r"(?<![£\d.,:/])\b\d{1,3}\b(?![.,:/]\d|\s?(?:%|am\b|pm\b|k\b|m\b))")
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_WHEN = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri)\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b"
    rf"|\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|\b\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b"
)
_HANDLE = re.compile(r"(?<![\w@])@[a-z][a-z0-9_]{2,}")
#: Words that end the run of words naming a tender, going back from "contract".
_DETERMINERS = frozenset(["the", "this", "that", "our", "their", "your", "its", "a", "an"])
#: A count's unit follows within this many words ("seven local firms").
_UNIT_WORDS = 2
#: How many words before "contract" may name it ("the Trafford school uniforms contract").
_NAME_WORDS = 4


class Shapes:
    """The computed cues of one policy: ``find(cue, analysis)`` returns their spans."""

    def __init__(self, analyser: Analyser, lexicon: Lexicon) -> None:
        """Keep the analyser, whose vocabularies the finders read."""
        self.analyser = analyser
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

    def _money(self, analysis: Analysis) -> list[Span]:
        return [m.span() for m in _MONEY.finditer(analysis.doc.folded)]

    def _count(self, analysis: Analysis) -> list[Span]:
        doc = analysis.doc
        numbers = [m.span() for m in _NUMBER.finditer(doc.folded)]
        numbers += self._vocabulary(analysis, "numbers")
        words = doc.words
        leads = self._vocabulary(analysis, "count_leads")
        found = []
        for start, end in numbers:
            lo, hi = doc.sentence_span(start)
            first = doc.word_index(start)
            last = doc.word_index(max(end - 1, start))
            if last + 1 < len(words) and analysis.within(
                "time_units", end, min(words[last + 1][1], hi)
            ):
                continue
            unit_hi = min(words[min(last + _UNIT_WORDS, len(words) - 1)][1], hi)
            # A lead ends on the word just before: "down to the final | two".
            lead_lo = max(words[first - 1][0], lo) if first > 0 else start
            led = any(lead_lo < lead_end <= start for _, lead_end in leads)
            if led or analysis.within("bid_units", end, unit_hi):
                found.append((start, end))
        return found

    def _when(self, analysis: Analysis) -> list[Span]:
        doc = analysis.doc
        spans = [m.span() for m in _WHEN.finditer(doc.folded)]
        spans += self._vocabulary(analysis, "soon")
        past = self._vocabulary(analysis, "past_markers")
        return [
            (start, end)
            for start, end in spans
            if not any(0 <= start - p_end <= 2 for _, p_end in past)
        ]

    def _organisation(self, analysis: Analysis) -> list[Span]:
        doc, text = analysis.doc, analysis.doc.text
        found = analysis.analyser.bidders.spans(analysis.ctx)
        bodies = [
            term
            for entry in analysis.analyser.vocabulary.get("public_bodies", [])
            for term in entry.split("|")
        ]
        found += [
            m.span()
            for m in _HANDLE.finditer(doc.folded)
            if not any(body in m.group() for body in bodies)
        ]
        found += self._vocabulary(analysis, "org_references")
        words = doc.words
        tenders = analysis.analyser.registered.spans(analysis.ctx)
        for start, end in self._vocabulary(analysis, "org_suffixes"):
            if not text[start].isupper() or any(lo <= start < hi for lo, hi in tenders):
                continue
            index = doc.word_index(start)
            first = index
            while first > 0 and index - first < 3 and text[words[first - 1][0]].isupper():
                first -= 1
            if first < index:  # a name before the suffix: "Kestrel Civils", not "Civils"
                found.append((words[first][0], end))
        return found

    def _tender(self, analysis: Analysis) -> list[Span]:
        """Registered tenders, and "the <name> contract": a thing bid for, with a name.

        A bare "the contract" or "a tender" names no tender in particular, so it is not
        a mention: what a post says about tendering in general reveals nothing.
        """
        doc, text = analysis.doc, analysis.doc.text
        found = analysis.analyser.registered.spans(analysis.ctx)
        words = doc.words
        for start, end in self._vocabulary(analysis, "tender_things"):
            index = doc.word_index(start)
            sentence_start = doc.sentence_span(start)[0]
            first = index
            while first > 0 and index - first < _NAME_WORDS:
                lo, hi = words[first - 1]
                if lo < sentence_start:
                    break
                first -= 1
                if doc.folded[lo:hi] in _DETERMINERS:
                    break
            determiner = doc.folded[words[first][0] : words[first][1]] in _DETERMINERS
            if determiner and first < index - 1:  # "the gritting contract"
                found.append((words[first][0], end))
            elif index > 0 and words[index - 1][0] >= sentence_start:
                before = words[index - 1][0]
                if text[before].isupper() and before > sentence_start:  # "Trafford contract"
                    found.append((before, end))
        return found

    def _won(self, analysis: Analysis) -> list[Span]:
        """An awarded tender of the policy, or a tender right after one of ``award_verbs``."""
        doc = analysis.doc
        verbs = self._vocabulary(analysis, "award_verbs")
        awarded = analysis.analyser.awarded_names
        found = [
            (start, end)
            for start, end in analysis.analyser.registered.spans(analysis.ctx)
            if doc.folded[start:end] in awarded
        ]
        for start, end in analysis.spans("tender"):
            index = doc.word_index(start)
            lo = doc.words[index - 1][0] if index > 0 else start
            found += [(v_start, end) for v_start, v_end in verbs if lo <= v_end <= start]
        return found
