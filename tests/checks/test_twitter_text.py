"""twitter_text: X's weighted length, against twitter-text's own conformance cases."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.twitter_text import _original_offset, counter, default_config, weighted_length

CASES_FILE = Path(__file__).parents[1] / "fixtures" / "twitter-text" / "weighted-length.json"
SECTIONS = json.loads(CASES_FILE.read_text(encoding="utf-8"))["sections"]
CASES = [(section, case) for section, cases in SECTIONS.items() for case in cases]


def utf16(text):
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def as_twitter_text(text):
    """The result object of twitter-text's parseTweet, from our Parsed."""
    parsed = counter().parse(text)
    valid_end = parsed.fits if parsed.invalid_at is None else min(parsed.fits, parsed.invalid_at)
    return {
        "weightedLength": parsed.weighted_length,
        "valid": parsed.valid,
        "permillage": parsed.permillage,
        "displayRangeStart": 0,
        "displayRangeEnd": max(utf16(text) - 1, 0),
        "validRangeStart": 0,
        "validRangeEnd": max(utf16(text[:valid_end]) - 1, 0),
    }


def test_every_section_is_loaded():
    assert len(CASES) == 24
    assert all("weightedLength" in case["expected"] for _, case in CASES)


@pytest.mark.parametrize(
    ("section", "case"), CASES, ids=[f"{s}: {c['description']}" for s, c in CASES]
)
def test_conformance(section, case):
    assert as_twitter_text(case["text"]) == case["expected"]


def test_shipped_configuration_is_v3():
    config = default_config()
    assert (config.max_length, config.scale, config.default_weight, config.url_length) == (
        280,
        100,
        200,
        23,
    )
    assert (8192, 8205, 100) in config.ranges
    assert "com" in config.tlds
    assert "uk" in config.tlds


EDGES = {
    "crlf-counts-two": ("a\r\nb", 4),
    "bare-copyright-counts-one": ("\u00a9 2026", 6),
    "copyright-emoji-counts-two": ("\u00a9\ufe0f", 2),
    "registered-counts-one": ("STAR\u00ae", 5),
    "melting-face-unicode-14": ("\U0001fae0", 2),
    "heart-hands-skin-tone-unicode-14": ("\U0001faf6\U0001f3fd", 2),
    "shaking-face-unicode-15": ("\U0001fae8", 2),
    "phoenix-zwj-unicode-15-1": ("\U0001f426\u200d\U0001f525", 2),
    "technologist-zwj": ("\U0001f9d1\u200d\U0001f4bb", 2),
    "transgender-flag": ("\U0001f3f3\ufe0f\u200d\u26a7\ufe0f", 2),
    "union-jack": ("\U0001f1ec\U0001f1e7", 2),
    "keycap-with-selector": ("1\ufe0f\u20e3", 2),
    "letter-and-selector-is-not-emoji": ("A\ufe0f", 3),
    "zwj-between-letters": ("a\u200db", 3),
    "cjk": ("\u6545\u4eba", 4),
    "en-dash-counts-one": ("a \u2013 b", 5),
    "decomposed-accent-counts-one": ("Cafe\u0301", 4),
    "empty": ("", 0),
}


@pytest.mark.parametrize(("text", "expected"), EDGES.values(), ids=EDGES.keys())
def test_edge_cases(text, expected):
    assert weighted_length(text) == expected


URLS = {
    "scheme": "See https://www.star-procurement.gov.uk/tenders/current?page=2 today",
    "long-path": "See https://example.com/" + "a" * 200 + " today",
    "bare-domain": "See www.gov.uk/guidance/social-media-playbook today",
    "bare-gov-uk": "See gov.uk/find-tender today",
    "bare-com": "See example.com today",
    "cased": "See HTTPS://WWW.Example.COM/index.html today",
    "tco": "See https://t.co/abc123 today",
}


@pytest.mark.parametrize("text", URLS.values(), ids=URLS.keys())
def test_a_url_counts_23_whatever_its_length(text):
    assert weighted_length(text) == len("See ") + 23 + len(" today")


NOT_URLS = {
    "email": "sarah.jones@example.com",
    "file-name": "report.docx",
    "unknown-tld": "see notes.zzqx",
    "abbreviation": "i.e. that",
    "decimal": "3.5 million",
    "word-run-on": "end.Thanks",
    "after-at": "@example.com",
    "after-hash": "#example.com",
    "label-over-63": "a" * 64 + ".com",
    "ftp": "ftp",
}


@pytest.mark.parametrize("text", NOT_URLS.values(), ids=NOT_URLS.keys())
def test_not_a_url_counts_each_character(text):
    assert weighted_length(text) == len(text)


def test_url_path_stops_before_trailing_punctuation():
    # The full stop after the address is prose: 23 + 1.
    assert weighted_length("https://example.com/page.") == 24


def test_bare_domain_after_a_slash_is_not_a_url():
    assert weighted_length("and/example.com") == len("and/example.com")


def test_over_limit_offset_is_in_the_original_text():
    # Decomposed accents shrink under NFC; the offset still indexes the original text.
    text = "e\u0301" * 300
    parsed = counter().parse(text)
    assert parsed.weighted_length == 300
    assert parsed.overflow_at == 560
    assert unicodedata.normalize("NFC", text[: parsed.overflow_at]) == "\u00e9" * 280


def test_under_limit_has_no_overflow():
    parsed = counter().parse("Hello")
    assert parsed.overflow_at is None
    assert parsed.fits == 5
    assert parsed.valid


def test_invalid_character_makes_text_invalid_but_counts():
    parsed = counter().parse("ab\ufeffc")
    assert not parsed.valid
    assert parsed.invalid_at == 2
    assert parsed.overflow_at is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ae\u0301\u0308\u0323\u1100\u1161\u11a8 .\u00e9")))
def test_nfc_offsets_map_to_prefixes_of_the_normal_form(text):
    normal = unicodedata.normalize("NFC", text)
    for position in range(len(normal) + 1):
        offset = _original_offset(text, position)
        prefix = unicodedata.normalize("NFC", text[:offset])
        assert 0 <= offset <= len(text)
        assert normal.startswith(prefix)
        assert len(prefix) <= position
    assert _original_offset(text, len(normal)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_has_a_sane_measure(text):
    parsed = counter().parse(text)
    assert parsed.weighted_length >= 0
    assert 0 <= parsed.fits <= len(text)
    assert parsed.overflow_at is None or parsed.overflow_at < len(text)
    assert parsed.invalid_at is None or 0 <= parsed.invalid_at < len(text)
