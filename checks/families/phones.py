# SPDX-License-Identifier: MIT
"""Telephone numbers for the personal-data family: a cheap prefilter, then phonenumbers.

One precompiled regex finds digit runs shaped like a UK (or ``+``-prefixed foreign)
number; only those candidates go to `phonenumbers.PhoneNumberMatcher`, which works from
bundled metadata and never touches the network. A match counts when phonenumbers says
the number is valid, or when it lies in one of Ofcom's ranges kept for TV and radio
drama (``07700 900000``-``900999`` ...), which phonenumbers calls invalid.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import phonenumbers
from phonenumbers import Leniency, PhoneNumberFormat, PhoneNumberMatcher

from checks.families.identifiers import Excerpt
from checks.rules import PolicyError

_SEP = r"[ \-().]{0,2}"
#: Digit runs that could be a telephone number: 0 or +44 / 0044 then 8-11 digits, or
#: another country's +code. Not glued to a word, a price, a path or a reference.
CANDIDATE_RE = re.compile(
    r"(?<![\w£$€/+\-])"
    r"(?:"
    rf"(?:\+|00) ?44 ?(?:\(0\) ?)?[1-9](?:{_SEP}\d){{5,9}}"
    rf"|\(?0[1-9](?:{_SEP}\d){{6,9}}"
    rf"|\+[1-9](?:{_SEP}\d){{6,14}}"
    r")"
    r"(?![\w%/]|[.,]\d)"
)
#: Dates and time ranges that happen to have a phone number's shape.
_NOT_A_PHONE_RE = re.compile(
    r"\d{1,2}([./-])\d{1,2}\1\d{2,4}|\d{1,2}[.:]\d{2} ?- ?\d{1,2}[.:]\d{2}"
)
#: A word just before the number that makes it a reference, not a telephone number.
_REFERENCE_BEFORE_RE = re.compile(
    r"(?:\b(?:ref|reference|invoice|order|po|contract|tender|lot|item|serial|account|acc|"
    r"a/c|sort code|version)\b\.?(?: ?(?:no|number)\b\.?)? ?[:#]? ?)$",
    re.IGNORECASE,
)
_LOOKBEHIND = 24  # characters before a candidate that `_REFERENCE_BEFORE_RE` can see


def _national(raw: str, what: str) -> phonenumbers.PhoneNumber:
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException as exc:
        raise PolicyError(f"{what}: {raw!r} is not a telephone number ({exc})") from None
    return number


class PhoneFinder:
    """Find telephone numbers, telling allowed ones (a switchboard) from the rest.

    Args:
        allowed: numbers that may be published (any usual format, UK unless ``+``).
        drama_ranges: national prefixes of Ofcom's drama ranges, such as ``"07700 900"``;
            each covers the ten-digit national numbers that start with it.
    """

    def __init__(self, allowed: Iterable[str], drama_ranges: Iterable[str]) -> None:
        """Parse the allowed numbers and drama prefixes once."""
        self.allowed = frozenset(
            phonenumbers.format_number(
                _national(raw, "[contacts] allowed_phones"), PhoneNumberFormat.E164
            )
            for raw in allowed
        )
        prefixes = []
        for raw in drama_ranges:
            digits = re.sub(r"\D", "", raw).removeprefix("0")
            if not raw.strip().startswith("0") or not 3 <= len(digits) < 10:
                raise PolicyError(
                    f"[personal_data] drama_phone_ranges: {raw!r} must be a national "
                    "prefix such as '07700 900'"
                )
            prefixes.append(digits)
        self.drama = tuple(prefixes)
        # Re-checks while the author types see the same numbers again: remember them.
        self._numbers = functools.lru_cache(maxsize=4096)(self._numbers_uncached)
        self._numbers("0161 496 0123")  # load the GB metadata before the first check

    def is_drama(self, number: phonenumbers.PhoneNumber) -> bool:
        """True for a UK number in one of Ofcom's drama ranges."""
        national = str(number.national_number)
        return number.country_code == 44 and len(national) == 10 and national.startswith(self.drama)

    def find(self, excerpt: Excerpt) -> Iterator[tuple[int, int, bool]]:
        """Yield ``(start, end, allowed)`` for each telephone number in the excerpt.

        ``excerpt`` should be cut from the document's folded text (dashes and spaces
        normalised); offsets are Python string indices into it.
        """
        text = excerpt.source
        for lo, _, candidate in excerpt.scan(CANDIDATE_RE):
            if _REFERENCE_BEFORE_RE.search(text, max(lo - _LOOKBEHIND, 0), lo):
                continue
            for start, end, allowed in self._numbers(candidate.group()):
                yield lo + start, lo + end, allowed

    def _numbers_uncached(self, candidate: str) -> tuple[tuple[int, int, bool], ...]:
        """The telephone numbers phonenumbers finds in one candidate digit run."""
        found = []
        for match in PhoneNumberMatcher(candidate, "GB", leniency=Leniency.POSSIBLE):
            if _NOT_A_PHONE_RE.fullmatch(match.raw_string):
                continue
            number = match.number
            if phonenumbers.is_valid_number(number) or self.is_drama(number):
                e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
                found.append((match.start, match.end, e164 in self.allowed))
        return tuple(found)
