"""The RE2 prefilter never changes what a pattern finds, only how fast."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import checks
from checks.prefilter import SHORT, Prefiltered, widen
from checks.rules import TermGroup
from checks.text import Document
from tests.checks.corpus import load_posts


def policy_patterns(policy):
    seen = []
    for checker in policy.checkers:
        for group in vars(checker).values():
            if isinstance(group, TermGroup) and group.pattern is not None:
                seen.append(group.pattern)
    return seen


@pytest.fixture(scope="module")
def patterns(policy):
    found = policy_patterns(policy)
    assert len(found) >= 10
    return found


@pytest.fixture(scope="module")
def long_text():
    text = "\n\n".join(p.text.lower() for p in load_posts())
    assert len(text) > 10 * SHORT
    return text


def test_most_policy_patterns_get_a_prefilter(patterns):
    assert sum(p.fast is not None for p in patterns) >= 0.8 * len(patterns)


def test_prefiltered_matches_equal_re_on_the_corpus(patterns, long_text):
    for pattern in patterns:
        expected = [m.span() for m in pattern.pattern.finditer(long_text)]
        assert [m.span() for m in pattern.finditer(long_text)] == expected, pattern.pattern.pattern


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["we ", "got ", "it ", "wrong", " bids ", "12 ", "café ", "\u2019", "\n", "x" * 50, "é"]
        ),
        min_size=300,
        max_size=900,
    )
)
def test_prefiltered_matches_equal_re_on_any_text(policy, words):
    text = "".join(words)
    for pattern in policy_patterns(policy):
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in pattern.pattern.finditer(text)
        ]


@pytest.mark.parametrize(
    ("python", "text"),
    [
        (r"\bbid\b", "a bid here"),
        (r"(?<!\w)caf\w+(?!\s+closed)", "café open"),
        (r"[\w&'-]+ ltd", "o'neil & sons ltd"),
        (r"\u2019s\s+bid", "acme\u2019s bid"),
        (r"\d+\s+bids", "١٢ bids"),
    ],
)
def test_widened_pattern_matches_at_least_as_much(python, text):
    import re2

    assert re.search(python, text)
    assert re2.search(widen(python), text)


def test_pattern_without_re2_form_still_works():
    pattern = Prefiltered(re.compile(r"(a)\1"))
    assert pattern.fast is None
    assert [m.span() for m in pattern.finditer("x aa " * 1000)][:1] == [(2, 4)]


def _findings_without_pattern_set(policy, monkeypatch, text, **kwargs):
    with monkeypatch.context() as patch:
        patch.setattr(policy.lexicon.patterns, "matching", lambda text, folded: None)
        return checks.check(text, policy=policy, **kwargs).findings


def test_pattern_set_rules_out_most_patterns_of_a_clean_post(policy):
    doc = Document("Join us at the Meet the Buyer event in Rochdale on Friday.")
    matched = policy.lexicon.patterns.matching(doc.text, doc.folded)
    assert matched is not None
    assert len(matched) < 0.1 * len(policy.lexicon.patterns)


def test_pattern_set_never_changes_the_findings_on_the_corpus(admin_policy, monkeypatch):
    for post in load_posts():
        kwargs = {"platforms": (post.platform,), "audiences": post.audiences, "date": post.date}
        fast = checks.check(post.text, policy=admin_policy, **kwargs).findings
        slow = _findings_without_pattern_set(admin_policy, monkeypatch, post.text, **kwargs)
        assert fast == slow, post.id


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=400))
def test_pattern_set_answers_or_declines_on_any_text(policy, text):
    doc = Document(text)
    matched = policy.lexicon.patterns.matching(doc.text, doc.folded)
    assert matched is None or all(0 <= i < len(policy.lexicon.patterns) for i in matched)
