# SPDX-License-Identifier: MIT
"""Personal data: emails, telephones, postcodes, NI numbers, bank and card details, DOBs.

Each rule entry names a detector with ``detect`` (default: the last part of its id,
``personal-data.phone`` -> ``phone``) and may offer ``suggestions``. Allow lists come
from the policy data, which an administrator's file extends::

    [contacts]
    allowed_emails = ["procurement@star-procurement.gov.uk"]   # exact addresses
    allowed_email_domains = []        # every address at these domains is public
    role_mailboxes = ["accounts"]     # a team's address, not a person's, at any domain
    allowed_phones = ["0161 496 0000"]                         # any usual format
    allowed_postcodes = ["SK1 3XE"]                            # venues, any spacing

    [personal_data]
    drama_phone_ranges = ["07700 900", "0161 496 0"]  # Ofcom drama ranges (still flagged)
    not_name_words = ["Helpdesk"]     # words that make "X Y on 0161..." an office, not a person

Detectors run in a fixed order and a span already taken (allowed or not) is not
reported again, so a card number is never also a phone number. ``named-contact`` widens
an email or phone finding to the person's name just before it ("contact Sarah Jones on").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

from checks.families import identifiers as ids
from checks.families.phones import PhoneFinder
from checks.findings import Finding
from checks.lexicon import Lexicon
from checks.rules import Context, PolicyError, Rule, string_list

KIND = "personal-data"

#: Detectors in the order they claim spans.
DETECTORS = ("email", "card", "bank", "ni-number", "date-of-birth", "phone", "postcode")
NAMED_CONTACT = "named-contact"
_OPTIONS = frozenset({"detect", "suggestions"})

_SORT_CODE_TERMS = ("sort code", "sort-code", "sortcode", "s/c")
_ACCOUNT_TERMS = ("account", "account number", "account no", "acc no", "acct", "a/c")
_BIRTH_TERMS = ("born", "dob", "d.o.b", "date of birth", "birth date", "birthdate", "birthday")
_KEYWORD_REACH = 40  # characters between a keyword and the number it introduces
_PAIR_REACH = 30  # characters between a sort code and its account number
_NI_BEFORE_RE = re.compile(r"\b(?:national insurance|ni|nino|nin)\b[^.!?]{0,20}$", re.IGNORECASE)

_TOKEN = r"[A-Z][a-z]*(?:[A-Z][a-z]+)?(?:['’-][A-Z]?[a-z]+)?"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Cllr|Councillor|Sir|Dame)\.?"
_NAME_BEFORE_RE = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:{_TITLE}\s)?{_TOKEN}(?:\s{_TOKEN}){{0,3}})(?:['’]s)?"
    r"(?:\s?[,(:\-–]\s?|\s)"
    r"(?:(?:on|at|via|by|or|email|e-mail|tel|telephone|phone|mobile|mob|call|direct line|"
    r"number)\b\.?:?\s?)*$"
)
_NAME_LOOKBEHIND = 70
#: Words that begin a sentence or name an organisation, never part of a person's name.
_NOT_NAME_WORDS = ids.words(
    """
    A An The Our Your Their This For Please Contact Call Ring Phone Text Email Mail
    Message Speak Talk Ask Write Reach Or And Via Tel Mobile Team Teams Council Councils
    Town Hall Office Offices Service Services Procurement Star STAR Ltd Limited Plc
    Borough Centre Center Department Desk Helpdesk Helpline Line Support Group
    Partnership Hub Unit Stockport Trafford Rochdale Tameside Manchester Greater
    Customer Customers Enquiries Switchboard Reception Business Chest Monday Tuesday
    Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December
    """
)


class _Cuts:
    """Excerpts of the text and of its folded copy around digits, made when first read."""

    def __init__(self, text: str, folded: str) -> None:
        self._text, self._folded = text, folded

    @cached_property
    def folded(self) -> ids.Excerpt:
        return ids.Excerpt(self._folded)

    @cached_property
    def text(self) -> ids.Excerpt:
        return self.folded.same_for(self._text)


_Finder = Callable[[Context, _Cuts], Iterable[tuple[int, int, bool]]]


def _data_list(data: Mapping[str, Any], section: str, key: str) -> list[str]:
    table = data.get(section, {})
    value = table.get(key, []) if isinstance(table, Mapping) else None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise PolicyError(f"[{section}] {key} must be a list of strings")
    return value


class PersonalData:
    """The compiled personal-data rules, run together so that spans are claimed once."""

    def __init__(self, rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> None:
        """Validate the rules' options and the allow lists, and precompile everything."""
        self.rules: dict[str, Rule] = {}
        self.suggestions: dict[str, list[str]] = {}
        for rule in rules:
            unknown = sorted(set(rule.options) - _OPTIONS)
            if unknown:
                raise PolicyError(f"rule {rule.id}: unknown option '{unknown[0]}'")
            detect = rule.options.get("detect", rule.id.rpartition(".")[2])
            if detect not in (*DETECTORS, NAMED_CONTACT):
                known = ", ".join((*DETECTORS, NAMED_CONTACT))
                raise PolicyError(f"rule {rule.id}: 'detect' must be one of {known}")
            if detect in self.rules:
                raise PolicyError(f"rule {rule.id}: '{detect}' is already detected by another rule")
            self.rules[detect] = rule
            self.suggestions[detect] = string_list(rule.options, "suggestions", rule.id)
        self.emails = {e.lower() for e in _data_list(data, "contacts", "allowed_emails")}
        domains = _data_list(data, "contacts", "allowed_email_domains")
        self.domains = tuple(d.lower().lstrip("@") for d in domains)
        self.roles = {r.lower() for r in _data_list(data, "contacts", "role_mailboxes")}
        self.postcodes = {
            ids.postcode_key(p) for p in _data_list(data, "contacts", "allowed_postcodes")
        }
        self.phones = PhoneFinder(
            _data_list(data, "contacts", "allowed_phones"),
            _data_list(data, "personal_data", "drama_phone_ranges"),
        )
        self.not_names = _NOT_NAME_WORDS | set(_data_list(data, "personal_data", "not_name_words"))
        self.sort_keys = [lexicon.add(t) for t in _SORT_CODE_TERMS]
        self.account_keys = [lexicon.add(t) for t in _ACCOUNT_TERMS]
        self.birth_keys = [lexicon.add(t) for t in _BIRTH_TERMS]
        finders: dict[str, _Finder] = {
            "email": lambda ctx, _: self._emails(ctx),
            "card": lambda _, cut: _unallowed(ids.find_cards(cut.folded)),
            "bank": self._bank,
            "ni-number": lambda _, cut: _unallowed(ids.find_ni_numbers(cut.text, _NI_BEFORE_RE)),
            "date-of-birth": lambda ctx, _: self._dates_of_birth(ctx),
            "phone": lambda _, cut: self.phones.find(cut.folded),
            "postcode": lambda _, cut: self._postcodes(cut.text),
        }
        self.order = [(name, finders[name]) for name in DETECTORS if name in self.rules]

    # detectors ----------------------------------------------------------------------

    def _emails(self, ctx: Context) -> Iterator[tuple[int, int, bool]]:
        text = ctx.doc.text
        for start, end in ids.find_emails(text):
            address = text[start:end].lower()
            domain = address.rpartition("@")[2]
            local = address.partition("@")[0]
            allowed = (
                address in self.emails
                or local in self.roles
                or any(domain == d or domain.endswith("." + d) for d in self.domains)
            )
            yield start, end, allowed

    def _dates_of_birth(self, ctx: Context) -> Iterator[tuple[int, int, bool]]:
        starts = sorted(s for key in self.birth_keys for s, _ in ctx.hits.get(key, ()))
        for start in starts:
            span = ids.find_date_of_birth(ctx.doc.folded, start)
            if span is not None:
                yield span[0], span[1], False

    def _postcodes(self, excerpt: ids.Excerpt) -> Iterator[tuple[int, int, bool]]:
        text = excerpt.source
        for start, end in ids.find_postcodes(excerpt):
            yield start, end, ids.postcode_key(text[start:end]) in self.postcodes

    def _bank(self, ctx: Context, cut: _Cuts) -> Iterator[tuple[int, int, bool]]:
        doc = ctx.doc
        yield from _unallowed(ids.find_ibans(cut.text))
        sort_codes = [(s, e) for s, e, _ in cut.folded.scan(ids.SORT_CODE_RE)]
        accounts = [(s, e) for s, e, _ in cut.folded.scan(ids.ACCOUNT_RE)]
        if not sort_codes and not accounts:
            return
        sort_words = [s for key in self.sort_keys for s in ctx.hits.get(key, ())]
        account_words = [s for key in self.account_keys for s in ctx.hits.get(key, ())]
        paired: set[tuple[int, int]] = set()
        for code in sort_codes:
            for account in accounts:
                gap = account[0] - code[1] if account[0] >= code[1] else code[0] - account[1]
                if 0 <= gap <= _PAIR_REACH:
                    paired.update((code, account))
        for span in sorted(set(sort_codes) | set(accounts)):
            words = sort_words if span in sort_codes else account_words
            if span in paired or _introduced(doc.sentence_span(span[0]), span, words):
                yield span[0], span[1], False

    # running ------------------------------------------------------------------------

    def run(self, ctx: Context) -> Iterator[Finding]:
        """Yield one finding per personal detail that is not on an allow list."""
        cut = _Cuts(ctx.doc.text, ctx.doc.folded)
        claimed: list[tuple[int, int]] = []
        for name, finder in self.order:
            for start, end, allowed in finder(ctx, cut):
                if any(start < e and s < end for s, e in claimed):
                    continue
                claimed.append((start, end))
                if not allowed:
                    yield self._finding(ctx, name, start, end)

    def _finding(self, ctx: Context, name: str, start: int, end: int) -> Finding:
        if name in ("email", "phone") and NAMED_CONTACT in self.rules:
            named = self._name_before(ctx, start)
            if named is not None:
                rule = self.rules[NAMED_CONTACT]
                suggestions = self.suggestions[NAMED_CONTACT]
                return rule.finding(ctx.doc, named[0], end, suggestions, name=named[1])
        return self.rules[name].finding(ctx.doc, start, end, self.suggestions[name])

    def _name_before(self, ctx: Context, start: int) -> tuple[int, str] | None:
        """Start and text of a person's name just before a contact detail, if any."""
        lo = max(ctx.doc.sentence_span(start)[0], start - _NAME_LOOKBEHIND)
        match = _NAME_BEFORE_RE.search(ctx.doc.text, lo, start)
        if match is None:
            return None
        words = [(m.start(), m.group()) for m in re.finditer(r"\S+", match["name"])]
        while words and words[0][1] in self.not_names:
            words.pop(0)
        if len(words) < 2 or any(word in self.not_names for _, word in words):
            return None
        return match.start("name") + words[0][0], " ".join(word for _, word in words)


def _unallowed(spans: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, bool]]:
    for start, end in spans:
        yield start, end, False


def _introduced(
    sentence: tuple[int, int], span: tuple[int, int], words: Iterable[tuple[int, int]]
) -> bool:
    """True when a keyword in ``words`` ends shortly before ``span`` in the same sentence."""
    return any(
        sentence[0] <= w_start and 0 <= span[0] - w_end <= _KEYWORD_REACH
        for w_start, w_end in words
    )


def build(rules: Sequence[Rule], data: Mapping[str, Any], lexicon: Lexicon) -> PersonalData:
    """Compile every personal-data rule entry with the policy's allow lists."""
    return PersonalData(rules, data, lexicon)
