"""Properties of the engine on any text: valid sorted spans, no exception, no network."""

from __future__ import annotations

import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks

POLICY = checks.load_policy()
WORDS = st.sampled_from(
    [
        "07700 900123", "SK1 3XE", "ITT", "going forward", "sh*t", "#socialvalue", "Labour",
        "bidders' briefing", "on 4 May", "\u0130", "\u00df", "\U0001f600", "\r\n", "Scunthorpe",
        "test@example.com", "AB 12 34 56 C", "4111 1111 1111 1111", "BREAKING:", "  ", "\u200d",
    ]
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(st.one_of(WORDS, st.text(max_size=5))).map("".join))
ALTS = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", "IMG_0042.jpg", "Image of buyers", "Buyers at the fair", "x" * 251]),
)
IMAGES = st.lists(st.builds(checks.ImageRef, st.text(max_size=12), ALTS), max_size=3)

#: Checks about the post as a whole (an image), not a span: their findings have the empty
#: span at offset 0.
DOCUMENT_LEVEL = frozenset({"accessibility.alt-text"})


@settings(max_examples=300, deadline=None)
@given(TEXTS, IMAGES)
def test_any_text_gives_sorted_valid_spans(text, images):
    report = checks.check(text, policy=POLICY, images=images)
    keys = [f.sort_key() for f in report.findings]
    assert keys == sorted(keys)
    spans = [f.sort_key() for f in report.findings if f.check not in DOCUMENT_LEVEL]
    assert len(set(spans)) == len(spans)
    for finding in report.findings:
        if finding.check in DOCUMENT_LEVEL:
            assert finding.start == finding.end == 0
            assert finding.replacements == ()
            assert any(f"Image '{image.name}'" in finding.message for image in images)
        else:
            assert 0 <= finding.start < finding.end <= len(text)
        assert finding.text == text[finding.start : finding.end]
        assert finding.clause


def test_findings_are_the_same_whatever_the_rule_order():
    text = "Going forward, call 07700 900123 about the ITT. #socialvalue #meetthebuyer #sme"
    first = checks.check(text, policy=POLICY).to_dict()
    again = checks.check(text, policy=checks.load_policy()).to_dict()
    assert first == again


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_checking_needs_no_network(no_network):
    policy = checks.load_policy()
    text = (
        "Going forward, call Sarah on 07700 900123 about the ITT. #socialvalue #meetthebuyer #sme "
        "Vote Labour! BREAKING: our portal crashed. In my opinion the supplier was useless. "
    ) * 20
    report = checks.check(text, policy=policy, platforms=("x", "linkedin", "website"))
    assert report.findings
