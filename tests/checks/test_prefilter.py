"""The RE2 prefilter never changes what a pattern finds, only how fast."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.prefilter import SHORT, Prefiltered, widen
from checks.rules import TermGroup
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
