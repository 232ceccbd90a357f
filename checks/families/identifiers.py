# SPDX-License-Identifier: MIT
"""Patterns and checksums for the personal-data family (everything but telephones).

Every detector except email and date of birth needs a digit, so they read an `Excerpt`:
the parts of the text within a few characters of a digit, joined by a separator. A
10,000-word article is then a few thousand characters for each regex to read. Allow
lists and keywords are applied by `checks.families.personal_data`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

#: Characters either side of a digit run that a match and its context can reach: two
#: letters and a space before (postcode, NI number, IBAN, "+44 ("), a suffix after.
MARGIN = 8
#: Digits, with runs less than ``2 * MARGIN`` characters apart joined into one cluster.
_CLUSTER_RE = re.compile(rf"\d(?:\D{{0,{2 * MARGIN - 1}}}\d)*")
#: Joins the windows of an excerpt: no pattern matches across a blank line.
_SEPARATOR = "\n\n"


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``, for long constant word lists."""
    return frozenset(text.split())


def _digit_windows(text: str) -> list[tuple[int, int]]:
    size = len(text)
    return [
        (max(m.start() - MARGIN, 0), min(m.end() + MARGIN, size))
        for m in _CLUSTER_RE.finditer(text)
    ]


class Excerpt:
    """The windows of ``text`` within `MARGIN` characters of a digit, and their offsets.

    Windows closer than ``2 * MARGIN`` merge, so a number whose digit groups are apart
    (an IBAN's letters, a phone's brackets) stays in one piece. A match in `text` never
    starts at a window's edge, so lookbehinds see the same characters as in the source.
    """

    def __init__(self, text: str, windows: Sequence[tuple[int, int]] | None = None) -> None:
        """Cut ``text`` around its digits, or around ``windows`` when given."""
        self.source = text
        self.windows = list(windows) if windows is not None else _digit_windows(text)
        self.starts: list[int] = []
        position = 0
        for lo, hi in self.windows:
            self.starts.append(position)
            position += hi - lo + len(_SEPARATOR)
        self.text = _SEPARATOR.join(text[lo:hi] for lo, hi in self.windows)

    def same_for(self, text: str) -> Excerpt:
        """The same windows cut from ``text`` (the folded text, of the same length)."""
        return Excerpt(text, self.windows)

    def span(self, match: re.Match[str]) -> tuple[int, int]:
        """The span of ``match`` (a match in `text`) as offsets in the source text."""
        start, end = match.span()
        index = bisect.bisect_right(self.starts, start) - 1
        shift = self.windows[index][0] - self.starts[index]
        return start + shift, end + shift

    def scan(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, re.Match[str]]]:
        """Source spans and matches of ``pattern`` in the excerpt."""
        for match in pattern.finditer(self.text):
            start, end = self.span(match)
            yield start, end, match


EMAIL_RE = re.compile(
    r"(?<![\w.+'-])[^\W_][\w.+'-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"\.(?!(?:png|jpe?g|gif|svg|webp|pdf|docx?|xlsx?)\b)[A-Za-z]{2,}\b",
    re.IGNORECASE,
)

#: The 121 postcode areas of the UK (Girobank's GIR 0AA is matched on its own).
POSTCODE_AREAS = words(
    """
    AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL
    DN DT DY E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT
    KW KY L LA LD LE LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR
    RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA
    WC WD WF WN WR WS WV YO ZE
    """
)
# Full postcodes only: an outward code alone ("M1", "the M60") names a district of
# thousands of addresses and collides with road names, so it is not flagged.
_POSTCODE_RE = re.compile(
    r"\b(?:(?P<area>[A-Z]{1,2})\d[A-Z\d]?|GIR) ?(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)")

# National Insurance numbers: HMRC never issues D, F, I, Q, U or V as either prefix
# letter, nor O as the second, nor the prefixes BG, GB, KN, NK, NT, TN and ZZ. QQ is
# HMRC's specimen prefix (QQ 12 34 56 C), flagged like Ofcom's drama phone numbers.
_NINO_RE = re.compile(
    r"\b(?:QQ|(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r"([ -]?)\d{2}\1\d{2}\1\d{2}(?:\1(?P<suffix>[A-D]))?\b"
)

_CARD_RE = re.compile(
    r"(?<![\w.,£$€-])"
    r"(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{4}([ -])\d{6}\2\d{4,5}|\d{13,19})"
    r"(?![\w-]|[.,]\d)"
)
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
SORT_CODE_RE = re.compile(r"(?<![\w.,/£$€-])\d{2}([- ])\d{2}\1\d{2}(?![\w/]|[.,-]\d)")
ACCOUNT_RE = re.compile(r"(?<![\w.,/£$€-])\d{4} ?\d{4}(?![\w/]|[.,-]\d)")

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:,? (?:19|20)\d{2})?"
DOB_RE = re.compile(
    r"\b(?P<key>born|d\.o\.b\b\.?|dob\b|date of birth|birth ?date|birthday)"
    r"(?: (?:is|was|on|the))* ?[:\-]? ?(?:(?:on|the) )*"
    r"(?P<date>\d{1,2}([/.-])\d{1,2}\3(?:\d{4}|\d{2})\b|(?:19|20)\d{2}-\d{2}-\d{2}\b"
    rf"|{_DAY} (?:of )?{_MONTH}{_YEAR}\b|{_MONTH} {_DAY}{_YEAR}\b)",
    re.IGNORECASE,
)

_FULL_DATE_RE = re.compile(r"\d[/.-]\d|\d{4}$")


_LOCAL_CHAR = re.compile(r"[\w.+'-]")
_DOMAIN_START = re.compile(r"[^\W_]")


def find_emails(text: str) -> Iterator[tuple[int, int]]:
    """Spans of email addresses, read only around each ``@``."""
    at = text.find("@")
    while at >= 0:
        if not (at and _LOCAL_CHAR.match(text, at - 1) and _DOMAIN_START.match(text, at + 1)):
            at = text.find("@", at + 1)  # no address has "@" without a word on each side
            continue
        match = EMAIL_RE.search(text, max(at - 64, 0), min(at + 256, len(text)))
        if match is not None and match.start() < at < match.end():
            yield match.span()
            at = text.find("@", match.end())
        else:
            at = text.find("@", at + 1)


def postcode_key(postcode: str) -> str:
    """``"sk1 3xe"`` -> ``"SK13XE"``: the form allow lists are compared in."""
    return "".join(postcode.split()).upper()


def find_postcodes(excerpt: Excerpt) -> Iterator[tuple[int, int]]:
    """Spans of full UK postcodes in any case, with or without the space."""
    for start, end, match in excerpt.scan(_POSTCODE_RE):
        area = match["area"]
        if area is not None and area.upper() not in POSTCODE_AREAS:
            continue
        inward = match["inward"]
        if _ORDINAL_RE.fullmatch(inward):  # "the M1 3rd junction", not "M1 3RD"
            continue
        yield start, end


def find_ni_numbers(excerpt: Excerpt, keyword_before: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Spans of National Insurance numbers (capitals, spaced or not).

    A number without its final letter counts only when ``keyword_before`` matches the
    text just before it ("NI number AB 12 34 56").
    """
    for start, end, match in excerpt.scan(_NINO_RE):
        if match["suffix"] or keyword_before.search(excerpt.source, max(start - 30, 0), start):
            yield start, end


def luhn_valid(digits: str) -> bool:
    """True when ``digits`` passes the Luhn checksum of payment card numbers."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _card_prefix(digits: str) -> bool:
    """Issuer prefixes of the common schemes: Amex, Diners, JCB, Visa, Mastercard, Maestro."""
    return digits[0] in "3456" or 2221 <= int(digits[:4]) <= 2720


def find_cards(excerpt: Excerpt) -> Iterator[tuple[int, int]]:
    """Spans of payment card numbers: 13-19 digits, a card prefix, Luhn-valid."""
    for start, end, match in excerpt.scan(_CARD_RE):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and _card_prefix(digits) and luhn_valid(digits):
            yield start, end


def iban_valid(iban: str) -> bool:
    """True when ``iban`` (spaces allowed) passes the ISO 13616 mod-97 check."""
    compact = iban.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def find_ibans(excerpt: Excerpt) -> Iterator[tuple[int, int]]:
    """Spans of IBANs that pass their checksum."""
    for start, end, match in excerpt.scan(_IBAN_RE):
        if iban_valid(match.group()):
            yield start, end


def find_date_of_birth(text: str, keyword_start: int) -> tuple[int, int] | None:
    """Span from "born", "DOB" or "date of birth" at ``keyword_start`` to the date after it.

    "born" needs a full date with a year, since ideas and schemes are "born on 12 March"
    too; the other keywords are about a person.
    """
    match = DOB_RE.match(text, keyword_start)
    if match is None:
        return None
    if match["key"].lower() == "born" and not _FULL_DATE_RE.search(match["date"]):
        return None
    return match.span()
