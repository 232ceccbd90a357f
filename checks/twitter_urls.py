# SPDX-License-Identifier: MIT
"""Web addresses in a post, found the way X's twitter-text extractor finds them.

An address is an ``http://`` or ``https://`` URL, or a bare domain ending in a known
top-level domain (``example.com``, ``www.gov.uk/guidance``), with an optional port, path
and query. As in twitter-text: every domain label must be 1 to 63 characters once
punycode-encoded; a bare domain keeps only its ASCII part and is ignored after ``-``,
``_``, ``.`` or ``/``; a ``t.co`` link stops after its slug; nothing may follow a letter,
digit, ``@``, ``$`` or ``#``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator

_SPACES = "\t-\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a-\u202e\u061c\u200e\u200f\u2066-\u2069"
_PUNCT = r"!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"
_LATIN = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_DOMAIN_CHAR = f"[^{_PUNCT}{_SPACES}{_INVALID}{_DIRECTIONAL}]"
_SUBDOMAIN = rf"(?:(?:{_DOMAIN_CHAR}(?:[_-]|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
_DOMAIN_NAME = rf"(?:(?:{_DOMAIN_CHAR}(?:-|{_DOMAIN_CHAR})*)?{_DOMAIN_CHAR}\.)"
_PATH_CHAR = rf"[a-z\u0400-\u04ff0-9!*';:=+,.$/%#\[\]\-\u2013_~&|@{_LATIN}]"
_PARENS = rf"\((?:{_PATH_CHAR}+|{_PATH_CHAR}*\({_PATH_CHAR}+\){_PATH_CHAR}*)\)"
_PATH_END = rf"(?:[+\-a-z\u0400-\u04ff0-9=_#/{_LATIN}]|{_PARENS})"
_PATH = rf"(?:{_PATH_CHAR}*(?:{_PARENS}{_PATH_CHAR}*)*{_PATH_END}|@{_PATH_CHAR}+/)"
_QUERY_CHAR = r"[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]"
_QUERY_END = r"[a-z0-9\-_&=#/]"
# ASCII case folding only: with full Unicode folding [a-z] would also match the Kelvin sign.
_FLAGS = re.IGNORECASE | re.ASCII

_SPACE = re.compile(f"[{_SPACES}]")
_SPACE_SET = frozenset(
    "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2028\u2029\u202f\u205f\u3000"
    + "".join(map(chr, range(0x2000, 0x200B)))
)
_DOT_LETTER = re.compile(r"\.(?=[^\W\d_])")
_NON_ASCII = re.compile(r"[^\x00-\x7e]")
_BAD_BEFORE_BARE_DOMAIN = frozenset("-_./")
MAX_LABEL = 63
MAX_URL = 4096
MAX_TCO_SLUG = 40
#: The longest protocol and domain tried at one place ("https://" and 253 characters).
MAX_HEAD = 8 + 253
#: An address does not start right after one of these (twitter-text's rule).
_NOT_BEFORE_URL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789@\uff20$#\uff03" + _INVALID)

_Trie = dict[str, "_Trie"]


def tld_pattern(tlds: Iterable[str]) -> str:
    """A regular expression (a trie, so it stays fast) matching any of ``tlds`` as a TLD."""
    trie: _Trie = {}
    for tld in {t.lower() for t in tlds if t}:
        node = trie
        for char in tld:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: _Trie) -> str:
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a TLD ends here: try the longer ones first
            return f"(?:{body})?"
        return body

    return "(?:" + render(trie) + r"|xn--[0-9a-z-]+)(?=[^0-9a-z@+-]|\Z)"


class UrlFinder:
    """Finds web addresses in a text; build once per list of top-level domains."""

    def __init__(self, tlds: Iterable[str]) -> None:
        """Keep the top-level domains ``tlds``; the patterns compile on first use."""
        self._tld = tld_pattern(tlds)

    @functools.cached_property
    def _head(self) -> re.Pattern[str]:
        # About 0.1 s to compile, so not before a text has a '.'.
        return re.compile(
            f"(?P<protocol>https?://)?(?P<domain>{_SUBDOMAIN}*{_DOMAIN_NAME}{self._tld})",
            _FLAGS,
        )

    @functools.cached_property
    def _dot_tld(self) -> re.Pattern[str]:
        return re.compile(r"\." + self._tld, _FLAGS)

    @functools.cached_property
    def _tail(self) -> re.Pattern[str]:
        return re.compile(
            f"(?::[0-9]+)?(?P<path>/{_PATH}*)?(?:\\?{_QUERY_CHAR}*{_QUERY_END})?", _FLAGS
        )

    @functools.cached_property
    def _ascii_domain(self) -> re.Pattern[str]:
        return re.compile(rf"(?:[a-z0-9\-{_LATIN}]+\.)+{self._tld}", _FLAGS)

    @functools.cached_property
    def _tco(self) -> re.Pattern[str]:
        return re.compile(rf"https?://t\.co/([a-z0-9]+)(?:\?{_QUERY_CHAR}*{_QUERY_END})?", _FLAGS)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Spans (Python offsets) of the web addresses in ``text``, in order."""
        if "." not in text:
            return []
        found: list[tuple[int, int]] = []
        for found_url in self._matches(text):
            start, end, protocol, domain, path = found_url
            url = text[start:end]
            if not self._valid(url, protocol or "https://", domain):
                continue
            if protocol:
                tco = self._tco.match(url)
                if tco:
                    if len(tco.group(1)) > MAX_TCO_SLUG:
                        continue
                    end = start + tco.end()
                found.append((start, end))
                continue
            if start and text[start - 1] in _BAD_BEFORE_BARE_DOMAIN:
                continue
            parts = [
                (start + m.start(), start + m.end()) for m in self._ascii_domain.finditer(domain)
            ]
            if parts and path:
                parts[-1] = (parts[-1][0], end)
            found.extend(parts)
        return found

    def _matches(self, text: str) -> Iterator[tuple[int, int, str, str, str]]:
        """(start, end, protocol, domain, path) of each address, in order.

        An address never holds a space, so only the space-free runs around a dot before
        a letter are searched. In a run, each place an address may start (not after a
        letter, digit, ``@``, ``$`` or ``#``) is tried with the protocol and domain
        limited to `MAX_HEAD` characters (a domain name is at most 253), then the port,
        path and query are matched after it: the time grows with the run's length, not
        its square, even on "a.a.a.a..." (a single pattern took 1.6 s on 4,000 of them).
        """
        reach = 0
        for dot in _DOT_LETTER.finditer(text):
            if dot.start() < reach:
                continue
            start = dot.start()
            while start > reach and text[start - 1] not in _SPACE_SET:
                start -= 1
            space = _SPACE.search(text, dot.end())
            reach = len(text) if space is None else space.start()
            yield from self._in_run(text, start, reach)

    def _in_run(self, text: str, start: int, end: int) -> Iterator[tuple[int, int, str, str, str]]:
        # Every address ends its domain with "." and a top-level domain: places with none
        # in reach are not tried ("a.a.a.a" has none, and costs nothing).
        tld_ends = [m.end() for m in self._dot_tld.finditer(text, start, end)]
        if not tld_ends:
            return
        position = start
        while position < end:
            following = bisect.bisect_right(tld_ends, position)
            if following == len(tld_ends):
                return
            if tld_ends[following] > position + MAX_HEAD:
                position = tld_ends[following] - MAX_HEAD
                continue
            if position > start and text[position - 1].lower() in _NOT_BEFORE_URL:
                position += 1
                continue
            head = self._head.match(text, position, min(end, position + MAX_HEAD))
            if head is None:
                position += 1
                continue
            tail = self._tail.match(text, head.end(), end)
            stop = head.end() if tail is None else tail.end()
            path = "" if tail is None else tail.group("path") or ""
            yield position, stop, head.group("protocol") or "", head.group("domain"), path
            position = max(stop, position + 1)

    def _valid(self, url: str, protocol: str, domain: str) -> bool:
        encoded = self.to_ascii(domain)
        if encoded is None:
            return False
        return len(protocol) + len(url) + len(encoded) - len(domain) <= MAX_URL

    def to_ascii(self, domain: str) -> str | None:
        """``domain`` with each label punycode-encoded, or None when a label is too long."""
        if domain[:4] == "xn--" and not self._ascii_domain.search(domain):
            return None
        labels = []
        for label in domain.split("."):
            if _NON_ASCII.search(label):
                try:
                    label = "xn--" + label.encode("punycode").decode("ascii")
                except UnicodeError:
                    return None
            if not 1 <= len(label) <= MAX_LABEL:
                return None
            labels.append(label)
        return ".".join(labels)
